/**
 * Preparing a picture for any image model: fitted to the model's input size (centre-crop to its
 * aspect ratio, as Teachable Machine does, or kept whole and padded), made gray or colour by the
 * model's channels, and its 0..1 values mapped onto the value range the model was trained on. Pure:
 * no DOM, no tfjs. The digits model keeps its MNIST preparation (preprocess.ts).
 */

/** How a picture is brought to the model's input size: centre-crop to its aspect ratio (as Teachable Machine does), or keep all of it and pad. */
export const FIT_MODES = ['crop', 'pad'] as const;
/** The value range the model expects, pixel values 0..1 mapped onto it. */
export const VALUE_SCALES = ['0..1', '-1..1', '0..255'] as const;
/** Most characters of one class name (the block's `labels`, metadata.json, labels.txt). */
export const MAX_LABEL_LENGTH = 60;
/** A fit mode (see FIT_MODES). */
export type FitMode = (typeof FIT_MODES)[number];
/** A value scale (see VALUE_SCALES). */
export type ValueScale = (typeof VALUE_SCALES)[number];

/** A picture: width * height * channels values in [0, 1], row-major [h, w, c], 1 or 3 channels (0 = black). */
export interface Picture {
	width: number;
	height: number;
	channels: number;
	data: Float32Array;
	/** The size of the picture in its file, when it was read smaller. */
	original?: { width: number; height: number };
}

/** A model's input: [height, width, channels]. */
export type InputShape = readonly [number, number, number];

/** What fitting did, for the widget's one line about it. */
export interface FitReport {
	/** The source picture's size. */
	from: { width: number; height: number };
	/** crop or pad as asked, or none when the picture already had the model's aspect ratio. */
	fit: FitMode | 'none';
}

/** A picture fitted to a model's input: `view` in 0..1 (what is drawn), `pixels` the same values on the model's scale. */
export interface FittedInput {
	view: Float32Array;
	pixels: Float32Array;
	report: FitReport;
}

/** A source region, in source pixels (fractions allowed). */
interface Region {
	x: number;
	y: number;
	w: number;
	h: number;
}

/** Per output cell of one axis: the first source cell and the weights of it and the ones after. */
interface AxisWeights {
	start: Int32Array;
	offsets: Int32Array;
	weights: Float32Array;
}

/**
 * Weights that resample the source interval [origin, origin + span) of an axis
 * into `n` cells: area averaging where an output cell covers a source cell or more (shrinking),
 * linear interpolation between source cell centres where it covers less (enlarging). Cells may
 * lie outside 0 .. size - 1: the reader clamps them to the edge or fills them.
 */
export function axisWeights(n: number, origin: number, span: number): AxisWeights {
	const start = new Int32Array(n);
	const offsets = new Int32Array(n + 1);
	const list: number[] = [];
	const step = span / n;
	for (let o = 0; o < n; o++) {
		offsets[o] = list.length;
		if (step >= 1) {
			const a = origin + o * step;
			const b = a + step;
			const first = Math.floor(a);
			const last = Math.ceil(b) - 1;
			start[o] = first;
			for (let i = first; i <= last; i++) list.push((Math.min(i + 1, b) - Math.max(i, a)) / step);
		} else {
			const centre = origin + (o + 0.5) * step - 0.5;
			const left = Math.floor(centre);
			const frac = centre - left;
			start[o] = left;
			list.push(1 - frac, frac);
		}
	}
	offsets[n] = list.length;
	return { start, offsets, weights: Float32Array.from(list) };
}

/** Reads the resampled value: weights over source cells start.., clamped to 0 .. size - 1. */
function cellAt(i: number, size: number): number {
	return i < 0 ? 0 : i >= size ? size - 1 : i;
}

/**
 * Resamples `region` of a picture into an outWidth x outHeight picture with the same channels
 * (separable: rows first, then columns). Pixels of the region outside the picture are `fill`.
 */
export function resample(picture: Picture, region: Region, outWidth: number, outHeight: number, fill?: readonly number[]): Float32Array {
	const { width, height, channels: c, data } = picture;
	const cols = axisWeights(outWidth, region.x, region.w);
	const rows = axisWeights(outHeight, region.y, region.h);
	const inside = (i: number, size: number): boolean => fill === undefined || (i >= 0 && i < size);
	// Horizontal pass: every source row the rows pass reads, into mid [height][outWidth][c].
	const mid = new Float32Array(height * outWidth * c);
	for (let y = 0; y < height; y++) {
		for (let o = 0; o < outWidth; o++) {
			const first = cols.start[o] ?? 0;
			const end = cols.offsets[o + 1] ?? 0;
			for (let k = cols.offsets[o] ?? 0, i = first; k < end; k++, i++) {
				const w = cols.weights[k] ?? 0;
				if (w === 0) continue;
				const at = (y * outWidth + o) * c;
				if (inside(i, width)) {
					const src = (y * width + cellAt(i, width)) * c;
					for (let ch = 0; ch < c; ch++) mid[at + ch] = (mid[at + ch] ?? 0) + w * (data[src + ch] ?? 0);
				} else {
					for (let ch = 0; ch < c; ch++) mid[at + ch] = (mid[at + ch] ?? 0) + w * (fill?.[ch] ?? 0);
				}
			}
		}
	}
	const out = new Float32Array(outHeight * outWidth * c);
	for (let o = 0; o < outHeight; o++) {
		const first = rows.start[o] ?? 0;
		const end = rows.offsets[o + 1] ?? 0;
		for (let k = rows.offsets[o] ?? 0, i = first; k < end; k++, i++) {
			const w = rows.weights[k] ?? 0;
			if (w === 0) continue;
			const dst = o * outWidth * c;
			if (inside(i, height)) {
				const src = cellAt(i, height) * outWidth * c;
				for (let j = 0; j < outWidth * c; j++) out[dst + j] = (out[dst + j] ?? 0) + w * (mid[src + j] ?? 0);
			} else {
				for (let j = 0; j < outWidth * c; j++) out[dst + j] = (out[dst + j] ?? 0) + w * (fill?.[j % c] ?? 0);
			}
		}
	}
	return out;
}

/** The picture with `channels` channels: gray from colour by luma (Rec. 601), colour from gray by copying. */
export function withChannels(picture: Picture, channels: number): Picture {
	if (picture.channels === channels) return picture;
	const original = picture.original ? { original: picture.original } : {};
	const n = picture.width * picture.height;
	const data = new Float32Array(n * channels);
	const src = picture.data;
	const c = picture.channels;
	for (let p = 0; p < n; p++) {
		if (channels === 1) {
			data[p] = c >= 3 ? 0.299 * (src[p * c] ?? 0) + 0.587 * (src[p * c + 1] ?? 0) + 0.114 * (src[p * c + 2] ?? 0) : src[p * c] ?? 0;
		} else {
			const v = src[p * c] ?? 0;
			for (let ch = 0; ch < channels; ch++) data[p * channels + ch] = c >= channels ? src[p * c + ch] ?? 0 : v;
		}
	}
	return { width: picture.width, height: picture.height, channels, data, ...original };
}

/** The median of each channel over the picture's border pixels: the colour padding takes. */
export function borderColour(picture: Picture): number[] {
	const { width, height, channels: c, data } = picture;
	const colour: number[] = [];
	for (let ch = 0; ch < c; ch++) {
		const values: number[] = [];
		for (let x = 0; x < width; x++) values.push(data[x * c + ch] ?? 0, data[((height - 1) * width + x) * c + ch] ?? 0);
		for (let y = 1; y < height - 1; y++) values.push(data[y * width * c + ch] ?? 0, data[(y * width + width - 1) * c + ch] ?? 0);
		values.sort((a, b) => a - b);
		colour.push(values[Math.floor(values.length / 2)] ?? 0);
	}
	return colour;
}

/** `values` (0..1) on the model's scale: a new array. */
export function toScale(values: Float32Array, scale: ValueScale): Float32Array {
	const out = new Float32Array(values.length);
	if (scale === '-1..1') for (let i = 0; i < values.length; i++) out[i] = (values[i] ?? 0) * 2 - 1;
	else if (scale === '0..255') for (let i = 0; i < values.length; i++) out[i] = (values[i] ?? 0) * 255;
	else out.set(values);
	return out;
}

/**
 * Fits a picture to a model's input [h, w, c]: `crop` takes the largest centred region with the
 * input's aspect ratio, `pad` keeps the whole picture and fills the rest with its border colour;
 * then resamples it to h x w, converts to c channels and maps the values onto `scale`.
 */
export function fitPicture(picture: Picture, shape: InputShape, fit: FitMode, scale: ValueScale): FittedInput {
	const [h, w, c] = shape;
	const source = withChannels(picture, c);
	const { width: sw, height: sh } = source;
	const target = w / h;
	const aspect = sw / sh;
	const same = Math.abs(aspect - target) < 1e-6;
	let region: Region;
	let fill: number[] | undefined;
	if (same) region = { x: 0, y: 0, w: sw, h: sh };
	else if (fit === 'crop') {
		region = aspect > target ? { x: (sw - sh * target) / 2, y: 0, w: sh * target, h: sh } : { x: 0, y: (sh - sw / target) / 2, w: sw, h: sw / target };
	} else {
		fill = borderColour(source);
		region = aspect > target ? { x: 0, y: -(sw / target - sh) / 2, w: sw, h: sw / target } : { x: -(sh * target - sw) / 2, y: 0, w: sh * target, h: sh };
	}
	const view = resample(source, region, w, h, fill);
	for (let i = 0; i < view.length; i++) view[i] = Math.min(1, Math.max(0, view[i] ?? 0));
	return { view, pixels: toScale(view, scale), report: { from: picture.original ?? { width: sw, height: sh }, fit: same ? 'none' : fit } };
}
