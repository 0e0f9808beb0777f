import * as tf from '@tensorflow/tfjs';
import { activate, ACTIVATIONS, tensor, toArray, type Activation } from '../../src/cnn';
import { CaseLog, diff, Rng, runTf, useTfCpu } from './helpers';

beforeAll(useTfCpu);
afterAll(() => expect(tf.memory().numTensors).toBe(0));

const TF: Record<Activation, (x: tf.Tensor) => tf.Tensor> = {
	relu: (x) => tf.relu(x),
	'leaky-relu': (x) => tf.leakyRelu(x, 0.2),
	sigmoid: (x) => tf.sigmoid(x),
	tanh: (x) => tf.tanh(x),
	softmax: (x) => tf.softmax(x),
};

describe('activate, fixed cases', () => {
	it('x=[1,4,1] relu / leaky-relu (alpha 0.2)', () => {
		const x = tensor([[-2, -0.5, 0, 3]]);
		expect(toArray(activate(x, 'relu'))).toEqual([[0, 0, 0, 3]]);
		expect(toArray(activate(x, 'leaky-relu'))).toEqual([[Math.fround(-0.4), Math.fround(-0.1), 0, 3]]);
	});

	it('x=[1,1,3] softmax over the channels sums to 1 and keeps the order', () => {
		const out = activate(tensor([[[1, 2, 3]]]), 'softmax');
		const [a = 0, b = 0, c = 0] = out.data;
		expect(a + b + c).toBeCloseTo(1, 6);
		expect(a < b && b < c).toBe(true);
	});

	it('softmax of large logits does not overflow', () => {
		const out = activate(tensor([[[1000, 1000]]]), 'softmax');
		expect(Array.from(out.data)).toEqual([0.5, 0.5]);
	});
});

describe('activate vs tf.relu / tf.leakyRelu(x, 0.2) / tf.sigmoid / tf.tanh / tf.softmax (seeded random cases)', () => {
	it('ranks 1..4, values in [-8, 8), every activation: 500 cases', () => {
		const rng = new Rng(123);
		const log = new CaseLog();
		for (let i = 0; i < 500; i++) {
			const shape = Array.from({ length: rng.int(1, 4) }, () => rng.int(1, 6));
			const fn = ACTIVATIONS[i % ACTIVATIONS.length] ?? 'relu';
			const x = rng.tensor(shape);
			for (let j = 0; j < x.data.length; j++) x.data[j] = (x.data[j] ?? 0) * 8;
			const expected = runTf(() => TF[fn](tf.tensor(x.data, shape)));
			log.check(`x=[${shape.join(',')}] ${fn}`, diff(activate(x, fn), expected, 1e-5));
		}
		expect(log.failures).toEqual([]);
	});
});
