import { conv2d, conv2dTranspose, transposeAsConv } from '../../src/cnn';
import { CaseLog, diff, Rng } from './helpers';

describe('transposeAsConv: a transposed convolution as a convolution of the stretched input', () => {
	it('x=[2,2,1] f=[3,3,1,1] s=2 p=valid: input cells land 2 apart after a 2-cell border', () => {
		const input = { shape: [2, 2, 1], data: Float32Array.from([1, 2, 3, 4]) };
		const filters = { shape: [3, 3, 1, 1], data: new Float32Array(9).fill(1) };
		const r = transposeAsConv(input, filters, { stride: 2 });
		expect(r.input.shape).toEqual([7, 7, 1]);
		expect(r.offset).toEqual([2, 2]);
		expect(Array.from(r.origin).filter((o) => o >= 0)).toEqual([0, 1, 2, 3]);
		expect(r.origin[2 * 7 + 2]).toBe(0);
		expect(r.origin[2 * 7 + 4]).toBe(1);
		expect(r.origin[4 * 7 + 4]).toBe(3);
		expect(r.input.data[4 * 7 + 4]).toBe(4);
	});

	it('matches conv2dTranspose on 300 seeded random cases (stride 1-3, valid/same/number, several channels)', () => {
		const rng = new Rng(4242);
		const log = new CaseLog();
		for (let i = 0; i < 300; i++) {
			const h = rng.int(1, 6);
			const w = rng.int(1, 6);
			const inC = rng.int(1, 3);
			const outC = rng.int(1, 3);
			const kh = rng.int(1, 4);
			const kw = rng.int(1, 4);
			const stride: [number, number] = [rng.int(1, 3), rng.int(1, 3)];
			const padding = rng.pick(['valid', 'same', 0, 1, 2] as const);
			const name = `x=[${h},${w},${inC}] f=[${kh},${kw},${outC},${inC}] s=${stride.join(',')} p=${padding}`;
			const input = rng.tensor([h, w, inC]);
			const filters = rng.tensor([kh, kw, outC, inC]);
			let expected;
			try {
				expected = conv2dTranspose(input, filters, { stride, padding });
			} catch {
				expect(() => transposeAsConv(input, filters, { stride, padding })).toThrow(/padding/);
				continue;
			}
			const r = transposeAsConv(input, filters, { stride, padding });
			const got = conv2d(r.input, r.filters, { flip: true });
			log.check(name, diff(got, expected));
		}
		expect(log.failures).toEqual([]);
		expect(log.count).toBeGreaterThan(200);
	});
});
