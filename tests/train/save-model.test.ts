/**
 * Saving a trained model into the vault: the three files in the format cnn-classify reads (the saved
 * model predicts what the model in memory predicts, with its class names), never overwriting without
 * being asked, and every refusal as a translated message.
 */
import * as tf from '@tensorflow/tfjs';
import { App, setLanguage } from '../../harness/obsidian';
import { t } from '../../src/i18n';
import { digitSamples } from '../../src/model/digits';
import { metadataJson, saveFolder, saveModel } from '../../src/train/save-model';
import { asObsidianApp } from '../helpers/plugin';
import { filesOf } from '../model/model-fixtures';
import { installFakeCanvas, mountClassify, rootPrediction } from '../widgets/classify/classify-helpers';

beforeEach(() => installFakeCanvas());
afterEach(() => {
	jest.restoreAllMocks();
	setLanguage('en');
});

/** The text of a vault file (the test fails when it is missing). */
async function text(app: App, path: string): Promise<string> {
	const file = app.vault.getFileByPath(path);
	if (!file) throw new Error(`${path} is missing`);
	return app.vault.read(file);
}

const NAMES = ['cero', 'uno', 'dos', 'tres', 'cuatro', 'cinco', 'seis', 'siete', 'ocho', 'nueve'];

/** A small digits-shaped model with seeded weights. */
function digitsNet(): tf.LayersModel {
	return tf.sequential({
		layers: [
			tf.layers.conv2d({ inputShape: [28, 28, 1], filters: 4, kernelSize: 3, activation: 'relu', kernelInitializer: tf.initializers.glorotUniform({ seed: 5 }) }),
			tf.layers.maxPooling2d({ poolSize: 2 }),
			tf.layers.flatten(),
			tf.layers.dense({ units: 10, activation: 'softmax', kernelInitializer: tf.initializers.glorotUniform({ seed: 6 }) }),
		],
	});
}

const META = { labels: NAMES, input: [28, 28, 1] as const, scale: '0..1' as const, training: { epochs: 3, batch: 32, 'learning-rate': 0.005 }, accuracy: 0.97654 };

describe('saving a trained model', () => {
	it('writes model.json, weights.bin and metadata.json; cnn-classify reads them back and predicts as the model does, with its class names', async () => {
		const app = new App();
		const model = digitsNet();
		const saved = await saveModel(asObsidianApp(app).vault, 'Modelos/mis-digitos/', await filesOf(model), META);
		expect(saved).toEqual({ ok: true, value: { kind: 'saved', folder: 'Modelos/mis-digitos', files: ['Modelos/mis-digitos/weights.bin', 'Modelos/mis-digitos/metadata.json', 'Modelos/mis-digitos/model.json'] } });
		const meta = JSON.parse(await text(app, 'Modelos/mis-digitos/metadata.json')) as Record<string, unknown>;
		expect(meta).toMatchObject({ packageName: 'cnn-notes', modelName: 'mis-digitos', labels: NAMES, imageSize: 28, channels: 'gray', scale: '0..1', validationAccuracy: 0.9765, training: { epochs: 3 } });
		const { el, section } = await mountClassify('model: "[[Modelos/mis-digitos/model.json]]"\ninput: sample\nshow: probabilities', { app });
		// The strip starts on held-out digit 1, the first of the samples.
		const first = digitSamples()[0];
		if (!first) throw new Error('no sample');
		const want = tf.tidy(() => Array.from((model.predict(tf.tensor4d(first.pixels, [1, 28, 28, 1])) as tf.Tensor).dataSync()));
		const best = want.indexOf(Math.max(...want));
		expect(rootPrediction(el).label).toBe(NAMES[best]);
		expect(rootPrediction(el).confidence).toBeCloseTo(want[best] ?? 0, 5);
		section.unload();
		model.dispose();
	});

	it('never overwrites without being asked: a folder with a model is reported and left as it was; with overwrite it is replaced', async () => {
		const app = new App();
		app.vault.seed('m/model.json', 'old');
		app.vault.seed('m/notes.md', 'keep');
		const model = digitsNet();
		const files = await filesOf(model);
		const first = await saveModel(asObsidianApp(app).vault, 'm', files, META);
		expect(first).toEqual({ ok: true, value: { kind: 'exists', folder: 'm', files: ['m/model.json'] } });
		expect(await text(app, 'm/model.json')).toBe('old');
		expect(app.vault.getFileByPath('m/weights.bin')).toBeNull();
		const again = await saveModel(asObsidianApp(app).vault, 'm', files, META, true);
		expect(again.ok && again.value.kind).toBe('saved');
		expect(JSON.parse(await text(app, 'm/model.json'))).toMatchObject({ format: 'layers-model' });
		expect(await text(app, 'm/notes.md')).toBe('keep');
		model.dispose();
	});

	it.each([
		['a path that leaves the vault', '../outside', 'train.error.savePath'],
		['an empty path', '  ', 'train.error.savePath'],
		['a file', 'notes/n.md', 'train.error.saveIsFile'],
	])('%s is refused with a translated message', async (_what, path, code) => {
		const app = new App();
		app.vault.seed('notes/n.md', 'x');
		const model = digitsNet();
		const saved = await saveModel(asObsidianApp(app).vault, path, await filesOf(model), META);
		expect(!saved.ok && saved.errors[0]?.code).toBe(code);
		if (!saved.ok) {
			const e = saved.errors[0];
			if (!e) throw new Error('no error');
			expect(t(e.code, e.vars)).not.toMatch(/\{\w+\}/);
			setLanguage('es');
			expect(t(e.code, e.vars)).not.toMatch(/\{\w+\}|vault/);
		}
		model.dispose();
	});

	it('a read-only vault: the failed write is named, the note and other files untouched', async () => {
		const app = new App();
		app.vault.seed('m/keep.md', 'keep');
		app.vault.readOnly.add('m');
		const model = digitsNet();
		const saved = await saveModel(asObsidianApp(app).vault, 'm', await filesOf(model), META);
		expect(!saved.ok && saved.errors[0]).toMatchObject({ code: 'train.error.saveFailed', vars: { path: 'm/weights.bin' } });
		expect(app.vault.getFileByPath('m/model.json')).toBeNull();
		expect(await text(app, 'm/keep.md')).toBe('keep');
		model.dispose();
	});

	it('a replace whose model.json write fails puts the old weights.bin and metadata.json back byte for byte: the old model still loads', async () => {
		const app = new App();
		const oldWeights = new Uint8Array([1, 2, 3, 250, 0, 7]).buffer;
		app.vault.seed('m/weights.bin', oldWeights.slice(0));
		app.vault.seed('m/metadata.json', '{"labels":["old a","old b"]}');
		app.vault.seed('m/model.json', 'old model');
		app.vault.readOnly.add('m/model.json');
		const model = digitsNet();
		const saved = await saveModel(asObsidianApp(app).vault, 'm', await filesOf(model), META, true);
		expect(!saved.ok && saved.errors[0]).toMatchObject({ code: 'train.error.saveFailed', vars: { path: 'm/model.json' } });
		const weights = app.vault.getFileByPath('m/weights.bin');
		if (!weights) throw new Error('weights.bin is missing');
		expect(new Uint8Array(await app.vault.readBinary(weights))).toEqual(new Uint8Array(oldWeights));
		expect(await text(app, 'm/metadata.json')).toBe('{"labels":["old a","old b"]}');
		expect(await text(app, 'm/model.json')).toBe('old model');
		// Written, then put back: the new files did reach the vault before the failure.
		expect(app.vault.writes).toEqual(['m/weights.bin', 'm/metadata.json', 'm/weights.bin', 'm/metadata.json']);
		model.dispose();
	});

	it('a restore that fails too is best effort: the others are still put back and the first failure is the one reported', async () => {
		const app = new App();
		app.vault.seed('m/weights.bin', new Uint8Array([9, 9]).buffer);
		app.vault.seed('m/metadata.json', 'old meta');
		app.vault.seed('m/model.json', 'old model');
		const vault = asObsidianApp(app).vault;
		const modifyBinary = vault.modifyBinary.bind(vault);
		let calls = 0;
		// The new weights are written; putting the old ones back fails.
		jest.spyOn(vault, 'modifyBinary').mockImplementation(async (file, data) => {
			if (++calls > 1) throw new Error('disk gone');
			return modifyBinary(file, data);
		});
		const modify = vault.modify.bind(vault);
		jest.spyOn(vault, 'modify').mockImplementation(async (file, data) => {
			if (file.path === 'm/model.json') throw new Error('EACCES');
			return modify(file, data);
		});
		const model = digitsNet();
		const saved = await saveModel(vault, 'm', await filesOf(model), META, true);
		expect(!saved.ok && saved.errors[0]).toMatchObject({ code: 'train.error.saveFailed', vars: { path: 'm/model.json', reason: 'EACCES' } });
		expect(await text(app, 'm/metadata.json')).toBe('old meta');
		expect(await text(app, 'm/model.json')).toBe('old model');
		model.dispose();
	});

	it('an old file that cannot be read: nothing is written, the problem names it (English and Spanish)', async () => {
		const app = new App();
		app.vault.seed('m/weights.bin', new Uint8Array([1]).buffer);
		app.vault.seed('m/model.json', 'old model');
		const vault = asObsidianApp(app).vault;
		jest.spyOn(vault, 'readBinary').mockRejectedValue(new Error('EIO'));
		const model = digitsNet();
		const saved = await saveModel(vault, 'm', await filesOf(model), META, true);
		expect(!saved.ok && saved.errors[0]).toMatchObject({ code: 'train.error.saveReadOld', vars: { path: 'm/weights.bin', reason: 'EIO' } });
		expect(app.vault.writes).toEqual([]);
		if (!saved.ok) {
			const e = saved.errors[0]!;
			expect(t(e.code, e.vars)).toContain('“m/weights.bin”');
			setLanguage('es');
			expect(t(e.code, e.vars)).not.toMatch(/\{\w+\}|vault/);
		}
		model.dispose();
	});

	it('saveFolder and metadataJson: trailing slashes, no imageSize for a non-square input, no accuracy when it is not a number', () => {
		expect(saveFolder('a/b//')).toBe('a/b');
		expect(saveFolder('./a')).toBeNull();
		const meta = JSON.parse(metadataJson({ labels: ['a', 'b'], input: [32, 64, 3], scale: '-1..1', accuracy: Number.NaN })) as Record<string, unknown>;
		expect(meta).not.toHaveProperty('imageSize');
		expect(meta).not.toHaveProperty('validationAccuracy');
		expect(meta).toMatchObject({ channels: 'rgb', inputShape: [32, 64, 3], scale: '-1..1' });
	});
});
