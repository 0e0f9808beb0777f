/**
 * What the model receives for each kind of source (the drawing pad, a held-out digit, a vault
 * picture), and the one line that names the preparation. A 28x28x1 model gets MNIST's preparation
 * (the ink's box scaled to 20 px and centred by its mass) for drawings, samples and, unless the
 * block or metadata.json sets `fit`, pictures; any other model gets the picture fitted to its
 * input (crop or pad), its channels, and its value scale.
 */
import type { FitMode, ValueScale } from '../../blocks/classify-keys';
import { t } from '../../i18n';
import { imageToInk, preprocessDigit, type InkImage } from '../../model/preprocess';
import { fitPicture, toScale, withChannels, type InputShape, type Picture } from '../../model/prepare-input';

/** Something to classify: the pad's ink (1 = ink), a held-out MNIST digit (784 values), or a vault picture (0..1, gray or colour). */
export type Source = { kind: 'ink'; ink: InkImage } | { kind: 'sample'; pixels: Float32Array } | { kind: 'picture'; picture: Picture };

/** How a block's model wants its input. */
export interface Preparation {
	shape: InputShape;
	fit: FitMode;
	scale: ValueScale;
	/** MNIST's preparation for pictures too (the built-in digits model, or a 28x28x1 model without a fit of its own). */
	mnistPictures: boolean;
}

/** A prepared input: the model's values, the same in 0..1 for the view, the preparation line, and the evidence of the digits rule. */
export interface Prepared {
	pixels: Float32Array;
	view: Float32Array;
	line: string;
	/** A light picture inverted for MNIST. */
	inverted: boolean;
	/** For MNIST-prepared inputs: the 784 values and the gray source before ink conversion (the "not a digit" rule). */
	digit?: { input: Float32Array; source?: { width: number; height: number; gray: Float32Array } };
}

/** true when the model takes MNIST-shaped digits. */
export function takesDigits(shape: InputShape): boolean {
	return shape[0] === 28 && shape[1] === 28 && shape[2] === 1;
}

/** The value-scale phrase of the preparation line. */
function scaleText(scale: ValueScale): string {
	return t('classify.prep.scale', { scale });
}

/** A raster of ink as a picture: white on black for gray models (as MNIST), dark ink on white for colour ones. */
function inkPicture(ink: InkImage, channels: number): Picture {
	const data = channels === 1 ? Float32Array.from(ink.data) : ink.data.map((v) => 1 - v);
	return { width: ink.width, height: ink.height, channels: 1, data };
}

/** true when no value of the ink is above zero. */
function blank(ink: InkImage): boolean {
	return !ink.data.some((v) => v > 0);
}

/** MNIST's preparation of ink; null when there is no ink. */
function mnist(ink: InkImage, scale: ValueScale, line: string, gray?: Picture): Prepared | null {
	const digit = preprocessDigit(ink);
	if (digit.geometry === null) return null;
	const source = gray ? { width: gray.width, height: gray.height, gray: gray.data } : { width: ink.width, height: ink.height, gray: ink.data.map((v) => 1 - v) };
	return { pixels: toScale(digit.pixels, scale), view: digit.pixels, line, inverted: false, digit: { input: digit.pixels, source } };
}

/**
 * The model input for `source`, or null when there is nothing to classify (a blank pad or
 * picture). A sample needs a 28x28x1 model (the widget refuses other models before asking).
 */
export function prepareSource(source: Source, prep: Preparation): Prepared | null {
	const { shape, fit, scale } = prep;
	const digits = takesDigits(shape);
	if (source.kind === 'sample') {
		return { pixels: toScale(source.pixels, scale), view: source.pixels, line: `${t('classify.input.noteSample')} ${scaleText(scale)}`, inverted: false, digit: { input: source.pixels } };
	}
	if (source.kind === 'ink') {
		if (blank(source.ink)) return null;
		if (digits) return mnist(source.ink, scale, `${t('classify.input.noteDrawing')} ${scaleText(scale)}`);
		// The whole pad always reaches the model: a stroke near its edge is never cropped away.
		const fitted = fitPicture(inkPicture(source.ink, shape[2]), shape, 'pad', scale);
		return { pixels: fitted.pixels, view: fitted.view, line: t('classify.prep.drawing', { shape: shapeText(shape), scale: scaleText(scale) }), inverted: false };
	}
	const picture = source.picture;
	if (digits && prep.mnistPictures) {
		const gray = withChannels(picture, 1);
		const { ink, inverted } = imageToInk(gray.data, gray.width, gray.height);
		const prepared = mnist(ink, scale, `${t('classify.input.noteImage')} ${scaleText(scale)}`, gray);
		return prepared && { ...prepared, inverted };
	}
	const fitted = fitPicture(picture, shape, fit, scale);
	const how = fitted.report.fit === 'none' ? 'classify.prep.resized' : fitted.report.fit === 'crop' ? 'classify.prep.cropped' : 'classify.prep.padded';
	const line = t(how, { width: fitted.report.from.width, height: fitted.report.from.height, shape: shapeText(shape) });
	return { pixels: fitted.pixels, view: fitted.view, line: `${line} ${t(shape[2] === 3 ? 'classify.prep.rgb' : 'classify.prep.gray')} ${scaleText(scale)}`, inverted: false };
}

/**
 * The preparation line before there is anything to classify (an empty pad, a blank picture), as
 * `prepareSource` will write it, so the input view keeps its height when the first input arrives.
 */
export function waitingLine(kind: Source['kind'], prep: Preparation): string {
	const scale = scaleText(prep.scale);
	if (kind === 'sample') return `${t('classify.input.noteSample')} ${scale}`;
	if (kind === 'ink') return takesDigits(prep.shape) ? `${t('classify.input.noteDrawing')} ${scale}` : t('classify.prep.drawing', { shape: shapeText(prep.shape), scale });
	return takesDigits(prep.shape) && prep.mnistPictures ? `${t('classify.input.noteImage')} ${scale}` : `${t(prep.shape[2] === 3 ? 'classify.prep.rgb' : 'classify.prep.gray')} ${scale}`;
}

/** A model input shape as "64x64x3". */
function shapeText(shape: InputShape): string {
	return shape.join('x');
}
