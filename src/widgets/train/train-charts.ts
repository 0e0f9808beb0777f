/**
 * The training's figures: a curve chart (training and validation series of one measure by epoch,
 * on a canvas in the theme's colours, read from CSS variables at each drawing, with axes, their
 * labels and a legend) and the confusion matrix of the held-out pictures (a table whose cells take
 * the sequential colour scale of colormap.ts by each true class's share).
 */
import { t } from '../../i18n';
import { lutColor, lutFor, LUT_SIZE } from '../shared/colormap';

/** A series: points [x in epochs (fractional for batches), y]. */
export type Series = [number, number][];

/** Both series of one measure. */
export interface CurveData {
	train: Series;
	validation: Series;
}

/** Most points a series keeps: past this every other point is dropped (the curve keeps its shape, the drawing stays cheap). */
export const MAX_POINTS = 400;

/** Adds a point to a series, thinning it past MAX_POINTS. */
export function addPoint(series: Series, x: number, y: number): void {
	if (!Number.isFinite(y)) return;
	series.push([x, y]);
	if (series.length > MAX_POINTS) {
		const kept = series.filter((_, i) => i % 2 === 1 || i === series.length - 1);
		series.splice(0, series.length, ...kept);
	}
}

/** Plot margins in CSS pixels: left, right, top, bottom. */
const MARGIN = [44, 10, 10, 30] as const;

/** The y-axis top for values up to `max`: 1 for accuracies, else a round number above the largest loss. */
function niceTop(max: number, accuracy: boolean): number {
	if (accuracy) return 1;
	if (!(max > 0)) return 1;
	const step = 10 ** Math.floor(Math.log10(max));
	return Math.ceil(max / step) * step;
}

/** A line chart of one measure (loss or accuracy) by epoch. */
export class CurveChart {
	readonly el: HTMLElement;
	private readonly canvas: HTMLCanvasElement;

	constructor(parent: HTMLElement, private readonly measure: 'loss' | 'accuracy') {
		this.el = parent.createDiv({ cls: 'cnn-train-chart', attr: { 'data-measure': measure } });
		this.el.createDiv({ cls: 'cnn-figure-label', text: t(measure === 'loss' ? 'train.widget.loss' : 'train.widget.accuracy') });
		this.canvas = this.el.createEl('canvas', { cls: 'cnn-train-canvas', attr: { role: 'img', width: 320, height: 160 } });
		const legend = this.el.createDiv({ cls: 'cnn-train-legend' });
		for (const [cls, key] of [['is-train', 'train.widget.legend.train'], ['is-validation', 'train.widget.legend.validation']] as const) {
			const item = legend.createSpan({ cls: 'cnn-train-legend-item' });
			item.createSpan({ cls: `cnn-train-swatch ${cls}` });
			item.appendText(t(key));
		}
	}

	/** Draws `data` up to `epochs` epochs on the x-axis (at least the last point's). */
	draw(data: CurveData, epochs: number): void {
		const last = (s: Series): string => {
			const y = s[s.length - 1]?.[1];
			return y === undefined ? '–' : this.measure === 'accuracy' ? `${(y * 100).toFixed(1)} %` : y.toFixed(3);
		};
		const name = t(this.measure === 'loss' ? 'train.widget.loss' : 'train.widget.accuracy');
		this.canvas.setAttr('aria-label', t('train.widget.curve.label', { name, train: last(data.train), validation: last(data.validation) }));
		const ctx = this.canvas.getContext('2d');
		if (!ctx) return;
		const css = getComputedStyle(this.el);
		const color = (name: string, fallback: string): string => css.getPropertyValue(name).trim() || fallback;
		const width = Math.max(200, Math.round(this.el.clientWidth || 320));
		const height = Math.round(Math.min(220, Math.max(140, width * 0.45)));
		const ratio = window.devicePixelRatio || 1;
		this.canvas.width = Math.round(width * ratio);
		this.canvas.height = Math.round(height * ratio);
		ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
		ctx.clearRect(0, 0, width, height);
		const [left, right, top, bottom] = MARGIN;
		const w = width - left - right;
		const h = height - top - bottom;
		const all = [...data.train, ...data.validation];
		const xMax = Math.max(1, epochs, ...all.map((p) => p[0]));
		const yMax = niceTop(Math.max(0, ...all.map((p) => p[1])), this.measure === 'accuracy');
		const px = (x: number): number => left + (x / xMax) * w;
		const py = (y: number): number => top + h - (Math.min(y, yMax) / yMax) * h;
		ctx.font = `11px ${color('--font-interface', 'sans-serif')}`;
		ctx.lineWidth = 1;
		ctx.strokeStyle = color('--cnn-train-grid', '#ccc');
		ctx.fillStyle = color('--cnn-train-axis', '#666');
		ctx.textAlign = 'right';
		ctx.textBaseline = 'middle';
		for (let k = 0; k <= 4; k++) {
			const y = (yMax * k) / 4;
			ctx.beginPath();
			ctx.moveTo(left, py(y));
			ctx.lineTo(left + w, py(y));
			ctx.stroke();
			ctx.fillText(this.measure === 'accuracy' ? `${Math.round(y * 100)} %` : String(Number(y.toPrecision(3))), left - 4, py(y));
		}
		ctx.textAlign = 'center';
		ctx.textBaseline = 'top';
		const step = Math.max(1, Math.ceil(xMax / 10));
		for (let x = 0; x <= xMax; x += step) ctx.fillText(String(x), px(x), top + h + 4);
		ctx.fillText(t('train.widget.axis.epoch'), left + w / 2, top + h + 16);
		for (const [series, variable] of [[data.train, '--cnn-train-train'], [data.validation, '--cnn-train-validation']] as const) {
			ctx.strokeStyle = color(variable, '#888');
			ctx.fillStyle = ctx.strokeStyle;
			ctx.lineWidth = 2;
			ctx.beginPath();
			series.forEach(([x, y], i) => (i === 0 ? ctx.moveTo(px(x), py(y)) : ctx.lineTo(px(x), py(y))));
			ctx.stroke();
			// Validation comes once an epoch: each point is marked, so a single epoch shows too.
			if (variable === '--cnn-train-validation') for (const [x, y] of series) ctx.fillRect(px(x) - 2.5, py(y) - 2.5, 5, 5);
		}
	}
}

/** Most classes the confusion matrix shows. */
export const MAX_MATRIX_CLASSES = 30;

/**
 * The confusion matrix of an epoch: `confusion` holds classes x classes counts (row = true class,
 * column = predicted), each cell coloured by its share of the row.
 */
export function renderConfusion(parent: HTMLElement, epoch: number, confusion: Int32Array, labels: readonly string[]): HTMLElement {
	parent.empty();
	const n = labels.length;
	parent.createDiv({ cls: 'cnn-figure-label', text: t('train.widget.confusion.title', { epoch }) });
	if (n > MAX_MATRIX_CLASSES || confusion.length !== n * n) {
		parent.createDiv({ cls: 'cnn-caption', text: t('train.widget.confusion.many', { count: n, max: MAX_MATRIX_CLASSES }) });
		return parent;
	}
	const table = parent.createDiv({ cls: 'cnn-train-scroll' }).createEl('table', { cls: 'cnn-train-confusion' });
	const head = table.createEl('thead');
	head.createEl('tr').createEl('th', { attr: { colspan: n + 2, scope: 'colgroup' }, text: t('train.widget.confusion.predicted') });
	const names = head.createEl('tr');
	names.createEl('th');
	names.createEl('th');
	for (const label of labels) names.createEl('th', { attr: { scope: 'col' }, text: label });
	const body = table.createEl('tbody');
	const lut = lutFor('sequential');
	for (let r = 0; r < n; r++) {
		const row = body.createEl('tr');
		if (r === 0) row.createEl('th', { cls: 'cnn-train-confusion-side', attr: { rowspan: n, scope: 'rowgroup' }, text: t('train.widget.confusion.true') });
		row.createEl('th', { attr: { scope: 'row' }, text: labels[r] ?? '' });
		let total = 0;
		for (let c = 0; c < n; c++) total += confusion[r * n + c] ?? 0;
		for (let c = 0; c < n; c++) {
			const count = confusion[r * n + c] ?? 0;
			const index = total > 0 ? Math.round((count / total) * (LUT_SIZE - 1)) : 0;
			const title = t('train.widget.confusion.cell', { count, truth: labels[r] ?? '', predicted: labels[c] ?? '' });
			const cell = row.createEl('td', { cls: r === c ? 'is-diagonal' : '', text: String(count), attr: { title, 'data-row': r, 'data-col': c, 'data-value': count } });
			cell.setCssProps({ '--cnn-train-cell': lutColor(lut, index) });
			// Viridis is dark at its low end and light at its high end: the number's colour follows.
			if (index > LUT_SIZE * 0.6) cell.addClass('is-light');
		}
	}
	parent.createDiv({ cls: 'cnn-caption', text: t('train.widget.confusion.note') });
	return parent;
}
