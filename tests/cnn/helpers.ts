/** Test helpers for src/cnn: a seeded PRNG, random tensors, tfjs on the CPU backend, and case-by-case comparison. */
import * as tf from '@tensorflow/tfjs';
import type { Tensor } from '../../src/cnn';

/** A seeded PRNG (mulberry32): the same seed always gives the same cases, so failures reproduce. */
export class Rng {
	private state: number;

	constructor(seed: number) {
		this.state = seed >>> 0;
	}

	/** A float in [0, 1). */
	next(): number {
		this.state = (this.state + 0x6d2b79f5) >>> 0;
		let t = this.state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	}

	/** An integer in [lo, hi]. */
	int(lo: number, hi: number): number {
		return lo + Math.floor(this.next() * (hi - lo + 1));
	}

	/** A float in [lo, hi). */
	float(lo: number, hi: number): number {
		return lo + this.next() * (hi - lo);
	}

	/** One of the items. */
	pick<T>(items: readonly T[]): T {
		const item = items[Math.floor(this.next() * items.length)];
		if (item === undefined) throw new Error('pick from an empty list');
		return item;
	}

	/** True with probability p. */
	chance(p: number): boolean {
		return this.next() < p;
	}

	/** A tensor of this shape with values uniform in [-1, 1) (or integers in [lo, hi] when `ints`). */
	tensor(shape: number[], ints?: [number, number]): Tensor {
		const n = shape.reduce((a, b) => a * b, 1);
		const data = new Float32Array(n);
		for (let i = 0; i < n; i++) data[i] = ints ? this.int(ints[0], ints[1]) : this.float(-1, 1);
		return { shape, data };
	}
}

/** Switches tfjs to the CPU backend without the "use tfjs-node" warning; call in beforeAll. */
export async function useTfCpu(): Promise<void> {
	tf.env().set('IS_NODE', false);
	await tf.setBackend('cpu');
	await tf.ready();
}

/** Runs a tfjs computation inside tf.tidy and returns its result as a plain Tensor, disposing everything. */
export function runTf(fn: () => tf.Tensor): Tensor {
	const result = tf.tidy(fn);
	const out: Tensor = { shape: result.shape.slice(), data: Float32Array.from(result.dataSync()) };
	result.dispose();
	return out;
}

/** A plain tensor [h, w, c] as a tfjs batch of one, [1, h, w, c]. */
export function batch(t: Tensor): tf.Tensor4D {
	const [h = 1, w = 1, c = 1] = t.shape;
	return tf.tensor4d(t.data, [1, h, w, c]);
}

/** A plain 4-D tensor (filters) as a tfjs Tensor4D. */
export function tf4(t: Tensor): tf.Tensor4D {
	const [a = 1, b = 1, c = 1, d = 1] = t.shape;
	return tf.tensor4d(t.data, [a, b, c, d]);
}

/** Describes the first difference between two tensors beyond `tol`, or returns null when they agree. */
export function diff(actual: Tensor, expected: Tensor, tol = 1e-4): string | null {
	const shapeA = actual.shape.join(',');
	const shapeE = expected.shape.join(',');
	if (shapeA !== shapeE) return `shape [${shapeA}] but expected [${shapeE}]`;
	for (let i = 0; i < expected.data.length; i++) {
		const a = actual.data[i] ?? NaN;
		const e = expected.data[i] ?? NaN;
		if (!(Math.abs(a - e) <= tol)) return `value ${a} but expected ${e} at flat index ${i}`;
	}
	return null;
}

/** Collects failing cases so one `it` can check hundreds of cases and name each failure. */
export class CaseLog {
	readonly failures: string[] = [];
	count = 0;

	/** Records one case: `problem` null means it passed. */
	check(name: string, problem: string | null): void {
		this.count++;
		if (problem !== null && this.failures.length < 20) this.failures.push(`${name}: ${problem}`);
	}
}

/** Drops the batch axis of a tfjs result [1, h, w, c] -> [h, w, c]. */
export function unbatch(t: Tensor): Tensor {
	return { shape: t.shape.slice(1), data: t.data };
}
