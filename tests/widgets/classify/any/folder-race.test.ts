/** Two clicks on the folder strip: the picture clicked last is shown, whichever read finishes last. */
import { App } from '../../../../harness/obsidian';
import { installFakeCanvas, mountClassify, rootPrediction, settle } from '../classify-helpers';
import type { RgbaImage } from '../../../../src/vault/pixels';
import { colourNet, pngBytes, rgba, saveToVault } from '../vault-models';

beforeEach(() => installFakeCanvas());
afterEach(() => jest.restoreAllMocks());

it('the last clicked picture is the one shown below the strip', async () => {
	const app = new App();
	const model = colourNet();
	await saveToVault(app, 'm', model);
	const pictures = new Map<number, RgbaImage>([[1, rgba(32, 32, 1)], [2, rgba(32, 32, 2)], [3, rgba(32, 32, 3)]]);
	app.vault.seed('set/p1.png', pngBytes(1));
	app.vault.seed('set/p2.png', pngBytes(2));
	app.vault.seed('set/p3.png', pngBytes(3));
	let slow = false;
	const decode = async (bytes: ArrayBuffer): Promise<RgbaImage> => {
		const n = new Uint8Array(bytes)[11] ?? 0;
		// A large photo takes longer to decode than a small one.
		if (slow && n === 2) await new Promise((r) => setTimeout(r, 300));
		return pictures.get(n) as RgbaImage;
	};
	const { el, section } = await mountClassify('model: "[[models/m/model.json]]"\ninput: "[[set]]"', { app, overrides: { decode } });
	for (let i = 0; i < 100 && el.querySelector('.cnn-classify-folder')?.getAttribute('data-state') !== 'done'; i++) await settle(20);
	const items = Array.from(el.querySelectorAll<HTMLElement>('.cnn-classify-folder-item'));
	const conf = items.map((i) => i.getAttribute('data-confidence'));
	slow = true;
	items[1]?.click(); // p2: slow read
	items[2]?.click(); // p3: fast read, clicked last
	await settle(800);
	expect(items[2]?.getAttribute('aria-pressed')).toBe('true');
	// The prediction shown below must be p3's.
	expect(String(rootPrediction(el).confidence)).toBe(conf[2]);
	section.unload();
	model.dispose();
});
