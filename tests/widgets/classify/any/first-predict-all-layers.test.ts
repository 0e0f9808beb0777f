/** A model of more than 40 layers starts with its nested models folded: its first prediction asks only for the layers outside the folds, and a fold's sections are built when it is opened. */
import * as tf from '@tensorflow/tfjs';
import { App } from '../../../../harness/obsidian';
import { acquireModelHost } from '../../../../src/model/host/start';
import { installFakeCanvas, mountClassify, settle } from '../classify-helpers';
import { pngBytes, rgba, saveToVault } from '../vault-models';

beforeEach(() => installFakeCanvas());
afterEach(() => jest.restoreAllMocks());

it('the first prediction asks only for the layers outside folded nested models', async () => {
	const app = new App();
	const inner = tf.sequential({ name: 'base', layers: [tf.layers.conv2d({ inputShape: [32, 32, 3], filters: 4, kernelSize: 3, padding: 'same' }), ...Array.from({ length: 44 }, () => tf.layers.conv2d({ filters: 4, kernelSize: 3, padding: 'same', activation: 'relu' }))] });
	const model = tf.sequential({ layers: [inner, tf.layers.flatten(), tf.layers.dense({ units: 3, activation: 'softmax' })] });
	await saveToVault(app, 'deep', model);
	app.vault.seed('p.png', pngBytes(1));
	const asked: number[][] = [];
	const host = () => {
		const lease = acquireModelHost();
		const predict = lease.host.predict.bind(lease.host);
		lease.host.predict = (m, px, layers, signal) => {
			asked.push([...layers]);
			return predict(m, px, layers, signal);
		};
		return lease;
	};
	const { el, section } = await mountClassify('model: "[[models/deep/model.json]]"\ninput: "[[p.png]]"', { app, overrides: { decode: async () => rgba(32, 32, 1), host } });
	await settle(200);
	const folds = Array.from(el.querySelectorAll<HTMLDetailsElement>('details.cnn-classify-nested'));
	expect(folds.every((f) => !f.open)).toBe(true);
	// Only the top model's entries (nested model entry, flatten, dense) are visible: 3.
	expect(asked[0]?.length).toBe(3);
	// The folded model's 45 sections are not built until it is opened; opening builds them and asks for their values.
	expect(el.querySelectorAll('.cnn-classify-layer')).toHaveLength(2);
	const fold = folds[0];
	if (!fold) throw new Error('no fold');
	fold.open = true;
	fold.dispatchEvent(new Event('toggle'));
	await settle(300);
	expect(el.querySelectorAll('.cnn-classify-layer')).toHaveLength(47);
	expect(asked[asked.length - 1]?.length).toBe(48);
	section.unload();
	model.dispose();
});
