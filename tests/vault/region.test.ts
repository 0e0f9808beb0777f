import { App, setLanguage } from '../../harness/obsidian';
import { t } from '../../src/i18n';
import { cropRgba, imageDeps, regionNote, resolveImage, rgbaToTensor, type ImageDecoder, type ImageResult, type PixelRegion, type RgbaImage } from '../../src/vault/image';
import { asApp, decodeTestPng, encodePng, rgbaOf } from './png';

/** A 600 x 340 picture (wider than the widget's 256 px) whose every pixel differs from its neighbours. */
const W = 600;
const H = 340;
const pixel = (x: number, y: number): [number, number, number, number] => [(x * 7 + y) % 256, (y * 5 + x * 3) % 256, (x ^ y) % 256, 255];
const SLIDE = encodePng(W, H, rgbaOf(W, H, pixel));

/** Loads slide.png (with `decode`, the test PNG decoder by default) through the vault, with `region`. */
async function load(region: PixelRegion | undefined, decode: ImageDecoder = decodeTestPng, channels: 'gray' | 'rgb' = 'gray'): Promise<ImageResult> {
	const app = new App();
	app.vault.seed('attachments/slide.png', SLIDE);
	return resolveImage(imageDeps(asApp(app), decode), 'slide.png', 'note.md', region ? { channels, region } : { channels });
}

/** The luma of a pixel of the test picture, as rgbaToTensor computes it. */
function luma(x: number, y: number): number {
	const [r, g, b] = pixel(x, y);
	return (0.299 * r + 0.587 * g + 0.114 * b) / 255;
}

describe('a region of a picture, at full resolution', () => {
	it('region [120, 300, 40, 64] of a 340x600 picture: the tensor is [40, 64, 1] and every value is the picture\'s pixel at (120 + r, 300 + c)', async () => {
		const result = await load({ row: 120, col: 300, height: 40, width: 64 });
		if (!result.ok) throw new Error(result.errors[0]?.code);
		const image = result.value;
		expect(image.tensor.shape).toEqual([40, 64, 1]);
		expect(image.downscaled).toBe(false);
		expect([image.originalHeight, image.originalWidth]).toEqual([H, W]);
		for (const [r, c] of [[0, 0], [0, 63], [39, 0], [39, 63], [17, 29]] as const) {
			expect(image.tensor.data[r * 64 + c]).toBeCloseTo(luma(300 + c, 120 + r), 5);
		}
		// Not what the whole picture reduced to 256 px holds there.
		const whole = await load(undefined);
		expect(whole.ok && whole.value.tensor.shape).toEqual([145, 256, 1]);
	});

	it('rgb keeps the three channels of each pixel of the region', async () => {
		const result = await load({ row: 3, col: 590, height: 2, width: 10 }, decodeTestPng, 'rgb');
		if (!result.ok) throw new Error(result.errors[0]?.code);
		const [r, g, b] = pixel(599, 4);
		expect(Array.from(result.value.tensor.data.subarray((1 * 10 + 9) * 3, (1 * 10 + 9) * 3 + 3)).map((v) => Math.round(v * 255))).toEqual([r, g, b]);
	});

	it('a decoder that crops (as the browser decoder does) gives the same tensor as the loader cropping the full picture', async () => {
		const region = { row: 200, col: 10, height: 30, width: 20 };
		let asked: PixelRegion | undefined;
		const cropping: ImageDecoder = async (bytes, mime, crop) => {
			asked = crop;
			const full = await decodeTestPng(bytes, mime);
			return crop ? { ...cropRgba(full, crop), sourceWidth: full.width, sourceHeight: full.height, crop } : full;
		};
		const a = await load(region, cropping);
		const b = await load(region);
		expect(asked).toEqual(region);
		expect(a.ok && Array.from(a.value.tensor.data)).toEqual(b.ok && Array.from(b.value.tensor.data));
	});

	it('a region outside the picture is an error that gives the picture\'s size, height x width (English and Spanish)', async () => {
		const result = await load({ row: 300, col: 580, height: 64, width: 64 });
		const error = result.ok ? undefined : result.errors[0];
		expect(error?.code).toBe('image.error.regionOutside');
		const vars = error?.vars ?? {};
		expect(t('image.error.regionOutside', vars)).toBe(
			'The region rows 300–363, columns 580–643 does not fit inside “attachments/slide.png”, which is 340x600 pixels (height x width): rows go from 0 to 339 and columns from 0 to 599.',
		);
		setLanguage('es');
		expect(t('image.error.regionOutside', vars)).toMatch(/no cabe en «attachments\/slide.png», que mide 340x600 píxeles \(alto x ancho\)/);
	});

	it('a decoder that reduced the picture without cropping is reported, never silently read at the wrong scale', async () => {
		const reducing: ImageDecoder = async () => ({ width: 2, height: 1, data: new Uint8ClampedArray(8), sourceWidth: W, sourceHeight: H });
		const result = await load({ row: 0, col: 0, height: 1, width: 1 }, reducing);
		expect(result.ok ? 'ok' : result.errors[0]?.code).toBe('image.error.corrupt');
	});

	it('the note names rows, columns, file and the picture size in height x width order', async () => {
		const result = await load({ row: 120, col: 300, height: 64, width: 64 });
		const note = result.ok ? regionNote(result.value) : null;
		expect(note && t(note.code, note.vars)).toBe('Region: rows 120–183, columns 300–363 of “slide.png” (340x600 pixels, height x width), at full resolution.');
		setLanguage('es');
		expect(note && t(note.code, note.vars)).toBe('Región: filas 120–183, columnas 300–363 de «slide.png» (340x600 píxeles, alto x ancho), a resolución completa.');
	});

	it('cropRgba copies exactly the region\'s bytes', () => {
		const image: RgbaImage = { width: 3, height: 2, data: Uint8ClampedArray.from({ length: 24 }, (_, i) => i) };
		const crop = cropRgba(image, { row: 1, col: 1, height: 1, width: 2 });
		expect(Array.from(crop.data)).toEqual([16, 17, 18, 19, 20, 21, 22, 23]);
		expect(rgbaToTensor(crop).tensor.shape).toEqual([1, 2, 1]);
	});
});
