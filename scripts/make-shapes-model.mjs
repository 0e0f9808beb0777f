// `npm run make:shapes [-- --epochs N --seed S --pictures-only]`: the example vault's colour model and
// its pictures, deterministically (mulberry32 for every random choice, seeded glorotUniform kernels).
//
// - Draws synthetic RGB pictures of three classes (circle, square, triangle): random colour, size,
//   position and a slight rotation, filled or outlined (as a drawing on the pad is), on light, dark,
//   noisy or gradient backgrounds, so that only the shape tells the classes apart. Shapes of one size
//   have the same area, so size is no clue either.
// - Trains a small CNN on 32x32x3 pictures scaled to -1..1 (as Teachable Machine's models expect) with
//   tfjs's cpu backend in Node, on fresh pictures every epoch, and measures it on held-out pictures
//   drawn from another seed (never used for training).
// - Writes examples/vault/models/shapes/ (model.json + weights.bin, a standard tfjs Layers model, and
//   metadata.json in Teachable Machine's format plus our keys), the test pictures
//   examples/vault/datasets/shapes/<class>/*.png (64x64) and the same pictures under Spanish names in
//   examples/vault/datasets/formas/<clase>/, and stand-alone pictures in examples/vault/pictures/.
//   PNGs are encoded by the plugin's own encoder (src/vault/png-encode.ts, bundled by make-images.mjs).
// `--pictures-only` redraws the pictures without training (seconds instead of minutes).
import * as tf from '@tensorflow/tfjs';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname, join } from 'node:path';
import { layersModelFiles } from './layers-model-files.mjs';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';
import { pictureModule } from './make-images.mjs';
import { installFastConvGradients, prng } from './train-digits-kernels.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const VAULT = join(ROOT, 'examples', 'vault');
const MODEL_DIR = join(VAULT, 'models', 'shapes');

const args = process.argv.slice(2);
const flag = (name, fallback) => {
	const i = args.indexOf(`--${name}`);
	return i >= 0 && args[i + 1] !== undefined ? args[i + 1] : fallback;
};
const SEED = Number(flag('seed', '2024'));
const EPOCHS = Number(flag('epochs', '12'));
const PER_EPOCH = 3000; // fresh training pictures per epoch
const HELD_OUT = 1200; // 400 a class
const BATCH = 32;
const LR = 0.003;
const SIDE = 32;
const PIXELS = SIDE * SIDE * 3;
const LABELS = ['circle', 'square', 'triangle'];
const SPANISH = { circle: 'círculo', square: 'cuadrado', triangle: 'triángulo' };
const TEST_SIDE = 64;
const TEST_PER_CLASS = 4;

const between = (rand, lo, hi) => lo + rand() * (hi - lo);
const luminance = ([r, g, b]) => 0.299 * r + 0.587 * g + 0.114 * b;
const randomColour = (rand, lo = 0, hi = 255) => [between(rand, lo, hi), between(rand, lo, hi), between(rand, lo, hi)];

/**
 * A scene in unit coordinates of a square (0..1 across): the class, its centre, the radius of the
 * circle of the same area, a rotation in radians, the outline's width (0: filled; one in three
 * pictures is outlined), the shape's colour and the background.
 */
function randomScene(rand, label) {
	const kind = ['light', 'dark', 'noisy', 'gradient'][Math.floor(rand() * 4)];
	const background =
		kind === 'light' ? { kind, a: randomColour(rand, 170, 255) }
		: kind === 'dark' ? { kind, a: randomColour(rand, 0, 90) }
		: kind === 'noisy' ? { kind, a: randomColour(rand), noise: between(rand, 20, 55), seed: Math.floor(rand() * 2 ** 31) }
		: { kind, a: randomColour(rand), b: randomColour(rand), angle: rand() * 2 * Math.PI };
	const mean = kind === 'gradient' ? background.a.map((v, i) => (v + background.b[i]) / 2) : background.a;
	// The shape's colour: anything at least 70 grey levels away from the background (tries are bounded).
	let colour = randomColour(rand);
	for (let i = 0; i < 50 && Math.abs(luminance(colour) - luminance(mean)) < 70; i++) colour = randomColour(rand);
	if (Math.abs(luminance(colour) - luminance(mean)) < 70) colour = luminance(mean) > 127 ? [20, 20, 20] : [235, 235, 235];
	const r = between(rand, 0.15, 0.25);
	const rotation = ((rand() * 2 - 1) * 15 * Math.PI) / 180;
	const points = outline(label, 0, 0, r, rotation);
	const xs = points ? points.map((p) => p[0]) : [-r, r];
	const ys = points ? points.map((p) => p[1]) : [-r, r];
	const margin = 0.04;
	const cx = between(rand, margin - Math.min(...xs), 1 - margin - Math.max(...xs));
	const cy = between(rand, margin - Math.min(...ys), 1 - margin - Math.max(...ys));
	const stroke = rand() < 1 / 3 ? between(rand, 0.04, 0.1) : 0;
	return { label, cx, cy, r, rotation, stroke, colour, background };
}

/** The corners of a square or triangle with the area of a circle of radius r (null for the circle). */
function outline(label, cx, cy, r, rotation) {
	if (label === 'circle') return null;
	// square: half-side r * sqrt(pi) / 2; equilateral triangle: circumradius r * sqrt(4 pi / (3 sqrt 3)).
	const corners = label === 'square' ? [45, 135, 225, 315].map((d) => [d, (r * Math.sqrt(Math.PI) / 2) * Math.SQRT2]) : [-90, 30, 150].map((d) => [d, r * Math.sqrt((4 * Math.PI) / (3 * Math.sqrt(3)))]);
	return corners.map(([deg, radius]) => {
		const a = (deg * Math.PI) / 180 + rotation;
		return [cx + radius * Math.cos(a), cy + radius * Math.sin(a)];
	});
}

/** True when (x, y) lies inside the convex polygon `points` (any winding). */
function insidePolygon(points, x, y) {
	let sign = 0;
	for (let i = 0; i < points.length; i++) {
		const [ax, ay] = points[i];
		const [bx, by] = points[(i + 1) % points.length];
		const cross = (bx - ax) * (y - ay) - (by - ay) * (x - ax);
		if (cross !== 0) {
			if (sign === 0) sign = Math.sign(cross);
			else if (Math.sign(cross) !== sign) return false;
		}
	}
	return true;
}

/**
 * Draws a scene into RGB bytes (width x height, row-major, 3 bytes a pixel): the scene's unit square
 * is the centred square of side min(width, height); the background fills the whole picture. Edges
 * are anti-aliased by 4x4 samples a pixel.
 */
function render(scene, width, height) {
	const side = Math.min(width, height);
	const ox = (width - side) / 2;
	const oy = (height - side) / 2;
	const out = new Uint8ClampedArray(width * height * 3);
	const { background: bg, colour } = scene;
	const noise = bg.kind === 'noisy' ? prng(bg.seed) : null;
	const points = outline(scene.label, scene.cx, scene.cy, scene.r, scene.rotation);
	const r2 = scene.r * scene.r;
	const filled = points ? (x, y) => insidePolygon(points, x, y) : (x, y) => (x - scene.cx) ** 2 + (y - scene.cy) ** 2 <= r2;
	// An outline: inside the shape, outside the same shape shrunk (about its centre) to leave a border `stroke` wide.
	const stroke = scene.stroke ?? 0;
	const inradius = scene.label === 'circle' ? scene.r : scene.label === 'square' ? (scene.r * Math.sqrt(Math.PI)) / 2 : (scene.r * Math.sqrt((4 * Math.PI) / (3 * Math.sqrt(3)))) / 2;
	const shrink = Math.max(0, (inradius - stroke) / inradius);
	const hole = outline(scene.label, scene.cx, scene.cy, scene.r * shrink, scene.rotation);
	const inHole = hole ? (x, y) => insidePolygon(hole, x, y) : (x, y) => (x - scene.cx) ** 2 + (y - scene.cy) ** 2 < (scene.r * shrink) ** 2;
	const inside = stroke > 0 ? (x, y) => filled(x, y) && !inHole(x, y) : filled;
	const dir = bg.kind === 'gradient' ? [Math.cos(bg.angle), Math.sin(bg.angle)] : null;
	const S = 4;
	for (let py = 0; py < height; py++) {
		for (let px = 0; px < width; px++) {
			let base = bg.a;
			if (dir) {
				// position along the gradient's direction, 0..1 over the picture's square
				const t = Math.max(0, Math.min(1, 0.5 + ((px + 0.5 - width / 2) * dir[0] + (py + 0.5 - height / 2) * dir[1]) / (side * Math.SQRT2)));
				base = bg.a.map((v, i) => v + (bg.b[i] - v) * t);
			} else if (noise) {
				const n = (noise() * 2 - 1) * bg.noise;
				base = bg.a.map((v) => v + n + (noise() * 2 - 1) * bg.noise * 0.3);
			}
			let covered = 0;
			for (let sy = 0; sy < S; sy++) {
				for (let sx = 0; sx < S; sx++) {
					if (inside((px - ox + (sx + 0.5) / S) / side, (py - oy + (sy + 0.5) / S) / side)) covered++;
				}
			}
			const a = covered / (S * S);
			const o = (py * width + px) * 3;
			for (let c = 0; c < 3; c++) out[o + c] = Math.round(base[c] + (colour[c] - base[c]) * a);
		}
	}
	return out;
}

/** `count` pictures (equal numbers of each class, shuffled by their seed) as network input: -1..1. */
function makeSet(seed, count) {
	const rand = prng(seed);
	const x = new Float32Array(count * PIXELS);
	const y = new Float32Array(count);
	for (let i = 0; i < count; i++) {
		const label = i % LABELS.length;
		const bytes = render(randomScene(rand, LABELS[label]), SIDE, SIDE);
		for (let k = 0; k < PIXELS; k++) x[i * PIXELS + k] = bytes[k] / 127.5 - 1;
		y[i] = label;
	}
	return { x, y, count };
}

/** conv 8 3x3 -> ReLU -> max-pool 2 -> conv 16 3x3 -> ReLU -> max-pool 2 -> flatten -> dense 3 -> softmax. */
function buildModel() {
	const init = (s) => tf.initializers.glorotUniform({ seed: SEED + s });
	const model = tf.sequential({ name: 'shapes' });
	model.add(tf.layers.conv2d({ name: 'conv1', inputShape: [SIDE, SIDE, 3], filters: 8, kernelSize: 3, kernelInitializer: init(1) }));
	model.add(tf.layers.activation({ name: 'relu1', activation: 'relu' }));
	model.add(tf.layers.maxPooling2d({ name: 'pool1', poolSize: 2, strides: 2 }));
	model.add(tf.layers.conv2d({ name: 'conv2', filters: 16, kernelSize: 3, kernelInitializer: init(2) }));
	model.add(tf.layers.activation({ name: 'relu2', activation: 'relu' }));
	model.add(tf.layers.maxPooling2d({ name: 'pool2', poolSize: 2, strides: 2 }));
	model.add(tf.layers.flatten({ name: 'flatten' }));
	model.add(tf.layers.dense({ name: 'dense', units: LABELS.length, kernelInitializer: init(3) }));
	model.add(tf.layers.activation({ name: 'softmax', activation: 'softmax' }));
	return model;
}

/** The model's probabilities for `n` pictures of `x` (-1..1, [n, 32, 32, 3]). */
function probabilities(model, x, n) {
	return tf.tidy(() => model.predict(tf.tensor4d(x, [n, SIDE, SIDE, 3])).arraySync());
}

/** Accuracy on a set, in [0, 1]. */
function accuracy(model, set) {
	let right = 0;
	for (let start = 0; start < set.count; start += 200) {
		const n = Math.min(200, set.count - start);
		const probs = probabilities(model, set.x.subarray(start * PIXELS, (start + n) * PIXELS), n);
		probs.forEach((p, i) => { if (p.indexOf(Math.max(...p)) === set.y[start + i]) right++; });
	}
	return right / set.count;
}

/** Writes model.json + weights.bin through a tfjs save handler (the standard Layers format). */
async function saveModel(model) {
	const { json, weights } = await layersModelFiles(tf, model);
	writeFileSync(join(MODEL_DIR, 'model.json'), JSON.stringify(json));
	for (const [name, bytes] of weights) writeFileSync(join(MODEL_DIR, name), bytes);
}

/** The test pictures: TEST_PER_CLASS scenes a class (their own seed), the even-numbered ones outlined. */
function testScenes() {
	const rand = prng(SEED + 100);
	const scenes = [];
	for (const label of LABELS) {
		for (let i = 1; i <= TEST_PER_CLASS; i++) {
			const scene = randomScene(rand, label);
			scene.stroke = i % 2 === 0 ? scene.stroke || 0.07 : 0;
			scenes.push({ name: `${label}-${i}`, scene });
		}
	}
	return scenes;
}

/** Stand-alone pictures for the notes: a wide photo-like one (centre-cropped by the plugin) and a square one. */
function standAloneScenes() {
	const triangle = { label: 'triangle', cx: 0.5, cy: 0.55, r: 0.22, rotation: 0.12, colour: [214, 64, 52], background: { kind: 'gradient', a: [250, 236, 200], b: [150, 190, 230], angle: 0.6 } };
	const circle = { label: 'circle', cx: 0.44, cy: 0.52, r: 0.24, rotation: 0, colour: [250, 200, 40], background: { kind: 'noisy', a: [40, 60, 110], noise: 30, seed: SEED + 7 } };
	return [
		{ file: 'shape-triangle.png', scene: triangle, width: 96, height: 64 },
		{ file: 'shape-circle.png', scene: circle, width: 64, height: 64 },
	];
}

/** RGB bytes -> RGBA raster for the PNG encoder. */
function rgba(bytes, width, height) {
	const data = new Uint8ClampedArray(width * height * 4);
	for (let i = 0; i < width * height; i++) {
		data.set(bytes.subarray(i * 3, i * 3 + 3), i * 4);
		data[i * 4 + 3] = 255;
	}
	return { width, height, data };
}

/** What the plugin's default `fit: crop` does, roughly: centre square, averaged down to 32x32, -1..1. */
function asInput(bytes, width, height) {
	const side = Math.min(width, height);
	const ox = Math.floor((width - side) / 2);
	const oy = Math.floor((height - side) / 2);
	const f = side / SIDE;
	const x = new Float32Array(PIXELS);
	for (let r = 0; r < SIDE; r++) {
		for (let q = 0; q < SIDE; q++) {
			for (let c = 0; c < 3; c++) {
				let sum = 0;
				let n = 0;
				for (let y = Math.floor(r * f); y < Math.floor((r + 1) * f); y++) {
					for (let xx = Math.floor(q * f); xx < Math.floor((q + 1) * f); xx++, n++) sum += bytes[((oy + y) * width + ox + xx) * 3 + c];
				}
				x[(r * SIDE + q) * 3 + c] = sum / n / 127.5 - 1;
			}
		}
	}
	return x;
}

/** Writes every picture (PNG, zlib level 9, the plugin's encoder); returns [{ path, bytes, width, height, label }]. */
async function writePictures() {
	const { encodePng } = await pictureModule();
	const deflate = async (raw) => new Uint8Array(deflateSync(raw, { level: 9 }));
	const written = [];
	const put = async (path, bytes, width, height, label) => {
		mkdirSync(dirname(path), { recursive: true });
		writeFileSync(path, await encodePng(rgba(bytes, width, height), deflate));
		written.push({ path, bytes, width, height, label });
	};
	for (const dir of [join(VAULT, 'datasets', 'shapes'), join(VAULT, 'datasets', 'formas')]) rmSync(dir, { recursive: true, force: true });
	for (const { name, scene } of testScenes()) {
		const bytes = render(scene, TEST_SIDE, TEST_SIDE);
		const es = SPANISH[scene.label];
		await put(join(VAULT, 'datasets', 'shapes', scene.label, `${name}.png`), bytes, TEST_SIDE, TEST_SIDE, scene.label);
		await put(join(VAULT, 'datasets', 'formas', es, `${name.replace(scene.label, es)}.png`), bytes, TEST_SIDE, TEST_SIDE, scene.label);
	}
	for (const { file, scene, width, height } of standAloneScenes()) await put(join(VAULT, 'pictures', file), render(scene, width, height), width, height, scene.label);
	console.log(`make-shapes: ${written.length} pictures in examples/vault/datasets/shapes, datasets/formas and pictures/`);
	return written;
}

async function main() {
	const pictures = await writePictures();
	if (args.includes('--pictures-only')) return;
	await tf.setBackend('cpu');
	tf.env().set('IS_NODE', false);
	const kernelError = installFastConvGradients()();
	if (!(kernelError < 1e-3)) throw new Error(`fast convolution gradients differ from tfjs by ${kernelError}`);
	const started = Date.now();
	const heldOut = makeSet(SEED + 1000, HELD_OUT);
	const model = buildModel();
	const params = model.countParams();
	console.log(`shapes: ${params} parameters; ${EPOCHS} epochs of ${PER_EPOCH} fresh pictures, ${HELD_OUT} held out; seed ${SEED}`);
	const optimizer = tf.train.adam(LR);
	model.compile({ optimizer, loss: 'sparseCategoricalCrossentropy' });
	for (let epoch = 0; epoch < EPOCHS; epoch++) {
		optimizer.learningRate = LR * (0.05 + 0.95 * 0.5 * (1 + Math.cos((Math.PI * epoch) / EPOCHS)));
		const t0 = Date.now();
		const train = makeSet(SEED + 1 + epoch, PER_EPOCH);
		// makeSet alternates the classes; shuffle the batches' order within the epoch
		const rand = prng(SEED + 500 + epoch);
		const order = Array.from({ length: PER_EPOCH }, (_, i) => i);
		for (let i = order.length - 1; i > 0; i--) {
			const j = Math.floor(rand() * (i + 1));
			[order[i], order[j]] = [order[j], order[i]];
		}
		const xb = new Float32Array(BATCH * PIXELS);
		let lossSum = 0;
		const steps = Math.floor(PER_EPOCH / BATCH);
		for (let s = 0; s < steps; s++) {
			const yb = new Float32Array(BATCH);
			for (let b = 0; b < BATCH; b++) {
				const k = order[s * BATCH + b];
				xb.set(train.x.subarray(k * PIXELS, (k + 1) * PIXELS), b * PIXELS);
				yb[b] = train.y[k];
			}
			const [x, y] = [tf.tensor4d(xb, [BATCH, SIDE, SIDE, 3]), tf.tensor1d(yb)];
			lossSum += Number(await model.trainOnBatch(x, y));
			x.dispose();
			y.dispose();
		}
		console.log(`epoch ${epoch + 1}/${EPOCHS}: loss ${(lossSum / steps).toFixed(4)}, held-out accuracy ${(accuracy(model, heldOut) * 100).toFixed(2)}% (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
	}
	const heldOutAccuracy = accuracy(model, heldOut);
	const seconds = (Date.now() - started) / 1000;
	mkdirSync(MODEL_DIR, { recursive: true });
	await saveModel(model);
	const metadata = {
		tfjsVersion: tf.version.tfjs,
		packageName: 'cnn-notes',
		modelName: 'shapes',
		labels: LABELS,
		imageSize: SIDE,
		scale: '-1..1',
		fit: 'crop',
		trainedBy: 'scripts/make-shapes-model.mjs',
		heldOutAccuracy: Math.round(heldOutAccuracy * 10000) / 10000,
	};
	writeFileSync(join(MODEL_DIR, 'metadata.json'), JSON.stringify(metadata, null, '\t') + '\n');
	console.log(`shapes: held-out accuracy ${(heldOutAccuracy * 100).toFixed(2)}% (${Math.round(heldOutAccuracy * HELD_OUT)} / ${HELD_OUT}), ${params} parameters, ${seconds.toFixed(0)} s on ${cpus().length} x ${cpus()[0]?.model ?? 'an unknown CPU'}`);
	// The vault's own pictures, as the plugin would feed them (centre square averaged down): each should be right.
	for (const p of pictures) {
		const probs = probabilities(model, asInput(p.bytes, p.width, p.height), 1)[0];
		const best = probs.indexOf(Math.max(...probs));
		console.log(`${LABELS[best] === p.label ? 'right' : 'WRONG'}  ${p.path.slice(VAULT.length + 1)}: ${LABELS[best]} ${(probs[best] * 100).toFixed(1)}%`);
	}
	console.log(`wrote examples/vault/models/shapes/model.json, weights.bin, metadata.json`);
}

await main();
