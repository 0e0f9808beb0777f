/**
 * Where the probabilities come from, for model ends the simple cases do not cover: Keras'
 * MobileNet v1 (softmax, then a Reshape), and a sigmoid output (refused: it is neither one
 * probability per class nor logits).
 */
import * as tf from '@tensorflow/tfjs';
import { filesOf, pageHost, randomPixels, tensors } from './model-fixtures';

describe('softmax before the last layer', () => {
	it("a model ending act_softmax -> Reshape (Keras' MobileNet v1): the probabilities are the model's own, not a softmax of them", async () => {
		const classes = 50;
		const input = tf.input({ shape: [32, 32, 3] });
		let x = tf.layers.conv2d({ filters: 16, kernelSize: 3, activation: 'relu', kernelInitializer: tf.initializers.glorotUniform({ seed: 3 }) }).apply(input) as tf.SymbolicTensor;
		x = tf.layers.globalAveragePooling2d({}).apply(x) as tf.SymbolicTensor;
		x = tf.layers.reshape({ targetShape: [1, 1, 16], name: 'reshape_1' }).apply(x) as tf.SymbolicTensor;
		x = tf.layers.conv2d({ filters: classes, kernelSize: 1, name: 'conv_preds', kernelInitializer: tf.initializers.randomNormal({ stddev: 3, seed: 1 }) }).apply(x) as tf.SymbolicTensor;
		x = tf.layers.activation({ activation: 'softmax', name: 'act_softmax' }).apply(x) as tf.SymbolicTensor;
		x = tf.layers.reshape({ targetShape: [classes], name: 'reshape_2' }).apply(x) as tf.SymbolicTensor;
		const model = tf.model({ inputs: input, outputs: x });
		const host = pageHost();
		const summary = await host.load({ kind: 'files', files: await filesOf(model) }, 'mobilenet');
		if (!summary.ok) throw new Error(JSON.stringify(summary.errors));
		expect(summary.value.softmax).not.toBe('none');
		const pixels = randomPixels([32, 32, 3], 1, 4);
		const answer = await host.predict(summary.value.model, pixels, []);
		if (!answer.ok) throw new Error(JSON.stringify(answer.errors));
		const want = tf.tidy(() => Array.from((model.predict(tf.tensor4d(pixels, [1, 32, 32, 3])) as tf.Tensor).dataSync()));
		want.forEach((p, k) => expect(answer.value.probabilities[k]).toBeCloseTo(p, 5));
		host.close();
		model.dispose();
	});

	it.each(['sigmoid', 'relu', 'tanh'])('a model whose last layer applies %s is refused with a translated error, nothing left behind', async (activation) => {
		const model = tf.sequential({ layers: [tf.layers.flatten({ inputShape: [8, 8, 1] }), tf.layers.dense({ units: 3, activation: activation as 'sigmoid' })] });
		const host = pageHost();
		const before = await tensors(host);
		const summary = await host.load({ kind: 'files', files: await filesOf(model) }, 'm');
		expect(summary.ok).toBe(false);
		if (!summary.ok) expect(summary.errors[0]).toMatchObject({ code: 'classify.error.outputActivation', vars: { model: 'm', activation } });
		expect(await tensors(host)).toBe(before);
		host.close();
		model.dispose();
	});

	it('a separate sigmoid Activation layer at the end is refused too', async () => {
		const model = tf.sequential({ layers: [tf.layers.flatten({ inputShape: [8, 8, 1] }), tf.layers.dense({ units: 3 }), tf.layers.activation({ activation: 'sigmoid' })] });
		const host = pageHost();
		const summary = await host.load({ kind: 'files', files: await filesOf(model) }, 'm');
		expect(!summary.ok && summary.errors[0]?.code).toBe('classify.error.outputActivation');
		host.close();
		model.dispose();
	});
});
