import * as tf from '@tensorflow/tfjs';
import { conv2d, convOutputSize, tensor, toArray, type Tensor } from '../../src/cnn';
import { randomConvCase as randomCase, type ConvCase } from './cases';
import { dilatedFilters, referenceConv, tfConv } from './conv-oracles';
import { CaseLog, diff, Rng, useTfCpu } from './helpers';

beforeAll(useTfCpu);
afterAll(() => expect(tf.memory().numTensors).toBe(0));

const CLASSIC_INPUT = [
	[1, 1, 1, 0, 0],
	[0, 1, 1, 1, 0],
	[0, 0, 1, 1, 1],
	[0, 0, 1, 1, 0],
	[0, 1, 1, 0, 0],
];
const CLASSIC_KERNEL = [
	[1, 0, 1],
	[0, 1, 0],
	[1, 0, 1],
];

/** A [kh, kw, inC, outC] filter tensor from 2-D kernel rows. */
function filters(rows: number[][]): Tensor {
	const t = tensor(rows);
	return { shape: [...t.shape, 1], data: t.data };
}

describe('conv2d, fixed cases', () => {
	it('x=[5,5,1] f=[3,3,1,1] s=1 d=1 p=valid: the classic example gives 4 3 4 / 2 4 3 / 2 3 4', () => {
		expect(toArray(conv2d(tensor(CLASSIC_INPUT), filters(CLASSIC_KERNEL)))).toEqual([
			[4, 3, 4],
			[2, 4, 3],
			[2, 3, 4],
		]);
	});

	it('x=[5,5,1] f=[3,3,1] (one filter given as rank 3) s=1 d=1 p=valid: same result', () => {
		expect(toArray(conv2d(tensor(CLASSIC_INPUT), tensor(CLASSIC_KERNEL)))).toEqual([
			[4, 3, 4],
			[2, 4, 3],
			[2, 3, 4],
		]);
	});

	it('x=[4,4,1] f=[3,3,1,1] s=2 d=1 p=same: TensorFlow puts the odd padding cell at the bottom/right', () => {
		// ceil(4/2) = 2 outputs; total padding (2-1)*2 + 3 - 4 = 1 -> 0 rows/cols before, 1 after.
		const x = tensor(CLASSIC_INPUT.slice(0, 4).map((row) => row.slice(0, 4)));
		expect(toArray(conv2d(x, filters(CLASSIC_KERNEL), { stride: 2, padding: 'same' }))).toEqual([
			[4, 3],
			[1, 2],
		]);
	});

	it('x=[4,4,1] f=[2,2,1,1] s=2 d=1 p=same: even input, no padding needed', () => {
		const x = tensor([[1, 2, 3, 4], [5, 6, 7, 8], [9, 10, 11, 12], [13, 14, 15, 16]]);
		expect(toArray(conv2d(x, filters([[1, 1], [1, 1]]), { stride: 2, padding: 'same' }))).toEqual([[14, 22], [46, 54]]);
	});

	it('x=[2,2,1] f=[2,2,1,1] s=1 d=1 p=full: every overlap of kernel and image', () => {
		const x = tensor([[1, 2], [3, 4]]);
		expect(toArray(conv2d(x, filters([[1, 0], [0, 0]]), { padding: 'full' }))).toEqual([
			[0, 0, 0],
			[0, 1, 2],
			[0, 3, 4],
		]);
	});

	it('x=[3,3,1] f=[2,2,1,1] flip: mathematical convolution rotates the kernel 180 degrees', () => {
		const x = tensor([[1, 2, 3], [4, 5, 6], [7, 8, 9]]);
		const k = filters([[1, 0], [0, 0]]);
		expect(toArray(conv2d(x, k))).toEqual([[1, 2], [4, 5]]);
		expect(toArray(conv2d(x, k, { flip: true }))).toEqual([[5, 6], [8, 9]]);
	});

	it('x=[3,3,1] f=[1,1,1,2] bias=[1,-1]: one bias per output channel', () => {
		const x = tensor([[1, 2, 3], [4, 5, 6], [7, 8, 9]]);
		const k: Tensor = { shape: [1, 1, 1, 2], data: Float32Array.from([1, 2]) };
		const out = conv2d(x, k, { bias: [1, -1] });
		expect(out.shape).toEqual([3, 3, 2]);
		expect(Array.from(out.data.slice(0, 4))).toEqual([2, 1, 3, 3]);
	});
});

describe('conv2d vs tf.conv2d (seeded random cases)', () => {
	it('s in 1..3 or d in 1..3, p in valid/same/n/[r,c], multi-channel, several filters, bias, flip: 500 cases', () => {
		const rng = new Rng(20240601);
		const log = new CaseLog();
		for (let i = 0; i < 500; i++) {
			const c = randomCase(rng, ['valid', 'same', 'number', 'pair'], 3, 3, false);
			log.check(c.name, diff(conv2d(c.x, c.f, c.opts), tfConv(c)));
		}
		expect(log.failures).toEqual([]);
		expect(log.count).toBe(500);
	});

	it("p=full equals tf's explicit padding effK - 1 on each side: 250 cases", () => {
		const rng = new Rng(77);
		const log = new CaseLog();
		for (let i = 0; i < 250; i++) {
			const c = randomCase(rng, ['full'], 3, 3, false);
			log.check(c.name, diff(conv2d(c.x, c.f, c.opts), tfConv(c)));
		}
		expect(log.failures).toEqual([]);
	});
});

describe('conv2d with stride > 1 and dilation > 1 (tfjs refuses): conv_arithmetic', () => {
	it('matches a padded-copy reference loop, the formula o = floor((i + 2p - k - (k-1)(d-1)) / s) + 1, and tf with the dilated kernel written out: 250 cases', () => {
		const rng = new Rng(4242);
		const log = new CaseLog();
		for (let i = 0; i < 250; i++) {
			const c = randomCase(rng, ['valid', 'same', 'full', 'number', 'pair'], 3, 3, true);
			const ours = conv2d(c.x, c.f, c.opts);
			log.check(`${c.name} vs reference`, diff(ours, referenceConv(c)));
			const { padding, stride, dilation } = c.opts;
			const [h = 1, w = 1] = c.x.shape;
			const [kh = 1, kw = 1] = c.f.shape;
			if (typeof padding === 'number' || Array.isArray(padding) || padding === 'valid') {
				const [pr, pc] = typeof padding === 'number' ? [padding, padding] : Array.isArray(padding) ? padding : [0, 0];
				const oh = Math.floor((h + 2 * pr - kh - (kh - 1) * (dilation[0] - 1)) / stride[0]) + 1;
				const ow = Math.floor((w + 2 * pc - kw - (kw - 1) * (dilation[1] - 1)) / stride[1]) + 1;
				const byFormula = `${oh},${ow}`;
				log.check(`${c.name} shape by formula`, ours.shape.slice(0, 2).join(',') === byFormula ? null : `shape ${ours.shape.join(',')} vs ${byFormula}`);
			}
			const rows = convOutputSize(h, kh, { stride: stride[0], dilation: dilation[0], padding: Array.isArray(padding) ? padding[0] : padding });
			log.check(`${c.name} convOutputSize`, rows === ours.shape[0] ? null : `convOutputSize ${rows} vs ${ours.shape[0]}`);
			const undilated: ConvCase = { ...c, f: dilatedFilters(c.f, dilation), opts: { ...c.opts, dilation: [1, 1] } };
			log.check(`${c.name} vs tf with the kernel dilated by hand`, diff(ours, tfConv(undilated)));
		}
		expect(log.failures).toEqual([]);
	});
});
