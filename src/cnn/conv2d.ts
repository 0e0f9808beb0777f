/** 2-D convolution (cross-correlation as tf.conv2d, or true convolution with `flip`) of an [h, w, c] image. */
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
	const { rows, cols } = plan.geometry;
	const { inChannels: inC, outChannels: outC, bias, flip } = plan;
	const inH = rows.size;
	const inW = cols.size;
	const kh = rows.kernel;
	const kw = cols.kernel;
	const outH = rows.out;
	const outW = cols.out;
	const x = input.data;
	const f = filters.data;
	const out = new Float32Array(outH * outW * outC);
	const acc = new Float64Array(outC);
	const xRow = inW * inC;
	const fCol = inC * outC;
	const fRow = kw * fCol;
	for (let oy = 0; oy < outH; oy++) {
		const y0 = oy * rows.stride - rows.before;
		for (let ox = 0; ox < outW; ox++) {
			const x0 = ox * cols.stride - cols.before;
			acc.fill(0);
			for (let ky = 0; ky < kh; ky++) {
				const iy = y0 + ky * rows.dilation;
				if (iy < 0 || iy >= inH) continue;
				const fyBase = (flip ? kh - 1 - ky : ky) * fRow;
				for (let kx = 0; kx < kw; kx++) {
					const ix = x0 + kx * cols.dilation;
					if (ix < 0 || ix >= inW) continue;
					const xBase = iy * xRow + ix * inC;
					const fBase = fyBase + (flip ? kw - 1 - kx : kx) * fCol;
					for (let c = 0; c < inC; c++) {
						const v = x[xBase + c]!;
						const fc = fBase + c * outC;
						for (let k = 0; k < outC; k++) acc[k]! += v * f[fc + k]!;
					}
				}
			}
			const oBase = (oy * outW + ox) * outC;
			for (let k = 0; k < outC; k++) out[oBase + k] = acc[k]! + bias[k]!;
		}
	}
	return { shape: [outH, outW, outC], data: out };
}
