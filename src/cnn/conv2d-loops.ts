/**
 * The inner loops of conv2d, tap-major by output rows. Each output cell sums its taps in filter order
 * (ky, kx, c) in double precision starting from 0, then adds the bias and rounds to float32 once:
 * exactly the sum explainConv shows. Per output row and filter, a cell takes one of two routes:
 * - interior columns (every tap column inside the input): a kernel row reads a run of input values at
 *   a fixed step, cut into triples; a pass sums three triples (pass taps) over the whole interior with
 *   no test per cell, and when one pass holds every live tap (a 3x3 single-channel kernel) it writes
 *   the output itself, four columns at a time when stride and run step agree;
 * - edge columns (or all columns when runs are shorter than three): tap by tap, each tap over the
 *   output columns whose input column it reaches, clipped once per tap.
 * Input rows in the padding drop their taps for the whole output row.
 */
import type { ConvPlan } from './conv2d';

/**
 * Writes conv2d's [outH, outW, outC] result for a validated plan into `out` (length outH * outW * outC),
 * from the input `x` [h, w, inC] and filters `f` [kh, kw, inC, outC], both row-major; padding counts as 0.
 */
export function convolveInto(out: Float32Array, x: Float32Array, f: Float32Array, plan: ConvPlan): void {
	const { rows, cols } = plan.geometry;
	const { inChannels: inC, outChannels: outC, bias, flip } = plan;
	const kh = rows.kernel;
	const kw = cols.kernel;
	const outW = cols.out;
	const taps = kh * kw * inC;
	const xRow = cols.size * inC; // input index step from one row to the next
	const xStep = cols.stride * inC; // input index step from one output column to the next

	// Tap t = (ky, kx, c) in filter order: its kernel row and column, its input offset from the window's
	// top-left cell, and its weight for filter k at weights[k * taps + t] (flip applied here).
	const tapRow = new Int32Array(taps);
	const tapCol = new Int32Array(taps);
	const tapOffset = new Int32Array(taps);
	const weights = new Float64Array(outC * taps);
	for (let ky = 0, t = 0; ky < kh; ky++) {
		const fy = flip ? kh - 1 - ky : ky;
		for (let kx = 0; kx < kw; kx++) {
			const fx = flip ? kw - 1 - kx : kx;
			for (let c = 0; c < inC; c++, t++) {
				tapRow[t] = ky;
				tapCol[t] = kx;
				tapOffset[t] = ky * rows.dilation * xRow + kx * cols.dilation * inC + c;
				const fBase = ((fy * kw + fx) * inC + c) * outC;
				for (let k = 0; k < outC; k++) weights[k * taps + t] = f[fBase + k]!;
			}
		}
	}

	// Runs: consecutive taps whose input offsets step by `tapStepInRun`. A kernel row is one run when its
	// columns are adjacent (dilation 1) or hold one channel; otherwise each (ky, kx) is a run of channels.
	const runLength = cols.dilation === 1 ? kw * inC : inC === 1 ? kw : inC;
	const tapStepInRun = cols.dilation === 1 || inC > 1 ? 1 : cols.dilation;
	// Triples: taps (t, t+1, t+2) of one run, every third from the run's start, the last one moved back
	// to end with the run (its weights zeroed where it repeats taps already counted).
	const perRun = Math.ceil(runLength / 3);
	const triples = runLength >= 3 ? (taps / runLength) * perRun : 0;
	const tripleFirstTap = new Int32Array(triples);
	const tripleWeights = new Float64Array(outC * triples * 3); // filter k's triple j at (k * triples + j) * 3
	for (let run = 0, j = 0; j < triples; run++) {
		for (let q = 0; q < perRun; q++, j++) {
			const start = Math.min(3 * q, runLength - 3);
			tripleFirstTap[j] = run * runLength + start;
			for (let m = 3 * q - start; m < 3; m++) {
				for (let k = 0; k < outC; k++) tripleWeights[(k * triples + j) * 3 + m] = weights[k * taps + tripleFirstTap[j]! + m]!;
			}
		}
	}

	// Output columns whose tap column kx reads inside the input: [colLo[kx], colHi[kx]). The interior
	// [inLo, inHi) is where every kx does; with no interior or no triples, every column goes tap by tap.
	const colLo = new Int32Array(kw);
	const colHi = new Int32Array(kw);
	let inLo = 0;
	let inHi = outW;
	for (let kx = 0; kx < kw; kx++) {
		const shift = kx * cols.dilation - cols.before; // input column = ox * stride + shift
		colLo[kx] = Math.max(0, Math.ceil(-shift / cols.stride));
		colHi[kx] = Math.max(colLo[kx]!, Math.min(outW, Math.floor((cols.size - 1 - shift) / cols.stride) + 1));
		inLo = Math.max(inLo, colLo[kx]!);
		inHi = Math.min(inHi, colHi[kx]!);
	}
	if (inLo >= inHi || triples === 0) inLo = inHi = 0;

	// Per output row: the taps and triples whose input row is inside the input (plus up to two fillers).
	const tapsInRow = new Int32Array(taps);
	const triplesInRow = new Int32Array(triples + 2);
	const acc = new Float64Array(outW); // running sums of one output row and filter
	const pass = new TriplePass(x, xStep, tapStepInRun);
	for (let oy = 0; oy < rows.out; oy++) {
		const y0 = oy * rows.stride - rows.before;
		let tapCount = 0;
		for (let t = 0; t < taps; t++) {
			const iy = y0 + tapRow[t]! * rows.dilation;
			if (iy >= 0 && iy < rows.size) tapsInRow[tapCount++] = t;
		}
		let tripleCount = 0;
		for (let j = 0; j < triples; j++) {
			const iy = y0 + tapRow[tripleFirstTap[j]!]! * rows.dilation;
			if (iy >= 0 && iy < rows.size) triplesInRow[tripleCount++] = j;
		}
		const from = tripleCount > 0 ? inLo : 0; // this row's interior columns: [from, to)
		const to = tripleCount > 0 ? inHi : 0;
		while (tripleCount % 3 !== 0) triplesInRow[tripleCount++] = -1; // a filler: weights 0
		const direct = tripleCount === 3; // one pass holds every live tap: it writes the output itself
		const x0 = y0 * xRow - cols.before * inC; // input index of output column 0's window origin (maybe padding)
		for (let k = 0; k < outC; k++) {
			const o0 = oy * outW * outC + k;
			const b = bias[k]!;
			acc.fill(0, 0, direct ? from : outW); // the sums these passes and taps add to
			if (direct) acc.fill(0, to);
			for (let g = 0; g < tripleCount; g += 3) {
				pass.load(tripleFirstTap, tapOffset, tripleWeights, k * triples, triplesInRow, g);
				if (direct) pass.store(out, o0, outC, x0, from, to, b);
				else pass.addTo(acc, x0, from, to);
			}
			for (let j = 0; j < tapCount; j++) {
				const t = tapsInRow[j]!;
				const lo = colLo[tapCol[t]!]!;
				const hi = colHi[tapCol[t]!]!;
				const w = weights[k * taps + t]!;
				addTap(acc, x, x0 + tapOffset[t]!, xStep, lo, Math.min(hi, from), w);
				addTap(acc, x, x0 + tapOffset[t]!, xStep, Math.max(lo, to), hi, w);
			}
			// Columns the direct pass has not written: all, or the edges around [from, to).
			storeSums(out, o0, outC, acc, 0, direct ? from : outW, b);
			if (direct) storeSums(out, o0, outC, acc, to, outW, b);
		}
	}
}

/** acc[ox] += w * x[i0 + ox * iStep] for output columns ox in [from, to). */
function addTap(acc: Float64Array, x: Float32Array, i0: number, iStep: number, from: number, to: number, w: number): void {
	for (let ox = from, i = i0 + from * iStep; ox < to; ox++, i += iStep) acc[ox] = acc[ox]! + w * x[i]!;
}

/** out[o0 + ox * oStep] = acc[ox] + bias for output columns ox in [from, to). */
function storeSums(out: Float32Array, o0: number, oStep: number, acc: Float64Array, from: number, to: number, bias: number): void {
	for (let ox = from, o = o0 + from * oStep; ox < to; ox++, o += oStep) out[o] = acc[ox]! + bias;
}

/**
 * Three triples (pass taps) summed over a stretch of interior output columns, column ox's window origin
 * being at input index i0 + ox * xStep; one instance serves every pass of a conv2d call.
 */
class TriplePass {
	/** Input offset of each triple's first tap from the window origin. */
	private readonly offsets = new Int32Array(3);
	/** The pass weights, triple by triple. */
	private readonly weights = new Float64Array(9);

	/** `step`: input index step between a triple's taps; `xStep`: from one output column to the next. */
	constructor(
		private readonly x: Float32Array,
		private readonly xStep: number,
		private readonly step: number,
	) {}

	/** Loads triples live[g], live[g+1], live[g+2] (-1: a zero-weight filler) of the filter whose first triple is wBase. */
	load(tripleFirstTap: Int32Array, tapOffset: Int32Array, tripleWeights: Float64Array, wBase: number, live: Int32Array, g: number): void {
		for (let m = 0; m < 3; m++) {
			const j = live[g + m]!;
			this.offsets[m] = tapOffset[tripleFirstTap[j < 0 ? live[g]! : j]!]!;
			for (let n = 0; n < 3; n++) this.weights[3 * m + n] = j < 0 ? 0 : tripleWeights[(wBase + j) * 3 + n]!;
		}
	}

	/** acc[ox] += the pass products, for output columns ox in [from, to). */
	addTo(acc: Float64Array, i0: number, from: number, to: number): void {
		const { x, xStep, step: e, offsets: a, weights: w } = this;
		const w0 = w[0]!, w1 = w[1]!, w2 = w[2]!, w3 = w[3]!, w4 = w[4]!, w5 = w[5]!, w6 = w[6]!, w7 = w[7]!, w8 = w[8]!;
		const p0 = i0 + a[0]!, q0 = i0 + a[1]!, r0 = i0 + a[2]!, e2 = 2 * e;
		for (let ox = from; ox < to; ox++) {
			const d = ox * xStep, p = p0 + d, q = q0 + d, r = r0 + d;
			acc[ox] = acc[ox]! + w0 * x[p]! + w1 * x[p + e]! + w2 * x[p + e2]! + w3 * x[q]! + w4 * x[q + e]! + w5 * x[q + e2]! + w6 * x[r]! + w7 * x[r + e]! + w8 * x[r + e2]!;
		}
	}

	/**
	 * out[o0 + ox * oStep] = 0 + the pass products + bias, for output columns ox in [from, to). When the
	 * window moves by one triple step per column (stride 1 on one channel), four columns share loads.
	 */
	store(out: Float32Array, o0: number, oStep: number, i0: number, from: number, to: number, bias: number): void {
		const quads = this.xStep === this.step ? (to - from) >> 2 : 0;
		if (quads > 0) this.storeQuads(out, o0, oStep, i0, from, from + 4 * quads, bias);
		if (from + 4 * quads < to) this.storeEach(out, o0, oStep, i0, from + 4 * quads, to, bias);
	}

	/**
	 * store() four columns at a time (a multiple of four) when xStep equals the triple step: each triple
	 * row reads six values once for the four sums, each sum still adding its taps in order.
	 */
	private storeQuads(out: Float32Array, o0: number, oStep: number, i0: number, from: number, to: number, bias: number): void {
		const { x, step: e, offsets: a, weights: w } = this;
		const w0 = w[0]!, w1 = w[1]!, w2 = w[2]!, w3 = w[3]!, w4 = w[4]!, w5 = w[5]!, w6 = w[6]!, w7 = w[7]!, w8 = w[8]!;
		const p0 = i0 + a[0]!, q0 = i0 + a[1]!, r0 = i0 + a[2]!;
		for (let ox = from; ox < to; ox += 4) {
			const o = o0 + ox * oStep;
			let i = p0 + ox * e; // first triple: a0..a5 feed columns ox..ox+3
			const a0 = x[i]!, a1 = x[(i += e)]!, a2 = x[(i += e)]!, a3 = x[(i += e)]!, a4 = x[(i += e)]!, a5 = x[(i += e)]!;
			const s0 = 0 + w0 * a0 + w1 * a1 + w2 * a2;
			const s1 = 0 + w0 * a1 + w1 * a2 + w2 * a3;
			const s2 = 0 + w0 * a2 + w1 * a3 + w2 * a4;
			const s3 = 0 + w0 * a3 + w1 * a4 + w2 * a5;
			i = q0 + ox * e; // second triple
			const b0 = x[i]!, b1 = x[(i += e)]!, b2 = x[(i += e)]!, b3 = x[(i += e)]!, b4 = x[(i += e)]!, b5 = x[(i += e)]!;
			const t0 = s0 + w3 * b0 + w4 * b1 + w5 * b2;
			const t1 = s1 + w3 * b1 + w4 * b2 + w5 * b3;
			const t2 = s2 + w3 * b2 + w4 * b3 + w5 * b4;
			const t3 = s3 + w3 * b3 + w4 * b4 + w5 * b5;
			i = r0 + ox * e; // third triple
			const c0 = x[i]!, c1 = x[(i += e)]!, c2 = x[(i += e)]!, c3 = x[(i += e)]!, c4 = x[(i += e)]!, c5 = x[(i += e)]!;
			out[o] = t0 + w6 * c0 + w7 * c1 + w8 * c2 + bias;
			out[o + oStep] = t1 + w6 * c1 + w7 * c2 + w8 * c3 + bias;
			out[o + 2 * oStep] = t2 + w6 * c2 + w7 * c3 + w8 * c4 + bias;
			out[o + 3 * oStep] = t3 + w6 * c3 + w7 * c4 + w8 * c5 + bias;
		}
	}

	/** store() one column at a time. */
	private storeEach(out: Float32Array, o0: number, oStep: number, i0: number, from: number, to: number, bias: number): void {
		const { x, xStep, step: e, offsets: a, weights: w } = this;
		const w0 = w[0]!, w1 = w[1]!, w2 = w[2]!, w3 = w[3]!, w4 = w[4]!, w5 = w[5]!, w6 = w[6]!, w7 = w[7]!, w8 = w[8]!;
		const p0 = i0 + a[0]!, q0 = i0 + a[1]!, r0 = i0 + a[2]!, e2 = 2 * e;
		for (let ox = from; ox < to; ox++) {
			const d = ox * xStep, p = p0 + d, q = q0 + d, r = r0 + d;
			out[o0 + ox * oStep] = 0 + w0 * x[p]! + w1 * x[p + e]! + w2 * x[p + e2]! + w3 * x[q]! + w4 * x[q + e]! + w5 * x[q + e2]! + w6 * x[r]! + w7 * x[r + e]! + w8 * x[r + e2]! + bias;
		}
	}
}
