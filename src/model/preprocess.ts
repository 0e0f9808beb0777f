/**
 * Digit preprocessing the way MNIST was made: the ink's bounding box scaled (keeping the aspect
 * ratio, area-averaged so it is anti-aliased) so its longer side is 20 pixels, then placed in a
 * 28x28 field with its centre of mass at the centre. Pure: no DOM, no tfjs.
 */

/** Side of the model input, in pixels (MNIST: 28). */
export const DIGIT_SIDE = 28;
/** Longer side of the digit's bounding box after scaling, in pixels (MNIST: 20). */
export const DIGIT_BOX = 20;
/** Ink below this fraction of the brightest ink is ignored when finding the bounding box. */
const INK_THRESHOLD = 0.1;

/** A grayscale raster of ink: `data` holds width * height values, row-major, 0 = paper, 1 = full ink. */
export interface InkImage {
	width: number;
	height: number;
	data: Float32Array;
}

/** What preprocessing did, for display and tests (all in source pixels unless stated). */
export interface DigitGeometry {
	/** Bounding box of the ink: first and last column and row, inclusive. */
	box: { left: number; top: number; right: number; bottom: number };
	/** Target pixels per source pixel. */
	scale: number;
	/** Centre of mass of the ink, in source pixel coordinates (pixel centres at +0.5). */
	centre: { x: number; y: number };
}

/** A preprocessed digit: 784 values in [0, 1] (row-major 28x28, 1 = ink), or null geometry when blank. */
export interface Digit {
	pixels: Float32Array;
	geometry: DigitGeometry | null;
}

/** Box-filter weights of one axis: output cell o averages source cells [start[o], start[o] + count) weighted by w. */
interface AxisMap {
	start: Int32Array;
	offsets: Int32Array;
	weights: Float32Array;
}

/**
 * For each of `n` output cells, the source interval [origin + o / scale, origin + (o + 1) / scale)
 * intersected with the source cells 0 .. size - 1, as normalised area weights.
 */
function axisMap(n: number, origin: number, scale: number, size: number): AxisMap {
	const start = new Int32Array(n);
	const offsets = new Int32Array(n + 1);
	const list: number[] = [];
	const span = 1 / scale;
	for (let o = 0; o < n; o++) {
		const a = origin + o * span;
		const b = a + span;
		const first = Math.max(0, Math.floor(a));
		const last = Math.min(size - 1, Math.ceil(b) - 1);
		start[o] = first;
		offsets[o] = list.length;
		for (let i = first; i <= last; i++) list.push(Math.max(0, Math.min(i + 1, b) - Math.max(i, a)) / span);
	}
	offsets[n] = list.length;
	return { start, offsets, weights: Float32Array.from(list) };
}

/** The ink's bounding box (cells above INK_THRESHOLD of the maximum), or null when there is no ink. */
function inkBox(image: InkImage): DigitGeometry['box'] | null {
	const { width, height, data } = image;
	let max = 0;
	for (let i = 0; i < data.length; i++) if ((data[i] ?? 0) > max) max = data[i] ?? 0;
	if (!(max > 0)) return null;
	const cut = max * INK_THRESHOLD;
	let left = width;
	let right = -1;
	let top = height;
	let bottom = -1;
	for (let y = 0; y < height; y++) {
		for (let x = 0, i = y * width; x < width; x++, i++) {
			if ((data[i] ?? 0) <= cut) continue;
			if (x < left) left = x;
			if (x > right) right = x;
			if (y < top) top = y;
			if (y > bottom) bottom = y;
		}
	}
	return right < 0 ? null : { left, top, right, bottom };
}

/**
 * Preprocesses an ink raster of any size into the 28x28 model input, MNIST style: the bounding
 * box is scaled so its longer side is DIGIT_BOX pixels (aspect ratio kept, area averaging), the
 * centre of mass lands on the centre (14, 14) of the field, and values are rescaled so the
 * brightest pixel is 1. A blank raster gives 784 zeros and null geometry.
 */
export function preprocessDigit(image: InkImage): Digit {
	const { width, height, data } = image;
	const pixels = new Float32Array(DIGIT_SIDE * DIGIT_SIDE);
	const box = inkBox(image);
	if (box === null) return { pixels, geometry: null };
	const scale = DIGIT_BOX / Math.max(box.right - box.left + 1, box.bottom - box.top + 1);

	let mass = 0;
	let mx = 0;
	let my = 0;
	for (let y = box.top; y <= box.bottom; y++) {
		for (let x = box.left, i = y * width + box.left; x <= box.right; x++, i++) {
			const v = data[i] ?? 0;
			mass += v;
			mx += v * (x + 0.5);
			my += v * (y + 0.5);
		}
	}
	const centre = { x: mx / mass, y: my / mass };
	const half = DIGIT_SIDE / 2;
	const cols = axisMap(DIGIT_SIDE, centre.x - half / scale, scale, width);
	const rows = axisMap(DIGIT_SIDE, centre.y - half / scale, scale, height);

	// Horizontal pass over every source row into mid [height, 28], then vertical into pixels.
	const mid = new Float32Array(height * DIGIT_SIDE);
	for (let y = 0; y < height; y++) {
		const src = y * width;
		const dst = y * DIGIT_SIDE;
		for (let o = 0; o < DIGIT_SIDE; o++) {
			let sum = 0;
			for (let k = cols.offsets[o] ?? 0, i = cols.start[o] ?? 0, end = cols.offsets[o + 1] ?? 0; k < end; k++, i++) {
				sum += (cols.weights[k] ?? 0) * (data[src + i] ?? 0);
			}
			mid[dst + o] = sum;
		}
	}
	let peak = 0;
	for (let o = 0; o < DIGIT_SIDE; o++) {
		for (let k = rows.offsets[o] ?? 0, i = rows.start[o] ?? 0, end = rows.offsets[o + 1] ?? 0; k < end; k++, i++) {
			const w = rows.weights[k] ?? 0;
			const src = i * DIGIT_SIDE;
			const dst = o * DIGIT_SIDE;
			for (let c = 0; c < DIGIT_SIDE; c++) pixels[dst + c] = (pixels[dst + c] ?? 0) + w * (mid[src + c] ?? 0);
		}
	}
	for (let i = 0; i < pixels.length; i++) if ((pixels[i] ?? 0) > peak) peak = pixels[i] ?? 0;
	if (peak > 0) for (let i = 0; i < pixels.length; i++) pixels[i] = Math.min(1, (pixels[i] ?? 0) / peak);
	return { pixels, geometry: { box, scale, centre } };
}

/** Centre of mass of a 28x28 digit in pixel coordinates (pixel centres at +0.5); null when blank. */
export function centreOfMass(pixels: Float32Array, side = DIGIT_SIDE): { x: number; y: number } | null {
	let mass = 0;
	let mx = 0;
	let my = 0;
	for (let y = 0; y < side; y++) {
		for (let x = 0; x < side; x++) {
			const v = pixels[y * side + x] ?? 0;
			mass += v;
			mx += v * (x + 0.5);
			my += v * (y + 0.5);
		}
	}
	return mass > 0 ? { x: mx / mass, y: my / mass } : null;
}

/**
 * Ink from a grayscale image tensor's data (values in [0, 1], 0 = black): dark ink on a light
 * background is inverted (MNIST digits are light on dark), the background level (median of the
 * border pixels) is subtracted and the result stretched to [0, 1].
 */
export function imageToInk(gray: Float32Array, width: number, height: number): { ink: InkImage; inverted: boolean } {
	const border: number[] = [];
	for (let x = 0; x < width; x++) border.push(gray[x] ?? 0, gray[(height - 1) * width + x] ?? 0);
	for (let y = 1; y < height - 1; y++) border.push(gray[y * width] ?? 0, gray[y * width + width - 1] ?? 0);
	border.sort((a, b) => a - b);
	const background = border[Math.floor(border.length / 2)] ?? 0;
	const inverted = background > 0.5;
	const data = new Float32Array(width * height);
	const level = inverted ? 1 - background : background;
	let max = 0;
	for (let i = 0; i < data.length; i++) {
		const v = inverted ? 1 - (gray[i] ?? 0) : gray[i] ?? 0;
		const ink = Math.max(0, v - level);
		data[i] = ink;
		if (ink > max) max = ink;
	}
	if (max > 0) for (let i = 0; i < data.length; i++) data[i] = (data[i] ?? 0) / max;
	return { ink: { width, height, data }, inverted };
}
