/**
 * When a prediction should not be trusted. For any model: the best class has a low probability, or
 * the first two are almost tied. For the built-in digits model also: the input does not look like
 * an MNIST digit (blank, a filled shape, washed out, in many pieces, drawn with hairlines, a
 * photograph). Pure: no DOM, no tfjs. Thresholds measured on the held-out MNIST digits and on
 * synthetic pictures (tests/model/doubt.test.ts).
 */
import { t, type MessageKey } from '../i18n';

/** Below this top probability (0..1) the model is unsure. */
export const UNSURE_BELOW = 0.5;
/** A gap (0..1) between the first and the second probability below this is a near-tie. */
export const TIE_GAP = 0.1;

/** Input pixels (0..1) at or above this are solid ink. */
const SOLID = 0.5;
/** Input pixels at or above this are ink at all. */
const INKED = 0.1;
/** Input pixels at or above this belong to a stroke when counting pieces. */
const STROKE = 0.35;
/** Pieces of fewer input pixels than this are specks, not strokes. */
const SPECK = 3;

/** More than this fraction of the 784 input pixels solid: too much ink for a pen stroke (held-out digits: at most 0.30). */
export const MAX_COVERAGE = 0.35;
/** Solid ink wider than this on average (input pixels): a filled shape, not a pen stroke (held-out digits: 99.5 % below 5.6). */
export const MAX_THICKNESS = 6.5;
/** Less than this fraction of the inked input pixels solid: washed-out ink, soft shading or hairlines (held-out digits: at least 0.39). */
export const MIN_SOLIDITY = 0.35;
/** Input ink wider than this many times its height is not a digit, which is taller than wide (held-out digits: at most 1.67). */
export const MAX_ASPECT = 2;
/** More separate pieces than this is not one handwritten digit (held-out digits: at most 3, 99.5 % at most 2). */
export const MAX_STROKES = 3;
/** Source contrast (0..1): a picture whose pixels all lie closer than this to the background either way is blank; ink (the polarity imageToInk keeps) closer than this is faint (held-out digits: at least 0.41). */
export const MIN_SOURCE_CONTRAST = 0.1;
/** Source ink narrower than this fraction of its longer side is drawn with hairlines (held-out digits: at least 0.07, pen pad 0.1; plots and text 0.01-0.045); it counts when the lines are also axes or in pieces. */
export const MIN_SOURCE_WIDTH = 0.05;
/** Straight source lines spanning at least this fraction of the ink's box both ways are a plot's axes (plots: at least 0.8; fine-pen digits: at most 0.73). */
export const MIN_AXES = 0.75;
/** Source ink wider than this fraction of its longer side: a filled shape (held-out digits: 99.5 % below 0.28, one at 0.355). */
export const MAX_SOURCE_WIDTH = 0.35;
/** More than this fraction of source pixels in mid-tones: a photograph, not ink on paper (held-out digits: at most 0.107, 99.5 % below 0.085). */
export const MAX_SOURCE_MIDTONES = 0.11;

/** More than this fraction of the source's border away from the background: an uneven scene, not paper (held-out digits: 0). */
export const MAX_SOURCE_BORDER = 0.3;

/** Why an input is unlike the handwritten digits the model learnt, most telling first. */
export type UnlikeReason = 'blank' | 'photo' | 'thin' | 'thick' | 'wide' | 'coverage' | 'strokes' | 'contrast';

/** A reason to doubt a prediction (null from doubtOf: no reason). */
export type Doubt =
	| { kind: 'unsure'; label: number; top: number }
	| { kind: 'tie'; first: number; second: number; gap: number }
	| { kind: 'unlike-digits'; reasons: UnlikeReason[] };

/** A gray raster: width * height values row-major, 0 = black, 1 = white. */
export interface GrayImage {
	width: number;
	height: number;
	gray: Float32Array;
}

/**
 * What the digits rule looks at: the 784 values the digits model receives (28x28, 1 = ink,
 * MNIST-prepared) and, when there is one, the source raster before ink conversion (gray 0..1,
 * 0 = black), e.g. a vault picture or the drawing pad's ink as 1 - ink.
 */
export interface DigitEvidence {
	input: Float32Array;
	source?: GrayImage;
}

/** The measurements the digits rule compares with its thresholds; source ones are NaN without a source. */
export interface DigitFeatures {
	/** Largest input value (0..1); preprocessed ink peaks at 1, blank input is 0. */
	peak: number;
	/** Fraction of the 784 input pixels at or above 0.5 (solid ink). */
	coverage: number;
	/** Of the input pixels at or above 0.1 (any ink), the fraction at or above 0.5; 0 when blank. */
	solidity: number;
	/** Pieces: 8-connected groups of input pixels at or above 0.35, of at least 3 pixels. */
	strokes: number;
	/** Width over height of the input ink's bounding box (pixels at or above 0.1); 0 when blank. */
	aspect: number;
	/** Mean width of the solid input ink in pixels: 2 * solid pixels / solid pixels on its edge (pen strokes 2-4, filled shapes 7 and more). */
	thickness: number;
	/** Source: distance (0..1) of the strongest ink (99.8th percentile) from the background, the border median as imageToInk takes it. */
	sourceContrast: number;
	/** Source: the same distance either way from the background (ink of the other polarity too). */
	sourceSpread: number;
	/** Source: fraction of pixels between 25 % and 75 % of the way from the background to the strongest ink. */
	sourceMidtones: number;
	/** Source: mean width of the ink (pixels at least halfway to the strongest ink) as a fraction of its bounding box's longer side. */
	sourceWidth: number;
	/** Source: how far (0..1) straight axes span the ink's box: the shorter of its longest straight vertical run (over its height) and its longest straight horizontal run (over its width); 0 for a box narrower than 0.4 of its longer side. */
	sourceAxes: number;
	/** Source: fraction of the border pixels more than 25 % of the way from the background to the strongest ink, either way (paper is even, a scene is not). */
	sourceBorder: number;
}

/** Side of the digits model's input. */
const SIDE = 28;
/** Bins of the source histograms. */
const BINS = 256;

/** How many set cells of a width x height mask touch an unset 4-neighbour or the raster's edge. */
function edgeCells(mask: Uint8Array, width: number, height: number): number {
	let edge = 0;
	for (let y = 0, i = 0; y < height; y++) {
		for (let x = 0; x < width; x++, i++) {
			if (!mask[i]) continue;
			if (x === 0 || y === 0 || x === width - 1 || y === height - 1 || !mask[i - 1] || !mask[i + 1] || !mask[i - width] || !mask[i + width]) edge++;
		}
	}
	return edge;
}

/** Number of 8-connected pieces of input pixels >= STROKE with at least SPECK pixels (flood fill over one stack). */
function countStrokes(input: Float32Array): number {
	const seen = new Uint8Array(SIDE * SIDE);
	const stack = new Int32Array(SIDE * SIDE);
	let pieces = 0;
	for (let start = 0; start < seen.length; start++) {
		if (seen[start] || (input[start] ?? 0) < STROKE) continue;
		let top = 0;
		let size = 0;
		stack[top++] = start;
		seen[start] = 1;
		while (top > 0) {
			const i = stack[--top] ?? 0;
			size++;
			const x = i % SIDE;
			const y = (i - x) / SIDE;
			for (let ny = Math.max(0, y - 1); ny <= Math.min(SIDE - 1, y + 1); ny++) {
				for (let nx = Math.max(0, x - 1); nx <= Math.min(SIDE - 1, x + 1); nx++) {
					const j = ny * SIDE + nx;
					if (seen[j] || (input[j] ?? 0) < STROKE) continue;
					seen[j] = 1;
					stack[top++] = j;
				}
			}
		}
		if (size >= SPECK) pieces++;
	}
	return pieces;
}

/**
 * The sourceAxes measure of the pixels at least `cut` from the background (see DigitFeatures): an
 * straight vertical and a straight horizontal line spanning the ink's bounding box, as a plot's axes draw.
 */
function axesSpan(source: GrayImage, sign: number, background: number, cut: number): number {
	const { width, height, gray } = source;
	const inkAt = (x: number, y: number): boolean => sign * ((gray[y * width + x] ?? 0) - background) >= cut;
	let left = width;
	let right = -1;
	let top = height;
	let bottom = -1;
	for (let y = 0; y < height; y++) {
		for (let x = 0; x < width; x++) {
			if (!inkAt(x, y)) continue;
			if (x < left) left = x;
			if (x > right) right = x;
			if (y < top) top = y;
			if (y > bottom) bottom = y;
		}
	}
	const w = right - left + 1;
	const h = bottom - top + 1;
	if (right < 0 || Math.min(w, h) < 0.4 * Math.max(w, h)) return 0;
	let vertical = 0;
	for (let x = left; x <= right; x++) {
		for (let y = top, run = 0; y <= bottom; y++) {
			run = inkAt(x, y) ? run + 1 : 0;
			if (run > vertical) vertical = run;
		}
	}
	let horizontal = 0;
	for (let y = top; y <= bottom; y++) {
		for (let x = left, run = 0; x <= right; x++) {
			run = inkAt(x, y) ? run + 1 : 0;
			if (run > horizontal) horizontal = run;
		}
	}
	return Math.min(vertical / h, horizontal / w);
}

/** The value of the bin holding `fraction` of `count` values, counting from the top bin down. */
function fromTop(histogram: Uint32Array, count: number, fraction: number): number {
	for (let b = BINS - 1, seen = 0; b >= 0; b--) {
		seen += histogram[b] ?? 0;
		if (seen > count * fraction) return (b + 0.5) / BINS;
	}
	return 0;
}

/** The source measurements of DigitFeatures, from histograms and one ink mask (a few ms for 256x256). */
function sourceFeatures(source: GrayImage): Pick<DigitFeatures, 'sourceContrast' | 'sourceSpread' | 'sourceMidtones' | 'sourceWidth' | 'sourceAxes' | 'sourceBorder'> {
	const { width, height, gray } = source;
	if (!(width >= 1 && height >= 1) || gray.length !== width * height) {
		throw new Error(`Error in digitFeatures: source.gray must hold width x height = ${width}x${height} values, got ${gray.length}`);
	}
	const bin = (v: number): number => Math.min(BINS - 1, Math.max(0, Math.floor(v * BINS)));
	// The background: median of the border pixels, as imageToInk takes it.
	const border = new Uint32Array(BINS);
	let borderCount = 0;
	for (let y = 0; y < height; y++) {
		const step = y === 0 || y === height - 1 ? 1 : Math.max(1, width - 1);
		for (let x = 0; x < width; x += step, borderCount++) {
			const b = bin(gray[y * width + x] ?? 0);
			border[b] = (border[b] ?? 0) + 1;
		}
	}
	const background = fromTop(border, borderCount, 0.5);
	// Ink is darker than a light background, lighter than a dark one (as imageToInk decides).
	const sign = background > 0.5 ? -1 : 1;
	const ink = new Uint32Array(BINS);
	const either = new Uint32Array(BINS);
	for (let i = 0; i < gray.length; i++) {
		const d = sign * ((gray[i] ?? 0) - background);
		const b = bin(d);
		const e = bin(Math.abs(d));
		ink[b] = (ink[b] ?? 0) + 1;
		either[e] = (either[e] ?? 0) + 1;
	}
	// The strongest ink: the 99.8th percentile, so that a few stray pixels do not set it.
	const contrast = fromTop(ink, gray.length, 0.002);
	let uneven = 0;
	for (let b = 0; b < BINS; b++) {
		const v = (b + 0.5) / BINS;
		if (Math.abs(v - background) > contrast * 0.25) uneven += border[b] ?? 0;
	}
	let mid = 0;
	for (let b = 0; b < BINS; b++) {
		const v = (b + 0.5) / BINS;
		if (v > contrast * 0.25 && v < contrast * 0.75) mid += ink[b] ?? 0;
	}
	// The ink's mean width: 2 * area / edge cells of the pixels at least halfway to the strongest ink.
	const mask = new Uint8Array(gray.length);
	const cut = contrast / 2;
	let area = 0;
	let left = width;
	let right = -1;
	let top = height;
	let bottom = -1;
	for (let y = 0, i = 0; y < height; y++) {
		for (let x = 0; x < width; x++, i++) {
			if (contrast <= 0 || sign * ((gray[i] ?? 0) - background) < cut) continue;
			mask[i] = 1;
			area++;
			if (x < left) left = x;
			if (x > right) right = x;
			if (y < top) top = y;
			if (y > bottom) bottom = y;
		}
	}
	const edge = area > 0 ? edgeCells(mask, width, height) : 0;
	const side = Math.max(right - left + 1, bottom - top + 1);
	return {
		sourceContrast: contrast,
		sourceSpread: fromTop(either, gray.length, 0.002),
		sourceMidtones: mid / gray.length,
		sourceWidth: edge > 0 ? (2 * area) / edge / side : 0,
		sourceAxes: contrast > 0 ? axesSpan(source, sign, background, contrast / 4) : 0,
		sourceBorder: uneven / borderCount,
	};
}

/** The digits rule's measurements of `evidence` (see DigitFeatures); input must hold 784 values. */
export function digitFeatures(evidence: DigitEvidence): DigitFeatures {
	const { input, source } = evidence;
	if (input.length !== SIDE * SIDE) throw new Error(`Error in digitFeatures: input must hold 784 values (28x28), got ${input.length}`);
	const mask = new Uint8Array(SIDE * SIDE);
	let peak = 0;
	let solid = 0;
	let inked = 0;
	let left = SIDE;
	let right = -1;
	let top = SIDE;
	let bottom = -1;
	for (let i = 0; i < input.length; i++) {
		const v = input[i] ?? 0;
		if (v > peak) peak = v;
		if (v >= INKED) {
			inked++;
			const x = i % SIDE;
			const y = (i - x) / SIDE;
			if (x < left) left = x;
			if (x > right) right = x;
			if (y < top) top = y;
			if (y > bottom) bottom = y;
		}
		if (v >= SOLID) {
			solid++;
			mask[i] = 1;
		}
	}
	const none = { sourceContrast: NaN, sourceSpread: NaN, sourceMidtones: NaN, sourceWidth: NaN, sourceAxes: NaN, sourceBorder: NaN };
	return {
		peak,
		coverage: solid / input.length,
		solidity: inked > 0 ? solid / inked : 0,
		strokes: countStrokes(input),
		aspect: right < 0 ? 0 : (right - left + 1) / (bottom - top + 1),
		thickness: solid > 0 ? (2 * solid) / edgeCells(mask, SIDE, SIDE) : 0,
		...(source ? sourceFeatures(source) : none),
	};
}

/** The reasons `evidence` does not look like a handwritten digit, most telling first; [] when it does. NaN source features never count. */
export function unlikeDigits(evidence: DigitEvidence): UnlikeReason[] {
	const f = digitFeatures(evidence);
	if (f.peak < INKED || f.sourceSpread < MIN_SOURCE_CONTRAST) return ['blank'];
	const reasons: UnlikeReason[] = [];
	if (f.sourceMidtones > MAX_SOURCE_MIDTONES || f.sourceBorder > MAX_SOURCE_BORDER) reasons.push('photo');
	// Hairlines alone may be a digit written with a fine pen: they count with axes or in several pieces.
	if (f.sourceWidth < MIN_SOURCE_WIDTH && (f.sourceAxes >= MIN_AXES || f.strokes >= 2)) reasons.push('thin');
	if (f.thickness > MAX_THICKNESS || f.sourceWidth > MAX_SOURCE_WIDTH) reasons.push('thick');
	if (f.aspect > MAX_ASPECT) reasons.push('wide');
	if (f.coverage > MAX_COVERAGE) reasons.push('coverage');
	if (f.strokes > MAX_STROKES) reasons.push('strokes');
	if (f.solidity < MIN_SOLIDITY || f.sourceContrast < MIN_SOURCE_CONTRAST) reasons.push('contrast');
	return reasons;
}

/**
 * Why a prediction with these `probabilities` (one per class, summing to 1) should not be trusted,
 * or null: for the digits model (`digits` given) an input unlike its digits first, then a near-tie
 * of the two best classes, then a low top probability.
 */
export function doubtOf(probabilities: Float32Array, digits?: DigitEvidence): Doubt | null {
	if (digits) {
		const reasons = unlikeDigits(digits);
		if (reasons.length > 0) return { kind: 'unlike-digits', reasons };
	}
	let first = -1;
	let second = -1;
	for (let k = 0; k < probabilities.length; k++) {
		const p = probabilities[k] ?? 0;
		if (first < 0 || p > (probabilities[first] ?? 0)) {
			second = first;
			first = k;
		} else if (second < 0 || p > (probabilities[second] ?? 0)) {
			second = k;
		}
	}
	if (first < 0) return null;
	const top = probabilities[first] ?? 0;
	const gap = second < 0 ? top : top - (probabilities[second] ?? 0);
	if (second >= 0 && gap < TIE_GAP) return { kind: 'tie', first, second, gap };
	return top < UNSURE_BELOW ? { kind: 'unsure', label: first, top } : null;
}

/** The message that explains each reason (the first reason of a doubt is the one shown). */
const REASON_KEYS: Record<UnlikeReason, MessageKey> = {
	blank: 'doubt.unlike.blank',
	photo: 'doubt.unlike.photo',
	thin: 'doubt.unlike.thin',
	thick: 'doubt.unlike.thick',
	wide: 'doubt.unlike.wide',
	coverage: 'doubt.unlike.coverage',
	strokes: 'doubt.unlike.strokes',
	contrast: 'doubt.unlike.contrast',
};

/** One translated sentence for `doubt` in Obsidian's language, naming classes by `labelOf(index)`. */
export function describeDoubt(doubt: Doubt, labelOf: (index: number) => string): string {
	switch (doubt.kind) {
		case 'unsure':
			return t('doubt.unsure', { label: labelOf(doubt.label), percent: Math.round(doubt.top * 1000) / 10 });
		case 'tie':
			return t('doubt.tie', { first: labelOf(doubt.first), second: labelOf(doubt.second) });
		case 'unlike-digits':
			return t('doubt.unlikeDigits', { why: t(REASON_KEYS[doubt.reasons[0] ?? 'contrast']) });
	}
}
