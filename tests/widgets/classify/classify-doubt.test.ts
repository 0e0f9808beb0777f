/**
 * The "do not trust this" line in the widget: the built-in digits model on a photograph and a plot
 * of a vault picture says the picture does not look like a handwritten digit (and still shows its
 * scores), a held-out digit drawn on paper gets no line; an unsure vault model gets the generic line.
 */
import { App, setLanguage } from '../../../harness/obsidian';
import type { GrayImage } from '../../../src/model/doubt';
import type { RgbaImage } from '../../../src/vault/pixels';
import { loadDigits, PIXELS } from '../../model/digits-data';
import { digitPicture, mulberry32, photo, plot } from '../../model/doubt-pictures';
import { installFakeCanvas, mountClassify, rootPrediction } from './classify-helpers';

beforeEach(() => installFakeCanvas());
afterEach(() => {
	jest.restoreAllMocks();
	setLanguage('en');
});

/** A gray raster as the RGBA the browser decoder would give. */
function rgbaOf(image: GrayImage): RgbaImage {
	const data = new Uint8ClampedArray(image.width * image.height * 4);
	image.gray.forEach((v, i) => {
		const g = Math.round(Math.min(1, Math.max(0, v)) * 255);
		data.set([g, g, g, 255], i * 4);
	});
	return { width: image.width, height: image.height, data };
}

/** Mounts a digits block on a vault picture decoded as `image`. */
async function classifyPicture(image: GrayImage): Promise<{ el: HTMLElement; unload: () => void }> {
	const app = new App();
	app.vault.seed('p.png', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).buffer);
	const { el, section } = await mountClassify('input: "[[p.png]]"\nshow: [input, probabilities]', { app, overrides: { decode: async () => rgbaOf(image) } });
	return { el, unload: () => section.unload() };
}

const doubtLine = (el: HTMLElement): HTMLElement | null => el.querySelector('.cnn-classify-doubt');

describe('cnn-classify: "this does not look like what I know"', () => {
	it.each([
		['a photograph of a cat', (seed: number) => photo('cat', mulberry32(seed))],
		['a plotted ReLU curve', (seed: number) => plot('relu', mulberry32(seed))],
	])('the digits model on %s: the scores and a translated line saying the answer means little', async (_what, make) => {
		const { el, unload } = await classifyPicture(make(5));
		expect(rootPrediction(el).label).not.toBeNull();
		expect(el.querySelectorAll('.cnn-classify-bar-row')).toHaveLength(10);
		expect(el.querySelector('.cnn-classify')?.getAttribute('data-doubt')).toBe('unlike-digits');
		expect(doubtLine(el)?.classList.contains('is-hidden')).toBe(false);
		expect(doubtLine(el)?.textContent).toContain('This model only knows the digits 0-9; this picture does not look like a handwritten digit');
		unload();
		setLanguage('es');
		const es = await classifyPicture(make(5));
		expect(doubtLine(es.el)?.textContent).toContain('Este modelo solo conoce los dígitos del 0 al 9');
		es.unload();
	});

	it('a held-out digit written on paper gets no line', async () => {
		const { pixels, labels } = loadDigits('heldOut');
		const rng = mulberry32(3);
		for (const k of [0, 400, 800]) {
			const { el, unload } = await classifyPicture(digitPicture(pixels.slice(k * PIXELS, (k + 1) * PIXELS), rng));
			expect(rootPrediction(el).label).toBe(String(labels[k]));
			expect(el.querySelector('.cnn-classify')?.hasAttribute('data-doubt')).toBe(false);
			expect(doubtLine(el)?.classList.contains('is-hidden')).toBe(true);
			unload();
		}
	});
});
