/** A block whose folder is empty when it renders says so, and notices pictures added later. */
import { App } from '../../../../harness/obsidian';
import { installFakeCanvas, mountClassify, settle } from '../classify-helpers';
import { colourNet, pngBytes, rgba, saveToVault } from '../vault-models';

beforeEach(() => installFakeCanvas());
afterEach(() => jest.restoreAllMocks());

it('pictures added to an empty folder are classified', async () => {
	const app = new App();
	const model = colourNet();
	await saveToVault(app, 'm', model);
	app.vault.seed('set/readme.md', 'pictures go here');
	const { el, section } = await mountClassify('model: "[[models/m/model.json]]"\ninput: "[[set]]"', { app, overrides: { decode: async () => rgba(32, 32, 1) } });
	expect(el.getAttribute('data-state')).toBe('ready');
	for (let i = 0; i < 100 && el.querySelector('.cnn-classify-folder')?.getAttribute('data-state') !== 'done'; i++) await settle(20);
	expect(el.querySelector('.cnn-classify-accuracy')?.textContent).toContain('holds no picture');
	await app.vault.createBinary('set/a/one.png', pngBytes(1));
	await settle(1500);
	expect(el.getAttribute('data-state')).not.toBe('error');
	expect(el.querySelectorAll('.cnn-classify-folder-item')).toHaveLength(1);
	section.unload();
	model.dispose();
});
