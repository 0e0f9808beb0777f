/**
 * The conv -> activation -> pool pipeline a `cnn-conv` block shows: every number the widget draws,
 * computed once from the input and the (possibly edited) kernels. Pure: no DOM, no Obsidian.
 */
import { activate, type Activation } from './activate';
import { axisReach, type CellArea } from './cell-area';
import { conv2d, planConv2d, type ConvPlan } from './conv2d';
import { conv2dTranspose } from './conv2d-transpose';
import { explainPlannedConv, type ConvCell, type ConvExplanation } from './explain';
import { axisOf, convGeometry, transposePadBefore, type AxisGeometry, type FormulaAxis } from './shape';
import type { Tensor } from './tensor';
import { transposeAsConv } from './transpose-as-conv';
import { computePool, describePool, type PoolComputation, type PoolStage } from './pool-computation';
import { pool2d } from './pool2d';

/** Padding as the blocks accept it: a mode or explicit [rows, cols] cells on each side. */
export type PaddingSpec = 'valid' | 'same' | 'full' | [number, number];

/** The activation stage after a convolution ('none' = no stage). */
export type ConvActivation = 'none' | Exclude<Activation, 'softmax'>;

/** The settings of a convolution stage as a block writes them (the kernels and input aside). */
export interface ConvSettings {
	/** One bias per filter, or undefined for none. */
	bias: number[] | undefined;
	stride: [number, number];
	padding: PaddingSpec;
	dilation: [number, number];
	/** true = mathematical convolution (kernel rotated 180 degrees). */
	flip: boolean;
	/** true = transposed convolution (stride spreads the input; padding crops the output). */
	transpose: boolean;
	/** Applied after the convolution, shown as its own stage. */
	activation: ConvActivation;
	/** The pooling stage after the activation (the conv -> activation -> pool chain), or undefined. */
	pool: PoolStage | undefined;
}

/** Everything a convolution widget computes from: its input, its (possibly edited) kernels and the settings. */
export interface ConvSetup extends ConvSettings {
	/** The input [h, w, c] (c = 1, or 3 for an rgb image). */
	input: Tensor;
	/** One [kh][kw] weight matrix per filter; all the same size. */
	kernels: number[][][];
}

/** The computed convolution: what the input view shows, the outputs, and how to explain a cell. */
export interface ConvComputation {
	/** What the input view shows: the input, or for a transposed convolution the stretched, padded input. */
	view: Tensor;
	/** Transposed only: per view cell, the original input cell index, or -1 for an inserted zero / padding. */
	origin: Int32Array | null;
	/** Padding ring around the view, [top, bottom, left, right] cells (0 for transposed: it is inside the view). */
	pads: [number, number, number, number];
	/** Filters as applied to the view, [kh, kw, c, n]. */
	filters: Tensor;
	/** The output [oh, ow, n] before the activation. */
	output: Tensor;
	/** The output after the activation, or null when activation is none. */
	activated: Tensor | null;
	/** The pooling stage applied to the activated (or raw) output, or null without `pool`. */
	pool: PoolComputation | null;
	/** The output-size formula's numbers for rows and columns. */
	axes: { rows: FormulaAxis; cols: FormulaAxis };
	/** Number of sweep positions: oh * ow * n. */
	steps: number;
	/** The arithmetic of one output cell, taps in view coordinates. */
	explain(at: ConvCell): ConvExplanation;
	/**
	 * The view cells (padding included) read by the output cells of rows `rows[0]..rows[1]` and
	 * columns `cols[0]..cols[1]`: one cell's receptive field, or the union of the fields of a pooling
	 * window's cells. Work grows with the block and the kernel, not with the input.
	 */
	field(rows: [number, number], cols: [number, number]): CellArea;
	/** The sweep position of step `index` (filter-major, then rows, then columns). */
	cellOfStep(index: number): ConvCell;
	/**
	 * The computation with filter `filter`'s kernel replaced by `kernel` (same size): only that filter's
	 * output, activated and pooled channel are computed again, the other channels are copied, so the
	 * numbers are those of computeConv on the edited setup. (A transposed convolution is computed anew.)
	 */
	withKernel(filter: number, kernel: number[][]): ConvComputation;
}

/** The n kernels [kh][kw] of single-channel filters [kh, kw, 1, n] (the inverse of stackKernels with c = 1). */
export function kernelMatrices(filters: Tensor): number[][][] {
	const [kh = 0, kw = 0, , n = 1] = filters.shape;
	return Array.from({ length: n }, (_, f) => Array.from({ length: kh }, (_, r) => Array.from({ length: kw }, (_, c) => filters.data[(r * kw + c) * n + f] ?? 0)));
}

/** Filters [kh, kw, c, n] from n kernels, each replicated over the c input channels (an rgb image sums its three channels). */
export function stackKernels(kernels: readonly number[][][], channels: number): Tensor {
	const n = kernels.length;
	const kh = kernels[0]?.length ?? 0;
	const kw = kernels[0]?.[0]?.length ?? 0;
	const data = new Float32Array(kh * kw * channels * n);
	kernels.forEach((k, f) => {
		for (let i = 0; i < kh; i++) {
			for (let j = 0; j < kw; j++) {
				const w = k[i]?.[j] ?? 0;
				for (let c = 0; c < channels; c++) data[((i * kw + j) * channels + c) * n + f] = w;
			}
		}
	});
	return { shape: [kh, kw, channels, n], data };
}

/**
 * The padding a transposed convolution applies on one axis (0 = rows, 1 = columns): 'full' means
 * no crop, so it is 'valid' there. The one place this rule lives (parser, fit check and widget use it).
 */
export function transposeAxisPadding(padding: PaddingSpec, axis: 0 | 1): 'valid' | 'same' | number {
	const p = typeof padding === 'string' ? padding : padding[axis];
	return p === 'full' ? 'valid' : p;
}

/** The padding ring actually read by the sweep: 'same' may leave some of its after-cells unused. */
function usedAfter(g: AxisGeometry): number {
	const last = (g.out - 1) * g.stride - g.before + g.effKernel - 1;
	return Math.max(0, Math.min(g.after, last - (g.size - 1)));
}

/** Computes a convolution (or transposed convolution) setup; throws only on arguments the parser already rejects. */
export function computeConv(s: ConvSetup): ConvComputation {
	const [h = 1, w = 1, channels = 1] = s.input.shape;
	const kh = s.kernels[0]?.length ?? 0;
	const kw = s.kernels[0]?.[0]?.length ?? 0;
	let view: Tensor;
	let origin: Int32Array | null = null;
	let filters: Tensor;
	let pads: [number, number, number, number] = [0, 0, 0, 0];
	let output: Tensor;
	let explainOpts: Parameters<typeof planConv2d>[3];
	let axes: ConvComputation['axes'];

	if (!s.transpose) {
		filters = stackKernels(s.kernels, channels);
		explainOpts = { stride: s.stride, padding: s.padding, dilation: s.dilation, bias: s.bias, flip: s.flip };
		output = conv2d(s.input, filters, explainOpts);
		const { rows, cols } = convGeometry(s.input.shape, [kh, kw], s.stride, s.dilation, s.padding);
		view = s.input;
		pads = [rows.before, usedAfter(rows), cols.before, usedAfter(cols)];
		axes = { rows: axisOf(rows), cols: axisOf(cols) };
	} else {
		// tfjs layout for conv2dTranspose: [kh, kw, outC, inC]; the flip is applied to the weights first.
		const kernels = s.flip ? s.kernels.map((k) => k.slice().reverse().map((r) => r.slice().reverse())) : s.kernels;
		const stacked = stackKernels(kernels, channels);
		const tfFilters = swapLastAxes(stacked);
		const padRows = transposeAxisPadding(s.padding, 0);
		const padCols = transposeAxisPadding(s.padding, 1);
		output = addBias(conv2dTranspose(s.input, tfFilters, { stride: s.stride, padding: padRows }), s.bias);
		const direct = transposeAsConv(s.input, tfFilters, { stride: s.stride, padding: padRows });
		view = direct.input;
		origin = direct.origin;
		filters = direct.filters;
		explainOpts = { flip: true, bias: s.bias };
		const outH = output.shape[0] ?? 0;
		const outW = output.shape[1] ?? 0;
		const cropTop = transposePadBefore(kh, s.stride[0], padRows);
		const cropLeft = transposePadBefore(kw, s.stride[1], padCols);
		axes = {
			rows: { size: h, kernel: kh, stride: s.stride[0], dilation: 1, before: cropTop, after: (h - 1) * s.stride[0] + kh - outH - cropTop },
			cols: { size: w, kernel: kw, stride: s.stride[1], dilation: 1, before: cropLeft, after: (w - 1) * s.stride[1] + kw - outW - cropLeft },
		};
	}
	const plan = planConv2d('explainConv', view, filters, explainOpts);
	const activated = s.activation === 'none' ? null : activate(output, s.activation);
	const pool = s.pool ? computePool(activated ?? output, s.pool) : null;
	return assemble(s, { view, origin, pads, filters, output, activated, pool, axes }, plan);
}

/** What computeConv computes, before the methods that read it are attached. */
type ConvParts = Omit<ConvComputation, 'steps' | 'explain' | 'field' | 'cellOfStep' | 'withKernel'>;

/** The computation of setup `s` from its parts and the validated plan of its view and filters. */
function assemble(s: ConvSetup, p: ConvParts, plan: ConvPlan): ConvComputation {
	const oh = p.output.shape[0] ?? 0;
	const ow = p.output.shape[1] ?? 0;
	return {
		...p,
		steps: oh * ow * s.kernels.length,
		explain: (at) => explainPlannedConv('explainConv', plan, p.view, p.filters, at),
		field: (rows, cols) => ({ rows: axisReach(plan.geometry.rows, rows[0], rows[1]), cols: axisReach(plan.geometry.cols, cols[0], cols[1]) }),
		cellOfStep: (index) => {
			const filter = Math.floor(index / (oh * ow));
			const rest = index - filter * oh * ow;
			return { filter, row: Math.floor(rest / ow), col: rest % ow };
		},
		withKernel: (filter, kernel) => {
			const next: ConvSetup = { ...s, kernels: s.kernels.map((k, f) => (f === filter ? kernel : k)) };
			return s.transpose ? computeConv(next) : assemble(next, editedParts(next, p, filter), plan);
		},
	};
}

/**
 * The parts of a (direct) convolution after filter `f`'s kernel changed in `s`: that filter convolved,
 * activated and pooled on its own (each output cell sums the same taps in the same order, so the
 * numbers are computeConv's), written into copies of the other filters' channels.
 */
function editedParts(s: ConvSetup, p: ConvParts, f: number): ConvParts {
	const channels = s.input.shape[2] ?? 1;
	const kernel = s.kernels[f] ?? [];
	const bias = s.bias ? [s.bias[f] ?? 0] : undefined;
	const one = conv2d(s.input, stackKernels([kernel], channels), { stride: s.stride, padding: s.padding, dilation: s.dilation, bias, flip: s.flip });
	const oneActivated = s.activation === 'none' ? null : activate(one, s.activation);
	const output = withChannel(p.output, one, f);
	const activated = p.activated && oneActivated ? withChannel(p.activated, oneActivated, f) : null;
	let pool: PoolComputation | null = null;
	if (p.pool) {
		const options = p.pool.options;
		pool = describePool(activated ?? output, options, withChannel(p.pool.output, pool2d(oneActivated ?? one, options), f));
	}
	return { ...p, filters: stackKernels(s.kernels, channels), output, activated, pool };
}

/** A copy of `all` ([h, w, n]) with channel `f` taken from `one` ([h, w, 1]). */
function withChannel(all: Tensor, one: Tensor, f: number): Tensor {
	const n = all.shape[2] ?? 1;
	const data = new Float32Array(all.data);
	const src = one.data;
	for (let i = 0, d = f; i < src.length; i++, d += n) data[d] = src[i]!;
	return { shape: all.shape, data };
}

/** [kh, kw, a, b] -> [kh, kw, b, a]. */
function swapLastAxes(t: Tensor): Tensor {
	const [kh = 1, kw = 1, a = 1, b = 1] = t.shape;
	const data = new Float32Array(t.data.length);
	for (let k = 0; k < kh * kw; k++) {
		for (let i = 0; i < a; i++) for (let j = 0; j < b; j++) data[(k * b + j) * a + i] = t.data[(k * a + i) * b + j] ?? 0;
	}
	return { shape: [kh, kw, b, a], data };
}

/** Adds one bias per channel to an [h, w, c] tensor (conv2dTranspose has no bias option). */
function addBias(t: Tensor, bias: number[] | undefined): Tensor {
	if (!bias) return t;
	const c = t.shape[2] ?? 1;
	const data = Float32Array.from(t.data, (v, i) => v + (bias[i % c] ?? 0));
	return { shape: t.shape, data };
}
