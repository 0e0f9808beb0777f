/**
 * Built-in synthetic input images (`sample: NAME` in a block) for notes that have no picture yet:
 * small grayscale tensors [h, w, 1] with values in [0, 1] (0 = black, 1 = white), drawn by code so
 * they are exact, deterministic and need no file. Pure: imports nothing outside src/cnn.
 */
import { mulberry32 as random } from './random';
import type { Tensor } from './tensor';

/** The names accepted by makeSample, in the order they are listed to the user. */
export const sampleNames = ['edges', 'circle', 'checkerboard', 'digit', 'gradient', 'stripes', 'cross', 'noise'] as const;

/** One built-in sample name. */
export type SampleName = (typeof sampleNames)[number];

/** True when `name` is one of sampleNames (exact, lower case). */
export function isSampleName(name: string): name is SampleName {
	return (sampleNames as readonly string[]).includes(name);
}

/** A fresh [size, size, 1] image whose pixel (row, col) is `f(row, col)` clamped to [0, 1]. */
function draw(size: number, f: (row: number, col: number) => number): Tensor {
	const data = new Float32Array(size * size);
	for (let r = 0; r < size; r++) {
		for (let c = 0; c < size; c++) {
			const v = f(r, c);
			data[r * size + c] = v < 0 ? 0 : v > 1 ? 1 : v;
		}
	}
	return { shape: [size, size, 1], data };
}

/** Distance (pixels) from point (x, y) to the segment (ax, ay)-(bx, by). */
function segmentDistance(x: number, y: number, ax: number, ay: number, bx: number, by: number): number {
	const dx = bx - ax;
	const dy = by - ay;
	const len2 = dx * dx + dy * dy;
	const u = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / len2));
	return Math.hypot(x - (ax + u * dx), y - (ay + u * dy));
}

/** Points (x, y) along an arc centred at (cx, cy), angles in degrees (0 = right, 90 = down). */
function arc(cx: number, cy: number, rx: number, ry: number, from: number, to: number, steps: number): [number, number][] {
	const points: [number, number][] = [];
	for (let i = 0; i <= steps; i++) {
		const a = ((from + ((to - from) * i) / steps) * Math.PI) / 180;
		points.push([cx + rx * Math.cos(a), cy + ry * Math.sin(a)]);
	}
	return points;
}

/** Strokes of the handwritten-looking "3": top bowl then bottom bowl, in pixel coordinates of a 28x28 image. */
const DIGIT_STROKES: [number, number][][] = [
	arc(13.5, 9, 5.5, 4.5, -165, 95, 24),
	arc(13.5, 18.5, 6.5, 5, -95, 160, 24),
];

/** Anti-aliased ink of a pen of half-width `half` (pixels) following the polylines, at pixel (row, col). */
function ink(strokes: [number, number][][], half: number, row: number, col: number): number {
	const x = col + 0.5;
	const y = row + 0.5;
	let d = Infinity;
	for (const line of strokes) {
		for (let i = 1; i < line.length; i++) {
			const a = line[i - 1];
			const b = line[i];
			if (a && b) d = Math.min(d, segmentDistance(x, y, a[0], a[1], b[0], b[1]));
		}
	}
	return half + 0.5 - d;
}


/** The generators, each returning a fresh tensor. */
const generators: Record<SampleName, () => Tensor> = {
	// 48x48: a white rectangle (rows 12-35, cols 8-39) on black: vertical and horizontal step edges.
	edges: () => draw(48, (r, c) => (r >= 12 && r < 36 && c >= 8 && c < 40 ? 1 : 0)),
	// 48x48: a white disc of radius 16 centred in the image, anti-aliased over one pixel.
	circle: () => draw(48, (r, c) => 16.5 - Math.hypot(r + 0.5 - 24, c + 0.5 - 24)),
	// 48x48: 6x6 squares of 8 pixels, white at the top-left.
	checkerboard: () => draw(48, (r, c) => ((Math.floor(r / 8) + Math.floor(c / 8)) % 2 === 0 ? 1 : 0)),
	// 28x28, like an MNIST digit: a white "3" drawn with a 2.5-pixel-wide pen on black.
	digit: () => draw(28, (r, c) => ink(DIGIT_STROKES, 1.25, r, c)),
	// 32x32: brightness rising linearly from 0 (left column) to 1 (right column).
	gradient: () => draw(32, (_r, c) => c / 31),
	// 48x48: vertical stripes 4 pixels wide, white first.
	stripes: () => draw(48, (_r, c) => (Math.floor(c / 4) % 2 === 0 ? 1 : 0)),
	// 32x32: a white plus sign, bars 6 pixels thick (rows/cols 13-18) leaving a 4-pixel margin.
	cross: () => draw(32, (r, c) => ((r >= 13 && r < 19 && c >= 4 && c < 28) || (c >= 13 && c < 19 && r >= 4 && r < 28) ? 1 : 0)),
	// 32x32: uniform random values from a fixed seed, the same every time.
	noise: () => {
		const next = random(20240607);
		return draw(32, () => next());
	},
};

/** A fresh copy of the named built-in sample, a [h, w, 1] tensor with values in [0, 1]. */
export function makeSample(name: SampleName): Tensor {
	return generators[name]();
}
