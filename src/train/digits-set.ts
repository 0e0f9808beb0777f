/**
 * The built-in training digits of `data: digits`: the 10,000 MNIST digits the built-in model was
 * trained and checked on (assets/digits/train-set.bin, made by scripts/make-digits-set.mjs: 2-bit
 * pixels, gzipped, 0.50 MB), with the documented held-out split (digit k of a class is held out iff
 * k % 5 === 4: 8,004 to train on, 1,996 to check). No DOM, no obsidian, no tfjs: it runs in the
 * page or in the model worker (which trains on them: it must not import the translations, they
 * import obsidian); the asset is imported on first use only.
 */
import { gunzip } from '../model/host/inflate';
import type { Dataset } from './dataset';
import type { Split } from './split';

/** The digits' classes, in label order. */
export const DIGIT_CLASSES: readonly string[] = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'];
/** The digits' shape [height, width, channels]. */
export const DIGITS_INPUT: readonly [number, number, number] = [28, 28, 1];
/** Digit k of its class is held out iff k % HELD_OUT_EVERY === HELD_OUT_EVERY - 1 (PROVENANCE.md). */
const HELD_OUT_EVERY = 5;
/** "CNND", the asset's first bytes once unpacked. */
const MAGIC = [0x43, 0x4e, 0x4e, 0x44];

/** The asset's bytes, gunzipped: with the platform's DecompressionStream (off the main thread), else the plugin's own gunzip. */
export async function gunzipBytes(gz: Uint8Array, native = typeof DecompressionStream === 'function'): Promise<Uint8Array> {
	if (!native) return gunzip(gz);
	// slice(): a copy on a plain ArrayBuffer, as Blob takes.
	const stream = new Blob([gz.slice()]).stream().pipeThrough(new DecompressionStream('gzip'));
	return new Uint8Array(await new Response(stream).arrayBuffer());
}

/** Bits a pixel the asset may use. */
const ASSET_BITS: readonly number[] = [1, 2, 4, 8];

/**
 * The digits of an unpacked asset (see scripts/make-digits-set.mjs) as a Dataset: 28x28x1, one
 * byte a pixel (the level scaled to 0..255: 0, 85, 170, 255 at 2 bits), labels 0-9 in class order,
 * files ''. Throws when the bytes are not such an asset (it ships with the plugin: a build error,
 * not a user's).
 */
export function unpackDigits(raw: Uint8Array): Dataset {
	const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
	const [h, w, c] = DIGITS_INPUT;
	const bits = raw[5] ?? 0;
	const good = raw.length >= 28 && MAGIC.every((b, i) => raw[i] === b) && raw[4] === 1 && ASSET_BITS.includes(bits) && raw[6] === h && raw[7] === w;
	if (!good) throw new Error('unpackDigits: the bytes are not a CNND version 1 asset of 1, 2, 4 or 8-bit 28x28 digits');
	const counts = DIGIT_CLASSES.map((_, d) => view.getUint16(8 + 2 * d, true));
	const count = counts.reduce((a, b) => a + b, 0);
	const size = h * w * c;
	const start = 8 + 2 * DIGIT_CLASSES.length;
	const perByte = 8 / bits;
	const need = start + Math.ceil((count * size) / perByte);
	if (raw.length !== need) throw new Error(`unpackDigits: ${count} digits need ${need} bytes, got ${raw.length}`);
	const pixels = new Uint8Array(count * size);
	const mask = (1 << bits) - 1;
	const scale = 255 / mask;
	for (let i = 0; i < pixels.length; i++) {
		const byte = raw[start + Math.floor(i / perByte)] ?? 0;
		pixels[i] = ((byte >> (8 - bits * (1 + (i % perByte)))) & mask) * scale;
	}
	const labels = new Int32Array(count);
	let at = 0;
	counts.forEach((n, d) => {
		labels.fill(d, at, at + n);
		at += n;
	});
	return { classes: [...DIGIT_CLASSES], inputShape: [h, w, c], count, pixels, labels, files: new Array<string>(count).fill(''), skipped: [] };
}

/**
 * The digits' documented split (the built-in model's, PROVENANCE.md): the k-th digit of each class
 * (labels in class order, as unpackDigits gives them) is held out iff k % 5 === 4.
 */
export function digitsSplit(labels: Int32Array): Split {
	const train: number[] = [];
	const validation: number[] = [];
	let k = 0;
	for (let i = 0; i < labels.length; i++) {
		k = i > 0 && labels[i] === labels[i - 1] ? k + 1 : 0;
		(k % HELD_OUT_EVERY === HELD_OUT_EVERY - 1 ? validation : train).push(i);
	}
	return { train: Int32Array.from(train), validation: Int32Array.from(validation) };
}

/** The built-in training digits (10,000, see unpackDigits), read from the embedded asset on first use. */
export async function loadDigitsDataset(): Promise<Dataset> {
	const asset = (await import('../../assets/digits/train-set.bin')).default;
	return unpackDigits(await gunzipBytes(asset));
}
