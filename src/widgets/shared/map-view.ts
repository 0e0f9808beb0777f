import type { Component } from 'obsidian';
import type { CellArea, Tensor } from '../../cnn';
import type { ScaleKind } from './colormap';
import { FeatureMapView } from './feature-map';
import { ColorLegend } from './legend';
import { MatrixGrid, type CellRef, type GridOptions } from './matrix-grid';
import { listen } from './guard';

/** Largest side (cells, padding included) drawn as a grid of numbers; larger maps go on a canvas. */
export const GRID_MAX_SIDE = 12;

/** Highlights a view can show: receptive field or window, the current cell, a pooling winner, dimmed losers. */
export type MarkClass = 'is-tap' | 'is-current' | 'is-winner' | 'is-dimmed';

/** Called with the cell under the pointer or focus. */
export type CellListener = (at: CellRef) => void;
/** Called with keys pressed on the view that it does not handle itself (space, arrows on grids). */
export type KeyListener = (ev: KeyboardEvent) => void;

/** A view of one channel of a map: a number grid or a canvas heatmap, with the same interactions. */
export interface MapView {
	readonly el: HTMLElement;
	/**
	 * Rewrites the values (same size). `redraw` false: the shown channel holds the values already shown
	 * (another channel changed), so the view keeps the tensor and draws nothing.
	 */
	setValues(values: Tensor, redraw?: boolean): void;
	/** Puts a highlight on exactly these cells (a canvas shows 'is-current' and 'is-winner' as its one current mark, and no dimming). */
	mark(cls: MarkClass, cells: readonly CellRef[]): void;
	/**
	 * Puts a highlight on the cells of `area` (every row with every column) but `except`: a grid marks
	 * its own cells among them, a canvas draws one mark per block of adjacent cells (and never dims),
	 * so the work is bounded by the map's drawing, not by the area's cell count.
	 */
	markArea(cls: MarkClass, area: CellArea, except?: CellRef | null): void;
	/** Output maps while stepping: cells from flat index `from` on are not written yet (null = all). */
	setPendingFrom(from: number | null): void;
	/** Reports the cell under the pointer / focus, and keys. */
	listen(onCell: CellListener, onKey: KeyListener): void;
	/** Moves keyboard focus to a cell (grids; canvases keep their own cursor). */
	focusCell(at: CellRef): void;
}

/** A MatrixGrid as a MapView: delegated pointer, focus and key listeners registered on `owner`. */
class GridView implements MapView {
	private readonly grid: MatrixGrid;
	readonly el: HTMLElement;

	constructor(
		private readonly owner: Component,
		parent: HTMLElement,
		values: Tensor,
		opts: GridOptions,
	) {
		this.grid = new MatrixGrid(parent, values, opts);
		this.el = this.grid.el;
	}

	setValues(values: Tensor, redraw = true): void {
		if (redraw) this.grid.setValues(values);
	}

	mark(cls: MarkClass, cells: readonly CellRef[]): void {
		this.grid.mark(cls, cells);
	}

	markArea(cls: MarkClass, area: CellArea, except: CellRef | null = null): void {
		this.grid.markArea(cls, area, except);
	}

	setPendingFrom(from: number | null): void {
		this.grid.setPendingFrom(from);
	}

	listen(onCell: CellListener, onKey: KeyListener): void {
		const report = (ev: Event): void => {
			const at = this.grid.cellOf(ev.target);
			if (at) onCell(at);
		};
		listen(this.owner, this.grid.grid, 'pointerover', report);
		listen(this.owner, this.grid.grid, 'focusin', report);
		listen(this.owner, this.grid.grid, 'keydown', onKey);
	}

	focusCell(at: CellRef): void {
		this.grid.focusCell(at);
	}
}

/** A FeatureMapView (canvas heatmap) with its colour legend, as a MapView. */
class CanvasView implements MapView {
	readonly el: HTMLElement;
	private readonly map: FeatureMapView;
	private readonly legend: ColorLegend;
	private values: Tensor;
	private pendingFrom: number | null = null;
	/** The buffer of the partly written map while stepping, reused from step to step. */
	private masked: Float32Array | null = null;
	private readonly baseScale: ScaleKind | undefined;
	private onCell: CellListener | null = null;

	constructor(
		private readonly owner: Component,
		parent: HTMLElement,
		values: Tensor,
		private readonly opts: GridOptions,
	) {
		this.values = values;
		this.el = parent.createDiv({ cls: 'cnn-figure' });
		this.el.createDiv({ cls: 'cnn-figure-label', text: opts.label });
		const [top = 0, bottom = 0, left = 0, right = 0] = opts.pad ?? [];
		const rgb = (values.shape[2] ?? 1) === 3 && (opts.role === 'input' || opts.rgb === true);
		// Pictures (values in [0, 1]) read best as they are: black to white.
		const picture = opts.role === 'input' && values.data.every((v) => v >= 0 && v <= 1);
		this.baseScale = picture ? 'gray' : undefined;
		this.map = new FeatureMapView(this.el, owner, {
			label: opts.label,
			mode: rgb ? 'rgb' : 'channel',
			scale: this.baseScale,
			channel: opts.channel ?? 0,
			padding: { top, bottom, left, right },
			onHover: (row, col) => this.onCell?.({ row, col }),
		});
		this.map.el.setAttr('data-role', opts.role);
		this.map.redraw(values);
		this.legend = new ColorLegend(this.el, this.map.scale);
		if (rgb) this.legend.el.hide();
	}

	setValues(values: Tensor, redraw = true): void {
		this.values = values;
		if (!redraw) {
			this.map.keep(values);
			return;
		}
		this.map.configure({ range: undefined, scale: this.baseScale });
		this.map.redraw(values);
		this.legend.update(this.map.scale);
		if (this.pendingFrom !== null) this.drawPending(this.pendingFrom);
	}

	mark(cls: MarkClass, cells: readonly CellRef[]): void {
		if (cls === 'is-tap') this.map.setHighlight(cells);
		else if (cls !== 'is-dimmed') this.map.setCurrent(cells[0] ?? null);
	}

	markArea(cls: MarkClass, area: CellArea): void {
		if (cls === 'is-tap') this.map.setHighlightArea(area);
		else if (cls !== 'is-dimmed') {
			const [row, col] = [area.rows[0], area.cols[0]];
			this.map.setCurrent(row === undefined || col === undefined ? null : { row, col });
		}
	}

	/**
	 * Redraws with the cells not written yet left blank (NaN paints transparent), keeping the full map's
	 * colour scale and range. Nothing is redrawn when `from` did not change, so a sweep repaints only the
	 * map being written (not every filter's maps) at each step.
	 */
	setPendingFrom(from: number | null): void {
		if (from === this.pendingFrom) return;
		this.pendingFrom = from;
		if (from === null) {
			this.map.configure({ range: undefined, scale: this.baseScale });
			this.map.redraw(this.values);
			return;
		}
		this.drawPending(from);
	}

	/** Draws the cells before flat index `from` of the shown channel (all three of an rgb picture), the rest blank. */
	private drawPending(from: number): void {
		const [h = 1, w = 1, channels = 1] = this.values.shape;
		const rgb = this.map.mode === 'rgb';
		const depth = rgb ? channels : 1;
		const size = h * w * depth;
		if (this.masked?.length !== size) this.masked = new Float32Array(size);
		const masked = this.masked;
		const src = this.values.data;
		const written = Math.min(from, h * w) * depth;
		if (rgb) masked.set(src.subarray(0, written));
		else for (let i = 0, s = this.opts.channel ?? 0; i < written; i++, s += channels) masked[i] = src[s] ?? 0;
		masked.fill(NaN, written);
		this.map.configure({ range: this.map.scale.range, scale: this.map.scale.kind });
		this.map.redraw({ shape: [h, w, depth], data: masked });
	}

	listen(onCell: CellListener, onKey: KeyListener): void {
		this.onCell = onCell;
		listen(this.owner, this.map.el, 'keydown', (ev) => {
			if (ev.key === ' ') onKey(ev);
		});
	}

	focusCell(): void {
		this.map.el.focus();
	}
}

/** A number grid when the map (with its padding ring) fits GRID_MAX_SIDE and has one channel, else a canvas heatmap. */
export function createMapView(owner: Component, parent: HTMLElement, values: Tensor, opts: GridOptions): MapView {
	const [h = 0, w = 0, c = 1] = values.shape;
	const [top = 0, bottom = 0, left = 0, right = 0] = opts.pad ?? [];
	const small = h + top + bottom <= GRID_MAX_SIDE && w + left + right <= GRID_MAX_SIDE;
	const oneChannel = c === 1 || (opts.role === 'output' && opts.rgb !== true);
	return small && oneChannel ? new GridView(owner, parent, values, opts) : new CanvasView(owner, parent, values, opts);
}
