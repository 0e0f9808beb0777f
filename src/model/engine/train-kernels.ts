/**
 * Faster cpu kernels for training convolutions in the model worker: the gradients of Conv2D (with
 * respect to the filter and to the input) and of max pooling, plus the forward kernels of
 * forward-kernels.ts. tfjs-backend-cpu reads every element of these through a generic buffer
 * accessor, which makes a training step several times slower than these typed-array loops
 * (scripts/train-digits-kernels.mjs, where they were first written, measured 2.4 s of a 2.9 s step
 * in tfjs's filter gradient). The same sums (the forward kernels even in tfjs's order and rounding,
 * to the bit; the gradients in another order, within float32 rounding of tfjs's); 'valid' and
 * 'same' padding, any stride, NHWC, no dilation; anything else is handed to tfjs's own kernel.
 * Installed for the cpu backend only while training, and removed afterwards.
 */
import type { KernelConfig, KernelFunc, NamedAttrMap } from '@tensorflow/tfjs-core';
import { FORWARD_KERNELS, type KernelWrapper } from './forward-kernels';
import { type CpuBackend, padBefore, pair, plain, valuesOf } from './kernel-util';

/** The part of tfjs-core the kernels are swapped with. */
export interface KernelRegistry {
	getKernel(name: string, backend: string): KernelConfig | undefined;
	registerKernel(config: KernelConfig): void;
	unregisterKernel(name: string, backend: string): void;
}

/** dW[kh, kw, ci, co] = sum over b, oh, ow of x[b, oh*sh + i - pt, ow*sw + j - pl, ci] * dy[b, oh, ow, co]. */
function filterGradient(original: KernelFunc): KernelFunc {
	return (args) => {
		const inputs = args.inputs;
		const attrs: NamedAttrMap = args.attrs ?? {};
		const backend = args.backend as unknown as CpuBackend;
		const x = inputs.x;
		const dy = inputs.dy;
		const filterShape = attrs.filterShape as number[] | undefined;
		if (!x || !dy || !filterShape || !plain(attrs)) return original(args);
		const [kh = 1, kw = 1, ci = 1, co = 1] = filterShape;
		const [sh, sw] = pair(attrs.strides);
		const [B = 1, H = 1, W = 1] = x.shape;
		const [, OH = 1, OW = 1] = dy.shape;
		const pt = padBefore(attrs.pad, H, kh, sh, OH);
		const pl = padBefore(attrs.pad, W, kw, sw, OW);
		if (pt === null || pl === null) return original(args);
		const xv = valuesOf(backend, x);
		const dyv = valuesOf(backend, dy);
		const dw = new Float32Array(kh * kw * ci * co);
		// Four filter outputs at a time in locals, summed over b, oh, ow in that order and rounded to
		// float32 after every addition (as a Float32Array accumulates); zero inputs add nothing.
		const fr = Math.fround;
		for (let i = 0; i < kh; i++) {
			const ohFrom = Math.max(0, Math.ceil((pt - i) / sh));
			const ohTo = Math.min(OH, Math.floor((H - 1 + pt - i) / sh) + 1);
			for (let j = 0; j < kw; j++) {
				const owFrom = Math.max(0, Math.ceil((pl - j) / sw));
				const owTo = Math.min(OW, Math.floor((W - 1 + pl - j) / sw) + 1);
				for (let c = 0; c < ci; c++) {
					const wRow = ((i * kw + j) * ci + c) * co;
					let o = 0;
					for (; o + 4 <= co; o += 4) {
						let a0 = 0;
						let a1 = 0;
						let a2 = 0;
						let a3 = 0;
						for (let b = 0; b < B; b++) {
							for (let oh = ohFrom; oh < ohTo; oh++) {
								const xRow = ((b * H + oh * sh + i - pt) * W - pl + j) * ci + c;
								const dyRow = (b * OH + oh) * OW * co + o;
								for (let ow = owFrom; ow < owTo; ow++) {
									const v = xv[xRow + ow * sw * ci] ?? 0;
									if (v === 0) continue;
									const d = dyRow + ow * co;
									a0 = fr(a0 + v * (dyv[d] ?? 0));
									a1 = fr(a1 + v * (dyv[d + 1] ?? 0));
									a2 = fr(a2 + v * (dyv[d + 2] ?? 0));
									a3 = fr(a3 + v * (dyv[d + 3] ?? 0));
								}
							}
						}
						dw[wRow + o] = a0;
						dw[wRow + o + 1] = a1;
						dw[wRow + o + 2] = a2;
						dw[wRow + o + 3] = a3;
					}
					for (; o < co; o++) {
						let a0 = 0;
						for (let b = 0; b < B; b++) {
							for (let oh = ohFrom; oh < ohTo; oh++) {
								const xRow = ((b * H + oh * sh + i - pt) * W - pl + j) * ci + c;
								const dyRow = (b * OH + oh) * OW * co + o;
								for (let ow = owFrom; ow < owTo; ow++) {
									const v = xv[xRow + ow * sw * ci] ?? 0;
									if (v !== 0) a0 = fr(a0 + v * (dyv[dyRow + ow * co] ?? 0));
								}
							}
						}
						dw[wRow + o] = a0;
					}
				}
			}
		}
		return backend.makeTensorInfo([kh, kw, ci, co], 'float32', dw);
	};
}

/** dx[b, oh*sh + i - pt, ow*sw + j - pl, ci] += sum over co of dy[b, oh, ow, co] * W[i, j, ci, co]. */
function inputGradient(original: KernelFunc): KernelFunc {
	return (args) => {
		const inputs = args.inputs;
		const attrs: NamedAttrMap = args.attrs ?? {};
		const backend = args.backend as unknown as CpuBackend;
		const dy = inputs.dy;
		const filter = inputs.filter;
		const inputShape = attrs.inputShape as number[] | undefined;
		if (!dy || !filter || !inputShape || !plain(attrs)) return original(args);
		const [B = 1, H = 1, W = 1, ci = 1] = inputShape;
		const [kh = 1, kw = 1, , co = 1] = filter.shape;
		const [sh, sw] = pair(attrs.strides);
		const [, OH = 1, OW = 1] = dy.shape;
		const pt = padBefore(attrs.pad, H, kh, sh, OH);
		const pl = padBefore(attrs.pad, W, kw, sw, OW);
		if (pt === null || pl === null) return original(args);
		const dyv = valuesOf(backend, dy);
		const fv = valuesOf(backend, filter);
		const dx = new Float32Array(B * H * W * ci);
		// Gathered per input cell, four channels at a time: its (oh, ow) in ascending order (the order
		// a scatter over dy adds them in), each a sum over co in doubles, rounded to float32 when added.
		const fr = Math.fround;
		for (let b = 0; b < B; b++) {
			for (let r = 0; r < H; r++) {
				const ohFrom = Math.max(0, Math.ceil((r + pt - kh + 1) / sh));
				const ohTo = Math.min(OH, Math.floor((r + pt) / sh) + 1);
				for (let q = 0; q < W; q++) {
					const owFrom = Math.max(0, Math.ceil((q + pl - kw + 1) / sw));
					const owTo = Math.min(OW, Math.floor((q + pl) / sw) + 1);
					const xBase = ((b * H + r) * W + q) * ci;
					let c = 0;
					for (; c + 4 <= ci; c += 4) {
						let a0 = 0;
						let a1 = 0;
						let a2 = 0;
						let a3 = 0;
						for (let oh = ohFrom; oh < ohTo; oh++) {
							const i = r + pt - oh * sh;
							for (let ow = owFrom; ow < owTo; ow++) {
								const d = ((b * OH + oh) * OW + ow) * co;
								const k = ((i * kw + q + pl - ow * sw) * ci + c) * co;
								let s0 = 0;
								let s1 = 0;
								let s2 = 0;
								let s3 = 0;
								for (let o = 0; o < co; o++) {
									const g = dyv[d + o] ?? 0;
									s0 += g * (fv[k + o] ?? 0);
									s1 += g * (fv[k + co + o] ?? 0);
									s2 += g * (fv[k + 2 * co + o] ?? 0);
									s3 += g * (fv[k + 3 * co + o] ?? 0);
								}
								a0 = fr(a0 + s0);
								a1 = fr(a1 + s1);
								a2 = fr(a2 + s2);
								a3 = fr(a3 + s3);
							}
						}
						dx[xBase + c] = a0;
						dx[xBase + c + 1] = a1;
						dx[xBase + c + 2] = a2;
						dx[xBase + c + 3] = a3;
					}
					for (; c < ci; c++) {
						let a0 = 0;
						for (let oh = ohFrom; oh < ohTo; oh++) {
							const i = r + pt - oh * sh;
							for (let ow = owFrom; ow < owTo; ow++) {
								const d = ((b * OH + oh) * OW + ow) * co;
								const k = ((i * kw + q + pl - ow * sw) * ci + c) * co;
								let s0 = 0;
								for (let o = 0; o < co; o++) s0 += (dyv[d + o] ?? 0) * (fv[k + o] ?? 0);
								a0 = fr(a0 + s0);
							}
						}
						dx[xBase + c] = a0;
					}
				}
			}
		}
		return backend.makeTensorInfo([B, H, W, ci], 'float32', dx);
	};
}

/** Routes each dy to the first maximum (row-major) of its window, as tfjs's maxPoolPositions does ('valid' windows only). */
function poolGradient(original: KernelFunc): KernelFunc {
	return (args) => {
		const inputs = args.inputs;
		const attrs: NamedAttrMap = args.attrs ?? {};
		const backend = args.backend as unknown as CpuBackend;
		const dy = inputs.dy;
		const input = inputs.input;
		if (!dy || !input || attrs.pad !== 'valid' || attrs.dimRoundingMode != null) return original(args);
		const [ph, pw] = pair(attrs.filterSize);
		const [sh, sw] = pair(attrs.strides);
		const [B = 1, H = 1, W = 1, C = 1] = input.shape;
		const [, OH = 1, OW = 1] = dy.shape;
		const xv = valuesOf(backend, input);
		const dyv = valuesOf(backend, dy);
		const dx = new Float32Array(B * H * W * C);
		for (let b = 0; b < B; b++) {
			for (let oh = 0; oh < OH; oh++) {
				for (let ow = 0; ow < OW; ow++) {
					for (let c = 0; c < C; c++) {
						let best = -Infinity;
						let at = -1;
						for (let i = 0; i < ph; i++) {
							for (let j = 0; j < pw; j++) {
								const k = ((b * H + oh * sh + i) * W + ow * sw + j) * C + c;
								const v = xv[k] ?? -Infinity;
								if (v > best || at < 0) {
									best = v;
									at = k;
								}
							}
						}
						if (at >= 0) dx[at] = (dx[at] ?? 0) + (dyv[((b * OH + oh) * OW + ow) * C + c] ?? 0);
					}
				}
			}
		}
		return backend.makeTensorInfo([B, H, W, C], 'float32', dx);
	};
}

/** Every kernel replaced while training, by tfjs kernel name: the gradients above and the forward kernels (forward-kernels.ts). */
const KERNELS: Readonly<Record<string, KernelWrapper>> = {
	Conv2DBackpropFilter: filterGradient,
	Conv2DBackpropInput: inputGradient,
	MaxPoolGrad: poolGradient,
	...FORWARD_KERNELS,
};

/**
 * Replaces the cpu backend's kernels named in KERNELS (convolution, max pool, relu and their
 * gradients, multiply, leading-axes sum) with the typed-array loops; returns a function that puts
 * tfjs's own back (calling it twice is harmless). A kernel tfjs has no cpu version of is left alone.
 */
export function installTrainKernels(registry: KernelRegistry): () => void {
	const originals: KernelConfig[] = [];
	for (const [name, wrap] of Object.entries(KERNELS)) {
		const original = registry.getKernel(name, 'cpu');
		if (!original) continue;
		originals.push(original);
		registry.unregisterKernel(name, 'cpu');
		registry.registerKernel({ ...original, kernelFunc: wrap(original.kernelFunc) });
	}
	let installed = true;
	return () => {
		if (!installed) return;
		installed = false;
		for (const original of originals) {
			registry.unregisterKernel(original.kernelName, 'cpu');
			registry.registerKernel(original);
		}
	};
}
