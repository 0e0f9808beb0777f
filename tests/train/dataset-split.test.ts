import { heldOutCount, splitByClass } from '../../src/train/split';

/** Labels: `sizes[k]` samples of class k, interleaved as a folder read might not be. */
function labelsOf(sizes: number[]): Int32Array {
	const list: number[] = [];
	sizes.forEach((n, k) => {
		for (let i = 0; i < n; i++) list.push(k);
	});
	// A fixed interleaving, so classes are not contiguous.
	return Int32Array.from(list.map((l, i) => [l, (i * 7919) % list.length] as const).sort((a, b) => a[1] - b[1]).map((p) => p[0]));
}

describe('splitByClass', () => {
	it('holds out round(n * share) of each class, at least 1 when a class has 2 or more, never all of it', () => {
		const labels = labelsOf([10, 5, 2, 1, 100]);
		const split = splitByClass(labels, 5, 0.2, 7);
		const held = [0, 0, 0, 0, 0];
		for (const i of split.validation) {
			const k = labels[i] ?? 0;
			held[k] = (held[k] ?? 0) + 1;
		}
		expect(held).toEqual([2, 1, 1, 0, 20]);
		expect(split.train.length + split.validation.length).toBe(labels.length);
	});

	it('train and validation are disjoint, cover every sample once, and are ascending', () => {
		const labels = labelsOf([30, 17, 9]);
		const { train, validation } = splitByClass(labels, 3, 0.25, 1);
		const all = [...train, ...validation].sort((a, b) => a - b);
		expect(all).toEqual(Array.from({ length: labels.length }, (_, i) => i));
		expect([...train]).toEqual([...train].sort((a, b) => a - b));
		expect([...validation]).toEqual([...validation].sort((a, b) => a - b));
	});

	it('is the same for the same seed, and another seed picks other samples', () => {
		const labels = labelsOf([50, 50]);
		expect(splitByClass(labels, 2, 0.2, 42)).toEqual(splitByClass(labels, 2, 0.2, 42));
		expect([...splitByClass(labels, 2, 0.2, 43).validation]).not.toEqual([...splitByClass(labels, 2, 0.2, 42).validation]);
	});

	it('validation 0 holds out nothing', () => {
		const split = splitByClass(labelsOf([3, 4]), 2, 0, 1);
		expect(split.validation).toHaveLength(0);
		expect(split.train).toHaveLength(7);
	});

	it('heldOutCount: n=1 -> 0, n=2 share 0.1 -> 1, n=10 share 0.95 -> 9', () => {
		expect([heldOutCount(1, 0.5), heldOutCount(2, 0.1), heldOutCount(10, 0.95), heldOutCount(10, 0)]).toEqual([0, 1, 9, 0]);
	});

	it('refuses a share outside [0, 1), a label outside the classes, a class count below 1', () => {
		expect(() => splitByClass(labelsOf([2, 2]), 2, 1, 1)).toThrow('validation must be a share in [0, 1), got 1');
		expect(() => splitByClass(Int32Array.from([0, 2]), 2, 0.2, 1)).toThrow('label 2 of sample 1 is outside 0..1');
		expect(() => splitByClass(Int32Array.from([]), 0, 0.2, 1)).toThrow('classes must be a whole number >= 1, got 0');
	});
});
