/** Editing a note (or any non-picture) inside the folder does not classify the pictures again. */
import { App } from '../../../../harness/obsidian';
import { acquireModelHost } from '../../../../src/model/host/start';
import { installFakeCanvas, mountClassify, settle } from '../classify-helpers';
import { colourNet, pngBytes, rgba, saveToVault } from '../vault-models';

beforeEach(() => installFakeCanvas());
afterEach(() => jest.restoreAllMocks());

it('editing a markdown file in the folder does not classify the folder again', async () => {
	const app = new App();
	const model = colourNet();
	await saveToVault(app, 'm', model);
	for (let i = 1; i <= 3; i++) app.vault.seed(`set/a/p${i}.png`, pngBytes(i));
	const notes = app.vault.seed('set/notes.md', 'about this dataset');
	let runs = 0;
	const host = () => {
		const lease = acquireModelHost();
		const many = lease.host.classifyMany.bind(lease.host);
		lease.host.classifyMany = (...args) => { runs++; return many(...args); };
		return lease;
	};
	const { el, section } = await mountClassify('model: "[[models/m/model.json]]"\ninput: "[[set]]"', { app, overrides: { decode: async () => rgba(32, 32, 1), host } });
	for (let i = 0; i < 100 && el.querySelector('.cnn-classify-folder')?.getAttribute('data-state') !== 'done'; i++) await settle(20);
	const before = runs;
	await app.vault.modify(notes, 'about this dataset, edited');
	await settle(1200);
	expect(runs).toBe(before);
	section.unload();
	model.dispose();
});
