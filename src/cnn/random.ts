/** A deterministic pseudo-random generator (mulberry32, as scripts/train-digits.mjs): the same numbers in [0, 1) for the same seed. */
export function mulberry32(seed: number): () => number {
	let s = seed >>> 0;
	return () => {
		s = (s + 0x6d2b79f5) >>> 0;
		let q = s;
		q = Math.imul(q ^ (q >>> 15), q | 1);
		q ^= q + Math.imul(q ^ (q >>> 7), q | 61);
		return ((q ^ (q >>> 14)) >>> 0) / 4294967296;
	};
}
