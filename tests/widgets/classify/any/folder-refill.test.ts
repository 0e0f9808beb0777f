/** A folder emptied and then filled again: the strip says it is empty (not an error), then classifies the new picture. */
import { App } from '../../../../harness/obsidian';
import { installFakeCanvas, mountClassify, settle } from '../classify-helpers';
import { colourNet, pngBytes, rgba, saveToVault } from '../vault-models';

beforeEach(() => installFakeCanvas());
afterEach(() => jest.restoreAllMocks());

it('a folder emptied then refilled classifies again', async () => {
	const app = new App();
	const model = colourNet();
	await saveToVault(app, 'm', model);
	const file = app.vault.seed('set/a/one.png', pngBytes(1));
	const { el, section } = await mountClassify('model: "[[models/m/model.json]]"\ninput: "[[set]]"', { app, overrides: { decode: async () => rgba(32, 32, 1) } });
	for (let i = 0; i < 100 && el.querySelector('.cnn-classify-folder')?.getAttribute('data-state') !== 'done'; i++) await settle(20);
	expect(el.querySelector('.cnn-classify-folder')?.getAttribute('data-state')).toBe('done');
	// The teacher replaces the picture: deletes the old one ...
	await app.vault.delete(file);
	await settle(1000);
	expect(el.getAttribute('data-state')).toBe('ready');
	expect(el.querySelector('.cnn-classify-accuracy')?.textContent).toContain('holds no picture');
	// ... and puts a new one in.
	await app.vault.createBinary('set/a/two.png', pngBytes(2));
	await settle(1500);
	for (let i = 0; i < 50 && el.querySelector('.cnn-classify-folder')?.getAttribute('data-state') !== 'done'; i++) await settle(20);
	expect(el.getAttribute('data-state')).not.toBe('error');
	expect(el.querySelector('.cnn-classify-folder')).not.toBeNull();
	section.unload();
	model.dispose();
});
