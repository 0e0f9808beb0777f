/**
 * The built-in digits model (assets/digits) on the tfjs cpu backend: one prediction as the classify
 * widget makes it (every layer's output in one readback), the plain model, and the MNIST-style
 * preprocessing of a drawing. The goal: well under one 60 fps frame per prediction.
 */
import * as tf from '@tensorflow/tfjs';
import { readFileSync } from 'fs';
import { join } from 'path';
import { artifactsFromModelJson } from '../src/model/artifacts';
import { Classifier } from '../src/model/engine/classifier';
import { preprocessDigit } from '../src/model/preprocess';
import { rasterize } from '../src/model/strokes';
import type { BenchSuite } from './harness';

/** One frame at 60 Hz, in ms. */
const FRAME_MS = 1000 / 60;
const ASSETS = join(process.cwd(), 'assets', 'digits');

/** A held-out sample digit (the first of assets/digits/samples.json) as 784 values in [0, 1]. */
function sampleDigit(): Float32Array {
	const json = JSON.parse(readFileSync(join(ASSETS, 'samples.json'), 'utf8')) as { samples: { pixels: string }[] };
	const bytes = Buffer.from(json.samples[0]?.pixels ?? '', 'base64');
	return Float32Array.from(bytes, (b) => b / 255);
}

/** A hand-drawn "7" in pad units. */
const SEVEN = [[0.3, 0.22, 0.5, 0.22, 0.72, 0.22, 0.6, 0.45, 0.45, 0.82]];

let classifier: Classifier | null = null;

const suite: BenchSuite = {
	title: 'digits model (assets/digits) on the tfjs cpu backend: one digit',
	cases: async () => {
		tf.env().set('IS_NODE', false);
		await tf.setBackend('cpu');
		await tf.ready();
		const json: unknown = JSON.parse(readFileSync(join(ASSETS, 'model.json'), 'utf8'));
		const artifacts = await artifactsFromModelJson(json, async (path) => {
			const b = readFileSync(join(ASSETS, path));
			return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength);
		});
		const loaded = await Classifier.load(tf, artifacts, 'digits');
		if (!loaded.ok) throw new Error(`digits model: ${loaded.errors.map((e) => e.code).join(", ")}`);
		const c = loaded.value;
		classifier = c;
		const digit = sampleDigit();
		const strokes = SEVEN.map((s) => s.slice());
		return [
			{ name: 'predict with every layer (the widget: 9 outputs, 1 readback)', budgetMs: FRAME_MS, ours: () => c.predict(digit).probabilities },
			{ name: 'model.predict + argMax only', budgetMs: FRAME_MS, ours: () => Float32Array.from(c.classifyBatch(digit, 1)) },
			{ name: 'preprocess a drawing: 140x140 strokes raster -> 28x28', budgetMs: FRAME_MS, ours: () => preprocessDigit(rasterize(strokes)).pixels },
		];
	},
	teardown: () => {
		classifier?.dispose();
		classifier = null;
	},
};

export default suite;
