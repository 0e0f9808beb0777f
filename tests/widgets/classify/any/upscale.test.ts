/** For a vault model a photo is read large enough for the model (at least 512 px a side), never enlarged from a 256 px copy; the line names the file's size. */
import * as tf from '@tensorflow/tfjs';
import { App } from '../../../../harness/obsidian';
import { installFakeCanvas, mountClassify } from '../classify-helpers';
import { pngBytes, rgba, saveToVault } from '../vault-models';

beforeEach(() => installFakeCanvas());
afterEach(() => jest.restoreAllMocks());

it('a 224x224 model gets the photo at its resolution', async () => {
	const app = new App();
	const model = tf.sequential({ layers: [tf.layers.conv2d({ inputShape: [224, 224, 3], filters: 2, kernelSize: 3, strides: 4 }), tf.layers.flatten(), tf.layers.dense({ units: 2, activation: 'softmax' })] });
	await saveToVault(app, 'big', model);
	app.vault.seed('photo.png', pngBytes(1));
	const { el, section } = await mountClassify('model: "[[models/big/model.json]]"\ninput: "[[photo.png]]"', { app, overrides: { decode: async () => rgba(1600, 1200, 1) } });
	const line = el.querySelector('.cnn-classify-prep')?.textContent ?? '';
	expect(line).toContain('1600x1200');
	section.unload();
	model.dispose();
});
