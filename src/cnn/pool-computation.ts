/** A pooling as the widgets show it: output, padding ring, formula numbers and per-cell explanations. Pure. */
import { explainPlannedPool, type PoolExplanation } from './explain';
import { planPool2d, pool2d, type PoolOptions } from './pool2d';
import { summarizePool, type PoolSummary } from './pool-summary';
import { axisGeometry, axisOf, type FormulaAxis } from './shape';
import type { Tensor } from './tensor';

/** A pooling step: reduction, window and stride in cells, padding mode. */
export interface PoolStage {
	type: 'max' | 'avg' | 'min';
	size: [number, number];
	stride: [number, number];
	padding: 'valid' | 'same';
}

/** A pooling output cell: (row, col) of channel `channel`. */
export interface PoolOutputCell {
	row: number;
	col: number;
	channel: number;
}

/** A computed pooling: output, padding ring, formula numbers, and how to explain a cell. */
export interface PoolComputation {
	options: PoolOptions;
	/** [oh, ow, c]. */
	output: Tensor;
	/** Padding drawn around the input, [top, bottom, left, right] (only cells some window reads). */
	pads: [number, number, number, number];
	axes: { rows: FormulaAxis; cols: FormulaAxis };
	/** oh * ow * c. */
	steps: number;
	explain(at: PoolOutputCell): PoolExplanation;
	/** The cell's window in brief (first `limit` values, count, output, winner, where it lies): bounded work for any window size. */
	summary(at: PoolOutputCell, limit: number): PoolSummary;
	/** Step `index` -> cell, channel-major then rows then columns. */
	cellOfStep(index: number): PoolOutputCell;
}

/** Pools an [h, w, c] input with a stage, or over each whole channel when `globalType` is set (a window of the full size). */
export function computePool(input: Tensor, stage: PoolStage, globalType?: 'max' | 'avg'): PoolComputation {
	const [h = 1, w = 1] = input.shape;
	const options: PoolOptions = globalType
		? { type: globalType, size: [h, w], stride: [1, 1], padding: 'valid' }
		: { type: stage.type, size: stage.size, stride: stage.stride, padding: stage.padding };
	return describePool(input, options, pool2d(input, options));
}

/**
 * The PoolComputation of `input` pooled with `options` (size and stride as pairs) whose output,
 * pool2d(input, options), is known already: a kernel edit pools one channel again and keeps the rest.
 */
export function describePool(input: Tensor, options: PoolOptions, output: Tensor): PoolComputation {
	const [h = 1, w = 1, c = 1] = input.shape;
	const size = options.size as [number, number];
	const stride = options.stride as [number, number];
	const plan = planPool2d('explainPool', input, options);
	const rows = axisGeometry(h, size[0], stride[0], 1, options.padding ?? 'valid');
	const cols = axisGeometry(w, size[1], stride[1], 1, options.padding ?? 'valid');
	const oh = output.shape[0] ?? 1;
	const ow = output.shape[1] ?? 1;
	const used = (g: typeof rows): number => Math.max(0, Math.min(g.after, (g.out - 1) * g.stride - g.before + g.kernel - g.size));
	return {
		options,
		output,
		pads: [rows.before, used(rows), cols.before, used(cols)],
		axes: { rows: axisOf(rows), cols: axisOf(cols) },
		steps: oh * ow * c,
		explain: (at) => explainPlannedPool('explainPool', plan, input, at),
		summary: (at, limit) => summarizePool(input, plan, at, limit),
		cellOfStep: (index) => {
			const channel = Math.floor(index / (oh * ow));
			const rest = index - channel * oh * ow;
			return { channel, row: Math.floor(rest / ow), col: rest % ow };
		},
	};
}
