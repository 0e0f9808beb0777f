/**
 * The classifier's answer: the prediction, the softmax probabilities as a bar chart (winner
 * highlighted), and "how softmax works" with the logits, their exponentials and the normalisation
 * written out for the top classes.
 */
import { t } from '../../i18n';
import type { Prediction } from '../../model/engine/classifier';
import { formatNumber } from '../shared/format';
import { renderTex } from '../shared/formula';

/** How many classes the softmax explanation writes out. */
const TOP = 3;

/** A probability as a percentage with one decimal, e.g. `98.1%`. */
export function formatPercent(p: number): string {
	return `${(p * 100).toFixed(1)}%`;
}

/** A positive number of any size with 4 significant digits: `3360`, `0.1353`, `4.85e+8`. */
export function formatSignificant(v: number): string {
	if (v === 0) return '0';
	if (!Number.isFinite(v)) return String(v);
	const abs = Math.abs(v);
	if (abs >= 1e6 || abs < 1e-3) return v.toExponential(2);
	return String(Number(v.toPrecision(4)));
}

/** Class indices sorted by probability, highest first. */
export function ranking(probabilities: Float32Array): number[] {
	return Array.from(probabilities.keys()).sort((a, b) => (probabilities[b] ?? 0) - (probabilities[a] ?? 0));
}

/** Prediction headline and one bar per class. */
export class ProbabilityChart {
	readonly el: HTMLElement;
	private readonly headline: HTMLElement;
	private readonly rows: { row: HTMLElement; fill: HTMLElement; value: HTMLElement }[] = [];

	constructor(parent: HTMLElement, classes: number) {
		this.el = parent.createDiv({ cls: 'cnn-classify-probs' });
		this.el.createDiv({ cls: 'cnn-figure-label', text: t('classify.probs.title') });
		this.headline = this.el.createDiv({ cls: 'cnn-classify-prediction', attr: { 'aria-live': 'polite' }, text: t('classify.prediction.none') });
		const list = this.el.createDiv({ cls: 'cnn-classify-bars', attr: { role: 'list' } });
		for (let k = 0; k < classes; k++) {
			const row = list.createDiv({ cls: 'cnn-classify-bar-row', attr: { role: 'listitem', 'data-label': k } });
			row.createSpan({ cls: 'cnn-classify-bar-label', text: String(k) });
			const fill = row.createDiv({ cls: 'cnn-classify-bar-track' }).createDiv({ cls: 'cnn-classify-bar-fill' });
			const value = row.createSpan({ cls: 'cnn-classify-bar-value', text: '' });
			this.rows.push({ row, fill, value });
		}
	}

	/** Shows a prediction, or the empty state for null (nothing drawn). */
	update(prediction: Prediction | null): void {
		this.el.toggleClass('is-empty', prediction === null);
		if (prediction === null) {
			this.headline.setText(t('classify.prediction.none'));
			this.headline.removeAttribute('data-label');
			for (const r of this.rows) {
				r.fill.setCssProps({ '--cnn-bar': '0' });
				r.value.setText('');
				r.row.removeClass('is-winner');
			}
			return;
		}
		const { probabilities, label } = prediction;
		this.headline.setText(t('classify.prediction', { label, percent: formatPercent(probabilities[label] ?? 0) }));
		this.headline.setAttr('data-label', label);
		this.rows.forEach((r, k) => {
			const p = probabilities[k] ?? 0;
			r.fill.setCssProps({ '--cnn-bar': p.toFixed(4) });
			r.value.setText(formatPercent(p));
			r.row.toggleClass('is-winner', k === label);
		});
	}
}

/** The softmax written out: formula, a table of logits and exponentials for the top classes, the winner's division. */
export class SoftmaxView {
	readonly el: HTMLElement;
	private readonly body: HTMLElement;
	private readonly sum: HTMLElement;
	private readonly winner: HTMLElement;
	private readonly cells: HTMLElement[][] = [];
	private readonly rest: HTMLElement[];

	constructor(parent: HTMLElement, classes: number) {
		this.el = parent.createDiv({ cls: 'cnn-classify-softmax' });
		this.el.createDiv({ cls: 'cnn-figure-label', text: t('classify.softmax.title') });
		this.el.createDiv({ cls: 'cnn-caption', text: t('classify.softmax.intro', { classes }) });
		const formula = this.el.createDiv({ cls: 'cnn-classify-formula' });
		renderTex(formula, `p_k = \\frac{e^{z_k}}{\\sum_{j=0}^{${classes - 1}} e^{z_j}}`, true);
		const table = this.el.createEl('table', { cls: 'cnn-classify-softmax-table' });
		const head = table.createEl('thead').createEl('tr');
		for (const key of ['classify.softmax.class', 'classify.softmax.logit', 'classify.softmax.exp', 'classify.softmax.share'] as const) {
			head.createEl('th', { text: t(key) });
		}
		this.body = table.createEl('tbody');
		for (let r = 0; r < Math.min(TOP, classes); r++) {
			const tr = this.body.createEl('tr', { cls: 'cnn-classify-softmax-row' });
			this.cells.push([0, 1, 2, 3].map(() => tr.createEl('td')));
		}
		const restRow = this.body.createEl('tr', { cls: 'cnn-classify-softmax-rest' });
		this.rest = [0, 1, 2, 3].map(() => restRow.createEl('td'));
		const foot = table.createEl('tfoot').createEl('tr');
		foot.createEl('td', { text: t('classify.softmax.sum', { classes }) });
		foot.createEl('td');
		this.sum = foot.createEl('td');
		foot.createEl('td', { text: '1' });
		this.winner = this.el.createDiv({ cls: 'cnn-classify-softmax-winner' });
	}

	/** Writes out the softmax of a prediction; null clears the numbers. */
	update(prediction: Prediction | null): void {
		this.el.toggleClass('is-empty', prediction === null);
		if (prediction === null) {
			for (const row of [...this.cells, this.rest]) for (const c of row) c.setText('');
			this.sum.setText('');
			this.winner.setText('');
			return;
		}
		const { logits, probabilities } = prediction;
		const order = ranking(probabilities);
		const exps = Array.from(logits, (z) => Math.exp(z));
		const total = exps.reduce((a, b) => a + b, 0);
		this.cells.forEach((row, r) => {
			const k = order[r] ?? 0;
			const [label, logit, exp, share] = row;
			label?.setText(String(k));
			logit?.setText(formatNumber(logits[k] ?? 0));
			exp?.setText(formatSignificant(exps[k] ?? 0));
			share?.setText(formatPercent((exps[k] ?? 0) / total));
		});
		const others = order.slice(this.cells.length);
		const restExp = others.reduce((s, k) => s + (exps[k] ?? 0), 0);
		const [label, , exp, share] = this.rest;
		label?.setText(t('classify.softmax.others', { count: others.length }));
		exp?.setText(formatSignificant(restExp));
		share?.setText(formatPercent(restExp / total));
		this.sum.setText(formatSignificant(total));
		const k = order[0] ?? 0;
		this.winner.setText(
			t('classify.softmax.winner', {
				label: k,
				logit: formatNumber(logits[k] ?? 0),
				exp: formatSignificant(exps[k] ?? 0),
				sum: formatSignificant(total),
				p: formatSignificant(exps[k] === undefined ? 0 : exps[k] / total),
			}),
		);
	}
}
