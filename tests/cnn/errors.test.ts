import {
	activate,
	conv2d,
	conv2dTranspose,
	convOutputSize,
	convTransposeOutputSize,
	explainConv,
	explainPool,
	globalPool,
	pool2d,
	type Tensor,
} from '../../src/cnn';

/** A tensor of this shape filled with ones. */
function ones(shape: number[]): Tensor {
	return { shape, data: new Float32Array(shape.reduce((a, b) => a * b, 1)).fill(1) };
}

/** Calls an op with arguments of the wrong types, as a parsed note or another plugin might pass them. */
function call<A extends unknown[]>(fn: (...args: A) => unknown, ...args: unknown[]): () => unknown {
	return () => fn(...(args as A));
}

const x = ones([3, 3, 1]);
const f = ones([2, 2, 1, 1]);
const x5 = ones([5, 5, 1]);

describe('invalid arguments throw errors that name the op, the argument, the value and what is allowed', () => {
	it.each<[string, () => unknown, RegExp]>([
		['conv2d stride 0', call(conv2d, x, f, { stride: 0 }), /^conv2d: stride must be a positive integer, got 0$/],
		['conv2d stride 1.5', call(conv2d, x, f, { stride: 1.5 }), /^conv2d: stride must be a positive integer, got 1.5$/],
		['conv2d stride [1, 0]', call(conv2d, x, f, { stride: [1, 0] }), /^conv2d: stride must be a positive integer or a \[rows, cols\] pair of them, got \[1, 0\]$/],
		['conv2d stride "2"', call(conv2d, x, f, { stride: '2' }), /conv2d: stride .* got '2'/],
		['conv2d dilation 0', call(conv2d, x, f, { dilation: 0 }), /^conv2d: dilation must be a positive integer, got 0$/],
		['conv2d dilation [2]', call(conv2d, x, f, { dilation: [2] }), /conv2d: dilation .* got \[2\]/],
		['conv2d padding "sam"', call(conv2d, x, f, { padding: 'sam' }), /^conv2d: padding must be 'valid', 'same', 'full', a non-negative integer, \[rows, cols\] of them, got 'sam'$/],
		['conv2d padding -1', call(conv2d, x, f, { padding: -1 }), /conv2d: padding .* got -1/],
		['conv2d padding 0.5', call(conv2d, x, f, { padding: 0.5 }), /conv2d: padding .* got 0.5/],
		['conv2d padding [1, 2, 3]', call(conv2d, x, f, { padding: [1, 2, 3] }), /conv2d: padding .* got \[1, 2, 3\]/],
		['conv2d channel mismatch', call(conv2d, ones([3, 3, 3]), f), /^conv2d: input has 3 channels but filters expect 1$/],
		['conv2d kernel larger than input', call(conv2d, x, ones([5, 5, 1, 1])), /^conv2d: kernel \(5x5, dilated 5x5\) is larger than the padded input \(3x3\)$/],
		['conv2d dilated kernel larger than input', call(conv2d, ones([4, 4, 1]), ones([3, 3, 1, 1]), { dilation: 2 }), /^conv2d: kernel \(3x3, dilated 5x5\) is larger than the padded input \(4x4\)$/],
		['conv2d kernel larger than padded input', call(conv2d, x, ones([6, 2, 1, 1]), { padding: [1, 0] }), /kernel \(6x2, dilated 6x2\) is larger than the padded input \(5x3\)/],
		['conv2d NaN in input', call(conv2d, { shape: [2, 2, 1], data: Float32Array.from([1, 2, NaN, 4]) }, ones([1, 1, 1, 1])), /^conv2d: input must contain only finite numbers, got NaN at \[1, 0, 0\]$/],
		['conv2d Infinity in filters', call(conv2d, x, { shape: [1, 1, 1, 1], data: Float32Array.from([Infinity]) }), /^conv2d: filters must contain only finite numbers, got Infinity at \[0, 0, 0, 0\]$/],
		['conv2d non-integer size', call(conv2d, { shape: [2.5, 2, 1], data: new Float32Array(5) }, f), /^conv2d: input shape must be positive integers, got \[2.5, 2, 1\]$/],
		['conv2d zero size', call(conv2d, { shape: [0, 2, 1], data: new Float32Array(0) }, f), /conv2d: input shape must be positive integers, got \[0, 2, 1\]/],
		['conv2d data length', call(conv2d, { shape: [2, 2, 1], data: new Float32Array(3) }, f), /^conv2d: input data has 3 values but shape \[2, 2, 1\] needs 4$/],
		['conv2d data not Float32Array', call(conv2d, { shape: [1, 1, 1], data: [1] }, f), /conv2d: input data must be a Float32Array, got \[1\]/],
		['conv2d input rank 2', call(conv2d, ones([3, 3]), f), /^conv2d: input must have shape \[height, width, channels\], got rank 2 shape \[3, 3\]$/],
		['conv2d input rank 4', call(conv2d, ones([1, 3, 3, 1]), f), /conv2d: input must have shape .* got rank 4/],
		['conv2d input not a tensor', call(conv2d, [[1]], f), /conv2d: input must have shape/],
		['conv2d filters rank 5', call(conv2d, x, ones([1, 1, 1, 1, 1])), /^conv2d: filters must have shape \[kh, kw, inChannels, outChannels\], got rank 5/],
		['conv2d filters rank 1', call(conv2d, x, ones([3])), /conv2d: filters must have shape .* got rank 1/],
		['conv2d bias length', call(conv2d, x, f, { bias: [1, 2] }), /^conv2d: bias has 2 values but there are 1 output channels \(filters\)$/],
		['conv2d bias NaN', call(conv2d, x, f, { bias: [NaN] }), /^conv2d: bias must contain only finite numbers, got NaN at 0$/],
		['conv2d bias not an array', call(conv2d, x, f, { bias: 1 }), /conv2d: bias must be an array with one number per output channel, got 1/],
		['conv2d flip "yes"', call(conv2d, x, f, { flip: 'yes' }), /^conv2d: flip must be true or false, got 'yes'$/],
		['conv2d options 5', call(conv2d, x, f, 5), /^conv2d: options must be an object, got 5$/],
		['conv2dTranspose stride 0', call(conv2dTranspose, x, f, { stride: 0 }), /^conv2dTranspose: stride must be a positive integer, got 0$/],
		['conv2dTranspose channel mismatch', call(conv2dTranspose, ones([3, 3, 2]), f), /^conv2dTranspose: input has 2 channels but filters expect 1$/],
		['conv2dTranspose padding "full"', call(conv2dTranspose, x, f, { padding: 'full' }), /^conv2dTranspose: padding must be 'valid', 'same', a non-negative integer, got 'full'$/],
		['conv2dTranspose padding [1, 1]', call(conv2dTranspose, x, f, { padding: [1, 1] }), /conv2dTranspose: padding .* got \[1, 1\]/],
		['conv2dTranspose padding crops everything', call(conv2dTranspose, x, f, { padding: 2 }), /^conv2dTranspose: padding must leave at least one output cell \(at most 1 here\), got 2$/],
		['conv2dTranspose input rank', call(conv2dTranspose, ones([3]), f), /conv2dTranspose: input must have shape \[height, width, channels\]/],
		['pool2d type "median"', call(pool2d, x, { type: 'median', size: 2 }), /^pool2d: type must be one of 'max', 'avg', 'min', got 'median'$/],
		['pool2d no type', call(pool2d, x, { size: 2 }), /pool2d: type must be one of .* got undefined/],
		['pool2d size 0', call(pool2d, x, { type: 'max', size: 0 }), /^pool2d: size must be a positive integer, got 0$/],
		['pool2d no size', call(pool2d, x, { type: 'max' }), /^pool2d: size must be a positive integer or a \[rows, cols\] pair of them, got undefined$/],
		['pool2d stride -1', call(pool2d, x, { type: 'max', size: 2, stride: -1 }), /^pool2d: stride must be a positive integer, got -1$/],
		['pool2d padding "full"', call(pool2d, x, { type: 'avg', size: 2, padding: 'full' }), /^pool2d: padding must be 'valid', 'same', got 'full'$/],
		['pool2d padding 1', call(pool2d, x, { type: 'avg', size: 2, padding: 1 }), /pool2d: padding .* got 1$/],
		['pool2d window larger than input', call(pool2d, x, { type: 'max', size: 4 }), /^pool2d: window \(4x4\) is larger than the padded input \(3x3\)$/],
		['pool2d no options', call(pool2d, x), /^pool2d: options must be an object, got undefined$/],
		['pool2d NaN', call(pool2d, { shape: [1, 1, 1], data: Float32Array.from([NaN]) }, { type: 'max', size: 1 }), /pool2d: input must contain only finite numbers, got NaN/],
		['globalPool type "min"', call(globalPool, x, 'min'), /^globalPool: type must be one of 'max', 'avg', got 'min'$/],
		['globalPool input rank', call(globalPool, ones([3, 3]), 'max'), /globalPool: input must have shape \[height, width, channels\], got rank 2/],
		['activate fn "gelu"', call(activate, x, 'gelu'), /^activate: fn must be one of 'relu', 'leaky-relu', 'sigmoid', 'tanh', 'softmax', got 'gelu'$/],
		['activate NaN', call(activate, { shape: [2], data: Float32Array.from([0, NaN]) }, 'relu'), /^activate: input must contain only finite numbers, got NaN at \[1\]$/],
		['activate rank 0', call(activate, { shape: [], data: new Float32Array(1) }, 'relu'), /activate: input must have shape of rank 1 to 6/],
		['convOutputSize i 0', call(convOutputSize, 0, 3), /^convOutputSize: i must be a positive integer, got 0$/],
		['convOutputSize k 1.5', call(convOutputSize, 5, 1.5), /^convOutputSize: k must be a positive integer, got 1.5$/],
		['convOutputSize stride 0', call(convOutputSize, 5, 3, { stride: 0 }), /^convOutputSize: stride must be a positive integer, got 0$/],
		['convOutputSize dilation -2', call(convOutputSize, 5, 3, { dilation: -2 }), /^convOutputSize: dilation must be a positive integer, got -2$/],
		['convOutputSize padding "x"', call(convOutputSize, 5, 3, { padding: 'x' }), /^convOutputSize: padding must be 'valid', 'same', 'full' or a non-negative integer, got 'x'$/],
		['convTransposeOutputSize padding "full"', call(convTransposeOutputSize, 5, 3, { padding: 'full' }), /^convTransposeOutputSize: padding must be 'valid', 'same' or a non-negative integer, got 'full'$/],
		['explainConv at.row out of range', call(explainConv, x5, ones([3, 3, 1, 1]), {}, { row: 3, col: 0, filter: 0 }), /^explainConv: at.row must be an integer from 0 to 2, got 3$/],
		['explainConv at.col negative', call(explainConv, x5, ones([3, 3, 1, 1]), {}, { row: 0, col: -1, filter: 0 }), /^explainConv: at.col must be an integer from 0 to 2, got -1$/],
		['explainConv at.filter', call(explainConv, x5, ones([3, 3, 1, 1]), {}, { row: 0, col: 0, filter: 1 }), /^explainConv: at.filter must be an integer from 0 to 0, got 1$/],
		['explainConv no cell', call(explainConv, x5, ones([3, 3, 1, 1]), {}), /^explainConv: at \{row, col, filter\} must be an object, got undefined$/],
		['explainConv stride 0', call(explainConv, x5, ones([3, 3, 1, 1]), { stride: 0 }, { row: 0, col: 0, filter: 0 }), /^explainConv: stride must be a positive integer, got 0$/],
		['explainPool at.channel', call(explainPool, x5, { type: 'max', size: 2 }, { row: 0, col: 0, channel: 1 }), /^explainPool: at.channel must be an integer from 0 to 0, got 1$/],
		['explainPool no cell', call(explainPool, x5, { type: 'max', size: 2 }, null), /^explainPool: at \{row, col, channel\} must be an object, got null$/],
		['explainPool type', call(explainPool, x5, { type: 'sum', size: 2 }, { row: 0, col: 0, channel: 0 }), /^explainPool: type must be one of 'max', 'avg', 'min', got 'sum'$/],
	])('%s', (_, run, message) => {
		expect(run).toThrow(message);
	});
});
