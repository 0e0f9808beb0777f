// The model engine's typed-array gradient kernels (src/model/engine/train-kernels.ts: Conv2D filter
// and input gradients, max-pool gradient) and its seeded generator (src/cnn/random.ts), for the
// training scripts (train-digits, make-shapes-model): the plugin's own code, bundled with esbuild,
// not a copy. tfjs-backend-cpu's Conv2DBackpropFilter reads every element through a generic
// buffer accessor and took ~2.4 s of a 2.9 s training step here; these loops compute the same sums
// (checked against tfjs's kernels before training starts).
import * as tf from '@tensorflow/tfjs';
import { build } from 'esbuild';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

/** installTrainKernels and mulberry32 from the plugin's sources, as an ES module. */
async function engineModule() {
	const result = await build({
		stdin: {
			contents: "export { installTrainKernels } from './src/model/engine/train-kernels';\nexport { mulberry32 } from './src/cnn/random';",
			resolveDir: ROOT,
			loader: 'ts',
		},
		bundle: true,
		format: 'esm',
		platform: 'neutral',
		write: false,
		logLevel: 'error',
	});
	// eslint-disable-next-line no-unsanitized/method -- the bundle esbuild just made of the repository's own sources
	return import(`data:text/javascript;base64,${Buffer.from(result.outputFiles[0].text).toString('base64')}`);
}

const engine = await engineModule();

/** mulberry32: the plugin's seeded generator, floats in [0, 1). */
export const prng = engine.mulberry32;

/** Replaces the cpu kernels; returns a function checking them against tfjs's own (max abs error). */
export function installFastConvGradients() {
	let remove = engine.installTrainKernels(tf);
	const grads = (x, w, s, dy) => tf.grads((a, b) => tf.maxPool(tf.conv2d(a, b, s, 'valid').mul(dy), 2, 2, 'valid').sum())([x, w]);
	return () =>
		tf.tidy(() => {
			let worst = 0;
			for (const [shape, fshape, s] of [[[2, 9, 8, 3], [3, 3, 3, 4], 1], [[3, 11, 10, 2], [3, 2, 2, 5], 2]]) {
				const x = tf.randomNormal(shape, 0, 1, 'float32', 7);
				const w = tf.randomNormal(fshape, 0, 1, 'float32', 8);
				const dy = tf.randomNormal(tf.conv2d(x, w, s, 'valid').shape, 0, 1, 'float32', 9);
				const ours = grads(x, w, s, dy);
				remove();
				const ref = grads(x, w, s, dy);
				remove = engine.installTrainKernels(tf);
				for (let k = 0; k < 2; k++) worst = Math.max(worst, ours[k].sub(ref[k]).abs().max().dataSync()[0]);
			}
			return worst;
		});
}
