/**
 * The embedded held-out MNIST digits of `input: sample` (assets/digits/samples.json): a few per
 * class, never used in training. Plain data for the page; the model itself lives in the worker
 * (src/model/engine/digits-model.ts). Imported lazily by the classify widget.
 */
import samplesJson from '../../assets/digits/samples.json';

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
