/**
 * The forward kernels installed for training (src/model/engine/forward-kernels.ts) give tfjs's own
 * results: Conv2D and FusedConv2D (valid and same padding, strides 1 and 2, channel counts that are
 * and are not multiples of 4, bias, relu), MaxPool, Relu, Step, Multiply and Sum over leading axes,
 * NaN included; the cases they leave to tfjs (broadcasting, other axes, other dtypes) still work.
 */
import * as tf from '@tensorflow/tfjs';
import { installTrainKernels } from '../../src/model/engine/train-kernels';
import { spyingRegistry } from './model-fixtures';

beforeAll(async () => {
	await tf.setBackend('cpu');
});

/** `run`'s values with tfjs's kernels and with ours, and their shapes. */
function both(run: () => tf.Tensor): { ours: Float32Array; theirs: Float32Array; shapes: [number[], number[]] } {
	const a = tf.tidy(run);
	const remove = installTrainKernels(tf);
	const b = tf.tidy(run);
	remove();
	const out = { theirs: Float32Array.from(a.dataSync()), ours: Float32Array.from(b.dataSync()), shapes: [a.shape, b.shape] as [number[], number[]] };
	a.dispose();
	b.dispose();
	return out;
}

/** Largest absolute difference (NaN where exactly one side is NaN, or the lengths differ). */
function worst(a: Float32Array, b: Float32Array): number {
	if (a.length !== b.length) return NaN;
	let d = 0;
	for (let i = 0; i < a.length; i++) {
		const x = a[i] ?? 0;
		const y = b[i] ?? 0;
		if (Number.isNaN(x) || Number.isNaN(y)) {
			if (Number.isNaN(x) !== Number.isNaN(y)) return NaN;
			continue;
		}
		d = Math.max(d, x === y ? 0 : Math.abs(x - y));
	}
	return d;
}

/** Expects ours to equal tfjs's within `tolerance` (and the same shape). */
function expectSame(run: () => tf.Tensor, tolerance = 1e-5): void {
	const { ours, theirs, shapes } = both(run);
	expect(shapes[1]).toEqual(shapes[0]);
	expect(worst(ours, theirs)).toBeLessThanOrEqual(tolerance);
}

/** Seeded standard-normal values of any shape, and of a 4-d shape. */
const normal = (shape: number[], seed: number): tf.Tensor => tf.randomNormal(shape, 0, 1, 'float32', seed);
const normal4 = (shape: number[], seed: number): tf.Tensor4D => tf.randomNormal<tf.Rank.R4>(shape as [number, number, number, number], 0, 1, 'float32', seed);

type Shape4 = [number, number, number, number];
const CONVS: [Shape4, Shape4, number | [number, number], 'valid' | 'same'][] = [
	[[2, 28, 28, 1], [3, 3, 1, 8], 1, 'valid'],
	[[3, 13, 13, 8], [3, 3, 8, 16], 1, 'valid'],
	[[2, 9, 8, 3], [3, 3, 3, 4], 1, 'same'],
	[[2, 11, 10, 2], [3, 2, 2, 5], 2, 'valid'],
	[[1, 9, 7, 5], [5, 5, 5, 6], 2, 'same'],
	[[2, 8, 9, 3], [2, 3, 3, 3], [2, 1], 'same'],
	[[1, 6, 6, 4], [1, 1, 4, 3], 1, 'same'],
];

describe('forward kernels', () => {
	it.each(CONVS)('conv2d x=%j f=%j s=%j p=%s: tfjs own output', (xs, ws, stride, pad) => {
		expectSame(() => tf.conv2d(normal4(xs, 1), normal4(ws, 2), stride, pad));
	});

	it.each(CONVS)('fused conv2d x=%j f=%j s=%j p=%s with a bias, linear and relu: tfjs own output', (xs, ws, stride, pad) => {
		for (const activation of ['linear', 'relu'] as const) {
			expectSame(() => tf.fused.conv2d({ x: normal4(xs, 3), filter: normal4(ws, 4), strides: stride, pad, bias: normal([ws[3]], 5), activation }));
		}
	});

	it.each([
		[[2, 26, 26, 8], 2, 2],
		[[3, 11, 11, 16], 2, 2],
		[[1, 9, 7, 3], 3, 1],
		[[2, 10, 9, 5], 3, 2],
	] as [Shape4, number, number][])('maxPool x=%j size %d stride %d valid: tfjs own output', (xs, size, stride) => {
		expectSame(() => tf.maxPool(normal4(xs, 6), size, stride, 'valid'), 0);
	});

	it('relu, step (alpha 0 and 0.3) and maxPool treat NaN and -0 as tfjs does', () => {
		const values = () => tf.tensor4d([NaN, -0, 0, 1.5, -2, NaN, NaN, NaN, 3, -1, 0.5, -0.5], [1, 2, 6, 1]);
		expectSame(() => tf.relu(values()), 0);
		expectSame(() => tf.step(values()), 0);
		expectSame(() => tf.step(values(), 0.3), 0);
		expectSame(() => tf.maxPool(values(), 2, 2, 'valid'), 0);
	});

	it('relu and step of [4, 26, 26, 8]: tfjs own output', () => {
		expectSame(() => tf.relu(normal([4, 26, 26, 8], 7)), 0);
		expectSame(() => tf.step(normal([4, 26, 26, 8], 8)), 0);
	});

	it('multiply of one shape, and broadcast ones and int32 ones (left to tfjs): tfjs own output', () => {
		expectSame(() => tf.mul(normal([4, 11, 11, 16], 9), normal([4, 11, 11, 16], 10)), 0);
		expectSame(() => tf.mul(normal([4, 5, 3], 11), normal([3], 12)), 0);
		expectSame(() => tf.mul(tf.tensor1d([1, 2, 3], 'int32'), tf.tensor1d([4, 5, 6], 'int32')), 0);
	});

	it.each([
		[[32, 26, 26, 8], [0, 1, 2], false],
		[[32, 10], [0], false],
		[[5, 4, 3], [0, 1], true],
		[[5, 4, 3], [-3], false],
		[[5, 4, 3], [1, 0], false],
		[[5, 4, 3], [1, 2], false],
		[[5, 4, 3], [0, 2], true],
		[[5, 4, 3], [0, 1, 2], false],
	] as [number[], number[], boolean][])('sum x=%j over %j keepDims %s: tfjs own output', (xs, axes, keepDims) => {
		expectSame(() => tf.sum(normal(xs, 13), axes, keepDims), 1e-6);
	});

	it('handle these cases themselves: tfjs own kernels are called only for what they leave to it', () => {
		const calls: string[] = [];
		const registry = spyingRegistry(calls);
		const remove = installTrainKernels(registry);
		tf.tidy(() => {
			const x = normal4([2, 9, 8, 3], 1);
			const y = tf.fused.conv2d({ x, filter: normal4([3, 3, 3, 4], 2), strides: 2, pad: 'same', bias: normal([4], 3) });
			const z = tf.relu(tf.conv2d(x, normal4([3, 3, 3, 4], 2), 1, 'valid'));
			tf.sum(tf.mul(tf.step(z), z), [0, 1, 2]);
			tf.maxPool(y, 2, 2, 'valid');
			expect(calls).toEqual([]);
			tf.sum(z, [3]);
			tf.mul(z, tf.scalar(2));
		});
		remove();
		expect(calls).toEqual(['Sum', 'Multiply']);
	});

	it('leave no tensor behind', () => {
		const remove = installTrainKernels(tf);
		const before = tf.memory().numTensors;
		tf.tidy(() => {
			tf.sum(tf.maxPool(tf.relu(tf.conv2d(normal4([2, 8, 8, 2], 1), normal4([3, 3, 2, 3], 2), 1, 'same')), 2, 2, 'valid'), [0, 1, 2]);
		});
		expect(tf.memory().numTensors).toBe(before);
		remove();
	});
});
