import * as tf from '@tensorflow/tfjs';
import { filesOf, pageHost, randomPixels, tensors } from '../../../model/model-fixtures';

function close(a: Float32Array | undefined, b: ArrayLike<number>): void {
	expect(a?.length).toBe(b.length);
	let worst = 0;
	for (let i = 0; i < b.length; i++) worst = Math.max(worst, Math.abs((a?.[i] ?? NaN) - (b[i] ?? 0)));
	expect(worst).toBeLessThan(1e-4);
}

it('a nested model in the middle, holding a nested model first: every inner value equals tfjs', async () => {
	const innerA = tf.sequential({ name: 'innerA', layers: [tf.layers.conv2d({ inputShape: [14, 14, 4], filters: 3, kernelSize: 3, name: 'a_conv', biasInitializer: 'randomNormal' }), tf.layers.reLU({ name: 'a_relu' })] });
	const mid = tf.sequential({ name: 'mid', layers: [innerA, tf.layers.maxPooling2d({ poolSize: 2, name: 'm_pool' })] });
	const model = tf.sequential({ layers: [
		tf.layers.conv2d({ inputShape: [16, 16, 3], filters: 4, kernelSize: 3, name: 'top_conv' }),
		mid,
		tf.layers.flatten({ name: 'flat' }),
		tf.layers.dense({ units: 3, name: 'logits' }),
		tf.layers.activation({ activation: 'softmax', name: 'probs' }),
	] });
	const host = pageHost();
	const start = await tensors(host);
	const summary = await host.load({ kind: 'files', files: await filesOf(model) }, 'm');
	if (!summary.ok) throw new Error(JSON.stringify(summary.errors));
	const names = summary.value.layers.map((l) => l.name);
	const pixels = randomPixels([16, 16, 3], 1, 3);
	const answer = await host.predict(summary.value.model, pixels, names.map((_, i) => i));
	if (!answer.ok) throw new Error(JSON.stringify(answer.errors));
	const act = (n: string) => answer.value.activations[names.indexOf(n)];
	const x = tf.tensor4d(pixels, [1, 16, 16, 3]);
	const topConv = model.getLayer('top_conv').apply(x) as tf.Tensor;
	const aConv = innerA.getLayer('a_conv').apply(topConv) as tf.Tensor;
	const aRelu = tf.relu(aConv);
	const pool = tf.maxPool(aRelu as tf.Tensor4D, 2, 2, 'valid');
	close(act('top_conv'), topConv.dataSync());
	close(act('a_conv'), aConv.dataSync());
	close(act('a_relu'), aRelu.dataSync());
	close(act('innerA'), aRelu.dataSync());
	close(act('m_pool'), pool.dataSync());
	close(act('mid'), pool.dataSync());
	const out = model.predict(x) as tf.Tensor; close(answer.value.probabilities, out.dataSync()); out.dispose();
	tf.dispose([x, topConv, aConv, aRelu, pool]);
	host.dispose(summary.value.model);
	expect(await tensors(host)).toBe(start);
	host.close();
	model.dispose();
});
