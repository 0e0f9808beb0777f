import type { Activation, SampleName, Tensor } from '../cnn';
import type { MessageKey, MessageVars } from '../i18n';

/** One problem found in a block's source; rendered (translated) by the error box. */
export interface BlockError {
	/** What went wrong, as a message key with its variables. */
	code: MessageKey;
	vars: MessageVars;
	/** The block key concerned (e.g. `stride`), when there is one. */
	key?: string;
	/** 1-based line inside the block source, when known. */
	line?: number;
	/** Human-readable list of what is allowed, e.g. `valid, same, full, a number`. */
	allowed?: string;
	/** A known key close to a misspelled one. */
	suggestion?: string;
	/** The key a student should read about (the error's key, or the suggested one) and its description from the block's key table. */
	keyDoc?: { key: string; description: MessageKey };
}

/** Either a typed spec or the list of problems, never a thrown exception. */
export type ParseResult<T> = { ok: true; spec: T } | { ok: false; errors: BlockError[] };

/** Padding as the blocks accept it: a mode or explicit [rows, cols] on each side. */
export type PaddingSpec = 'valid' | 'same' | 'full' | [number, number];

/** Where a block's input comes from: an inline matrix, a built-in sample, or a vault image still to load. */
export type InputSpec =
	| { kind: 'matrix'; tensor: Tensor }
	| { kind: 'sample'; name: SampleName; tensor: Tensor }
	| { kind: 'image'; link: WikiLink; channels: 'gray' | 'rgb' };

/** A parsed `cnn-conv` block. */
export interface ConvSpec {
	/** The input: matrix and sample tensors are [h, w, 1]; images are [h, w, 1] or [h, w, 3] once loaded. */
	input: InputSpec;
	/** All filters stacked, [kh, kw, 1, n]. */
	filters: Tensor;
	/** The preset name of each filter, or null when written inline. */
	kernelNames: (string | null)[];
	/** One bias per filter, or undefined for none. */
	bias: number[] | undefined;
	stride: [number, number];
	padding: PaddingSpec;
	dilation: [number, number];
	/** true = mathematical convolution (kernel rotated 180 degrees). */
	flip: boolean;
	/** Applied after the convolution, shown as its own stage. */
	activation: 'none' | Exclude<Activation, 'softmax'>;
	/** true = transposed convolution (stride spreads the input; padding crops the output). */
	transpose: boolean;
	/** A pooling stage after the activation (the conv -> activation -> pool chain), or undefined. */
	pool: PoolStage | undefined;
}

/** A pooling step: reduction, window and stride in cells, padding mode. */
export interface PoolStage {
	type: 'max' | 'avg' | 'min';
	size: [number, number];
	stride: [number, number];
	padding: 'valid' | 'same';
}

/** A parsed `cnn-pool` block; `global` pools each whole channel to one value. */
export interface PoolSpec extends PoolStage {
	/** The input: matrix and sample tensors are [h, w, 1]; images [h, w, 1] or [h, w, 3] once loaded. */
	input: InputSpec;
	globalType: 'max' | 'avg' | undefined;
}

/** A wiki-link as written in a block: `[[path|alias]]`, `![[path]]`, quoted or not. */
export interface WikiLink {
	path: string;
	alias?: string;
	embed: boolean;
}
