/**
 * planArchitecture against tfjs Layers: the same Sequential model built with @tensorflow/tfjs has,
 * layer by layer, the planned output shape and parameter count, and the same total.
 */
import * as tf from '@tensorflow/tfjs';
import { planArchitecture, type PlannedLayer } from '../../src/train/architecture';

// As tests/model/model-fixtures.ts: the cpu backend, without its Node.js greeting.
tf.env().set('IS_NODE', false);
void tf.setBackend('cpu');

/** The tfjs layer of a planned layer; the first one takes the input shape. */
function tfLayer(layer: PlannedLayer, inputShape: number[] | undefined): tf.layers.Layer {
	const first = inputShape === undefined ? {} : { inputShape };
	switch (layer.kind) {
		case 'conv':
			return tf.layers.conv2d({ ...first, filters: layer.filters, kernelSize: layer.size, strides: layer.stride, padding: layer.padding });
		case 'pool':
			return (layer.type === 'max' ? tf.layers.maxPooling2d : tf.layers.averagePooling2d)({ ...first, poolSize: layer.size, strides: layer.size });
		case 'dropout':
			return tf.layers.dropout({ ...first, rate: layer.rate });
		case 'flatten':
			return tf.layers.flatten(first);
		case 'dense':
			return tf.layers.dense({ ...first, units: layer.units, activation: layer.softmax ? 'softmax' : 'linear' });
		case 'leaky-relu':
			return tf.layers.leakyReLU({ ...first, alpha: layer.alpha });
		default:
			return tf.layers.activation({ ...first, activation: layer.kind });
	}
}

const CASES: [string, string[], [number, number, number], number][] = [
	['the default list, digits 28x28x1, 10 classes', ['conv 8 3', 'relu', 'pool 2', 'conv 16 3', 'relu', 'pool 2', 'dense'], [28, 28, 1], 10],
	['the default list, rgb 32x32x3, 5 classes', ['conv 8 3', 'relu', 'pool 2', 'conv 16 3', 'relu', 'pool 2', 'dense'], [32, 32, 3], 5],
	['conv same, pool, dense 32 relu, dense', ['conv 8 3 same', 'relu', 'pool 2', 'dense 32', 'relu', 'dense'], [28, 28, 1], 10],
	['conv 16 5 stride 2, tanh, conv 8 3 2 same, sigmoid: flatten and dense added', ['conv 16 5 stride 2', 'tanh', 'conv 8 3 2 same', 'sigmoid'], [32, 32, 3], 4],
	['conv 4 7 stride 3 valid, pool avg 3, dense 10 with 10 classes (softmax on it)', ['conv 4 7 stride 3 valid', 'pool avg 3', 'dense 10'], [64, 64, 1], 10],
	['leaky-relu, pool max 4, dropouts, dense 64', ['conv 8 3', 'leaky-relu', 'pool max 4', 'dropout 0.25', 'dense 64', 'dropout 0.5', 'dense'], [40, 40, 3], 6],
	['conv 32 1 and three pools on 64x64x3', ['conv 32 1', 'pool 2', 'pool 2', 'pool 2'], [64, 64, 3], 3],
	['dense 128 on the input: flatten added first', ['dense 128', 'relu', 'dense'], [16, 16, 1], 2],
	['conv 64 3 same stride 4 on 17x17x1', ['conv 64 3 same stride 4', 'relu'], [17, 17, 1], 10],
	['conv 8 2 stride 3 on 16x16x3', ['conv 8 2 stride 3', 'pool avg 2'], [16, 16, 3], 2],
	['explicit flatten, dense 20, dense 3 with 3 classes', ['flatten', 'dense 20', 'dense 3'], [20, 20, 3], 3],
	['dense 5 last with 7 classes: a dense 7 is added', ['conv 8 3', 'dense 5'], [16, 16, 1], 7],
	['pool avg 3 on 20x20x1, conv 2 3 same stride 2', ['pool avg 3', 'conv 2 3 same stride 2', 'dense'], [20, 20, 1], 2],
];

describe('planArchitecture vs tfjs', () => {
	it.each(CASES)('%s', (_name, items, input, classes) => {
		const plan = planArchitecture(items, input, classes);
		if (!plan.ok) throw new Error(JSON.stringify(plan.errors));
		const model = tf.sequential();
		plan.value.layers.forEach((layer, i) => model.add(tfLayer(layer, i === 0 ? [...input] : undefined)));
		plan.value.layers.forEach((layer, i) => {
			const theirs = model.layers[i]!;
			expect({ i, kind: layer.kind, shape: layer.shape, params: layer.params }).toEqual({ i, kind: layer.kind, shape: (theirs.outputShape as number[]).slice(1), params: theirs.countParams() });
		});
		expect(plan.value.params).toBe(model.countParams());
		const last = plan.value.layers[plan.value.layers.length - 1];
		expect(last).toMatchObject({ kind: 'dense', units: classes, softmax: true });
		model.dispose();
	});
});
