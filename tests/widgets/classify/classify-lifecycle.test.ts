import * as tf from '@tensorflow/tfjs';
import { readFileSync } from 'fs';
import { join } from 'path';
import { App, setLanguage } from '../../../harness/obsidian';
import { loadPlugin } from '../../helpers/plugin';
import { saveToVault as saveModel } from './vault-models';
import { DIGIT_STROKES } from './classify-strokes';
import { drawStrokes, heldModelHost, hostTensors, installFakeCanvas, layOut, mountClassify, predictedLabel, settle } from './classify-helpers';

const ASSETS = join(__dirname, '..', '..', '..', 'assets', 'digits');

beforeEach(() => installFakeCanvas());
afterEach(() => jest.restoreAllMocks());

/** Bytes of a file as an ArrayBuffer. */
function bytesOf(path: string): ArrayBuffer {
	const b = readFileSync(path);
	return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength);
}

/** Saves a small tfjs model into the vault as models/<name>/model.json + weights.bin, and frees it. */
async function saveToVault(app: App, name: string, model: tf.LayersModel): Promise<void> {
	await saveModel(app, name, model);
	model.dispose();
}

describe('cnn-classify: the plugin registers the block', () => {
	it('renders through the plugin with the built-in model (sample input) and a summary line', async () => {
		const { render } = loadPlugin();
		const { el, section } = await render('cnn-classify', 'model: digits\ninput: sample\n');
		for (let i = 0; i < 200 && el.getAttribute('data-state') === 'loading'; i++) await settle(10);
		expect(el.getAttribute('data-state')).toBe('ready');
		expect(el.querySelector('.cnn-summary')?.textContent).toMatch(/^Model “digits”: 28x28x1 input, 10 classes, [\d,]+ parameters\.$/);
		// The backend is jargon for a student: only the details line names it.
		expect(el.querySelector('.cnn-classify-details')?.textContent).toBe('Details: computed with TensorFlow.js (backend: cpu).');
		section.unload();
		expect(el.children).toHaveLength(0);
	});

	it('an unknown model name is a translated error box with a suggestion', async () => {
		const { render } = loadPlugin();
		const { el } = await render('cnn-classify', 'model: digts\n');
		expect(el.querySelector('.cnn-notes-error')?.textContent).toContain('Unknown model "digts".');
		expect(el.querySelector('.cnn-notes-error')?.textContent).toContain('Did you mean');
		setLanguage('es');
		const es = await render('cnn-classify', 'model: digts\n');
		expect(es.el.querySelector('.cnn-notes-error')?.textContent).toContain('Modelo desconocido: "digts".');
	});
});

describe('cnn-classify: models from the vault', () => {
	it('loads a TensorFlow.js model.json and its weights from the vault (the committed digits model, copied)', async () => {
		const app = new App();
		app.vault.seed('models/mnist/model.json', readFileSync(join(ASSETS, 'model.json'), 'utf8'));
		app.vault.seed('models/mnist/weights.bin', bytesOf(join(ASSETS, 'weights.bin')));
		const { el, section } = await mountClassify('model: "[[models/mnist/model.json]]"\ninput: sample\nshow: probabilities', { app });
		expect(el.querySelector('.cnn-summary')?.textContent).toContain('Model “models/mnist/model.json”');
		expect(predictedLabel(el)).not.toBeNull();
		section.unload();
	});

	it('a model whose input is not a picture (a vector of 784) is a clear error naming its input', async () => {
		const app = new App();
		const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [784], units: 10, activation: 'softmax' })] });
		await saveToVault(app, 'flat', model);
		const before = tf.memory().numTensors;
		const { el } = await mountClassify('model: "[[models/flat/model.json]]"', { app });
		const text = el.querySelector('.cnn-notes-error')?.textContent ?? '';
		expect(text).toContain('The model “models/flat/model.json” takes input 784; a classifier here needs one picture [height, width, 1 or 3]');
		expect(tf.memory().numTensors).toBe(before);
	});

	it('a model with 20 outputs classifies, one bar per class; over 1,000 classes is refused', async () => {
		const app = new App();
		await saveToVault(app, 'wide', tf.sequential({ layers: [tf.layers.flatten({ inputShape: [28, 28, 1] }), tf.layers.dense({ units: 20 })] }));
		const wide = await mountClassify('model: "[[models/wide/model.json]]"\ninput: sample\nshow: probabilities', { app });
		expect(wide.el.querySelectorAll('.cnn-classify-bar-row')).toHaveLength(20);
		wide.section.unload();
		await saveToVault(app, 'huge', tf.sequential({ layers: [tf.layers.flatten({ inputShape: [8, 8, 1] }), tf.layers.dense({ units: 1001 })] }));
		const { el } = await mountClassify('model: "[[models/huge/model.json]]"', { app });
		expect(el.querySelector('.cnn-notes-error')?.textContent).toContain('outputs 1001 scores; a classifier here has from 2 to 1000 classes');
	});

	it('a model without softmax still gets probabilities (softmax of its outputs)', async () => {
		const app = new App();
		await saveToVault(app, 'logits', tf.sequential({ layers: [tf.layers.flatten({ inputShape: [28, 28, 1] }), tf.layers.dense({ units: 3 })] }));
		const { el, section } = await mountClassify('model: "[[models/logits/model.json]]"\ninput: sample\nshow: [probabilities, softmax]', { app });
		expect(el.querySelectorAll('.cnn-classify-bar-row')).toHaveLength(3);
		const shares = Array.from(el.querySelectorAll('.cnn-classify-bar-value'), (v) => parseFloat(v.textContent ?? ''));
		expect(shares.reduce((a, b) => a + b, 0)).toBeCloseTo(100, 0);
		section.unload();
	});

	it.each([
		['a missing model.json', 'model: "[[nothing.json]]"', 'The model “nothing.json” was not found in the vault'],
		['a model.json that is not JSON', 'model: "[[models/bad/model.json]]"', '“models/bad/model.json” is not a TensorFlow.js Layers model'],
		['a model.json without its weights file', 'model: "[[models/noweights/model.json]]"', 'The weights file “models/noweights/weights.bin” listed in “models/noweights/model.json” was not found'],
	])('%s is a translated error in the block', async (_case, source, message) => {
		const app = new App();
		app.vault.seed('models/bad/model.json', '{"modelTopology": ');
		app.vault.seed('models/noweights/model.json', readFileSync(join(ASSETS, 'model.json'), 'utf8'));
		const { el } = await mountClassify(source, { app });
		expect(el.querySelector('.cnn-notes-error')?.textContent).toContain(message);
	});
});

describe('cnn-classify: lifecycle and memory', () => {
	it('frees every tensor: mount, 100 predictions (samples and strokes), unload -> numTensors back to its start', async () => {
		const warm = await mountClassify('input: sample');
		warm.section.unload();
		const start = await hostTensors();

		const samples = await mountClassify('input: sample');
		expect(await hostTensors()).toBeGreaterThan(start);
		const buttons = Array.from(samples.el.querySelectorAll<HTMLButtonElement>('.cnn-classify-sample'));
		for (let i = 0; i < 100; i++) {
			buttons[i % buttons.length]?.click();
			await samples.widget?.whenIdle(); // each click its own prediction (clicks while one runs would be coalesced)
		}
		samples.section.unload();
		expect(await hostTensors()).toBe(start);

		const drawing = await mountClassify('input: draw');
		const pad = drawing.el.querySelector<HTMLCanvasElement>('.cnn-classify-pad-canvas')!;
		layOut(pad);
		for (let i = 0; i < 50; i++) drawStrokes(pad, [[0.2 + (i % 7) * 0.08, 0.3, 0.5, 0.7]]);
		await settle();
		drawing.section.unload();
		expect(await hostTensors()).toBe(start);
	});

	it('unloading before the model has loaded leaves nothing behind', async () => {
		const warm = await mountClassify('show: probabilities');
		warm.section.unload();
		const start = await hostTensors();
		const app = new App();
		const el = document.body.createDiv();
		const { processClassifyBlock } = await import('../../../src/blocks/classify-block');
		const { Component } = await import('../../../harness/obsidian');
		const section = new Component();
		section.load();
		let ready: Promise<void> | undefined;
		processClassifyBlock(app as never, 'input: sample', el, {
			sourcePath: 'n.md',
			addChild: (child: { ready: Promise<void> }) => {
				section.addChild(child as never);
				ready = child.ready;
			},
		} as never);
		section.unload();
		await ready;
		expect(el.children).toHaveLength(0);
		expect(await hostTensors()).toBe(start);
	});

	it('drawing is throttled: a burst of pointer moves gives few predictions, the stroke end one more', async () => {
		const { el, widget, section } = await mountClassify('input: draw\nshow: probabilities');
		const pad = el.querySelector<HTMLCanvasElement>('.cnn-classify-pad-canvas')!;
		layOut(pad);
		const { Classifier } = await import('../../../src/model/engine/classifier');
		const predict = jest.spyOn(Classifier.prototype, 'predict');
		const stroke = Array.from({ length: 60 }, (_, i) => [0.2 + i * 0.01, 0.2 + i * 0.01]).flat();
		drawStrokes(pad, [stroke]);
		expect(predict.mock.calls.length).toBeLessThanOrEqual(3);
		await settle();
		expect(predict.mock.calls.length).toBeLessThanOrEqual(4);
		expect(widget).not.toBeNull();
		section.unload();
	});
});

describe('cnn-classify: the pad before the model', () => {
	it('shows the pad, the input and a "loading the model" line at once; the model\'s views join when it is ready, with what was drawn meanwhile', async () => {
		// An engine that starts only when the test says so: the model cannot load before.
		const { host, start: release, lease } = await heldModelHost();
		const { el, section, widget } = await mountClassify('input: draw\nshow: [input, probabilities, layers]', { overrides: { host: lease }, waitForModel: false });
		const root = el.querySelector('.cnn-classify');
		expect(root?.getAttribute('data-state')).toBe('loading');
		expect(el.getAttribute('data-state')).toBe('loading');
		expect(el.querySelector('.cnn-classify-pad-canvas')).not.toBeNull();
		expect(el.querySelector('.cnn-classify-input')).not.toBeNull();
		expect(el.querySelector('.cnn-classify-status')?.textContent).toBe('Loading the model…');
		expect(el.querySelector('.cnn-classify-probs')).toBeNull();
		const pad = el.querySelector<HTMLCanvasElement>('.cnn-classify-pad-canvas')!;
		layOut(pad);
		drawStrokes(pad, DIGIT_STROKES[7] ?? []);
		await settle();
		expect(predictedLabel(el)).toBeNull(); // no model yet: nothing claims a prediction
		release();
		await widget?.ready;
		await widget?.whenIdle();
		expect(root?.getAttribute('data-state')).toBe('ready');
		expect(el.querySelector('.cnn-classify-status')).toBeNull();
		expect(el.querySelector('.cnn-summary')?.textContent).toMatch(/^Model “digits”/);
		expect(el.querySelectorAll('.cnn-classify-layer')).toHaveLength(9);
		expect(predictedLabel(el)).toBe(7);
		section.unload();
		host.close();
	});
});

describe('cnn-classify: predictions one at a time, the newest input wins', () => {
	it('clicks while a prediction runs are not queued up; the answer for an input no longer on screen is never shown', async () => {
		const { ModelHost } = await import('../../../src/model/host/client');
		const { pagePort } = await import('../../../src/model/host/start');
		const { startEngine } = await import('../../../src/model/engine/engine');
		const predicts: number[] = [];
		const heldAnswers: (() => void)[] = [];
		let holding = false;
		// An engine whose prediction answers wait for the test once `holding` is on.
		const host = new ModelHost(
			pagePort((scope) => {
				startEngine({
					postMessage: (m, t) => {
						if (holding && 'ok' in m && m.ok && (m.value as { probabilities?: unknown }).probabilities) heldAnswers.push(() => scope.postMessage(m, t));
						else scope.postMessage(m, t);
					},
					get onmessage() {
						return scope.onmessage;
					},
					set onmessage(f) {
						scope.onmessage = f === null ? null : (e) => {
							if (e.data.kind === 'predict') predicts.push(e.data.id);
							f(e);
						};
					},
				});
			}),
		);
		const { el, section } = await mountClassify('input: sample\nshow: probabilities', { overrides: { host: () => ({ host, release: () => {} }) } });
		const buttons = Array.from(el.querySelectorAll<HTMLButtonElement>('.cnn-classify-sample'));
		const byLabel = (label: string): HTMLButtonElement => buttons.find((b) => b.dataset.label === label)!;
		expect(predictedLabel(el)).toBe(0);
		holding = true;
		const before = predicts.length;
		byLabel('3').click();
		await settle(20);
		byLabel('5').click();
		byLabel('8').click();
		await settle(20);
		expect(predicts.length - before).toBe(1); // one prediction with the host; the 5 and the 8 wait (only the 8 will be asked)
		expect(predictedLabel(el)).toBe(0);
		heldAnswers.shift()?.();
		await settle(20);
		expect(predictedLabel(el)).toBe(0); // the 3's answer came, but the 8 is on screen: not shown
		expect(predicts.length - before).toBe(2); // and the 8 was asked for next, the 5 never
		heldAnswers.shift()?.();
		await settle(20);
		expect(predictedLabel(el)).toBe(8);
		section.unload();
		host.close();
	});
});
