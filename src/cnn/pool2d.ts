/** 2-D max / average / min pooling of an [h, w, c] map, channel by channel, as tf.maxPool and tf.avgPool. */
import { geometry2d, type Geometry2D } from './shape';
import type { Tensor } from './tensor';
import { checkOptions, checkPadding, checkTensor, fail, intPair, oneOf } from './validate';

/** The pooling reductions: largest, mean, or smallest value of each window. */
export const POOL_TYPES = ['max', 'avg', 'min'] as const;

/** A pooling reduction: 'max', 'avg' or 'min'. */
export type PoolType = (typeof POOL_TYPES)[number];

/** Options of pool2d; size and stride in cells, as [rows, cols] or one number for both. */
export interface PoolOptions {
	/** The reduction applied to each window. */
	type: PoolType;
	/** Window size. */
	size: number | [number, number];
	/** Step between windows (defaults to `size`: non-overlapping windows). */
	stride?: number | [number, number];
	/** 'valid' (default): windows inside the input; 'same': TensorFlow padding, padded cells ignored. */
	padding?: 'valid' | 'same';
}

/** A validated pooling: reduction, window sweep and channel count, shared by pool2d and explainPool. */
export interface PoolPlan {
	type: PoolType;
	geometry: Geometry2D;
	channels: number;
}

/** Checks pool2d's arguments once (throwing errors that name `op`) and computes the window sweep. */
export function planPool2d(op: string, input: Tensor, opts: PoolOptions): PoolPlan {
	const [h = 1, w = 1, channels = 1] = checkTensor(op, 'input', input, [3], '[height, width, channels]');
	const o = checkOptions(op, opts, true);
	const type = oneOf(op, 'type', o.type, POOL_TYPES);
	if (o.size === undefined) fail(op, 'size must be a positive integer or a [rows, cols] pair of them, got undefined');
	const size = intPair(op, 'size', o.size, 1, 1);
	const stride = o.stride === undefined ? size : intPair(op, 'stride', o.stride, 1, 1);
	const padding = checkPadding(op, o.padding, ['valid', 'same'], 'none');
	const geometry = geometry2d(op, 'window', [h, w], size, stride, [1, 1], padding);
	return { type, geometry, channels };
}

/**
 * Pools an [h, w, c] map into [outH, outW, c]: each output cell is the max, mean or min of the input
 * cells in its window, per channel; padded cells never count (the mean divides by real cells only).
 */
export function pool2d(input: Tensor, opts: PoolOptions): Tensor {
	const plan = planPool2d('pool2d', input, opts);
	const { rows, cols } = plan.geometry;
	const out = new Float32Array(rows.out * cols.out * plan.channels);
	poolInto(out, input.data, plan);
	return { shape: [rows.out, cols.out, plan.channels], data: out };
}

/** The input rows (or columns) of each output row (or column): [lo, hi) clipped to the input, padding left out. */
function windowBounds(g: Geometry2D['rows']): { lo: Int32Array; hi: Int32Array } {
	const lo = new Int32Array(g.out);
	const hi = new Int32Array(g.out);
	for (let o = 0; o < g.out; o++) {
		const first = o * g.stride - g.before;
		lo[o] = Math.max(0, first);
		hi[o] = Math.min(g.size, first + g.kernel);
	}
	return { lo, hi };
}

/**
 * The loops of pool2d, one per reduction (no type test per cell, no fill): window bounds are clipped
 * once per output row and column, and each channel's window is read in row-major order, so a mean
 * sums in the same order (in double precision, from its first cell) as explainPool writes it.
 */
function poolInto(out: Float32Array, x: Float32Array, plan: PoolPlan): void {
	const { rows, cols } = plan.geometry;
	const ys = windowBounds(rows);
	const xs = windowBounds(cols);
	if (plan.type === 'avg') averageInto(out, x, plan.channels, cols.size, ys, xs);
	else extremeInto(out, x, plan.channels, cols.size, ys, xs, plan.type === 'max' ? 1 : -1);
}

/** Window bounds of the output rows or columns (see windowBounds). */
type Bounds = { lo: Int32Array; hi: Int32Array };

/** Max (sign 1) or min (sign -1: the max of -x, negated) of every window, channel by channel. */
function extremeInto(out: Float32Array, x: Float32Array, c: number, inW: number, ys: Bounds, xs: Bounds, sign: 1 | -1): void {
	const inRow = inW * c;
	const outH = ys.lo.length;
	const outW = xs.lo.length;
	let o = 0;
	for (let oy = 0; oy < outH; oy++) {
		const rowFirst = ys.lo[oy]! * inRow;
		const rowEnd = ys.hi[oy]! * inRow;
		for (let ox = 0; ox < outW; ox++) {
			const colFirst = xs.lo[ox]! * c;
			const colEnd = xs.hi[ox]! * c;
			for (let ch = 0; ch < c; ch++, o++) {
				let best = sign * x[rowFirst + colFirst + ch]!;
				for (let row = rowFirst; row < rowEnd; row += inRow) {
					for (let i = row + colFirst + ch, end = row + colEnd; i < end; i += c) {
						const v = sign * x[i]!;
						if (v > best) best = v;
					}
				}
				out[o] = sign * best;
			}
		}
	}
}

/** Mean of every window, channel by channel: a double-precision sum in row-major order over the real cells. */
function averageInto(out: Float32Array, x: Float32Array, c: number, inW: number, ys: Bounds, xs: Bounds): void {
	const inRow = inW * c;
	const outH = ys.lo.length;
	const outW = xs.lo.length;
	let o = 0;
	for (let oy = 0; oy < outH; oy++) {
		const rowFirst = ys.lo[oy]! * inRow;
		const rowEnd = ys.hi[oy]! * inRow;
		const h = ys.hi[oy]! - ys.lo[oy]!;
		for (let ox = 0; ox < outW; ox++) {
			const colFirst = xs.lo[ox]! * c;
			const colEnd = xs.hi[ox]! * c;
			const count = h * (xs.hi[ox]! - xs.lo[ox]!);
			for (let ch = 0; ch < c; ch++, o++) {
				let sum = 0;
				for (let row = rowFirst; row < rowEnd; row += inRow) {
					for (let i = row + colFirst + ch, end = row + colEnd; i < end; i += c) sum += x[i]!;
				}
				out[o] = sum / count;
			}
		}
	}
}
