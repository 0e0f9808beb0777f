/**
 * What the engine's typed-array cpu kernels (train-kernels.ts, forward-kernels.ts) share: the cpu
 * backend as they use it, and reading tfjs's kernel attributes (pairs, padding, layout).
 */
import type { NamedAttrMap, TensorInfo } from '@tensorflow/tfjs-core';

/** The cpu backend as the kernels use it: the values of a tensor, and making one. */
export interface CpuBackend {
	data: { get(dataId: object): { values: unknown } };
	makeTensorInfo(shape: number[], dtype: 'float32', values: Float32Array): TensorInfo;
}

/** A number pair from an attribute (a number or a list of two). */
export function pair(value: unknown): [number, number] {
	if (typeof value === 'number') return [value, value];
	if (Array.isArray(value) && typeof value[0] === 'number' && typeof value[1] === 'number') return [value[0], value[1]];
	return [1, 1];
}

/** The padding before the first row or column of a convolution or pool: 0 for 'valid', tfjs's split for 'same'; null for anything else. */
export function padBefore(pad: unknown, size: number, kernel: number, stride: number, out: number): number | null {
	if (pad === 'valid') return 0;
	if (pad !== 'same') return null;
	return Math.floor(Math.max((out - 1) * stride + kernel - size, 0) / 2);
}

/** Output rows (or columns) of a convolution or pool over `size` with a `kernel` window: tfjs's rule for 'valid' and 'same'; null for anything else. */
export function outSize(pad: unknown, size: number, kernel: number, stride: number): number | null {
	if (pad === 'valid') return Math.ceil((size - kernel + 1) / stride);
	if (pad === 'same') return Math.ceil(size / stride);
	return null;
}

/** true when the attributes are a case the loops handle: NHWC, no dilation. */
export function plain(attrs: NamedAttrMap): boolean {
	const format = attrs.dataFormat ?? 'NHWC';
	const dilations = attrs.dilations;
	const noDilation = dilations === undefined || (Array.isArray(dilations) ? dilations : [dilations]).every((d) => d === 1);
	return (format === 'NHWC' || format === 'channelsLast') && noDilation;
}

/** The float32 values of a tensor of the cpu backend. */
export function valuesOf(backend: CpuBackend, t: TensorInfo): Float32Array {
	const values = backend.data.get(t.dataId).values;
	return values instanceof Float32Array ? values : Float32Array.from(values as ArrayLike<number>);
}
