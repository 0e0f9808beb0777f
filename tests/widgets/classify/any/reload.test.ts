import { App } from '../../../../harness/obsidian';
import type { RgbaImage } from '../../../../src/vault/pixels';
import { installFakeCanvas, mountClassify, rootPrediction, settle } from '../classify-helpers';
import { colourNet, pngBytes, rgba, saveToVault } from '../vault-models';

beforeEach(() => installFakeCanvas());
afterEach(() => jest.restoreAllMocks());

it('a picture edited in place is classified again, layers and all', async () => {
	const app = new App();
	const model = colourNet();
	await saveToVault(app, 'm', model);
	const pictures = new Map<number, RgbaImage>([[1, rgba(40, 32, 1)], [2, rgba(32, 50, 4)]]);
	const decode = async (b: ArrayBuffer): Promise<RgbaImage> => pictures.get(new Uint8Array(b)[11] ?? 0) as RgbaImage;
	app.vault.seed('b.png', pngBytes(2));
	const ref = await mountClassify('model: "[[models/m/model.json]]"\ninput: "[[b.png]]"', { app, overrides: { decode } });
	const want = rootPrediction(ref.el).confidence;
	ref.section.unload();
	const file = app.vault.seed('a.png', pngBytes(1));
	const { el, section } = await mountClassify('model: "[[models/m/model.json]]"\ninput: "[[a.png]]"', { app, overrides: { decode } });
	expect(rootPrediction(el).confidence).not.toBeNull();
	await app.vault.modifyBinary(file, pngBytes(2));
	await settle(600);
	expect(rootPrediction(el).confidence).toBeCloseTo(want ?? -1, 5);
	expect(el.querySelectorAll('.cnn-classify-layers')).toHaveLength(1);
	section.unload();
	model.dispose();
});
