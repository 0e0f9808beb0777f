/** A blank (all white) picture in a folder is shown as blank, not listed as unreadable. */
import { App } from '../../../../harness/obsidian';
import { installFakeCanvas, mountClassify, settle } from '../classify-helpers';
import type { RgbaImage } from '../../../../src/vault/pixels';
import { pngBytes } from '../vault-models';

beforeEach(() => installFakeCanvas());
afterEach(() => jest.restoreAllMocks());

function page(ink: boolean): RgbaImage {
	const w = 40, h = 40, data = new Uint8ClampedArray(w * h * 4).fill(255);
	if (ink) for (let y = 8; y < 32; y++) for (let x = 18; x < 22; x++) data.fill(0, (y * w + x) * 4, (y * w + x) * 4 + 3);
	return { width: w, height: h, data };
}

it('a blank page is classified as blank, not called unreadable', async () => {
	const app = new App();
	app.vault.seed('digits/1/one.png', pngBytes(1));
	app.vault.seed('digits/1/blank.png', pngBytes(2));
	const decode = async (b: ArrayBuffer): Promise<RgbaImage> => page(new Uint8Array(b)[11] === 1);
	const { el, section } = await mountClassify('model: digits\ninput: "[[digits]]"', { app, overrides: { decode } });
	for (let i = 0; i < 100 && el.querySelector('.cnn-classify-folder')?.getAttribute('data-state') !== 'done'; i++) await settle(20);
	const skipped = el.querySelector('.cnn-classify-folder-skipped')?.textContent ?? '';
	expect(skipped).not.toContain('blank.png');
	section.unload();
});
