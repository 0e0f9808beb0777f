/** Opening a folded nested model while a prediction is with the host: the answer in flight (asked without the fold) does not count as the latest, so the opened layers get their values. */
import * as tf from '@tensorflow/tfjs';
import { App } from '../../../../harness/obsidian';
import { acquireModelHost } from '../../../../src/model/host/start';
import { drawStrokes, installFakeCanvas, layOut, mountClassify, settle } from '../classify-helpers';
import { saveToVault } from '../vault-models';

beforeEach(() => installFakeCanvas());
afterEach(() => jest.restoreAllMocks());

it('opening a fold during a prediction gets its layers computed', async () => {
	const app = new App();
	const inner = tf.sequential({ name: 'base', layers: [tf.layers.conv2d({ inputShape: [32, 32, 3], filters: 4, kernelSize: 3, padding: 'same' }), ...Array.from({ length: 44 }, () => tf.layers.conv2d({ filters: 4, kernelSize: 3, padding: 'same', activation: 'relu' }))] });
	const model = tf.sequential({ layers: [inner, tf.layers.flatten(), tf.layers.dense({ units: 3, activation: 'softmax' })] });
	await saveToVault(app, 'deep', model);
	const asked: number[][] = [];
	const host = () => {
		const lease = acquireModelHost();
		const predict = lease.host.predict.bind(lease.host);
		lease.host.predict = (m, px, layers, signal) => {
			asked.push([...layers]);
			// A larger model: the answer takes a moment.
			return predict(m, px, layers, signal).then((a) => new Promise((r) => setTimeout(() => r(a), 300)));
		};
		return lease;
	};
	const { el, section, widget } = await mountClassify('model: "[[models/deep/model.json]]"\ninput: draw', { app, overrides: { host } });
	const pad = el.querySelector<HTMLCanvasElement>('.cnn-classify-pad-canvas');
	if (!pad) throw new Error('no pad');
	layOut(pad);
	drawStrokes(pad, [[0.2, 0.2, 0.8, 0.8]]);
	await widget?.whenIdle();
	await settle(100);
	const fold = el.querySelector<HTMLDetailsElement>('details.cnn-classify-nested');
	expect(fold?.open).toBe(false);
	const before = asked.length;
	// A new stroke: its prediction is now with the host ...
	drawStrokes(pad, [[0.8, 0.2, 0.2, 0.8]]);
	expect(asked.length).toBe(before + 1);
	// ... and the student opens the folded base model meanwhile.
	if (fold) fold.open = true;
	await settle(1500);
	await widget?.whenIdle();
	const innerAsked = asked.slice(before).some((layers) => layers.length > 3);
	expect(innerAsked).toBe(true);
	section.unload();
	model.dispose();
});
