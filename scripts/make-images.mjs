// Generates the pictures the example vault embeds (![[name.png]]) into examples/vault/attachments/.
// Everything is drawn here from numbers: nothing is downloaded or copied. Run: node scripts/make-images.mjs
// The plugin draws the same pictures for "Insert the CNN course" (src/commands/course/pictures.ts,
// raster.ts): change both; tests/commands/course/pictures.test.ts checks that every pixel agrees.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Raster, encodeApng, encodePng, rgb } from './png.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const IMAGE_DIR = join(ROOT, 'examples', 'vault', 'attachments');

const INK = rgb('#334155');
const PAPER = rgb('#f6f7fb');
const BLUE = rgb('#3b82f6');
const ORANGE = rgb('#f97316');
const GREEN = rgb('#10b981');
const PURPLE = rgb('#8b5cf6');
const GRID = rgb('#cbd5e1');

// --- tiny maths, independent of src/cnn on purpose (these are pictures, not tests) -------------

function conv(map, kernel) {
	const kh = kernel.length;
	const kw = kernel[0].length;
	const out = [];
	for (let r = 0; r + kh <= map.length; r++) {
		const row = [];
		for (let c = 0; c + kw <= map[0].length; c++) {
			let s = 0;
			for (let i = 0; i < kh; i++) for (let j = 0; j < kw; j++) s += map[r + i][c + j] * kernel[i][j];
			row.push(s);
		}
		out.push(row);
	}
	return out;
}

function maxPool(map, size) {
	const out = [];
	for (let r = 0; r + size <= map.length; r += size) {
		const row = [];
		for (let c = 0; c + size <= map[0].length; c += size) {
			let m = -Infinity;
			for (let i = 0; i < size; i++) for (let j = 0; j < size; j++) m = Math.max(m, map[r + i][c + j]);
			row.push(m);
		}
		out.push(row);
	}
	return out;
}

/** Scales a map to [0, 1] by its largest absolute value. */
function normalise(map) {
	const m = Math.max(1e-9, ...map.flat().map(Math.abs));
	return map.map((row) => row.map((v) => v / m));
}

const relu = (map) => map.map((row) => row.map((v) => Math.max(0, v)));

/** Reads channel 0 of a raster as rows of numbers in [0, 1]. */
function toMap(raster) {
	const rows = [];
	for (let y = 0; y < raster.height; y++) {
		const row = [];
		for (let x = 0; x < raster.width; x++) row.push(raster.data[(y * raster.width + x) * 4] / 255);
		rows.push(row);
	}
	return rows;
}

/** A 28x28 handwritten-looking seven, white on black like MNIST, as numbers in [0, 1]. */
function sevenMap() {
	const r = new Raster(28, 28, [0, 0, 0]);
	const white = [255, 255, 255];
	r.line(6, 6.5, 21, 6, 2.6, white);
	r.line(21, 6, 17.5, 14, 2.8, white);
	r.line(17.5, 14, 12.5, 23, 2.8, white);
	r.line(10, 14.5, 20, 14.5, 2, white, 0.8);
	return toMap(r);
}

/** A 64x64 grey scene with a square, a disc and a diagonal bar, for the edge picture. */
function sceneMap() {
	const r = new Raster(64, 64, [40, 40, 40]);
	r.fillRect(8, 8, 22, 22, [220, 220, 220]);
	r.fillCircle(44, 42, 13, [170, 170, 170]);
	r.line(6, 58, 30, 36, 4, [255, 255, 255]);
	return toMap(r);
}

const gray = (v) => {
	const g = Math.round(255 * Math.max(0, Math.min(1, v)));
	return [g, g, g];
};

/** White through `color` as v goes 0 -> 1. */
const tint = (color) => (v) => {
	const t = Math.max(0, Math.min(1, v));
	return [255 + (color[0] - 255) * t, 255 + (color[1] - 255) * t, 255 + (color[2] - 255) * t];
};

// --- the pictures --------------------------------------------------------------------------------

const SOBEL_X = [
	[-1, 0, 1],
	[-2, 0, 2],
	[-1, 0, 1],
];
const SOBEL_Y = [
	[-1, -2, -1],
	[0, 0, 0],
	[1, 2, 1],
];
const LAPLACIAN = [
	[0, 1, 0],
	[1, -4, 1],
	[0, 1, 0],
];
const DIAGONAL = [
	[2, -1, -1],
	[-1, 2, -1],
	[-1, -1, 2],
];

function pipeline() {
	const img = new Raster(960, 330, PAPER);
	const seven = sevenMap();
	img.heatmap(seven, 30, 95, 5, gray);
	img.strokeRect(29, 94, 142, 142, INK, 1);

	const colors = [BLUE, ORANGE, GREEN, PURPLE];
	const maps = [SOBEL_X, SOBEL_Y, LAPLACIAN, DIAGONAL].map((k) => normalise(relu(conv(seven, k))).map((row) => row.map(Math.sqrt)));
	img.arrow(182, 165, 232, 165, 3, INK);
	maps.forEach((m, i) => {
		const x = 245 + (3 - i) * 16;
		const y = 70 + i * 16;
		img.fillRect(x - 2, y - 2, 26 * 4.5 + 4, 26 * 4.5 + 4, INK);
		img.heatmap(m, x, y, 4.5, tint(colors[i]));
	});

	img.arrow(435, 165, 480, 165, 3, INK);
	maps.forEach((m, i) => {
		const pooled = maxPool(m, 2);
		const x = 495 + (3 - i) * 12;
		const y = 112 + i * 12;
		img.fillRect(x - 2, y - 2, 13 * 6 + 4, 13 * 6 + 4, INK);
		img.heatmap(pooled, x, y, 6, tint(colors[i]));
	});

	img.arrow(640, 165, 680, 165, 3, INK);
	const hidden = Array.from({ length: 8 }, (_, i) => [715, 55 + i * 31]);
	const output = Array.from({ length: 10 }, (_, i) => [860, 30 + i * 30]);
	for (const [hx, hy] of hidden) for (const [ox, oy] of output) img.line(hx, hy, ox, oy, 1, GRID);
	for (const [hx, hy] of hidden) img.fillCircle(hx, hy, 10, BLUE);
	output.forEach(([ox, oy], i) => {
		img.fillCircle(ox, oy, 11, i === 7 ? ORANGE : GRID);
		img.text(String(i), ox + 30, oy, 2, INK);
	});
	return encodePng(img);
}

function digit() {
	const img = new Raster(224, 224, [0, 0, 0]);
	img.heatmap(sevenMap(), 0, 0, 8, gray);
	return encodePng(img);
}

function edges() {
	const scene = sceneMap();
	const gx = conv(scene, SOBEL_X);
	const gy = conv(scene, SOBEL_Y);
	const magnitude = normalise(gx.map((row, r) => row.map((v, c) => Math.hypot(v, gy[r][c]))));
	const img = new Raster(620, 300, PAPER);
	img.heatmap(scene, 22, 22, 4, gray);
	img.arrow(300, 150, 340, 150, 3, INK);
	img.fillRect(358, 22, 256, 256, [0, 0, 0]);
	img.heatmap(magnitude, 362, 26, 4, gray);
	return encodePng(img);
}

function checkerboard() {
	const img = new Raster(256, 256, [255, 255, 255]);
	for (let r = 0; r < 8; r++) for (let c = 0; c < 8; c++) if ((r + c) % 2 === 1) img.fillRect(c * 32, r * 32, 32, 32, [24, 24, 27]);
	return encodePng(img);
}

function reluPlot() {
	const img = new Raster(420, 300, PAPER);
	const ox = 210;
	const oy = 200;
	const unit = 30;
	for (let i = -6; i <= 6; i++) img.line(ox + i * unit, 20, ox + i * unit, 280, 1, GRID);
	for (let j = -2; j <= 5; j++) img.line(20, oy - j * unit, 400, oy - j * unit, 1, GRID);
	img.arrow(20, oy, 405, oy, 2, INK);
	img.arrow(ox, 285, ox, 15, 2, INK);
	for (const v of [-4, -2, 2, 4]) img.text(String(v), ox + v * unit, oy + 16, 2, INK);
	for (const v of [2, 4]) img.text(String(v), ox - 16, oy - v * unit, 2, INK);
	img.line(ox - 2.8 * unit, oy + 2.8 * unit, ox, oy, 2, ORANGE, 0.45); // the identity it cuts off
	img.line(ox - 6 * unit, oy, ox, oy, 5, BLUE);
	img.line(ox, oy, ox + 5.5 * unit, oy - 5.5 * unit, 5, BLUE);
	return encodePng(img);
}

function network() {
	const img = new Raster(600, 320, PAPER);
	const layers = [3, 5, 5, 2];
	const colors = [GREEN, BLUE, BLUE, ORANGE];
	const pos = layers.map((n, l) => Array.from({ length: n }, (_, i) => [90 + l * 140, 160 + (i - (n - 1) / 2) * 56]));
	for (let l = 0; l + 1 < pos.length; l++) for (const [x0, y0] of pos[l]) for (const [x1, y1] of pos[l + 1]) img.line(x0, y0, x1, y1, 1.5, GRID);
	pos.forEach((layer, l) => layer.forEach(([x, y]) => {
		img.fillCircle(x, y, 19, INK);
		img.fillCircle(x, y, 16, colors[l]);
	}));
	return encodePng(img);
}

const POOL_INPUT = [
	[1, 3, 2, 4],
	[5, 6, 1, 2],
	[7, 2, 9, 0],
	[1, 4, 3, 8],
];

function maxPooling() {
	const img = new Raster(560, 260, PAPER);
	const windows = [BLUE, ORANGE, GREEN, PURPLE];
	const cell = 50;
	POOL_INPUT.forEach((row, r) => row.forEach((v, c) => {
		const w = windows[Math.floor(r / 2) * 2 + Math.floor(c / 2)];
		img.fillRect(30 + c * cell, 30 + r * cell, cell, cell, w, 0.25);
		img.strokeRect(30 + c * cell, 30 + r * cell, cell + 1, cell + 1, INK);
		img.text(String(v), 30 + c * cell + cell / 2, 30 + r * cell + cell / 2, 4, INK);
	}));
	img.arrow(260, 130, 330, 130, 3, INK);
	maxPool(POOL_INPUT, 2).forEach((row, r) => row.forEach((v, c) => {
		img.fillRect(370 + c * 70, 60 + r * 70, 70, 70, windows[r * 2 + c], 0.55);
		img.strokeRect(370 + c * 70, 60 + r * 70, 71, 71, INK, 2);
		img.text(String(v), 370 + c * 70 + 35, 60 + r * 70 + 35, 5, INK);
	}));
	return encodePng(img);
}

const SEED_INPUT = [
	[1, 1, 1, 0, 0],
	[0, 1, 1, 1, 0],
	[0, 0, 1, 1, 1],
	[0, 0, 1, 1, 0],
	[0, 1, 1, 0, 0],
];
const SEED_KERNEL = [
	[1, 0, 1],
	[0, 1, 0],
	[1, 0, 1],
];

/** The classic animation: a 3x3 kernel slides over a 5x5 image, filling the 3x3 output. */
function convolutionAnimation() {
	const out = conv(SEED_INPUT, SEED_KERNEL);
	const cell = 56;
	const frames = [];
	const delays = [];
	for (let step = 0; step <= 9; step++) {
		const img = new Raster(600, 330, PAPER);
		const cur = Math.min(step, 8);
		const wr = Math.floor(cur / 3);
		const wc = cur % 3;
		SEED_INPUT.forEach((row, r) => row.forEach((v, c) => {
			const x = 25 + c * cell;
			const y = 25 + r * cell;
			const inWindow = step < 9 && r >= wr && r < wr + 3 && c >= wc && c < wc + 3;
			img.fillRect(x, y, cell, cell, v ? rgb('#bfdbfe') : [255, 255, 255]);
			if (inWindow) img.fillRect(x, y, cell, cell, ORANGE, 0.35);
			img.strokeRect(x, y, cell + 1, cell + 1, INK);
			img.text(String(v), x + cell / 2, y + cell / 2 - 3, 4, INK);
			if (inWindow) img.text(`x${SEED_KERNEL[r - wr][c - wc]}`, x + cell - 13, y + cell - 8, 1, rgb('#9a3412'));
		}));
		if (step < 9) img.strokeRect(25 + wc * cell - 1, 25 + wr * cell - 1, 3 * cell + 3, 3 * cell + 3, ORANGE, 3);
		img.arrow(320, 165, 375, 165, 3, INK);
		out.forEach((row, r) => row.forEach((v, c) => {
			const i = r * 3 + c;
			const x = 400 + c * cell;
			const y = 81 + r * cell;
			img.fillRect(x, y, cell, cell, i === cur && step < 9 ? rgb('#fed7aa') : [255, 255, 255]);
			img.strokeRect(x, y, cell + 1, cell + 1, INK);
			if (i <= step) img.text(String(v), x + cell / 2, y + cell / 2, 4, INK);
		}));
		frames.push(img);
		delays.push(step === 9 ? 2500 : 900);
	}
	return encodeApng(frames, delays);
}

/** name -> bytes of every picture the vault uses. */
export const IMAGES = {
	'cnn-pipeline.png': pipeline,
	'convolution.png': convolutionAnimation,
	'digit-seven.png': digit,
	'edges.png': edges,
	'checkerboard.png': checkerboard,
	'relu.png': reluPlot,
	'neural-network.png': network,
	'max-pooling.png': maxPooling,
};

/** Writes every picture into IMAGE_DIR; returns the paths written. */
export function makeImages(dir = IMAGE_DIR) {
	mkdirSync(dir, { recursive: true });
	return Object.entries(IMAGES).map(([name, draw]) => {
		const path = join(dir, name);
		writeFileSync(path, draw());
		return path;
	});
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
	const written = makeImages();
	console.log(`make-images: ${written.length} pictures in ${IMAGE_DIR}`);
}
