/**
 * Models that cannot classify here, each refused with its own translated message (English and
 * Spanish) and no tensor left behind: files the vault holds wrongly (not JSON, graph model,
 * missing or truncated shard, float16 / quantized weights, too large), and models whose input,
 * output, classes or layer types do not fit. Two shards that are right load like one.
 */
import * as tf from '@tensorflow/tfjs';
import { format, type MessageKey } from '../../src/i18n';
import '../../src/i18n/train-messages';
import { catalogFor } from '../../src/i18n';
import { MAX_WEIGHT_BYTES } from '../../src/model/limits';
import type { Problem } from '../../src/result';
import { vaultModelArtifacts } from '../../src/model/vault-model';
import { conv32, fakeVault, filesOf, pageHost, randomPixels, saved, tensors } from './model-fixtures';

/** The catalogs with every registered area (the cnn-train messages included). */
const en = catalogFor('en');
const es = catalogFor('es');

/** The model.json of `model` split into two weight files, and the files. */
async function twoShards(model: tf.LayersModel): Promise<Record<string, string | ArrayBuffer>> {
	const { json, weights } = await saved(model);
	const half = Math.floor(weights.byteLength / 8) * 4;
	const manifest = [{ paths: ['group1-shard1of2.bin', 'group1-shard2of2.bin'], weights: json.weightsManifest[0]?.weights ?? [] }];
	return {
		'models/m/model.json': JSON.stringify({ ...json, weightsManifest: manifest }),
		'models/m/group1-shard1of2.bin': weights.slice(0, half),
		'models/m/group1-shard2of2.bin': weights.slice(half),
	};
}

/** The problem's message in English and Spanish (no placeholder left over). */
function messages(problem: Problem | undefined): [string, string] {
	if (!problem) throw new Error('no problem');
	const key: MessageKey = problem.code;
	const both: [string, string] = [format(en[key], problem.vars, 'en'), format(es[key], problem.vars, 'es')];
	for (const text of both) expect(text).not.toMatch(/\{\w+\}/);
	return both;
}

describe('vault files', () => {
	it('two shards listed in one manifest group load like one file, and predict as tfjs does', async () => {
		const model = conv32();
		const vault = fakeVault(await twoShards(model));
		const read = await vaultModelArtifacts(vault, 'models/m/model.json', 'note.md');
		if (!read.ok) throw new Error(JSON.stringify(read.errors));
		expect(vault.reads).toEqual(['models/m/group1-shard1of2.bin', 'models/m/group1-shard2of2.bin']);
		const host = pageHost();
		const summary = await host.load({ kind: 'files', files: read.value.files }, 'models/m/model.json');
		if (!summary.ok) throw new Error(JSON.stringify(summary.errors));
		const pixels = randomPixels([32, 32, 3]);
		const answer = await host.predict(summary.value.model, pixels, []);
		const expected = tf.tidy(() => (model.predict(tf.tensor4d(pixels, [1, 32, 32, 3])) as tf.Tensor).dataSync());
		const got = answer.ok ? Array.from(answer.value.probabilities) : [];
		if (!answer.ok) throw new Error(JSON.stringify(answer.errors));
		expect(got).toHaveLength(3);
		for (const [i, p] of got.entries()) expect(Math.abs(p - (expected[i] ?? 0))).toBeLessThan(1e-5);
		host.close();
		model.dispose();
	});

	it.each<[string, (f: Record<string, string | ArrayBuffer>) => Record<string, string | ArrayBuffer>, MessageKey, Record<string, unknown>]>([
		['model.json that is not JSON', (f: Record<string, string | ArrayBuffer>) => ({ ...f, 'models/m/model.json': '{"modelTopology": ' }), 'classify.error.modelInvalid', {}],
		['a missing shard', (f: Record<string, string | ArrayBuffer>) => ({ 'models/m/model.json': f['models/m/model.json'] ?? '', 'models/m/group1-shard1of2.bin': f['models/m/group1-shard1of2.bin'] ?? '' }), 'classify.error.weightsMissing', { file: 'models/m/group1-shard2of2.bin', model: 'models/m/model.json' }],
		['a truncated shard', (f: Record<string, string | ArrayBuffer>) => ({ ...f, 'models/m/group1-shard2of2.bin': (f['models/m/group1-shard2of2.bin'] as ArrayBuffer).slice(0, 100) }), 'classify.error.weightsSize', { file: 'models/m/model.json' }],
	])('%s: its own message', async (_case, change, code, vars) => {
		const model = conv32();
		const files = change(await twoShards(model));
		const read = await vaultModelArtifacts(fakeVault(files), 'models/m/model.json', 'note.md');
		expect(read.ok ? null : read.errors[0]).toMatchObject({ code, vars });
		messages(read.ok ? undefined : read.errors[0]);
		model.dispose();
	});

	it('a truncated shard names the bytes found and expected', async () => {
		const model = conv32();
		const files = await twoShards(model);
		const whole = (files['models/m/group1-shard1of2.bin'] as ArrayBuffer).byteLength + (files['models/m/group1-shard2of2.bin'] as ArrayBuffer).byteLength;
		files['models/m/group1-shard2of2.bin'] = (files['models/m/group1-shard2of2.bin'] as ArrayBuffer).slice(0, 100);
		const read = await vaultModelArtifacts(fakeVault(files), 'models/m/model.json', 'note.md');
		const problem = read.ok ? undefined : read.errors[0];
		expect(problem?.vars).toEqual({ file: 'models/m/model.json', found: (files['models/m/group1-shard1of2.bin'] as ArrayBuffer).byteLength + 100, expected: whole });
		expect(messages(problem)[0]).toContain('bytes, but its model.json lists');
		model.dispose();
	});

	it.each([
		['format graph-model', { format: 'graph-model', modelTopology: { node: [] }, weightsManifest: [] }],
		['a GraphDef topology without format', { modelTopology: { node: [{ name: 'x', op: 'Placeholder' }], library: {} }, weightsManifest: [] }],
	])('a graph model (%s): how to save a Layers model instead', async (_case, json) => {
		const read = await vaultModelArtifacts(fakeVault({ 'g/model.json': JSON.stringify(json) }), 'g/model.json', 'note.md');
		const problem = read.ok ? undefined : read.errors[0];
		expect(problem).toMatchObject({ code: 'classify.error.graphModel', vars: { file: 'g/model.json' } });
		const [english, spanish] = messages(problem);
		expect(english).toContain('tensorflowjs_converter --input_format keras --output_format tfjs_layers_model');
		expect(spanish).toContain('modelo de grafo');
	});

	it.each([
		['float16 weights', { dtype: 'float16' }, 'float16'],
		['quantized weights', { dtype: 'float32', quantization: { dtype: 'uint8', min: 0, scale: 1 } }, 'uint8 (quantized)'],
	])('%s: a clear message naming the weight and its type', async (_case, entry, dtype) => {
		const json = { modelTopology: { class_name: 'Sequential', config: { layers: [] } }, weightsManifest: [{ paths: ['w.bin'], weights: [{ name: 'dense/kernel', shape: [2, 2], ...entry }] }] };
		const read = await vaultModelArtifacts(fakeVault({ 'q/model.json': JSON.stringify(json), 'q/w.bin': new ArrayBuffer(16) }), 'q/model.json', 'note.md');
		expect(read.ok ? null : read.errors[0]).toMatchObject({ code: 'classify.error.weightType', vars: { file: 'q/model.json', weight: 'dense/kernel', dtype } });
		messages(read.ok ? undefined : read.errors[0]);
	});

	it('weights over the limit are refused from the manifest, before any weight file is read', async () => {
		const elements = MAX_WEIGHT_BYTES / 4 + 1000;
		const json = { modelTopology: { class_name: 'Sequential', config: { layers: [] } }, weightsManifest: [{ paths: ['w.bin'], weights: [{ name: 'huge', shape: [elements], dtype: 'float32' }] }] };
		const vault = fakeVault({ 'big/model.json': JSON.stringify(json), 'big/w.bin': new ArrayBuffer(8) });
		const read = await vaultModelArtifacts(vault, 'big/model.json', 'note.md');
		const problem = read.ok ? undefined : read.errors[0];
		expect(problem).toMatchObject({ code: 'classify.error.tooLarge', vars: { file: 'big/model.json', size: 40, limit: 40 } });
		expect(vault.reads).toEqual([]);
		expect(messages(problem)[0]).toBe('The model “big/model.json” has 40 MB of weights, more than the 40 MB a note can load.');
	});
});

/** A functional model from `inputs` (shapes without batch) through `body` to its outputs. */
function functional(shapes: (number | null)[][], body: (inputs: tf.SymbolicTensor[]) => tf.SymbolicTensor[]): tf.LayersModel {
	const inputs = shapes.map((shape) => tf.input({ shape }));
	return tf.model({ inputs, outputs: body(inputs) });
}

/** global average pooling -> dense `units`. */
const pooledDense = (units: number) => (inputs: tf.SymbolicTensor[]): tf.SymbolicTensor[] => [tf.layers.dense({ units }).apply(tf.layers.globalAveragePooling2d({}).apply(inputs[0] ?? [])) as tf.SymbolicTensor];

describe('models that do not fit', () => {
	it.each<[string, () => tf.LayersModel, MessageKey, Record<string, unknown>]>([
		['two inputs', () => functional([[8, 8, 1], [8, 8, 1]], (i) => [tf.layers.dense({ units: 2 }).apply(tf.layers.flatten().apply(tf.layers.add().apply(i))) as tf.SymbolicTensor]), 'classify.error.inputCount', { count: 2 }],
		['a vector input', () => tf.sequential({ layers: [tf.layers.dense({ inputShape: [10], units: 2 })] }), 'classify.error.inputShape', { received: '10', min: 8, max: 512 }],
		['2 channels', () => functional([[16, 16, 2]], pooledDense(3)), 'classify.error.inputShape', { received: '16x16x2' }],
		['an open height and width', () => functional([[null, null, 3]], pooledDense(3)), 'classify.error.inputShape', { received: '?x?x3' }],
		['4x4 pictures', () => functional([[4, 4, 1]], pooledDense(3)), 'classify.error.inputShape', { received: '4x4x1' }],
		['600x600 pictures', () => functional([[600, 600, 1]], pooledDense(3)), 'classify.error.inputShape', { received: '600x600x1' }],
		['two outputs', () => functional([[8, 8, 1]], (i) => [...pooledDense(2)(i), ...pooledDense(3)(i)]), 'classify.error.outputShape', { received: '2, 3' }],
		['maps as output', () => functional([[8, 8, 1]], (i) => [tf.layers.conv2d({ filters: 2, kernelSize: 3 }).apply(i[0] ?? []) as tf.SymbolicTensor]), 'classify.error.outputShape', { received: '6x6x2' }],
		['one class', () => functional([[8, 8, 1]], pooledDense(1)), 'classify.error.classCount', { count: 1, min: 2, max: 1000 }],
		['1001 classes', () => functional([[8, 8, 1]], pooledDense(1001)), 'classify.error.classCount', { count: 1001, min: 2, max: 1000 }],
	])('%s: its own message, nothing left in memory', async (_case, build, code, vars) => {
		const model = build();
		const host = pageHost();
		const start = await tensors(host);
		const result = await host.load({ kind: 'files', files: await filesOf(model) }, 'bad');
		const problem = result.ok ? undefined : result.errors[0];
		expect(problem).toMatchObject({ code, vars: { model: 'bad', ...vars } });
		messages(problem);
		expect(await tensors(host)).toBe(start);
		host.close();
		model.dispose();
	});

	it('layer types tfjs does not know, in the model or nested models: named before anything is built', async () => {
		const model = conv32();
		const files = await filesOf(model);
		const topology = JSON.parse(JSON.stringify(files.modelTopology)) as { config: { layers: { class_name: string; config: unknown }[] } };
		const layers = topology.config.layers;
		if (layers[1]) layers[1].class_name = 'TFOpLambda';
		layers.push({ class_name: 'Functional', config: { name: 'inner', layers: [{ class_name: 'Rescaling2', config: {} }, { class_name: 'TFOpLambda', config: {} }] } });
		const host = pageHost();
		const start = await tensors(host);
		const result = await host.load({ kind: 'files', files: { ...files, modelTopology: topology } }, 'custom');
		const problem = result.ok ? undefined : result.errors[0];
		expect(problem).toMatchObject({ code: 'classify.error.layerType', vars: { model: 'custom', layers: 'TFOpLambda, Rescaling2' } });
		expect(messages(problem)[0]).toContain('uses layers that TensorFlow.js cannot build: TFOpLambda, Rescaling2');
		expect(await tensors(host)).toBe(start);
		host.close();
		model.dispose();
	});

	it('a graph model handed to the engine directly is refused too', async () => {
		const host = pageHost();
		const result = await host.load({ kind: 'files', files: { modelTopology: { node: [] }, weightSpecs: [], weightData: new ArrayBuffer(0) } }, 'g');
		expect(result.ok ? null : result.errors[0]).toMatchObject({ code: 'classify.error.graphModel', vars: { file: 'g' } });
		host.close();
	});

	it('weights of the wrong size handed to the engine directly: the size message, nothing left in memory', async () => {
		const model = conv32();
		const files = await filesOf(model);
		const host = pageHost();
		const start = await tensors(host);
		const result = await host.load({ kind: 'files', files: { ...files, weightData: files.weightData.slice(0, 400) } }, 'short');
		expect(result.ok ? null : result.errors[0]).toMatchObject({ code: 'classify.error.weightsSize', vars: { file: 'short', found: 400, expected: files.weightData.byteLength } });
		expect(await tensors(host)).toBe(start);
		host.close();
		model.dispose();
	});

	it('weights that do not build (a kernel of the wrong shape): the load error, nothing left in memory', async () => {
		const model = conv32();
		const files = await filesOf(model);
		const specs = files.weightSpecs.map((w, i) => (i === 0 ? { ...w, shape: [w.shape.reduce((a, b) => a * b, 1)] } : w));
		const host = pageHost();
		const start = await tensors(host);
		const result = await host.load({ kind: 'files', files: { ...files, weightSpecs: specs } }, 'reshaped');
		expect(result.ok ? null : result.errors[0]?.code).toBe('classify.error.load');
		expect(await tensors(host)).toBe(start);
		host.close();
		model.dispose();
	});
});
