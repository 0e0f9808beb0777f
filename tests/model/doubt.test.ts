import type * as tf from '@tensorflow/tfjs';
import { setLanguage } from '../../harness/obsidian';
import { describeDoubt, digitFeatures, doubtOf, MAX_SOURCE_BORDER, MAX_SOURCE_MIDTONES, TIE_GAP, UNSURE_BELOW, unlikeDigits, type Doubt } from '../../src/model/doubt';
import { coursePictures, drawnDigits, finePenDigits, flaggedRate, heldOutPictures, heldOutSamples, nonDigits, type DoubtCase } from './doubt-cases';
import { loadDigitsModel, predictAll } from './doubt-model';

/** Ten probabilities: `top` for class `label`, `second` for class `runnerUp`, the rest shared evenly. */
function probs(top: number, label = 0, second = 0, runnerUp = 1): Float32Array {
	const p = new Float32Array(10).fill((1 - top - second) / 8);
	p[label] = top;
	p[runnerUp] = second;
	return p;
}

/** A 28x28 input with the cells of `rects` ([left, top, width, height]) set to 1. */
function input28(...rects: [number, number, number, number][]): Float32Array {
	const x = new Float32Array(784);
	for (const [l, t, w, h] of rects) for (let r = t; r < t + h; r++) for (let c = l; c < l + w; c++) x[r * 28 + c] = 1;
	return x;
}

/** A stroke-like digit "1": a 3-pixel-wide bar 20 pixels tall. */
const ONE = input28([13, 4, 3, 20]);

describe('doubtOf for any model (no digits evidence)', () => {
	it('top 0.9, second 0.05: no doubt', () => {
		expect(doubtOf(probs(0.9, 3, 0.05, 8))).toBeNull();
	});

	it(`top 0.45, second 0.2: unsure (top below UNSURE_BELOW = ${UNSURE_BELOW}), label and top reported`, () => {
		const d = doubtOf(probs(0.45, 4, 0.2, 9));
		expect(d).toEqual({ kind: 'unsure', label: 4, top: expect.closeTo(0.45, 6) as number });
	});

	it(`top 0.46, second 0.40: a tie of 2 and 7 (gap 0.06 < TIE_GAP = ${TIE_GAP}), checked before the low top`, () => {
		const d = doubtOf(probs(0.46, 2, 0.4, 7));
		expect(d?.kind).toBe('tie');
		expect(d).toMatchObject({ first: 2, second: 7 });
		expect((d as Extract<Doubt, { kind: 'tie' }>).gap).toBeCloseTo(0.06, 5);
	});

	it('top 0.52, second 0.44: a tie even above UNSURE_BELOW', () => {
		expect(doubtOf(probs(0.52, 0, 0.44, 1))?.kind).toBe('tie');
	});

	it('boundaries: top 0.5 is not unsure, a gap of 0.125 is not a tie', () => {
		expect(doubtOf(probs(0.5, 0, 0.375, 1))).toBeNull();
	});

	it('two classes: 0.54/0.46 is a tie, 0.7/0.3 is not; one class is never doubted; no classes: null', () => {
		expect(doubtOf(Float32Array.from([0.46, 0.54]))).toMatchObject({ kind: 'tie', first: 1, second: 0 });
		expect(doubtOf(Float32Array.from([0.7, 0.3]))).toBeNull();
		expect(doubtOf(Float32Array.from([1]))).toBeNull();
		expect(doubtOf(new Float32Array(0))).toBeNull();
	});
});

describe('unlikeDigits and doubtOf with digits evidence', () => {
	it('784 zeros: blank, and unlike-digits comes before a confident answer', () => {
		expect(unlikeDigits({ input: new Float32Array(784) })).toEqual(['blank']);
		expect(doubtOf(probs(0.99, 1, 0.001, 7), { input: new Float32Array(784) })).toEqual({ kind: 'unlike-digits', reasons: ['blank'] });
	});

	it('a pen-stroke "1" is a digit: no reason, so the generic rule decides', () => {
		expect(unlikeDigits({ input: ONE })).toEqual([]);
		expect(doubtOf(probs(0.99, 1, 0.001, 7), { input: ONE })).toBeNull();
		expect(doubtOf(probs(0.45, 1, 0.2, 7), { input: ONE })?.kind).toBe('unsure');
	});

	it('a faint source (paper 0.9, marks 0.88) is blank although its stretched input has ink', () => {
		const gray = new Float32Array(64 * 64).fill(0.9);
		for (let r = 10; r < 50; r++) for (let c = 30; c < 34; c++) gray[r * 64 + c] = 0.88;
		expect(unlikeDigits({ input: ONE, source: { width: 64, height: 64, gray } })).toEqual(['blank']);
	});

	it('a filled 20x20 square: thick and coverage', () => {
		const f = digitFeatures({ input: input28([4, 4, 20, 20]) });
		expect(f.coverage).toBeCloseTo(400 / 784, 6);
		expect(f.thickness).toBeCloseTo(800 / 76, 6);
		expect(unlikeDigits({ input: input28([4, 4, 20, 20]) })).toEqual(['thick', 'coverage']);
	});

	it('five separate 2x2 dots: strokes (5 pieces)', () => {
		const dots = input28([4, 4, 2, 2], [10, 4, 2, 2], [16, 4, 2, 2], [4, 12, 2, 2], [10, 12, 2, 2]);
		expect(digitFeatures({ input: dots }).strokes).toBe(5);
		expect(unlikeDigits({ input: dots })).toContain('strokes');
	});

	it('a 20x4 bar: wide (aspect 5)', () => {
		expect(digitFeatures({ input: input28([4, 12, 20, 4]) }).aspect).toBe(5);
		expect(unlikeDigits({ input: input28([4, 12, 20, 4]) })).toEqual(['wide']);
	});

	it('a washed-out input (mostly 0.3, peak 1): contrast', () => {
		const x = new Float32Array(784);
		for (let r = 4; r < 24; r++) x[r * 28 + 14] = 0.3;
		x[14 * 28 + 14] = 1;
		expect(unlikeDigits({ input: x })).toEqual(['contrast']);
	});

	it('one-pixel hairlines: an L of axes across a 100x100 picture is thin, a lone hairline is not (a fine pen)', () => {
		const gray = new Float32Array(100 * 100).fill(1);
		for (let r = 10; r < 90; r++) gray[r * 100 + 10] = 0;
		const lone = { input: ONE, source: { width: 100, height: 100, gray: Float32Array.from(gray) } };
		for (let c = 10; c < 90; c++) gray[89 * 100 + c] = 0;
		const axes = { input: ONE, source: { width: 100, height: 100, gray } };
		expect(digitFeatures(axes).sourceAxes).toBe(1);
		expect(digitFeatures(axes).sourceWidth).toBeLessThan(0.05);
		expect(unlikeDigits(axes)).toEqual(['thin']);
		expect(unlikeDigits(lone)).toEqual([]);
	});

	it('a smooth left-to-right ramp: photo (mid-tones, uneven border)', () => {
		const gray = new Float32Array(80 * 60);
		for (let r = 0; r < 60; r++) for (let c = 0; c < 80; c++) gray[r * 80 + c] = c / 79;
		const f = digitFeatures({ input: ONE, source: { width: 80, height: 60, gray } });
		expect(f.sourceMidtones).toBeGreaterThan(MAX_SOURCE_MIDTONES);
		expect(f.sourceBorder).toBeGreaterThan(MAX_SOURCE_BORDER);
		expect(unlikeDigits({ input: ONE, source: { width: 80, height: 60, gray } })[0]).toBe('photo');
	});

	it('wrong sizes are refused, naming the argument and the value received', () => {
		expect(() => unlikeDigits({ input: new Float32Array(100) })).toThrow('Error in digitFeatures: input must hold 784 values (28x28), got 100');
		expect(() => unlikeDigits({ input: ONE, source: { width: 10, height: 10, gray: new Float32Array(99) } })).toThrow('source.gray must hold width x height = 10x10 values, got 99');
	});
});

describe('describeDoubt', () => {
	const label = (k: number): string => String(k);

	it('English: unsure with the percentage, tie with both labels, unlike-digits with its first reason', () => {
		expect(describeDoubt({ kind: 'unsure', label: 8, top: 0.4634 }, label)).toBe('The model is unsure: its best guess, 8, has only 46.3 %.');
		expect(describeDoubt({ kind: 'tie', first: 3, second: 5, gap: 0.02 }, label)).toBe('The model is unsure: 3 and 5 are almost tied.');
		expect(describeDoubt({ kind: 'unlike-digits', reasons: ['photo', 'contrast'] }, label)).toBe(
			'This model only knows the digits 0-9; this picture does not look like a handwritten digit (it looks like a photograph), so the answer means little.',
		);
		expect(describeDoubt({ kind: 'unlike-digits', reasons: ['blank'] }, label)).toContain('(it is almost empty)');
	});

	it('Spanish, with a decimal comma and the labels the caller gives', () => {
		setLanguage('es');
		expect(describeDoubt({ kind: 'unsure', label: 8, top: 0.4634 }, label)).toBe('El modelo no está seguro: su mejor opción, 8, solo tiene un 46,3 %.');
		expect(describeDoubt({ kind: 'tie', first: 0, second: 1, gap: 0.02 }, (k) => ['gato', 'perro'][k] ?? '')).toBe('El modelo no está seguro: gato y perro están casi empatados.');
		expect(describeDoubt({ kind: 'unlike-digits', reasons: ['thin'] }, label)).toBe(
			'Este modelo solo conoce los dígitos del 0 al 9; esta imagen no parece un dígito escrito a mano (sus líneas son mucho más finas que un trazo de bolígrafo, como en una gráfica o en un texto), así que la respuesta significa poco.',
		);
	});
});

// The whole rule as the widget applies it, on the committed digits model's real probabilities.
describe('against the digits model (assets/digits)', () => {
	let cases: DoubtCase[] = [];
	let probabilities: Float32Array[] = [];
	beforeAll(async () => {
		const model: tf.LayersModel = await loadDigitsModel();
		cases = [...heldOutSamples(), ...heldOutPictures(), ...drawnDigits(), ...nonDigits(), ...coursePictures(), ...finePenDigits()];
		probabilities = predictAll(model, cases.map((c) => c.evidence.input));
		model.dispose();
	}, 300000);

	// Measured: 4 of 1996 (0.2 %): 1 thick digit, 3 by the generic rule.
	it('false alarms on the 1996 held-out digits as `input: sample` gives them, all rules: 0.2 % (< 2 %)', () => {
		expect(cases.filter((c) => c.family === 'sample')).toHaveLength(1996);
		expect(flaggedRate(cases, probabilities, 'sample')).toBeLessThan(0.02);
	});

	// Measured: 11 of 1996 (0.55 %): 1 thick digit, 10 by the generic rule.
	it('false alarms on the 1996 held-out digits as vault pictures (imageToInk + preprocessDigit, picture as source), all rules: 0.6 % (< 2 %)', () => {
		expect(flaggedRate(cases, probabilities, 'picture')).toBeLessThan(0.02);
	});

	it('the pad strokes of every digit, with and without the pad as source, are never doubted', () => {
		expect(flaggedRate(cases, probabilities, 'drawn')).toBe(0);
	});

	it('the pad strokes written with a fine pen (1.5-3 % of a 128 or 256 px picture) are not unlike digits', () => {
		const fine = cases.filter((c) => c.family === 'fine-pen');
		expect(fine).toHaveLength(60);
		expect(fine.filter((c) => unlikeDigits(c.evidence).length > 0).map((c) => c.kind)).toEqual([]);
	});

	it.each([
		['photo', 0.9],
		['plot', 0.9],
		['solid', 0.9],
		['text', 0.9],
		['blank', 1],
	])('flags the %s family at a rate of at least %s', (family, floor) => {
		expect(flaggedRate(cases, probabilities, family)).toBeGreaterThanOrEqual(floor);
	});

	it("the course's digit-seven.png is trusted (7 at > 99.9 %); its plot, checkerboard and diagrams are doubted as unlike digits", () => {
		const doubtOfCourse = (name: string): Doubt | null => {
			const k = cases.findIndex((c) => c.family === 'course' && c.kind === name);
			return doubtOf(probabilities[k] ?? new Float32Array(10), cases[k]?.evidence);
		};
		expect(doubtOfCourse('digit-seven.png')).toBeNull();
		expect(probabilities[cases.findIndex((c) => c.kind === 'digit-seven.png')]?.[7]).toBeGreaterThan(0.999);
		expect(doubtOfCourse('relu.png')).toEqual({ kind: 'unlike-digits', reasons: ['thin', 'contrast'] });
		for (const name of ['cnn-pipeline.png', 'convolution.png', 'checkerboard.png', 'neural-network.png', 'max-pooling.png']) expect(doubtOfCourse(name)?.kind).toBe('unlike-digits');
		// edges.png (a scene beside its edge map, which the model reads as a 7 at 98.8 %) is a known miss.
	});

	it('the digits rule catches what the generic rule misses: plots alone are doubted at most half the time by it', () => {
		expect(flaggedRate(cases, probabilities, 'plot', undefined, false)).toBeLessThan(0.5);
		expect(flaggedRate(cases, probabilities, 'plot')).toBe(1);
	});
});
