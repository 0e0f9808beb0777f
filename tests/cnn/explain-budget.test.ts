/**
 * The bounded explanations of src/cnn: summarizePool (a window in brief) against explainPool, and the
 * receptive-field areas (axisReach, ConvComputation.field) against the union of explainConv's taps.
 */
import { axisReach, computeConv, computePool, explainConv, explainPool, globalPool, summarizePool, type ConvSetup, type Tensor } from '../../src/cnn';
import { planPool2d } from '../../src/cnn/pool2d';
import { poolCases, randomConvCase } from './cases';
import { CaseLog, Rng } from './helpers';

/** The sorted distinct values of a list. */
const distinct = (values: number[]): number[] => [...new Set(values)].sort((a, b) => a - b);

describe('summarizePool agrees with explainPool at every output cell (seeded random cases)', () => {
	it('max/avg/min, size=1..4, s=1..4, valid/same: 300 cases, every cell and channel, limit 3', () => {
		const log = new CaseLog();
		for (const { x, opts, name } of poolCases(1357, 300)) {
			const plan = planPool2d('summarizePool', x, opts);
			const [oh = 1, ow = 1, c = 1] = computePool(x, { type: opts.type, size: opts.size, stride: opts.stride, padding: opts.padding }).output.shape;
			for (let row = 0; row < oh; row++)
				for (let col = 0; col < ow; col++)
					for (let channel = 0; channel < c; channel++) {
						const e = explainPool(x, opts, { row, col, channel });
						const s = summarizePool(x, plan, { row, col, channel }, 3);
						const real = e.window.filter((cell) => !cell.padding);
						const expected = {
							values: real.slice(0, 3).map((cell) => cell.value),
							count: real.length,
							padded: e.window.length - real.length,
							output: e.output,
							winner: e.winner,
							window: { rows: distinct(e.window.map((cell) => cell.row)), cols: distinct(e.window.map((cell) => cell.col)) },
						};
						const got = { ...s, winner: s.winner };
						log.check(`${name} at (${row},${col},${channel})`, JSON.stringify(got) === JSON.stringify(expected) ? null : `${JSON.stringify(got)} vs ${JSON.stringify(expected)}`);
					}
		}
		expect(log.failures).toEqual([]);
	});

	it('x=[256,256,3] global avg: 65,536 cells counted, the first 16 kept, the mean equal to globalPool', () => {
		const rng = new Rng(5);
		const x: Tensor = { shape: [256, 256, 3], data: Float32Array.from({ length: 256 * 256 * 3 }, () => rng.next()) };
		const comp = computePool(x, { type: 'max', size: [2, 2], stride: [2, 2], padding: 'valid' }, 'avg');
		const mean = globalPool(x, 'avg');
		for (let channel = 0; channel < 3; channel++) {
			const s = comp.summary({ row: 0, col: 0, channel }, 16);
			expect(s.count).toBe(65536);
			expect(s.padded).toBe(0);
			expect(s.values).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15].map((i) => x.data[i * 3 + channel]));
			expect(s.output).toBeCloseTo(mean.data[channel] ?? NaN, 6);
			expect(s.window.rows).toHaveLength(256);
			expect(s.winner).toBeUndefined();
		}
	});
});

describe('receptive-field areas', () => {
	it('axisReach: s=3 d=2 k=3 before=1 over outputs 2..4 -> the union of each output\'s taps', () => {
		const g = { stride: 3, before: 1, kernel: 3, dilation: 2 };
		const brute = distinct([2, 3, 4].flatMap((o) => [0, 1, 2].map((k) => o * 3 - 1 + k * 2)));
		expect(axisReach(g, 2, 4)).toEqual(brute);
		expect(axisReach(g, 2, 2)).toEqual([5, 7, 9]);
	});

	it('ConvComputation.field over a block of output cells = the distinct rows x cols of explainConv\'s taps (200 random cases)', () => {
		const rng = new Rng(8642);
		const log = new CaseLog();
		for (let n = 0; n < 200; n++) {
			const c = randomConvCase(rng, ['valid', 'same', 'full', 'number', 'pair'], 3, 3, false, { size: 9, channels: 1, kernel: 4 });
			const [kh = 1, kw = 1] = c.f.shape;
			const kernels = [Array.from({ length: kh }, (_, r) => Array.from({ length: kw }, (_, k) => c.f.data[r * kw + k] ?? 0))];
			const setup: ConvSetup = { input: c.x, kernels, bias: undefined, stride: c.opts.stride, padding: c.opts.padding as ConvSetup['padding'], dilation: c.opts.dilation, flip: false, transpose: false, activation: 'none', pool: undefined };
			const comp = computeConv(setup);
			const [oh = 1, ow = 1] = comp.output.shape;
			const r0 = rng.int(0, oh - 1);
			const r1 = rng.int(r0, oh - 1);
			const c0 = rng.int(0, ow - 1);
			const c1 = rng.int(c0, ow - 1);
			const taps = [];
			for (let row = r0; row <= r1; row++) for (let col = c0; col <= c1; col++) taps.push(...explainConv(c.x, comp.filters, { stride: c.opts.stride, padding: c.opts.padding, dilation: c.opts.dilation }, { row, col, filter: 0 }).taps);
			const expected = { rows: distinct(taps.map((t) => t.row)), cols: distinct(taps.map((t) => t.col)) };
			const got = comp.field([r0, r1], [c0, c1]);
			log.check(`${c.name} rows ${r0}..${r1} cols ${c0}..${c1}`, JSON.stringify(got) === JSON.stringify(expected) ? null : `${JSON.stringify(got)} vs ${JSON.stringify(expected)}`);
		}
		expect(log.failures).toEqual([]);
	});
});
