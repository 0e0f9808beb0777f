/** Transposed 2-D convolution (the gradient of conv2d, "deconvolution") of an [h, w, c] map, as tf.conv2dTranspose. */
import { transposeOutputSizeUnchecked, transposePadBefore } from './shape';
import type { Tensor } from './tensor';
import { checkFilters, checkOptions, checkPadding, checkTensor, fail, intPair, show } from './validate';

/** Options of conv2dTranspose; stride in cells, padding 'valid' (default), 'same' or cells cropped on each side. */
export interface ConvTransposeOptions {
	/** Upsampling step: each input cell moves this many output cells (default 1). */
	stride?: number | [number, number];
	/** 'valid': output (i - 1) * s + k; 'same': i * s; a number p: (i - 1) * s + k - 2p. */
	padding?: 'valid' | 'same' | number;
}

/** A validated transposed convolution: sizes, strides, padding and output size, shared by conv2dTranspose and transposeAsConv. */
export interface TransposePlan {
	inH: number;
	inW: number;
	inC: number;
	kh: number;
	kw: number;
	outC: number;
	stride: [number, number];
	padding: { rows: 'valid' | 'same' | number; cols: 'valid' | 'same' | number };
	outH: number;
	outW: number;
}

/** Checks a transposed convolution's arguments once (errors name `op`) and computes its output size. */
export function planConv2dTranspose(op: string, input: Tensor, filters: Tensor, opts: ConvTransposeOptions | undefined): TransposePlan {
	const [inH = 1, inW = 1, inC = 1] = checkTensor(op, 'input', input, [3], '[height, width, channels]');
	const [kh, kw, outC, fIn] = checkFilters(op, filters, '[kh, kw, outChannels, inChannels]');
	if (fIn !== inC) fail(op, `input has ${inC} channels but filters expect ${fIn}`);
	const o = checkOptions(op, opts, false);
	const stride = intPair(op, 'stride', o.stride, 1, 1);
	const padding = checkPadding(op, o.padding, ['valid', 'same'], 'number');
	const outH = transposeOutputSizeUnchecked(inH, kh, stride[0], padding.rows);
	const outW = transposeOutputSizeUnchecked(inW, kw, stride[1], padding.cols);
	if (outH < 1 || outW < 1) {
		const uncropped = Math.min((inH - 1) * stride[0] + kh, (inW - 1) * stride[1] + kw);
		fail(op, `padding must leave at least one output cell (at most ${Math.floor((uncropped - 1) / 2)} here), got ${show(o.padding)}`);
	}
	return { inH, inW, inC, kh, kw, outC, stride, padding, outH, outW };
}

/**
 * Transposed convolution of an [h, w, inC] map with filters [kh, kw, outC, inC] (tfjs layout) giving
 * [outH, outW, outC]: each input cell scatters its value times the kernel to the output window at
 * (y * sh - padTop, x * sw - padLeft), with the output size of tf.conv2dTranspose.
 */
export function conv2dTranspose(input: Tensor, filters: Tensor, opts?: ConvTransposeOptions): Tensor {
	const { inH, inW, inC, kh, kw, outC, stride, padding, outH, outW } = planConv2dTranspose('conv2dTranspose', input, filters, opts);
	const [sh, sw] = stride;
	const top = transposePadBefore(kh, sh, padding.rows);
	const left = transposePadBefore(kw, sw, padding.cols);
	const x = input.data;
	const f = filters.data;
	const acc = new Float64Array(outH * outW * outC);
	const fCol = outC * inC;
	const fRow = kw * fCol;
	for (let iy = 0; iy < inH; iy++) {
		for (let ix = 0; ix < inW; ix++) {
			const xBase = (iy * inW + ix) * inC;
			for (let ky = 0; ky < kh; ky++) {
				const oy = iy * sh + ky - top;
				if (oy < 0 || oy >= outH) continue;
				for (let kx = 0; kx < kw; kx++) {
					const ox = ix * sw + kx - left;
					if (ox < 0 || ox >= outW) continue;
					const oBase = (oy * outW + ox) * outC;
					const fBase = ky * fRow + kx * fCol;
					for (let k = 0; k < outC; k++) {
						const fk = fBase + k * inC;
						let s = 0;
						for (let c = 0; c < inC; c++) s += x[xBase + c]! * f[fk + c]!;
						acc[oBase + k]! += s;
					}
				}
			}
		}
	}
	return { shape: [outH, outW, outC], data: Float32Array.from(acc) };
}
