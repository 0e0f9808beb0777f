import { centreOfMass, DIGIT_BOX, DIGIT_SIDE, imageToInk, preprocessDigit, type InkImage } from '../../src/model/preprocess';
import { blankInk, paintStroke, rasterize, RASTER_SIDE } from '../../src/model/strokes';

/** Rows and columns of a 28x28 digit holding ink above `cut`: first and last, inclusive. */
function inkExtent(pixels: Float32Array, cut = 0.25): { top: number; bottom: number; left: number; right: number } {
	let top = DIGIT_SIDE;
	let bottom = -1;
	let left = DIGIT_SIDE;
	let right = -1;
	pixels.forEach((v, i) => {
		if (v <= cut) return;
		const r = Math.floor(i / DIGIT_SIDE);
		const c = i % DIGIT_SIDE;
		top = Math.min(top, r);
		bottom = Math.max(bottom, r);
		left = Math.min(left, c);
		right = Math.max(right, c);
	});
	return { top, bottom, left, right };
}

describe('preprocessDigit (MNIST style: 20x20 box, centre of mass at the centre of 28x28)', () => {
	it('a small "7" drawn off-centre in the top-left corner is centred and scaled up to a 20 pixel box', () => {
		const strokes = [[0.05, 0.05, 0.2, 0.05, 0.1, 0.3]];
		const ink = rasterize(strokes);
		const { pixels, geometry } = preprocessDigit(ink);
		expect(geometry).not.toBeNull();
		expect(geometry!.scale).toBeGreaterThan(20 / (0.35 * RASTER_SIDE));
		const com = centreOfMass(pixels)!;
		expect(com.x).toBeCloseTo(DIGIT_SIDE / 2, 0);
		expect(com.y).toBeCloseTo(DIGIT_SIDE / 2, 0);
		const box = inkExtent(pixels, 0.02);
		expect(Math.max(box.bottom - box.top + 1, box.right - box.left + 1)).toBeGreaterThanOrEqual(DIGIT_BOX - 1);
		expect(Math.max(box.bottom - box.top + 1, box.right - box.left + 1)).toBeLessThanOrEqual(DIGIT_BOX + 2);
	});

	it('the same digit drawn large at the bottom right gives nearly the same 28x28 input', () => {
		const small = preprocessDigit(rasterize([[0.05, 0.05, 0.2, 0.05, 0.1, 0.3]], RASTER_SIDE, 0.02)).pixels;
		const large = preprocessDigit(rasterize([[0.35, 0.2, 0.95, 0.2, 0.55, 0.95]], RASTER_SIDE, 0.08)).pixels;
		let diff = 0;
		for (let i = 0; i < small.length; i++) diff += Math.abs((small[i] ?? 0) - (large[i] ?? 0));
		expect(diff / small.length).toBeLessThan(0.06);
	});

	it('keeps the aspect ratio: a tall thin "1" stays tall and thin, centred', () => {
		const { pixels } = preprocessDigit(rasterize([[0.8, 0.1, 0.8, 0.5]]));
		const box = inkExtent(pixels);
		expect(box.bottom - box.top + 1).toBeGreaterThanOrEqual(DIGIT_BOX - 1);
		expect(box.right - box.left + 1).toBeLessThanOrEqual(6);
		expect(centreOfMass(pixels)!.x).toBeCloseTo(14, 0);
	});

	it('is anti-aliased: edges take values between 0 and 1, the brightest pixel is 1', () => {
		const { pixels } = preprocessDigit(rasterize([[0.2, 0.2, 0.8, 0.8]]));
		const values = Array.from(pixels);
		expect(Math.max(...values)).toBeCloseTo(1, 5);
		expect(values.filter((v) => v > 0.05 && v < 0.95).length).toBeGreaterThan(10);
		expect(values.every((v) => v >= 0 && v <= 1)).toBe(true);
	});

	it('a blank raster gives 784 zeros and no geometry', () => {
		const { pixels, geometry } = preprocessDigit(blankInk());
		expect(geometry).toBeNull();
		expect(pixels).toHaveLength(784);
		expect(pixels.every((v) => v === 0)).toBe(true);
	});

	it('works on rasters that are not square (an image 60 wide, 30 high)', () => {
		const ink: InkImage = { width: 60, height: 30, data: new Float32Array(60 * 30) };
		for (let y = 5; y < 25; y++) for (let x = 40; x < 44; x++) ink.data[y * 60 + x] = 1;
		const { pixels } = preprocessDigit(ink);
		const com = centreOfMass(pixels)!;
		expect(com.x).toBeCloseTo(14, 0);
		expect(com.y).toBeCloseTo(14, 0);
		expect(inkExtent(pixels).bottom - inkExtent(pixels).top + 1).toBeGreaterThanOrEqual(19);
	});
});

describe('strokes', () => {
	it('a single point is a round dot of the pen width', () => {
		const ink = paintStroke(blankInk(100), [0.5, 0.5], 0, 0.1);
		expect(ink.data[50 * 100 + 50]).toBe(1);
		expect(ink.data[50 * 100 + 56]).toBe(0);
		expect(ink.data[56 * 100 + 50]).toBe(0);
	});

	it('painting a stroke point by point gives the same raster as painting it at once', () => {
		const stroke = [0.1, 0.1, 0.5, 0.3, 0.6, 0.9];
		const once = rasterize([stroke]);
		const stepwise = blankInk();
		for (let n = 1; n <= 3; n++) paintStroke(stepwise, stroke.slice(0, 2 * n), n - 1);
		expect(Array.from(stepwise.data)).toEqual(Array.from(once.data));
	});
});

describe('imageToInk', () => {
	it('inverts dark ink on a light background and removes the background level', () => {
		const w = 10;
		const gray = new Float32Array(w * w).fill(0.9);
		gray[55] = 0.1;
		const { ink, inverted } = imageToInk(gray, w, w);
		expect(inverted).toBe(true);
		expect(ink.data[55]).toBeCloseTo(1);
		expect(ink.data[0]).toBeCloseTo(0);
	});

	it('keeps light ink on a dark background', () => {
		const gray = new Float32Array(100);
		gray[42] = 0.8;
		const { ink, inverted } = imageToInk(gray, 10, 10);
		expect(inverted).toBe(false);
		expect(ink.data[42]).toBeCloseTo(1);
	});
});
