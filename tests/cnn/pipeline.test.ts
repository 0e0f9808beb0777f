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

describe('ConvComputation.withKernel', () => {
	/** Every number a widget draws or explains, for comparing two computations bit for bit. */
	function drawn(c: ReturnType<typeof computeConv>, filters: number): unknown {
		const [oh = 1, ow = 1] = c.output.shape;
		const cells = [];
		for (let f = 0; f < filters; f++) cells.push(c.explain({ row: 0, col: 0, filter: f }), c.explain({ row: oh - 1, col: ow - 1, filter: f }));
		const pool = c.pool && { output: Array.from(c.pool.output.data), first: c.pool.summary({ row: 0, col: 0, channel: filters - 1 }, 5) };
		return { filters: Array.from(c.filters.data), output: Array.from(c.output.data), activated: c.activated && Array.from(c.activated.data), pool, cells, steps: c.steps };
	}

	const cases: [string, Partial<ConvSetup>, number][] = [
		['x=[12,10,3] 2 filters p=valid relu max-pool 2 (the widget chain on a picture)', { activation: 'relu', pool: { type: 'max', size: [2, 2], stride: [2, 2], padding: 'valid' } }, 3],
		['x=[9,11,1] 3 filters s=[2,1] p=same d=2 bias sigmoid avg-pool 3 s=2 same', { stride: [2, 1], padding: 'same', dilation: [2, 2], bias: [0.5, -1, 2], activation: 'sigmoid', pool: { type: 'avg', size: [3, 3], stride: [2, 2], padding: 'same' } }, 1],
		['x=[8,8,3] 2 filters p=full flip leaky-relu, no pool', { padding: 'full', flip: true, activation: 'leaky-relu' }, 3],
		['x=[7,7,1] 2 filters p=[1,2] no activation, min-pool 2', { padding: [1, 2], pool: { type: 'min', size: [2, 2], stride: [2, 2], padding: 'valid' } }, 1],
		['x=[5,6,1] 2 filters transposed s=2 bias (computed anew)', { transpose: true, stride: [2, 2], bias: [1, -1] }, 1],
	];

	it.each(cases)('%s: equals computeConv on the edited kernels, bit for bit, for an edit of each filter', (_, settings, channels) => {
		const rng = new Rng(7);
		const [h, w] = settings.transpose ? [5, 6] : [9 + channels, 10];
		const data = Float32Array.from({ length: h * w * channels }, () => rng.float(-1, 1));
		const n = settings.bias?.length ?? 2;
		const setup: ConvSetup = { ...base, ...settings, input: { shape: [h, w, channels], data }, kernels: Array.from({ length: n }, () => matrix(rng, 3, 3)) };
		for (let f = 0; f < n; f++) {
			const edited = setup.kernels.map((k, i) => (i === f ? matrix(rng, 3, 3) : k));
			const before = computeConv(setup);
			const kept = drawn(before, n);
			const after = before.withKernel(f, edited[f]!);
			expect(drawn(after, n)).toEqual(drawn(computeConv({ ...setup, kernels: edited }), n));
			expect(drawn(before, n)).toEqual(kept); // the computation edited from is left as it was
		}
	});

	it('x=[6,6,1] 2 filters relu max-pool 2: an edit of filter 2 leaves filter 1 channel of every stage as it was', () => {
		const rng = new Rng(3);
		const setup: ConvSetup = {
			...base,
			activation: 'relu',
			pool: { type: 'max', size: [2, 2], stride: [2, 2], padding: 'valid' },
			input: { shape: [6, 6, 1], data: Float32Array.from({ length: 36 }, () => rng.int(-3, 3)) },
			kernels: [matrix(rng, 3, 3), matrix(rng, 3, 3)],
		};
		const before = computeConv(setup);
		const after = before.withKernel(1, [[0, 0, 0], [0, 5, 0], [0, 0, 0]]);
		const channel = (t: { data: Float32Array }, c: number): number[] => Array.from(t.data).filter((_, i) => i % 2 === c);
		for (const [a, b] of [[before.output, after.output], [before.activated!, after.activated!], [before.pool!.output, after.pool!.output]] as const) {
			expect(channel(b, 0)).toEqual(channel(a, 0));
		}
		expect(channel(after.output, 1)).toEqual(Array.from(conv2d(setup.input, stackKernels([[[0, 0, 0], [0, 5, 0], [0, 0, 0]]], 1)).data));
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
