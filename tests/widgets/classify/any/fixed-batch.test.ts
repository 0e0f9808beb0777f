/** A model saved with a fixed batch size of 1 (batch_input_shape [1, h, w, c]) loads, predicts one picture, and classifies a folder. */
import * as tf from '@tensorflow/tfjs';
import { App } from '../../../../harness/obsidian';
import { installFakeCanvas, mountClassify, settle } from '../classify-helpers';
import { pngBytes, rgba, saveToVault } from '../vault-models';

beforeEach(() => installFakeCanvas());
afterEach(() => jest.restoreAllMocks());

it('a batch-1 model classifies a folder (or says clearly why not)', async () => {
	const app = new App();
	const model = tf.sequential({ layers: [
		tf.layers.conv2d({ batchInputShape: [1, 32, 32, 3], filters: 2, kernelSize: 3, activation: 'relu' }),
		tf.layers.flatten(),
		tf.layers.dense({ units: 3, activation: 'softmax' }),
	] });
	await saveToVault(app, 'b1', model);
	for (let i = 1; i <= 3; i++) app.vault.seed(`set/p${i}.png`, pngBytes(i));
	const { el, section } = await mountClassify('model: "[[models/b1/model.json]]"\ninput: "[[set]]"', { app, overrides: { decode: async () => rgba(32, 32, 1) } });
	for (let i = 0; i < 100 && el.getAttribute('data-state') !== 'error' && el.querySelector('.cnn-classify-folder')?.getAttribute('data-state') !== 'done'; i++) await settle(20);
	expect(el.textContent).not.toContain('Something went wrong');
	expect(el.querySelector('.cnn-classify-folder')?.getAttribute('data-state')).toBe('done');
	section.unload();
	model.dispose();
});
