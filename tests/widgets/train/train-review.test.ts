/**
 * Regressions found in review of the cnn-train widget: a save: that cannot work is said before training;
 * Continue starts from the model saved last and keeps the network on screen when it cannot start; Train
 * again after the model worker crashed takes a new engine; an error keeps the weights saveable; the
 * misclassified pictures' listeners do not pile up epoch after epoch; Spanish numbers.
 */
import { App, setLanguage } from '../../../harness/obsidian';
import { startEngine } from '../../../src/model/engine/engine';
import type { HostPort } from '../../../src/model/host/client';
import { acquireModelHost, closeModelHost, pagePort } from '../../../src/model/host/start';
import { saveModel } from '../../../src/train/save-model';
import { asObsidianApp } from '../../helpers/plugin';
import { FakeTrainHost, epochReport, modelFiles, mountTrain, press, settle } from './train-helpers';

function modalButton(action: string): HTMLButtonElement {
	const button = document.querySelector<HTMLButtonElement>(`.modal-container button[data-action="${action}"]`);
	if (!button) throw new Error(`no modal ${action} button`);
	return button;
}
afterEach(() => document.querySelectorAll('.modal-container').forEach((m) => m.remove()));

async function seedModel(app: App, folder: string, epochs: number, labels = [...'0123456789']): Promise<void> {
	const history = Array.from({ length: epochs }, (_, i) => ({ trainLoss: 1, trainAccuracy: 0.5, validationLoss: 1, validationAccuracy: 0.5 + i / 100 }));
	const r = await saveModel(asObsidianApp(app).vault, `[[${folder}]]`.slice(2, -2), modelFiles(), { labels, input: [28, 28, 1], scale: '0..1', history, training: { epochsTrained: epochs } });
	if (!r.ok) throw new Error(JSON.stringify(r));
}

describe('cnn-train review: a save target that cannot work is said before training', () => {
	it('save: names a file -> said before training (so the user does not lose a training by editing the block)', async () => {
		const app = new App();
		app.vault.seed('Models/plan.md', '# plan');
		const host = new FakeTrainHost();
		const m = await mountTrain('data: digits\nepochs: 1\nsave: "[[Models/plan.md]]"', { app, host });
		const text = m.el.textContent ?? '';
		await press(m.el, 'train');
		host.emit('done', { epoch: 1, batch: 4, batches: 4, state: 'done' }, [epochReport(1, 0.9)]);
		await settle();
		await press(m.el, 'save');
		const after = m.el.querySelector('.cnn-train-save')?.textContent ?? '';
		expect(after).toMatch(/file/i);
		expect(text).toMatch(/Models\/plan\.md/);
	});
	it('save: "[[a/../b]]" -> said before training', async () => {
		const host = new FakeTrainHost();
		const m = await mountTrain('data: digits\nepochs: 1\nsave: "[[a/../b]]"', { host });
		const text = m.el.textContent ?? '';
		await press(m.el, 'train');
		host.emit('done', { epoch: 1, batch: 4, batches: 4, state: 'done' }, [epochReport(1, 0.9)]);
		await settle();
		await press(m.el, 'save');
		expect(text).toMatch(/a\/\.\.\/b/);
		expect(m.el.querySelector('.cnn-train-save')?.textContent ?? '').toMatch(/a\/\.\.\/b/);
	});
});

describe('cnn-train review: continue / save history', () => {
	it('Continue from a model saved with other classes is refused with both lists; the network on screen stays', async () => {
		const app = new App();
		await seedModel(app, 'Models/digits', 1, ['cat', 'dog', 'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h']);
		const host = new FakeTrainHost();
		const m = await mountTrain('data: digits\nepochs: 1\nsave: "[[Models/digits]]"', { app, host });
		await press(m.el, 'continue');
		expect(host.starts).toHaveLength(0);
		const text = m.el.querySelector('.cnn-train-problems')?.textContent ?? '';
		expect(text).toContain('cat, dog');
		expect(text).toContain('0, 1, 2');
		m.section.unload();
	});

	it('Continue, Save (replace), Continue, Save: history in metadata.json counts every epoch trained', async () => {
		const app = new App();
		await seedModel(app, 'Models/digits', 1);
		const host = new FakeTrainHost();
		const m = await mountTrain('data: digits\nepochs: 1\nsave: "[[Models/digits]]"', { app, host });
		expect(m.root().dataset.saved).toBe('true');
		for (let round = 0; round < 2; round++) {
			await press(m.el, 'continue');
			host.emit('done', { epoch: 1, batch: 4, batches: 4, state: 'done' }, [epochReport(1, 0.9)]);
			await settle();
			m.el.querySelector<HTMLButtonElement>('button[data-action="save"]')!.click();
			await settle();
			modalButton('replace').click();
			await settle();
		}
		const meta = JSON.parse(await app.vault.read(app.vault.getFileByPath('Models/digits/metadata.json')!)) as { history: unknown[]; training: { epochsTrained: number } };
		// 1 saved + 1 + 1 = 3 epochs of training went into the saved weights.
		expect(meta.history).toHaveLength(3);
	});
	it('after the first save into an empty folder, Continue training is offered', async () => {
		const app = new App();
		const host = new FakeTrainHost();
		const m = await mountTrain('data: digits\nepochs: 1\nsave: "[[Models/digits]]"', { app, host });
		await press(m.el, 'train');
		host.emit('done', { epoch: 1, batch: 4, batches: 4, state: 'done' }, [epochReport(1, 0.9)]);
		await settle();
		await press(m.el, 'save');
		expect(m.root().dataset.saved).toBe('true');
		const cont = m.el.querySelector<HTMLButtonElement>('button[data-action="continue"]')!;
		expect(cont.classList.contains('is-hidden')).toBe(false);
	});
});

describe('cnn-train review: replacing a saved model that fails half-way', () => {
	it('a replace whose write fails half-way leaves the old model as it was', async () => {
		const app = new App();
		await seedModel(app, 'Models/digits', 1);
		const oldWeights = new Uint8Array(await app.vault.readBinary(app.vault.getFileByPath('Models/digits/weights.bin')!));
		const oldModel = await app.vault.read(app.vault.getFileByPath('Models/digits/model.json')!);
		app.vault.readOnly.add('Models/digits/metadata.json');
		const host = new FakeTrainHost();
		// the new network has different weights: 3 floats instead of 2
		host.trainExport = async () => ({ ok: true, value: { ...modelFiles(), weightSpecs: [{ name: 'w', shape: [3], dtype: 'float32' }], weightData: new Float32Array([7, 8, 9]).buffer } });
		const m = await mountTrain('data: digits\nepochs: 1\nsave: "[[Models/digits]]"', { app, host });
		await press(m.el, 'train');
		host.emit('done', { epoch: 1, batch: 4, batches: 4, state: 'done' }, [epochReport(1, 0.9)]);
		await settle();
		m.el.querySelector<HTMLButtonElement>('button[data-action="save"]')!.click();
		await settle();
		modalButton('replace').click();
		await settle();
		const newWeights = new Uint8Array(await app.vault.readBinary(app.vault.getFileByPath('Models/digits/weights.bin')!));
		const model = await app.vault.read(app.vault.getFileByPath('Models/digits/model.json')!);
		// The saved model must stay loadable: either all new or all old.
		expect(model === oldModel ? Array.from(newWeights) : []).toEqual(model === oldModel ? Array.from(oldWeights) : []);
	});
});

describe('cnn-train review: Continue with an unreadable saved model', () => {
	it('a Continue that cannot read the saved model keeps the trained, unsaved network', async () => {
		const app = new App();
		await seedModel(app, 'Models/digits', 1);
		app.vault.seed('Models/digits/model.json', '{not json');
		const host = new FakeTrainHost();
		const m = await mountTrain('data: digits\nepochs: 1\nsave: "[[Models/digits]]"', { app, host });
		await press(m.el, 'train');
		host.emit('done', { epoch: 1, batch: 4, batches: 4, state: 'done' }, [epochReport(1, 0.9)]);
		await settle();
		await press(m.el, 'continue');
		const save = m.el.querySelector<HTMLButtonElement>('button[data-action="save"]')!;
		// The saved model could not be read: nothing started, so the trained (unsaved) network should still be there to save.
		expect(host.disposed).toEqual([]);
		expect(save.disabled).toBe(false);
	});
});

describe('cnn-train review: NaN', () => {
	it('NaN gives the smaller-rate message (es too)', async () => {
		const host = new FakeTrainHost();
		const m = await mountTrain('data: digits\nepochs: 1\nlearning-rate: 0.5', { host });
		await press(m.el, 'train');
		host.emit('training', { epoch: 1, batch: 1, batches: 4, loss: NaN });
		host.emit('nan', { epoch: 1, batch: 2, batches: 4, loss: NaN, state: 'nan' }, []);
		await settle();
		expect(m.el.querySelector('.cnn-train-problems')?.textContent).toContain('0.05');
	});
});

/** Review: after the model engine stops (worker crash), "Train again" in the same block cannot train: the widget keeps the dead host's lease. */

async function until(pred: () => boolean, ms = 20000): Promise<boolean> {
	const start = Date.now();
	while (!pred() && Date.now() - start < ms) await new Promise((r) => setTimeout(r, 10));
	return pred();
}

it('Train again after the engine crashed starts on a new engine', async () => {
	closeModelHost();
	let breakIt: (reason: string) => void = () => {};
	const factory = (): HostPort => {
		const inner = pagePort((scope) => startEngine(scope));
		return { place: 'page', post: (r, t) => inner.post(r, t), close: () => inner.close(), listen: (m, b) => { inner.listen(m, b); breakIt = b; } };
	};
	const m = await mountTrain('data: digits\nlayers: [conv 2 3, relu, pool 2, dense]\nepochs: 1\nbatch: 16', { host: null, overrides: { trainHost: () => acquireModelHost(factory) } });
	m.el.querySelector<HTMLButtonElement>('button[data-action="train"]')!.click();
	await until(() => (m.el.querySelector('.cnn-train-status')?.textContent ?? '').includes('batch'));
	breakIt('the model worker stopped');
	await settle();
	expect(m.root().dataset.state).toBe('error');
	m.el.querySelector<HTMLButtonElement>('button[data-action="train"]')!.click();
	await until(() => m.root().dataset.state === 'training' && (m.el.querySelector('.cnn-train-status')?.textContent ?? '').includes('batch'), 5000);
	expect(m.root().dataset.state).toBe('training');
	m.section.unload();
	closeModelHost();
}, 60000);

it('an error state (a step threw: "the weights learnt so far are kept") lets the user save them', async () => {
	const host = new FakeTrainHost();
	const m = await mountTrain('data: digits\nepochs: 3\nsave: "[[Models/d]]"', { host });
	await press(m.el, 'train');
	host.emit('training', { epoch: 2, batch: 1, batches: 4 }, [epochReport(1, 0.9)]);
	await settle();
	host.emit('error', { epoch: 2, batch: 2, batches: 4 }, [epochReport(1, 0.9)], [{ code: 'train.error.failed', vars: { reason: 'boom' } }]);
	await settle();
	const save = m.el.querySelector<HTMLButtonElement>('button[data-action="save"]')!;
	expect(save.disabled).toBe(false);
});

/** Review: the misclassified-pictures strip registers a click listener per picture on the widget's view for every epoch; none is removed until the block unloads. */

it('cleanups registered on the view do not grow with every epoch', async () => {
	const host = new FakeTrainHost();
	const m = await mountTrain('data: digits\nepochs: 50', { host });
	const owner = (m.widget as unknown as { parts: { owner: { cleanups: unknown[] } } }).parts.owner;
	await press(m.el, 'train');
	const misses = Array.from({ length: 24 }, (_, i) => ({ index: i, truth: i % 10, predicted: (i + 1) % 10 }));
	const epochs = [];
	host.emit('training', { epoch: 1, batch: 1, batches: 4 });
	await settle();
	const before = owner.cleanups.length;
	for (let e = 1; e <= 20; e++) {
		epochs.push(epochReport(e, 0.5, 10, misses));
		host.emit('training', { epoch: e, batch: 4, batches: 4, epochEnd: epochs[e - 1] }, [...epochs]);
		await settle(30);
	}
	expect(owner.cleanups.length - before).toBeLessThanOrEqual(24);
	m.section.unload();
});

it('Spanish numbers', async () => {
	setLanguage('es');
	const host = new FakeTrainHost();
	const m = await mountTrain('data: digits\nepochs: 2\nvalidation: 0.125\nlearning-rate: 0.005', { host });
	await press(m.el, 'train');
	host.emit('training', { epoch: 1, batch: 2, batches: 4, loss: 0.12345, accuracy: 0.5 });
	await settle();
	host.emit('training', { epoch: 1, batch: 4, batches: 4, epochEnd: epochReport(1, 0.875) }, [epochReport(1, 0.875)]);
	await settle();
	const line = m.el.querySelector('.cnn-train-epoch')?.textContent ?? '';
	setLanguage('en');
	m.section.unload();
	expect(line).toContain('1,2');
});
