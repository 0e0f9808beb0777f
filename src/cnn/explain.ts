/** "Explain this output cell": the input cells, weights and products behind one conv2d or pool2d output. */
import { planConv2d, type ConvOptions, type ConvPlan } from './conv2d';
import { planPool2d, type PoolOptions, type PoolPlan } from './pool2d';
import type { Tensor } from './tensor';
import { checkOptions, index } from './validate';

/** One kernel weight applied to one input cell; row/col are input coordinates (outside the image on padding). */
export interface ConvTap {
	/** Input row (may be < 0 or >= height on padding). */
	row: number;
	/** Input column (may be < 0 or >= width on padding). */
	col: number;
	/** Input channel. */
	channel: number;
	/** Input value (0 on padding). */
	value: number;
	/** The weight actually applied (after the 180-degree rotation when `flip` is set). */
	weight: number;
	/** value * weight. */
	product: number;
	/** True when the tap falls on padding outside the input. */
	padding: boolean;
}

/** Everything behind one conv2d output cell: output = sum + bias. */
export interface ConvExplanation {
	/** One tap per kernel weight (kh * kw * inChannels), in kernel order: row, then column, then channel. */
	taps: ConvTap[];
	/** The filter's bias (0 without bias). */
	bias: number;
	/** Sum of all tap products, without the bias. */
	sum: number;
	/** The output value, equal to conv2d's at this cell. */
	output: number;
}

/** Position of one conv2d output cell: output row, column and filter (output channel). */
export interface ConvCell {
	row: number;
	col: number;
	filter: number;
}

/**
 * Explains conv2d(input, filters, opts) at output cell `at` ([row, col, filter] of the [outH, outW, outC]
 * result): every tap with its input coordinates, value, weight and product, the bias, the sum and the output.
 */
export function explainConv(input: Tensor, filters: Tensor, opts: ConvOptions | undefined, at: ConvCell): ConvExplanation {
	const op = 'explainConv';
	return explainPlannedConv(op, planConv2d(op, input, filters, opts), input, filters, at);
}

/**
 * explainConv for a convolution already planned (its input and filters checked once by planConv2d),
 * so explaining one more cell costs kh * kw * inChannels steps, not a pass over the input.
 */
export function explainPlannedConv(op: string, plan: ConvPlan, input: Tensor, filters: Tensor, at: ConvCell): ConvExplanation {
	const { rows, cols } = plan.geometry;
	const { inChannels: inC, outChannels: outC } = plan;
	const cell = checkOptions(op, at, true, 'at {row, col, filter}');
	const oy = index(op, 'at.row', cell.row, rows.out);
	const ox = index(op, 'at.col', cell.col, cols.out);
	const k = index(op, 'at.filter', cell.filter, outC);
	const taps: ConvTap[] = [];
	let sum = 0;
	for (let ky = 0; ky < rows.kernel; ky++) {
		const row = oy * rows.stride - rows.before + ky * rows.dilation;
		const fy = plan.flip ? rows.kernel - 1 - ky : ky;
		for (let kx = 0; kx < cols.kernel; kx++) {
			const col = ox * cols.stride - cols.before + kx * cols.dilation;
			const fx = plan.flip ? cols.kernel - 1 - kx : kx;
			const padding = row < 0 || row >= rows.size || col < 0 || col >= cols.size;
			for (let channel = 0; channel < inC; channel++) {
				const weight = filters.data[((fy * cols.kernel + fx) * inC + channel) * outC + k]!;
				const value = padding ? 0 : input.data[(row * cols.size + col) * inC + channel]!;
				const product = value * weight;
				if (!padding) sum += product;
				taps.push({ row, col, channel, value, weight, product, padding });
			}
		}
	}
	const bias = plan.bias[k]!;
	return { taps, bias, sum, output: Math.fround(sum + bias) };
}

/** One cell of a pooling window; row/col are input coordinates (outside the image on padding). */
export interface PoolCell {
	row: number;
	col: number;
	/** Input value (0 on padding, which never counts). */
	value: number;
	/** True when the cell falls on padding outside the input. */
	padding: boolean;
}

/** Everything behind one pool2d output cell. */
export interface PoolExplanation {
	/** The window's cells in reading order (row, then column). */
	window: PoolCell[];
	/** The output value, equal to pool2d's at this cell. */
	output: number;
	/** For max/min pooling: the input cell chosen (the first in reading order on ties). */
	winner?: { row: number; col: number };
}

/**
 * Explains pool2d(input, opts) at output cell `at` ([row, col, channel] of the [outH, outW, c] result):
 * the window's cells, the output and, for max/min, the winning cell; padded cells never count.
 */
export function explainPool(input: Tensor, opts: PoolOptions, at: { row: number; col: number; channel: number }): PoolExplanation {
	const op = 'explainPool';
	return explainPlannedPool(op, planPool2d(op, input, opts), input, at);
}

/** explainPool for a pooling already planned (its input checked once by planPool2d): the window's cells only. */
export function explainPlannedPool(op: string, plan: PoolPlan, input: Tensor, at: { row: number; col: number; channel: number }): PoolExplanation {
	const { type, geometry, channels } = plan;
	const { rows, cols } = geometry;
	const cell = checkOptions(op, at, true, 'at {row, col, channel}');
	const oy = index(op, 'at.row', cell.row, rows.out);
	const ox = index(op, 'at.col', cell.col, cols.out);
	const channel = index(op, 'at.channel', cell.channel, channels);
	const window: PoolCell[] = [];
	let best: PoolCell | undefined;
	let sum = 0;
	let count = 0;
	for (let ky = 0; ky < rows.kernel; ky++) {
		const row = oy * rows.stride - rows.before + ky;
		for (let kx = 0; kx < cols.kernel; kx++) {
			const col = ox * cols.stride - cols.before + kx;
			const padding = row < 0 || row >= rows.size || col < 0 || col >= cols.size;
			const value = padding ? 0 : input.data[(row * cols.size + col) * channels + channel]!;
			const c: PoolCell = { row, col, value, padding };
			window.push(c);
			if (padding) continue;
			sum += value;
			count++;
			if (best === undefined || (type === 'max' ? value > best.value : value < best.value)) best = c;
		}
	}
	if (type === 'avg' || best === undefined) return { window, output: Math.fround(sum / count) };
	return { window, output: best.value, winner: { row: best.row, col: best.col } };
}
