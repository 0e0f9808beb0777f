/** The 28x28 model input as the network sees it (after preprocessing), with its shape and how it was made. */
import { t } from '../../i18n';
import { DIGIT_SIDE } from '../../model/preprocess';
import { HeatCanvas } from './classify-paint';
import { formatShape } from '../shared/format';

/** What was done to the source before the network saw it. */
export type InputOrigin = 'drawing' | 'image' | 'sample';

const NOTES = { drawing: 'classify.input.noteDrawing', image: 'classify.input.noteImage', sample: 'classify.input.noteSample' } as const;

/** The model input view: a gray 28x28 canvas (white = ink, as in MNIST) and captions. */
export class InputView {
	readonly el: HTMLElement;
	private readonly canvas: HeatCanvas;

	constructor(parent: HTMLElement, origin: InputOrigin) {
		this.el = parent.createDiv({ cls: 'cnn-classify-input' });
		this.el.createDiv({ cls: 'cnn-figure-label', text: t('classify.input.title', { shape: formatShape([DIGIT_SIDE, DIGIT_SIDE, 1]) }) });
		this.canvas = new HeatCanvas(this.el, DIGIT_SIDE, DIGIT_SIDE, 'cnn-classify-digit cnn-classify-input-canvas');
		this.canvas.el.setAttrs({ role: 'img', 'aria-label': t('classify.input.label') });
		this.el.createDiv({ cls: 'cnn-caption', text: t(NOTES[origin]) });
	}

	/** Shows the 784 input values; `inverted` marks a light image that was inverted (the picture's figure says so in words). */
	update(pixels: Float32Array, inverted = false): void {
		this.canvas.paint(pixels, 1, 0, { kind: 'gray', range: { min: 0, max: 1 } });
		this.el.toggleClass('is-inverted', inverted);
	}
}
