/**
 * Pictures for the doubt rule's tests, all deterministic (seeded): held-out MNIST digits drawn dark
 * on paper as a vault picture would hold them, and families of things that are not digits
 * (photographs, plots, blank pictures, big solid shapes, lines of text). Gray 0..1, 0 = black.
 */
import type { DigitEvidence, GrayImage } from '../../src/model/doubt';
import { imageToInk, preprocessDigit } from '../../src/model/preprocess';

/** A seeded uniform generator in [0, 1) (mulberry32). */
export type Rng = () => number;

/** mulberry32: a small, fast, seeded generator. */
export function mulberry32(seed: number): Rng {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let x = a;
		x = Math.imul(x ^ (x >>> 15), x | 1);
		x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
		return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
	};
}

const between = (rng: Rng, a: number, b: number): number => a + (b - a) * rng();
const pick = <T>(rng: Rng, items: readonly T[]): T => items[Math.floor(rng() * items.length)] as T;
const clamp01 = (v: number): number => (v < 0 ? 0 : v > 1 ? 1 : v);

/** Canvas sizes a vault picture may have (width, height). */
const SIZES: readonly [number, number][] = [
	[112, 112],
	[140, 100],
	[100, 140],
	[96, 96],
	[128, 128],
	[160, 120],
];

/** A gray raster of `width` x `height` filled with `level`. */
export function canvas(width: number, height: number, level = 1): GrayImage {
	return { width, height, gray: new Float32Array(width * height).fill(level) };
}

/** A standard normal sample (Box-Muller). */
function normal(rng: Rng): number {
	return Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());
}

/** Adds gaussian noise of deviation `sigma` to every pixel. */
function addNoise(image: GrayImage, rng: Rng, sigma: number): void {
	const g = image.gray;
	for (let i = 0; i < g.length; i++) g[i] = (g[i] ?? 0) + sigma * normal(rng);
}

/** A 3x3 box blur (the softness of a JPEG or a phone camera), separable, edges clamped; then values clamped to 0..1. */
function soften(image: GrayImage, blur: boolean): void {
	const { width, height, gray } = image;
	if (blur) {
		const row = new Float32Array(gray.length);
		for (let y = 0; y < height; y++) {
			for (let x = 0, i = y * width; x < width; x++, i++) {
				row[i] = ((gray[x > 0 ? i - 1 : i] ?? 0) + (gray[i] ?? 0) + (gray[x < width - 1 ? i + 1 : i] ?? 0)) / 3;
			}
		}
		for (let y = 0; y < height; y++) {
			for (let x = 0, i = y * width; x < width; x++, i++) {
				gray[i] = ((row[y > 0 ? i - width : i] ?? 0) + (row[i] ?? 0) + (row[y < height - 1 ? i + width : i] ?? 0)) / 3;
			}
		}
	}
	for (let i = 0; i < gray.length; i++) gray[i] = clamp01(gray[i] ?? 0);
}

/**
 * A 28x28 MNIST digit (1 = ink) as a vault picture: upscaled (bilinear) into a canvas of one of
 * SIZES, at a random place and size, dark ink on paper (1 in 8: light chalk on a dark board), with
 * mild paper noise (deviation up to 0.01), a faint lighting gradient and (half the time) JPEG-like softness.
 */
export function digitPicture(pixels: Float32Array, rng: Rng): GrayImage {
	const [width, height] = pick(rng, SIZES);
	const image = canvas(width, height);
	const side = Math.min(width, height) * between(rng, 0.55, 0.95);
	const left = between(rng, 0, width - side);
	const top = between(rng, 0, height - side);
	const board = rng() < 0.125;
	const paper = board ? between(rng, 0.05, 0.25) : between(rng, 0.8, 1);
	const ink = board ? between(rng, 0.8, 1) : between(rng, 0, 0.3);
	const slope = between(rng, -0.04, 0.04);
	const g = image.gray;
	const step = 28 / side;
	for (let y = 0; y < height; y++) {
		// Bilinear sample of the digit at this pixel's centre, in digit pixels (centres at +0.5).
		const fy = (y + 0.5 - top) * step - 0.5;
		const y0 = Math.floor(fy);
		const ty = fy - y0;
		for (let x = 0; x < width; x++) {
			const background = paper + slope * (x / width - 0.5);
			const fx = (x + 0.5 - left) * step - 0.5;
			const x0 = Math.floor(fx);
			let v = 0;
			if (x0 >= -1 && x0 < 28 && y0 >= -1 && y0 < 28) {
				const tx = fx - x0;
				const a = x0 >= 0 && y0 >= 0 ? pixels[y0 * 28 + x0] ?? 0 : 0;
				const b = x0 < 27 && y0 >= 0 ? pixels[y0 * 28 + x0 + 1] ?? 0 : 0;
				const c = x0 >= 0 && y0 < 27 ? pixels[(y0 + 1) * 28 + x0] ?? 0 : 0;
				const d = x0 < 27 && y0 < 27 ? pixels[(y0 + 1) * 28 + x0 + 1] ?? 0 : 0;
				v = clamp01((a * (1 - tx) + b * tx) * (1 - ty) + (c * (1 - tx) + d * tx) * ty);
			}
			g[y * width + x] = background + (ink - background) * v;
		}
	}
	addNoise(image, rng, between(rng, 0, 0.01));
	soften(image, rng() < 0.5);
	return image;
}

/** What the widget hands the rule for a vault picture: imageToInk, preprocessDigit, the picture as source; null when the picture has no ink (the widget shows its empty state). */
export function throughWidget(image: GrayImage): DigitEvidence & { blank: boolean } {
	const { ink } = imageToInk(image.gray, image.width, image.height);
	const digit = preprocessDigit(ink);
	return { input: digit.pixels, source: image, blank: digit.geometry === null };
}

/** Value noise: a grid of `cells` x `cells` random values, bilinearly interpolated over the picture. */
function valueNoise(image: GrayImage, rng: Rng, cells: number, amplitude: number): void {
	const n = cells + 2;
	const grid = new Float32Array(n * n).map(() => rng() - 0.5);
	const { width, height, gray } = image;
	for (let y = 0; y < height; y++) {
		for (let x = 0; x < width; x++) {
			const gx = (x / width) * cells;
			const gy = (y / height) * cells;
			const x0 = Math.floor(gx);
			const y0 = Math.floor(gy);
			const tx = gx - x0;
			const ty = gy - y0;
			const at = (i: number, j: number): number => grid[j * n + i] ?? 0;
			const v = (at(x0, y0) * (1 - tx) + at(x0 + 1, y0) * tx) * (1 - ty) + (at(x0, y0 + 1) * (1 - tx) + at(x0 + 1, y0 + 1) * tx) * ty;
			gray[y * width + x] = (gray[y * width + x] ?? 0) + amplitude * v;
		}
	}
}

/** Paints an ellipse (centre, radii, rotation) whose level is `level` at its centre and `edge` at its rim (shading). */
function shadedEllipse(image: GrayImage, cx: number, cy: number, rx: number, ry: number, angle: number, level: number, edge: number): void {
	const { width, height, gray } = image;
	const cos = Math.cos(angle);
	const sin = Math.sin(angle);
	for (let y = 0; y < height; y++) {
		for (let x = 0; x < width; x++) {
			const dx = x + 0.5 - cx;
			const dy = y + 0.5 - cy;
			const u = (dx * cos + dy * sin) / rx;
			const v = (-dx * sin + dy * cos) / ry;
			const r = u * u + v * v;
			if (r <= 1) gray[y * width + x] = level + (edge - level) * r;
		}
	}
}

/** Fills the triangle a-b-c with `level`. */
function triangle(image: GrayImage, a: [number, number], b: [number, number], c: [number, number], level: number): void {
	const { width, height, gray } = image;
	const side = (p: [number, number], q: [number, number], x: number, y: number): number => (q[0] - p[0]) * (y - p[1]) - (q[1] - p[1]) * (x - p[0]);
	for (let y = 0; y < height; y++) {
		for (let x = 0; x < width; x++) {
			const s1 = side(a, b, x + 0.5, y + 0.5);
			const s2 = side(b, c, x + 0.5, y + 0.5);
			const s3 = side(c, a, x + 0.5, y + 0.5);
			if ((s1 >= 0 && s2 >= 0 && s3 >= 0) || (s1 <= 0 && s2 <= 0 && s3 <= 0)) gray[y * width + x] = level;
		}
	}
}

/** Fills the rectangle [x0, x1) x [y0, y1) (clipped) with `level`. */
function rect(image: GrayImage, x0: number, y0: number, x1: number, y1: number, level: number): void {
	const { width, height, gray } = image;
	for (let y = Math.max(0, Math.round(y0)); y < Math.min(height, Math.round(y1)); y++) {
		for (let x = Math.max(0, Math.round(x0)); x < Math.min(width, Math.round(x1)); x++) gray[y * width + x] = level;
	}
}

/** Draws a polyline of `points` with pen radius `r` (pixels) in `level`, anti-aliased by coverage. */
function polyline(image: GrayImage, points: readonly [number, number][], r: number, level: number): void {
	const { width, height, gray } = image;
	for (let k = 1; k < points.length; k++) {
		const [ax, ay] = points[k - 1] as [number, number];
		const [bx, by] = points[k] as [number, number];
		const dx = bx - ax;
		const dy = by - ay;
		const len2 = dx * dx + dy * dy;
		for (let y = Math.max(0, Math.floor(Math.min(ay, by) - r - 1)); y <= Math.min(height - 1, Math.ceil(Math.max(ay, by) + r + 1)); y++) {
			for (let x = Math.max(0, Math.floor(Math.min(ax, bx) - r - 1)); x <= Math.min(width - 1, Math.ceil(Math.max(ax, bx) + r + 1)); x++) {
				const px = x + 0.5;
				const py = y + 0.5;
				const s = len2 > 0 ? clamp01(((px - ax) * dx + (py - ay) * dy) / len2) : 0;
				const cover = clamp01(r + 0.5 - Math.hypot(px - ax - s * dx, py - ay - s * dy));
				const i = y * width + x;
				const old = gray[i] ?? 0;
				gray[i] = Math.min(old, old + (level - old) * cover);
			}
		}
	}
}

/** Kinds of photograph: smooth noise, gradient with blobs, texture, a crude cat. */
export const PHOTO_KINDS = ['smooth', 'blobs', 'texture', 'cat'] as const;
/** Kinds of plot: a ReLU curve, a sine, a curve on a grid, a curve with tick labels. */
export const PLOT_KINDS = ['relu', 'sine', 'grid', 'labels'] as const;
/** Kinds of blank picture. */
export const BLANK_KINDS = ['white', 'black', 'gray', 'faint'] as const;
/** Kinds of big solid shape. */
export const SOLID_KINDS = ['rectangle', 'disc', 'triangle'] as const;

/** A photograph-like picture of `kind`. */
export function photo(kind: (typeof PHOTO_KINDS)[number], rng: Rng): GrayImage {
	const [width, height] = pick(rng, SIZES);
	const image = canvas(width, height, between(rng, 0.3, 0.7));
	if (kind === 'smooth') {
		valueNoise(image, rng, 3, between(rng, 0.4, 0.8));
		valueNoise(image, rng, 8, between(rng, 0.15, 0.3));
		valueNoise(image, rng, 24, 0.08);
	} else if (kind === 'blobs') {
		const gx = between(rng, -0.4, 0.4);
		const gy = between(rng, -0.4, 0.4);
		for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) image.gray[y * width + x] = (image.gray[y * width + x] ?? 0) + gx * (x / width - 0.5) + gy * (y / height - 0.5);
		for (let b = 0, n = 3 + Math.floor(rng() * 5); b < n; b++) {
			const level = rng();
			shadedEllipse(image, between(rng, 0, width), between(rng, 0, height), between(rng, 8, width / 3), between(rng, 8, height / 3), rng() * Math.PI, level, clamp01(level + between(rng, -0.3, 0.3)));
		}
	} else if (kind === 'texture') {
		const angle = rng() * Math.PI;
		const period = between(rng, 3, 12);
		const amp = between(rng, 0.1, 0.3);
		for (let y = 0; y < height; y++) {
			for (let x = 0; x < width; x++) {
				const u = x * Math.cos(angle) + y * Math.sin(angle);
				image.gray[y * width + x] = (image.gray[y * width + x] ?? 0) + amp * Math.sin((2 * Math.PI * u) / period);
			}
		}
		valueNoise(image, rng, 16, 0.3);
	} else {
		// A cat: wall and floor, shaded body and head, ears, eyes.
		const wall = between(rng, 0.55, 0.85);
		for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) image.gray[y * width + x] = y > height * 0.7 ? wall - 0.2 + 0.1 * (y / height) : wall - 0.1 * (x / width);
		const fur = between(rng, 0.15, 0.6);
		const cx = width * between(rng, 0.4, 0.6);
		const cy = height * between(rng, 0.55, 0.7);
		shadedEllipse(image, cx, cy, width * 0.25, height * 0.2, between(rng, -0.3, 0.3), fur + 0.15, fur - 0.1);
		const hx = cx + width * between(rng, -0.15, 0.15);
		const hy = cy - height * 0.28;
		const hr = Math.min(width, height) * 0.14;
		triangle(image, [hx - hr, hy - hr * 0.3], [hx - hr * 0.6, hy - hr * 1.5], [hx - hr * 0.1, hy - hr * 0.8], fur);
		triangle(image, [hx + hr, hy - hr * 0.3], [hx + hr * 0.6, hy - hr * 1.5], [hx + hr * 0.1, hy - hr * 0.8], fur);
		shadedEllipse(image, hx, hy, hr, hr * 0.9, 0, fur + 0.15, fur - 0.05);
		shadedEllipse(image, hx - hr * 0.4, hy - hr * 0.1, hr * 0.18, hr * 0.12, 0, 0.8, 0.5);
		shadedEllipse(image, hx + hr * 0.4, hy - hr * 0.1, hr * 0.18, hr * 0.12, 0, 0.8, 0.5);
		valueNoise(image, rng, 30, 0.12);
	}
	addNoise(image, rng, between(rng, 0.01, 0.04));
	soften(image, rng() < 0.5);
	return image;
}

/** A plot of `kind` drawn dark on white: axes with ticks and a curve, maybe a grid or tick labels. */
export function plot(kind: (typeof PLOT_KINDS)[number], rng: Rng): GrayImage {
	const [width, height] = pick(rng, SIZES);
	const image = canvas(width, height, between(rng, 0.92, 1));
	const pen = between(rng, 0.4, 1.2);
	const ox = width * between(rng, 0.08, 0.2);
	const oy = height * between(rng, 0.8, 0.92);
	const right = width * between(rng, 0.88, 0.97);
	const top = height * between(rng, 0.05, 0.15);
	if (kind === 'grid') {
		const step = between(rng, 8, 20);
		for (let x = ox; x < right; x += step) polyline(image, [[x, top], [x, oy]], 0.3, 0.75);
		for (let y = oy; y > top; y -= step) polyline(image, [[ox, y], [right, y]], 0.3, 0.75);
	}
	polyline(image, [[ox, top], [ox, oy], [right, oy]], pen, 0.1);
	const ticks = 4 + Math.floor(rng() * 6);
	for (let k = 1; k <= ticks; k++) {
		const x = ox + ((right - ox) * k) / ticks;
		const y = oy - ((oy - top) * k) / ticks;
		polyline(image, [[x, oy], [x, oy + 4]], pen * 0.7, 0.1);
		polyline(image, [[ox - 4, y], [ox, y]], pen * 0.7, 0.1);
		if (kind === 'labels' || rng() < 0.3) {
			rect(image, x - 3, oy + 6, x + 3, oy + 11, 0.15);
			rect(image, ox - 14, y - 2, ox - 6, y + 3, 0.15);
		}
	}
	const points: [number, number][] = [];
	const curve = kind === 'relu' ? 'relu' : pick(rng, ['relu', 'sine', 'sine', 'parabola'] as const);
	const phase = rng() * Math.PI * 2;
	for (let k = 0; k <= 80; k++) {
		const u = k / 80;
		const v = curve === 'relu' ? Math.max(0, u - 0.4) / 0.6 : curve === 'sine' ? 0.5 + 0.4 * Math.sin(phase + u * Math.PI * 4) : (2 * u - 1) ** 2;
		points.push([ox + u * (right - ox), oy - 2 - v * (oy - top - 4)]);
	}
	polyline(image, points, pen * between(rng, 1, 1.8), between(rng, 0, 0.4));
	addNoise(image, rng, between(rng, 0, 0.015));
	soften(image, rng() < 0.5);
	return image;
}

/** A blank picture of `kind`: white, black, one gray, or a gray with faint noise (at most 0.02 deviation). */
export function blank(kind: (typeof BLANK_KINDS)[number], rng: Rng): GrayImage {
	const [width, height] = pick(rng, SIZES);
	const level = kind === 'white' ? 1 : kind === 'black' ? 0 : between(rng, 0.1, 0.9);
	const image = canvas(width, height, level);
	if (kind === 'faint') addNoise(image, rng, between(rng, 0.003, 0.01));
	soften(image, kind === 'faint' && rng() < 0.5);
	return image;
}

/** A big filled shape of `kind` (30-80 % of the picture's shorter side and more), dark on light or light on dark. */
export function solidShape(kind: (typeof SOLID_KINDS)[number], rng: Rng): GrayImage {
	const [width, height] = pick(rng, SIZES);
	const dark = rng() < 0.75;
	const image = canvas(width, height, dark ? between(rng, 0.8, 1) : between(rng, 0, 0.2));
	const level = dark ? between(rng, 0, 0.3) : between(rng, 0.7, 1);
	const s = Math.min(width, height) * between(rng, 0.4, 0.85);
	const cx = width / 2 + between(rng, -0.1, 0.1) * width;
	const cy = height / 2 + between(rng, -0.1, 0.1) * height;
	if (kind === 'rectangle') rect(image, cx - s * between(rng, 0.3, 0.6), cy - s / 2, cx + s * between(rng, 0.3, 0.6), cy + s / 2, level);
	else if (kind === 'disc') shadedEllipse(image, cx, cy, s / 2, s * between(rng, 0.35, 0.5), rng() * Math.PI, level, level);
	else triangle(image, [cx - s / 2, cy + s / 2], [cx + s / 2, cy + s / 2], [cx + between(rng, -0.3, 0.3) * s, cy - s / 2], level);
	addNoise(image, rng, between(rng, 0, 0.015));
	soften(image, rng() < 0.5);
	return image;
}

/** A page of text: lines of words, each word a run of letter-sized dark blocks, filling the picture. */
export function textLines(rng: Rng): GrayImage {
	const [width, height] = pick(rng, SIZES);
	const image = canvas(width, height, between(rng, 0.85, 1));
	const size = between(rng, 4, 9);
	const margin = between(rng, 4, 12);
	for (let y = margin; y + size < height - margin; y += size * between(rng, 1.6, 2.2)) {
		let x = margin;
		while (x < width - margin - size) {
			const letters = 2 + Math.floor(rng() * 7);
			for (let k = 0; k < letters && x < width - margin - size; k++) {
				const w = size * between(rng, 0.4, 0.7);
				const tall = rng() < 0.3 ? size * 0.4 : 0;
				rect(image, x, y + size * 0.3 - tall, x + w, y + size, between(rng, 0, 0.3));
				x += w + size * 0.25;
			}
			x += size * between(rng, 0.6, 1.2);
		}
	}
	addNoise(image, rng, between(rng, 0, 0.015));
	soften(image, rng() < 0.5);
	return image;
}
