/**
 * Small tfjs models for the engine's tests (built here, random weights), their files as
 * model.json + weight files, a fake vault for vault-model.ts, and an in-page model host.
 */
import * as tf from '@tensorflow/tfjs';
import { TFile } from 'obsidian';
import type { ModelFiles } from '../../src/model/artifacts';
import { startEngine } from '../../src/model/engine/engine';
import { ModelHost } from '../../src/model/host/client';
import { pagePort } from '../../src/model/host/start';
import type { ModelFileDeps } from '../../src/model/vault-model';

// Before any tensor exists: without it the cpu backend greets Node.js on the console, and the
// first model built here would try (and fail, noisily) to start WebGL in jsdom.
tf.env().set('IS_NODE', false);
void tf.setBackend('cpu');

/** A host whose engine runs in the page (cpu). */
export function pageHost(): ModelHost {
	return new ModelHost(pagePort((scope) => startEngine(scope)));
}

/** Live tensors of the host's engine. */
export async function tensors(host: ModelHost): Promise<number> {
	const stats = await host.stats();
	if (!stats.ok) throw new Error(JSON.stringify(stats.errors));
	return stats.value.numTensors;
}

/** A model's model.json (as parsed JSON, one weight file `weights.bin`) and its weights. */
export async function saved(model: tf.LayersModel): Promise<{ json: { modelTopology: unknown; format: string; weightsManifest: { paths: string[]; weights: tf.io.WeightsManifestEntry[] }[] }; weights: ArrayBuffer }> {
	let out: { json: { modelTopology: unknown; format: string; weightsManifest: { paths: string[]; weights: tf.io.WeightsManifestEntry[] }[] }; weights: ArrayBuffer } | null = null;
	await model.save(
		tf.io.withSaveHandler(async (a) => {
			const data = a.weightData;
			const weights = data instanceof ArrayBuffer ? data.slice(0) : tf.io.CompositeArrayBuffer.join(data ?? []);
			out = { json: { modelTopology: a.modelTopology, format: 'layers-model', weightsManifest: [{ paths: ['weights.bin'], weights: a.weightSpecs ?? [] }] }, weights };
			return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
		}),
	);
	if (!out) throw new Error('not saved');
	return out;
}

/** A model's files as the host's load takes them. */
export async function filesOf(model: tf.LayersModel): Promise<ModelFiles> {
	const { json, weights } = await saved(model);
	return { modelTopology: json.modelTopology as object, weightSpecs: json.weightsManifest[0]?.weights as ModelFiles['weightSpecs'], weightData: weights, format: 'layers-model' };
}

/** A fake vault: files by path (text or bytes) behind ModelFileDeps; `reads` counts binary reads. */
export function fakeVault(files: Record<string, string | ArrayBuffer>): ModelFileDeps & { reads: string[] } {
	const reads: string[] = [];
	const fileAt = (path: string): TFile | null => {
		if (!(path in files)) return null;
		const file = new TFile();
		file.path = path;
		return file;
	};
	return {
		reads,
		resolve: (linkpath) => fileAt(linkpath),
		readText: async (file) => {
			const content = files[file.path];
			if (typeof content !== 'string') throw new Error(`not text: ${file.path}`);
			return content;
		},
		readBinary: async (file) => {
			reads.push(file.path);
			const content = files[file.path];
			if (!(content instanceof ArrayBuffer)) throw new Error(`not bytes: ${file.path}`);
			return content.slice(0);
		},
	};
}

/** Random pixels for `count` pictures of shape [h, w, c], in [0, 1). */
export function randomPixels(shape: readonly number[], count = 1, seed = 1): Float32Array {
	let s = seed;
	const size = count * shape.reduce((a, b) => a * b, 1);
	return Float32Array.from({ length: size }, () => {
		s = (s * 16807) % 2147483647;
		return s / 2147483647;
	});
}

/** Gives every BatchNormalization layer (also in nested models) random statistics, so it changes what passes through. */
export function randomizeNorms(model: tf.LayersModel): void {
	for (const layer of model.layers) {
		if (layer instanceof tf.LayersModel) randomizeNorms(layer);
		else if (layer.getClassName() === 'BatchNormalization') {
			tf.tidy(() => layer.setWeights(layer.getWeights().map((w, i) => (i === 3 ? tf.randomUniform(w.shape, 0.5, 2) : tf.randomNormal(w.shape, 0, 0.5)))));
		}
	}
}

/** 32x32x3 -> conv 16 3x3 relu -> max pool -> conv 8 3x3 -> flatten -> dense 3 softmax (softmax folded). */
export function conv32(): tf.LayersModel {
	return tf.sequential({
		layers: [
			tf.layers.conv2d({ inputShape: [32, 32, 3], filters: 16, kernelSize: 3, activation: 'relu', name: 'c1' }),
			tf.layers.maxPooling2d({ poolSize: 2, name: 'p1' }),
			tf.layers.conv2d({ filters: 8, kernelSize: 3, name: 'c2' }),
			tf.layers.flatten({ name: 'flat' }),
			tf.layers.dense({ units: 3, activation: 'softmax', name: 'out' }),
		],
	});
}

/** 28x28x1 -> conv 4 3x3 -> flatten -> dense 4 (logits, no softmax). */
export function logits28(): tf.LayersModel {
	return tf.sequential({
		layers: [tf.layers.conv2d({ inputShape: [28, 28, 1], filters: 4, kernelSize: 3, name: 'c1' }), tf.layers.flatten({ name: 'flat' }), tf.layers.dense({ units: 4, name: 'scores' })],
	});
}

/** 20x20x1 -> conv 6 -> relu -> avg pool -> flatten -> dense 5 -> a separate softmax layer (`activation` or `softmax`). */
export function separateSoftmax(kind: 'activation' | 'softmax'): tf.LayersModel {
	return tf.sequential({
		layers: [
			tf.layers.conv2d({ inputShape: [20, 20, 1], filters: 6, kernelSize: 3, name: 'c1' }),
			tf.layers.reLU({ name: 'r1' }),
			tf.layers.averagePooling2d({ poolSize: 2, name: 'p1' }),
			tf.layers.flatten({ name: 'flat' }),
			tf.layers.dense({ units: 5, name: 'logits' }),
			kind === 'activation' ? tf.layers.activation({ activation: 'softmax', name: 'probs' }) : tf.layers.softmax({ name: 'probs' }),
		],
	});
}

/**
 * Like a Teachable Machine model: Sequential[ functional base (48x48x3 -> conv 12 -> batch norm ->
 * ReLU -> depthwise 3x3 -> global average pooling), Sequential head (dense 4 softmax) ].
 */
export function nested(): tf.LayersModel {
	const input = tf.input({ shape: [48, 48, 3], name: 'image' });
	let x = tf.layers.conv2d({ filters: 12, kernelSize: 3, padding: 'same', name: 'b_conv' }).apply(input) as tf.SymbolicTensor;
	x = tf.layers.batchNormalization({ name: 'b_norm' }).apply(x) as tf.SymbolicTensor;
	x = tf.layers.reLU({ name: 'b_relu' }).apply(x) as tf.SymbolicTensor;
	x = tf.layers.depthwiseConv2d({ kernelSize: 3, strides: 2, padding: 'same', name: 'b_dw' }).apply(x) as tf.SymbolicTensor;
	x = tf.layers.globalAveragePooling2d({ name: 'b_gap' }).apply(x) as tf.SymbolicTensor;
	const base = tf.model({ inputs: input, outputs: x, name: 'base' });
	const head = tf.sequential({ name: 'head', layers: [tf.layers.dense({ inputShape: [12], units: 4, activation: 'softmax', name: 'h_dense' })] });
	const model = tf.sequential({ layers: [base, head] });
	randomizeNorms(model);
	return model;
}

/**
 * Functional with a residual Add around a nested functional block: 16x16x3 -> conv 8 -> ReLU ->
 * block (conv 8 -> batch norm) -> add(ReLU, block) -> global max pooling -> dense 3 softmax.
 */
export function residual(): tf.LayersModel {
	const blockIn = tf.input({ shape: [16, 16, 8], name: 'block_in' });
	const bc = tf.layers.conv2d({ filters: 8, kernelSize: 3, padding: 'same', name: 'k_conv' }).apply(blockIn) as tf.SymbolicTensor;
	const bn = tf.layers.batchNormalization({ name: 'k_norm' }).apply(bc) as tf.SymbolicTensor;
	const block = tf.model({ inputs: blockIn, outputs: bn, name: 'block' });
	const input = tf.input({ shape: [16, 16, 3], name: 'pic' });
	const c = tf.layers.conv2d({ filters: 8, kernelSize: 3, padding: 'same', name: 'r_conv' }).apply(input) as tf.SymbolicTensor;
	const r = tf.layers.reLU({ name: 'r_relu' }).apply(c) as tf.SymbolicTensor;
	const b = block.apply(r) as tf.SymbolicTensor;
	const sum = tf.layers.add({ name: 'r_add' }).apply([r, b]) as tf.SymbolicTensor;
	const g = tf.layers.globalMaxPooling2d({ name: 'r_gmp' }).apply(sum) as tf.SymbolicTensor;
	const out = tf.layers.dense({ units: 3, activation: 'softmax', name: 'r_out' }).apply(g) as tf.SymbolicTensor;
	const model = tf.model({ inputs: input, outputs: out });
	randomizeNorms(model);
	return model;
}

/**
 * A MobileNet v1 of width `alpha` on 224x224x3 pictures (conv, 13 depthwise-separable blocks with
 * batch norm and ReLU6, global average pooling) under a Teachable Machine head (dense 100 ReLU,
 * dense `classes` softmax), nested as Teachable Machine saves it: Sequential[ base, head ].
 */
export function mobileNetLike(alpha: number, classes: number): tf.LayersModel {
	const width = (n: number): number => Math.max(8, Math.round(n * alpha));
	const input = tf.input({ shape: [224, 224, 3] });
	const step = (x: tf.SymbolicTensor, layer: tf.layers.Layer): tf.SymbolicTensor => layer.apply(x) as tf.SymbolicTensor;
	const normRelu6 = (x: tf.SymbolicTensor): tf.SymbolicTensor => step(step(x, tf.layers.batchNormalization({})), tf.layers.reLU({ maxValue: 6 }));
	let x = normRelu6(step(input, tf.layers.conv2d({ filters: width(32), kernelSize: 3, strides: 2, padding: 'same', useBias: false })));
	const blocks: [number, number][] = [[64, 1], [128, 2], [128, 1], [256, 2], [256, 1], [512, 2], [512, 1], [512, 1], [512, 1], [512, 1], [512, 1], [1024, 2], [1024, 1]];
	for (const [filters, strides] of blocks) {
		x = normRelu6(step(x, tf.layers.depthwiseConv2d({ kernelSize: 3, strides, padding: 'same', useBias: false })));
		x = normRelu6(step(x, tf.layers.conv2d({ filters: width(filters), kernelSize: 1, useBias: false })));
	}
	x = step(x, tf.layers.globalAveragePooling2d({}));
	const base = tf.model({ inputs: input, outputs: x, name: 'mobilenet' });
	const head = tf.sequential({
		name: 'head',
		layers: [tf.layers.dense({ inputShape: [width(1024)], units: 100, activation: 'relu' }), tf.layers.dense({ units: classes, activation: 'softmax' })],
	});
	return tf.sequential({ layers: [base, head] });
}

/** tfjs's kernel registry, but every kernel tfjs itself provides records its name in `calls` when it runs (to see which the training kernels leave to tfjs). */
export function spyingRegistry(calls: string[]): Pick<typeof tf, 'getKernel' | 'registerKernel' | 'unregisterKernel'> {
	return {
		getKernel: (name: string, backend: string) => {
			const kernel = tf.getKernel(name, backend);
			return (
				kernel && {
					...kernel,
					kernelFunc: (args: Parameters<typeof kernel.kernelFunc>[0]) => {
						calls.push(name);
						return kernel.kernelFunc(args);
					},
				}
			);
		},
		registerKernel: tf.registerKernel,
		unregisterKernel: tf.unregisterKernel,
	};
}
