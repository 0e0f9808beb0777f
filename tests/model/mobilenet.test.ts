/**
 * A model of Teachable Machine's size and shape (MobileNet v1 0.25 on 224x224x3, nested under a
 * dense head, ~1 MB of weights, 87 layers): it loads within LOAD_LIMIT_MS, predicts as tfjs does,
 * and every layer can be read in one prediction within PREDICT_LIMIT_MS on the cpu backend. Measured
 * here (2 shared cores, jest, cpu): load ~0.5 s, a prediction ~0.3 s with or without every layer
 * read; MobileNet 0.5 (3.5 MB) ~0.9 s / 0.8 s, MobileNet 1.0 (13 MB) ~2.5 s / 1.9 s.
 */
import * as tf from '@tensorflow/tfjs';
import { LOAD_LIMIT_MS, PREDICT_LIMIT_MS } from '../../src/model/limits';
import { filesOf, mobileNetLike, pageHost, randomPixels, tensors } from './model-fixtures';

describe('a Teachable-Machine-sized model', () => {
	it('loads in time, predicts as tfjs does, reads every layer (maps capped) in time, leaves nothing behind', async () => {
		const model = mobileNetLike(0.25, 5);
		const files = await filesOf(model);
		const host = pageHost();
		const start = await tensors(host);
		let t = performance.now();
		const summary = await host.load({ kind: 'files', files }, 'tm');
		expect(performance.now() - t).toBeLessThan(LOAD_LIMIT_MS);
		if (!summary.ok) throw new Error(JSON.stringify(summary.errors));
		const { layers } = summary.value;
		expect(layers).toHaveLength(87);
		expect(layers[0]).toMatchObject({ kind: 'model', depth: 0, children: 83 });
		const relu6 = layers.find((l) => l.className === 'ReLU');
		expect(relu6).toMatchObject({ kind: 'activation', activation: 'relu6', depth: 1 });
		expect(layers[relu6?.source ?? -1]?.className).toBe('Conv2D');
		expect(layers.filter((l) => l.kind === 'depthwise')).toHaveLength(13);
		const pixels = randomPixels([224, 224, 3], 1, 9);
		t = performance.now();
		const answer = await host.predict(summary.value.model, pixels, layers.map((_, i) => i));
		expect(performance.now() - t).toBeLessThan(PREDICT_LIMIT_MS);
		if (!answer.ok) throw new Error(JSON.stringify(answer.errors));
		const expected = tf.tidy(() => (model.predict(tf.tensor4d(pixels, [1, 224, 224, 3])) as tf.Tensor).dataSync());
		for (const [k, p] of answer.value.probabilities.entries()) expect(Math.abs(p - (expected[k] ?? 0))).toBeLessThan(1e-5);
		// Every layer read, each map with at most its capped channels.
		for (const [i, layer] of layers.entries()) {
			const [h = 0, w = 0] = layer.shape;
			const size = layer.channels === undefined ? layer.size : h * w * layer.channels;
			expect([layer.name, answer.value.activations[i]?.length]).toEqual([layer.name, size]);
		}
		host.dispose(summary.value.model);
		expect(await tensors(host)).toBe(start);
		host.close();
		model.dispose();
	});
});
