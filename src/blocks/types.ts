import type { ConvSettings, PaddingSpec, PoolStage, SampleName, Tensor } from '../cnn';
import type { PixelRegion } from '../vault/pixels';

export type { PaddingSpec, PoolStage };
export type { Problem, Result } from '../result';

/** Where a block's input comes from: an inline matrix, a built-in sample, or a vault image still to load (whole, or a region of it). */
export type InputSpec =
	| { kind: 'matrix'; tensor: Tensor }
	| { kind: 'sample'; name: SampleName; tensor: Tensor }
	| { kind: 'image'; link: WikiLink; channels: 'gray' | 'rgb'; region?: PixelRegion; /** Decode with at least this larger side whatever the settings say (a model's input needs it). */ minSide?: number };

/** A parsed `cnn-conv` block: its input, its filters and the convolution's settings. */
export interface ConvSpec extends ConvSettings {
	/** The input: matrix and sample tensors are [h, w, 1]; images are [h, w, 1] or [h, w, 3] once loaded. */
	input: InputSpec;
	/** All filters stacked, [kh, kw, 1, n]. */
	filters: Tensor;
	/** The preset name of each filter, or null when written inline. */
	kernelNames: (string | null)[];
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
