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
	const { type, geometry, channels: c } = planPool2d('pool2d', input, opts);
	const { rows, cols } = geometry;
	const inH = rows.size;
	const inW = cols.size;
	const outH = rows.out;
	const outW = cols.out;
	const x = input.data;
	const out = new Float32Array(outH * outW * c);
	const acc = new Float64Array(c);
	const start = type === 'max' ? -Infinity : type === 'min' ? Infinity : 0;
	for (let oy = 0; oy < outH; oy++) {
		const y0 = oy * rows.stride - rows.before;
		for (let ox = 0; ox < outW; ox++) {
			const x0 = ox * cols.stride - cols.before;
			acc.fill(start);
			let count = 0;
			for (let ky = 0; ky < rows.kernel; ky++) {
				const iy = y0 + ky;
				if (iy < 0 || iy >= inH) continue;
				for (let kx = 0; kx < cols.kernel; kx++) {
					const ix = x0 + kx;
					if (ix < 0 || ix >= inW) continue;
					const base = (iy * inW + ix) * c;
					count++;
					if (type === 'max') {
						for (let ch = 0; ch < c; ch++) if (x[base + ch]! > acc[ch]!) acc[ch] = x[base + ch]!;
					} else if (type === 'min') {
						for (let ch = 0; ch < c; ch++) if (x[base + ch]! < acc[ch]!) acc[ch] = x[base + ch]!;
					} else {
						for (let ch = 0; ch < c; ch++) acc[ch]! += x[base + ch]!;
					}
				}
			}
			const oBase = (oy * outW + ox) * c;
			if (type === 'avg') for (let ch = 0; ch < c; ch++) out[oBase + ch] = acc[ch]! / count;
			else for (let ch = 0; ch < c; ch++) out[oBase + ch] = acc[ch]!;
		}
	}
	return { shape: [outH, outW, c], data: out };
}
