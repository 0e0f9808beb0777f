/**
 * The model input as the network sees it (after preprocessing): a canvas of the model's
 * [h, w, c] input (gray or colour, values shown in 0..1 whatever the model's scale), its shape,
 * and one line naming the preparation (MNIST style for digits; fit, channels and value scale for
 * any other model).
 */
import { t } from '../../i18n';
import type { InputShape } from '../../model/prepare-input';
import { HeatCanvas } from './classify-paint';
import { formatShape } from '../shared/format';

/** What was done to the source before the network saw it. */
export type InputOrigin = 'drawing' | 'image' | 'sample' | 'folder';

/** The model input view: a canvas of the input and a caption saying how it was made. */
export class InputView {
	readonly el: HTMLElement;
	private readonly canvas: HeatCanvas;
	private readonly caption: HTMLElement;

	constructor(parent: HTMLElement, readonly shape: InputShape) {
		const [h, w, c] = shape;
		this.el = parent.createDiv({ cls: 'cnn-classify-input' });
		this.el.createDiv({ cls: 'cnn-figure-label', text: t('classify.input.title', { shape: formatShape([h, w, c]) }) });
		this.canvas = new HeatCanvas(this.el, h, w, 'cnn-classify-digit cnn-classify-input-canvas');
		this.canvas.el.setAttrs({ role: 'img', 'aria-label': t('classify.input.label', { height: h, width: w }) });
		this.el.toggleClass('is-colour', c === 3);
		this.caption = this.el.createDiv({ cls: 'cnn-caption cnn-classify-prep' });
	}

	/** Shows the input (values 0..1, [h, w, c] row-major) and the line saying how it was prepared; `inverted` marks a light picture inverted for MNIST. */
	update(view: Float32Array, line: string, inverted = false): void {
		this.canvas.paintPicture(view, this.shape[2]);
		this.caption.setText(line);
		this.el.toggleClass('is-inverted', inverted);
	}
}
