/**
 * A transposed convolution rewritten as an ordinary one, as conv_arithmetic draws it: zeros are
 * inserted between the input cells (stride - 1 of them), the result is padded, and a 'valid'
 * convolution with the kernel rotated 180 degrees gives exactly conv2dTranspose's output.
 */
import { planConv2dTranspose, type ConvTransposeOptions } from './conv2d-transpose';
import { transposePadBefore } from './shape';
import type { Tensor } from './tensor';

/** The direct convolution equivalent to a transposed one. */
export interface TransposeAsConv {
	/** The stretched, padded input [Hp, Wp, inC]: input cells spread `stride` apart, zeros elsewhere. */
	input: Tensor;
	/** For each of the Hp * Wp cells: the index (row * w + col) of the original input cell placed there, or -1 for an inserted zero or padding. */
	origin: Int32Array;
	/** The filters as conv2d wants them, [kh, kw, inC, outC], not yet rotated: convolve with `flip: true`. */
	filters: Tensor;
	/** Cells added before the first input cell (top, left); negative when the padding crops the input. */
	offset: [number, number];
}

/**
 * Rewrites conv2dTranspose(input [h, w, inC], filters [kh, kw, outC, inC], opts) as
 * conv2d(result.input, result.filters, { flip: true }) with 'valid' padding; both give [outH, outW, outC].
 */
export function transposeAsConv(input: Tensor, filters: Tensor, opts?: ConvTransposeOptions): TransposeAsConv {
	const plan = planConv2dTranspose('transposeAsConv', input, filters, opts);
	const { inH: h, inW: w, inC, kh, kw, outC, outH, outW } = plan;
	const [sh, sw] = plan.stride;
	const top = kh - 1 - transposePadBefore(kh, sh, plan.padding.rows);
	const left = kw - 1 - transposePadBefore(kw, sw, plan.padding.cols);
	const hp = outH + kh - 1;
	const wp = outW + kw - 1;
	const data = new Float32Array(hp * wp * inC);
	const origin = new Int32Array(hp * wp).fill(-1);
	for (let y = 0; y < h; y++) {
		const r = y * sh + top;
		if (r < 0 || r >= hp) continue;
		for (let x = 0; x < w; x++) {
			const c = x * sw + left;
			if (c < 0 || c >= wp) continue;
			origin[r * wp + c] = y * w + x;
			for (let ch = 0; ch < inC; ch++) data[(r * wp + c) * inC + ch] = input.data[(y * w + x) * inC + ch]!;
		}
	}
	// [kh, kw, outC, inC] -> [kh, kw, inC, outC]
	const swapped = new Float32Array(filters.data.length);
	for (let k = 0; k < kh * kw; k++) {
		for (let oc = 0; oc < outC; oc++) {
			for (let ic = 0; ic < inC; ic++) swapped[(k * inC + ic) * outC + oc] = filters.data[(k * outC + oc) * inC + ic]!;
		}
	}
	return {
		input: { shape: [hp, wp, inC], data },
		origin,
		filters: { shape: [kh, kw, inC, outC], data: swapped },
		offset: [top, left],
	};
}
