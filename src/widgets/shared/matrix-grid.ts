import type { CellArea, Tensor } from '../../cnn';
import { t } from '../../i18n';
import { formatNumber } from './format';

/** What a grid shows: input, kernel or output values. */
export type GridRole = 'input' | 'kernel' | 'output';

/** A cell position; rows and columns are 0-based input coordinates (negative inside padding). */
export interface CellRef {
	row: number;
	col: number;
}

/** Options of a number grid. */
export interface GridOptions {
	role: GridRole;
	/** Visible caption above the grid, e.g. "Input 5x5x1". */
	label: string;
	/** Which channel of the [h, w, c] tensor to show; default 0. */
	channel?: number;
	/** Padding ring drawn as ghost cells, [top, bottom, left, right] in cells; default none. */
	pad?: readonly [number, number, number, number];
	/** For a stretched transposed-convolution input: per cell, the original cell index or -1 for an inserted zero. */
	origin?: Int32Array | null;
	/** Output grids: cells take part in a roving tab order (one tab stop, arrow keys move). */
	focusable?: boolean;
	/** A 3-channel map drawn as one colour picture (canvas views only). */
	rgb?: boolean;
}

/**
 * One channel of an [h, w, c] tensor as a grid of numbers (index map + shade + dumb drawer).
 * Every real cell carries `data-row`, `data-col` (0-based) and `data-value` (the exact number);
 * padding cells carry the class `is-padding`. Shade comes from the `--cnn-shade` custom property
 * (0..1 of the channel's largest magnitude) and sign from `is-negative`, so colours stay in CSS.
 */
export class MatrixGrid {
	readonly el: HTMLElement;
	readonly grid: HTMLElement;
	private readonly cells: HTMLElement[] = [];
	private readonly marks = new Map<string, HTMLElement[]>();
	private readonly rows: number;
	private readonly cols: number;
	private readonly pad: readonly [number, number, number, number];

	constructor(parent: HTMLElement, values: Tensor, private readonly opts: GridOptions) {
		const [rows = 0, cols = 0] = values.shape;
		this.rows = rows;
		this.cols = cols;
		this.pad = opts.pad ?? [0, 0, 0, 0];
		const [top, bottom, left, right] = this.pad;
		this.el = parent.createDiv({ cls: 'cnn-figure' });
		this.el.createDiv({ cls: 'cnn-figure-label', text: opts.label });
		this.grid = this.el.createDiv({
			cls: `cnn-grid cnn-grid-${opts.role}`,
			attr: { 'data-role': opts.role, role: 'grid', 'aria-label': t('widget.grid.label', { name: opts.label, rows, cols }) },
		});
		// The drawn columns (padding included): CSS fits the cells to the width the grid is given.
		this.grid.setCssProps({ '--cnn-grid-cols': String(cols + left + right) });
		for (let r = -top; r < rows + bottom; r++) {
			const rowEl = this.grid.createDiv({ cls: 'cnn-grid-row', attr: { role: 'row' } });
			for (let c = -left; c < cols + right; c++) {
				const inside = r >= 0 && r < rows && c >= 0 && c < cols;
				const cell = rowEl.createDiv({ cls: 'cnn-cell', attr: { role: 'gridcell', 'data-row': r, 'data-col': c } });
				if (!inside) {
					cell.addClass('is-padding');
					cell.setText('0');
					cell.setAttr('aria-label', t('widget.padding'));
				} else if (opts.origin && opts.origin[r * cols + c] === -1) {
					cell.addClass('is-inserted');
				}
				if (opts.focusable && inside) cell.tabIndex = r === 0 && c === 0 ? 0 : -1;
				this.cells.push(cell);
			}
		}
		this.setValues(values);
	}

	/** Rewrites the numbers and shades from `values` (same height and width as at construction). */
	setValues(values: Tensor): void {
		const channels = values.shape[2] ?? 1;
		const channel = this.opts.channel ?? 0;
		let maxAbs = 0;
		for (let i = channel; i < values.data.length; i += channels) maxAbs = Math.max(maxAbs, Math.abs(values.data[i] ?? 0));
		for (let r = 0; r < this.rows; r++) {
			for (let c = 0; c < this.cols; c++) {
				const cell = this.cell({ row: r, col: c });
				if (!cell) continue;
				const value = values.data[(r * this.cols + c) * channels + channel] ?? 0;
				const text = formatNumber(value);
				cell.setText(text);
				cell.setAttr('data-value', String(value));
				cell.setAttr('aria-label', t('widget.cell.label', { row: r + 1, col: c + 1, value: text }));
				cell.toggleClass('is-negative', value < 0);
				cell.setCssProps({ '--cnn-shade': maxAbs === 0 ? '0' : (Math.abs(value) / maxAbs).toFixed(3) });
			}
		}
	}

	/** The cell element at an input position (padding included), or undefined outside the drawn area. */
	cell(at: CellRef): HTMLElement | undefined {
		const [top, bottom, left, right] = this.pad;
		const r = at.row + top;
		const c = at.col + left;
		const width = this.cols + left + right;
		if (r < 0 || r >= this.rows + top + bottom || c < 0 || c >= width) return undefined;
		return this.cells[r * width + c];
	}

	/** The cell position of an event's target inside this grid, or null. */
	cellOf(target: EventTarget | null): CellRef | null {
		if (!(target instanceof HTMLElement)) return null;
		const cell = target.closest<HTMLElement>('.cnn-cell');
		if (!cell || !this.grid.contains(cell) || cell.hasClass('is-padding')) return null;
		return { row: Number(cell.dataset.row), col: Number(cell.dataset.col) };
	}

	/** Puts class `cls` on exactly these cells (removing it from the cells that had it). */
	mark(cls: string, cells: readonly CellRef[]): void {
		for (const el of this.marks.get(cls) ?? []) el.removeClass(cls);
		const marked: HTMLElement[] = [];
		for (const at of cells) {
			const el = this.cell(at);
			if (el) {
				el.addClass(cls);
				marked.push(el);
			}
		}
		this.marks.set(cls, marked);
	}

	/** Puts class `cls` on exactly the drawn cells of `area` but `except` (at most the grid's own cells, whatever the area's size). */
	markArea(cls: string, area: CellArea, except: CellRef | null = null): void {
		const [top, bottom, left, right] = this.pad;
		const rows = area.rows.filter((r) => r >= -top && r < this.rows + bottom);
		const cols = area.cols.filter((c) => c >= -left && c < this.cols + right);
		const cells: CellRef[] = [];
		for (const row of rows) for (const col of cols) if (row !== except?.row || col !== except.col) cells.push({ row, col });
		this.mark(cls, cells);
	}

	/** Output grids while stepping: cells from flat index `from` on are not written yet (null = all written). */
	setPendingFrom(from: number | null): void {
		for (let i = 0; i < this.rows * this.cols; i++) {
			const el = this.cell({ row: Math.floor(i / this.cols), col: i % this.cols });
			el?.toggleClass('is-pending', from !== null && i >= from);
		}
	}

	/** Moves the roving tab stop to a cell and focuses it. */
	focusCell(at: CellRef): void {
		for (const el of this.cells) if (el.tabIndex === 0) el.tabIndex = -1;
		const el = this.cell(at);
		if (!el) return;
		el.tabIndex = 0;
		el.focus();
	}
}

/** Draws one channel of an [h, w, c] tensor as a static number grid and returns its figure element. */
export function renderMatrixGrid(parent: HTMLElement, values: Tensor, opts: GridOptions): HTMLElement {
	return new MatrixGrid(parent, values, opts).el;
}
