import { axisWeights, borderColour, fitPicture, resample, toScale, withChannels, type Picture } from '../../src/model/prepare-input';

/** A picture whose value at (x, y, c) is f(x, y, c). */
function picture(width: number, height: number, channels: number, f: (x: number, y: number, c: number) => number): Picture {
	const data = new Float32Array(width * height * channels);
	for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) for (let c = 0; c < channels; c++) data[(y * width + x) * channels + c] = f(x, y, c);
	return { width, height, channels, data };
}

describe('axisWeights', () => {
	it('shrinking averages areas: every output cell weighs 1 in all', () => {
		const w = axisWeights(3, 0, 7);
		for (let o = 0; o < 3; o++) {
			let sum = 0;
			for (let k = w.offsets[o] ?? 0; k < (w.offsets[o + 1] ?? 0); k++) sum += w.weights[k] ?? 0;
			expect(sum).toBeCloseTo(1, 6);
		}
	});

	it('enlarging interpolates between two neighbouring cells', () => {
		const w = axisWeights(4, 0, 2);
		expect(w.offsets[1]! - w.offsets[0]!).toBe(2);
	});
});

describe('resample', () => {
	it('keeps a picture of the same size unchanged', () => {
		const p = picture(5, 4, 3, (x, y, c) => (x + 2 * y + c) / 20);
		const out = resample(p, { x: 0, y: 0, w: 5, h: 4 }, 5, 4);
		p.data.forEach((v, i) => expect(out[i]).toBeCloseTo(v, 6));
	});

	it('halving averages 2x2 blocks', () => {
		const p = picture(4, 2, 1, (x) => x);
		const out = resample(p, { x: 0, y: 0, w: 4, h: 2 }, 2, 1);
		expect(out[0]).toBeCloseTo(0.5, 6);
		expect(out[1]).toBeCloseTo(2.5, 6);
	});

	it('enlarging a constant picture keeps the constant (edges clamp, no dark border)', () => {
		const p = picture(3, 3, 1, () => 0.7);
		for (const v of resample(p, { x: 0, y: 0, w: 3, h: 3 }, 10, 10)) expect(v).toBeCloseTo(0.7, 6);
	});

	it('a region outside the picture takes the fill colour', () => {
		const p = picture(2, 2, 3, () => 1);
		const out = resample(p, { x: -2, y: 0, w: 4, h: 2 }, 4, 2, [0.25, 0.5, 0.75]);
		[0.25, 0.5, 0.75].forEach((v, i) => expect(out[i]).toBeCloseTo(v, 6));
		for (const v of out.slice(9, 12)) expect(v).toBeCloseTo(1, 6);
	});
});

describe('fitPicture', () => {
	// A 6x2 picture: left third red, middle green, right blue.
	const wide = picture(6, 2, 3, (x, _y, c) => (Math.floor(x / 2) === c ? 1 : 0));

	it('crop keeps the centre at the model proportions (as Teachable Machine does)', () => {
		const fitted = fitPicture(wide, [2, 2, 3], 'crop', '0..1');
		expect(fitted.report).toEqual({ from: { width: 6, height: 2 }, fit: 'crop' });
		// The centre 2x2 is the green third.
		for (let p = 0; p < 4; p++) expect(Array.from(fitted.view.slice(p * 3, p * 3 + 3))).toEqual([0, 1, 0]);
	});

	it('pad keeps the whole picture and fills above and below with the border colour', () => {
		const tall = picture(2, 6, 1, (_x, y) => (y >= 2 && y < 4 ? 1 : 0.5));
		const fitted = fitPicture(tall, [6, 6, 1], 'pad', '0..1');
		expect(fitted.report.fit).toBe('pad');
		// Columns outside the picture are the border median (0.5).
		expect(fitted.view[0]).toBeCloseTo(0.5, 5);
		expect(fitted.view[5]).toBeCloseTo(0.5, 5);
		// The middle row holds the picture's bright band.
		expect(fitted.view[2 * 6 + 3]).toBeCloseTo(1, 5);
	});

	it('a picture with the model proportions is only resized (fit none)', () => {
		expect(fitPicture(picture(8, 8, 3, () => 0), [4, 4, 3], 'crop', '0..1').report.fit).toBe('none');
	});

	it('gray models get luma, colour models get the gray copied to three channels', () => {
		const red = picture(2, 2, 3, (_x, _y, c) => (c === 0 ? 1 : 0));
		expect(fitPicture(red, [2, 2, 1], 'crop', '0..1').view[0]).toBeCloseTo(0.299, 5);
		const gray = picture(2, 2, 1, () => 0.4);
		for (const v of fitPicture(gray, [2, 2, 3], 'crop', '0..1').view.slice(0, 3)) expect(v).toBeCloseTo(0.4, 6);
	});

	it.each([
		['0..1', 0.25],
		['-1..1', -0.5],
		['0..255', 63.75],
	] as const)('scale %s maps 0.25 to %d (the view stays in 0..1)', (scale, expected) => {
		const fitted = fitPicture(picture(2, 2, 1, () => 0.25), [2, 2, 1], 'crop', scale);
		expect(fitted.pixels[0]).toBeCloseTo(expected, 5);
		expect(fitted.view[0]).toBeCloseTo(0.25, 6);
	});
});

describe('helpers', () => {
	it('toScale makes a new array', () => {
		const values = Float32Array.of(0, 1);
		expect(Array.from(toScale(values, '-1..1'))).toEqual([-1, 1]);
		expect(Array.from(values)).toEqual([0, 1]);
	});

	it('withChannels returns the same picture when it already has the channels', () => {
		const p = picture(1, 1, 3, () => 0);
		expect(withChannels(p, 3)).toBe(p);
	});

	it('borderColour is the median of the border per channel', () => {
		const p = picture(3, 3, 1, (x, y) => (x === 1 && y === 1 ? 1 : 0.2));
		expect(borderColour(p)[0]).toBeCloseTo(0.2, 6);
	});
});
