import { App, setLanguage } from '../../harness/obsidian';
import { t } from '../../src/i18n';
import { downscaleNote, imageDeps, loadImageFile, resolveImage, type ImageDecoder, type ImageDeps, type ImageResult } from '../../src/vault/image';
import { asApp, asFile, bufferOf, decodeTestPng, encodePng, rgbaOf } from './png';

/** A fake app whose vault holds the given files, with the test PNG decoder (or `decode`). */
function setup(files: Record<string, ArrayBuffer | string>, decode: ImageDecoder = decodeTestPng): { app: App; deps: ImageDeps } {
	const app = new App();
	for (const [path, content] of Object.entries(files)) app.vault.seed(path, content);
	return { app, deps: imageDeps(asApp(app), decode) };
}

/** The loaded image of a successful result (fails the test otherwise). */
function loaded(result: ImageResult) {
	if (!result.ok) throw new Error(`expected an image, got ${result.errors.map((e) => e.code).join(', ')}`);
	return result.value;
}

/** The error of a failed result, with its English text. */
function failed(result: ImageResult) {
	const error = result.ok ? undefined : result.errors[0];
	if (!error) throw new Error('expected an error');
	return { ...error, text: t(error.code, error.vars) };
}

const RED_GREEN = encodePng(2, 1, [255, 0, 0, 255, 0, 255, 0, 255]);
const JPEG_BYTES = bufferOf(Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0, 1, 0xff, 0xd9]));

describe('resolveImage', () => {
	it('resolves [[red-green.png]] from a note in another folder, reads and decodes it into a gray [1, 2, 1] tensor', async () => {
		const { deps } = setup({ 'attachments/red-green.png': RED_GREEN });
		const image = loaded(await resolveImage(deps, 'red-green.png', 'Cursos/CNN.md'));
		expect(image.file.path).toBe('attachments/red-green.png');
		expect(image.format).toBe('png');
		expect(image.tensor.shape).toEqual([1, 2, 1]);
		expect(image.tensor.data[0]).toBeCloseTo(0.299, 6);
		expect(image.tensor.data[1]).toBeCloseTo(0.587, 6);
		expect(image).toMatchObject({ originalWidth: 2, originalHeight: 1, downscaled: false });
		expect(downscaleNote(image)).toBeNull();
	});

	it('channels: rgb gives [h, w, 3] with the file colours', async () => {
		const { deps } = setup({ 'rg.png': RED_GREEN });
		const image = loaded(await resolveImage(deps, 'rg.png', 'note.md', { channels: 'rgb' }));
		expect(image.tensor.shape).toEqual([1, 2, 3]);
		expect(Array.from(image.tensor.data)).toEqual([1, 0, 0, 0, 1, 0]);
	});

	it('a 600x300 PNG in the vault is downscaled to 256x128 and says so', async () => {
		const png = encodePng(600, 300, rgbaOf(600, 300, (x) => (x % 2 === 0 ? [0, 0, 0, 255] : [255, 255, 255, 255])));
		const { deps } = setup({ 'Pasted image 20231105.png': png });
		const image = loaded(await resolveImage(deps, 'Pasted image 20231105.png', 'note.md'));
		expect(image.tensor.shape).toEqual([128, 256, 1]);
		expect(image).toMatchObject({ originalWidth: 600, originalHeight: 300, downscaled: true });
		// Alternating black/white columns average to mid-gray.
		expect(image.tensor.data[1000]).toBeCloseTo(0.5, 1);
		const note = downscaleNote(image);
		expect(note && t(note.code, note.vars)).toBe('The image is 300x600 pixels (height x width); it is shown reduced to 128x256 (at most 256 pixels per side, the “Largest picture side” setting).');
	});

	it('a .jpg goes to the decoder as image/jpeg, whatever decoder is injected', async () => {
		const calls: string[] = [];
		const decode: ImageDecoder = async (bytes, mime) => {
			calls.push(`${mime} ${bytes.byteLength}`);
			return { width: 1, height: 1, data: Uint8ClampedArray.from([255, 255, 255, 255]) };
		};
		const { deps } = setup({ 'photo.JPG': JPEG_BYTES }, decode);
		const image = loaded(await resolveImage(deps, 'photo.JPG', 'note.md'));
		expect(calls).toEqual(['image/jpeg 14']);
		expect(image.format).toBe('jpeg');
		expect(Array.from(image.tensor.data)).toEqual([1]);
	});

	it('the bytes decide the decoder type: a PNG saved as .jpg is decoded as image/png', async () => {
		const { deps } = setup({ 'wrong-name.jpg': RED_GREEN });
		expect(loaded(await resolveImage(deps, 'wrong-name.jpg', 'note.md')).format).toBe('png');
	});

	it('missing: a link that resolves to no file', async () => {
		const { deps } = setup({ 'a.png': RED_GREEN });
		const error = failed(await resolveImage(deps, 'Pasted image 2023.png', 'note.md'));
		expect(error.code).toBe('image.error.missing');
		expect(error.text).toBe('The image “Pasted image 2023.png” was not found in the vault. Check the name between [[ and ]], or add the file to the vault.');
	});

	it('unsupported: an .svg (or a note) is not an image CNN Notes reads, and the decoder is never called', async () => {
		const decode = jest.fn(decodeTestPng);
		const { deps } = setup({ 'drawing.svg': '<svg/>', 'Pooling.md': '# Pooling' }, decode);
		const svg = failed(await resolveImage(deps, 'drawing.svg', 'note.md'));
		expect(svg.code).toBe('image.error.unsupported');
		expect(svg.text).toBe('“drawing.svg” is not an image CNN Notes can read (extension .svg). Use one of: png, jpg, jpeg, webp, gif, bmp.');
		expect(failed(await resolveImage(deps, 'Pooling', 'note.md')).code).toBe('image.error.unsupported');
		expect(decode).not.toHaveBeenCalled();
	});

	it('notImage: a .png whose bytes are text', async () => {
		const { deps } = setup({ 'fake.png': bufferOf(Buffer.from('not really a png')) });
		const error = failed(await resolveImage(deps, 'fake.png', 'note.md'));
		expect(error.code).toBe('image.error.notImage');
		expect(error.text).toBe('“fake.png” does not contain a PNG image: the file may be damaged, or be another kind of file renamed.');
	});

	it('corrupt: the decoder rejects (e.g. a truncated PNG), with the reason', async () => {
		const truncated = RED_GREEN.slice(0, 40);
		const { deps } = setup({ 'broken.png': truncated }, async () => {
			throw new Error('The source image could not be decoded.');
		});
		const error = failed(await resolveImage(deps, 'broken.png', 'note.md'));
		expect(error.code).toBe('image.error.corrupt');
		// The decoder's words are the folded technical detail, not the explanation (issue 10).
		expect(error.text).toBe('“broken.png” could not be decoded as an image. The file may be damaged or incomplete.');
		expect(error.detail).toBe('The source image could not be decoded.');
	});

	it('corrupt: a decoder returning inconsistent pixels is reported, not thrown', async () => {
		const { deps } = setup({ 'odd.png': RED_GREEN }, async () => ({ width: 4, height: 4, data: new Uint8ClampedArray(4) }));
		expect(failed(await resolveImage(deps, 'odd.png', 'note.md')).code).toBe('image.error.corrupt');
	});

	it('corrupt: the default (browser) decoder under jsdom, which has no createImageBitmap', async () => {
		const app = new App();
		app.vault.seed('a.png', RED_GREEN);
		const error = failed(await resolveImage(imageDeps(asApp(app)), 'a.png', 'note.md'));
		expect(error.code).toBe('image.error.corrupt');
		expect(error.vars.reason).toMatch(/createImageBitmap/);
	});

	it('read: the file vanished between resolving and reading', async () => {
		const { app, deps } = setup({});
		const file = app.vault.seed('gone.png', RED_GREEN);
		await app.vault.delete(file);
		const error = failed(await loadImageFile(deps, asFile(file)));
		expect(error.code).toBe('image.error.read');
		expect(error.text).toBe('The file “gone.png” could not be read.');
		expect(error.detail).toMatch(/^ENOENT/);
	});

	it('errors read naturally in Spanish', async () => {
		setLanguage('es');
		const { deps } = setup({});
		const error = failed(await resolveImage(deps, 'gato.png', 'note.md'));
		expect(error.text).toBe('No se encontró la imagen «gato.png» en la bóveda. Revisa el nombre entre [[ y ]], o añade el archivo a la bóveda.');
	});
});
