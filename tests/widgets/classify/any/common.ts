import * as tf from '@tensorflow/tfjs';
import { App } from '../../../../harness/obsidian';
import type { RgbaImage } from '../../../../src/vault/pixels';

export async function saveToVault(app: App, name: string, model: tf.LayersModel, extra: Record<string, string> = {}): Promise<void> {
	await model.save(
		tf.io.withSaveHandler(async (artifacts) => {
			const json = { modelTopology: artifacts.modelTopology, format: 'layers-model', weightsManifest: [{ paths: ['weights.bin'], weights: artifacts.weightSpecs }] };
			app.vault.seed(`models/${name}/model.json`, JSON.stringify(json));
			app.vault.seed(`models/${name}/weights.bin`, (artifacts.weightData as ArrayBuffer).slice(0));
			return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
		}),
	);
	for (const [file, text] of Object.entries(extra)) app.vault.seed(`models/${name}/${file}`, text);
}

export function colourNet(): tf.LayersModel {
	return tf.sequential({
		layers: [
			tf.layers.conv2d({ inputShape: [32, 32, 3], filters: 4, kernelSize: 3, activation: 'relu', kernelInitializer: tf.initializers.glorotUniform({ seed: 1 }), name: 'conv1' }),
			tf.layers.maxPooling2d({ poolSize: 2, name: 'pool1' }),
			tf.layers.flatten({ name: 'flatten' }),
			tf.layers.dense({ units: 3, activation: 'softmax', kernelInitializer: tf.initializers.glorotUniform({ seed: 2 }), name: 'dense' }),
		],
	});
}

export function rgba(w: number, h: number, seed: number): RgbaImage {
	const data = new Uint8ClampedArray(w * h * 4);
	for (let y = 0; y < h; y++) {
		for (let x = 0; x < w; x++) {
			const i = (y * w + x) * 4;
			const block = x > w / 3 && x < (2 * w) / 3 && y > h / 4;
			data[i] = block ? (seed * 70) % 256 : (x * 5 * seed) % 256;
			data[i + 1] = block ? (seed * 130) % 256 : (y * 6) % 256;
			data[i + 2] = block ? (seed * 40 + 90) % 256 : 128;
			data[i + 3] = 255;
		}
	}
	return { width: w, height: h, data };
}

export function pngBytes(n: number): ArrayBuffer {
	const b = new Uint8Array(16);
	b.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
	b[11] = n;
	return b.buffer;
}
