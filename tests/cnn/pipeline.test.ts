/**
 * The conv -> activation -> pool pipeline (src/cnn/pipeline.ts, pool-computation.ts): what the conv
 * and pool widgets draw, checked against the ops it is built from and the shared shape maths.
 */
import {
	activate,
	computeConv,
	computePool,
	conv2d,
	conv2dTranspose,
	convTransposeOutputSize,
	kernelMatrices,
	pool2d,
	stackKernels,
	tensor,
	toArray,
	transposeAxisPadding,
	type ConvSetup,
} from '../../src/cnn';
import { SEED_INPUT, SEED_KERNEL } from '../helpers/seed';
import { Rng } from './helpers';

const base: Omit<ConvSetup, 'input' | 'kernels'> = {
	bias: undefined,
	stride: [1, 1],
	padding: 'valid',
	dilation: [1, 1],
	flip: false,
	transpose: false,
	activation: 'none',
	pool: undefined,
};

/** A random integer matrix rows x cols in [-3, 3]. */
function matrix(rng: Rng, rows: number, cols: number): number[][] {
	return Array.from({ length: rows }, () => Array.from({ length: cols }, () => rng.int(-3, 3)));
}

describe('computeConv', () => {
	it('the classic 5x5 input and 3x3 kernel: output [[4,3,4],[2,4,3],[2,3,4]], 9 steps, cell (1, 2) explained', () => {
		const comp = computeConv({ ...base, input: tensor(SEED_INPUT), kernels: [SEED_KERNEL] });
		expect(toArray(comp.output)).toEqual([
			[4, 3, 4],
			[2, 4, 3],
			[2, 3, 4],
		]);
		expect(comp.steps).toBe(9);
		expect(comp.cellOfStep(5)).toEqual({ filter: 0, row: 1, col: 2 });
		expect(comp.explain({ row: 1, col: 2, filter: 0 }).output).toBe(3);
		expect(comp.axes.rows).toEqual({ size: 5, kernel: 3, stride: 1, dilation: 1, before: 0, after: 0 });
	});

	it('x=[7,6,3] 2 filters s=2 d=1 p=same bias relu max-pool 2: each stage equals its op', () => {
		const rng = new Rng(9);
		const input = { shape: [7, 6, 3], data: Float32Array.from({ length: 126 }, () => rng.int(-4, 4)) };
		const kernels = [matrix(rng, 3, 3), matrix(rng, 3, 3)];
		const setup: ConvSetup = { ...base, input, kernels, stride: [2, 2], padding: 'same', bias: [1, -2], activation: 'relu', pool: { type: 'max', size: [2, 2], stride: [2, 2], padding: 'valid' } };
		const comp = computeConv(setup);
		const expected = conv2d(input, stackKernels(kernels, 3), { stride: [2, 2], padding: 'same', bias: [1, -2] });
		expect(comp.output).toEqual(expected);
		expect(comp.activated).toEqual(activate(expected, 'relu'));
		expect(comp.pool?.output).toEqual(pool2d(activate(expected, 'relu'), { type: 'max', size: [2, 2], stride: [2, 2] }));
		expect(comp.steps).toBe(4 * 3 * 2);
	});

	it("transposed, padding 'full' crops nothing: the output is conv2dTranspose's with padding 'valid', plus the bias", () => {
		const rng = new Rng(4);
		const input = tensor(matrix(rng, 3, 4));
		const kernels = [matrix(rng, 2, 3)];
		const comp = computeConv({ ...base, input, kernels, transpose: true, stride: [2, 2], padding: 'full', bias: [0.5] });
		const [kh, kw, c, n] = stackKernels(kernels, 1).shape as [number, number, number, number];
		const tfFilters = { shape: [kh, kw, n, c], data: stackKernels(kernels, 1).data };
		const plain = conv2dTranspose(input, tfFilters, { stride: [2, 2], padding: 'valid' });
		expect(Array.from(comp.output.data)).toEqual(Array.from(plain.data, (v) => v + 0.5));
		expect(comp.output.shape).toEqual([convTransposeOutputSize(3, 2, { stride: 2 }), convTransposeOutputSize(4, 3, { stride: 2 }), 1]);
	});
});

describe('transposeAxisPadding', () => {
	it("'full' is 'valid' for a transposed convolution; other paddings pass through, [rows, cols] per axis", () => {
		expect(transposeAxisPadding('full', 0)).toBe('valid');
		expect(transposeAxisPadding('same', 1)).toBe('same');
		expect(transposeAxisPadding('valid', 0)).toBe('valid');
		expect(transposeAxisPadding([2, 1], 0)).toBe(2);
		expect(transposeAxisPadding([2, 1], 1)).toBe(1);
	});
});

describe('kernelMatrices', () => {
	it('undoes stackKernels for single-channel filters [kh, kw, 1, n]', () => {
		const rng = new Rng(2);
		const kernels = [matrix(rng, 2, 3), matrix(rng, 2, 3), matrix(rng, 2, 3)];
		expect(kernelMatrices(stackKernels(kernels, 1))).toEqual(kernels);
	});
});

describe('computePool', () => {
	it('global avg over a [4, 5, 2] input: one cell per channel, the channel mean, window = the whole map', () => {
		const data = Float32Array.from({ length: 40 }, (_, i) => i);
		const comp = computePool({ shape: [4, 5, 2], data }, { type: 'max', size: [2, 2], stride: [2, 2], padding: 'valid' }, 'avg');
		expect(comp.output.shape).toEqual([1, 1, 2]);
		expect(Array.from(comp.output.data)).toEqual([19, 20]);
		expect(comp.options.size).toEqual([4, 5]);
		expect(comp.steps).toBe(2);
	});

	it("'same' padding draws only the padding ring a window reads: 5x5, 2x2 stride 2 pads one row and column after", () => {
		const comp = computePool(tensor(SEED_INPUT), { type: 'avg', size: [2, 2], stride: [2, 2], padding: 'same' });
		expect(comp.output.shape).toEqual([3, 3, 1]);
		expect(comp.pads).toEqual([0, 1, 0, 1]);
	});
});
