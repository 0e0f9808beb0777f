import type { Tensor } from '../cnn';
import { t } from '../i18n';
import { formatNumber } from './format';

/** What a grid shows: input, kernel or output values. */
export type GridRole = 'input' | 'kernel' | 'output';

/** Options of a number grid. */
export interface GridOptions {
	role: GridRole;
	/** Visible caption above the grid, e.g. "Input". */
	label: string;
	/** Which channel of the [h, w, c] tensor to show; default 0. */
	channel?: number;
}

/**
 * Draws one channel of an [h, w, c] tensor as a grid of numbers. Every cell carries
 * `data-row`, `data-col` (0-based) and `data-value` (the exact number); its shade comes from
 * the `--cnn-shade` custom property (0..1 of the channel's largest magnitude) and its sign
 * from a class, so colours stay in styles.css.
 */
export function renderMatrixGrid(parent: HTMLElement, values: Tensor, opts: GridOptions): HTMLElement {
	const [rows = 0, cols = 0, channels = 1] = values.shape;
	const channel = opts.channel ?? 0;
	const figure = parent.createDiv({ cls: 'cnn-figure' });
	figure.createDiv({ cls: 'cnn-figure-label', text: opts.label });
	const grid = figure.createDiv({
		cls: `cnn-grid cnn-grid-${opts.role}`,
		attr: { 'data-role': opts.role, role: 'grid', 'aria-label': t('widget.grid.label', { name: opts.label, rows, cols }) },
	});
	grid.setCssProps({ '--cnn-cols': String(cols) });
	let maxAbs = 0;
	for (let i = channel; i < values.data.length; i += channels) maxAbs = Math.max(maxAbs, Math.abs(values.data[i] ?? 0));
	for (let r = 0; r < rows; r++) {
		const rowEl = grid.createDiv({ cls: 'cnn-grid-row', attr: { role: 'row' } });
		for (let c = 0; c < cols; c++) {
			const value = values.data[(r * cols + c) * channels + channel] ?? 0;
			const text = formatNumber(value);
			const cell = rowEl.createDiv({
				cls: 'cnn-cell',
				text,
				attr: {
					role: 'gridcell',
					'data-row': r,
					'data-col': c,
					'data-value': String(value),
					'aria-label': t('widget.cell.label', { row: r + 1, col: c + 1, value: text }),
				},
			});
			if (value < 0) cell.addClass('is-negative');
			cell.setCssProps({ '--cnn-shade': maxAbs === 0 ? '0' : (Math.abs(value) / maxAbs).toFixed(3) });
		}
	}
	return figure;
}
