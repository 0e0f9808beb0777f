/** 2-D convolution (cross-correlation as tf.conv2d, or true convolution with `flip`) of an [h, w, c] image. */
import { convolveInto } from './conv2d-loops';
import { geometry2d, type Geometry2D, type Padding } from './shape';
import type { Tensor } from './tensor';
import { checkBias, checkFilters, checkOptions, checkPadding, checkTensor, fail, flag, intPair } from './validate';

/** Options of conv2d; stride, padding and dilation in cells, as [rows, cols] or one number for both. */
export interface ConvOptions {
	/** Step between output cells (default 1). */
	stride?: number | [number, number];
	/** 'valid' (default), 'same' (as TensorFlow), 'full' (effK - 1 each side) or cells on each side. */
	padding?: Padding;
	/** Step between kernel taps (default 1 = no dilation). */
	dilation?: number | [number, number];
	/** One value per output channel (filter), added after the sum. */
	bias?: number[];
	/** true = mathematical convolution: the kernel is rotated 180 degrees before sliding. */
	flip?: boolean;
}

/** A validated convolution: geometry, channel counts, bias and flip, shared by conv2d and explainConv. */
export interface ConvPlan {
	geometry: Geometry2D;
	inChannels: number;
	outChannels: number;
	bias: Float64Array;
	flip: boolean;
}

/** Layouts named in shape errors. */
const INPUT_LAYOUT = '[height, width, channels]';
const FILTER_LAYOUT = '[kh, kw, inChannels, outChannels]';

/**
 * Checks conv2d's arguments once (throwing errors that name `op`) and computes the sweep; filters
 * [kh, kw] and [kh, kw, inC] are read as [kh, kw, 1, 1] and [kh, kw, inC, 1].
 */
export function planConv2d(op: string, input: Tensor, filters: Tensor, opts: ConvOptions | undefined): ConvPlan {
	const [h = 1, w = 1, inC = 1] = checkTensor(op, 'input', input, [3], INPUT_LAYOUT);
	const [kh, kw, fIn, outC] = checkFilters(op, filters, FILTER_LAYOUT);
	if (fIn !== inC) fail(op, `input has ${inC} channels but filters expect ${fIn}`);
	const o = checkOptions(op, opts, false);
	const stride = intPair(op, 'stride', o.stride, 1, 1);
	const dilation = intPair(op, 'dilation', o.dilation, 1, 1);
	const padding = checkPadding(op, o.padding, ['valid', 'same', 'full'], 'pair');
	const bias = checkBias(op, o.bias, outC);
	const flip = flag(op, 'flip', o.flip);
	const geometry = geometry2d(op, 'kernel', [h, w], [kh, kw], stride, dilation, padding);
	return { geometry, inChannels: inC, outChannels: outC, bias, flip };
}

/**
 * Convolves an [h, w, inC] image with filters [kh, kw, inC, outC] and returns [outH, outW, outC]:
 * out[y, x, f] = bias[f] + sum over (i, j, c) of input[y*sh - padTop + i*dh, x*sw - padLeft + j*dw, c]
 * * filters[i, j, c, f] (filters[kh-1-i, kw-1-j, c, f] with flip), padding cells counting as 0.
 */
export function conv2d(input: Tensor, filters: Tensor, opts?: ConvOptions): Tensor {
	const plan = planConv2d('conv2d', input, filters, opts);
	const shape = [plan.geometry.rows.out, plan.geometry.cols.out, plan.outChannels];
	const out = new Float32Array(shape[0]! * shape[1]! * shape[2]!);
	convolveInto(out, input.data, filters.data, plan);
	return { shape, data: out };
}
