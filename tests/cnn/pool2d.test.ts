import * as tf from '@tensorflow/tfjs';
import { globalPool, pool2d, tensor, toArray } from '../../src/cnn';
import { poolCases } from './cases';
import { batch, CaseLog, diff, Rng, runTf, unbatch, useTfCpu } from './helpers';

beforeAll(useTfCpu);
afterAll(() => expect(tf.memory().numTensors).toBe(0));

const GRID = [
	[1, 3, 2, 4],
	[5, 6, 1, 2],
	[7, 2, 9, 0],
	[1, 4, 3, 8],
];

describe('pool2d, fixed cases', () => {
	it('x=[4,4,1] max size=2 s=2 p=valid: the largest of each 2x2 block', () => {
		expect(toArray(pool2d(tensor(GRID), { type: 'max', size: 2, stride: 2 }))).toEqual([[6, 4], [7, 9]]);
	});

	it('x=[4,4,1] avg size=2 (stride defaults to size): the mean of each block', () => {
		expect(toArray(pool2d(tensor(GRID), { type: 'avg', size: 2 }))).toEqual([[3.75, 2.25], [3.5, 5]]);
	});

	it('x=[4,4,1] min size=2 s=2: the smallest of each block', () => {
		expect(toArray(pool2d(tensor(GRID), { type: 'min', size: 2 }))).toEqual([[1, 1], [1, 0]]);
	});

	it('x=[3,3,1] avg size=2 s=2 p=same: padded cells are not counted in the mean', () => {
		const x = tensor([[1, 2, 3], [4, 5, 6], [7, 8, 9]]);
		// Windows: [1,2,4,5] -> 3, [3,6] -> 4.5, [7,8] -> 7.5, [9] -> 9.
		expect(toArray(pool2d(x, { type: 'avg', size: 2, padding: 'same' }))).toEqual([[3, 4.5], [7.5, 9]]);
	});

	it('x=[3,3,1] max size=2 s=2 p=same on negative values: padding never wins', () => {
		const x = tensor([[-1, -2, -3], [-4, -5, -6], [-7, -8, -9]]);
		expect(toArray(pool2d(x, { type: 'max', size: 2, padding: 'same' }))).toEqual([[-1, -3], [-7, -9]]);
	});
});

describe('pool2d vs tf.maxPool / tf.avgPool / -tf.maxPool(-x) (seeded random cases)', () => {
	it('x=[1..9,1..9,1..4] size=1..4 s=1..4 p in valid/same, max/avg/min: 600 cases', () => {
		const log = new CaseLog();
		for (const { x, opts, name } of poolCases(31337, 600)) {
			const { type, size, stride, padding } = opts;
			const expected = unbatch(
				runTf(() => {
					if (type === 'avg') return tf.avgPool(batch(x), size, stride, padding);
					if (type === 'max') return tf.maxPool(batch(x), size, stride, padding);
					return tf.neg(tf.maxPool(tf.neg(batch(x)), size, stride, padding));
				}),
			);
			log.check(name, diff(pool2d(x, opts), expected));
		}
		expect(log.failures).toEqual([]);
		expect(log.count).toBe(600);
	});
});

describe('globalPool vs tf.max / tf.mean over the spatial axes (seeded random cases)', () => {
	it('x=[1..9,1..9,1..5] max and avg: 300 cases, output [1,1,c]', () => {
		const rng = new Rng(5);
		const log = new CaseLog();
		for (let i = 0; i < 300; i++) {
			const [h, w, c] = [rng.int(1, 9), rng.int(1, 9), rng.int(1, 5)];
			const type = rng.pick(['max', 'avg'] as const);
			const x = rng.tensor([h, w, c]);
			const expected = runTf(() => {
				const t = tf.tensor3d(x.data, [h, w, c]);
				return (type === 'max' ? tf.max(t, [0, 1], true) : tf.mean(t, [0, 1], true)).reshape([1, 1, c]);
			});
			log.check(`x=[${h},${w},${c}] ${type}`, diff(globalPool(x, type), expected));
		}
		expect(log.failures).toEqual([]);
	});
});
