/** Dense float32 tensors in tfjs's row-major layout, and conversion from/to nested number arrays. */
import { fail, isArray, show } from './validate';

/**
 * A dense tensor: `data` holds product(shape) float32 values, row-major (last axis fastest), as in tfjs;
 * images and feature maps are [height, width, channels], filters [kh, kw, inChannels, outChannels].
 */
export interface Tensor {
	/** Size of each axis, outermost first. */
	shape: number[];
	/** All values in row-major order. */
	data: Float32Array;
}

/** Number of values a tensor of this shape holds (1 for the empty shape []). */
export function sizeOf(shape: readonly number[]): number {
	let n = 1;
	for (const d of shape) n *= d;
	return n;
}

/** A zero-filled tensor of the given shape, e.g. [height, width, channels]. */
export function zeros(shape: readonly number[]): Tensor {
	return { shape: shape.slice(), data: new Float32Array(sizeOf(shape)) };
}

/**
 * Builds an image tensor from rows of numbers: 2-D rows [h][w] give shape [h, w, 1], 3-D [h][w][c]
 * give [h, w, c]; throws if the array is empty, ragged, mixed, or holds a non-finite value.
 */
export function tensor(values: number[][] | number[][][]): Tensor {
	const rows: unknown = values;
	if (!isArray(rows) || rows.length === 0) {
		fail('tensor', `values must be a non-empty array of rows, got ${show(rows)}`);
	}
	const first = rows[0];
	if (!isArray(first) || first.length === 0) {
		fail('tensor', `row 0 must be a non-empty array, got ${show(first)}`);
	}
	const deep = isArray(first[0]);
	const h = rows.length;
	const w = first.length;
	const firstCell = first[0];
	const c = deep && isArray(firstCell) ? firstCell.length : 1;
	if (c === 0) fail('tensor', `cell [0, 0] must hold at least one channel value, got []`);
	const data = new Float32Array(h * w * c);
	for (let y = 0; y < h; y++) {
		const row = rows[y];
		if (!isArray(row) || row.length !== w) {
			fail('tensor', `every row must have ${w} values like row 0, got ${show(row)} at row ${y}`);
		}
		for (let x = 0; x < w; x++) {
			const cell = row[x];
			if (deep) {
				if (!isArray(cell) || cell.length !== c) {
					fail('tensor', `every cell must hold ${c} channel values like cell [0, 0], got ${show(cell)} at [${y}, ${x}]`);
				}
				for (let ch = 0; ch < c; ch++) data[(y * w + x) * c + ch] = finite(cell[ch], `[${y}, ${x}, ${ch}]`);
			} else {
				data[y * w + x] = finite(cell, `[${y}, ${x}]`);
			}
		}
	}
	return { shape: [h, w, c], data };
}

/** One checked value of `tensor`'s input. */
function finite(v: unknown, where: string): number {
	if (typeof v !== 'number' || !Number.isFinite(v)) {
		fail('tensor', `values must be finite numbers, got ${show(v)} at ${where}`);
	}
	return v;
}

/**
 * Converts an image tensor back to nested arrays: [h, w, 1] (or [h, w]) gives 2-D rows [h][w],
 * [h, w, c] with c > 1 gives [h][w][c].
 */
export function toArray(t: Tensor): number[][] | number[][][] {
	const { shape, data } = t;
	const [h, w, c = 1] = shape;
	if ((shape.length !== 2 && shape.length !== 3) || h === undefined || w === undefined || data.length !== h * w * c) {
		fail('toArray', `tensor must have shape [height, width] or [height, width, channels] matching its data, got shape ${show(shape)} with ${data.length} values`);
	}
	if (c === 1) {
		const rows: number[][] = [];
		for (let y = 0; y < h; y++) rows.push(Array.from(data.subarray(y * w, (y + 1) * w)));
		return rows;
	}
	const out: number[][][] = [];
	for (let y = 0; y < h; y++) {
		const row: number[][] = [];
		for (let x = 0; x < w; x++) {
			const base = (y * w + x) * c;
			row.push(Array.from(data.subarray(base, base + c)));
		}
		out.push(row);
	}
	return out;
}
