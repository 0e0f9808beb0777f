import * as tf from '@tensorflow/tfjs';
import { readFileSync } from 'fs';
import { join } from 'path';
import { loadDigits, PIXELS } from './digits-data';

const ASSETS = join(__dirname, '..', '..', 'assets', 'digits');

/** The committed artifact read as tfjs reads a model.json and its weight files (no project code involved). */
function fileHandler(): tf.io.IOHandler {
	return {
		load: async () => {
			const json = JSON.parse(readFileSync(join(ASSETS, 'model.json'), 'utf8')) as {
				modelTopology: object;
				weightsManifest: { paths: string[]; weights: tf.io.WeightsManifestEntry[] }[];
			};
			const buffers = json.weightsManifest.flatMap((g) => g.paths.map((p) => readFileSync(join(ASSETS, p))));
			const bytes = Buffer.concat(buffers);
			return {
				modelTopology: json.modelTopology,
				weightSpecs: json.weightsManifest.flatMap((g) => g.weights),
				weightData: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength),
			};
		},
	};
}

describe('the committed digits model (assets/digits)', () => {
	let model: tf.LayersModel;
	beforeAll(async () => {
		tf.env().set('IS_NODE', false);
		await tf.setBackend('cpu');
		model = await tf.loadLayersModel(fileHandler());
	});
	afterAll(() => model.dispose());

	it('is conv -> ReLU -> max-pool -> conv -> ReLU -> max-pool -> flatten -> dense -> softmax, at most 30k parameters', () => {
		expect(model.layers.map((l) => l.getClassName())).toEqual(['Conv2D', 'Activation', 'MaxPooling2D', 'Conv2D', 'Activation', 'MaxPooling2D', 'Flatten', 'Dense', 'Activation']);
		expect(model.countParams()).toBeLessThanOrEqual(30000);
		expect(model.inputs[0]?.shape).toEqual([null, 28, 28, 1]);
		expect(model.outputs[0]?.shape).toEqual([null, 10]);
	});

	it('classifies at least 98% of the ~2,000 held-out digits correctly', () => {
		const { pixels, labels } = loadDigits('heldOut');
		expect(labels.length).toBe(1996);
		let right = 0;
		const perClass = new Array<number>(10).fill(0);
		for (let start = 0; start < labels.length; start += 500) {
			const count = Math.min(500, labels.length - start);
			const predicted = tf.tidy(() => {
				const x = tf.tensor4d(pixels.subarray(start * PIXELS, (start + count) * PIXELS), [count, 28, 28, 1]);
				return (model.predict(x) as tf.Tensor).argMax(-1).dataSync();
			});
			predicted.forEach((p, k) => {
				if (p === labels[start + k]) {
					right++;
					perClass[p] = (perClass[p] ?? 0) + 1;
				}
			});
		}
		const accuracy = right / labels.length;
		expect(accuracy).toBeGreaterThanOrEqual(0.98);
		// every class is learnt, not just the frequent ones
		const counts = new Array<number>(10).fill(0);
		labels.forEach((l) => (counts[l] = (counts[l] ?? 0) + 1));
		perClass.forEach((r, d) => expect(r / (counts[d] ?? 1)).toBeGreaterThan(0.95));
	});
});
