import { readFileSync } from 'fs';
import { join } from 'path';
import { gunzipSync } from 'zlib';
import { digitSamples } from '../../src/model/digits';
import { digitsSplit, gunzipBytes, loadDigitsDataset, unpackDigits } from '../../src/train/digits-set';
import { loadDigits, PIXELS } from '../model/digits-data';
import { pageHost } from '../model/model-fixtures';

/** Largest difference between a 2-bit pixel (levels 0, 1/3, 2/3, 1) and the package's value: half a step. */
const HALF_STEP = 1 / 6 + 1e-6;

const ASSET = join(__dirname, '..', '..', 'assets', 'digits', 'train-set.bin');

describe('the built-in training digits (assets/digits/train-set.bin)', () => {
	it('the asset (inside main.js) is under 0.55 MB and unpacks (plugin gunzip) to the bytes zlib gives', () => {
		const gz = new Uint8Array(readFileSync(ASSET));
		expect(gz.length).toBeLessThan(550_000);
		return gunzipBytes(gz, false).then((raw) => expect(Buffer.from(raw).equals(gunzipSync(gz))).toBe(true));
	});

	it('10,000 digits 28x28x1 in class order; the documented split gives the 8,004 training and 1,996 held-out digits of the mnist package, within half a 2-bit step', async () => {
		const set = await loadDigitsDataset();
		expect(set.count).toBe(10_000);
		expect(set.inputShape).toEqual([28, 28, 1]);
		expect(set.classes).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
		expect(set.pixels).toHaveLength(10_000 * PIXELS);
		expect(set.files.every((f) => f === '')).toBe(true);
		const split = digitsSplit(set.labels);
		expect([split.train.length, split.validation.length]).toEqual([8004, 1996]);
		for (const [part, indices] of [['heldOut', split.validation], ['train', split.train]] as const) {
			const want = loadDigits(part);
			expect([...indices].map((i) => set.labels[i])).toEqual(want.labels);
			let worst = 0;
			indices.forEach((i, k) => {
				for (let p = 0; p < PIXELS; p++) worst = Math.max(worst, Math.abs((set.pixels[i * PIXELS + p] ?? 0) / 255 - (want.pixels[k * PIXELS + p] ?? 0)));
			});
			expect(worst).toBeLessThanOrEqual(HALF_STEP);
		}
	});

	it('the held-out samples of input: sample are held-out digits here too', async () => {
		const set = await loadDigitsDataset();
		const held = new Set(digitsSplit(set.labels).validation);
		const firstOf = (d: number): number => set.labels.indexOf(d);
		for (const s of digitSamples()) {
			const i = firstOf(s.label) + s.index;
			expect(held.has(i)).toBe(true);
			const diff = Math.max(...Array.from(s.pixels, (v, p) => Math.abs(v - (set.pixels[i * PIXELS + p] ?? 0) / 255)));
			expect(diff).toBeLessThanOrEqual(HALF_STEP + 1 / 255);
		}
	});

	it('refuses bytes that are not the asset', () => {
		expect(() => unpackDigits(new Uint8Array(40))).toThrow('not a CNND version 1 asset');
	});

	it('the built-in model reads the 2-bit held-out digits about as well as the package\'s (98.70 %)', async () => {
		const set = await loadDigitsDataset();
		const { validation } = digitsSplit(set.labels);
		const host = pageHost();
		const model = await host.load({ kind: 'builtin', name: 'digits' }, 'digits');
		if (!model.ok) throw new Error('the digits model did not load');
		const pixels = new Float32Array(validation.length * PIXELS);
		validation.forEach((i, k) => {
			for (let p = 0; p < PIXELS; p++) pixels[k * PIXELS + p] = (set.pixels[i * PIXELS + p] ?? 0) / 255;
		});
		const answer = await host.classifyMany(model.value.model, pixels, validation.length);
		if (!answer.ok) throw new Error('the held-out digits were not classified');
		const { probabilities } = answer.value;
		let right = 0;
		validation.forEach((i, k) => {
			const row = Array.from(probabilities.subarray(k * 10, k * 10 + 10));
			if (row.indexOf(Math.max(...row)) === set.labels[i]) right += 1;
		});
		host.close();
		expect(right / validation.length).toBeGreaterThan(0.975);
	});
});
