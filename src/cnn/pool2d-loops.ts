/**
 * The inner loops of pool2d. They read the input unchecked and report whether it held NaN or
 * ±Infinity, so pool2d validates values in the same pass instead of one more over the input.
 *
 * Single-channel 2x2 windows at stride 2 that cover the input (the commonest pooling) have their own
 * max and min: a tournament of float compares over cell indices (see max2x2).
 *
 * Otherwise max and min work on float32 bit patterns turned into int32 keys that order like the floats
 * (`bits ^ ((bits >> 31) & 0x7fffffff)`; -0 sorts just below +0), and keep the larger key with a
 * mask instead of a branch: on real data a compare-and-branch mispredicts about every other cell.
 * Min is the max of the keys with every bit flipped. Equal floats have equal keys except 0 and -0,
 * where pool2d keeps the first in row-major order (as explainPool's strict compare does): a window
 * whose winning key is that of the winning zero (+0 for max, -0 for min: 0 after the flip) is
 * rescanned for its first zero. A non-finite value has an all-ones exponent, which
 * `(bits & 0x7f800000) + 0x00800000` turns into a negative number; the loops OR these together.
 *
 * A mean sums its window's real cells in double precision from 0 in row-major order and divides by
 * their count, exactly the arithmetic explainPool writes out; a NaN or ±Infinity input makes its
 * window's mean non-finite, so the means themselves are what is checked.
 */
import type { Geometry2D } from './shape';

/** The input rows (or columns) of each output row (or column): [lo, hi) clipped to the input, padding left out. */
export interface Bounds {
	lo: Int32Array;
	hi: Int32Array;
}

/** Window bounds of one axis (see Bounds). */
export function windowBounds(g: Geometry2D['rows']): Bounds {
	const lo = new Int32Array(g.out);
	const hi = new Int32Array(g.out);
	for (let o = 0; o < g.out; o++) {
		const first = o * g.stride - g.before;
		lo[o] = Math.max(0, first);
		hi[o] = Math.min(g.size, first + g.kernel);
	}
	return { lo, hi };
}

/** True when every input row (or column) of an axis of `size` cells lies in some window. */
export function coversAxis(b: Bounds, size: number): boolean {
	const n = b.lo.length;
	if (b.lo[0] !== 0 || b.hi[n - 1] !== size) return false;
	for (let o = 1; o < n; o++) if (b.lo[o]! > b.hi[o - 1]!) return false;
	return true;
}

/** The window sweep the loops need: input width, channels, and the bounds of every output row and column. */
export interface Sweep {
	inW: number;
	c: number;
	ys: Bounds;
	xs: Bounds;
}

const EXPONENT = 0x7f800000;
const EXPONENT_ONE = 0x00800000;
const MAGNITUDE = 0x7fffffff;
const LOWEST = -0x80000000; // below the key of every finite float32

/**
 * Max (`flip` 0) or min (`flip` -1) of every window, channel by channel, written as float32 bits into
 * `out` (an Int32Array view of the [outH, outW, c] result) from `x` (the input's bits) and `xf` (the
 * input); returns true
 * when the input held NaN or ±Infinity.
 */
export function extremeInto(out: Int32Array, x: Int32Array, xf: Float32Array, s: Sweep, flip: 0 | -1): boolean {
	if (s.c === 1 && isFullTwoByTwo(s)) return (flip === 0 ? max2x2 : min2x2)(out, x, xf, s.inW, s.ys.lo.length, s.xs.lo.length);
	return extremeWindows(out, x, s, flip);
}

/** True when the windows are 2x2 at stride 2, all inside the input (no padding, no clipped window). */
function isFullTwoByTwo(s: Sweep): boolean {
	const full = (b: Bounds): boolean => b.lo[0] === 0 && b.lo.every((lo, o) => lo === 2 * o && b.hi[o] === lo + 2);
	return full(s.ys) && full(s.xs);
}

/** Bits of the first zero (0 or -0) in one channel of a window: rows [rowFirst, rowEnd) by `inRow`, cells from `first` below `end` by `c`. */
function firstZero(x: Int32Array, rowFirst: number, rowEnd: number, inRow: number, first: number, end: number, c: number): number {
	for (let row = rowFirst; row < rowEnd; row += inRow) {
		for (let i = row + first; i < row + end; i += c) if ((x[i]! & MAGNITUDE) === 0) return x[i]!;
	}
	return 0;
}

/** The float32 bits whose key is `k` (the key map is its own inverse). */
function unkey(k: number): number {
	return k ^ ((k >> 31) & MAGNITUDE);
}

/**
 * Single channel, 2x2 windows at stride 2 covering the input, max: a tournament on float compares
 * that picks input indices (a strict compare keeps the earlier cell, so of 0 and -0 the first in
 * row-major order wins without keys), then copies the winner's bits. A NaN or ±Infinity makes the
 * window's double sum non-finite, which the probe catches. min2x2 is the same with the compares reversed.
 */
function max2x2(out: Int32Array, x: Int32Array, xf: Float32Array, inW: number, outH: number, outW: number): boolean {
	let probe = 0;
	let o = 0;
	for (let oy = 0; oy < outH; oy++) {
		for (let i = 2 * oy * inW, end = i + 2 * outW; i < end; i += 2, o++) {
			const j = i + inW;
			const a = xf[i]!;
			const b = xf[i + 1]!;
			const c = xf[j]!;
			const d = xf[j + 1]!;
			const sum = a + b + c + d;
			probe += sum - sum;
			const top = i + Number(a < b);
			const bottom = j + Number(c < d);
			out[o] = x[top ^ ((top ^ bottom) & -Number(xf[top]! < xf[bottom]!))]!;
		}
	}
	return probe !== 0;
}

/** max2x2 for min. */
function min2x2(out: Int32Array, x: Int32Array, xf: Float32Array, inW: number, outH: number, outW: number): boolean {
	let probe = 0;
	let o = 0;
	for (let oy = 0; oy < outH; oy++) {
		for (let i = 2 * oy * inW, end = i + 2 * outW; i < end; i += 2, o++) {
			const j = i + inW;
			const a = xf[i]!;
			const b = xf[i + 1]!;
			const c = xf[j]!;
			const d = xf[j + 1]!;
			const sum = a + b + c + d;
			probe += sum - sum;
			const top = i + Number(b < a);
			const bottom = j + Number(d < c);
			out[o] = x[top ^ ((top ^ bottom) & -Number(xf[bottom]! < xf[top]!))]!;
		}
	}
	return probe !== 0;
}

/**
 * Any windows and channels: per output cell, channels four at a time (then one at a time), each
 * lane's window read in row-major order with its largest (flipped) key held in a local.
 */
function extremeWindows(out: Int32Array, x: Int32Array, s: Sweep, flip: 0 | -1): boolean {
	const { inW, c, ys, xs } = s;
	const inRow = inW * c;
	const outH = ys.lo.length;
	const outW = xs.lo.length;
	const quads = c - (c % 4);
	let bad = 0;
	let o = 0;
	for (let oy = 0; oy < outH; oy++) {
		const rowFirst = ys.lo[oy]! * inRow;
		const rowEnd = ys.hi[oy]! * inRow;
		for (let ox = 0; ox < outW; ox++) {
			const colFirst = xs.lo[ox]! * c;
			const colEnd = xs.hi[ox]! * c;
			let ch = 0;
			for (; ch < quads; ch += 4, o += 4) {
				let m0 = LOWEST;
				let m1 = LOWEST;
				let m2 = LOWEST;
				let m3 = LOWEST;
				for (let row = rowFirst; row < rowEnd; row += inRow) {
					for (let i = row + colFirst + ch, end = row + colEnd; i < end; i += c) {
						const b0 = x[i]!;
						const b1 = x[i + 1]!;
						const b2 = x[i + 2]!;
						const b3 = x[i + 3]!;
						bad |= ((b0 & EXPONENT) + EXPONENT_ONE) | ((b1 & EXPONENT) + EXPONENT_ONE) | ((b2 & EXPONENT) + EXPONENT_ONE) | ((b3 & EXPONENT) + EXPONENT_ONE);
						const k0 = b0 ^ ((b0 >> 31) & MAGNITUDE) ^ flip;
						const k1 = b1 ^ ((b1 >> 31) & MAGNITUDE) ^ flip;
						const k2 = b2 ^ ((b2 >> 31) & MAGNITUDE) ^ flip;
						const k3 = b3 ^ ((b3 >> 31) & MAGNITUDE) ^ flip;
						m0 ^= (m0 ^ k0) & -Number(m0 < k0);
						m1 ^= (m1 ^ k1) & -Number(m1 < k1);
						m2 ^= (m2 ^ k2) & -Number(m2 < k2);
						m3 ^= (m3 ^ k3) & -Number(m3 < k3);
					}
				}
				out[o] = m0 === 0 ? firstZero(x, rowFirst, rowEnd, inRow, colFirst + ch, colEnd, c) : unkey(m0 ^ flip);
				out[o + 1] = m1 === 0 ? firstZero(x, rowFirst, rowEnd, inRow, colFirst + ch + 1, colEnd, c) : unkey(m1 ^ flip);
				out[o + 2] = m2 === 0 ? firstZero(x, rowFirst, rowEnd, inRow, colFirst + ch + 2, colEnd, c) : unkey(m2 ^ flip);
				out[o + 3] = m3 === 0 ? firstZero(x, rowFirst, rowEnd, inRow, colFirst + ch + 3, colEnd, c) : unkey(m3 ^ flip);
			}
			for (; ch < c; ch++, o++) {
				let m = LOWEST;
				for (let row = rowFirst; row < rowEnd; row += inRow) {
					for (let i = row + colFirst + ch, end = row + colEnd; i < end; i += c) {
						const b = x[i]!;
						bad |= (b & EXPONENT) + EXPONENT_ONE;
						const k = b ^ ((b >> 31) & MAGNITUDE) ^ flip;
						m ^= (m ^ k) & -Number(m < k);
					}
				}
				out[o] = m === 0 ? firstZero(x, rowFirst, rowEnd, inRow, colFirst + ch, colEnd, c) : unkey(m ^ flip);
			}
		}
	}
	return bad < 0;
}

/** Mean of every window, channel by channel (see the file comment); returns true when the input held NaN or ±Infinity. */
export function averageInto(out: Float32Array, x: Float32Array, s: Sweep): boolean {
	if (s.c === 1 && isFullTwoByTwo(s)) return average2x2(out, x, s.inW, s.ys.lo.length, s.xs.lo.length);
	return averageWindows(out, x, s);
}

/** Single channel, 2x2 windows at stride 2 covering the input: (((0 + a) + b) + c) + d, over 4. */
function average2x2(out: Float32Array, x: Float32Array, inW: number, outH: number, outW: number): boolean {
	let probe = 0;
	let o = 0;
	for (let oy = 0; oy < outH; oy++) {
		const top = 2 * oy * inW;
		const bottom = top + inW;
		for (let ox = 0; ox < outW; ox++, o++) {
			// Times 0.25 is bit-identical to / 4 (a power of two: one exact scaling, one rounding) and cheaper.
			const mean = (0 + x[top + 2 * ox]! + x[top + 2 * ox + 1]! + x[bottom + 2 * ox]! + x[bottom + 2 * ox + 1]!) * 0.25;
			probe += mean - mean;
			out[o] = mean;
		}
	}
	return probe !== 0;
}

/** Any windows and channels: per output cell, channels four at a time (then one at a time), each lane's sum in a local. */
function averageWindows(out: Float32Array, x: Float32Array, s: Sweep): boolean {
	const { inW, c, ys, xs } = s;
	const inRow = inW * c;
	const outH = ys.lo.length;
	const outW = xs.lo.length;
	const quads = c - (c % 4);
	let probe = 0;
	let o = 0;
	for (let oy = 0; oy < outH; oy++) {
		const rowFirst = ys.lo[oy]! * inRow;
		const rowEnd = ys.hi[oy]! * inRow;
		const h = ys.hi[oy]! - ys.lo[oy]!;
		for (let ox = 0; ox < outW; ox++) {
			const colFirst = xs.lo[ox]! * c;
			const colEnd = xs.hi[ox]! * c;
			const count = h * (xs.hi[ox]! - xs.lo[ox]!);
			let ch = 0;
			for (; ch < quads; ch += 4, o += 4) {
				let s0 = 0;
				let s1 = 0;
				let s2 = 0;
				let s3 = 0;
				for (let row = rowFirst; row < rowEnd; row += inRow) {
					for (let i = row + colFirst + ch, end = row + colEnd; i < end; i += c) {
						s0 += x[i]!;
						s1 += x[i + 1]!;
						s2 += x[i + 2]!;
						s3 += x[i + 3]!;
					}
				}
				const m0 = s0 / count;
				const m1 = s1 / count;
				const m2 = s2 / count;
				const m3 = s3 / count;
				probe += m0 - m0 + (m1 - m1) + (m2 - m2) + (m3 - m3);
				out[o] = m0;
				out[o + 1] = m1;
				out[o + 2] = m2;
				out[o + 3] = m3;
			}
			for (; ch < c; ch++, o++) {
				let sum = 0;
				for (let row = rowFirst; row < rowEnd; row += inRow) {
					for (let i = row + colFirst + ch, end = row + colEnd; i < end; i += c) sum += x[i]!;
				}
				const mean = sum / count;
				probe += mean - mean;
				out[o] = mean;
			}
		}
	}
	return probe !== 0;
}
