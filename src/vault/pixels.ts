/**
 * Decoded RGBA pixels -> image tensor: alpha composited on white, grayscale (luma) or RGB, values in
 * [0, 1], reduced by area averaging when larger than the widgets can show. Pure: no DOM, no vault.
 */
import type { Tensor } from '../cnn';

/** The largest image side (pixels) a widget works on; larger images are downscaled to it. */
export const MAX_IMAGE_SIDE = 256;

/** The range of the "Largest picture side" setting (pixels): a widget works on pictures of at most MAX_PICTURE_SIDE a side. */
export const MIN_PICTURE_SIDE = 64;
/** The largest picture side the settings allow, and the largest side of a `region` (pixels). */
export const MAX_PICTURE_SIDE = 512;

/** Decoded pixels: `data` holds width * height * 4 bytes, RGBA, row-major, alpha not premultiplied. */
export interface RgbaImage {
	width: number;
	height: number;
	data: Uint8ClampedArray;
	/** Size of the image in the file, when the decoder already reduced it (pixels); else width/height. */
	sourceWidth?: number;
	sourceHeight?: number;
	/** Set when the pixels are only this region of the file's picture, at full resolution. */
	crop?: PixelRegion;
}

/** A rectangle of a picture in the file's own pixels: top row, left column (0-based), height and width (pixels). */
export interface PixelRegion {
	row: number;
	col: number;
	height: number;
	width: number;
}

/** Whether `region` lies inside a picture of width x height pixels. */
export function regionFits(region: PixelRegion, width: number, height: number): boolean {
	return region.row >= 0 && region.col >= 0 && region.row + region.height <= height && region.col + region.width <= width;
}

/**
 * The pixels of `region` (which must fit, see regionFits) copied out of a full-resolution image: a
 * region.width x region.height RgbaImage, row by row. Time and memory proportional to the region.
 */
export function cropRgba(image: RgbaImage, region: PixelRegion): RgbaImage {
	const { width, height, row, col } = region;
	const data = new Uint8ClampedArray(width * height * 4);
	for (let y = 0; y < height; y++) {
		const from = ((row + y) * image.width + col) * 4;
		data.set(image.data.subarray(from, from + width * 4), y * width * 4);
	}
	return { width, height, data };
}

/** How to turn pixels into a tensor: `gray` gives [h, w, 1] (luma), `rgb` gives [h, w, 3]. */
export type ImageChannels = 'gray' | 'rgb';

/** Options of rgbaToTensor. */
export interface ToTensorOptions {
	channels?: ImageChannels;
	/** Largest side of the result in pixels; default MAX_IMAGE_SIDE. */
	maxSide?: number;
}

/** An image ready for the maths: the tensor, the size of the file's image, and whether it was reduced. */
export interface ImageTensor {
	/** [h, w, 1] or [h, w, 3], values in [0, 1] (0 = black). */
	tensor: Tensor;
	/** Size of the image in the file, in pixels. */
	originalWidth: number;
	originalHeight: number;
	/** True when the tensor is smaller than the file's image. */
	downscaled: boolean;
}

/** The size (pixels) an image of width x height gets when its larger side is cut to maxSide, keeping the aspect ratio. */
export function fitSize(width: number, height: number, maxSide = MAX_IMAGE_SIDE): { width: number; height: number } {
	const side = Math.max(width, height);
	if (side <= maxSide) return { width, height };
	const scale = maxSide / side;
	return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

/** Area-averaging weights for one axis: output cell o covers source cells first[o] .. first[o] + count - 1. */
interface AxisWeights {
	first: Int32Array;
	/** offsets[o] .. offsets[o + 1] index `weights` for output cell o. */
	offsets: Int32Array;
	weights: Float32Array;
}

/** Box-filter weights mapping `src` cells onto `dst` cells (dst <= src): each output averages the area it covers. */
function axisWeights(src: number, dst: number): AxisWeights {
	const ratio = src / dst;
	const first = new Int32Array(dst);
	const offsets = new Int32Array(dst + 1);
	const list: number[] = [];
	for (let o = 0; o < dst; o++) {
		const s0 = o * ratio;
		const s1 = Math.min(src, s0 + ratio);
		const start = Math.floor(s0);
		first[o] = start;
		offsets[o] = list.length;
		for (let i = start; i < s1; i++) {
			const w = (Math.min(i + 1, s1) - Math.max(i, s0)) / ratio;
			if (w > 1e-7) list.push(w);
			else if (i === start) first[o] = start + 1;
		}
	}
	offsets[dst] = list.length;
	return { first, offsets, weights: Float32Array.from(list) };
}

/** Throws when the decoder's output is inconsistent (so callers report the image as corrupt). */
function check(image: RgbaImage): void {
	const { width, height, data } = image;
	if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1 || data.length !== width * height * 4) {
		throw new Error(`rgbaToTensor: expected width * height * 4 RGBA bytes for a ${width}x${height} image, got ${data.length}`);
	}
}

/**
 * Converts decoded RGBA pixels to a [h, w, 1] (luma 0.299 R + 0.587 G + 0.114 B) or [h, w, 3]
 * tensor with values in [0, 1], compositing transparent pixels on white and reducing the image by
 * area averaging (keeping its aspect ratio) when its larger side exceeds maxSide.
 * Throws when data does not hold width * height * 4 bytes.
 */
export function rgbaToTensor(image: RgbaImage, opts: ToTensorOptions = {}): ImageTensor {
	check(image);
	const { width: w, height: h, data: rgba } = image;
	const c = opts.channels === 'rgb' ? 3 : 1;
	const target = fitSize(w, h, opts.maxSide ?? MAX_IMAGE_SIDE);
	const tw = target.width;
	const th = target.height;
	const xw = axisWeights(w, tw);
	const yw = axisWeights(h, th);

	// Pass 1: each source row, composited on white, averaged horizontally into `mid` [h, tw, c].
	const row = new Float32Array(w * c);
	const mid = new Float32Array(h * tw * c);
	for (let y = 0; y < h; y++) {
		for (let x = 0, p = y * w * 4; x < w; x++, p += 4) {
			const a = (rgba[p + 3] ?? 255) / 255;
			const white = 1 - a;
			const r = ((rgba[p] ?? 0) * a) / 255 + white;
			const g = ((rgba[p + 1] ?? 0) * a) / 255 + white;
			const b = ((rgba[p + 2] ?? 0) * a) / 255 + white;
			if (c === 1) row[x] = 0.299 * r + 0.587 * g + 0.114 * b;
			else {
				row[x * 3] = r;
				row[x * 3 + 1] = g;
				row[x * 3 + 2] = b;
			}
		}
		const base = y * tw * c;
		for (let o = 0; o < tw; o++) {
			const start = xw.first[o] ?? 0;
			const end = xw.offsets[o + 1] ?? 0;
			for (let ch = 0; ch < c; ch++) {
				let sum = 0;
				for (let k = xw.offsets[o] ?? 0, i = start; k < end; k++, i++) sum += (xw.weights[k] ?? 0) * (row[i * c + ch] ?? 0);
				mid[base + o * c + ch] = sum;
			}
		}
	}

	// Pass 2: average the rows of `mid` vertically into the result [th, tw, c].
	const stride = tw * c;
	const out = new Float32Array(th * stride);
	for (let o = 0; o < th; o++) {
		const start = yw.first[o] ?? 0;
		const end = yw.offsets[o + 1] ?? 0;
		const dst = o * stride;
		for (let k = yw.offsets[o] ?? 0, i = start; k < end; k++, i++) {
			const wt = yw.weights[k] ?? 0;
			const src = i * stride;
			for (let j = 0; j < stride; j++) out[dst + j] = (out[dst + j] ?? 0) + wt * (mid[src + j] ?? 0);
		}
	}
	for (let j = 0; j < out.length; j++) {
		const v = out[j] ?? 0;
		out[j] = v < 0 ? 0 : v > 1 ? 1 : v;
	}

	const originalWidth = image.sourceWidth ?? w;
	const originalHeight = image.sourceHeight ?? h;
	return {
		tensor: { shape: [th, tw, c], data: out },
		originalWidth,
		originalHeight,
		downscaled: tw < originalWidth || th < originalHeight,
	};
}
