import { setLanguage } from '../../../harness/obsidian';
import type { RgbaImage } from '../../../src/vault/image';
import { formatPercent, formatPlain, formatScore, formatSum } from '../../../src/widgets/classify/classify-format';
import { digitSamples } from '../../../src/model/digits';
import { drawStrokes, installFakeCanvas, layOut, mountClassify, predictedLabel, rootPrediction, settle } from './classify-helpers';
import { DIGIT_STROKES } from './classify-strokes';

beforeEach(() => installFakeCanvas());
afterEach(() => {
	jest.restoreAllMocks();
	setLanguage('en');
	document.body.removeClass('is-mobile');
});

/** Whether `el` or one of its ancestors is hidden by the widget (class is-hidden). */
function hidden(el: Element | null): boolean {
	return el === null || el.closest('.is-hidden') !== null;
}

describe('cnn-classify: an inviting empty state', () => {
	it('before anything is drawn: a prompt, no maps, no softmax rows, no prediction on the root; drawing fills them in, clearing brings the prompt back', async () => {
		const { el, section } = await mountClassify('');
		const root = el.querySelector<HTMLElement>('.cnn-classify')!;
		const prompt = el.querySelector('.cnn-classify-empty');
		expect(prompt?.textContent).toBe('Draw a digit from 0 to 9 in the pad: the layers of the network and its softmax appear here as you draw.');
		expect(hidden(prompt)).toBe(false);
		expect(el.querySelectorAll('.cnn-classify-map, canvas.cnn-classify-strip, .cnn-classify-unit')).toHaveLength(0);
		expect(el.querySelectorAll('.cnn-classify-softmax-row, .cnn-classify-softmax-table')).toHaveLength(0);
		expect(el.textContent).not.toMatch(/Values from 0 to 0|Sum of the 10/);
		expect(root.hasAttribute('data-prediction')).toBe(false);
		expect(root.hasAttribute('data-confidence')).toBe(false);
		// The probability rows are there from the start (their space is kept), without numbers.
		expect(el.querySelectorAll('.cnn-classify-bar-row')).toHaveLength(10);
		expect(Array.from(el.querySelectorAll('.cnn-classify-bar-value'), (v) => v.textContent).join('')).toBe('');

		const pad = el.querySelector<HTMLCanvasElement>('.cnn-classify-pad-canvas')!;
		layOut(pad);
		drawStrokes(pad, DIGIT_STROKES[3] ?? []);
		await settle();
		expect(hidden(prompt)).toBe(true);
		expect(el.querySelectorAll('[data-layer="conv1"] .cnn-classify-map')).toHaveLength(16);
		expect(hidden(el.querySelector('.cnn-classify-layers'))).toBe(false);
		expect(el.querySelectorAll('.cnn-classify-softmax-row')).toHaveLength(3);
		expect(rootPrediction(el).label).toBe(String(predictedLabel(el)));

		el.querySelector<HTMLButtonElement>('.cnn-classify-pad-buttons button:last-child')?.click();
		expect(hidden(prompt)).toBe(false);
		expect(hidden(el.querySelector('.cnn-classify-layers'))).toBe(true);
		expect(hidden(el.querySelector('.cnn-classify-softmax-table'))).toBe(true);
		expect(root.hasAttribute('data-prediction')).toBe(false);
		section.unload();
	});
});

describe('cnn-classify: data-prediction and data-confidence', () => {
	it('follow every prediction: the winning label as shown and its probability (0..1)', async () => {
		const { el, section, widget } = await mountClassify('input: sample\nshow: probabilities');
		const buttons = Array.from(el.querySelectorAll<HTMLButtonElement>('.cnn-classify-sample'));
		const seen = new Set<string>();
		for (const i of [0, 7, 16]) {
			buttons[i]?.click();
			await widget?.whenIdle();
			const { label, confidence } = rootPrediction(el);
			expect(label).toBe(el.querySelector('.cnn-classify-prediction')?.getAttribute('data-label'));
			expect(label).toBe(el.querySelector('.cnn-classify-bar-row.is-winner')?.getAttribute('data-label'));
			expect(confidence).toBeGreaterThan(0.1);
			expect(confidence).toBeLessThanOrEqual(1);
			expect(el.querySelector('.cnn-classify-prediction')?.textContent).toContain(formatPercent(confidence ?? 0));
			seen.add(label ?? '');
		}
		expect(seen.size).toBe(3);
		section.unload();
	});
});

describe('cnn-classify: numbers a student reads', () => {
	it('the softmax layer’s bars read as percentages, not as 1 and 0', async () => {
		const { el, section } = await mountClassify('input: sample\nshow: layers');
		const values = Array.from(el.querySelectorAll('[data-layer="softmax"] .cnn-classify-bar-value'), (v) => v.textContent ?? '');
		expect(values).toHaveLength(10);
		for (const v of values) expect(v).toMatch(/^([<>] )?\d+(\.\d)? %$/);
		expect(values).toContain('> 99.9 %');
		section.unload();
	});

	it.each([
		[1, '> 99.9 %'],
		[0.99996, '> 99.9 %'],
		[0.9994, '> 99.9 %'],
		[0.9986, '99.9 %'],
		[0.5, '50.0 %'],
		[0.0123, '1.2 %'],
		[0.001, '0.1 %'],
		[0.00049, '< 0.1 %'],
		[0, '< 0.1 %'],
	])('probability %p reads %p', (p, text) => {
		expect(formatPercent(p)).toBe(text);
	});

	it.each([
		[11800000, '11800000'],
		[549500.4, '549500.4'],
		[1.0000061, '1.000006'],
		[2.718281828, '2.718282'],
		[0.135335, '0.135'],
		[0.0000061, '0.0000061'],
		[3e-9, '< 0.000001'],
		[0, '0'],
	])('%p in plain notation reads %p', (v, text) => {
		expect(formatPlain(v)).toBe(text);
		expect(formatPlain(v)).not.toMatch(/e[+-]/);
	});

	it('Spanish writes a decimal comma', () => {
		setLanguage('es');
		expect([formatPercent(0.123), formatPercent(0.9999), formatPercent(0.0001), formatPlain(1.5), formatScore(-3.25), formatSum(1.0000021)]).toEqual(['12,3 %', '> 99,9 %', '< 0,1 %', '1,5', '-3,25', '1,000002']);
	});
});

/** A held-out digit as a picture: black ink on white (light) or white on black (dark), RGBA. */
function picture(pixels: Float32Array, light: boolean): RgbaImage {
	const data = new Uint8ClampedArray(28 * 28 * 4);
	pixels.forEach((v, i) => {
		const g = Math.round((light ? 1 - v : v) * 255);
		data.set([g, g, g, 255], i * 4);
	});
	return { width: 28, height: 28, data };
}

describe('cnn-classify: the inversion note', () => {
	it.each([
		['a light picture (dark ink on white) is inverted, and the block says so, even without the input part', true],
		['a dark picture (light ink on black) is not inverted and no note is shown', false],
	])('%s', async (_, light) => {
		const sample = digitSamples()[0]!;
		const decode = jest.fn(async () => picture(sample.pixels, light));
		const { app, section: first } = await mountClassify('show: probabilities');
		first.unload();
		app.vault.seed('digit.png', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]).buffer);
		const { el, section } = await mountClassify('input: "[[digit.png]]"\nshow: probabilities', { app, overrides: { decode } });
		const notes = el.querySelectorAll('.cnn-classify-inverted');
		expect(notes).toHaveLength(light ? 1 : 0);
		if (light) {
			expect(notes[0]?.textContent).toBe('The image has a light background, so it was inverted: MNIST digits are light on dark.');
			expect(notes[0]?.closest('.cnn-classify-image')).not.toBeNull();
		}
		expect(predictedLabel(el)).toBe(sample.label);
		section.unload();
	});
});

describe('cnn-classify: the enlarged map opens in place', () => {
	it('right after the maps of the layer clicked (not at the end of the widget), scrolled into view', async () => {
		const scrolled = jest.fn();
		Element.prototype.scrollIntoView = scrolled;
		const { el, section } = await mountClassify('input: sample');
		const detail = el.querySelector<HTMLElement>('.cnn-classify-detail')!;
		const conv1 = el.querySelector<HTMLElement>('[data-layer="conv1"] .cnn-classify-maps')!;
		conv1.querySelectorAll<HTMLButtonElement>('.cnn-classify-map')[4]?.click();
		expect(detail.previousElementSibling).toBe(conv1);
		expect(detail.classList.contains('is-hidden')).toBe(false);
		expect(scrolled).toHaveBeenLastCalledWith({ block: 'nearest', inline: 'nearest' });
		expect(scrolled.mock.contexts.at(-1)).toBe(detail);

		const relu2 = el.querySelector<HTMLElement>('[data-layer="relu2"] .cnn-classify-maps')!;
		relu2.querySelectorAll<HTMLButtonElement>('.cnn-classify-map')[0]?.click();
		expect(detail.previousElementSibling).toBe(relu2);
		expect(detail.querySelector('.cnn-figure-label')?.textContent).toBe('relu2, map 1 (11x11)');
		expect(el.querySelectorAll('.cnn-classify-detail')).toHaveLength(1);
		section.unload();
		delete (Element.prototype as Partial<Element>).scrollIntoView;
	});
});

describe('cnn-classify: hints speak of tapping on touch screens', () => {
	it.each([
		[false, 'Held-out digits (never seen in training): click one', 'Click a map to see it enlarged next to the filter that made it.'],
		[true, 'Held-out digits (never seen in training): tap one', 'Tap a map to see it enlarged next to the filter that made it.'],
	])('is-mobile %p', async (mobile, samples, layers) => {
		if (mobile) document.body.addClass('is-mobile');
		const { el, section } = await mountClassify('input: sample');
		expect(el.querySelector('.cnn-classify-samples .cnn-figure-label')?.textContent).toBe(samples);
		expect(el.querySelector('.cnn-classify-layers > .cnn-caption')?.textContent).toBe(layers);
		if (mobile) expect(el.textContent).not.toMatch(/click|mouse|hover/i);
		section.unload();
	});
});
