/**
 * The committed digits model (assets/digits) under jest, read as tfjs reads a model.json and its
 * weights (no project code involved), and a batch predict: 784 values per input -> 10 probabilities.
 */
import * as tf from '@tensorflow/tfjs';
import { readFileSync } from 'fs';
import { join } from 'path';

const ASSETS = join(__dirname, '..', '..', 'assets', 'digits');

/** Reads assets/digits/model.json and its weight files. */
function fileHandler(): tf.io.IOHandler {
	return {
		load: () => {
			const json = JSON.parse(readFileSync(join(ASSETS, 'model.json'), 'utf8')) as {
				modelTopology: object;
				weightsManifest: { paths: string[]; weights: tf.io.WeightsManifestEntry[] }[];
			};
			const bytes = Buffer.concat(json.weightsManifest.flatMap((g) => g.paths.map((p) => readFileSync(join(ASSETS, p)))));
			return Promise.resolve({
				modelTopology: json.modelTopology,
				weightSpecs: json.weightsManifest.flatMap((g) => g.weights),
				weightData: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength),
			});
		},
	};
}

/** The digits model on tfjs's cpu backend. */
export async function loadDigitsModel(): Promise<tf.LayersModel> {
	tf.env().set('IS_NODE', false);
	await tf.setBackend('cpu');
	return tf.loadLayersModel(fileHandler());
}

/** The model's 10 probabilities for each 784-value input, in batches of 500. */
export function predictAll(model: tf.LayersModel, inputs: readonly Float32Array[]): Float32Array[] {
	const out: Float32Array[] = [];
	for (let start = 0; start < inputs.length; start += 500) {
		const batch = inputs.slice(start, start + 500);
		const flat = new Float32Array(batch.length * 784);
		batch.forEach((x, k) => flat.set(x, k * 784));
		const probs = tf.tidy(() => (model.predict(tf.tensor4d(flat, [batch.length, 28, 28, 1])) as tf.Tensor).dataSync());
		for (let k = 0; k < batch.length; k++) out.push(Float32Array.from(probs.subarray(k * 10, (k + 1) * 10)));
	}
	return out;
}
