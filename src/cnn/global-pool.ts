/** Global pooling: one value per channel of an [h, w, c] map, as tf.max / tf.mean over the spatial axes. */
import type { Tensor } from './tensor';
import { checkTensor, oneOf } from './validate';

/** The global reductions: largest value or mean of each channel. */
export const GLOBAL_POOL_TYPES = ['max', 'avg'] as const;

/** A global reduction: 'max' or 'avg'. */
export type GlobalPoolType = (typeof GLOBAL_POOL_TYPES)[number];

/** Reduces an [h, w, c] map to [1, 1, c]: the maximum or the mean of each channel over all h * w cells. */
export function globalPool(input: Tensor, type: GlobalPoolType): Tensor {
	const op = 'globalPool';
	const [h = 1, w = 1, c = 1] = checkTensor(op, 'input', input, [3], '[height, width, channels]');
	const kind = oneOf(op, 'type', type, GLOBAL_POOL_TYPES);
	const x = input.data;
	const acc = new Float64Array(c).fill(kind === 'max' ? -Infinity : 0);
	const cells = h * w;
	for (let i = 0; i < cells; i++) {
		const base = i * c;
		if (kind === 'max') {
			for (let ch = 0; ch < c; ch++) if (x[base + ch]! > acc[ch]!) acc[ch] = x[base + ch]!;
		} else {
			for (let ch = 0; ch < c; ch++) acc[ch]! += x[base + ch]!;
		}
	}
	if (kind === 'avg') for (let ch = 0; ch < c; ch++) acc[ch] = acc[ch]! / cells;
	return { shape: [1, 1, c], data: Float32Array.from(acc) };
}
