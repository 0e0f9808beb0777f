/** Saving a trained model from the widget, the cnn-classify block it offers, and reopening a block whose folder holds a saved model. */
import { App, shownNotices } from '../../../harness/obsidian';
import { parseClassifyBlock } from '../../../src/blocks/parse-classify';
import { saveModel } from '../../../src/train/save-model';
import { asObsidianApp } from '../../helpers/plugin';
import { FakeTrainHost, epochReport, modelFiles, mountTrain, press, settle, type MountedTrain } from './train-helpers';

const SOURCE = 'data: digits\nepochs: 2\nsave: "[[Models/digits]]"';

/** A block trained for two epochs (done), ready to save. */
async function trained(app = new App(), source = SOURCE, clipboard?: { writeText(text: string): Promise<void> }): Promise<MountedTrain & { host: FakeTrainHost }> {
	const host = new FakeTrainHost();
	const mounted = await mountTrain(source, { app, host, overrides: clipboard ? { clipboard } : {} });
	await press(mounted.el, 'train');
	host.emit('done', { epoch: 2, batch: 4, batches: 4, state: 'done' }, [epochReport(1, 0.8), epochReport(2, 0.9)]);
	await settle();
	return { ...mounted, host };
}

/** The visible modal's button with `data-action`. */
function modalButton(action: string): HTMLButtonElement {
	const button = document.querySelector<HTMLButtonElement>(`.modal-container button[data-action="${action}"]`);
	if (!button) throw new Error(`no modal ${action} button`);
	return button;
}

afterEach(() => document.querySelectorAll('.modal-container').forEach((m) => m.remove()));

describe('cnn-train saving', () => {
	it('Save model writes model.json, weights.bin and metadata.json (labels, input, scale, settings, accuracy, history) and offers a cnn-classify block cnn-classify accepts', async () => {
		const writes: string[] = [];
		const { el, app, host, root } = await trained(new App(), SOURCE, { writeText: async (text) => void writes.push(text) });
		const save = el.querySelector<HTMLButtonElement>('button[data-action="save"]');
		expect(save?.textContent).toBe('Save model');
		expect(save?.disabled).toBe(false);
		await press(el, 'save');
		expect(host.exports).toBe(1);
		expect(app.vault.writes.sort()).toEqual(['Models/digits/metadata.json', 'Models/digits/model.json', 'Models/digits/weights.bin']);
		const meta = JSON.parse(await app.vault.read(app.vault.getFileByPath('Models/digits/metadata.json')!)) as Record<string, unknown>;
		expect(meta.labels).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
		expect(meta.inputShape).toEqual([28, 28, 1]);
		expect(meta.scale).toBe('0..1');
		expect(meta.validationAccuracy).toBeCloseTo(0.9);
		expect(meta.training).toEqual({ epochs: 2, batch: 32, 'learning-rate': 0.005, validation: 0.2, augment: false, seed: 1, layers: 'conv 8 3, relu, pool 2, conv 16 3, relu, pool 2, dense', data: 'digits', epochsTrained: 2 });
		expect(meta.history).toEqual([
			{ trainLoss: 1, trainAccuracy: 0.75, validationLoss: 1.2, validationAccuracy: 0.8 },
			{ trainLoss: 0.5, trainAccuracy: 0.85, validationLoss: 0.6, validationAccuracy: 0.9 },
		]);
		expect(root().dataset.saved).toBe('true');
		const block = el.querySelector('pre.cnn-train-block')?.textContent ?? '';
		expect(block).toBe('```cnn-classify\nmodel: "[[Models/digits/model.json]]"\ninput: draw\n```');
		const inner = block.split('\n').slice(1, -1).join('\n');
		const parsed = parseClassifyBlock(inner);
		expect(parsed.ok).toBe(true);
		if (parsed.ok) expect(parsed.value.model).toEqual({ kind: 'vault', link: expect.objectContaining({ path: 'Models/digits/model.json' }) as unknown });
		await press(el, 'copy');
		expect(writes).toEqual([block]);
		expect(shownNotices.at(-1)).toBe('Block copied.');
	});

	it('a folder that holds a model: the modal asks, Replace overwrites', async () => {
		const app = new App();
		await saveModel(asObsidianApp(app).vault, 'Models/digits', modelFiles(), { labels: ['a', 'b'], input: [28, 28, 1], scale: '0..1' });
		app.vault.writes = [];
		const { el } = await trained(app);
		await press(el, 'save');
		expect(app.vault.writes).toEqual([]);
		expect(document.querySelector('.modal-container')?.textContent).toContain('Replace the model in Models/digits?');
		modalButton('replace').click();
		await settle();
		expect(app.vault.writes.sort()).toEqual(['Models/digits/metadata.json', 'Models/digits/model.json', 'Models/digits/weights.bin']);
		expect(el.querySelector('.cnn-train-save')?.textContent).toContain('Saved in Models/digits');
	});

	it('Cancel in the modal writes nothing and says so', async () => {
		const app = new App();
		await saveModel(asObsidianApp(app).vault, 'Models/digits', modelFiles(), { labels: ['a', 'b'], input: [28, 28, 1], scale: '0..1' });
		app.vault.writes = [];
		const { el } = await trained(app);
		await press(el, 'save');
		modalButton('cancel').click();
		await settle();
		expect(app.vault.writes).toEqual([]);
		expect(el.querySelector('.cnn-train-save')?.textContent).toBe('Nothing was saved.');
		expect(document.querySelector('.modal-container')).toBeNull();
	});

	it('a read-only vault: the failed save is said in the widget, translated, and the training stays', async () => {
		const app = new App();
		app.vault.readOnly.add('/');
		const { el, root } = await trained(app);
		await press(el, 'save');
		expect(el.querySelector('.cnn-train-save .cnn-notes-error')?.textContent).toContain('read-only');
		expect(root().dataset.state).toBe('done');
	});

	it('save naming a file: the problem is shown', async () => {
		const app = new App();
		app.vault.seed('Models/digits', 'a note');
		const { el } = await trained(app);
		await press(el, 'save');
		expect(el.querySelector('.cnn-train-save .cnn-notes-error')?.textContent).toContain('is a file, not a folder');
	});

	it('Save is offered once an epoch is done and the training paused, stopped or done; not while it runs', async () => {
		const host = new FakeTrainHost();
		const { el } = await mountTrain(SOURCE, { host });
		const save = (): HTMLButtonElement | null => el.querySelector<HTMLButtonElement>('button[data-action="save"]');
		expect(save()?.classList.contains('is-hidden')).toBe(true);
		await press(el, 'train');
		host.emit('training', { epoch: 1, batch: 4 }, [epochReport(1, 0.5)]);
		await settle();
		expect(save()?.disabled).toBe(true);
		await press(el, 'pause');
		expect(save()?.disabled).toBe(false);
	});
});

describe('cnn-train reopened with a saved model', () => {
	/** An app whose Models/digits holds a model saved after 3 epochs. */
	async function savedApp(): Promise<App> {
		const app = new App();
		const history = [1, 2, 3].map((e) => ({ trainLoss: 1 / e, trainAccuracy: 0.7, validationLoss: 1 / e, validationAccuracy: 0.8 + e / 100 }));
		await saveModel(asObsidianApp(app).vault, 'Models/digits', modelFiles(), { labels: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'], input: [28, 28, 1], scale: '0..1', accuracy: 0.83, history, training: { epochs: 3 } });
		return app;
	}

	it('shows its summary and offers Continue training, which passes the saved files as resume', async () => {
		const host = new FakeTrainHost();
		const { el, root } = await mountTrain(SOURCE, { app: await savedApp(), host });
		expect(root().dataset.state).toBe('idle');
		expect(root().dataset.saved).toBe('true');
		const line = el.querySelector('.cnn-train-saved-line')?.textContent ?? '';
		expect(line).toContain('Models/digits');
		expect(line).toContain('83 %');
		expect(line).toContain('3 epochs');
		expect(el.querySelectorAll('.cnn-train-saved canvas')).toHaveLength(2);
		const resume = el.querySelector<HTMLButtonElement>('button[data-action="continue"]');
		expect(resume?.textContent).toBe('Continue training');
		await press(el, 'continue');
		const options = host.starts[0]?.options;
		expect(options?.resume?.weightSpecs).toEqual(modelFiles().weightSpecs);
		expect(Array.from(new Float32Array(options?.resume?.weightData ?? new ArrayBuffer(0)))).toEqual([1, 2]);
		expect(root().dataset.state).toBe('training');
	});

	it('a resume the engine refuses (the layers do not fit) is shown in the error box', async () => {
		const host = new FakeTrainHost();
		host.startAnswer = { ok: false, errors: [{ code: 'train.error.resumeMismatch', vars: { index: 1, found: '3x3x1x4', expected: '3x3x1x8', saved: '3x3x1x4', wanted: '3x3x1x8' } }] };
		const { el, root } = await mountTrain(SOURCE, { app: await savedApp(), host });
		await press(el, 'continue');
		expect(root().dataset.state).toBe('error');
		expect(el.querySelector('.cnn-train-problems .cnn-notes-error')).not.toBeNull();
	});

	it('without a saved model, Continue is not offered', async () => {
		const { el } = await mountTrain(SOURCE);
		expect(el.querySelector('button[data-action="continue"]')?.classList.contains('is-hidden')).toBe(true);
	});
});
