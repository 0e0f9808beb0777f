/** 2-D max / average / min pooling of an [h, w, c] map, channel by channel, as tf.maxPool and tf.avgPool. */
import { geometry2d, type Geometry2D } from './shape';
import type { Tensor } from './tensor';
import { averageInto, coversAxis, extremeInto, windowBounds, type Sweep } from './pool2d-loops';
import { checkFinite, checkOptions, checkPadding, checkTensorShape, fail, intPair, oneOf } from './validate';

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

const LAYOUT = '[height, width, channels]';

/** Checks pool2d's arguments once (throwing errors that name `op`) and computes the window sweep. */
export function planPool2d(op: string, input: Tensor, opts: PoolOptions): PoolPlan {
	const dims = checkTensorShape(op, 'input', input, [3], LAYOUT);
	checkFinite(op, 'input', input.data, dims);
	return planWindows(op, dims, opts);
}

/** planPool2d after the input's shape is checked: the options against an [h, w, c] input. */
function planWindows(op: string, [h = 1, w = 1, channels = 1]: number[], opts: PoolOptions): PoolPlan {
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
 * Of equal zeros (0 and -0) max and min keep the first in row-major order.
 */
export function pool2d(input: Tensor, opts: PoolOptions): Tensor {
	const op = 'pool2d';
	const dims = checkTensorShape(op, 'input', input, [3], LAYOUT);
	let plan: PoolPlan;
	try {
		plan = planWindows(op, dims, opts);
	} catch (e) {
		checkFinite(op, 'input', input.data, dims); // a bad value is reported before bad options, as planPool2d does
		throw e;
	}
	const { rows, cols } = plan.geometry;
	const out = new Float32Array(rows.out * cols.out * plan.channels);
	const sweep: Sweep = { inW: cols.size, c: plan.channels, ys: windowBounds(rows), xs: windowBounds(cols) };
	// The loops look at the values they read: the input's values are checked here when they saw a
	// NaN or ±Infinity (to name the first one) or when some input cells lie in no window.
	const x = input.data;
	const bad =
		plan.type === 'avg'
			? averageInto(out, x, sweep)
			: extremeInto(new Int32Array(out.buffer), new Int32Array(x.buffer, x.byteOffset, x.length), x, sweep, plan.type === 'max' ? 0 : -1);
	if (bad || !coversAxis(sweep.ys, rows.size) || !coversAxis(sweep.xs, cols.size)) checkFinite(op, 'input', x, dims);
	return { shape: [rows.out, cols.out, plan.channels], data: out };
}
