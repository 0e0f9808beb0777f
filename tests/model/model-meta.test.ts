import type { TFile } from 'obsidian';
import { App } from '../../harness/obsidian';
import { asObsidianApp } from '../helpers/plugin';
import { labelsFromText, metaFromJson, readModelMeta, type MetaDeps } from '../../src/model/model-meta';

/** A vault holding `files` (path -> text), the deps reading it, and the model.json file. */
async function vaultWith(files: Record<string, string>): Promise<{ deps: MetaDeps; model: TFile }> {
	const app = new App();
	for (const [path, text] of Object.entries(files)) await app.vault.create(path, text);
	const obsidian = asObsidianApp(app);
	const model = obsidian.vault.getFileByPath('models/m/model.json');
	if (!model) throw new Error('no model');
	const deps: MetaDeps = { resolve: (link, from) => obsidian.metadataCache.getFirstLinkpathDest(link, from), readText: (file) => obsidian.vault.cachedRead(file) };
	return { deps, model };
}

/** Teachable Machine's metadata.json, as its image project exports it. */
const TEACHABLE = {
	tfjsVersion: '1.3.1',
	tmVersion: '2.4.7',
	packageVersion: '0.8.4-alpha2',
	packageName: '@teachablemachine/image',
	timeStamp: '2024-03-01T10:00:00.000Z',
	userMetadata: {},
	modelName: 'tm-my-image-model',
	labels: ['Manzana', 'Plátano', 'Fondo'],
	imageSize: 224,
};

describe('metadata.json and labels.txt', () => {
	it("reads Teachable Machine's metadata: labels, image size, and its -1..1 values", async () => {
		const { deps, model } = await vaultWith({ 'models/m/model.json': '{}', 'models/m/metadata.json': JSON.stringify(TEACHABLE) });
		const meta = await readModelMeta(deps, model);
		expect(meta).toEqual({ ok: true, value: { labels: ['Manzana', 'Plátano', 'Fondo'], labelsFile: 'models/m/metadata.json', imageSize: 224, scale: '-1..1' } });
	});

	it('an explicit scale and fit in metadata.json win over the Teachable Machine default', () => {
		expect(metaFromJson({ ...TEACHABLE, scale: '0..255', fit: 'pad' })).toMatchObject({ scale: '0..255', fit: 'pad' });
	});

	it('without metadata.json labels come from labels.txt (blank lines, BOM and CRLF dropped)', async () => {
		const { deps, model } = await vaultWith({ 'models/m/model.json': '{}', 'models/m/labels.txt': '\uFEFFcat\r\ndog\r\n\r\n' });
		expect(await readModelMeta(deps, model)).toEqual({ ok: true, value: { labels: ['cat', 'dog'], labelsFile: 'models/m/labels.txt' } });
	});

	it('metadata.json without labels falls back to labels.txt', async () => {
		const { deps, model } = await vaultWith({ 'models/m/model.json': '{}', 'models/m/metadata.json': '{"imageSize": 32}', 'models/m/labels.txt': 'a\nb' });
		expect(await readModelMeta(deps, model)).toMatchObject({ ok: true, value: { labels: ['a', 'b'], imageSize: 32 } });
	});

	it('no neighbour at all says nothing (the widget numbers the classes)', async () => {
		const { deps, model } = await vaultWith({ 'models/m/model.json': '{}', 'elsewhere/metadata.json': JSON.stringify(TEACHABLE) });
		expect(await readModelMeta(deps, model)).toEqual({ ok: true, value: {} });
	});

	it.each([
		['not JSON', '{labels: [a'],
		['an array', '[]'],
		['labels not a list', '{"labels": "a, b"}'],
		['an empty label', '{"labels": ["a", ""]}'],
		['a label object', '{"labels": ["a", {}]}'],
		['a bad scale', '{"scale": "0..2"}'],
		['a bad fit', '{"fit": "stretch"}'],
		['a bad image size', '{"imageSize": -3}'],
	])('metadata.json that is %s is a translated error naming the file', async (_what, text) => {
		const { deps, model } = await vaultWith({ 'models/m/model.json': '{}', 'models/m/metadata.json': text });
		const meta = await readModelMeta(deps, model);
		expect(meta.ok).toBe(false);
		if (!meta.ok) expect(meta.errors[0]).toMatchObject({ code: 'classify.error.metadataInvalid', vars: { file: 'models/m/metadata.json' } });
	});

	it('a labels.txt line longer than 60 characters is refused', () => {
		expect(typeof labelsFromText(`a\n${'x'.repeat(61)}`)).toBe('string');
	});
});

describe('a model.json too large to be a topology', () => {
	it('is refused before it is parsed, naming its size', async () => {
		const { vaultModelArtifacts } = await import('../../src/model/vault-model');
		const app = new App();
		await app.vault.create('models/big/model.json', `{"modelTopology": {}, "pad": "${'x'.repeat(5_000_001)}"}`);
		const obsidian = asObsidianApp(app);
		const read = await vaultModelArtifacts({ resolve: (l, f) => obsidian.metadataCache.getFirstLinkpathDest(l, f), readText: (f) => obsidian.vault.cachedRead(f), readBinary: (f) => obsidian.vault.readBinary(f) }, 'models/big/model.json', 'n.md');
		expect(!read.ok && read.errors[0]).toMatchObject({ code: 'classify.error.modelJsonTooLarge', vars: { file: 'models/big/model.json', size: '5.0', limit: 5 } });
	});
});
