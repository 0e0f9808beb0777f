// Plain reference maths for the end-to-end checks: what a widget's output grids must show, given
// the input and kernel grids it displays and the options written in its block. Written
// independently of src/cnn on purpose (TensorFlow's conventions: 'same' pads extra at the end).
import { load } from 'js-yaml';

/** The options of a block's YAML that shape the result, with the documented defaults. */
export function blockOptions(source) {
	const y = load(source) ?? {};
	const pair = (v, d) => (v === undefined ? d : Array.isArray(v) ? [Number(v[0]), Number(v[1])] : [Number(v), Number(v)]);
	const size = pair(y.size, [2, 2]);
	return {
		type: y.type ?? 'max',
		size,
		/** cnn-pool: stride defaults to size. */
		poolStride: pair(y.stride, size),
		/** cnn-conv: stride defaults to 1. */
		convStride: pair(y.stride, [1, 1]),
		padding: y.padding ?? 'valid',
		dilation: pair(y.dilation, [1, 1]),
		flip: y.flip === true,
		bias: y.bias === undefined ? [] : Array.isArray(y.bias) ? y.bias.map(Number) : [Number(y.bias)],
	};
}

/** Padding before/after on one axis for input length n, window k (already dilated), stride s. */
function padFor(mode, n, k, s, axis) {
	if (mode === 'valid') return [0, 0];
	if (mode === 'full') return [k - 1, k - 1];
	if (mode === 'same') {
		const out = Math.ceil(n / s);
		const total = Math.max((out - 1) * s + k - n, 0);
		return [Math.floor(total / 2), total - Math.floor(total / 2)];
	}
	const p = Array.isArray(mode) ? Number(mode[axis]) : Number(mode);
	return [p, p];
}

/** Cross-correlation (or convolution with flip) of one 2-D input with one 2-D kernel. */
export function conv2d(input, kernel, { stride = [1, 1], padding = 'valid', dilation = [1, 1], flip = false, bias = 0 } = {}) {
	const k = flip ? kernel.map((row) => [...row].reverse()).reverse() : kernel;
	const [kh, kw] = [k.length, k[0].length];
	const [eh, ew] = [(kh - 1) * dilation[0] + 1, (kw - 1) * dilation[1] + 1];
	const [pt, pb] = padFor(padding, input.length, eh, stride[0], 0);
	const [pl, pr] = padFor(padding, input[0].length, ew, stride[1], 1);
	const outH = Math.floor((input.length + pt + pb - eh) / stride[0]) + 1;
	const outW = Math.floor((input[0].length + pl + pr - ew) / stride[1]) + 1;
	const out = [];
	for (let r = 0; r < outH; r++) {
		const row = [];
		for (let c = 0; c < outW; c++) {
			let sum = bias;
			for (let i = 0; i < kh; i++) {
				for (let j = 0; j < kw; j++) {
					const y = r * stride[0] - pt + i * dilation[0];
					const x = c * stride[1] - pl + j * dilation[1];
					if (y >= 0 && x >= 0 && y < input.length && x < input[0].length) sum += input[y][x] * k[i][j];
				}
			}
			row.push(sum);
		}
		out.push(row);
	}
	return out;
}

/** Max/avg/min pooling; padded cells never count (avg divides by the real cells only). */
export function pool2d(input, { type = 'max', size = [2, 2], stride = size, padding = 'valid' } = {}) {
	const [pt] = padFor(padding, input.length, size[0], stride[0], 0);
	const [pl] = padFor(padding, input[0].length, size[1], stride[1], 1);
	const outH = padding === 'same' ? Math.ceil(input.length / stride[0]) : Math.floor((input.length - size[0]) / stride[0]) + 1;
	const outW = padding === 'same' ? Math.ceil(input[0].length / stride[1]) : Math.floor((input[0].length - size[1]) / stride[1]) + 1;
	const out = [];
	for (let r = 0; r < outH; r++) {
		const row = [];
		for (let c = 0; c < outW; c++) {
			const window = [];
			for (let i = 0; i < size[0]; i++) {
				for (let j = 0; j < size[1]; j++) {
					const y = r * stride[0] - pt + i;
					const x = c * stride[1] - pl + j;
					if (y >= 0 && x >= 0 && y < input.length && x < input[0].length) window.push(input[y][x]);
				}
			}
			const v = type === 'max' ? Math.max(...window) : type === 'min' ? Math.min(...window) : window.reduce((a, b) => a + b, 0) / window.length;
			row.push(v);
		}
		out.push(row);
	}
	return out;
}

/** True when two matrices have the same shape and agree to `tol` (float32 rounding). */
export function close(a, b, tol = 1e-4) {
	return (
		a.length === b.length &&
		a.every((row, r) => row.length === b[r].length && row.every((v, c) => Math.abs(v - b[r][c]) <= tol * Math.max(1, Math.abs(b[r][c]))))
	);
}
