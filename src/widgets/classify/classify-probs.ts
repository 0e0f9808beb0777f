/**
 * The classifier's answer: the prediction, the softmax probabilities as a bar chart (winner
 * highlighted), and "how softmax works" with the logits, their exponentials and the normalisation
 * written out for the top classes. The exponentials are taken of the logits minus the largest one
 * (as softmax is computed in practice), so they stay between 0 and 1 and read in plain notation.
 */
import { t } from '../../i18n';
import type { Prediction } from '../../model/engine/classifier';
import { renderTex } from '../shared/formula';
import { formatPercent, formatPlain, formatScore, formatSum, labelWidth } from './classify-format';

/** How many classes the softmax explanation writes out. */
const TOP = 3;

/** Class indices sorted by probability, highest first. */
export function ranking(probabilities: Float32Array): number[] {
	return Array.from(probabilities.keys()).sort((a, b) => (probabilities[b] ?? 0) - (probabilities[a] ?? 0));
}

/** Most classes the chart shows as bars; a model with more shows its top CHART_TOP of each prediction. */
export const CHART_ALL = 20;
/** How many of the best classes the chart shows for a model with more than CHART_ALL classes. */
export const CHART_TOP = 10;

/** Prediction headline and one bar per class (the best CHART_TOP when the model has many classes). */
export class ProbabilityChart {
	readonly el: HTMLElement;
	private readonly headline: HTMLElement;
	private readonly rows: { row: HTMLElement; label: HTMLElement; fill: HTMLElement; value: HTMLElement }[] = [];
	/** Rows follow the ranking (many classes) instead of the class order. */
	private readonly ranked: boolean;

	constructor(parent: HTMLElement, private readonly labels: readonly string[], private readonly emptyText = t('classify.prediction.none')) {
		this.el = parent.createDiv({ cls: 'cnn-classify-probs' });
		this.el.createDiv({ cls: 'cnn-figure-label', text: t('classify.probs.title') });
		this.headline = this.el.createDiv({ cls: 'cnn-classify-prediction', attr: { 'aria-live': 'polite' }, text: emptyText });
		this.ranked = labels.length > CHART_ALL;
		const list = this.el.createDiv({ cls: 'cnn-classify-bars', attr: { role: 'list' } });
		list.setCssProps({ '--cnn-label-width': labelWidth(labels) });
		const count = this.ranked ? CHART_TOP : labels.length;
		for (let k = 0; k < count; k++) {
			const row = list.createDiv({ cls: 'cnn-classify-bar-row', attr: { role: 'listitem', 'data-label': this.ranked ? '' : labels[k] ?? String(k) } });
			const label = row.createSpan({ cls: 'cnn-classify-bar-label', text: this.ranked ? '' : labels[k] ?? String(k) });
			const fill = row.createDiv({ cls: 'cnn-classify-bar-track' }).createDiv({ cls: 'cnn-classify-bar-fill' });
			const value = row.createSpan({ cls: 'cnn-classify-bar-value', text: '' });
			this.rows.push({ row, label, fill, value });
		}
		if (this.ranked) this.el.createDiv({ cls: 'cnn-caption cnn-classify-bars-more', text: t('classify.probs.top', { shown: CHART_TOP, classes: labels.length }) });
	}

	/** The name of class k. */
	private name(k: number): string {
		return this.labels[k] ?? String(k);
	}

	/** Shows a prediction, or the empty state for null (nothing drawn). */
	update(prediction: Prediction | null): void {
		this.el.toggleClass('is-empty', prediction === null);
		if (prediction === null) {
			this.headline.setText(this.emptyText);
			this.headline.removeAttribute('data-label');
			for (const r of this.rows) {
				r.fill.setCssProps({ '--cnn-bar': '0' });
				r.value.setText('');
				r.row.removeClass('is-winner');
			}
			return;
		}
		const { probabilities, label } = prediction;
		this.headline.setText(t('classify.prediction', { label: this.name(label), percent: formatPercent(probabilities[label] ?? 0) }));
		this.headline.setAttr('data-label', this.name(label));
		const order = this.ranked ? ranking(probabilities) : null;
		this.rows.forEach((r, i) => {
			const k = order ? order[i] ?? 0 : i;
			const p = probabilities[k] ?? 0;
			if (order) {
				r.label.setText(this.name(k));
				r.row.setAttr('data-label', this.name(k));
			}
			r.fill.setCssProps({ '--cnn-bar': p.toFixed(4) });
			r.value.setText(formatPercent(p));
			r.row.toggleClass('is-winner', k === label);
		});
	}
}

/** The numbers of the softmax table, built on the first prediction (an empty state has no table of nothing). */
interface SoftmaxNumbers {
	box: HTMLElement;
	shift: HTMLElement;
	cells: HTMLElement[][];
	rest: HTMLElement[];
	sum: HTMLElement;
	winner: HTMLElement;
}

/**
 * The softmax written out: the formula (with the shift by the largest logit m), then, once there is
 * a prediction, a table of logits, z − m, e^(z − m) and probabilities for the top classes, the
 * other classes together, the sum, and the winner's division.
 */
export class SoftmaxView {
	readonly el: HTMLElement;
	private numbers: SoftmaxNumbers | null = null;

	private readonly classes: number;

	/** `softmax` says where the model's probabilities come from (see ModelSummary.softmax): the intro explains the scores accordingly. */
	constructor(parent: HTMLElement, private readonly labels: readonly string[], softmax: 'layer' | 'folded' | 'none' = 'layer') {
		const classes = labels.length;
		this.classes = classes;
		this.el = parent.createDiv({ cls: 'cnn-classify-softmax is-empty' });
		this.el.createDiv({ cls: 'cnn-figure-label', text: t('classify.softmax.title') });
		const intro = softmax === 'folded' ? 'classify.softmax.introFolded' : softmax === 'none' ? 'classify.softmax.introLogits' : 'classify.softmax.intro';
		this.el.createDiv({ cls: 'cnn-caption cnn-classify-softmax-intro', attr: { 'data-softmax': softmax }, text: t(intro, { classes }) });
		const formula = this.el.createDiv({ cls: 'cnn-classify-formula' });
		const last = classes - 1;
		renderTex(formula, `p_k = \\frac{e^{z_k}}{\\sum_{j=0}^{${last}} e^{z_j}} = \\frac{e^{z_k - m}}{\\sum_{j=0}^{${last}} e^{z_j - m}}`, true);
	}

	/** The table and lines that hold the numbers. */
	private build(): SoftmaxNumbers {
		const box = this.el.createDiv({ cls: 'cnn-classify-softmax-numbers' });
		const shift = box.createDiv({ cls: 'cnn-caption cnn-classify-softmax-shift' });
		const scroller = box.createDiv({ cls: 'cnn-classify-softmax-scroll' });
		const table = scroller.createEl('table', { cls: 'cnn-classify-softmax-table' });
		const head = table.createEl('thead').createEl('tr');
		for (const key of ['classify.softmax.class', 'classify.softmax.logit', 'classify.softmax.shifted', 'classify.softmax.exp', 'classify.softmax.share'] as const) {
			head.createEl('th', { text: t(key) });
		}
		const body = table.createEl('tbody');
		const cells: HTMLElement[][] = [];
		for (let r = 0; r < Math.min(TOP, this.classes); r++) {
			const tr = body.createEl('tr', { cls: 'cnn-classify-softmax-row' });
			cells.push([0, 1, 2, 3, 4].map(() => tr.createEl('td')));
		}
		const restRow = body.createEl('tr', { cls: 'cnn-classify-softmax-rest' });
		const rest = [0, 1, 2, 3, 4].map(() => restRow.createEl('td'));
		const foot = table.createEl('tfoot').createEl('tr');
		foot.createEl('td', { text: t('classify.softmax.sum', { classes: this.classes }) });
		foot.createEl('td');
		foot.createEl('td');
		const sum = foot.createEl('td');
		foot.createEl('td', { text: '100 %' });
		const winner = box.createDiv({ cls: 'cnn-classify-softmax-winner' });
		return { box, shift, cells, rest, sum, winner };
	}

	/** Writes out the softmax of a prediction; null (nothing to classify) hides the numbers. */
	update(prediction: Prediction | null): void {
		this.el.toggleClass('is-empty', prediction === null);
		if (prediction === null) {
			this.numbers?.box.addClass('is-hidden');
			return;
		}
		const n = (this.numbers ??= this.build());
		n.box.removeClass('is-hidden');
		const { logits, probabilities } = prediction;
		const order = ranking(probabilities);
		const m = Math.max(...Array.from(logits));
		const exps = Array.from(logits, (z) => Math.exp(z - m));
		const total = exps.reduce((a, b) => a + b, 0);
		n.shift.setText(t('classify.softmax.shift', { max: formatScore(m) }));
		n.cells.forEach((row, r) => {
			const k = order[r] ?? 0;
			const [label, logit, shifted, exp, share] = row;
			label?.setText(this.labels[k] ?? String(k));
			logit?.setText(formatScore(logits[k] ?? 0));
			shifted?.setText(formatScore((logits[k] ?? 0) - m));
			exp?.setText(formatPlain(exps[k] ?? 0));
			share?.setText(formatPercent((exps[k] ?? 0) / total));
		});
		const others = order.slice(n.cells.length);
		const restExp = others.reduce((s, k) => s + (exps[k] ?? 0), 0);
		const [label, , , exp, share] = n.rest;
		n.rest[0]?.parentElement?.toggleClass('is-hidden', others.length === 0);
		label?.setText(t('classify.softmax.others', { count: others.length }));
		exp?.setText(formatPlain(restExp));
		share?.setText(formatPercent(restExp / total));
		n.sum.setText(formatSum(total));
		const k = order[0] ?? 0;
		n.winner.setText(
			t('classify.softmax.winner', {
				label: this.labels[k] ?? String(k),
				exp: formatPlain(exps[k] ?? 0),
				sum: formatSum(total),
				percent: formatPercent((exps[k] ?? 0) / total),
			}),
		);
	}
}
