/**
 * One pooled cell in brief: what a student reads about a window of up to 65,536 cells (a global
 * pooling of a 256x256 picture) without building one object per cell. Same numbers as explainPool.
 */
import type { CellArea } from './cell-area';
import type { PoolPlan } from './pool2d';
import type { Tensor } from './tensor';
import { checkOptions, index } from './validate';

/** A pooling window summed up: the first values, how many count, the output, the winner and where the window lies. */
export interface PoolSummary {
	/** The first `limit` values of the window that are not padding, in reading order (row, then column). */
	values: number[];
	/** How many cells of the window are not padding: all of them count. */
	count: number;
	/** How many cells of the window fall on padding: they never count. */
	padded: number;
	/** The output value, equal to pool2d's (and explainPool's) at this cell. */
	output: number;
	/** For max/min pooling: the input cell chosen (the first in reading order on ties). */
	winner?: { row: number; col: number };
	/** The window's rows and columns in input coordinates, padding included. */
	window: CellArea;
}

/**
 * Sums up the window of output cell `at` ([row, col, channel]) of a planned pooling of `input`
 * ([h, w, c], checked when planned): one pass over the window's real cells on the typed array, no
 * allocation per cell; `values` keeps the first `limit` of them.
 */
export function summarizePool(input: Tensor, plan: PoolPlan, at: { row: number; col: number; channel: number }, limit: number): PoolSummary {
	const op = 'summarizePool';
	const { type, channels } = plan;
	const { rows, cols } = plan.geometry;
	const cell = checkOptions(op, at, true, 'at {row, col, channel}');
	const oy = index(op, 'at.row', cell.row, rows.out);
	const ox = index(op, 'at.col', cell.col, cols.out);
	const channel = index(op, 'at.channel', cell.channel, channels);
	const y0 = oy * rows.stride - rows.before;
	const x0 = ox * cols.stride - cols.before;
	const r0 = Math.max(0, y0);
	const r1 = Math.min(rows.size, y0 + rows.kernel);
	const c0 = Math.max(0, x0);
	const c1 = Math.min(cols.size, x0 + cols.kernel);
	const x = input.data;
	const values: number[] = [];
	let sum = 0;
	let best = type === 'max' ? -Infinity : Infinity;
	let winner: { row: number; col: number } | undefined;
	for (let r = r0; r < r1; r++) {
		for (let c = c0, i = (r * cols.size + c0) * channels + channel; c < c1; c++, i += channels) {
			const v = x[i]!;
			if (values.length < limit) values.push(v);
			sum += v;
			if (type === 'max' ? v > best : type === 'min' ? v < best : false) {
				best = v;
				winner = { row: r, col: c };
			}
		}
	}
	const count = Math.max(0, r1 - r0) * Math.max(0, c1 - c0);
	const window: CellArea = { rows: span(y0, rows.kernel), cols: span(x0, cols.kernel) };
	const padded = rows.kernel * cols.kernel - count;
	if (type === 'avg' || winner === undefined) return { values, count, padded, output: Math.fround(sum / count), window };
	return { values, count, padded, output: best, winner, window };
}

/** `length` consecutive positions from `first`. */
function span(first: number, length: number): number[] {
	return Array.from({ length }, (_, i) => first + i);
}
