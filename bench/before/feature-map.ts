// Frozen copy of src/widgets/shared/feature-map.ts as it was at commit ac68844, before explanations had budgets:
// the reference ("before") column of bench/hover.bench.ts. Not used by the plugin; do not edit (delete it
// together with that reference).
/**
 * A canvas view of one channel of an [h, w, c] tensor (or of an RGB image), one canvas pixel per
 * cell, CSS-scaled with pixelated rendering; an overlay marks a set of cells (a receptive field,
 * with ghost cells in the padding around the image) and one current cell; pointer and arrow keys
 * report the cell under them.
 */
import type { Component } from 'obsidian';
import type { Tensor } from '../../src/cnn';
import { t } from '../../src/i18n';
import { channelExtent, chooseScale, lutFor, type ScaleChoice, type ScaleKind, type ValueRange } from '../../src/widgets/shared/colormap';
import { formatNumber } from '../../src/widgets/shared/format';
import { cellAt, cellPlace, paddingBox, paintImageData, paintRgbImageData, type CellRef, type MapGeometry, type PaddingBox } from '../../src/widgets/shared/paint';

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

/** Default displayed size (CSS pixels) of a map's longer side. */
const TARGET_SIDE = 240;

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
	private marks: HTMLElement[] = [];
	private currentMark: HTMLElement;
	private keyCell: CellRef | null = null;
	private laidOut = false;

	/** Creates the view inside `parent`; DOM listeners are registered on `owner` and end when it unloads. */
	constructor(parent: HTMLElement, owner: Component, private options: FeatureMapOptions) {
		this.el = parent.createDiv({ cls: 'cnn-fmap', attr: { tabindex: 0, role: 'group' } });
		this.frame = this.el.createDiv({ cls: 'cnn-fmap-frame' });
		this.canvas = this.frame.createEl('canvas', { cls: 'cnn-fmap-canvas', attr: { 'aria-hidden': 'true' } });
		this.overlay = this.frame.createDiv({ cls: 'cnn-fmap-overlay', attr: { 'aria-hidden': 'true' } });
		this.currentMark = this.overlay.createDiv({ cls: 'cnn-fmap-mark is-current is-hidden' });
		this.live = this.el.createDiv({ cls: 'cnn-visually-hidden', attr: { 'aria-live': 'polite' } });
		owner.registerDomEvent(this.frame, 'pointermove', (e) => this.point(e));
		owner.registerDomEvent(this.frame, 'pointerdown', (e) => this.point(e));
		owner.registerDomEvent(this.frame, 'pointerleave', () => this.options.onLeave?.());
		owner.registerDomEvent(this.el, 'keydown', (e) => this.key(e));
	}

	/** The colour scale and value range of the last redraw (for a legend). */
	get scale(): ScaleChoice {
		return this.choice;
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

	/** Marks `cells` (0-based, image coordinates; cells in the padding are drawn as ghosts, cells beyond it skipped). */
	setHighlight(cells: readonly CellRef[]): void {
		let used = 0;
		for (const cell of cells) {
			const place = cellPlace(cell, this.geometry);
			if (place === 'outside') continue;
			const mark = this.marks[used] ?? this.newMark();
			used++;
			mark.toggleClass('is-ghost', place === 'ghost');
			mark.removeClass('is-hidden');
			this.position(mark, cell);
		}
		for (let i = used; i < this.marks.length; i++) this.marks[i]?.addClass('is-hidden');
	}

	/** Marks one current cell (e.g. the output cell being computed), or none. */
	setCurrent(cell: CellRef | null): void {
		const place = cell ? cellPlace(cell, this.geometry) : 'outside';
		this.currentMark.toggleClass('is-hidden', place === 'outside');
		if (cell && place !== 'outside') this.position(this.currentMark, cell);
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
	private newMark(): HTMLElement {
		// The one change to the frozen code: appended, not inserted before the current mark. jsdom walks
		// the overlay's children on each insertBefore, quadratic for 65,536 marks (minutes, not the widget's cost).
		const mark = this.overlay.createDiv({ cls: 'cnn-fmap-mark is-field' });
		this.marks.push(mark);
		return mark;
	}

	/** Places a mark on a cell, in frame coordinates (padding included). */
	private position(mark: HTMLElement, cell: CellRef): void {
		mark.setCssProps({
			'--cnn-r': String(cell.row + this.geometry.padding.top),
			'--cnn-c': String(cell.col + this.geometry.padding.left),
		});
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
