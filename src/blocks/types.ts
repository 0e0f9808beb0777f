import type { ConvActivation, PaddingSpec, PoolStage, SampleName, Tensor } from '../cnn';

export type { PaddingSpec, PoolStage };
export type { Problem, Result } from '../result';

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
	activation: ConvActivation;
	/** true = transposed convolution (stride spreads the input; padding crops the output). */
	transpose: boolean;
	/** A pooling stage after the activation (the conv -> activation -> pool chain), or undefined. */
	pool: PoolStage | undefined;
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
