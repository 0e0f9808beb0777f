import { isSampleName, makeSample, sampleNames, type SampleName } from '../../src/cnn/samples';

/** Pixel (row, col) of a [h, w, 1] sample. */
function at(name: SampleName, row: number, col: number): number {
	const t = makeSample(name);
	const w = t.shape[1] ?? 0;
	return t.data[row * w + col] ?? NaN;
}

const SIZES: Record<SampleName, number> = {
	edges: 48,
	circle: 48,
	checkerboard: 48,
	digit: 28,
	gradient: 32,
	stripes: 48,
	cross: 32,
	noise: 32,
};

describe('built-in samples', () => {
	it.each(sampleNames)('%s: a square [n, n, 1] grayscale image of the documented size, values in [0, 1]', (name) => {
		const t = makeSample(name);
		const n = SIZES[name];
		expect(t.shape).toEqual([n, n, 1]);
		expect(t.data).toHaveLength(n * n);
		expect(Math.min(...t.data)).toBeGreaterThanOrEqual(0);
		expect(Math.max(...t.data)).toBeLessThanOrEqual(1);
		// Not blank: every sample has both dark and bright pixels.
		expect(Math.min(...t.data)).toBeLessThan(0.1);
		expect(Math.max(...t.data)).toBeGreaterThan(0.9);
	});

	it.each(sampleNames)('%s: deterministic, and each call returns a fresh copy', (name) => {
		const a = makeSample(name);
		const b = makeSample(name);
		expect(Array.from(a.data)).toEqual(Array.from(b.data));
		a.data[0] = 0.5;
		expect(makeSample(name).data[0]).toBe(b.data[0]);
	});

	it('checkerboard: 8-pixel squares alternate, white at the top-left', () => {
		expect(at('checkerboard', 0, 0)).toBe(1);
		expect(at('checkerboard', 0, 7)).toBe(1);
		expect(at('checkerboard', 0, 8)).toBe(0);
		expect(at('checkerboard', 8, 0)).toBe(0);
		expect(at('checkerboard', 8, 8)).toBe(1);
		expect(at('checkerboard', 47, 47)).toBe(1);
	});

	it('circle: bright centre, dark corners, anti-aliased rim with intermediate values', () => {
		expect(at('circle', 24, 24)).toBe(1);
		expect(at('circle', 0, 0)).toBe(0);
		expect(at('circle', 24, 2)).toBe(0);
		const data = Array.from(makeSample('circle').data);
		expect(data.some((v) => v > 0.05 && v < 0.95)).toBe(true);
		// The disc is symmetric left/right and top/bottom.
		expect(at('circle', 10, 15)).toBeCloseTo(at('circle', 37, 32), 5);
	});

	it('edges: a white rectangle with one vertical and one horizontal step on each side', () => {
		expect(at('edges', 11, 20)).toBe(0);
		expect(at('edges', 12, 20)).toBe(1);
		expect(at('edges', 20, 7)).toBe(0);
		expect(at('edges', 20, 8)).toBe(1);
		expect(at('edges', 35, 39)).toBe(1);
		expect(at('edges', 36, 39)).toBe(0);
	});

	it('gradient: rises linearly from 0 at the left to 1 at the right, the same on every row', () => {
		expect(at('gradient', 5, 0)).toBe(0);
		expect(at('gradient', 5, 31)).toBe(1);
		expect(at('gradient', 0, 10)).toBeCloseTo(10 / 31, 6);
		expect(at('gradient', 31, 10)).toBeCloseTo(10 / 31, 6);
	});

	it('stripes: vertical, 4 pixels wide', () => {
		expect([0, 3, 4, 7, 8].map((c) => at('stripes', 9, c))).toEqual([1, 1, 0, 0, 1]);
	});

	it('cross: white at the centre and along both bars, dark in the corners', () => {
		expect(at('cross', 16, 16)).toBe(1);
		expect(at('cross', 16, 5)).toBe(1);
		expect(at('cross', 5, 16)).toBe(1);
		expect(at('cross', 5, 5)).toBe(0);
	});

	it('digit: a "3" on black like MNIST: ink in the top and bottom bowls and at the waist, the left side open', () => {
		const t = makeSample('digit');
		const ink = Array.from(t.data).reduce((s, v) => s + v, 0);
		expect(ink).toBeGreaterThan(60); // comparable to an MNIST digit (about 100 lit pixels)
		expect(ink).toBeLessThan(200);
		expect(at('digit', 0, 0)).toBe(0);
		expect(at('digit', 4, 13)).toBeGreaterThan(0.9); // top of the upper bowl
		expect(at('digit', 13, 14)).toBeGreaterThan(0.9); // the waist
		expect(at('digit', 23, 13)).toBeGreaterThan(0.9); // bottom of the lower bowl
		expect(at('digit', 14, 7)).toBe(0); // a "3" is open on the left
	});

	it('noise: spread over [0, 1] with a mean near 0.5', () => {
		const data = Array.from(makeSample('noise').data);
		const mean = data.reduce((s, v) => s + v, 0) / data.length;
		expect(mean).toBeGreaterThan(0.45);
		expect(mean).toBeLessThan(0.55);
		expect(new Set(data).size).toBeGreaterThan(1000);
	});

	it('isSampleName accepts exactly the listed names', () => {
		for (const name of sampleNames) expect(isSampleName(name)).toBe(true);
		expect(isSampleName('Circle')).toBe(false);
		expect(isSampleName('lena')).toBe(false);
	});
});
