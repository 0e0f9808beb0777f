// The big vault model of vault-model.bench.mjs: a MobileNet-v1-like classifier (alpha 0.5, 224x224x3)
// nested as Teachable Machine saves one, built in Node with tfjs (cpu, seeded initialisers: the same
// weights every run), written with a copy of the example vault into a temporary folder that a second
// preview server serves. Nothing is written into the repository.
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PLUGIN_DIR, VAULT_DIR, startServer } from '../../preview/server.mjs';
import { layersModelFiles } from '../../scripts/layers-model-files.mjs';

/** Where the big model lies in the temporary vault (vault path of its folder). */
export const BIG_MODEL_DIR = 'bench-models/mobilenet';

/** MobileNet v1's depthwise-separable blocks: [pointwise filters at alpha 1, stride of the depthwise conv]. */
const BLOCKS = [
	[64, 1], [128, 2], [128, 1], [256, 2], [256, 1], [512, 2],
	[512, 1], [512, 1], [512, 1], [512, 1], [512, 1], [1024, 2], [1024, 1],
];

/**
 * Sequential[ base (functional: Conv2D 3x3 stride 2 + BatchNorm + ReLU6, then 13 blocks of
 * DepthwiseConv2D 3x3 + BatchNorm + ReLU6 + Conv2D 1x1 + BatchNorm + ReLU6, GlobalAveragePooling2D),
 * head (Sequential: Dense 100 relu, Dense 3 softmax) ], as Teachable Machine's image models nest
 * their MobileNet; alpha scales every filter count. Initialisers seeded from `seed`.
 */
export function mobileNetLike(tf, { alpha = 0.5, size = 224, seed = 1 } = {}) {
	let s = seed;
	const init = () => tf.initializers.heNormal({ seed: s++ });
	const relu6 = (name) => tf.layers.reLU({ maxValue: 6, name });
	const input = tf.input({ shape: [size, size, 3], name: 'input_1' });
	let x = tf.layers.conv2d({ filters: Math.round(32 * alpha), kernelSize: 3, strides: 2, padding: 'same', useBias: false, kernelInitializer: init(), name: 'conv1' }).apply(input);
	x = tf.layers.batchNormalization({ name: 'conv1_bn' }).apply(x);
	x = relu6('conv1_relu').apply(x);
	BLOCKS.forEach(([filters, strides], i) => {
		const id = i + 1;
		// He for a 3x3 window: tfjs counts a depthwise kernel's fan-in as 9 x channels, so scale by the channels.
		const depthwise = tf.initializers.varianceScaling({ scale: 2 * x.shape[3], mode: 'fanIn', distribution: 'normal', seed: s++ });
		x = tf.layers.depthwiseConv2d({ kernelSize: 3, strides, padding: 'same', useBias: false, depthwiseInitializer: depthwise, name: `conv_dw_${id}` }).apply(x);
		x = tf.layers.batchNormalization({ name: `conv_dw_${id}_bn` }).apply(x);
		x = relu6(`conv_dw_${id}_relu`).apply(x);
		x = tf.layers.conv2d({ filters: Math.round(filters * alpha), kernelSize: 1, padding: 'same', useBias: false, kernelInitializer: init(), name: `conv_pw_${id}` }).apply(x);
		x = tf.layers.batchNormalization({ name: `conv_pw_${id}_bn` }).apply(x);
		x = relu6(`conv_pw_${id}_relu`).apply(x);
	});
	x = tf.layers.globalAveragePooling2d({ name: 'global_average_pooling2d_1' }).apply(x);
	const base = tf.model({ inputs: input, outputs: x, name: `mobilenet_${alpha}_${size}` });
	const head = tf.sequential({ name: 'sequential_3' });
	head.add(tf.layers.dense({ inputShape: [Math.round(1024 * alpha)], units: 100, activation: 'relu', kernelInitializer: tf.initializers.glorotUniform({ seed: s++ }), name: 'dense_Dense1' }));
	head.add(tf.layers.dense({ units: 3, activation: 'softmax', useBias: false, kernelInitializer: tf.initializers.glorotUniform({ seed: s++ }), name: 'dense_Dense2' }));
	const model = tf.sequential({ name: 'sequential_4' });
	model.add(base);
	model.add(head);
	return model;
}

/** The model's files as `model.save` makes them: model.json and its weights split into `shards` files. */
export async function modelFiles(tf, model, shards = 2) {
	const { json, weights, weightBytes, weightCount } = await layersModelFiles(tf, model, shards);
	const files = { 'model.json': JSON.stringify(json), 'metadata.json': JSON.stringify({ packageName: '@teachablemachine/image', labels: ['a', 'b', 'c'], imageSize: 224 }) };
	for (const [name, bytes] of weights) files[name] = bytes;
	return { files, weightBytes, weights: weightCount };
}

/**
 * Builds the big model, copies the example vault (its hidden folders left out; the plugin is served
 * from the example vault's install, as the shared preview does) into a temporary folder with the model
 * under BIG_MODEL_DIR, and starts a preview server on it. The server does not keep Node alive and the
 * folder is removed when the process exits. `plugin` is the folder the plugin's files are served from
 * (a profile may want an unminified build). Resolves to { url, origin, weightBytes, weights, layers }.
 */
export async function bigModelVault({ plugin = PLUGIN_DIR } = {}) {
	const tf = await import('@tensorflow/tfjs');
	await tf.setBackend('cpu');
	const model = mobileNetLike(tf);
	const { files, weightBytes, weights } = await modelFiles(tf, model);
	const layers = model.layers[0].layers.length + model.layers[1].layers.length;
	model.dispose();
	const dir = mkdtempSync(join(tmpdir(), 'cnn-notes-bench-vault-'));
	process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
	cpSync(VAULT_DIR, dir, { recursive: true, filter: (src) => !src.slice(VAULT_DIR.length).split('/').some((p) => p.startsWith('.')) });
	mkdirSync(join(dir, BIG_MODEL_DIR), { recursive: true });
	for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, BIG_MODEL_DIR, name), content);
	const { url, server } = await startServer({ port: 0, vault: dir, plugin });
	server.unref();
	return { url, origin: new URL(url).origin, weightBytes, weights, layers };
}
