/** pool2d (src/cnn) against tf.maxPool / tf.avgPool on tfjs's CPU backend, same inputs, same process. */
import * as tf from '@tensorflow/tfjs';
import { pool2d } from '../src/cnn';
import { randomTensor, type BenchCase, type BenchSuite } from './harness';

/** One pooling case: input [h, w, c], reduction, window, stride, padding, and the speed-up asked for. */
interface PoolSpec {
	x: [number, number, number];
	type: 'max' | 'avg';
	size: number;
	stride: number;
	padding: 'valid' | 'same';
	goal?: number;
}

const SPECS: PoolSpec[] = [
	{ x: [512, 512, 1], type: 'max', size: 2, stride: 2, padding: 'valid', goal: 5 },
	{ x: [512, 512, 1], type: 'avg', size: 2, stride: 2, padding: 'valid', goal: 5 },
	{ x: [256, 256, 16], type: 'max', size: 3, stride: 2, padding: 'same', goal: 3 },
	{ x: [256, 256, 16], type: 'avg', size: 3, stride: 2, padding: 'same', goal: 3 },
	{ x: [256, 256, 3], type: 'avg', size: 4, stride: 4, padding: 'valid' },
];

const held: tf.Tensor[] = []; // the cases' tfjs inputs, disposed by teardown

/** Our pool2d and tf's pooling (result read with dataSync, then disposed) on the same random input. */
function makeCase(spec: PoolSpec, seed: number): BenchCase {
	const x = randomTensor(spec.x, seed);
	const xt = tf.tensor4d(x.data, [1, ...spec.x]);
	held.push(xt);
	const pool = spec.type === 'max' ? tf.maxPool : tf.avgPool;
	return {
		name: `x=[${spec.x.join(',')}] ${spec.type} ${spec.size}x${spec.size} s=${spec.stride} p=${spec.padding}`,
		goal: spec.goal,
		ours: () => pool2d(x, { type: spec.type, size: spec.size, stride: spec.stride, padding: spec.padding }).data,
		reference: () => {
			const y = pool(xt, spec.size, spec.stride, spec.padding);
			const data = y.dataSync();
			y.dispose();
			return data instanceof Float32Array ? data : Float32Array.from(data);
		},
	};
}

const suite: BenchSuite = {
	title: 'pool2d (src/cnn) vs tf.maxPool / tf.avgPool on the tfjs cpu backend, one image (batch 1)',
	reference: 'tfjs-cpu',
	cases: async () => {
		tf.env().set('IS_NODE', false);
		await tf.setBackend('cpu');
		await tf.ready();
		return SPECS.map((spec, i) => makeCase(spec, 2000 + 10 * i));
	},
	teardown: () => {
		for (const t of held.splice(0)) t.dispose();
	},
};

export default suite;
