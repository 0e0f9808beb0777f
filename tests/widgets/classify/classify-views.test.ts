import { holdMathJax, setLanguage } from '../../../harness/obsidian';
import { digitSamples } from '../../../src/model/digits';
import { centreOfMass } from '../../../src/model/preprocess';
import { drawStrokes, installFakeCanvas, layOut, mountClassify, painted, predictedLabel, settle } from './classify-helpers';
import { DIGIT_STROKES } from './classify-strokes';

beforeEach(() => installFakeCanvas());
afterEach(() => jest.restoreAllMocks());

/** Texts of the elements matching `selector`. */
function texts(el: HTMLElement, selector: string): string[] {
	return Array.from(el.querySelectorAll(selector), (e) => e.textContent ?? '');
}

describe('cnn-classify: every layer is shown', () => {
	it('one section per layer with its name, what it does and its output shape', async () => {
		const { el, section } = await mountClassify('input: sample');
		expect(texts(el, '.cnn-classify-layer-name')).toEqual(['conv1', 'relu1', 'pool1', 'conv2', 'relu2', 'pool2', 'flatten', 'dense', 'softmax']);
		const shapes = texts(el, '.cnn-classify-layer-shape');
		expect(shapes).toEqual(['26x26x16', '26x26x16', '13x13x16', '11x11x32', '11x11x32', '5x5x32', '800', '10', '10']);
		expect(texts(el, '.cnn-classify-layer-params')).toEqual(['160 parameters', '4640 parameters', '8010 parameters']);
		const what = texts(el, '.cnn-classify-layer-what');
		expect(what[0]).toBe('Convolution: 16 filters 3x3, output 26x26x16');
		expect(what[3]).toBe('Convolution: 32 filters 3x3, output 11x11x32');
		expect(what[1]).toBe(`ReLU: negative values become 0, output ${shapes[1] ?? ''}`);
		expect(what[2]).toBe(`Max pooling 2, stride 2, output ${shapes[2] ?? ''}`);
		expect(what[7]).toBe(`Fully connected: ${shapes[6] ?? ''} inputs to 10 scores (logits)`);
		const filters = Number(/x(\d+)$/.exec(shapes[0] ?? '')?.[1]);
		expect(el.querySelectorAll('[data-layer="conv1"] .cnn-classify-map')).toHaveLength(filters);
		expect(el.querySelectorAll('[data-layer="pool2"] .cnn-classify-map')).toHaveLength(Number(/x(\d+)$/.exec(shapes[5] ?? '')?.[1]));
		expect(el.querySelectorAll('[data-layer="flatten"] canvas.cnn-classify-strip')).toHaveLength(1);
		expect(el.querySelectorAll('[data-layer="dense"] .cnn-classify-unit')).toHaveLength(10);
		const conv1 = painted.get(el.querySelector<HTMLCanvasElement>('[data-layer="conv1"] canvas')!);
		expect([conv1?.width, conv1?.height]).toEqual([26, 26]);
		section.unload();
	});

	it('clicking a map enlarges it with the filter that made it; clicking it again closes it', async () => {
		const { el, section } = await mountClassify('input: sample');
		const detail = el.querySelector<HTMLElement>('.cnn-classify-detail')!;
		expect(detail.classList.contains('is-hidden')).toBe(true);
		el.querySelectorAll<HTMLButtonElement>('[data-layer="conv1"] .cnn-classify-map')[2]?.click();
		expect(detail.classList.contains('is-hidden')).toBe(false);
		expect(detail.querySelector('.cnn-figure-label')?.textContent).toBe('conv1, map 3 (26x26)');
		expect(detail.textContent).toMatch(/Made by filter 3 of conv1: 3x3x1 weights and bias -?[\d.]+/);
		expect(detail.querySelectorAll('.cnn-grid[data-role="kernel"] .cnn-cell')).toHaveLength(9);
		expect(painted.get(detail.querySelector<HTMLCanvasElement>('.cnn-classify-detail-canvas')!)?.width).toBe(26);

		el.querySelectorAll<HTMLButtonElement>('[data-layer="relu2"] .cnn-classify-map')[0]?.click();
		expect(detail.querySelector('.cnn-figure-label')?.textContent).toBe('relu2, map 1 (11x11)');
		expect(detail.textContent).toContain('ReLU of map 1 of conv2: negative values become 0');
		expect(detail.textContent).toMatch(/Made by filter 1 of conv2: 3x3x\d+ weights/);
		expect(detail.querySelectorAll('.cnn-classify-kernel-canvas').length).toBeGreaterThan(1);

		el.querySelectorAll<HTMLButtonElement>('[data-layer="relu2"] .cnn-classify-map')[0]?.click();
		expect(detail.classList.contains('is-hidden')).toBe(true);
		section.unload();
	});
});

describe('cnn-classify: probabilities and softmax', () => {
	it('the bars sum to 100%, the winner is highlighted and named in the headline', async () => {
		const { el, section, widget } = await mountClassify('input: sample\nshow: probabilities');
		// A sample the network is unsure of, so every bar has a number and the sum can be checked.
		const samples = Array.from(el.querySelectorAll<HTMLButtonElement>('.cnn-classify-sample'));
		let values: number[] = [];
		for (const button of samples) {
			button.click();
			await widget?.whenIdle();
			values = texts(el, '.cnn-classify-bar-value').map((v) => parseFloat(v.replace(/^[<>] /, '')));
			if (values.every((v) => v >= 0.1) || values.filter((v) => v >= 1).length >= 2) break;
		}
		expect(values).toHaveLength(10);
		expect(values.reduce((a, b) => a + b, 0)).toBeGreaterThan(99);
		const winner = el.querySelectorAll('.cnn-classify-bar-row.is-winner');
		expect(winner).toHaveLength(1);
		expect(winner[0]?.getAttribute('data-label')).toBe(String(predictedLabel(el)));
		expect(el.querySelector('.cnn-classify-prediction')?.textContent).toMatch(/^Prediction: \d \((> 99\.9|\d+\.\d) %\)$/);
		section.unload();
	});

	it('"how softmax works" shifts the logits by the largest one and writes out plain numbers', async () => {
		const { el, section } = await mountClassify('input: sample\nshow: [softmax, probabilities]');
		const view = el.querySelector<HTMLElement>('.cnn-classify-softmax')!;
		expect(view.querySelector('.math')?.getAttribute('data-tex')).toBe('p_k = \\frac{e^{z_k}}{\\sum_{j=0}^{9} e^{z_j}} = \\frac{e^{z_k - m}}{\\sum_{j=0}^{9} e^{z_j - m}}');
		expect(texts(view, 'th')).toEqual(['Class', 'Logit z', 'z − m', 'e^(z − m)', 'Probability']);
		const rows = Array.from(view.querySelectorAll('.cnn-classify-softmax-row'), (r) => Array.from(r.querySelectorAll('td'), (c) => c.textContent ?? ''));
		expect(rows).toHaveLength(3);
		const [label, logit, shifted, exp, share] = rows[0] ?? [];
		expect(Number(label)).toBe(predictedLabel(el));
		// The winner has the largest logit: z − m = 0 and e^0 = 1.
		expect([shifted, exp]).toEqual(['0', '1']);
		expect(view.querySelector('.cnn-classify-softmax-shift')?.textContent).toBe(
			`m = ${logit ?? ''} is the largest score. Subtracting it from every score before raising e gives the same probabilities and keeps each exponential between 0 and 1.`,
		);
		for (const row of rows.slice(1)) {
			expect(Number(row[2])).toBeLessThanOrEqual(0);
			expect(row[3]).toMatch(/^(0\.\d+|< 0\.000001|1)$/);
		}
		expect(share).toBe(el.querySelector('.cnn-classify-bar-row.is-winner .cnn-classify-bar-value')?.textContent);
		expect(view.querySelector('.cnn-classify-softmax-rest td')?.textContent).toBe('The other 7');
		const sum = view.querySelector('tfoot td:nth-child(4)')?.textContent ?? '';
		expect(sum).toMatch(/^\d\.\d{6}$/); // plain notation, never 1.18e+7; 1.000002 never a bare 1
		expect(view.textContent).not.toMatch(/\de[+-]\d/);
		expect(view.querySelector('.cnn-classify-softmax-winner')?.textContent).toBe(`p(${label ?? ''}) = 1 / ${sum}, that is ${share ?? ''}`);
		section.unload();
	});
});

describe('cnn-classify: show picks the parts', () => {
	it.each([
		['show: [probabilities]', ['.cnn-classify-probs'], ['.cnn-classify-layers', '.cnn-classify-softmax', '.cnn-classify-input']],
		['show: [layers, probabilities]', ['.cnn-classify-probs', '.cnn-classify-layers'], ['.cnn-classify-softmax', '.cnn-classify-input']],
		['show: input', ['.cnn-classify-input'], ['.cnn-classify-probs', '.cnn-classify-layers', '.cnn-classify-softmax']],
	])('%s', async (source, present, absent) => {
		const { el, section } = await mountClassify(source);
		expect(el.querySelector('.cnn-classify-pad')).not.toBeNull();
		for (const s of present) expect(el.querySelector(s)).not.toBeNull();
		for (const s of absent) expect(el.querySelector(s)).toBeNull();
		section.unload();
	});
});

describe('cnn-classify: the drawing pad', () => {
	it('shows the 28x28 input centred; undo removes the last stroke, clear empties the pad', async () => {
		const { el, section } = await mountClassify('');
		const pad = el.querySelector<HTMLCanvasElement>('.cnn-classify-pad-canvas')!;
		const [undo, clear] = Array.from(el.querySelectorAll<HTMLButtonElement>('.cnn-classify-pad-buttons button'));
		expect([undo?.textContent, clear?.textContent, undo?.disabled, clear?.disabled]).toEqual(['Undo', 'Clear', true, true]);
		layOut(pad);
		drawStrokes(pad, DIGIT_STROKES[7] ?? []);
		await settle();
		expect(el.querySelector('.cnn-classify-pad-hint')?.classList.contains('is-hidden')).toBe(true);
		const image = painted.get(el.querySelector<HTMLCanvasElement>('.cnn-classify-input-canvas')!)!;
		const gray = Float32Array.from({ length: 784 }, (_, i) => (image.data[i * 4] ?? 0) / 255);
		const com = centreOfMass(gray)!;
		expect(com.x).toBeCloseTo(14, 0);
		expect(com.y).toBeCloseTo(14, 0);
		const withSeven = predictedLabel(el);
		expect(withSeven).not.toBeNull();

		drawStrokes(pad, [[0.1, 0.9, 0.15, 0.95]]);
		undo?.click();
		expect(predictedLabel(el)).toBe(withSeven);
		clear?.click();
		expect(predictedLabel(el)).toBeNull();
		expect([undo?.disabled, clear?.disabled]).toEqual([true, true]);
		expect(el.querySelector('.cnn-classify-pad-hint')?.classList.contains('is-hidden')).toBe(false);
		section.unload();
	});

	it('ignores a second pointer while one is drawing, and moves without a pressed pointer', async () => {
		const { el, section } = await mountClassify('show: probabilities');
		const pad = el.querySelector<HTMLCanvasElement>('.cnn-classify-pad-canvas')!;
		layOut(pad);
		const { pointer } = await import('./classify-helpers');
		pointer(pad, 'pointermove', 100, 100);
		expect(predictedLabel(el)).toBeNull();
		pointer(pad, 'pointerdown', 140, 50, 1);
		pointer(pad, 'pointerdown', 20, 20, 2);
		pointer(pad, 'pointermove', 140, 230, 1);
		pointer(pad, 'pointerup', 140, 230, 1);
		await settle(); // the prediction comes back from the model host
		expect(predictedLabel(el)).toBe(1);
		section.unload();
	});
});

describe('cnn-classify: Spanish', () => {
	it('every text of the widget follows Obsidian’s language', async () => {
		setLanguage('es');
		const { el, section } = await mountClassify('input: sample');
		expect(el.querySelector('.cnn-classify-prediction')?.textContent).toMatch(/^Predicción: \d/);
		expect(texts(el, '.cnn-figure-label')).toEqual(expect.arrayContaining(['Capas', 'Cómo funciona softmax', 'Probabilidades (softmax)', 'Entrada del modelo 28x28x1']));
		expect(el.querySelector('.cnn-summary')?.textContent).toMatch(/^Modelo «digits»: entrada 28x28x1, 10 clases/);
		section.unload();
	});
});

it('the sample digits decode to 784 values in [0, 1]', () => {
	for (const s of digitSamples()) {
		expect(s.pixels).toHaveLength(784);
		expect(Math.max(...s.pixels)).toBeLessThanOrEqual(1);
	}
});

describe('cnn-classify formulas wait for MathJax', () => {
	it('the softmax formula shows as TeX text until loadMathJax resolves, then as typeset math', async () => {
		const loaded = holdMathJax();
		const { el, section } = await mountClassify('show: softmax');
		const formula = el.querySelector('.cnn-classify-formula');
		expect(formula?.querySelector('.cnn-formula-tex')?.textContent).toContain('p_k = \\frac{e^{z_k}}');
		expect(formula?.querySelector('.math')).toBeNull();
		loaded();
		await new Promise((r) => setTimeout(r, 0));
		expect(formula?.querySelector('.cnn-formula-tex')).toBeNull();
		expect(formula?.querySelector('.math.math-block')?.getAttribute('data-tex')).toContain('p_k = \\frac{e^{z_k}}');
		section.unload();
	});
});
