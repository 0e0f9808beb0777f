/**
 * Faster cpu kernels for training convolutions in the model worker: the gradients of Conv2D (with
 * respect to the filter and to the input) and of max pooling. tfjs-backend-cpu reads every element
 * of these through a generic buffer accessor, which makes a training step several times slower
 * than these typed-array loops (scripts/train-digits-kernels.mjs, where they were first written,
 * measured 2.4 s of a 2.9 s step in tfjs's filter gradient). Same sums, 'valid' and 'same'
 * padding, any stride, NHWC, no dilation; anything else is handed to tfjs's own kernel.
 * Installed for the cpu backend only while training, and removed afterwards.
 */
import type { KernelConfig, KernelFunc, NamedAttrMap, TensorInfo } from '@tensorflow/tfjs-core';

/** The part of tfjs-core the kernels are swapped with. */
export interface KernelRegistry {
	getKernel(name: string, backend: string): KernelConfig | undefined;
	registerKernel(config: KernelConfig): void;
	unregisterKernel(name: string, backend: string): void;
}

/** The cpu backend as these kernels use it: the values of a tensor, and making one. */
interface CpuBackend {
	data: { get(dataId: object): { values: unknown } };
	makeTensorInfo(shape: number[], dtype: 'float32', values: Float32Array): TensorInfo;
}

/** The kernels replaced, by name. */
const NAMES = ['Conv2DBackpropFilter', 'Conv2DBackpropInput', 'MaxPoolGrad'] as const;

/** A number pair from an attribute (a number or a list of two). */
function pair(value: unknown): [number, number] {
	if (typeof value === 'number') return [value, value];
	if (Array.isArray(value) && typeof value[0] === 'number' && typeof value[1] === 'number') return [value[0], value[1]];
	return [1, 1];
}

/** The padding before the first row or column of a convolution or pool: 0 for 'valid', tfjs's split for 'same'; null for anything else. */
function padBefore(pad: unknown, size: number, kernel: number, stride: number, out: number): number | null {
	if (pad === 'valid') return 0;
	if (pad !== 'same') return null;
	return Math.floor(Math.max((out - 1) * stride + kernel - size, 0) / 2);
}

/** true when the attributes are a case the loops handle: NHWC, no dilation. */
function plain(attrs: NamedAttrMap): boolean {
	const format = attrs.dataFormat ?? 'NHWC';
	const dilations = attrs.dilations;
	const noDilation = dilations === undefined || (Array.isArray(dilations) ? dilations : [dilations]).every((d) => d === 1);
	return (format === 'NHWC' || format === 'channelsLast') && noDilation;
}

/** The float32 values of a tensor of the cpu backend. */
function valuesOf(backend: CpuBackend, t: TensorInfo): Float32Array {
	const values = backend.data.get(t.dataId).values;
	return values instanceof Float32Array ? values : Float32Array.from(values as ArrayLike<number>);
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
		for (let b = 0; b < B; b++) {
			for (let oh = 0; oh < OH; oh++) {
				for (let ow = 0; ow < OW; ow++) {
					const dyBase = ((b * OH + oh) * OW + ow) * co;
					for (let i = 0; i < kh; i++) {
						const r = oh * sh + i - pt;
						if (r < 0 || r >= H) continue;
						for (let j = 0; j < kw; j++) {
							const q = ow * sw + j - pl;
							if (q < 0 || q >= W) continue;
							const xBase = ((b * H + r) * W + q) * ci;
							const wBase = (i * kw + j) * ci * co;
							for (let c = 0; c < ci; c++) {
								const v = xv[xBase + c] ?? 0;
								if (v === 0) continue;
								const wRow = wBase + c * co;
								for (let o = 0; o < co; o++) dw[wRow + o] = (dw[wRow + o] ?? 0) + v * (dyv[dyBase + o] ?? 0);
							}
						}
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
		for (let b = 0; b < B; b++) {
			for (let oh = 0; oh < OH; oh++) {
				for (let ow = 0; ow < OW; ow++) {
					const dyBase = ((b * OH + oh) * OW + ow) * co;
					for (let i = 0; i < kh; i++) {
						const r = oh * sh + i - pt;
						if (r < 0 || r >= H) continue;
						for (let j = 0; j < kw; j++) {
							const q = ow * sw + j - pl;
							if (q < 0 || q >= W) continue;
							const xBase = ((b * H + r) * W + q) * ci;
							const wBase = (i * kw + j) * ci * co;
							for (let c = 0; c < ci; c++) {
								const wRow = wBase + c * co;
								let s = 0;
								for (let o = 0; o < co; o++) s += (dyv[dyBase + o] ?? 0) * (fv[wRow + o] ?? 0);
								dx[xBase + c] = (dx[xBase + c] ?? 0) + s;
							}
						}
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

/**
 * Replaces the cpu backend's convolution and max-pool gradient kernels with the loops above;
 * returns a function that puts tfjs's own back (calling it twice is harmless). Nothing is
 * replaced when tfjs has no such cpu kernel.
 */
export function installTrainKernels(registry: KernelRegistry): () => void {
	const originals = NAMES.map((name) => registry.getKernel(name, 'cpu'));
	if (originals.some((k) => k === undefined)) return () => {};
	const swap = (name: string, kernelFunc: KernelFunc): void => {
		registry.unregisterKernel(name, 'cpu');
		registry.registerKernel({ kernelName: name, backendName: 'cpu', kernelFunc });
	};
	const [filter, input, pool] = originals as KernelConfig[];
	if (!filter || !input || !pool) return () => {};
	swap('Conv2DBackpropFilter', filterGradient(filter.kernelFunc));
	swap('Conv2DBackpropInput', inputGradient(input.kernelFunc));
	swap('MaxPoolGrad', poolGradient(pool.kernelFunc));
	let installed = true;
	return () => {
		if (!installed) return;
		installed = false;
		swap('Conv2DBackpropFilter', filter.kernelFunc);
		swap('Conv2DBackpropInput', input.kernelFunc);
		swap('MaxPoolGrad', pool.kernelFunc);
	};
}
