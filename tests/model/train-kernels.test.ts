/**
 * The training kernels of the model worker give tfjs's own gradients (convolution: filter and
 * input, valid and same padding, strides 1 and 2, 1 and 3 input channels; max pooling), and
 * removing them puts tfjs's kernels back.
 */
import * as tf from '@tensorflow/tfjs';
import { installTrainKernels } from '../../src/model/engine/train-kernels';
import { spyingRegistry } from './model-fixtures';

beforeAll(async () => {
	await tf.setBackend('cpu');
});

/** The gradients of sum(maxPool(conv(x, w) * dy)) with respect to x and w. */
function gradients(x: tf.Tensor4D, w: tf.Tensor4D, stride: number, pad: 'valid' | 'same', pool: boolean): number[][] {
	return tf.tidy(() => {
		const y = tf.conv2d(x, w, stride, pad);
		const dy = tf.randomNormal(y.shape, 0, 1, 'float32', 9);
		const f = (a: tf.Tensor, b: tf.Tensor): tf.Scalar => {
			const z = tf.mul<tf.Tensor4D>(tf.conv2d(a as tf.Tensor4D, b as tf.Tensor4D, stride, pad), dy);
			return tf.sum(pool ? tf.maxPool(z, 2, 2, 'valid') : z);
		};
		return tf.grads(f)([x, w]).map((g) => Array.from(g.dataSync()));
	});
}

type Shape4 = [number, number, number, number];
const CASES: [Shape4, Shape4, number, 'valid' | 'same', boolean][] = [
	[[2, 9, 8, 3], [3, 3, 3, 4], 1, 'valid', true],
	[[3, 11, 10, 2], [3, 2, 2, 5], 2, 'valid', true],
	[[2, 8, 8, 1], [3, 3, 1, 4], 1, 'same', true],
	[[2, 9, 7, 3], [5, 5, 3, 2], 2, 'same', false],
	[[1, 6, 6, 4], [1, 1, 4, 3], 1, 'same', true],
];

describe('training kernels', () => {
	it.each(CASES)('x %j, w %j, stride %d, %s padding, pool %s: the same gradients as tfjs', (xs, ws, stride, pad, pool) => {
		const x = tf.randomNormal<tf.Rank.R4>(xs, 0, 1, 'float32', 7);
		const w = tf.randomNormal<tf.Rank.R4>(ws, 0, 1, 'float32', 8);
		const reference = gradients(x, w, stride, pad, pool);
		const remove = installTrainKernels(tf);
		const ours = gradients(x, w, stride, pad, pool);
		remove();
		for (let k = 0; k < 2; k++) {
			const a = ours[k] ?? [];
			const b = reference[k] ?? [];
			expect(a).toHaveLength(b.length);
			let worst = 0;
			for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs((a[i] ?? 0) - (b[i] ?? 0)));
			expect(worst).toBeLessThan(1e-4);
		}
		x.dispose();
		w.dispose();
	});

	it('are installed and removed: the registry holds ours while installed and tfjs own afterwards (removing twice is harmless)', () => {
		const before = tf.getKernel('Conv2DBackpropFilter', 'cpu')?.kernelFunc;
		const remove = installTrainKernels(tf);
		expect(tf.getKernel('Conv2DBackpropFilter', 'cpu')?.kernelFunc).not.toBe(before);
		remove();
		remove();
		expect(tf.getKernel('Conv2DBackpropFilter', 'cpu')?.kernelFunc).toBe(before);
	});

	it('compute these cases themselves: of tfjs own kernels only the full sum and its gradient\'s broadcast multiply are called', () => {
		const calls: string[] = [];
		const registry = spyingRegistry(calls);
		const remove = installTrainKernels(registry);
		for (const [xs, ws, stride, pad, pool] of CASES) {
			const x = tf.randomNormal<tf.Rank.R4>(xs, 0, 1, 'float32', 7);
			const w = tf.randomNormal<tf.Rank.R4>(ws, 0, 1, 'float32', 8);
			gradients(x, w, stride, pad, pool);
			x.dispose();
			w.dispose();
		}
		remove();
		expect(calls).toEqual(CASES.flatMap(() => ['Sum', 'Multiply']));
	});

	it('leave no tensor behind', () => {
		const x = tf.randomNormal<tf.Rank.R4>([2, 8, 8, 2], 0, 1, 'float32', 3);
		const w = tf.randomNormal<tf.Rank.R4>([3, 3, 2, 3], 0, 1, 'float32', 4);
		const remove = installTrainKernels(tf);
		const before = tf.memory().numTensors;
		gradients(x, w, 1, 'same', true);
		expect(tf.memory().numTensors).toBe(before);
		remove();
		x.dispose();
		w.dispose();
	});
});
