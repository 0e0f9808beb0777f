/**
 * The little maths behind the course's pictures (ported from scripts/make-images.mjs): plain
 * nested arrays, independent of src/cnn on purpose, since these are drawings, not lessons.
 */
import { Raster, type Rgb } from './raster';

/** A map: rows of numbers. */
export type NumberMap = number[][];

/** Valid cross-correlation of `map` with `kernel` (no padding, stride 1). */
export function conv(map: NumberMap, kernel: NumberMap): NumberMap {
	const kh = kernel.length;
	const kw = kernel[0]?.length ?? 0;
	const out: NumberMap = [];
	for (let r = 0; r + kh <= map.length; r++) {
		const row: number[] = [];
		for (let c = 0; c + kw <= (map[0]?.length ?? 0); c++) {
			let s = 0;
			for (let i = 0; i < kh; i++) for (let j = 0; j < kw; j++) s += (map[r + i]?.[c + j] ?? 0) * (kernel[i]?.[j] ?? 0);
			row.push(s);
		}
		out.push(row);
	}
	return out;
}

/** Max pooling with a size x size window and stride size (incomplete windows dropped). */
export function maxPool(map: NumberMap, size: number): NumberMap {
	const out: NumberMap = [];
	for (let r = 0; r + size <= map.length; r += size) {
		const row: number[] = [];
		for (let c = 0; c + size <= (map[0]?.length ?? 0); c += size) {
			let m = -Infinity;
			for (let i = 0; i < size; i++) for (let j = 0; j < size; j++) m = Math.max(m, map[r + i]?.[c + j] ?? -Infinity);
			row.push(m);
		}
		out.push(row);
	}
	return out;
}

/** Scales a map to [-1, 1] by its largest absolute value. */
export function normalise(map: NumberMap): NumberMap {
	const m = Math.max(1e-9, ...map.flat().map(Math.abs));
	return map.map((row) => row.map((v) => v / m));
}

/** max(0, v) for every cell. */
export const relu = (map: NumberMap): NumberMap => map.map((row) => row.map((v) => Math.max(0, v)));

/** Channel 0 of a raster as rows of numbers in [0, 1]. */
export function toMap(raster: Raster): NumberMap {
	const rows: NumberMap = [];
	for (let y = 0; y < raster.height; y++) {
		const row: number[] = [];
		for (let x = 0; x < raster.width; x++) row.push((raster.data[(y * raster.width + x) * 4] as number) / 255);
		rows.push(row);
	}
	return rows;
}

/** A 28x28 handwritten-looking seven, white on black like MNIST, as numbers in [0, 1]. */
export function sevenMap(): NumberMap {
	const r = new Raster(28, 28, [0, 0, 0]);
	const white: Rgb = [255, 255, 255];
	r.line(6, 6.5, 21, 6, 2.6, white);
	r.line(21, 6, 17.5, 14, 2.8, white);
	r.line(17.5, 14, 12.5, 23, 2.8, white);
	r.line(10, 14.5, 20, 14.5, 2, white, 0.8);
	return toMap(r);
}

/** A 64x64 grey scene with a square, a disc and a diagonal bar, for the edge picture. */
export function sceneMap(): NumberMap {
	const r = new Raster(64, 64, [40, 40, 40]);
	r.fillRect(8, 8, 22, 22, [220, 220, 220]);
	r.fillCircle(44, 42, 13, [170, 170, 170]);
	r.line(6, 58, 30, 36, 4, [255, 255, 255]);
	return toMap(r);
}

/** Black (0) to white (1), clamped. */
export const gray = (v: number): Rgb => {
	const g = Math.round(255 * Math.max(0, Math.min(1, v)));
	return [g, g, g];
};

/** White through `color` as v goes 0 -> 1. */
export const tint =
	(color: Rgb) =>
	(v: number): Rgb => {
		const t = Math.max(0, Math.min(1, v));
		return [255 + (color[0] - 255) * t, 255 + (color[1] - 255) * t, 255 + (color[2] - 255) * t];
	};

export const SOBEL_X: NumberMap = [
	[-1, 0, 1],
	[-2, 0, 2],
	[-1, 0, 1],
];
export const SOBEL_Y: NumberMap = [
	[-1, -2, -1],
	[0, 0, 0],
	[1, 2, 1],
];
export const LAPLACIAN: NumberMap = [
	[0, 1, 0],
	[1, -4, 1],
	[0, 1, 0],
];
export const DIAGONAL: NumberMap = [
	[2, -1, -1],
	[-1, 2, -1],
	[-1, -1, 2],
];
