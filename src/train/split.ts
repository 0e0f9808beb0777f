/**
 * The held-out split of a training set: a share of each class kept for validation, chosen by a
 * seeded generator so the same folder and seed always give the same split. Pure: no DOM, no tfjs.
 */
import { mulberry32 } from '../cnn/random';

export { mulberry32 };

/** Sample indices of the training part and of the held-out (validation) part, each ascending. */
export interface Split {
	train: Int32Array;
	validation: Int32Array;
}


/** How many of a class's `n` samples are held out for a share `validation` in [0, 1): rounded, at least 1 and at most n - 1 when n >= 2 and the share is above 0. */
export function heldOutCount(n: number, validation: number): number {
	if (n < 2 || validation <= 0) return 0;
	return Math.min(n - 1, Math.max(1, Math.round(n * validation)));
}

/**
 * Splits samples labelled 0 .. classes - 1 (labels: one class index per sample) into training and
 * validation indices: in EACH class, heldOutCount(n, validation) samples chosen by a Fisher-Yates
 * shuffle seeded from `seed` and the class index (mulberry32) are held out. Disjoint, covering every
 * sample, the same for the same arguments. `validation` is a share in [0, 1) (0: no validation).
 */
export function splitByClass(labels: Int32Array, classes: number, validation: number, seed: number): Split {
	if (!Number.isInteger(classes) || classes < 1) throw new Error(`splitByClass: classes must be a whole number >= 1, got ${classes}`);
	if (!(validation >= 0 && validation < 1)) throw new Error(`splitByClass: validation must be a share in [0, 1), got ${validation}`);
	const members: number[][] = Array.from({ length: classes }, () => []);
	for (let i = 0; i < labels.length; i++) {
		const label = labels[i] ?? -1;
		const list = members[label];
		if (!list) throw new Error(`splitByClass: label ${label} of sample ${i} is outside 0..${classes - 1}`);
		list.push(i);
	}
	const held = new Uint8Array(labels.length);
	let heldTotal = 0;
	members.forEach((list, k) => {
		const take = heldOutCount(list.length, validation);
		const random = mulberry32((seed + k * 0x9e3779b1) >>> 0);
		// A partial Fisher-Yates shuffle: the last `take` places end up a uniform random choice.
		const order = list.slice();
		for (let i = order.length - 1; i >= order.length - take; i--) {
			const j = Math.floor(random() * (i + 1));
			const a = order[i] ?? 0;
			order[i] = order[j] ?? 0;
			order[j] = a;
			held[order[i] ?? 0] = 1;
		}
		heldTotal += take;
	});
	const train = new Int32Array(labels.length - heldTotal);
	const validationIdx = new Int32Array(heldTotal);
	let t = 0;
	let v = 0;
	for (let i = 0; i < labels.length; i++) {
		if (held[i] === 1) validationIdx[v++] = i;
		else train[t++] = i;
	}
	return { train, validation: validationIdx };
}
