/**
 * Models that misbehave: damaged weights (NaN), scores that overflow on a later prediction, a
 * prediction slower than PREDICT_LIMIT_MS, a load that does not finish within LOAD_LIMIT_MS, and a
 * block closed while its model loads. Each gives a translated error (or nothing, once closed) and
 * leaves no tensor behind.
 */
import * as tf from '@tensorflow/tfjs';
import { readFileSync } from 'fs';
import { join } from 'path';
import type { MarkdownPostProcessorContext } from 'obsidian';
import { App, Component, setLanguage } from '../../../harness/obsidian';
import { processClassifyBlock } from '../../../src/blocks/classify-block';
import { Classifier } from '../../../src/model/engine/classifier';
import { LOAD_LIMIT_MS } from '../../../src/model/limits';
import { asObsidianApp } from '../../helpers/plugin';
import { saveToVault as saveModel } from './vault-models';
import { drawStrokes, hostTensors, installFakeCanvas, layOut, mountClassify, settle } from './classify-helpers';

const ASSETS = join(__dirname, '..', '..', '..', 'assets', 'digits');

beforeEach(() => installFakeCanvas());
afterEach(() => {
	jest.useRealTimers();
	jest.restoreAllMocks();
});

/** Bytes of a file as an ArrayBuffer. */
function bytesOf(path: string): ArrayBuffer {
	const b = readFileSync(path);
	return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength);
}

/** The built-in digits model copied into the vault as models/<name>/, its weights rewritten by `damage` (default: the real ones). */
function seedDigits(app: App, name: string, damage?: (weights: Float32Array) => void): void {
	app.vault.seed(`models/${name}/model.json`, readFileSync(join(ASSETS, 'model.json'), 'utf8'));
	const weights = bytesOf(join(ASSETS, 'weights.bin'));
	damage?.(new Float32Array(weights));
	app.vault.seed(`models/${name}/weights.bin`, weights);
}

/** Saves a small tfjs model into the vault as models/<name>/model.json + weights.bin, and frees it. */
async function saveToVault(app: App, name: string, model: tf.LayersModel): Promise<void> {
	await saveModel(app, name, model);
	model.dispose();
}

/** Runs the processor without waiting: the block element and the component that owns the widget. */
function startClassify(app: App, source: string): { el: HTMLElement; section: Component } {
	const el = document.body.createDiv();
	const section = new Component();
	section.load();
	const ctx = { docId: 'test', sourcePath: 'note.md', frontmatter: null, addChild: (child: Component) => section.addChild(child), getSectionInfo: () => null };
	processClassifyBlock(asObsidianApp(app), source, el, ctx as unknown as MarkdownPostProcessorContext);
	return { el, section };
}

/** A promise resolved from outside. */
function deferred<T>(): { promise: Promise<T>; resolve: (value: T) => void } {
	let resolve: (value: T) => void = () => {};
	const promise = new Promise<T>((r) => (resolve = r));
	return { promise, resolve };
}

const errorText = (el: HTMLElement): string => el.querySelector('.cnn-notes-error')?.textContent ?? '';

/** tfjs loaded and warm, and its tensor count before a test's block. */
async function tensorsBefore(): Promise<number> {
	const warm = await mountClassify('input: sample\nshow: probabilities');
	warm.section.unload();
	return hostTensors();
}

describe('cnn-classify: a model whose output is not a number', () => {
	it('NaN weights: the probe prediction at load gives the translated error at once, the model is disposed', async () => {
		const start = await tensorsBefore();
		const app = new App();
		seedDigits(app, 'nan', (w) => w.fill(NaN));
		const t0 = performance.now();
		const { el, section } = await mountClassify('model: "[[models/nan/model.json]]"\ninput: draw', { app });
		const elapsed = performance.now() - t0;
		expect(errorText(el)).toContain('The model “models/nan/model.json” gives no usable output (NaN): its weights may be damaged.');
		expect(el.getAttribute('data-state')).toBe('error');
		expect(elapsed).toBeLessThan(3000); // about 0.1 s here; it hung before (a bar loop on the -Infinity of max-pooled NaN)
		expect(await hostTensors()).toBe(start);
		section.unload();

		setLanguage('es');
		const es = await mountClassify('model: "[[models/nan/model.json]]"\ninput: sample', { app });
		expect(errorText(es.el)).toContain('El modelo «models/nan/model.json» no da una salida utilizable (NaN): sus pesos pueden estar dañados.');
		expect(await hostTensors()).toBe(start);
	});

	it('scores that overflow on a later prediction (finite on the blank probe): the error replaces the widget, the model is disposed', async () => {
		const start = await tensorsBefore();
		const app = new App();
		const model = tf.sequential({ layers: [tf.layers.flatten({ inputShape: [28, 28, 1] }), tf.layers.dense({ units: 2 })] });
		tf.tidy(() => model.layers[1]?.setWeights([tf.fill([784, 2], 1e38), tf.zeros([2])]));
		await saveToVault(app, 'huge', model);
		const { el, section } = await mountClassify('model: "[[models/huge/model.json]]"\ninput: draw\nshow: probabilities', { app });
		expect(el.getAttribute('data-state')).toBe('ready'); // the blank digit gives 0 and 0: fine
		const pad = el.querySelector<HTMLCanvasElement>('.cnn-classify-pad-canvas');
		if (!pad) throw new Error('no pad');
		layOut(pad);
		drawStrokes(pad, [[0.3, 0.2, 0.5, 0.8, 0.6, 0.3]]);
		await settle();
		expect(errorText(el)).toContain('The model “models/huge/model.json” gives no usable output (Infinity): its weights may be damaged.');
		expect(el.getAttribute('data-state')).toBe('error');
		expect(await hostTensors()).toBe(start);
		section.unload();
	});
});

describe('cnn-classify: a refused model stays refused', () => {
	it('after overflowing scores on a picture, an edit of the picture shows the error again, not a blank block', async () => {
		const app = new App();
		const model = tf.sequential({ layers: [tf.layers.flatten({ inputShape: [28, 28, 1] }), tf.layers.dense({ units: 2 })] });
		tf.tidy(() => model.layers[1]?.setWeights([tf.fill([784, 2], 1e38), tf.zeros([2])]));
		await saveToVault(app, 'huge', model);
		const ink = { width: 28, height: 28, data: new Uint8ClampedArray(28 * 28 * 4).map((_, i) => (i % 4 === 3 ? 255 : (i >> 2) % 28 > 10 && (i >> 2) % 28 < 16 ? 0 : 255)) };
		const decode = jest.fn(async () => ink);
		const file = app.vault.seed('digit.png', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]).buffer);
		const { el, section } = await mountClassify('model: "[[models/huge/model.json]]"\ninput: "[[digit.png]]"\nshow: probabilities', { app, overrides: { decode } });
		expect(errorText(el)).toContain('gives no usable output (Infinity)');
		await app.vault.modifyBinary(file, new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 1]).buffer);
		// The block re-reads the picture once it has been quiet for MODIFY_QUIET_MS: wait for that read.
		for (let i = 0; i < 100 && decode.mock.calls.length < 2; i++) await settle(10);
		await settle();
		expect(decode).toHaveBeenCalledTimes(2);
		expect(errorText(el)).toContain('gives no usable output (Infinity)');
		expect(el.getAttribute('data-state')).toBe('error');
		section.unload();
	});
});

describe('cnn-classify: time limits', () => {
	it(`a prediction slower than 2 s shows the translated error and frees the model`, async () => {
		const start = await tensorsBefore();
		const { el, section } = await mountClassify('input: sample\nshow: probabilities');
		// Every prediction from now on "takes" 2.5 s on the page's clock.
		let offset = 0;
		const now = performance.now.bind(performance);
		jest.spyOn(performance, 'now').mockImplementation(() => now() + offset);
		const predict = Classifier.prototype.predict;
		jest.spyOn(Classifier.prototype, 'predict').mockImplementation(function (this: Classifier, pixels: Float32Array) {
			offset += 2500;
			return predict.call(this, pixels);
		});
		el.querySelectorAll<HTMLButtonElement>('.cnn-classify-sample')[3]?.click();
		await settle(); // the answer comes back from the model host
		expect(errorText(el)).toContain('The model “digits” took 2.5 s for one prediction, more than the 2 s a note allows: it is too large to run here.');
		expect(await hostTensors()).toBe(start);
		section.unload();
	});

	it(`a model that does not load within ${LOAD_LIMIT_MS / 1000} s: the translated error; the weights arriving later are built and disposed`, async () => {
		const start = await tensorsBefore();
		const app = new App();
		seedDigits(app, 'slow');
		const weights = deferred<ArrayBuffer>();
		const read = app.vault.readBinary.bind(app.vault);
		jest.spyOn(app.vault, 'readBinary').mockImplementation((file) => (file.path.endsWith('weights.bin') ? weights.promise : read(file)));
		jest.useFakeTimers();
		const { el, section } = startClassify(app, 'model: "[[models/slow/model.json]]"\ninput: sample');
		await jest.advanceTimersByTimeAsync(LOAD_LIMIT_MS - 100);
		expect(el.getAttribute('data-state')).toBe('loading');
		await jest.advanceTimersByTimeAsync(200);
		expect(errorText(el)).toContain('The model “models/slow/model.json” did not load within 10 s: it may be too large for this device, or its files too slow to read.');
		jest.useRealTimers();
		weights.resolve(bytesOf(join(ASSETS, 'weights.bin')));
		await settle(200);
		expect(await hostTensors()).toBe(start);
		expect(errorText(el)).toContain('did not load within 10 s');
		section.unload();
	});
});

describe('cnn-classify: closing the block while its model loads', () => {
	it('while the weights are being read: nothing is shown, and tfjs never builds the model', async () => {
		const start = await tensorsBefore();
		const app = new App();
		seedDigits(app, 'late');
		const build = jest.spyOn(Classifier, 'load');
		const weights = deferred<ArrayBuffer>();
		const read = app.vault.readBinary.bind(app.vault);
		jest.spyOn(app.vault, 'readBinary').mockImplementation((file) => (file.path.endsWith('weights.bin') ? weights.promise : read(file)));
		const { el, section } = startClassify(app, 'model: "[[models/late/model.json]]"\ninput: sample');
		await settle(20);
		section.unload();
		weights.resolve(bytesOf(join(ASSETS, 'weights.bin')));
		await settle(200);
		expect(el.children).toHaveLength(0);
		expect(build).not.toHaveBeenCalled();
		expect(await hostTensors()).toBe(start);
	});

	it('while tfjs builds the model: the weights it made are freed', async () => {
		const start = await tensorsBefore();
		const app = new App();
		seedDigits(app, 'building');
		let section: Component | null = null;
		const load = Classifier.load.bind(Classifier);
		const built: Promise<unknown>[] = [];
		jest.spyOn(Classifier, 'load').mockImplementation((...args) => {
			const result = load(...args);
			built.push(result);
			section?.unload(); // closed right after tfjs started building
			return result;
		});
		const started = startClassify(app, 'model: "[[models/building/model.json]]"\ninput: sample');
		section = started.section;
		for (let i = 0; i < 100 && built.length === 0; i++) await settle(10);
		await Promise.all(built);
		await settle(20);
		expect(built).toHaveLength(1);
		expect(started.el.children).toHaveLength(0);
		expect(await hostTensors()).toBe(start);
	});
});
