/**
 * Matrices in block sources: a YAML block scalar of rows (`|`, numbers separated by spaces and/or
 * commas, one row a line) or a YAML list of lists. Problems come back as errors naming the row,
 * the column and the text received.
 */
import { VALUE_LIMIT } from '../cnn';
import { clip, t, type MessageKey } from '../i18n';
import { MAX_INPUT_SIDE } from './keys';
import type { ValuePlace } from './source';
import type { Problem, Result } from './types';
import { blockError, show, toNumber, type NumberProblem } from './values';

/** A matrix read from a block, or its problems. */

/** The message of each kind of unusable cell. */
const CELL_PROBLEMS = {
	empty: 'block.matrix.emptyCell',
	notFinite: 'block.matrix.notFinite',
	notNumber: 'block.matrix.notNumber',
	outOfRange: 'block.matrix.outOfRange',
} as const satisfies Record<NumberProblem, MessageKey>;

/** At most this many cell and row errors are reported for one matrix: the first ones show the pattern. */
export const MAX_MATRIX_ERRORS = 5;

/** One row as written: its cells and the index of where it came from (line of the text, or list item). */
interface RawRow {
	cells: unknown[];
	source: number;
	text: string;
}

/** Where the matrix is written: its key and its place in the source (for row lines). */
export interface MatrixAt {
	key: string;
	place?: ValuePlace;
	/** Largest number of rows or columns (default MAX_INPUT_SIDE); larger matrices are an error. */
	maxSide?: number;
}

/** The cells of a row written as text: `1 0 -1`, `1, 0, -1` or `1,0 -1`. */
function splitRow(text: string): string[] {
	return text.trim().split(/[\s,]+/).filter((cell) => cell !== '');
}

/** The rows of a value, or undefined when it has no matrix shape (e.g. a mapping or a boolean). */
function rawRows(value: unknown): RawRow[] | undefined {
	if (typeof value === 'string') {
		return value.split(/\r?\n/).flatMap((text, source) => (text.trim() === '' ? [] : [{ cells: splitRow(text), source, text: clip(text.trim()) }]));
	}
	if (typeof value === 'number') return [{ cells: [value], source: 0, text: String(value) }];
	if (!Array.isArray(value)) return undefined;
	const items: unknown[] = value;
	if (items.length > 0 && items.every((item) => typeof item === 'number')) return [{ cells: items, source: 0, text: show(items) }];
	return items.map((item, source) => {
		if (Array.isArray(item)) return { cells: item as unknown[], source, text: show(item) };
		if (typeof item === 'string') return { cells: splitRow(item), source, text: clip(item.trim()) };
		return { cells: [item], source, text: show(item) };
	});
}

/**
 * Parses a matrix from a block scalar string (`"1 1 0\n0,1 1"`) or a list of lists (`[[1, 0], [0, 1]]`);
 * a list of numbers is one row, a single number a 1x1 matrix. Rows must have the same length.
 */
export function parseMatrix(value: unknown, at: MatrixAt): Result<number[][]> {
	const line = at.place?.line;
	const here = { key: at.key, line };
	const max = at.maxSide ?? MAX_INPUT_SIDE;
	const allowed = t('block.allowed.matrix', { max });
	if (value === null || value === undefined) return { ok: false, errors: [blockError('block.value.missing', {}, here, { allowed })] };
	const raw = rawRows(value);
	if (raw === undefined) return { ok: false, errors: [blockError('block.matrix.notMatrix', { received: show(value) }, here, { allowed })] };
	if (raw.length === 0) return { ok: false, errors: [blockError('block.matrix.empty', { received: show(value) }, here, { allowed })] };

	// The size is checked before any cell is read: a 5,000-row paste is refused at once.
	const width = raw[0]?.cells.length ?? 0;
	const widest = raw.reduce((w, r) => Math.max(w, r.cells.length), 0);
	if (raw.length > max || widest > max) {
		const size = `${raw.length}x${widest}`;
		return { ok: false, errors: [blockError('block.matrix.tooLarge', { received: size, max }, here, { allowed })] };
	}

	const errors: Problem[] = [];
	const rows: number[][] = [];
	raw.forEach((r, i) => {
		const rowAt = { key: at.key, line: at.place?.rowLine(r.source) ?? line };
		const row = i + 1;
		if (r.cells.length === 0) {
			errors.push(blockError('block.matrix.emptyRow', { row, received: r.text }, rowAt));
			return;
		}
		if (r.cells.length !== width) {
			errors.push(blockError('block.matrix.ragged', { row, got: r.cells.length, expected: width, received: r.text }, rowAt));
		}
		const numbers: number[] = [];
		r.cells.forEach((cell, c) => {
			const read = toNumber(cell);
			if ('value' in read) {
				numbers.push(read.value);
				return;
			}
			errors.push(blockError(CELL_PROBLEMS[read.problem], { row, col: c + 1, received: typeof cell === 'string' ? clip(cell) : show(cell), limit: VALUE_LIMIT }, rowAt));
		});
		rows.push(numbers);
	});
	if (errors.length > 0) return { ok: false, errors: errors.slice(0, MAX_MATRIX_ERRORS) };
	return { ok: true, value: rows };
}
