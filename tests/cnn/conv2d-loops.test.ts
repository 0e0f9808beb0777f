/**
 * conv2d's fast loops (src/cnn/conv2d-loops.ts) on the shapes the small random cases rarely reach:
 * large images, many channels, wide kernels, long interiors (four columns at a time), several passes,
 * dilated runs, stride past the width. Every case is checked against tf.conv2d (or the padded-copy
 * reference where tfjs refuses stride > 1 with dilation > 1) and, bit for bit, against explainConv.
 */
import * as tf from '@tensorflow/tfjs';
import { conv2d, explainConv, type Padding, type Tensor } from '../../src/cnn';
import { randomConvCase, type ConvCase } from './cases';
import { referenceConv, tfConv } from './conv-oracles';
import { CaseLog, diff, Rng, useTfCpu } from './helpers';

beforeAll(useTfCpu);
afterAll(() => expect(tf.memory().numTensors).toBe(0));

/** A named case with random values in [-1, 1) (integers in [-3, 3] when `ints`). */
function makeCase(
	rng: Rng,
	x: [number, number, number],
	f: [number, number, number, number],
	opts: { stride?: [number, number]; dilation?: [number, number]; padding: Padding; bias?: boolean; flip?: boolean; ints?: boolean },
): ConvCase {
	const ints: [number, number] | undefined = opts.ints ? [-3, 3] : undefined;
	const stride = opts.stride ?? [1, 1];
	const dilation = opts.dilation ?? [1, 1];
	const bias = opts.bias ? Array.from({ length: f[3] }, () => rng.float(-1, 1)) : undefined;
	const p = Array.isArray(opts.padding) ? `[${opts.padding.join(',')}]` : String(opts.padding);
	const name = `x=[${x.join(',')}] f=[${f.join(',')}] s=[${stride.join(',')}] d=[${dilation.join(',')}] p=${p}${bias ? ' bias' : ''}${opts.flip ? ' flip' : ''}`;
	return { x: rng.tensor(x, ints), f: rng.tensor(f, ints), opts: { stride, dilation, padding: opts.padding, bias, flip: opts.flip }, name };
}

/** The expected result: tf.conv2d, or the reference loop when tfjs refuses stride > 1 with dilation > 1. */
function expected(c: ConvCase): Tensor {
	const { stride, dilation } = c.opts;
	const tfRefuses = Math.max(...stride) > 1 && Math.max(...dilation) > 1;
	return tfRefuses ? referenceConv(c) : tfConv(c);
}

/** Checks `cells` output cells (the four corners first, then random ones) against explainConv, bit for bit. */
function explainMismatch(c: ConvCase, out: Tensor, rng: Rng, cells: number): string | null {
	const [oh = 1, ow = 1, outC = 1] = out.shape;
	const corners = [[0, 0], [0, ow - 1], [oh - 1, 0], [oh - 1, ow - 1]];
	for (let n = 0; n < cells; n++) {
		const [row = 0, col = 0] = corners[n] ?? [rng.int(0, oh - 1), rng.int(0, ow - 1)];
		const filter = rng.int(0, outC - 1);
		const e = explainConv(c.x, c.f, c.opts, { row, col, filter });
		const value = out.data[(row * ow + col) * outC + filter];
		if (e.output !== value) return `at (${row},${col},${filter}) conv2d gives ${value} but explainConv ${e.output}`;
	}
	return null;
}

describe('conv2d fast loops, named shapes', () => {
	const rng = new Rng(512);
	const cases: ConvCase[] = [
		makeCase(rng, [512, 512, 1], [3, 3, 1, 1], { padding: 'valid' }),
		makeCase(rng, [512, 512, 1], [3, 3, 1, 1], { padding: 'same', bias: true, flip: true }),
		makeCase(rng, [256, 256, 1], [3, 3, 1, 1], { padding: 'same', ints: true }),
		makeCase(rng, [64, 64, 8], [3, 3, 8, 16], { padding: 'same', bias: true }),
		makeCase(rng, [40, 37, 3], [3, 3, 3, 4], { stride: [2, 2], padding: 'same' }),
		makeCase(rng, [37, 41, 1], [7, 7, 1, 1], { padding: 'same', flip: true }),
		makeCase(rng, [33, 35, 1], [5, 5, 1, 2], { padding: 'full', bias: true }),
		makeCase(rng, [30, 30, 2], [3, 3, 2, 1], { dilation: [2, 2], padding: 'same' }),
		makeCase(rng, [30, 31, 3], [3, 3, 3, 2], { dilation: [1, 2], padding: 'valid' }),
		makeCase(rng, [24, 29, 1], [3, 3, 1, 1], { dilation: [2, 2], padding: 2 }),
		makeCase(rng, [24, 29, 1], [3, 3, 1, 1], { stride: [2, 2], dilation: [2, 2], padding: 'same' }),
		makeCase(rng, [4, 30, 1], [1, 9, 1, 1], { padding: 'same' }),
		makeCase(rng, [30, 4, 1], [9, 1, 1, 1], { padding: 'same' }),
		makeCase(rng, [5, 3, 1], [3, 3, 1, 1], { stride: [1, 5], padding: 'same' }),
		makeCase(rng, [3, 3, 1], [5, 5, 1, 1], { padding: 'same' }),
		makeCase(rng, [6, 6, 2], [6, 6, 2, 3], { padding: 'valid', bias: true }),
		makeCase(rng, [9, 20, 1], [2, 2, 1, 1], { padding: [3, 1] }),
	];
	it.each(cases.map((c) => [c.name, c] as const))('%s: matches tf and explainConv', (_name, c) => {
		const out = conv2d(c.x, c.f, c.opts);
		expect(diff(out, expected(c))).toBeNull();
		expect(explainMismatch(c, out, rng, 12)).toBeNull();
	});

	it('x=[256,256,1] f=[3,3,1,1] p=same with integer values: every output is the exact integer sum', () => {
		const c = cases[2]!;
		const out = conv2d(c.x, c.f, c.opts);
		const ref = referenceConv(c);
		expect(out.data.every((v, i) => Number.isInteger(v) && v === ref.data[i])).toBe(true);
	});
});

describe('conv2d fast loops vs tf.conv2d (seeded random cases up to 40x40, 5 channels, 7x7 kernels)', () => {
	it('all paddings, strides and dilations (both > 1 against the reference loop), bias, flip: 300 cases', () => {
		const rng = new Rng(9001);
		const log = new CaseLog();
		for (let i = 0; i < 300; i++) {
			const c = randomConvCase(rng, ['valid', 'same', 'full', 'number', 'pair'], 3, 3, i % 4 === 3, { size: 40, channels: 5, kernel: 7 });
			const out = conv2d(c.x, c.f, c.opts);
			log.check(c.name, diff(out, expected(c)) ?? explainMismatch(c, out, rng, 6));
		}
		expect(log.failures).toEqual([]);
		expect(log.count).toBe(300);
	});
});
