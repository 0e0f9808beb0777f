import { setLanguage } from '../../harness/obsidian';
import { t } from '../../src/i18n';
import { fitPicture } from '../../src/model/prepare-input';
import type { Problem } from '../../src/result';
import { DATASET_CANCELLED, datasetDeps, MAX_DATASET_PICTURES, MAX_LISTED_SKIPPED, READ_AHEAD, readFolderDataset, type Dataset } from '../../src/train/dataset';
import { asObsidianApp } from '../helpers/plugin';
import { rgbaToTensor } from '../../src/vault/pixels';
import { png, rgba, vaultWith } from './dataset-helpers';

const PICTURES = { 1: rgba(16, 16, 1), 2: rgba(20, 12, 2), 3: rgba(9, 30, 3), 4: rgba(16, 16, 4), 5: rgba(40, 40, 5) };

/** The dataset of a successful read (fails the test otherwise). */
function value(result: { ok: true; value: Dataset } | { ok: false; errors: Problem[] }): Dataset {
	if (!result.ok) throw new Error(`read failed: ${JSON.stringify(result.errors)}`);
	return result.value;
}

/** The problems of a failed read (fails the test otherwise). */
function problems(result: { ok: true; value: Dataset } | { ok: false; errors: Problem[] }): Problem[] {
	if (result.ok) throw new Error('the read succeeded');
	return result.errors;
}

/** What fitPicture gives for picture n, as the dataset stores it (bytes). */
function expected(n: keyof typeof PICTURES, shape: [number, number, number], fit: 'crop' | 'pad'): Uint8Array {
	const tensor = rgbaToTensor(PICTURES[n], { channels: shape[2] === 3 ? 'rgb' : 'gray', maxSide: 256 }).tensor;
	const [h = 0, w = 0, c = 0] = tensor.shape;
	const view = fitPicture({ width: w, height: h, channels: c, data: tensor.data }, shape, fit, '0..1').view;
	return Uint8Array.from(view, (v) => Math.round(v * 255));
}

afterEach(() => setLanguage('en'));

describe('readFolderDataset: class folders', () => {
	const files = {
		'data/fruits/pear/b.png': 2,
		'data/fruits/apple/x.png': 1,
		'data/fruits/apple/deep/y.png': 3,
		'data/fruits/pear/a.webp': 4,
		'data/fruits/pear/readme.md': 'not a picture',
		'data/fruits/notes.md': 'notes',
		'data/fruits/cherry/c.png': 5,
		'data/fruits/cherry/d.png': 1,
	};

	it('classes in name order, labels and files in path order, non-pictures ignored, mixed sizes all fitted to inputShape [12,10,1] crop', async () => {
		const { deps } = vaultWith(files, PICTURES);
		const set = value(await readFolderDataset(deps, 'data/fruits', 'n.md', { inputShape: [12, 10, 1] }));
		expect(set.classes).toEqual(['apple', 'cherry', 'pear']);
		expect(set.files).toEqual(['data/fruits/apple/deep/y.png', 'data/fruits/apple/x.png', 'data/fruits/cherry/c.png', 'data/fruits/cherry/d.png', 'data/fruits/pear/a.webp', 'data/fruits/pear/b.png']);
		expect([...set.labels]).toEqual([0, 0, 1, 1, 2, 2]);
		expect(set.count).toBe(6);
		expect(set.inputShape).toEqual([12, 10, 1]);
		expect(set.pixels).toHaveLength(6 * 12 * 10);
		expect(set.skipped).toEqual([]);
		const order = [3, 1, 5, 1, 4, 2] as const;
		order.forEach((n, i) => expect(set.pixels.subarray(i * 120, (i + 1) * 120)).toEqual(expected(n, [12, 10, 1], 'crop')));
	});

	it('decodings that finish out of order still give each picture its own place and label', async () => {
		const { deps } = vaultWith(files, PICTURES);
		const decode = deps.decode;
		let calls = 0;
		deps.decode = async (bytes, mime) => {
			const wait = 40 - 8 * (calls++ % 4);
			await new Promise((r) => setTimeout(r, wait));
			return decode(bytes, mime);
		};
		const set = value(await readFolderDataset(deps, 'data/fruits', '', { inputShape: [12, 10, 1] }));
		expect([...set.labels]).toEqual([0, 0, 1, 1, 2, 2]);
		([3, 1, 5, 1, 4, 2] as const).forEach((n, i) => expect(set.pixels.subarray(i * 120, (i + 1) * 120)).toEqual(expected(n, [12, 10, 1], 'crop')));
	});

	it('rgb [8,8,3] with fit pad: each picture equals fitPicture of it; a link relative to the note works', async () => {
		const { deps } = vaultWith(files, PICTURES);
		const set = value(await readFolderDataset(deps, 'fruits', 'data/note.md', { inputShape: [8, 8, 3], fit: 'pad' }));
		expect(set.pixels).toHaveLength(6 * 192);
		expect(set.pixels.subarray(192, 384)).toEqual(expected(1, [8, 8, 3], 'pad'));
		expect(set.pixels.subarray(0, 192)).toEqual(expected(3, [8, 8, 3], 'pad'));
	});

	it('reports progress after every picture and lets the page run once it has worked 12 ms', async () => {
		const { deps } = vaultWith(files, PICTURES);
		const seen: [number, number][] = [];
		let pauses = 0;
		deps.yieldToPage = () => {
			pauses += 1;
			return Promise.resolve();
		};
		// 13 ms of work on the main thread per picture: a pause after each.
		const busy = (): void => {
			const end = Date.now() + 13;
			while (Date.now() < end);
		};
		value(await readFolderDataset(deps, 'data/fruits', '', { inputShape: [8, 8, 1], progress: (done, total) => (seen.push([done, total]), busy()) }));
		expect(seen).toEqual([1, 2, 3, 4, 5, 6].map((d) => [d, 6]));
		expect(pauses).toBe(6);
	});

	it(`stops when its signal aborts, with the cancelled code, fitting no further picture (at most ${READ_AHEAD} more were being read)`, async () => {
		const { deps, decode } = vaultWith(files, PICTURES);
		const stop = new AbortController();
		const seen: number[] = [];
		const result = await readFolderDataset(deps, 'data/fruits', '', { inputShape: [8, 8, 1], signal: stop.signal, progress: (done) => (seen.push(done), done === 2 && stop.abort()) });
		expect(problems(result).map((p) => p.code)).toEqual([DATASET_CANCELLED]);
		expect(seen).toEqual([1, 2]);
		expect(decode.mock.calls.length).toBeLessThanOrEqual(2 + READ_AHEAD);
	});

	it(`reads at most ${READ_AHEAD} pictures ahead of the one being fitted`, async () => {
		const { deps } = vaultWith(files, PICTURES);
		let reads = 0;
		let most = 0;
		const read = deps.readBinary;
		deps.readBinary = (file) => {
			reads += 1;
			return read(file);
		};
		value(await readFolderDataset(deps, 'data/fruits', '', { inputShape: [8, 8, 1], progress: (done) => (most = Math.max(most, reads - done)) }));
		expect(most).toBe(READ_AHEAD);
	});
});

describe('readFolderDataset: bad input', () => {
	it('a link to nothing or to a file names no folder', async () => {
		const { deps } = vaultWith({ 'a/b/c.png': 1 }, PICTURES);
		expect(problems(await readFolderDataset(deps, 'nowhere', '', { inputShape: [8, 8, 1] }))[0]).toEqual({ code: 'train.data.error.noFolder', vars: { link: 'nowhere' } });
		expect(problems(await readFolderDataset(deps, 'a/b/c.png', '', { inputShape: [8, 8, 1] }))[0]?.code).toBe('train.data.error.noFolder');
	});

	it('a folder with no picture (only notes) is empty', async () => {
		const { deps } = vaultWith({ 'set/cat/notes.md': 'x', 'set/readme.md': 'y' }, PICTURES);
		expect(problems(await readFolderDataset(deps, 'set', '', { inputShape: [8, 8, 1] }))[0]?.code).toBe('train.data.error.empty');
	});

	it('pictures directly in the folder and no subfolder: no classes', async () => {
		const { deps } = vaultWith({ 'set/a.png': 1, 'set/b.png': 2 }, PICTURES);
		expect(problems(await readFolderDataset(deps, 'set', '', { inputShape: [8, 8, 1] }))).toEqual([{ code: 'train.data.error.noClasses', vars: { folder: 'set' } }]);
	});

	it('one class only', async () => {
		const { deps } = vaultWith({ 'set/cat/a.png': 1, 'set/cat/b.png': 2 }, PICTURES);
		expect(problems(await readFolderDataset(deps, 'set', '', { inputShape: [8, 8, 1] }))).toEqual([{ code: 'train.data.error.oneClass', vars: { folder: 'set', class: 'cat', min: 2 } }]);
	});

	it('a class with one picture, and an empty class folder, are errors naming each class', async () => {
		const { app, deps } = vaultWith({ 'set/cat/a.png': 1, 'set/cat/b.png': 2, 'set/dog/c.png': 3 }, PICTURES);
		await app.vault.createFolder('set/emu');
		const errors = problems(await readFolderDataset(deps, 'set', '', { inputShape: [8, 8, 1] }));
		expect(errors).toEqual([
			{ code: 'train.data.error.classPictures', vars: { class: 'dog', count: 1, min: 2, folder: 'set/dog' } },
			{ code: 'train.data.error.classPictures', vars: { class: 'emu', count: 0, min: 2, folder: 'set/emu' } },
		]);
		expect(t('train.data.error.classPictures', errors[0]?.vars)).toContain('“dog” has 1 readable picture;');
	});

	it('a class folder name longer than 60 characters or blank is refused before reading', async () => {
		const long = 'x'.repeat(61);
		const { deps, decode } = vaultWith({ [`set/${long}/a.png`]: 1, 'set/ /b.png': 2, 'set/ok/c.png': 3 }, PICTURES);
		const codes = problems(await readFolderDataset(deps, 'set', '', { inputShape: [8, 8, 1] })).map((p) => p.code);
		expect(codes).toEqual(['train.data.error.classNameEmpty', 'train.data.error.classNameLong']);
		expect(decode).not.toHaveBeenCalled();
	});

	it(`more than ${MAX_DATASET_PICTURES} pictures: refused with the count and the cap, before reading any`, async () => {
		const files: Record<string, number> = {};
		for (let i = 0; i <= MAX_DATASET_PICTURES; i++) files[`big/${i % 2 ? 'a' : 'b'}/${i}.png`] = 1;
		const { deps, decode } = vaultWith(files, PICTURES);
		const errors = problems(await readFolderDataset(deps, 'big', '', { inputShape: [8, 8, 1] }));
		expect(errors).toEqual([{ code: 'train.data.error.tooMany', vars: { folder: 'big', count: 10_001, max: 10_000 } }]);
		expect(decode).not.toHaveBeenCalled();
		setLanguage('es');
		expect(t('train.data.error.tooMany', errors[0]?.vars)).toBe('La carpeta «big» tiene 10.001 imágenes, más de las 10.000 con las que entrena una nota: usa una carpeta más pequeña. No se ha leído ninguna imagen.');
	});

	it('more fitted bytes than the memory budget: refused before reading, saying how many would fit', async () => {
		const files: Record<string, number> = {};
		for (let i = 0; i < 100; i++) files[`set/${i % 2 ? 'a' : 'b'}/${i}.png`] = 1;
		const { deps, decode } = vaultWith(files, PICTURES);
		const errors = problems(await readFolderDataset(deps, 'set', '', { inputShape: [512, 512, 3] }));
		expect(errors[0]?.code).toBe('train.data.error.tooLarge');
		expect(errors[0]?.vars).toMatchObject({ count: 100, shape: '512x512x3', size: 75, limit: 64, fits: 85 });
		expect(decode).not.toHaveBeenCalled();
	});

	it('unreadable, corrupt, huge and loose pictures are skipped and listed, the rest is read', async () => {
		const { app, deps, decode } = vaultWith({ 'set/cat/a.png': 1, 'set/cat/b.png': 2, 'set/cat/broken.png': 99, 'set/dog/c.png': 3, 'set/dog/d.png': 4, 'set/loose.png': 5 }, PICTURES);
		app.vault.seed('set/dog/text.jpg', Uint8Array.from('just text', (ch) => ch.charCodeAt(0)).buffer);
		app.vault.seed('set/dog/huge.png', png(1, 5000, 300));
		app.vault.seed('set/dog/heavy.gif', png(1));
		app.vault.seed('set/cat/heavier.png', new ArrayBuffer(20 * 1024 * 1024 + 1));
		deps.sizeOf = (file) => (file.path.endsWith('heavy.gif') ? 25 * 1024 * 1024 : null);
		const read = deps.readBinary;
		deps.readBinary = (file) => (file.path.endsWith('heavy.gif') ? Promise.reject(new Error('must not be read')) : read(file));
		const set = value(await readFolderDataset(deps, 'set', '', { inputShape: [8, 8, 1] }));
		expect(set.files).toEqual(['set/cat/a.png', 'set/cat/b.png', 'set/dog/c.png', 'set/dog/d.png']);
		expect([...set.labels]).toEqual([0, 0, 1, 1]);
		expect(set.pixels).toHaveLength(4 * 64);
		expect(set.skipped.map((s) => [s.file, s.reason.code])).toEqual([
			['set/cat/broken.png', 'image.error.corrupt'],
			['set/cat/heavier.png', 'train.data.skip.bytes'],
			['set/dog/heavy.gif', 'train.data.skip.bytes'],
			['set/dog/huge.png', 'train.data.skip.side'],
			['set/dog/text.jpg', 'image.error.notImage'],
			['set/loose.png', 'train.data.skip.loose'],
		]);
		// The huge ones never reach the decoder: four read pictures and the broken one.
		expect(decode).toHaveBeenCalledTimes(5);
		expect(t('train.data.skip.side', set.skipped[3]?.reason.vars)).toBe('set/dog/huge.png: 5000x300 pixels, more than 4096 a side');
		expect(t('train.data.skip.bytes', set.skipped[2]?.reason.vars)).toBe('set/dog/heavy.gif: 25 MB, more than the 20 MB a picture may have');
	});

	it('a decoder that throws at once (not a rejected promise) only skips that picture', async () => {
		const { deps } = vaultWith({ 'set/cat/a.png': 1, 'set/cat/b.png': 2, 'set/cat/c.png': 3, 'set/dog/c.png': 3, 'set/dog/d.png': 4 }, PICTURES);
		const decode = deps.decode;
		deps.decode = (bytes, mime) => {
			if (new Uint8Array(bytes)[11] === 2) throw new Error('synchronous failure');
			return decode(bytes, mime);
		};
		const set = value(await readFolderDataset(deps, 'set', '', { inputShape: [8, 8, 1] }));
		expect(set.skipped).toEqual([{ file: 'set/cat/b.png', reason: { code: 'image.error.corrupt', vars: { file: 'set/cat/b.png', reason: 'synchronous failure' }, detail: 'synchronous failure' } }]);
		expect(set.count).toBe(4);
	});

	it('a class left with one readable picture after skipping is an error, followed by the skipped picture and why (English and Spanish)', async () => {
		const { deps } = vaultWith({ 'set/cat/a.png': 1, 'set/cat/b.png': 2, 'set/dog/c.png': 3, 'set/dog/d.png': 77 }, PICTURES);
		const errors = problems(await readFolderDataset(deps, 'set', '', { inputShape: [8, 8, 1] }));
		expect(errors).toEqual([
			{ code: 'train.data.error.classPictures', vars: { class: 'dog', count: 1, min: 2, folder: 'set/dog' } },
			{ code: 'train.data.error.classSkipped', vars: { class: 'dog', count: 1 } },
			{ code: 'image.error.corrupt', vars: { file: 'set/dog/d.png', reason: 'bad picture data' }, detail: 'bad picture data' },
		]);
		const english = errors.map((e) => t(e.code, e.vars));
		expect(english.slice(1)).toEqual(['From “dog”, 1 picture was left out:', '“set/dog/d.png” could not be decoded as an image. The file may be damaged or incomplete.']);
		setLanguage('es');
		const spanish = errors.map((e) => t(e.code, e.vars));
		expect(spanish[1]).toBe('De «dog» quedó fuera 1 imagen:');
		expect(spanish[2]).toContain('set/dog/d.png');
		for (const text of [...english, ...spanish]) expect(text).not.toMatch(/\{\w+\}/);
	});

	it(`the skipped pictures of refused classes: each class's own after its problem, at most ${MAX_LISTED_SKIPPED} named, the rest counted; a kept class's are not listed`, async () => {
		const files: Record<string, number> = { 'set/cat/a.png': 1, 'set/cat/b.png': 2, 'set/cat/bad.png': 90, 'set/emu/e.png': 4 };
		for (let i = 0; i < 8; i++) files[`set/dog/bad${i}.png`] = 90; // dog: none readable
		for (let i = 0; i < 5; i++) files[`set/emu/bad${i}.png`] = 90; // emu: one readable
		const { deps } = vaultWith(files, PICTURES);
		const errors = problems(await readFolderDataset(deps, 'set', '', { inputShape: [8, 8, 1] }));
		const summary = errors.map((e) => (e.code === 'image.error.corrupt' ? String(e.vars.file) : [e.code, e.vars.class, e.vars.count].filter((v) => v !== undefined).join(' ')));
		expect(summary).toEqual([
			'train.data.error.classPictures dog 0',
			'train.data.error.classSkipped dog 8',
			...Array.from({ length: 8 }, (_, i) => `set/dog/bad${i}.png`),
			'train.data.error.classPictures emu 1',
			'train.data.error.classSkipped emu 5',
			'set/emu/bad0.png',
			'set/emu/bad1.png',
			'train.data.error.moreSkipped 3',
		]);
		const more = errors[errors.length - 1]!;
		expect(t(more.code, more.vars)).toBe('And 3 more pictures were left out.');
		setLanguage('es');
		expect(t(more.code, more.vars)).toBe('Y quedaron fuera 3 imágenes más.');
	});

	it('datasetDeps reads through the app (a file without stat: its size is unknown, read and checked after)', async () => {
		const { app, decode } = vaultWith({ 'set/cat/a.png': 1, 'set/cat/b.png': 2, 'set/dog/c.png': 3, 'set/dog/d.png': 4 }, PICTURES);
		const set = value(await readFolderDataset(datasetDeps(asObsidianApp(app), decode), 'set', '', { inputShape: [8, 8, 3] }));
		expect(set.count).toBe(4);
		expect(set.pixels.subarray(0, 192)).toEqual(expected(1, [8, 8, 3], 'crop'));
	});

	it('an inputShape outside 8..512 x 1 or 3 channels is a programming error: thrown, naming it', async () => {
		const { deps } = vaultWith({ 'set/cat/a.png': 1 }, PICTURES);
		await expect(readFolderDataset(deps, 'set', '', { inputShape: [4, 8, 1] })).rejects.toThrow('inputShape must be [height, width, 1 or 3] with sides 8..512, got [4, 8, 1]');
		await expect(readFolderDataset(deps, 'set', '', { inputShape: [8, 8, 2] })).rejects.toThrow('got [8, 8, 2]');
	});

	it('the vault is only read: no write', async () => {
		const { app, deps } = vaultWith({ 'set/cat/a.png': 1, 'set/cat/b.png': 2, 'set/dog/c.png': 3, 'set/dog/d.png': 4 }, PICTURES);
		value(await readFolderDataset(deps, 'set', '', { inputShape: [8, 8, 1] }));
		expect(app.vault.writes).toEqual([]);
	});
});
