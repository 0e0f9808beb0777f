/**
 * A canvas view of one channel of an [h, w, c] tensor (or of an RGB image), one canvas pixel per
 * cell, CSS-scaled with pixelated rendering; an overlay marks a set of cells (a receptive field,
 * with ghost cells in the padding around the image) and one current cell; pointer and arrow keys
 * report the cell under them.
 */
import type { Component } from 'obsidian';
import type { CellArea, Tensor } from '../../cnn';
import { t } from '../../i18n';
import { channelExtent, chooseScale, lutFor, type ScaleChoice, type ScaleKind, type ValueRange } from './colormap';
import { formatNumber } from './format';
import { areaRects, cellAt, cellPlace, paddingBox, paintImageData, paintRgbImageData, type CellRect, type CellRef, type MapGeometry, type PaddingBox } from './paint';
import { listen } from './guard';

/** How a feature map is drawn and what it reports. */
export interface FeatureMapOptions {
	/** Accessible name of the map, e.g. "Input" or "Output map 2". */
	label: string;
	/** `channel` (default): one channel through a colour scale; `rgb`: a [h, w, 3] image with values in [0, 1]. */
	mode?: 'channel' | 'rgb';
	/** The channel shown in `channel` mode; default 0. */
	channel?: number;
	/** Colour scale; default chosen from the data (diverging for signed data, else sequential). */
	scale?: ScaleKind;
	/** Values mapped to the ends of the scale (data units); default from the data, symmetric when diverging. */
	range?: ValueRange;
	/** Padding drawn around the image as ghost cells: cells on every side, [rows, cols] on each side, or per side. */
	padding?: number | readonly [number, number] | PaddingBox;
	/** Displayed size of one cell in CSS pixels; default makes the padded map about 240 px on its longer side. */
	cellSize?: number;
	/** The image cell (0-based) under the pointer, or reached with the arrow keys. */
	onHover?: (row: number, col: number) => void;
	/** The pointer left the image, or Escape was pressed. */
	onLeave?: () => void;
}

/** A highlight element and what it shows (its frame cells as a key), or null while hidden. */
interface Mark {
	el: HTMLElement;
	shown: string | null;
}

/** Default displayed size (CSS pixels) of a map's longer side. */
const TARGET_SIDE = 240;

/**
 * Most highlight rectangles one highlight draws (one element each). A highlight that would need more
 * (thousands of scattered cells) is drawn as one rectangle around them all, so a hover costs at most
 * this many elements whatever the map's size.
 */
export const MAX_HIGHLIGHT_RECTS = 256;

/** A canvas heatmap of a tensor channel with highlight overlay; owns no listeners beyond those registered on its component. */
export class FeatureMapView {
	/** The root element (focusable, labelled). */
	readonly el: HTMLElement;
	private readonly frame: HTMLElement;
	private readonly canvas: HTMLCanvasElement;
	private readonly overlay: HTMLElement;
	private readonly live: HTMLElement;
	private ctx: CanvasRenderingContext2D | null | undefined;
	private image: ImageData | null = null;
	private tensor: Tensor | null = null;
	private geometry: MapGeometry = { rows: 0, cols: 0, padding: paddingBox(0) };
	private choice: ScaleChoice = { kind: 'sequential', range: { min: 0, max: 1 } };
	private marks: Mark[] = [];
	private currentMark: Mark;
	private keyCell: CellRef | null = null;
	private laidOut = false;

	/** Creates the view inside `parent`; DOM listeners are registered on `owner` and end when it unloads. */
	constructor(parent: HTMLElement, owner: Component, private options: FeatureMapOptions) {
		this.el = parent.createDiv({ cls: 'cnn-fmap', attr: { tabindex: 0, role: 'group' } });
		this.frame = this.el.createDiv({ cls: 'cnn-fmap-frame' });
		this.canvas = this.frame.createEl('canvas', { cls: 'cnn-fmap-canvas', attr: { 'aria-hidden': 'true' } });
		this.overlay = this.frame.createDiv({ cls: 'cnn-fmap-overlay', attr: { 'aria-hidden': 'true' } });
		this.currentMark = { el: this.overlay.createDiv({ cls: 'cnn-fmap-mark is-current is-hidden' }), shown: null };
		this.live = this.el.createDiv({ cls: 'cnn-visually-hidden', attr: { 'aria-live': 'polite' } });
		listen(owner, this.frame, 'pointermove', (e) => this.point(e));
		listen(owner, this.frame, 'pointerdown', (e) => this.point(e));
		listen(owner, this.frame, 'pointerleave', () => this.options.onLeave?.());
		listen(owner, this.el, 'keydown', (e) => this.key(e));
	}

	/** The colour scale and value range of the last redraw (for a legend). */
	get scale(): ScaleChoice {
		return this.choice;
	}

	/** How the map is drawn: one channel through a scale, or an rgb picture. */
	get mode(): 'channel' | 'rgb' {
		return this.options.mode ?? 'channel';
	}

	/** The map's layout in cells: image size and padding. */
	get layout(): MapGeometry {
		return this.geometry;
	}

	/** Changes options (label, scale, range, padding, channel...) for the next redraw. */
	configure(options: Partial<FeatureMapOptions>): void {
		this.options = { ...this.options, ...options };
	}

	/** Draws `tensor` ([h, w, c]); reuses the canvas and its ImageData while h and w stay the same. */
	redraw(tensor: Tensor): void {
		const [rows = 0, cols = 0, channels = 1] = tensor.shape;
		const o = this.options;
		const channel = Math.min(o.channel ?? 0, channels - 1);
		this.tensor = tensor;
		this.layoutFor(rows, cols);
		if (o.mode === 'rgb') this.choice = { kind: 'gray', range: { min: 0, max: 1 } };
		else {
			const extent = channelExtent(tensor.data, channels, channel);
			const auto = chooseScale(extent.min, extent.max);
			this.choice = { kind: o.scale ?? auto.kind, range: o.range ?? auto.range };
		}
		this.el.setAttr('aria-label', t('widget.featureMap.label', { name: o.label, rows, cols }));
		const image = this.imageData(rows, cols);
		if (!image) return; // no 2d canvas (jsdom): the DOM, overlay and events still work
		if (o.mode === 'rgb') paintRgbImageData(image.data, tensor);
		else paintImageData(image.data, tensor, channel, lutFor(this.choice.kind), this.choice.range);
		this.ctx?.putImageData(image, 0, 0);
	}

	/** Takes `tensor` (same shape) whose shown channel holds the values drawn already (another channel changed): nothing is redrawn. */
	keep(tensor: Tensor): void {
		this.tensor = tensor;
	}

	/**
	 * Marks `cells` (0-based, image coordinates; cells in the padding are drawn as ghosts, cells beyond
	 * it skipped), one element per cell: for a few cells. Receptive fields and windows go through
	 * setHighlightArea, whose cost does not grow with their cell count.
	 */
	setHighlight(cells: readonly CellRef[]): void {
		const rects: CellRect[] = [];
		for (const cell of cells) {
			const place = cellPlace(cell, this.geometry);
			if (place !== 'outside') rects.push({ row: cell.row, col: cell.col, rows: 1, cols: 1, ghost: place === 'ghost' });
		}
		this.placeRects(rects, false);
	}

	/**
	 * Marks every cell of `area` (rows x columns, image coordinates, padding drawn as ghosts): one
	 * element per block of adjacent cells, at most MAX_HIGHLIGHT_RECTS, so a pooling window of 65,536
	 * cells is one element.
	 */
	setHighlightArea(area: CellArea): void {
		const { rects, extent } = areaRects(area, this.geometry, MAX_HIGHLIGHT_RECTS);
		this.placeRects(rects, extent);
	}

	/** Shows one mark per rectangle (reusing the mark elements), hiding the rest; `extent` draws the outline of a too-scattered area. */
	private placeRects(rects: readonly CellRect[], extent: boolean): void {
		rects.forEach((rect, i) => this.place(this.marks[i] ?? this.newMark(), rect, extent));
		for (let i = rects.length; i < this.marks.length; i++) this.hide(this.marks[i]);
	}

	/** Marks one current cell (e.g. the output cell being computed), or none. */
	setCurrent(cell: CellRef | null): void {
		const place = cell ? cellPlace(cell, this.geometry) : 'outside';
		if (cell && place !== 'outside') this.place(this.currentMark, { row: cell.row, col: cell.col, rows: 1, cols: 1, ghost: false }, false);
		else this.hide(this.currentMark);
	}

	/** Sets the frame's size in cells and its displayed cell size from the image size and padding. */
	private layoutFor(rows: number, cols: number): void {
		const padding = paddingBox(this.options.padding);
		const g = this.geometry;
		const same = g.rows === rows && g.cols === cols && (['top', 'right', 'bottom', 'left'] as const).every((k) => g.padding[k] === padding[k]);
		if (same && this.laidOut) return;
		this.laidOut = true;
		this.geometry = { rows, cols, padding };
		const totalRows = padding.top + rows + padding.bottom;
		const totalCols = padding.left + cols + padding.right;
		const fit = TARGET_SIDE / Math.max(1, totalRows, totalCols);
		const cell = this.options.cellSize ?? Math.min(32, fit >= 2 ? Math.floor(fit) : Math.max(1, fit));
		this.el.toggleClass('has-padding', totalRows > rows || totalCols > cols);
		this.el.setCssProps({
			'--cnn-fmap-rows': String(totalRows),
			'--cnn-fmap-cols': String(totalCols),
			'--cnn-fmap-cell': `${cell}px`,
			'--cnn-fmap-top': String(padding.top),
			'--cnn-fmap-left': String(padding.left),
			'--cnn-fmap-h': String(rows),
			'--cnn-fmap-w': String(cols),
		});
	}

	/** The reusable ImageData of a rows x cols canvas; null without a 2d context. */
	private imageData(rows: number, cols: number): ImageData | null {
		if (this.ctx === undefined) this.ctx = this.canvas.getContext('2d');
		if (!this.ctx || rows < 1 || cols < 1) return null;
		if (!this.image || this.image.width !== cols || this.image.height !== rows) {
			this.canvas.width = cols;
			this.canvas.height = rows;
			this.image = this.ctx.createImageData(cols, rows);
		}
		return this.image;
	}

	/** A new overlay mark for the highlight pool. */
	private newMark(): Mark {
		// Appended (the current-cell mark stays on top through CSS): inserting before it would cost
		// a walk over the overlay's children per mark in some DOMs (jsdom), quadratic for large fields.
		const mark: Mark = { el: this.overlay.createDiv({ cls: 'cnn-fmap-mark is-field is-hidden' }), shown: null };
		this.marks.push(mark);
		return mark;
	}

	/**
	 * Shows a mark on a block of cells, placed in frame coordinates (padding included); the DOM is
	 * written only when what the mark shows changes, so a hover costs about the marks that move.
	 */
	private place(mark: Mark, rect: CellRect, extent: boolean): void {
		const r = rect.row + this.geometry.padding.top;
		const c = rect.col + this.geometry.padding.left;
		const shown = `${r},${c},${rect.rows},${rect.cols},${rect.ghost ? 'g' : ''}${extent ? 'e' : ''}`;
		if (mark.shown === shown) return;
		if (mark.shown === null) mark.el.removeClass('is-hidden');
		mark.el.toggleClass('is-ghost', rect.ghost);
		mark.el.toggleClass('is-extent', extent);
		mark.el.setCssProps({ '--cnn-r': String(r), '--cnn-c': String(c), '--cnn-rs': String(rect.rows), '--cnn-cs': String(rect.cols) });
		mark.shown = shown;
	}

	/** Hides a mark (no DOM write when it is hidden already). */
	private hide(mark: Mark | undefined): void {
		if (!mark || mark.shown === null) return;
		mark.el.addClass('is-hidden');
		mark.shown = null;
	}

	/** Pointer -> image cell -> onHover (or onLeave in the padding). */
	private point(e: MouseEvent): void {
		const cell = cellAt(e.clientX, e.clientY, this.frame.getBoundingClientRect(), this.geometry);
		if (cell) this.options.onHover?.(cell.row, cell.col);
		else this.options.onLeave?.();
	}

	/** Arrow keys, Home and End move between cells; Escape leaves. */
	private key(e: KeyboardEvent): void {
		const { rows, cols } = this.geometry;
		if (rows < 1 || cols < 1) return;
		if (e.key === 'Escape') {
			this.keyCell = null;
			this.options.onLeave?.();
			return;
		}
		const at = this.keyCell ?? { row: 0, col: 0 };
		const moves: Record<string, CellRef> = {
			ArrowUp: { row: at.row - 1, col: at.col },
			ArrowDown: { row: at.row + 1, col: at.col },
			ArrowLeft: { row: at.row, col: at.col - 1 },
			ArrowRight: { row: at.row, col: at.col + 1 },
			Home: { row: at.row, col: 0 },
			End: { row: at.row, col: cols - 1 },
		};
		const next = moves[e.key];
		if (!next) return;
		e.preventDefault();
		const cell = this.keyCell ? { row: clamp(next.row, rows), col: clamp(next.col, cols) } : at;
		this.keyCell = cell;
		this.live.setText(t('widget.cell.label', { row: cell.row + 1, col: cell.col + 1, value: this.valueText(cell) }));
		this.options.onHover?.(cell.row, cell.col);
	}

	/** The value(s) of a cell as read aloud: one number, or r, g, b in rgb mode. */
	private valueText(cell: CellRef): string {
		const tensor = this.tensor;
		if (!tensor) return '';
		const [, w = 0, c = 1] = tensor.shape;
		const base = (cell.row * w + cell.col) * c;
		if (this.options.mode === 'rgb') return Array.from(tensor.data.subarray(base, base + c), formatNumber).join(', ');
		return formatNumber(tensor.data[base + Math.min(this.options.channel ?? 0, c - 1)] ?? 0);
	}
}

/** Clamps a cell index into 0..size-1. */
function clamp(i: number, size: number): number {
	return i < 0 ? 0 : i >= size ? size - 1 : i;
}
