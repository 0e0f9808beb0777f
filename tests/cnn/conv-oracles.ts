/** Independent conv2d results to check src/cnn against: tf.conv2d on the CPU backend, and a padded-copy loop. */
import * as tf from '@tensorflow/tfjs';
import type { Tensor } from '../../src/cnn';
import type { ConvCase } from './cases';
import { batch, runTf, tf4, unbatch } from './helpers';

/** tf.conv2d (with explicit padding for numbers, pairs and 'full', reversed kernel for flip, bias added). */
export function tfConv(c: ConvCase): Tensor {
	const { padding, stride, dilation, bias, flip } = c.opts;
	const [kh = 1, kw = 1] = c.f.shape;
	let pad: 'valid' | 'same' | [[number, number], [number, number], [number, number], [number, number]];
	if (padding === 'valid' || padding === 'same') pad = padding;
	else {
		const [pr, pc] =
			padding === 'full' ? [(kh - 1) * dilation[0], (kw - 1) * dilation[1]] : typeof padding === 'number' ? [padding, padding] : padding;
		pad = [[0, 0], [pr, pr], [pc, pc], [0, 0]];
	}
	return unbatch(
		runTf(() => {
			const f = flip ? tf.reverse(tf4(c.f), [0, 1]) : tf4(c.f);
			const y = tf.conv2d(batch(c.x), f, stride, pad, 'NHWC', dilation);
			return bias ? tf.add(y, tf.tensor1d(bias)) : y;
		}),
	);
}

/** Straightforward reference: build the zero-padded image, then slide the dilated kernel over it. */
export function referenceConv(c: ConvCase): Tensor {
	const [h = 1, w = 1, inC = 1] = c.x.shape;
	const [kh = 1, kw = 1, , outC = 1] = c.f.shape;
	const { stride, dilation, padding, bias, flip } = c.opts;
	const effH = (kh - 1) * dilation[0] + 1;
	const effW = (kw - 1) * dilation[1] + 1;
	let top: number, bottom: number, left: number, right: number;
	if (padding === 'same') {
		const th = Math.max((Math.ceil(h / stride[0]) - 1) * stride[0] + effH - h, 0);
		const tw = Math.max((Math.ceil(w / stride[1]) - 1) * stride[1] + effW - w, 0);
		[top, bottom, left, right] = [Math.floor(th / 2), th - Math.floor(th / 2), Math.floor(tw / 2), tw - Math.floor(tw / 2)];
	} else {
		const [pr, pc] = padding === 'valid' ? [0, 0] : padding === 'full' ? [effH - 1, effW - 1] : typeof padding === 'number' ? [padding, padding] : padding;
		[top, bottom, left, right] = [pr, pr, pc, pc];
	}
	const ph = h + top + bottom;
	const pw = w + left + right;
	const padded: number[][][] = [];
	for (let y = 0; y < ph; y++) {
		const row: number[][] = [];
		for (let x = 0; x < pw; x++) {
			const inside = y >= top && y < top + h && x >= left && x < left + w;
			row.push(Array.from({ length: inC }, (_, ch) => (inside ? (c.x.data[((y - top) * w + (x - left)) * inC + ch] ?? NaN) : 0)));
		}
		padded.push(row);
	}
	const outH = Math.floor((ph - effH) / stride[0]) + 1;
	const outW = Math.floor((pw - effW) / stride[1]) + 1;
	const data = new Float32Array(outH * outW * outC);
	for (let oy = 0; oy < outH; oy++)
		for (let ox = 0; ox < outW; ox++)
			for (let k = 0; k < outC; k++) {
				let s = bias?.[k] ?? 0;
				for (let i = 0; i < kh; i++)
					for (let j = 0; j < kw; j++)
						for (let ch = 0; ch < inC; ch++) {
							const fi = flip ? kh - 1 - i : i;
							const fj = flip ? kw - 1 - j : j;
							const v = padded[oy * stride[0] + i * dilation[0]]?.[ox * stride[1] + j * dilation[1]]?.[ch] ?? NaN;
							s += v * (c.f.data[((fi * kw + fj) * inC + ch) * outC + k] ?? NaN);
						}
				data[(oy * outW + ox) * outC + k] = s;
			}
	return { shape: [outH, outW, outC], data };
}

/** The dilated kernel written out with zeros between taps, so tf can check dilation with stride > 1. */
export function dilatedFilters(f: Tensor, dilation: [number, number]): Tensor {
	const [kh = 1, kw = 1, inC = 1, outC = 1] = f.shape;
	const eh = (kh - 1) * dilation[0] + 1;
	const ew = (kw - 1) * dilation[1] + 1;
	const data = new Float32Array(eh * ew * inC * outC);
	const block = inC * outC;
	for (let i = 0; i < kh; i++)
		for (let j = 0; j < kw; j++)
			data.set(f.data.subarray((i * kw + j) * block, (i * kw + j + 1) * block), (i * dilation[0] * ew + j * dilation[1]) * block);
	return { shape: [eh, ew, inC, outC], data };
}
