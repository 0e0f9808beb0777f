import { fitSize, MAX_IMAGE_SIDE, rgbaToTensor } from '../../src/vault/pixels';
import { rgbaOf } from './png';

describe('fitSize', () => {
	it.each([
		[600, 300, 256, 128],
		[300, 600, 128, 256],
		[256, 100, 256, 100],
		[1000, 3, 256, 1],
		[257, 257, 256, 256],
	])('%ix%i -> %ix%i (larger side at most MAX_IMAGE_SIDE, aspect kept)', (w, h, tw, th) => {
		expect(fitSize(w, h)).toEqual({ width: tw, height: th });
	});

	it('MAX_IMAGE_SIDE is 256', () => expect(MAX_IMAGE_SIDE).toBe(256));
});

describe('rgbaToTensor', () => {
	it('gray: luma 0.299 R + 0.587 G + 0.114 B in [0, 1], shape [h, w, 1], no downscale', () => {
		const rgba = rgbaOf(3, 1, (x) => (x === 0 ? [255, 0, 0, 255] : x === 1 ? [0, 255, 0, 255] : [0, 0, 255, 255]));
		const r = rgbaToTensor({ width: 3, height: 1, data: rgba });
		expect(r.tensor.shape).toEqual([1, 3, 1]);
		expect(Array.from(r.tensor.data)).toEqual([0.299, 0.587, 0.114].map((v) => expect.closeTo(v, 6) as number));
		expect(r).toMatchObject({ originalWidth: 3, originalHeight: 1, downscaled: false });
	});

	it('rgb: channels kept in order, shape [h, w, 3]', () => {
		const rgba = rgbaOf(2, 2, (x, y) => [x * 255, y * 255, 51, 255]);
		const r = rgbaToTensor({ width: 2, height: 2, data: rgba }, { channels: 'rgb' });
		expect(r.tensor.shape).toEqual([2, 2, 3]);
		expect(Array.from(r.tensor.data)).toEqual([0, 0, 0.2, 1, 0, 0.2, 0, 1, 0.2, 1, 1, 0.2].map((v) => expect.closeTo(v, 6) as number));
	});

	it('alpha is composited on white: transparent -> 1, half-transparent black -> about 0.5', () => {
		const rgba = rgbaOf(3, 1, (x) => (x === 0 ? [0, 0, 0, 0] : x === 1 ? [0, 0, 0, 128] : [0, 0, 0, 255]));
		const gray = rgbaToTensor({ width: 3, height: 1, data: rgba }).tensor.data;
		expect(gray[0]).toBeCloseTo(1, 6);
		expect(gray[1]).toBeCloseTo(1 - 128 / 255, 6);
		expect(gray[2]).toBe(0);
		const rgb = rgbaToTensor({ width: 3, height: 1, data: rgba }, { channels: 'rgb' }).tensor.data;
		expect(Array.from(rgb.subarray(0, 3))).toEqual([1, 1, 1]);
	});

	it('600x300 -> 256x128: a constant image stays exactly constant', () => {
		const r = rgbaToTensor({ width: 600, height: 300, data: rgbaOf(600, 300, () => [51, 51, 51, 255]) });
		expect(r.tensor.shape).toEqual([128, 256, 1]);
		expect(r).toMatchObject({ originalWidth: 600, originalHeight: 300, downscaled: true });
		expect(Math.min(...r.tensor.data)).toBeCloseTo(0.2, 5);
		expect(Math.max(...r.tensor.data)).toBeCloseTo(0.2, 5);
	});

	it('600x300 -> 256x128: left half black, right half white stays split at column 128, mean 0.5', () => {
		// 600 / 256 = 2.34375 source columns per output column, and 300 / 2.34375 = 128 exactly.
		const rgba = rgbaOf(600, 300, (x) => (x < 300 ? [0, 0, 0, 255] : [255, 255, 255, 255]));
		const r = rgbaToTensor({ width: 600, height: 300, data: rgba });
		const row = Array.from(r.tensor.data.subarray(5 * 256, 6 * 256));
		expect(row[0]).toBe(0);
		expect(row[127]).toBeCloseTo(0, 6);
		expect(row[128]).toBeCloseTo(1, 6);
		expect(row[255]).toBeCloseTo(1, 6);
		expect(row.reduce((sum, v) => sum + v, 0) / row.length).toBeCloseTo(0.5, 5);
	});

	it('10x1 -> 4x1 (ratio 2.5): an edge inside an output cell gives the covered fraction, on both axes', () => {
		// Output column 1 covers source 2.5..5.0, of which 2.5..4.0 (1.5 of 2.5) is black: 1 - 1.5 / 2.5 = 0.4.
		const expected = [0, 0.4, 1, 1];
		const across = rgbaToTensor({ width: 10, height: 1, data: rgbaOf(10, 1, (x) => (x < 4 ? [0, 0, 0, 255] : [255, 255, 255, 255])) }, { maxSide: 4 });
		expect(across.tensor.shape).toEqual([1, 4, 1]);
		expect(Array.from(across.tensor.data)).toEqual(expected.map((v) => expect.closeTo(v, 6) as number));
		const down = rgbaToTensor({ width: 1, height: 10, data: rgbaOf(1, 10, (_x, y) => (y < 4 ? [0, 0, 0, 255] : [255, 255, 255, 255])) }, { maxSide: 4 });
		expect(down.tensor.shape).toEqual([4, 1, 1]);
		expect(Array.from(down.tensor.data)).toEqual(expected.map((v) => expect.closeTo(v, 6) as number));
	});

	it('a noisy image keeps its mean brightness after downscaling (rgb)', () => {
		let s = 1;
		const next = (): number => (s = (s * 16807) % 2147483647) % 256;
		const rgba = rgbaOf(517, 301, () => [next(), next(), next(), 255]);
		let sum = 0;
		for (let i = 0; i < rgba.length; i += 4) sum += rgba[i] ?? 0;
		const r = rgbaToTensor({ width: 517, height: 301, data: rgba }, { channels: 'rgb' });
		expect(r.tensor.shape).toEqual([149, 256, 3]);
		let red = 0;
		for (let i = 0; i < r.tensor.data.length; i += 3) red += r.tensor.data[i] ?? 0;
		expect(red / (149 * 256)).toBeCloseTo(sum / 255 / (517 * 301), 2);
		expect(Math.max(...r.tensor.data)).toBeLessThanOrEqual(1);
	});

	it('reports the file size and downscaled when the decoder already reduced the image', () => {
		const r = rgbaToTensor({ width: 2, height: 1, data: rgbaOf(2, 1, () => [9, 9, 9, 255]), sourceWidth: 4000, sourceHeight: 2000 });
		expect(r).toMatchObject({ originalWidth: 4000, originalHeight: 2000, downscaled: true });
		expect(r.tensor.shape).toEqual([1, 2, 1]);
	});

	it('throws when the bytes do not match the size (the loader reports the image as corrupt)', () => {
		expect(() => rgbaToTensor({ width: 2, height: 2, data: new Uint8ClampedArray(12) })).toThrow(/2x2 image, got 12/);
		expect(() => rgbaToTensor({ width: 0, height: 0, data: new Uint8ClampedArray(0) })).toThrow(/rgbaToTensor/);
	});
});
