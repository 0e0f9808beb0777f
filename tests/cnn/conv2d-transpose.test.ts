import * as tf from '@tensorflow/tfjs';
import { conv2dTranspose, convTransposeOutputSize, tensor, toArray, type Tensor } from '../../src/cnn';
import { batch, CaseLog, diff, Rng, runTf, tf4, unbatch, useTfCpu } from './helpers';

beforeAll(useTfCpu);
afterAll(() => expect(tf.memory().numTensors).toBe(0));

describe('conv2dTranspose, fixed cases', () => {
	it('x=[2,2,1] f=[2,2,1,1] s=2 p=valid: each input cell stamps the kernel scaled by its value', () => {
		const x = tensor([[1, 2], [3, 4]]);
		const f: Tensor = { shape: [2, 2, 1, 1], data: Float32Array.from([1, 0, 0, 1]) };
		expect(toArray(conv2dTranspose(x, f, { stride: 2 }))).toEqual([
			[1, 0, 2, 0],
			[0, 1, 0, 2],
			[3, 0, 4, 0],
			[0, 3, 0, 4],
		]);
	});

	it('x=[2,2,1] f=[3,3,1,1] s=1 p=valid: overlapping stamps add up, output (i-1)*s + k = 4', () => {
		const x = tensor([[1, 1], [1, 1]]);
		const f: Tensor = { shape: [3, 3, 1, 1], data: new Float32Array(9).fill(1) };
		expect(toArray(conv2dTranspose(x, f))).toEqual([
			[1, 2, 2, 1],
			[2, 4, 4, 2],
			[2, 4, 4, 2],
			[1, 2, 2, 1],
		]);
	});

	it('output sizes: valid (i-1)*s + k, same i*s, number p (i-1)*s + k - 2p', () => {
		expect(convTransposeOutputSize(3, 3, { stride: 2 })).toBe(7);
		expect(convTransposeOutputSize(3, 3, { stride: 2, padding: 'same' })).toBe(6);
		expect(convTransposeOutputSize(3, 3, { stride: 2, padding: 1 })).toBe(5);
		expect(convTransposeOutputSize(1, 1, { padding: 1 })).toBe(0);
	});
});

describe('conv2dTranspose vs tf.conv2dTranspose (seeded random cases)', () => {
	it('x=[1..6,1..6,1..3] f=[1..5,1..5,1..3,1..3] s=1..3 p in valid/same/number: 400 cases', () => {
		const rng = new Rng(9001);
		const log = new CaseLog();
		let n = 0;
		while (n < 400) {
			const [h, w, inC, outC] = [rng.int(1, 6), rng.int(1, 6), rng.int(1, 3), rng.int(1, 3)];
			const [kh, kw] = [rng.int(1, 5), rng.int(1, 5)];
			const stride: [number, number] = [rng.int(1, 3), rng.int(1, 3)];
			const kind = rng.pick(['valid', 'same', 'number'] as const);
			const padding = kind === 'number' ? rng.int(0, 2) : kind;
			const outH = convTransposeOutputSize(h, kh, { stride: stride[0], padding });
			const outW = convTransposeOutputSize(w, kw, { stride: stride[1], padding });
			if (outH < 1 || outW < 1) continue;
			n++;
			const x = rng.tensor([h, w, inC]);
			const f = rng.tensor([kh, kw, outC, inC]);
			const name = `x=[${h},${w},${inC}] f=[${kh},${kw},${outC},${inC}] s=[${stride.join(',')}] p=${padding}`;
			// tfjs reads a numeric pad with the kernel height and stride of rows for both axes; explicit padding is exact.
			const pad: 'valid' | 'same' | [[number, number], [number, number], [number, number], [number, number]] = typeof padding === 'number' ? [[0, 0], [padding, padding], [padding, padding], [0, 0]] : padding;
			const expected = unbatch(runTf(() => tf.conv2dTranspose(batch(x), tf4(f), [1, outH, outW, outC], stride, pad)));
			log.check(name, diff(conv2dTranspose(x, f, { stride, padding }), expected));
		}
		expect(log.failures).toEqual([]);
		expect(log.count).toBe(400);
	});
});
