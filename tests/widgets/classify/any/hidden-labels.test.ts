/** Only the layers that give the scores carry the class names on their bars, not a hidden layer of the same size. */
import * as tf from '@tensorflow/tfjs';
import { App } from '../../../../harness/obsidian';
import { installFakeCanvas, mountClassify } from '../classify-helpers';
import { pngBytes, rgba, saveToVault } from '../vault-models';

beforeEach(() => installFakeCanvas());
afterEach(() => jest.restoreAllMocks());

it('a hidden dense layer of 3 units is not labelled with the 3 class names', async () => {
	const app = new App();
	const model = tf.sequential({ layers: [
		tf.layers.conv2d({ inputShape: [32, 32, 3], filters: 3, kernelSize: 3, name: 'conv' }),
		tf.layers.globalAveragePooling2d({ name: 'gap' }),
		tf.layers.dense({ units: 3, activation: 'relu', name: 'hidden' }),
		tf.layers.dense({ units: 3, activation: 'softmax', name: 'out' }),
	] });
	await saveToVault(app, 'm', model, { 'labels.txt': 'cat\ndog\nbird\n' });
	app.vault.seed('p.png', pngBytes(1));
	const { el, section } = await mountClassify('model: "[[models/m/model.json]]"\ninput: "[[p.png]]"', { app, overrides: { decode: async () => rgba(32, 32, 1) } });
	const labelsOf = (name: string) => Array.from(el.querySelectorAll(`.cnn-classify-layer[data-layer="${name}"] .cnn-classify-bar-label`), (e) => e.textContent);
	expect(labelsOf('out')).toEqual(['cat', 'dog', 'bird']);
	expect(labelsOf('hidden')).not.toEqual(['cat', 'dog', 'bird']);
	expect(labelsOf('gap')).not.toEqual(['cat', 'dog', 'bird']);
	section.unload();
	model.dispose();
});
