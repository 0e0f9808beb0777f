/**
 * Any Layers model that classifies one picture, through the in-page model host: predictions equal
 * tfjs's own, layer outputs (nested ones too, channel-capped maps) equal each layer computed on its
 * own, classifyMany equals picture-by-picture predictions, and nothing leaks.
 */
import * as tf from '@tensorflow/tfjs';
import { mapChannels } from '../../src/model/engine/layers';
import { isCancelled, type ModelHost } from '../../src/model/host/client';
import type { ModelSummary } from '../../src/model/host/protocol';
import { conv32, filesOf, logits28, nested, pageHost, randomPixels, residual, separateSoftmax, tensors } from './model-fixtures';

/** Every value of `actual` within 1e-5 (relative to the value's size) of `expected`. */
function expectClose(actual: Float32Array, expected: ArrayLike<number>): void {
	expect(actual.length).toBe(expected.length);
	let worst = 0;
	for (let i = 0; i < actual.length; i++) worst = Math.max(worst, Math.abs((actual[i] ?? 0) - (expected[i] ?? 0)) / Math.max(1, Math.abs(expected[i] ?? 0)));
	expect(worst).toBeLessThanOrEqual(1e-5);
}

/** tfjs's own output of `model` on one picture. */
function direct(model: tf.LayersModel, pixels: Float32Array, shape: number[]): Float32Array {
	return tf.tidy(() => (model.predict(tf.tensor(pixels, [1, ...shape])) as tf.Tensor).dataSync() as Float32Array);
}

/** The output of `output` (a symbolic tensor of `model`'s graph) on `x`, capped to its first `channels` channels when a map. */
function outputOf(inputs: tf.SymbolicTensor[], output: tf.SymbolicTensor, x: tf.Tensor, channels?: number): Float32Array {
	return tf.tidy(() => {
		const probe = tf.model({ inputs, outputs: output });
		let y = probe.predict(x) as tf.Tensor;
		if (channels !== undefined && y.rank === 4) y = tf.slice(y, [0, 0, 0, 0], [1, y.shape[1] ?? 0, y.shape[2] ?? 0, channels]);
		return y.dataSync() as Float32Array;
	});
}

/** Loads `model` into `host`, or throws with its problems. */
async function load(host: ModelHost, model: tf.LayersModel, name: string): Promise<ModelSummary> {
	const summary = await host.load({ kind: 'files', files: await filesOf(model) }, name);
	if (!summary.ok) throw new Error(JSON.stringify(summary.errors));
	return summary.value;
}

/** Index of the layer named `name` in the summary. */
function at(summary: ModelSummary, name: string): number {
	const i = summary.layers.findIndex((l) => l.name === name);
	if (i < 0) throw new Error(`no layer ${name}`);
	return i;
}

describe('any model: predictions equal tfjs, and nothing leaks', () => {
	it.each([
		['conv 32x32x3, 3 classes, softmax folded into the last dense', conv32, [32, 32, 3], 'folded'],
		['conv 28x28x1, 4 classes, logits (linear last dense)', logits28, [28, 28, 1], 'none'],
		['a separate Activation softmax layer', () => separateSoftmax('activation'), [20, 20, 1], 'layer'],
		['a separate Softmax layer', () => separateSoftmax('softmax'), [20, 20, 1], 'layer'],
		['nested models like Teachable Machine (functional base, Sequential head)', nested, [48, 48, 3], 'folded'],
		['functional with a residual Add around a nested block', residual, [16, 16, 3], 'folded'],
	])('%s', async (_case, build, shape, softmax) => {
		const model = build();
		const host = pageHost();
		const start = await tensors(host);
		const summary = await load(host, model, 'm');
		expect(summary.input).toEqual(shape);
		expect(summary.softmax).toBe(softmax);
		const classes = model.outputs[0]?.shape[1] ?? 0;
		expect(summary.classes).toBe(classes);
		const pixels = randomPixels(shape, 3, 7);
		const size = shape.reduce((a, b) => a * b, 1);
		const rows: Float32Array[] = [];
		for (let k = 0; k < 3; k++) {
			const one = pixels.slice(k * size, (k + 1) * size);
			const answer = await host.predict(summary.model, one, []);
			if (!answer.ok) throw new Error(JSON.stringify(answer.errors));
			const expected = direct(model, one, shape);
			if (softmax === 'none') {
				expectClose(answer.value.logits, expected);
				expectClose(answer.value.probabilities, tf.tidy(() => tf.softmax(tf.tensor1d(expected)).dataSync()));
			} else expectClose(answer.value.probabilities, expected);
			expect(answer.value.probabilities.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
			expect(answer.value.label).toBe(answer.value.probabilities.indexOf(Math.max(...answer.value.probabilities)));
			rows.push(answer.value.probabilities);
		}
		const many = await host.classifyMany(summary.model, pixels, 3);
		if (!many.ok) throw new Error(JSON.stringify(many.errors));
		expect(many.value.probabilities).toHaveLength(3 * classes);
		for (let k = 0; k < 3; k++) expectClose(many.value.probabilities.slice(k * classes, (k + 1) * classes), rows[k] ?? []);
		host.dispose(summary.model);
		expect(await tensors(host)).toBe(start);
		host.close();
		model.dispose();
	});

	it('logits of a separate softmax layer are the layer before it; both layers are always read, the others only when asked', async () => {
		const model = separateSoftmax('softmax');
		const host = pageHost();
		const summary = await load(host, model, 'm');
		const pixels = randomPixels([20, 20, 1]);
		const answer = await host.predict(summary.model, pixels, [at(summary, 'r1')]);
		if (!answer.ok) throw new Error(JSON.stringify(answer.errors));
		const x = tf.tensor4d(pixels, [1, 20, 20, 1]);
		expectClose(answer.value.logits, outputOf(model.inputs, model.getLayer('logits').output as tf.SymbolicTensor, x));
		expect(answer.value.activations.map((a) => a.length)).toEqual([0, 18 * 18 * 6, 0, 0, 5, 5]);
		expectClose(answer.value.activations[1] ?? new Float32Array(0), outputOf(model.inputs, model.getLayer('r1').output as tf.SymbolicTensor, x));
		x.dispose();
		host.close();
		model.dispose();
	});

	it('classifyMany in steps of at most 2M input values: 5 pictures of 400x400x3 (4 a step) equal one-by-one predictions', async () => {
		const model = tf.sequential({ layers: [tf.layers.globalAveragePooling2d({ inputShape: [400, 400, 3] }), tf.layers.dense({ units: 2 })] });
		const host = pageHost();
		const start = await tensors(host);
		const summary = await load(host, model, 'big');
		const size = 400 * 400 * 3;
		const pixels = randomPixels([400, 400, 3], 5, 3);
		const many = await host.classifyMany(summary.model, pixels, 5);
		if (!many.ok) throw new Error(JSON.stringify(many.errors));
		for (let k = 0; k < 5; k++) {
			const one = await host.predict(summary.model, pixels.slice(k * size, (k + 1) * size), []);
			expectClose(many.value.probabilities.slice(k * 2, k * 2 + 2), one.ok ? one.value.probabilities : []);
		}
		const wrong = await host.classifyMany(summary.model, pixels.slice(1), 5);
		expect(wrong.ok ? null : wrong.errors[0]).toMatchObject({ code: 'classify.error.pixelCount', vars: { received: 5 * size - 1, expected: 5 * size } });
		host.dispose(summary.model);
		expect(await tensors(host)).toBe(start);
		host.close();
		model.dispose();
	});

	it('classifyMany of no pictures is empty; an aborted one answers as cancelled', async () => {
		const model = logits28();
		const host = pageHost();
		const summary = await load(host, model, 'm');
		const none = await host.classifyMany(summary.model, new Float32Array(0), 0);
		expect(none.ok && none.value.probabilities).toEqual(new Float32Array(0));
		const controller = new AbortController();
		controller.abort();
		expect(isCancelled(await host.classifyMany(summary.model, randomPixels([28, 28, 1], 2), 2, controller.signal))).toBe(true);
		host.close();
		model.dispose();
	});

	it('pixels of the wrong size: a translated problem, and the model stays usable', async () => {
		const model = conv32();
		const host = pageHost();
		const summary = await load(host, model, 'm');
		const wrong = await host.predict(summary.model, new Float32Array(784), []);
		expect(wrong.ok ? null : wrong.errors[0]).toMatchObject({ code: 'classify.error.pixelCount', vars: { model: 'm', received: 784, expected: 3072 } });
		expect((await host.predict(summary.model, randomPixels([32, 32, 3]), [])).ok).toBe(true);
		host.close();
		model.dispose();
	});
});

describe('any model: every layer described, nested ones included, and read when asked', () => {
	it('nested like Teachable Machine: the models and their layers with depth and children; inner outputs equal the layers computed on their own, large maps capped to 8 channels', async () => {
		const model = nested();
		const host = pageHost();
		const start = await tensors(host);
		const summary = await load(host, model, 'tm');
		const { layers } = summary;
		expect(layers.map((l) => [l.name, l.kind, l.depth, l.children])).toEqual([
			['base', 'model', 0, 6],
			['image', 'input', 1, undefined],
			['b_conv', 'conv', 1, undefined],
			['b_norm', 'norm', 1, undefined],
			['b_relu', 'relu', 1, undefined],
			['b_dw', 'depthwise', 1, undefined],
			['b_gap', 'global-pool', 1, undefined],
			['head', 'model', 0, 1],
			['h_dense', 'dense', 1, undefined],
		]);
		expect(layers.map((l) => l.source)).toEqual([undefined, undefined, undefined, 2, 2, undefined, undefined, undefined, undefined]);
		expect(layers.map((l) => l.channels)).toEqual([undefined, 3, 8, 8, 8, 12, undefined, undefined, undefined]);
		expect(layers[5]?.kernel?.shape).toEqual([3, 3, 12, 1]);
		expect(layers[0]?.params).toBe((model.layers[0] as tf.LayersModel).countParams());
		expect(mapChannels(48, 48, 12)).toBe(8);
		expect(mapChannels(24, 24, 40)).toBe(32);

		const pixels = randomPixels([48, 48, 3], 1, 5);
		const asked = ['image', 'b_conv', 'b_relu', 'b_dw', 'b_gap', 'base', 'h_dense', 'head'].map((n) => at(summary, n));
		const answer = await host.predict(summary.model, pixels, asked);
		if (!answer.ok) throw new Error(JSON.stringify(answer.errors));
		const a = answer.value.activations;
		const base = model.layers[0] as tf.LayersModel;
		const x = tf.tensor4d(pixels, [1, 48, 48, 3]);
		const inner = (name: string, channels?: number): Float32Array => outputOf(base.inputs, base.getLayer(name).output as tf.SymbolicTensor, x, channels);
		expectClose(a[at(summary, 'image')] ?? new Float32Array(0), pixels);
		expectClose(a[at(summary, 'b_conv')] ?? new Float32Array(0), inner('b_conv', 8));
		expect(a[at(summary, 'b_conv')]).toHaveLength(48 * 48 * 8);
		expectClose(a[at(summary, 'b_relu')] ?? new Float32Array(0), inner('b_relu', 8));
		expectClose(a[at(summary, 'b_dw')] ?? new Float32Array(0), inner('b_dw'));
		expectClose(a[at(summary, 'b_gap')] ?? new Float32Array(0), inner('b_gap'));
		expectClose(a[at(summary, 'base')] ?? new Float32Array(0), inner('b_gap'));
		expectClose(a[at(summary, 'h_dense')] ?? new Float32Array(0), direct(model, pixels, [48, 48, 3]));
		expectClose(a[at(summary, 'head')] ?? new Float32Array(0), direct(model, pixels, [48, 48, 3]));
		expect(a[at(summary, 'b_norm')]).toHaveLength(0); // not asked
		x.dispose();
		host.dispose(summary.model);
		expect(await tensors(host)).toBe(start);
		host.close();
		model.dispose();
	});

	it('residual: the Add, the nested block called on a tensor, and its inner layers', async () => {
		const model = residual();
		const host = pageHost();
		const summary = await load(host, model, 'res');
		const byName = new Map(summary.layers.map((l) => [l.name, l]));
		expect(byName.get('r_add')?.kind).toBe('merge');
		expect(byName.get('r_gmp')?.kind).toBe('global-pool');
		expect(byName.get('pic')?.kind).toBe('input');
		expect(byName.get('r_relu')?.source).toBe(at(summary, 'r_conv'));
		const block = at(summary, 'block');
		expect(summary.layers[block]).toMatchObject({ kind: 'model', depth: 0, children: 3 });
		expect(summary.layers.slice(block + 1, block + 4).map((l) => [l.name, l.depth])).toEqual([
			['block_in', 1],
			['k_conv', 1],
			['k_norm', 1],
		]);
		const pixels = randomPixels([16, 16, 3], 1, 11);
		const asked = ['r_relu', 'block', 'block_in', 'k_conv', 'k_norm', 'r_add'].map((n) => at(summary, n));
		const answer = await host.predict(summary.model, pixels, asked);
		if (!answer.ok) throw new Error(JSON.stringify(answer.errors));
		const a = answer.value.activations;
		const x = tf.tensor4d(pixels, [1, 16, 16, 3]);
		const top = (name: string): Float32Array => outputOf(model.inputs, model.getLayer(name).output as tf.SymbolicTensor, x);
		const relu = top('r_relu');
		const blockModel = model.getLayer('block') as tf.LayersModel;
		const r = tf.tensor4d(relu, [1, 16, 16, 8]);
		const inBlock = (name: string): Float32Array => outputOf(blockModel.inputs, blockModel.getLayer(name).output as tf.SymbolicTensor, r);
		expectClose(a[at(summary, 'r_relu')] ?? new Float32Array(0), relu);
		expectClose(a[at(summary, 'block_in')] ?? new Float32Array(0), relu);
		expectClose(a[at(summary, 'k_conv')] ?? new Float32Array(0), inBlock('k_conv'));
		expectClose(a[at(summary, 'k_norm')] ?? new Float32Array(0), inBlock('k_norm'));
		expectClose(a[at(summary, 'block')] ?? new Float32Array(0), inBlock('k_norm'));
		expectClose(a[at(summary, 'r_add')] ?? new Float32Array(0), top('r_add'));
		tf.dispose([x, r]);
		host.close();
		model.dispose();
	});

	it('two levels of nesting and a head ending in a Softmax layer: depths, children, logits from inside the head', async () => {
		const input = tf.input({ shape: [10, 10, 1], name: 'deep_in' });
		const conv = tf.layers.conv2d({ filters: 3, kernelSize: 3, name: 'deep_conv' }).apply(input) as tf.SymbolicTensor;
		const deepest = tf.model({ inputs: input, outputs: tf.layers.flatten({ name: 'deep_flat' }).apply(conv) as tf.SymbolicTensor, name: 'deepest' });
		const middle = tf.sequential({ name: 'middle', layers: [deepest, tf.layers.dense({ units: 6, name: 'mid_dense' })] });
		const head = tf.sequential({ name: 'head', layers: [tf.layers.dense({ inputShape: [6], units: 3, name: 'h_logits' }), tf.layers.softmax({ name: 'h_soft' })] });
		const model = tf.sequential({ layers: [middle, head] });
		const host = pageHost();
		const start = await tensors(host);
		const summary = await load(host, model, 'deep');
		expect(summary.layers.map((l) => [l.name, l.depth, l.children])).toEqual([
			['middle', 0, 5],
			['deepest', 1, 3],
			['deep_in', 2, undefined],
			['deep_conv', 2, undefined],
			['deep_flat', 2, undefined],
			['mid_dense', 1, undefined],
			['head', 0, 2],
			['h_logits', 1, undefined],
			['h_soft', 1, undefined],
		]);
		expect(summary.softmax).toBe('layer');
		const pixels = randomPixels([10, 10, 1], 1, 4);
		const answer = await host.predict(summary.model, pixels, [at(summary, 'deep_conv'), at(summary, 'mid_dense')]);
		if (!answer.ok) throw new Error(JSON.stringify(answer.errors));
		const x = tf.tensor4d(pixels, [1, 10, 10, 1]);
		const middleOut = tf.tidy(() => (middle.predict(x) as tf.Tensor).dataSync() as Float32Array);
		const logits = tf.tidy(() => (head.getLayer('h_logits').apply(tf.tensor2d(middleOut, [1, 6])) as tf.Tensor).dataSync());
		expectClose(answer.value.logits, logits);
		expectClose(answer.value.probabilities, direct(model, pixels, [10, 10, 1]));
		expectClose(answer.value.activations[at(summary, 'deep_conv')] ?? new Float32Array(0), outputOf(deepest.inputs, deepest.getLayer('deep_conv').output as tf.SymbolicTensor, x));
		expectClose(answer.value.activations[at(summary, 'mid_dense')] ?? new Float32Array(0), middleOut);
		expect(answer.value.activations[at(summary, 'h_logits')]).toHaveLength(3); // the logits layer is always read
		x.dispose();
		host.dispose(summary.model);
		expect(await tensors(host)).toBe(start);
		host.close();
		model.dispose();
	});

	it('a shared layer (applied twice) is described without outputs; the model still loads and predicts', async () => {
		const input = tf.input({ shape: [12, 12, 2] });
		const shared = tf.layers.conv2d({ filters: 2, kernelSize: 3, padding: 'same', name: 'twice' });
		const once = shared.apply(input) as tf.SymbolicTensor;
		const again = shared.apply(once) as tf.SymbolicTensor;
		const out = tf.layers.dense({ units: 3, activation: 'softmax' }).apply(tf.layers.flatten().apply(again)) as tf.SymbolicTensor;
		const model = tf.model({ inputs: input, outputs: out });
		const host = pageHost();
		// Channels 2 is neither gray nor colour: a 12x12x1 front makes the picture valid.
		const front = tf.input({ shape: [12, 12, 1] });
		const wrapped = tf.model({ inputs: front, outputs: model.apply(tf.layers.concatenate().apply([front, front])) as tf.SymbolicTensor });
		const summary = await load(host, wrapped, 'shared');
		const twice = at(summary, 'twice');
		const answer = await host.predict(summary.model, randomPixels([12, 12, 1]), summary.layers.map((_, i) => i));
		if (!answer.ok) throw new Error(JSON.stringify(answer.errors));
		expect(answer.value.activations[twice]).toHaveLength(0);
		expectClose(answer.value.probabilities, direct(wrapped, randomPixels([12, 12, 1]), [12, 12, 1]));
		host.close();
		wrapped.dispose();
	});
});
