import { channelExtent, chooseScale, cssGradient, lutColor, lutFor, lutIndex, LUT_SIZE, parseColor } from '../../../src/widgets/shared/colormap';

/** Entry i of a table as [r, g, b, a]. */
const entry = (lut: Uint8ClampedArray, i: number): number[] => Array.from(lut.subarray(i * 4, i * 4 + 4));

describe('colour scales', () => {
	it('chooseScale: diverging over a symmetric range when the data crosses 0', () => {
		expect(chooseScale(-2, 5)).toEqual({ kind: 'diverging', range: { min: -5, max: 5 } });
		expect(chooseScale(-7, 1)).toEqual({ kind: 'diverging', range: { min: -7, max: 7 } });
	});

	it('chooseScale: sequential over [min, max] for data on one side of 0', () => {
		expect(chooseScale(0, 4)).toEqual({ kind: 'sequential', range: { min: 0, max: 4 } });
		expect(chooseScale(-3, -1)).toEqual({ kind: 'sequential', range: { min: -3, max: -1 } });
		expect(chooseScale(-3, 0)).toEqual({ kind: 'sequential', range: { min: -3, max: 0 } });
	});

	it('chooseScale: a constant map still gets a non-empty range', () => {
		expect(chooseScale(0, 0).range).toEqual({ min: 0, max: 1 });
		expect(chooseScale(3, 3).range).toEqual({ min: 0, max: 3 });
		expect(chooseScale(-2, -2).range).toEqual({ min: -2, max: 0 });
	});

	it('lookup tables: 256 opaque RGBA entries, built once and shared', () => {
		for (const kind of ['diverging', 'sequential', 'gray'] as const) {
			const lut = lutFor(kind);
			expect(lut).toHaveLength(LUT_SIZE * 4);
			expect(lutFor(kind)).toBe(lut);
			for (let i = 0; i < LUT_SIZE; i++) expect(lut[i * 4 + 3]).toBe(255);
		}
	});

	it('gray runs black to white; viridis dark purple to yellow; RdBu red (negative) through light to blue (positive)', () => {
		expect(entry(lutFor('gray'), 0)).toEqual([0, 0, 0, 255]);
		expect(entry(lutFor('gray'), 255)).toEqual([255, 255, 255, 255]);
		expect(entry(lutFor('sequential'), 0)).toEqual([0x44, 0x01, 0x54, 255]);
		const [r1 = 0, g1 = 0, b1 = 0] = entry(lutFor('sequential'), 255);
		expect(r1 + g1).toBeGreaterThan(400);
		expect(b1).toBeLessThan(80);
		const div = lutFor('diverging');
		const [r0 = 0, , b0 = 0] = entry(div, 0);
		const [rm = 0, gm = 0, bm = 0] = entry(div, 128);
		const [rz = 0, , bz = 0] = entry(div, 255);
		expect(r0).toBeGreaterThan(b0 + 50);
		expect(bz).toBeGreaterThan(rz + 50);
		expect(Math.min(rm, gm, bm)).toBeGreaterThan(220);
	});

	it('lutIndex maps the range onto 0..255, clamps outside it, and sends NaN to 0', () => {
		const range = { min: -1, max: 1 };
		expect(lutIndex(-1, range)).toBe(0);
		expect(lutIndex(0, range)).toBe(128);
		expect(lutIndex(1, range)).toBe(255);
		expect(lutIndex(5, range)).toBe(255);
		expect(lutIndex(-5, range)).toBe(0);
		expect(lutIndex(NaN, range)).toBe(0);
	});

	it('channelExtent reads one channel of interleaved [h, w, c] data', () => {
		const data = Float32Array.from([1, -10, 2, 20, 3, 30]);
		expect(channelExtent(data, 2, 0)).toEqual({ min: 1, max: 3 });
		expect(channelExtent(data, 2, 1)).toEqual({ min: -10, max: 30 });
		expect(channelExtent(new Float32Array(0), 1, 0)).toEqual({ min: 0, max: 0 });
	});

	it('parseColor reads what d3-scale-chromatic returns, and refuses anything else', () => {
		expect(parseColor('#440154')).toEqual([68, 1, 84]);
		expect(parseColor('rgb(103, 0, 31)')).toEqual([103, 0, 31]);
		expect(() => parseColor('red')).toThrow(/parseColor/);
	});

	it('cssGradient gives evenly spaced stops from the table, for legends', () => {
		expect(cssGradient('gray', 3)).toBe('linear-gradient(to right, rgb(0, 0, 0) 0%, rgb(128, 128, 128) 50%, rgb(255, 255, 255) 100%)');
		expect(lutColor(lutFor('gray'), 300)).toBe('rgb(255, 255, 255)');
	});
});

describe('embedded viridis and RdBu tables', () => {
	// d3-scale-chromatic is a devDependency only: the tables are what it computed, checked here entry by entry.
	it('all 256 entries of both tables are d3-scale-chromatic\'s colours at t = i / 255', async () => {
		const d3 = await import('d3-scale-chromatic');
		for (const [kind, interpolate] of [['sequential', d3.interpolateViridis], ['diverging', d3.interpolateRdBu]] as const) {
			const lut = lutFor(kind);
			for (let i = 0; i < LUT_SIZE; i++) expect([kind, i, entry(lut, i)]).toEqual([kind, i, [...parseColor(interpolate(i / (LUT_SIZE - 1))), 255]]);
		}
	});
});
