/**
 * Test helpers for cnn-classify blocks with vault models: a tfjs model saved into the harness
 * vault (model.json, weights.bin and neighbour files), a small colour net, pictures for the
 * injected decoder and the PNG-signed bytes that name them.
 */
import * as tf from '@tensorflow/tfjs';
import { App } from '../../../harness/obsidian';
import type { RgbaImage } from '../../../src/vault/pixels';
import { saved } from '../../model/model-fixtures';

/** Saves a tfjs model into the vault as models/<name>/model.json + weights.bin, with `extra` neighbour files (metadata.json, labels.txt). */
export async function saveToVault(app: App, name: string, model: tf.LayersModel, extra: Record<string, string> = {}): Promise<void> {
	const { json, weights } = await saved(model);
	app.vault.seed(`models/${name}/model.json`, JSON.stringify(json));
	app.vault.seed(`models/${name}/weights.bin`, weights);
	for (const [file, text] of Object.entries(extra)) app.vault.seed(`models/${name}/${file}`, text);
}

/** A small colour conv net, 32x32x3 -> 3 classes, softmax in its last layer; seeded weights. */
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

/** A w x h RGBA picture whose colours vary with `seed` (a gradient and a coloured block). */
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

/** PNG-signed bytes whose byte 11 says which picture the test decoder gives. */
export function pngBytes(n: number): ArrayBuffer {
	const b = new Uint8Array(16);
	b.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
	b[11] = n;
	return b.buffer;
}
