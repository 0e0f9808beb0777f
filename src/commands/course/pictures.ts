/**
 * The pictures the course's notes embed, drawn from numbers (scripts/make-images.mjs draws the
 * example vault's pictures with this code too): nothing is downloaded or shipped as a file;
 * tests/commands/course/pictures.test.ts pins every frame's pixels.
 */
import { DIAGONAL, LAPLACIAN, SOBEL_X, SOBEL_Y, conv, gray, maxPool, normalise, relu, sceneMap, sevenMap, tint, type NumberMap } from './picture-maths';
import { defaultDeflate, encodeApng, encodePng, type Deflate } from '../../vault/png-encode';
import { Raster, rgb, type Rgb } from './raster';

/** A drawn picture: one raster, or the frames of an animation with their delays in ms. */
export type Drawing = { kind: 'still'; raster: Raster } | { kind: 'animation'; frames: Raster[]; delaysMs: number[] };

/**
 * Drawing a picture, in steps: each `yield` is a point where the caller may let the page breathe
 * (the largest pictures take tens of ms); the generator returns the picture.
 */
export type DrawSteps = Generator<void, Drawing, void>;

const INK = rgb('#334155');
const PAPER = rgb('#f6f7fb');
const BLUE = rgb('#3b82f6');
const ORANGE = rgb('#f97316');
const GREEN = rgb('#10b981');
const PURPLE = rgb('#8b5cf6');
const GRID = rgb('#cbd5e1');

const still = (raster: Raster): Drawing => ({ kind: 'still', raster });

/** The steps of a small picture, drawn in one go (after one pause). */
function oneStep(draw: () => Drawing): () => DrawSteps {
	return function* () {
		yield;
		return draw();
	};
}

/** A seven, four feature maps, the pooled maps and the dense layers: a whole CNN, 960x330. */
function* pipeline(): DrawSteps {
	const img = new Raster(960, 330, PAPER);
	const seven = sevenMap();
	img.heatmap(seven, 30, 95, 5, gray);
	img.strokeRect(29, 94, 142, 142, INK, 1);

	const colors = [BLUE, ORANGE, GREEN, PURPLE];
	const maps = [SOBEL_X, SOBEL_Y, LAPLACIAN, DIAGONAL].map((k) => normalise(relu(conv(seven, k))).map((row) => row.map(Math.sqrt)));
	yield;
	img.arrow(182, 165, 232, 165, 3, INK);
	maps.forEach((m, i) => {
		const x = 245 + (3 - i) * 16;
		const y = 70 + i * 16;
		img.fillRect(x - 2, y - 2, 26 * 4.5 + 4, 26 * 4.5 + 4, INK);
		img.heatmap(m, x, y, 4.5, tint(colors[i] as Rgb));
	});

	yield;
	img.arrow(435, 165, 480, 165, 3, INK);
	maps.forEach((m, i) => {
		const pooled = maxPool(m, 2);
		const x = 495 + (3 - i) * 12;
		const y = 112 + i * 12;
		img.fillRect(x - 2, y - 2, 13 * 6 + 4, 13 * 6 + 4, INK);
		img.heatmap(pooled, x, y, 6, tint(colors[i] as Rgb));
	});

	img.arrow(640, 165, 680, 165, 3, INK);
	const hidden = Array.from({ length: 8 }, (_, i) => [715, 55 + i * 31] as const);
	const output = Array.from({ length: 10 }, (_, i) => [860, 30 + i * 30] as const);
	for (const [hx, hy] of hidden) {
		yield;
		for (const [ox, oy] of output) img.line(hx, hy, ox, oy, 1, GRID);
	}
	for (const [hx, hy] of hidden) img.fillCircle(hx, hy, 10, BLUE);
	output.forEach(([ox, oy], i) => {
		img.fillCircle(ox, oy, 11, i === 7 ? ORANGE : GRID);
		img.text(String(i), ox + 30, oy, 2, INK);
	});
	return still(img);
}

/** The MNIST-like seven, 224x224 (8 pixels per cell). */
function digit(): Drawing {
	const img = new Raster(224, 224, [0, 0, 0]);
	img.heatmap(sevenMap(), 0, 0, 8, gray);
	return still(img);
}

/** A grey scene and the magnitude of its Sobel edges, 620x300. */
function edges(): Drawing {
	const scene = sceneMap();
	const gx = conv(scene, SOBEL_X);
	const gy = conv(scene, SOBEL_Y);
	const magnitude = normalise(gx.map((row, r) => row.map((v, c) => Math.hypot(v, gy[r]?.[c] ?? 0))));
	const img = new Raster(620, 300, PAPER);
	img.heatmap(scene, 22, 22, 4, gray);
	img.arrow(300, 150, 340, 150, 3, INK);
	img.fillRect(358, 22, 256, 256, [0, 0, 0]);
	img.heatmap(magnitude, 362, 26, 4, gray);
	return still(img);
}

/** An 8x8 chessboard of 32-pixel squares. */
function checkerboard(): Drawing {
	const img = new Raster(256, 256, [255, 255, 255]);
	for (let r = 0; r < 8; r++) for (let c = 0; c < 8; c++) if ((r + c) % 2 === 1) img.fillRect(c * 32, r * 32, 32, 32, [24, 24, 27]);
	return still(img);
}

/** The graph of ReLU on a grid, with the part of y = x it cuts off. */
function reluPlot(): Drawing {
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
	img.line(ox - 2.8 * unit, oy + 2.8 * unit, ox, oy, 2, ORANGE, 0.45);
	img.line(ox - 6 * unit, oy, ox, oy, 5, BLUE);
	img.line(ox, oy, ox + 5.5 * unit, oy - 5.5 * unit, 5, BLUE);
	return still(img);
}

/** A dense network: 3 inputs, two hidden layers of 5, 2 outputs. */
function* network(): DrawSteps {
	const img = new Raster(600, 320, PAPER);
	const layers = [3, 5, 5, 2];
	const colors = [GREEN, BLUE, BLUE, ORANGE];
	const pos = layers.map((n, l) => Array.from({ length: n }, (_, i) => [90 + l * 140, 160 + (i - (n - 1) / 2) * 56] as const));
	for (let l = 0; l + 1 < pos.length; l++) {
		yield;
		for (const [x0, y0] of pos[l] ?? []) for (const [x1, y1] of pos[l + 1] ?? []) img.line(x0, y0, x1, y1, 1.5, GRID);
	}
	pos.forEach((layer, l) =>
		layer.forEach(([x, y]) => {
			img.fillCircle(x, y, 19, INK);
			img.fillCircle(x, y, 16, colors[l] as Rgb);
		}),
	);
	return still(img);
}

const POOL_INPUT: NumberMap = [
	[1, 3, 2, 4],
	[5, 6, 1, 2],
	[7, 2, 9, 0],
	[1, 4, 3, 8],
];

/** A 4x4 map, its four 2x2 windows in colour, and the 2x2 max-pooled result. */
function maxPooling(): Drawing {
	const img = new Raster(560, 260, PAPER);
	const windows = [BLUE, ORANGE, GREEN, PURPLE];
	const cell = 50;
	POOL_INPUT.forEach((row, r) =>
		row.forEach((v, c) => {
			const w = windows[Math.floor(r / 2) * 2 + Math.floor(c / 2)] as Rgb;
			img.fillRect(30 + c * cell, 30 + r * cell, cell, cell, w, 0.25);
			img.strokeRect(30 + c * cell, 30 + r * cell, cell + 1, cell + 1, INK);
			img.text(String(v), 30 + c * cell + cell / 2, 30 + r * cell + cell / 2, 4, INK);
		}),
	);
	img.arrow(260, 130, 330, 130, 3, INK);
	maxPool(POOL_INPUT, 2).forEach((row, r) =>
		row.forEach((v, c) => {
			img.fillRect(370 + c * 70, 60 + r * 70, 70, 70, windows[r * 2 + c] as Rgb, 0.55);
			img.strokeRect(370 + c * 70, 60 + r * 70, 71, 71, INK, 2);
			img.text(String(v), 370 + c * 70 + 35, 60 + r * 70 + 35, 5, INK);
		}),
	);
	return still(img);
}

const SEED_INPUT: NumberMap = [
	[1, 1, 1, 0, 0],
	[0, 1, 1, 1, 0],
	[0, 0, 1, 1, 1],
	[0, 0, 1, 1, 0],
	[0, 1, 1, 0, 0],
];
const SEED_KERNEL: NumberMap = [
	[1, 0, 1],
	[0, 1, 0],
	[1, 0, 1],
];

/** One frame of the convolution animation: the window at position `step` (9: all done). */
function convolutionFrame(step: number, out: NumberMap): Raster {
	const cell = 56;
	const img = new Raster(600, 330, PAPER);
	const cur = Math.min(step, 8);
	const wr = Math.floor(cur / 3);
	const wc = cur % 3;
	SEED_INPUT.forEach((row, r) =>
		row.forEach((v, c) => {
			const x = 25 + c * cell;
			const y = 25 + r * cell;
			const inWindow = step < 9 && r >= wr && r < wr + 3 && c >= wc && c < wc + 3;
			img.fillRect(x, y, cell, cell, v ? rgb('#bfdbfe') : [255, 255, 255]);
			if (inWindow) img.fillRect(x, y, cell, cell, ORANGE, 0.35);
			img.strokeRect(x, y, cell + 1, cell + 1, INK);
			img.text(String(v), x + cell / 2, y + cell / 2 - 3, 4, INK);
			if (inWindow) img.text(`x${SEED_KERNEL[r - wr]?.[c - wc] ?? 0}`, x + cell - 13, y + cell - 8, 1, rgb('#9a3412'));
		}),
	);
	if (step < 9) img.strokeRect(25 + wc * cell - 1, 25 + wr * cell - 1, 3 * cell + 3, 3 * cell + 3, ORANGE, 3);
	img.arrow(320, 165, 375, 165, 3, INK);
	out.forEach((row, r) =>
		row.forEach((v, c) => {
			const i = r * 3 + c;
			const x = 400 + c * cell;
			const y = 81 + r * cell;
			img.fillRect(x, y, cell, cell, i === cur && step < 9 ? rgb('#fed7aa') : [255, 255, 255]);
			img.strokeRect(x, y, cell + 1, cell + 1, INK);
			if (i <= step) img.text(String(v), x + cell / 2, y + cell / 2, 4, INK);
		}),
	);
	return img;
}

/** The classic animation: a 3x3 kernel slides over a 5x5 image, filling the 3x3 output (10 frames). */
function* convolutionAnimation(): DrawSteps {
	const out = conv(SEED_INPUT, SEED_KERNEL);
	const frames: Raster[] = [];
	const delaysMs: number[] = [];
	for (let step = 0; step <= 9; step++) {
		if (step > 0) yield;
		frames.push(convolutionFrame(step, out));
		delaysMs.push(step === 9 ? 2500 : 900);
	}
	return { kind: 'animation', frames, delaysMs };
}

/** File name -> drawing steps of every picture the course embeds (the names its notes link). */
export const COURSE_PICTURES: Readonly<Record<string, () => DrawSteps>> = {
	'cnn-pipeline.png': pipeline,
	'convolution.png': convolutionAnimation,
	'digit-seven.png': oneStep(digit),
	'edges.png': oneStep(edges),
	'checkerboard.png': oneStep(checkerboard),
	'relu.png': oneStep(reluPlot),
	'neural-network.png': network,
	'max-pooling.png': oneStep(maxPooling),
};

/** The PNG bytes of one course picture, as an ArrayBuffer for vault.createBinary; `pause` runs between drawing steps. */
export async function pictureBytes(name: string, deflate: Deflate = defaultDeflate(), pause?: () => Promise<void>): Promise<ArrayBuffer> {
	const draw = COURSE_PICTURES[name];
	if (!draw) throw new Error(`pictureBytes: no course picture named ${name}`);
	const steps = draw();
	let step = steps.next();
	while (!step.done) {
		if (pause) await pause();
		step = steps.next();
	}
	const drawing = step.value;
	const bytes = drawing.kind === 'still' ? await encodePng(drawing.raster, deflate) : await encodeApng(drawing.frames, drawing.delaysMs, deflate);
	return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}
