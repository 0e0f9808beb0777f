import { axisGeometry, conv2d, convGeometry, convOutputSize, effectiveKernelSize, type AxisPadding } from '../../src/cnn';
import { CaseLog, Rng } from './helpers';

describe('convOutputSize', () => {
	it.each<[number, number, { stride?: number; padding?: AxisPadding; dilation?: number }, number]>([
		[5, 3, {}, 3],
		[5, 3, { padding: 'same' }, 5],
		[5, 3, { padding: 'full' }, 7],
		[5, 3, { padding: 1 }, 5],
		[5, 3, { stride: 2 }, 2],
		[5, 3, { stride: 2, padding: 'same' }, 3],
		[6, 3, { stride: 2, padding: 'same' }, 3],
		[7, 3, { dilation: 2 }, 3],
		[9, 3, { stride: 2, dilation: 2 }, 3],
		[9, 3, { stride: 2, dilation: 2, padding: 1 }, 4],
		[3, 5, {}, 0],
		[3, 3, { dilation: 2 }, 0],
	])('i=%i k=%i %j -> %i', (i, k, opts, expected) => {
		expect(convOutputSize(i, k, opts)).toBe(expected);
	});

	it('effective kernel size (k - 1) * d + 1', () => {
		expect(effectiveKernelSize(3, 1)).toBe(3);
		expect(effectiveKernelSize(3, 2)).toBe(5);
		expect(effectiveKernelSize(1, 4)).toBe(1);
	});

	it("'same' pads as TensorFlow: total max((ceil(i/s)-1)*s + effK - i, 0), the odd cell after", () => {
		expect(axisGeometry(4, 3, 2, 1, 'same')).toMatchObject({ before: 0, after: 1, out: 2 });
		expect(axisGeometry(5, 3, 1, 1, 'same')).toMatchObject({ before: 1, after: 1, out: 5 });
		expect(axisGeometry(5, 4, 1, 1, 'same')).toMatchObject({ before: 1, after: 2, out: 5 });
		expect(axisGeometry(5, 3, 1, 2, 'same')).toMatchObject({ before: 2, after: 2, out: 5 });
		expect(axisGeometry(6, 1, 3, 1, 'same')).toMatchObject({ before: 0, after: 0, out: 2 });
	});

	it("'full' pads effK - 1 on each side", () => {
		expect(axisGeometry(5, 3, 1, 2, 'full')).toMatchObject({ before: 4, after: 4, out: 9 });
	});

	it('agrees with conv2d output shapes and the conv_arithmetic formula on 500 random cases', () => {
		const rng = new Rng(99);
		const log = new CaseLog();
		for (let n = 0; n < 500; n++) {
			const [i, k, s, d] = [rng.int(1, 12), rng.int(1, 5), rng.int(1, 4), rng.int(1, 3)];
			const p = rng.pick<AxisPadding>(['valid', 'same', 'full', 0, 1, 2, 3]);
			const o = convOutputSize(i, k, { stride: s, dilation: d, padding: p });
			const name = `i=${i} k=${k} s=${s} d=${d} p=${p}`;
			const pad = p === 'valid' ? 0 : p === 'full' ? (k - 1) * d : p === 'same' ? null : p;
			const byFormula = pad === null ? Math.ceil(i / s) : Math.max(0, Math.floor((i + 2 * pad - k - (k - 1) * (d - 1)) / s) + 1);
			log.check(name, o === byFormula ? null : `convOutputSize ${o}, formula ${byFormula}`);
			if (o > 0) {
				const x = { shape: [i, 1, 1], data: new Float32Array(i) };
				const f = { shape: [k, 1, 1, 1], data: new Float32Array(k) };
				const shape = conv2d(x, f, { stride: [s, 1], dilation: [d, 1], padding: typeof p === 'number' ? [p, 0] : p }).shape;
				log.check(`${name} conv2d`, shape[0] === o ? null : `conv2d gives ${shape[0]} rows`);
			}
		}
		expect(log.failures).toEqual([]);
	});
});

describe('convGeometry', () => {
	it('x=[5,7] k=[3,2] s=[1,2] d=[2,1] p=[1,0]: each axis is its axisGeometry', () => {
		const g = convGeometry([5, 7, 1], [3, 2, 1, 1], [1, 2], [2, 1], [1, 0]);
		expect(g.rows).toEqual(axisGeometry(5, 3, 1, 2, 1));
		expect(g.cols).toEqual(axisGeometry(7, 2, 2, 1, 0));
		expect([g.rows.out, g.cols.out]).toEqual([3, 3]);
	});

	it("p='same' pads both axes as TensorFlow; a kernel larger than the input gives out < 1", () => {
		expect(convGeometry([4, 4], [3, 3], [2, 2], [1, 1], 'same').rows).toMatchObject({ before: 0, after: 1, out: 2 });
		expect(convGeometry([2, 2], [3, 3], [1, 1], [1, 1], 'valid').rows.out).toBeLessThan(1);
	});
});
