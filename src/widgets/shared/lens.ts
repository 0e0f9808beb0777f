/**
 * The lens of a picture: hovering (or focusing) a cell of a picture's input or output map shows,
 * next to that cell, the input patch under the kernel with its real numbers and the kernel's
 * weights beside it (for pooling, the window and its winner). At most LENS_MAX_SIDE x LENS_MAX_SIDE
 * numbers of each are written (the centre of a larger kernel), so a 15x15 kernel costs 25 numbers, not 225.
 */
import type { Component } from 'obsidian';
import type { ConvExplanation, Tensor } from '../../cnn';
import { t } from '../../i18n';
import { formatNumber } from './format';

/** Largest side (cells) of the patch and kernel the lens writes out. */
export const LENS_MAX_SIDE = 5;

/** What the lens shows: a patch of input numbers and, for a convolution, the weights over it. */
export interface LensContent {
	/** The patch's size in cells (at most LENS_MAX_SIDE a side). */
	rows: number;
	cols: number;
	/** The input values, row-major; null where the patch lies on padding. */
	values: (number | null)[];
	/** The weights over each patch cell, row-major (same size), or null for pooling. */
	weights: number[] | null;
	/** The picture row and column (0-based) of the patch's top-left cell shown. */
	top: number;
	left: number;
	/** The full kernel or window size, [rows, cols]: larger than rows x cols when only its centre is written. */
	full: [number, number];
	/** Index into `values` of the pooling winner, when there is one. */
	winner?: number;
	/** The input channel shown (0-based) and how many there are. */
	channel: number;
	channels: number;
}

/** The first and count of the central `max` of `n` indices. */
function centre(n: number, max = LENS_MAX_SIDE): [number, number] {
	const count = Math.min(n, max);
	return [Math.floor((n - count) / 2), count];
}

/**
 * The lens of a convolution's output cell from its explanation (taps ordered kernel row, kernel
 * column, channel, as explainConv gives them) for a [kh, kw] kernel over `channels` input channels:
 * channel 0's numbers and weights, the central LENS_MAX_SIDE square of a larger kernel.
 */
export function convLens(e: ConvExplanation, kh: number, kw: number, channels: number): LensContent {
	const [r0, rows] = centre(kh);
	const [c0, cols] = centre(kw);
	const values: (number | null)[] = [];
	const weights: number[] = [];
	for (let i = 0; i < rows; i++) {
		for (let j = 0; j < cols; j++) {
			const tap = e.taps[((r0 + i) * kw + c0 + j) * channels];
			values.push(!tap || tap.padding ? null : tap.value);
			weights.push(tap?.weight ?? 0);
		}
	}
	const first = e.taps[(r0 * kw + c0) * channels];
	return { rows, cols, values, weights, top: first?.row ?? 0, left: first?.col ?? 0, full: [kh, kw], channel: 0, channels };
}

/**
 * The lens of an input cell (row, col) of a [h, w, c] input: the kernel-sized patch centred on it
 * (cells `dilation` apart), channel 0, with the kernel `weights` [kh][kw] over it (null: pooling).
 */
export function inputLens(input: Tensor, row: number, col: number, size: [number, number], dilation: [number, number], weights: number[][] | null): LensContent {
	const [h = 0, w = 0, channels = 1] = input.shape;
	const [kh, kw] = size;
	const [r0, rows] = centre(kh);
	const [c0, cols] = centre(kw);
	const top = row - Math.floor((kh - 1) / 2) * dilation[0] + r0 * dilation[0];
	const left = col - Math.floor((kw - 1) / 2) * dilation[1] + c0 * dilation[1];
	const values: (number | null)[] = [];
	const shown: number[] = [];
	for (let i = 0; i < rows; i++) {
		for (let j = 0; j < cols; j++) {
			const y = top + i * dilation[0];
			const x = left + j * dilation[1];
			values.push(y < 0 || x < 0 || y >= h || x >= w ? null : (input.data[(y * w + x) * channels] ?? 0));
			shown.push(weights?.[r0 + i]?.[c0 + j] ?? 0);
		}
	}
	return { rows, cols, values, weights: weights ? shown : null, top, left, full: [kh, kw], channel: 0, channels };
}

/** The lens of a pooling window: `rowsAt` x `colsAt` input cells (padding outside [h, w]) of channel 0, the winner marked. */
export function windowLens(input: Tensor, rowsAt: readonly number[], colsAt: readonly number[], winner?: { row: number; col: number }): LensContent {
	const [h = 0, w = 0, channels = 1] = input.shape;
	const [r0, rows] = centre(rowsAt.length);
	const [c0, cols] = centre(colsAt.length);
	const values: (number | null)[] = [];
	let win: number | undefined;
	for (let i = 0; i < rows; i++) {
		for (let j = 0; j < cols; j++) {
			const y = rowsAt[r0 + i] ?? -1;
			const x = colsAt[c0 + j] ?? -1;
			if (winner && winner.row === y && winner.col === x) win = values.length;
			values.push(y < 0 || x < 0 || y >= h || x >= w ? null : (input.data[(y * w + x) * channels] ?? 0));
		}
	}
	const content: LensContent = { rows, cols, values, weights: null, top: rowsAt[r0] ?? 0, left: colsAt[c0] ?? 0, full: [rowsAt.length, colsAt.length], channel: 0, channels };
	if (win !== undefined) content.winner = win;
	return content;
}

/**
 * The lens element of one view: a small panel moved into the map figure of the hovered cell and
 * placed just below (or above, in the lower half) that cell. Holds no listeners of its own.
 */
export class Lens {
	readonly el: HTMLElement;

	constructor(parent: HTMLElement) {
		this.el = parent.createDiv({ cls: 'cnn-lens', attr: { 'aria-live': 'polite', 'data-role': 'lens' } });
		this.el.hide();
	}

	/** Shows `content` next to cell (row, col) of the map whose figure is `figure` (a map view's element). */
	show(figure: HTMLElement, row: number, col: number, content: LensContent): void {
		const el = this.el;
		if (el.parentElement !== figure) {
			el.parentElement?.removeClass('has-lens');
			figure.appendChild(el);
			figure.addClass('has-lens');
		}
		el.empty();
		el.show();
		el.setAttrs({ 'data-top': content.top, 'data-left': content.left, 'data-rows': content.rows, 'data-cols': content.cols });
		const [fh, fw] = content.full;
		const cut = fh > content.rows || fw > content.cols;
		el.createDiv({
			cls: 'cnn-lens-title',
			text: t(cut ? (content.weights ? 'widget.lens.titleCentre' : 'widget.lens.titleCentreWindow') : 'widget.lens.title', {
				// Rows and columns counted from 1, as every explanation of the widget counts them.
				top: content.top + 1,
				left: content.left + 1,
				shown: `${content.rows}x${content.cols}`,
				full: `${fh}x${fw}`,
			}),
		});
		const body = el.createDiv({ cls: 'cnn-lens-body' });
		this.grid(body, t('widget.lens.patch'), 'patch', content, content.values);
		if (content.weights) this.grid(body, t('widget.lens.kernel'), 'kernel', content, content.weights);
		if (content.channels > 1) el.createDiv({ cls: 'cnn-lens-note', text: t('widget.lens.channel', { channel: content.channel + 1, channels: content.channels }) });
		this.place(figure, row, col);
	}

	/** Hides the lens. */
	hide(): void {
		this.el.hide();
	}

	private grid(parent: HTMLElement, title: string, kind: 'patch' | 'kernel', content: LensContent, numbers: readonly (number | null)[]): void {
		const box = parent.createDiv({ cls: `cnn-lens-part cnn-lens-${kind}` });
		box.createDiv({ cls: 'cnn-lens-label', text: title });
		const grid = box.createDiv({ cls: 'cnn-lens-grid', attr: { 'data-kind': kind } });
		grid.setCssProps({ '--cnn-lens-cols': String(content.cols) });
		numbers.forEach((v, i) => {
			const cell = grid.createSpan({ cls: 'cnn-lens-cell', text: v === null ? '·' : formatNumber(v) });
			cell.setAttrs({ 'data-row': Math.floor(i / content.cols), 'data-col': i % content.cols });
			// Checks read the numbers from data-value; a cell on padding has none (it reads nothing).
			if (v === null) cell.addClass('is-padding');
			else cell.setAttr('data-value', String(v));
			if (i === content.winner) cell.addClass('is-winner');
		});
	}

	/** Puts the lens just below the cell, or above it when the cell is in the lower half of the map. */
	private place(figure: HTMLElement, row: number, col: number): void {
		const box = figure.getBoundingClientRect();
		const canvas = figure.querySelector('canvas');
		let cellTop = 0;
		let cellBottom = 0;
		// The map's own top and height (the canvas or grid, not the label above it), for "lower half".
		let mapTop = 0;
		let mapHeight = 0;
		if (canvas) {
			const r = canvas.getBoundingClientRect();
			const cellH = r.height / Math.max(1, canvas.height);
			mapTop = r.top - box.top;
			cellTop = mapTop + row * cellH;
			cellBottom = cellTop + cellH;
			mapHeight = r.height;
		} else {
			const cell = figure.querySelector(`[data-row="${row}"][data-col="${col}"]`);
			const r = cell?.getBoundingClientRect();
			if (r) {
				cellTop = r.top - box.top;
				cellBottom = r.bottom - box.top;
			}
			mapHeight = box.height;
		}
		const above = cellTop - mapTop > mapHeight / 2;
		// A map in the right half of its block opens the lens leftwards, so it stays inside the block.
		const block = figure.closest('.cnn-notes')?.getBoundingClientRect();
		this.el.toggleClass('is-right', !!block && box.left + box.width / 2 > block.left + block.width / 2);
		this.el.toggleClass('is-above', above);
		this.el.setCssProps({ '--cnn-lens-y': `${Math.round(above ? cellTop : cellBottom)}px` });
	}
}

/** The lens shared by a view's maps, with the owner's lifetime: removed when the owner unloads. */
export function createLens(owner: Component, parent: HTMLElement): Lens {
	const lens = new Lens(parent);
	owner.register(() => {
		lens.el.parentElement?.removeClass('has-lens');
		lens.el.detach();
	});
	return lens;
}
