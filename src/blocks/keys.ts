/**
 * The property tables of the blocks: for every key its kind, default, allowed range and the message
 * key describing it. The parsers, the error messages and the README all read these tables.
 */
import { sampleNames, type Activation } from '../cnn';
import type { MessageKey } from '../i18n';
import { MAX_PICTURE_SIDE } from '../vault/pixels';

/** Largest inline matrix side (rows or columns) an `input` may have. */
export const MAX_INPUT_SIDE = 64;
/** Largest kernel side (rows or columns), for `kernel` and each of `filters`. */
export const MAX_KERNEL_SIDE = 15;
/** Most filters a `cnn-conv` block may list. */
export const MAX_FILTERS = 16;
/** Largest stride, on each axis. */
export const MAX_STRIDE = MAX_INPUT_SIDE;
/** Largest dilation, on each axis. */
export const MAX_DILATION = 16;
/** Largest explicit padding, in cells on each side. */
export const MAX_PADDING = 16;
/** Largest pooling window side. */
export const MAX_POOL_SIDE = MAX_INPUT_SIDE;
/** Largest output map side a conv block may produce from a matrix or sample (full padding and dilation can grow the input). */
export const MAX_OUTPUT_SIDE = 128;
/**
 * Largest output map side from a vault image: the largest picture (MAX_PICTURE_SIDE = 512 px a side,
 * per the settings) with the largest explicit padding on both sides, so `padding: 16`, `padding:
 * full` with an undilated kernel and a stride-1 transpose all work at 512 px. Larger outputs (a
 * heavily dilated `full`, a transpose with stride 2 or more on a large picture: up to 1039 px a
 * side, 16 filters of 15x15 dilated kernels, seconds of work) are an error that names the
 * "Largest picture side" setting.
 */
export const MAX_IMAGE_OUTPUT_SIDE = MAX_PICTURE_SIDE + 2 * MAX_PADDING;

/** A matrix of numbers: a `|` block of rows or a list of lists, at most `maxSide` on each side. */
export interface MatrixKey {
	kind: 'matrix';
	maxSide: number;
	description: MessageKey;
}

/** One kernel: a matrix or the name of a preset from `kernelPresets`. */
export interface KernelKey {
	kind: 'kernel';
	maxSide: number;
	description: MessageKey;
}

/** A list of kernels (matrices and/or preset names), all of the same size. */
export interface KernelListKey {
	kind: 'kernelList';
	maxSide: number;
	maxCount: number;
	description: MessageKey;
}

/** A finite number or a list of them (`bias`). */
export interface NumberListKey {
	kind: 'numberList';
	description: MessageKey;
}

/** A whole number in [min, max] or a pair [rows, cols] of them. */
export interface PairKey {
	kind: 'pair';
	min: number;
	max: number;
	default?: readonly [number, number];
	description: MessageKey;
}

/** One word among `values` (case-insensitive). */
export interface EnumKey<V extends string = string> {
	kind: 'enum';
	values: readonly V[];
	default?: V;
	description: MessageKey;
}

/** A wiki-link to a vault file: `"[[a.png]]"`, unquoted `[[a.png]]`, `![[a.png]]`, `[[a.png|alias]]`. */
export interface LinkKey {
	kind: 'link';
	description: MessageKey;
}

/** Convolution padding: one of `modes`, or a whole number in [0, max] or a pair of them. */
export interface PaddingKey<V extends string = string> {
	kind: 'padding';
	modes: readonly V[];
	max: number;
	default: V;
	description: MessageKey;
}

/** A pooling stage after a convolution: `max 2`, `avg 3`, or a mapping {type, size, stride, padding}. */
export interface PoolStageKey {
	kind: 'poolStage';
	description: MessageKey;
}

/** A region of a vault picture in its own pixels: [row, col, height, width], height and width at most maxSide. */
export interface RegionKey {
	kind: 'region';
	maxSide: number;
	description: MessageKey;
}

/** true or false. */
export interface BooleanKey {
	kind: 'boolean';
	default: boolean;
	description: MessageKey;
}

/** The description of one block key. */
export type KeySpec = MatrixKey | KernelKey | KernelListKey | NumberListKey | PairKey | EnumKey | PaddingKey | BooleanKey | LinkKey | PoolStageKey | RegionKey;

/** A block's property table, key name -> description. */
export type KeyTable = Readonly<Record<string, KeySpec>>;

/** Activations a conv block may apply after the convolution ('none' = identity). */
export const CONV_ACTIVATIONS = ['none', 'relu', 'leaky-relu', 'sigmoid', 'tanh'] as const satisfies readonly ('none' | Activation)[];

/** The keys giving a block its input; exactly one of input, image and sample is required. */
export const INPUT_KEYS = {
	input: { kind: 'matrix', maxSide: MAX_INPUT_SIDE, description: 'block.doc.conv.input' },
	image: { kind: 'link', description: 'block.doc.image' },
	sample: { kind: 'enum', values: sampleNames, description: 'block.doc.sample' },
	channels: { kind: 'enum', values: ['gray', 'rgb'], default: 'gray', description: 'block.doc.channels' },
	region: { kind: 'region', maxSide: MAX_PICTURE_SIDE, description: 'block.doc.region' },
} as const satisfies KeyTable;

/** The keys of a `cnn-conv` block. Either `kernel` or `filters` must be given, not both. */
export const CONV_KEYS = {
	...INPUT_KEYS,
	kernel: { kind: 'kernel', maxSide: MAX_KERNEL_SIDE, description: 'block.doc.conv.kernel' },
	filters: { kind: 'kernelList', maxSide: MAX_KERNEL_SIDE, maxCount: MAX_FILTERS, description: 'block.doc.conv.filters' },
	bias: { kind: 'numberList', description: 'block.doc.conv.bias' },
	stride: { kind: 'pair', min: 1, max: MAX_STRIDE, default: [1, 1], description: 'block.doc.conv.stride' },
	padding: {
		kind: 'padding',
		modes: ['valid', 'same', 'full'],
		max: MAX_PADDING,
		default: 'valid',
		description: 'block.doc.conv.padding',
	},
	dilation: { kind: 'pair', min: 1, max: MAX_DILATION, default: [1, 1], description: 'block.doc.conv.dilation' },
	flip: { kind: 'boolean', default: false, description: 'block.doc.conv.flip' },
	activation: { kind: 'enum', values: CONV_ACTIVATIONS, default: 'none', description: 'block.doc.conv.activation' },
	transpose: { kind: 'boolean', default: false, description: 'block.doc.conv.transpose' },
	pool: { kind: 'poolStage', description: 'block.doc.conv.pool' },
} as const satisfies KeyTable;

/** The keys of a `cnn-pool` block. `stride` defaults to `size`; `global` replaces type, size, stride and padding. */
export const POOL_KEYS = {
	...INPUT_KEYS,
	type: { kind: 'enum', values: ['max', 'avg', 'min'], default: 'max', description: 'block.doc.pool.type' },
	size: { kind: 'pair', min: 1, max: MAX_POOL_SIDE, default: [2, 2], description: 'block.doc.pool.size' },
	stride: { kind: 'pair', min: 1, max: MAX_STRIDE, description: 'block.doc.pool.stride' },
	padding: { kind: 'enum', values: ['valid', 'same'], default: 'valid', description: 'block.doc.pool.padding' },
	global: { kind: 'enum', values: ['max', 'avg'], description: 'block.doc.pool.global' },
} as const satisfies KeyTable;
