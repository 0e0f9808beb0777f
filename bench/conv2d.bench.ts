/** conv2d (src/cnn) against tf.conv2d on tfjs's CPU backend, same inputs, same process. */
import * as tf from '@tensorflow/tfjs';
import { conv2d, type ConvOptions } from '../src/cnn';
import { randomTensor, type BenchCase, type BenchSuite } from './harness';

/** One conv2d case: input [h, w, c], filters [kh, kw, c, outC], stride and padding. */
interface ConvSpec {
	x: [number, number, number];
	f: [number, number, number, number];
	stride?: number;
	padding: 'valid' | 'same';
	goal?: number;
	budgetMs?: number;
	note?: string;
}

/** One frame at 60 Hz, in ms: the widget redraws a 256x256 image within it after a kernel edit. */
const FRAME_MS = 1000 / 60;

const SPECS: ConvSpec[] = [
	{ x: [512, 512, 1], f: [3, 3, 1, 1], padding: 'valid', goal: 10, note: 'the issue' },
	{ x: [512, 512, 1], f: [3, 3, 1, 1], padding: 'same', goal: 10 },
	{ x: [256, 256, 1], f: [3, 3, 1, 1], padding: 'valid', budgetMs: FRAME_MS, note: 'widget' },
	{ x: [256, 256, 1], f: [3, 3, 1, 1], padding: 'same', budgetMs: FRAME_MS, note: 'widget' },
	{ x: [512, 512, 1], f: [5, 5, 1, 1], padding: 'same' },
	{ x: [256, 256, 3], f: [3, 3, 3, 1], padding: 'same', note: 'RGB' },
	{ x: [128, 128, 3], f: [3, 3, 3, 8], stride: 2, padding: 'same' },
	{ x: [64, 64, 8], f: [3, 3, 8, 16], padding: 'same' },
];

/** Our conv2d and tf.conv2d (result read with dataSync, then disposed) on the same random tensors; `held` collects tfjs inputs to dispose. */
function makeCase(spec: ConvSpec, seed: number, held: tf.Tensor[]): BenchCase {
	const x = randomTensor(spec.x, seed);
	const f = randomTensor(spec.f, seed + 1);
	const stride = spec.stride ?? 1;
	const opts: ConvOptions = { stride, padding: spec.padding };
	const xt = tf.tensor4d(x.data, [1, ...spec.x]);
	const ft = tf.tensor4d(f.data, spec.f);
	held.push(xt, ft);
	const name = `x=[${spec.x.join(',')}] f=[${spec.f.join(',')}] s=${stride} p=${spec.padding}${spec.note ? ` (${spec.note})` : ''}`;
	return {
		name,
		goal: spec.goal,
		budgetMs: spec.budgetMs,
		ours: () => conv2d(x, f, opts).data,
		reference: () => {
			const y = tf.conv2d(xt, ft, stride, spec.padding);
			const data = y.dataSync();
			y.dispose();
			return data instanceof Float32Array ? data : Float32Array.from(data);
		},
	};
}

const held: tf.Tensor[] = []; // the cases' tfjs inputs, disposed by teardown

const suite: BenchSuite = {
	title: 'conv2d (src/cnn) vs tf.conv2d on the tfjs cpu backend, one image (batch 1)',
	reference: 'tfjs-cpu',
	cases: async () => {
		tf.env().set('IS_NODE', false); // no "use tfjs-node" banner: the cpu backend is the reference
		await tf.setBackend('cpu');
		await tf.ready();
		return SPECS.map((spec, i) => makeCase(spec, 1000 + 10 * i, held));
	},
	teardown: () => {
		for (const t of held.splice(0)) t.dispose();
	},
};

export default suite;
