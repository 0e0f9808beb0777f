import { setLanguage } from '../../../harness/obsidian';
import { loadTf } from '../../../src/model/engine/tf';
import { drawStrokes, installFakeCanvas, layOut, mountClassify, pointer, predictedLabel, rootPrediction, settle } from './classify-helpers';
import { DIGIT_STROKES } from './classify-strokes';

beforeEach(() => installFakeCanvas());
afterEach(() => jest.restoreAllMocks());

describe('cnn-classify: the drawing pad', () => {
	it('shows the pad, the empty 28x28 input and no prediction before anything is drawn', async () => {
		const { el, section } = await mountClassify('');
		expect(el.querySelector('.cnn-classify')?.getAttribute('data-state')).toBe('ready');
		expect(el.querySelector('.cnn-classify-pad-canvas')).not.toBeNull();
		expect(el.querySelector('.cnn-classify-input .cnn-figure-label')?.textContent).toBe('Model input 28x28x1');
		expect(predictedLabel(el)).toBeNull();
		expect(el.querySelector('.cnn-classify-prediction')?.textContent).toBe('Draw a digit to see what the network thinks it is.');
		section.unload();
	});

	it.each(Object.entries(DIGIT_STROKES))('drawing a %s with pointer events is recognised', async (digit, strokes) => {
		const { el, section } = await mountClassify('input: draw');
		const pad = el.querySelector<HTMLCanvasElement>('.cnn-classify-pad-canvas')!;
		layOut(pad);
		drawStrokes(pad, strokes);
		await settle();
		expect(predictedLabel(el)).toBe(Number(digit));
		expect(rootPrediction(el).label).toBe(digit);
		expect(rootPrediction(el).confidence).toBeGreaterThan(0.5);
		section.unload();
	});

	it('the prediction updates while the stroke is still being drawn', async () => {
		const { el, section } = await mountClassify('input: draw\nshow: probabilities');
		const pad = el.querySelector<HTMLCanvasElement>('.cnn-classify-pad-canvas')!;
		layOut(pad);
		pointer(pad, 'pointerdown', 140, 50);
		for (let y = 60; y <= 230; y += 10) pointer(pad, 'pointermove', 140, y);
		await settle();
		expect(predictedLabel(el)).toBe(1);
		pointer(pad, 'pointerup', 140, 230);
		section.unload();
	});
});

afterAll(async () => {
	const tf = await loadTf();
	expect(tf.getBackend()).toBe('cpu');
	setLanguage('en');
});
