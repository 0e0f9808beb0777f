/**
 * The built-in `model: digits`: a small CNN trained by `npm run train:digits` on MNIST digits
 * (assets/digits/PROVENANCE.md), embedded into main.js with a strip of held-out sample digits.
 * Imported lazily by the classify widget, so plain notes never decode it.
 */
import type { io } from '@tensorflow/tfjs';
import modelJson from '../../assets/digits/model.json';
import samplesJson from '../../assets/digits/samples.json';
import weights from '../../assets/digits/weights.bin';
import { artifactsFromModelJson, ModelFormatError } from './artifacts';

/** The weight files of the embedded model, by the path model.json lists them under. */
const WEIGHT_FILES: Readonly<Record<string, Uint8Array>> = { 'weights.bin': weights };

/** The embedded model as tfjs artifacts (a fresh copy of the weights each call). */
export function digitsArtifacts(): Promise<io.ModelArtifacts> {
	return artifactsFromModelJson(modelJson, async (path) => {
		const bytes = WEIGHT_FILES[path];
		if (!bytes) throw new ModelFormatError(`the embedded model has no weight file ${path}`);
		return bytes.slice().buffer;
	});
}

/** One held-out MNIST digit: its label, its index among the digits of its class, and 784 values in [0, 1]. */
export interface DigitSample {
	label: number;
	index: number;
	pixels: Float32Array;
}

/** Decodes base64 into bytes. */
function fromBase64(text: string): Uint8Array {
	const binary = atob(text);
	const bytes = new Uint8Array(binary.length);
	for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
	return bytes;
}

/** The embedded held-out digits (a few per class, never used in training), in class order. */
export function digitSamples(): DigitSample[] {
	return samplesJson.samples.map((s) => {
		const bytes = fromBase64(s.pixels);
		const pixels = new Float32Array(bytes.length);
		for (let i = 0; i < bytes.length; i++) pixels[i] = (bytes[i] ?? 0) / 255;
		return { label: s.label, index: s.index, pixels };
	});
}
