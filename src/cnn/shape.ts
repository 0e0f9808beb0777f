/**
 * The one place that computes padding amounts and output sizes (TensorFlow's rules, and the
 * conv_arithmetic formulas where tfjs refuses stride > 1 with dilation > 1). The ops, the formulas
 * shown to students and the widgets' allowed ranges all use it.
 */
import { checkOptions, fail, positiveInt, show } from './validate';

/** Padding of one spatial axis: a mode, or an explicit number of cells added on each side. */
export type AxisPadding = 'valid' | 'same' | 'full' | number;

/** Padding of a 2-D op: a mode, cells on every side, or [rows, cols] cells on each side. */
export type Padding = AxisPadding | [number, number];

/** Where a kernel sweeps along one axis: input size, kernel, stride, dilation and padding in cells, and the output size. */
export interface AxisGeometry {
	/** Input size (cells). */
	size: number;
	/** Kernel size (weights). */
	kernel: number;
	/** Step between consecutive windows (cells). */
	stride: number;
	/** Step between consecutive kernel taps (cells); 1 = no dilation. */
	dilation: number;
	/** Extent of the dilated kernel, (kernel - 1) * dilation + 1 (cells). */
	effKernel: number;
	/** Padding cells before the first input cell (top or left). */
	before: number;
	/** Padding cells after the last input cell (bottom or right); the stride may leave some of them unused. */
	after: number;
	/** Output size (cells); < 1 when the kernel does not fit. */
	out: number;
}

/** Extent of a dilated kernel in cells: (k - 1) * d + 1. */
export function effectiveKernelSize(k: number, dilation: number): number {
	return (k - 1) * dilation + 1;
}

/**
 * Padding and output size of one axis, unchecked: 'valid' pads nothing, 'same' pads as TensorFlow
 * (total = max((ceil(i/s) - 1) * s + effK - i, 0), the extra cell after), 'full' pads effK - 1 on each
 * side, a number p pads p on each side; the output is floor((i + before + after - effK) / s) + 1.
 */
export function axisGeometry(size: number, kernel: number, stride: number, dilation: number, padding: AxisPadding): AxisGeometry {
	const effKernel = effectiveKernelSize(kernel, dilation);
	let before: number;
	let total: number;
	if (padding === 'same') {
		total = Math.max((Math.ceil(size / stride) - 1) * stride + effKernel - size, 0);
		before = Math.floor(total / 2);
	} else {
		before = padding === 'valid' ? 0 : padding === 'full' ? effKernel - 1 : padding;
		total = 2 * before;
	}
	const out = Math.floor((size + total - effKernel) / stride) + 1;
	return { size, kernel, stride, dilation, effKernel, before, after: total - before, out };
}

/** Options of `convOutputSize` for one dimension; stride and dilation in cells (default 1), padding default 'valid'. */
export interface OutputSizeOptions {
	stride?: number;
	padding?: AxisPadding;
	dilation?: number;
}

/**
 * Output size (cells) of a convolution or pooling along one dimension of i cells with a kernel of k
 * taps; 0 when the (dilated) kernel does not fit in the padded input.
 */
export function convOutputSize(i: number, k: number, opts?: OutputSizeOptions): number {
	const op = 'convOutputSize';
	const o = checkOptions(op, opts, false);
	positiveInt(op, 'i', i);
	positiveInt(op, 'k', k);
	const stride = positiveInt(op, 'stride', o.stride ?? 1);
	const dilation = positiveInt(op, 'dilation', o.dilation ?? 1);
	const p = o.padding ?? 'valid';
	if (p !== 'valid' && p !== 'same' && p !== 'full' && !(typeof p === 'number' && Number.isInteger(p) && p >= 0)) {
		fail(op, `padding must be 'valid', 'same', 'full' or a non-negative integer, got ${show(p)}`);
	}
	return Math.max(0, axisGeometry(i, k, stride, dilation, p).out);
}

/** Options of `convTransposeOutputSize` for one dimension; stride in cells (default 1), padding default 'valid'. */
export interface TransposeSizeOptions {
	stride?: number;
	padding?: 'valid' | 'same' | number;
}

/** Padding cells cropped before the first output cell of a transposed convolution (tf.conv2dTranspose's rule). */
export function transposePadBefore(kernel: number, stride: number, padding: 'valid' | 'same' | number): number {
	if (padding === 'valid') return 0;
	if (padding === 'same') return Math.floor(Math.max(kernel - stride, 0) / 2);
	return padding;
}

/**
 * Output size (cells) of a transposed convolution along one dimension, as tf.conv2dTranspose:
 * 'valid' (i - 1) * s + k, 'same' i * s, a number p (i - 1) * s + k - 2p; 0 or less means nothing is left.
 */
export function transposeOutputSizeUnchecked(i: number, k: number, stride: number, padding: 'valid' | 'same' | number): number {
	if (padding === 'same') return i * stride;
	return (i - 1) * stride + k - (padding === 'valid' ? 0 : 2 * padding);
}

/** Checked `transposeOutputSizeUnchecked`: output size (cells) of a transposed convolution along one dimension, at least 0. */
export function convTransposeOutputSize(i: number, k: number, opts?: TransposeSizeOptions): number {
	const op = 'convTransposeOutputSize';
	const o = checkOptions(op, opts, false);
	positiveInt(op, 'i', i);
	positiveInt(op, 'k', k);
	const stride = positiveInt(op, 'stride', o.stride ?? 1);
	const p = o.padding ?? 'valid';
	if (p !== 'valid' && p !== 'same' && !(typeof p === 'number' && Number.isInteger(p) && p >= 0)) {
		fail(op, `padding must be 'valid', 'same' or a non-negative integer, got ${show(p)}`);
	}
	return Math.max(0, transposeOutputSizeUnchecked(i, k, stride, p));
}

/** Sweep of a kernel over a [height, width] input: one AxisGeometry for rows, one for columns. */
export interface Geometry2D {
	rows: AxisGeometry;
	cols: AxisGeometry;
}

/**
 * Both axes' geometry for an op, throwing "<op>: kernel (KhxKw, dilated EhxEw) is larger than the
 * padded input (HxW)" when there would be no output cell. `what` names the kernel ('kernel' or 'window').
 */
export function geometry2d(
	op: string,
	what: string,
	input: [number, number],
	kernel: [number, number],
	stride: [number, number],
	dilation: [number, number],
	padding: { rows: AxisPadding; cols: AxisPadding },
): Geometry2D {
	const rows = axisGeometry(input[0], kernel[0], stride[0], dilation[0], padding.rows);
	const cols = axisGeometry(input[1], kernel[1], stride[1], dilation[1], padding.cols);
	if (rows.out < 1 || cols.out < 1) {
		const dilated = dilation[0] > 1 || dilation[1] > 1 || what === 'kernel' ? `, dilated ${rows.effKernel}x${cols.effKernel}` : '';
		const padH = rows.size + rows.before + rows.after;
		const padW = cols.size + cols.before + cols.after;
		fail(op, `${what} (${kernel[0]}x${kernel[1]}${dilated}) is larger than the padded input (${padH}x${padW})`);
	}
	return { rows, cols };
}

/**
 * Both axes' sweep (AxisGeometry, cells) of a convolution of an [h, w, ...] input with a [kh, kw, ...]
 * kernel; padding as conv2d takes it ([rows, cols] pads each axis). Unchecked: out < 1 means no output.
 */
export function convGeometry(
	inputShape: readonly number[],
	kernelShape: readonly number[],
	stride: [number, number],
	dilation: [number, number],
	padding: Padding,
): Geometry2D {
	const rowsPad = Array.isArray(padding) ? padding[0] : padding;
	const colsPad = Array.isArray(padding) ? padding[1] : padding;
	return {
		rows: axisGeometry(inputShape[0] ?? 0, kernelShape[0] ?? 0, stride[0], dilation[0], rowsPad),
		cols: axisGeometry(inputShape[1] ?? 0, kernelShape[1] ?? 0, stride[1], dilation[1], colsPad),
	};
}

/** One axis of a convolution as the formulas need it: input size, kernel, stride, dilation, padding before/after (cells). */
export interface FormulaAxis {
	size: number;
	kernel: number;
	stride: number;
	dilation: number;
	before: number;
	after: number;
}

/** A FormulaAxis from the shared geometry of src/cnn (padding before/after as the maths applies it). */
export function axisOf(g: AxisGeometry): FormulaAxis {
	return { size: g.size, kernel: g.kernel, stride: g.stride, dilation: g.dilation, before: g.before, after: g.after };
}
