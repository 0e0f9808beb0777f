/**
 * Typed-array cpu kernels for the forward pass of a training step, and for the element-wise and
 * reduction kernels its gradients call: Conv2D and FusedConv2D (bias, linear or relu), MaxPool,
 * Relu, Step (relu's gradient), Multiply of two float32 tensors of one shape, and Sum over the
 * leading axes (a bias gradient: tfjs transposes the whole tensor first). tfjs-backend-cpu goes
 * through generic accessors and an op callback per element; these are bare loops over the values
 * with precomputed strides, in tfjs's order of summation. Anything else (NCHW, dilation, explicit
 * padding, other dtypes, broadcasting) is handed to tfjs's own kernel. Installed with the gradient
 * kernels by installTrainKernels (train-kernels.ts).
 */
import type { KernelFunc, NamedAttrMap, TensorInfo } from '@tensorflow/tfjs-core';
import { type CpuBackend, outSize, padBefore, pair, plain, valuesOf } from './kernel-util';

/** A kernel built around tfjs's own, which it calls for the cases it does not handle. */
export type KernelWrapper = (original: KernelFunc) => KernelFunc;

/** y[b, oh, ow, o] = sum over i, j, c of x[b, oh*sh + i - pt, ow*sw + j - pl, c] * w[i, j, c, o] (+ bias[o], then relu when asked). */
function convolve(backend: CpuBackend, x: TensorInfo, filter: TensorInfo, attrs: NamedAttrMap, bias: TensorInfo | undefined, relu: boolean): TensorInfo | null {
	if (!plain(attrs) || attrs.dimRoundingMode != null || x.shape.length !== 4 || filter.shape.length !== 4) return null;
	const [B = 1, H = 1, W = 1, ci = 1] = x.shape;
	const [kh = 1, kw = 1, fci = 1, co = 1] = filter.shape;
	if (fci !== ci || (bias && (bias.shape.length !== 1 || bias.shape[0] !== co))) return null;
	const [sh, sw] = pair(attrs.strides);
	const OH = outSize(attrs.pad, H, kh, sh);
	const OW = outSize(attrs.pad, W, kw, sw);
	if (OH === null || OW === null) return null;
	const pt = padBefore(attrs.pad, H, kh, sh, OH) ?? 0;
	const pl = padBefore(attrs.pad, W, kw, sw, OW) ?? 0;
	const xv = valuesOf(backend, x);
	const wv = valuesOf(backend, filter);
	const bv = bias ? valuesOf(backend, bias) : null;
	const y = new Float32Array(B * OH * OW * co);
	const rowStride = W * ci;
	const tapStride = ci * co;
	// Four outputs at a time in locals (Math.fround: rounded to float32 after every addition, as
	// tfjs's loop adds into a Float32Array, so the sums are tfjs's to the bit).
	const fr = Math.fround;
	for (let b = 0; b < B; b++) {
		const xBatch = b * H * rowStride;
		for (let oh = 0; oh < OH; oh++) {
			const r0 = oh * sh - pt;
			const iFrom = Math.max(0, -r0);
			const iTo = Math.min(kh, H - r0);
			for (let ow = 0; ow < OW; ow++) {
				const q0 = ow * sw - pl;
				const jFrom = Math.max(0, -q0);
				const jTo = Math.min(kw, W - q0);
				const yBase = ((b * OH + oh) * OW + ow) * co;
				// The taps of one window row (its columns j and channels c) lie side by side in x, and
				// their weights co apart in w: one loop over them.
				const taps = (jTo - jFrom) * ci;
				let o = 0;
				for (; o + 4 <= co; o += 4) {
					let a0 = 0;
					let a1 = 0;
					let a2 = 0;
					let a3 = 0;
					for (let i = iFrom; i < iTo; i++) {
						const xBase = xBatch + (r0 + i) * rowStride + (q0 + jFrom) * ci;
						let k = (i * kw + jFrom) * tapStride + o;
						for (let t = 0; t < taps; t++, k += co) {
							const v = xv[xBase + t] ?? 0;
							a0 = fr(a0 + v * (wv[k] ?? 0));
							a1 = fr(a1 + v * (wv[k + 1] ?? 0));
							a2 = fr(a2 + v * (wv[k + 2] ?? 0));
							a3 = fr(a3 + v * (wv[k + 3] ?? 0));
						}
					}
					y[yBase + o] = a0;
					y[yBase + o + 1] = a1;
					y[yBase + o + 2] = a2;
					y[yBase + o + 3] = a3;
				}
				for (; o < co; o++) {
					let a0 = 0;
					for (let i = iFrom; i < iTo; i++) {
						const xBase = xBatch + (r0 + i) * rowStride + (q0 + jFrom) * ci;
						let k = (i * kw + jFrom) * tapStride + o;
						for (let t = 0; t < taps; t++, k += co) a0 = fr(a0 + (xv[xBase + t] ?? 0) * (wv[k] ?? 0));
					}
					y[yBase + o] = a0;
				}
				if (bv) for (let o = 0; o < co; o++) y[yBase + o] = (y[yBase + o] ?? 0) + (bv[o] ?? 0);
				if (relu) for (let o = 0; o < co; o++) y[yBase + o] = Math.max(0, y[yBase + o] ?? 0);
			}
		}
	}
	return backend.makeTensorInfo([B, OH, OW, co], 'float32', y);
}

/** Conv2D: x [B, H, W, ci] * filter [kh, kw, ci, co]. */
const conv2d: KernelWrapper = (original) => (args) => {
	const { x, filter } = args.inputs;
	const out = x && filter ? convolve(args.backend as unknown as CpuBackend, x, filter, args.attrs ?? {}, undefined, false) : null;
	return out ?? original(args);
};

/** FusedConv2D as tfjs-layers calls it: a bias, and a linear (or relu) activation. */
const fusedConv2d: KernelWrapper = (original) => (args) => {
	const { x, filter, bias } = args.inputs;
	const attrs: NamedAttrMap = args.attrs ?? {};
	const activation = attrs.activation ?? 'linear';
	if (!x || !filter || (activation !== 'linear' && activation !== 'relu')) return original(args);
	return convolve(args.backend as unknown as CpuBackend, x, filter, attrs, bias, activation === 'relu') ?? original(args);
};

/** MaxPool with 'valid' windows: the largest value of each window (NaN ignored, as tfjs's pool does). */
const maxPool: KernelWrapper = (original) => (args) => {
	const x = args.inputs.x;
	const attrs: NamedAttrMap = args.attrs ?? {};
	if (!x || x.shape.length !== 4 || attrs.pad !== 'valid' || attrs.dimRoundingMode != null) return original(args);
	const backend = args.backend as unknown as CpuBackend;
	const [ph, pw] = pair(attrs.filterSize);
	const [sh, sw] = pair(attrs.strides);
	const [B = 1, H = 1, W = 1, C = 1] = x.shape;
	const OH = outSize('valid', H, ph, sh) ?? 1;
	const OW = outSize('valid', W, pw, sw) ?? 1;
	const xv = valuesOf(backend, x);
	const y = new Float32Array(B * OH * OW * C).fill(-Infinity);
	for (let b = 0; b < B; b++) {
		for (let oh = 0; oh < OH; oh++) {
			for (let ow = 0; ow < OW; ow++) {
				const yBase = ((b * OH + oh) * OW + ow) * C;
				for (let i = 0; i < ph; i++) {
					for (let j = 0; j < pw; j++) {
						const xBase = ((b * H + oh * sh + i) * W + ow * sw + j) * C;
						for (let c = 0; c < C; c++) {
							const v = xv[xBase + c] ?? -Infinity;
							if (v > (y[yBase + c] ?? 0)) y[yBase + c] = v;
						}
					}
				}
			}
		}
	}
	return backend.makeTensorInfo([B, OH, OW, C], 'float32', y);
};

/** An element-wise kernel of one float32 input: `fill(x, y, attrs)` writes y from x (one loop per kernel, so each stays monomorphic). */
function unary(fill: (x: Float32Array, y: Float32Array, attrs: NamedAttrMap) => void): KernelWrapper {
	return (original) => (args) => {
		const x = args.inputs.x;
		if (!x || x.dtype !== 'float32') return original(args);
		const backend = args.backend as unknown as CpuBackend;
		const xv = valuesOf(backend, x);
		const y = new Float32Array(xv.length);
		fill(xv, y, args.attrs ?? {});
		return backend.makeTensorInfo(x.shape.slice(), 'float32', y);
	};
}

/** Relu: max(0, x) (NaN stays NaN). */
const relu = unary((x, y) => {
	for (let i = 0; i < x.length; i++) y[i] = Math.max(0, x[i] ?? 0);
});

/** Step: 1 where x > 0, else alpha (NaN stays NaN): relu's gradient. */
const step = unary((x, y, attrs) => {
	const alpha = typeof attrs.alpha === 'number' ? attrs.alpha : 0;
	for (let i = 0; i < x.length; i++) {
		const v = x[i] ?? 0;
		y[i] = v > 0 ? 1 : Number.isNaN(v) ? NaN : alpha;
	}
});

/** Multiply of two float32 tensors of the same shape (no broadcasting). */
const multiply: KernelWrapper = (original) => (args) => {
	const { a, b } = args.inputs;
	if (!a || !b || a.dtype !== 'float32' || b.dtype !== 'float32' || a.shape.length !== b.shape.length || a.shape.some((d, k) => d !== b.shape[k])) return original(args);
	const backend = args.backend as unknown as CpuBackend;
	const av = valuesOf(backend, a);
	const bv = valuesOf(backend, b);
	const y = new Float32Array(av.length);
	for (let i = 0; i < av.length; i++) y[i] = (av[i] ?? 0) * (bv[i] ?? 0);
	return backend.makeTensorInfo(a.shape.slice(), 'float32', y);
};

/** The axes of a reduction, made non-negative and sorted; null when not a list of numbers. */
function axesOf(axis: unknown, rank: number): number[] | null {
	const list = typeof axis === 'number' ? [axis] : Array.isArray(axis) ? axis : null;
	if (!list || !list.every((a): a is number => typeof a === 'number')) return null;
	return list.map((a) => (a < 0 ? a + rank : a)).sort((p, q) => p - q);
}

/** Sum of a float32 tensor over its leading axes 0..k-1 (k < rank): out[j] = sum over i of x[i * inner + j], rows in order and in doubles, as tfjs adds them. */
const sum: KernelWrapper = (original) => (args) => {
	const x = args.inputs.x;
	const attrs: NamedAttrMap = args.attrs ?? {};
	const rank = x?.shape.length ?? 0;
	const axes = axesOf(attrs.axis, rank);
	if (!x || x.dtype !== 'float32' || !axes || axes.length === 0 || axes.length >= rank || axes.some((a, k) => a !== k)) return original(args);
	const backend = args.backend as unknown as CpuBackend;
	const xv = valuesOf(backend, x);
	const kept = x.shape.slice(axes.length);
	const inner = kept.reduce((p, d) => p * d, 1);
	const outer = inner > 0 ? xv.length / inner : 0;
	// Summed in doubles, as tfjs's sum does.
	const acc = new Float64Array(inner);
	for (let i = 0; i < outer; i++) {
		const base = i * inner;
		for (let j = 0; j < inner; j++) acc[j] = (acc[j] ?? 0) + (xv[base + j] ?? 0);
	}
	const y = Float32Array.from(acc);
	const shape = attrs.keepDims === true ? [...axes.map(() => 1), ...kept] : kept;
	return backend.makeTensorInfo(shape, 'float32', y);
};

/** The forward kernels by tfjs kernel name. */
export const FORWARD_KERNELS: Readonly<Record<string, KernelWrapper>> = {
	Conv2D: conv2d,
	FusedConv2D: fusedConv2d,
	MaxPool: maxPool,
	Relu: relu,
	Step: step,
	Multiply: multiply,
	Sum: sum,
};
