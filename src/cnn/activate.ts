/** Element-wise activations (and softmax over the channel axis) of a tensor, as tf.relu & co. */
import type { Tensor } from './tensor';
import { checkTensor, oneOf } from './validate';

/** The supported activation functions. */
export const ACTIVATIONS = ['relu', 'leaky-relu', 'sigmoid', 'tanh', 'softmax'] as const;

/** An activation function name. */
export type Activation = (typeof ACTIVATIONS)[number];

/** Slope of leaky-relu for negative inputs, as tf.leakyRelu's default. */
export const LEAKY_RELU_ALPHA = 0.2;

/**
 * Applies an activation to a tensor of any shape (rank >= 1), returning the same shape: relu max(x, 0),
 * leaky-relu x < 0 ? 0.2x : x, sigmoid 1 / (1 + e^-x), tanh, or softmax over the last axis (channels).
 */
export function activate(input: Tensor, fn: Activation): Tensor {
	const op = 'activate';
	const shape = checkTensor(op, 'input', input, [1, 2, 3, 4, 5, 6], 'of rank 1 to 6, e.g. [height, width, channels]');
	const kind = oneOf(op, 'fn', fn, ACTIVATIONS);
	const x = input.data;
	const n = x.length;
	const out = new Float32Array(n);
	switch (kind) {
		case 'relu':
			for (let i = 0; i < n; i++) out[i] = Math.max(x[i]!, 0);
			break;
		case 'leaky-relu':
			for (let i = 0; i < n; i++) out[i] = x[i]! < 0 ? LEAKY_RELU_ALPHA * x[i]! : x[i]!;
			break;
		case 'sigmoid':
			for (let i = 0; i < n; i++) out[i] = 1 / (1 + Math.exp(-x[i]!));
			break;
		case 'tanh':
			for (let i = 0; i < n; i++) out[i] = Math.tanh(x[i]!);
			break;
		case 'softmax':
			softmax(x, out, shape[shape.length - 1] ?? 1);
			break;
	}
	return { shape, data: out };
}

/** Softmax of each run of `c` consecutive values (one cell's channels), shifted by the run's max for stability. */
function softmax(x: Float32Array, out: Float32Array, c: number): void {
	for (let base = 0; base < x.length; base += c) {
		let max = -Infinity;
		for (let k = 0; k < c; k++) max = Math.max(max, x[base + k]!);
		let sum = 0;
		for (let k = 0; k < c; k++) sum += Math.exp(x[base + k]! - max);
		for (let k = 0; k < c; k++) out[base + k] = Math.exp(x[base + k]! - max) / sum;
	}
}
