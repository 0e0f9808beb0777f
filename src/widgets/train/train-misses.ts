/**
 * The held-out pictures an epoch classified wrongly: each drawn small as the network sees it (from
 * the host's trainInspect: pixels 0..1 and the class probabilities now), its true and predicted
 * class under it; choosing one (click, Enter or Space: they are buttons) shows its probabilities
 * as the classify widget's bar chart.
 */
import { Component } from 'obsidian';
import { t } from '../../i18n';
import type { Prediction } from '../../model/engine/classifier';
import type { TrainInspection } from '../../model/host/protocol';
import { resample } from '../../model/prepare-input';
import { HeatCanvas } from '../classify/classify-paint';
import { ProbabilityChart } from '../classify/classify-probs';
import { listen } from '../shared/guard';

/** A misclassified held-out picture: its index in the data, true and predicted class. */
export interface Miss {
	index: number;
	truth: number;
	predicted: number;
}

/** Largest side of a drawn picture (pixels). */
const THUMB = 40;

/** The strip of misclassified pictures and the probability chart of the chosen one. */
export class MissesView {
	readonly el: HTMLElement;
	/** Owns the listeners of the pictures shown now: replaced with them at every epoch. */
	private shown: Component | null = null;

	constructor(parent: HTMLElement, private readonly owner: Component, private readonly labels: readonly string[], private readonly input: readonly [number, number, number]) {
		this.el = parent.createDiv({ cls: 'cnn-train-misses' });
	}

	/** Shows `misses` with their pictures and probabilities (`inspection`, in the same order). */
	show(misses: readonly Miss[], inspection: TrainInspection): void {
		this.el.empty();
		if (this.shown) this.owner.removeChild(this.shown);
		const shown = this.owner.addChild(new Component());
		this.shown = shown;
		this.el.createDiv({ cls: 'cnn-figure-label', text: t('train.widget.misses.title') });
		if (misses.length === 0) {
			this.el.createDiv({ cls: 'cnn-caption', text: t('train.widget.misses.none') });
			return;
		}
		const [h, w, c] = this.input;
		const size = h * w * c;
		const classes = this.labels.length;
		const strip = this.el.createDiv({ cls: 'cnn-train-miss-strip' });
		const chart = new ProbabilityChart(this.el, this.labels, t('train.widget.misses.pick'));
		const buttons: HTMLButtonElement[] = [];
		misses.forEach((miss, i) => {
			const name = (k: number): string => this.labels[k] ?? String(k);
			const text = t('train.widget.misses.item', { truth: name(miss.truth), predicted: name(miss.predicted) });
			const button = strip.createEl('button', { cls: 'cnn-train-miss', attr: { type: 'button', 'aria-pressed': 'false', 'aria-label': text, title: text, 'data-action': 'miss', 'data-index': miss.index, 'data-truth': name(miss.truth), 'data-prediction': name(miss.predicted) } });
			const pixels = inspection.pixels.subarray(i * size, (i + 1) * size);
			const scale = Math.min(1, THUMB / Math.max(h, w));
			const th = Math.max(1, Math.round(h * scale));
			const tw = Math.max(1, Math.round(w * scale));
			const small = scale < 1 ? resample({ width: w, height: h, channels: c, data: pixels }, { x: 0, y: 0, w, h }, tw, th) : pixels;
			new HeatCanvas(button, th, tw, 'cnn-train-miss-canvas').paintPicture(small, c);
			button.createDiv({ cls: 'cnn-train-miss-caption', text: `${name(miss.truth)} → ${name(miss.predicted)}` });
			buttons.push(button);
			listen(shown, button, 'click', () => {
				const probabilities = inspection.probabilities.slice(i * classes, (i + 1) * classes);
				let label = 0;
				for (let k = 1; k < classes; k++) if ((probabilities[k] ?? 0) > (probabilities[label] ?? 0)) label = k;
				const prediction: Prediction = { input: pixels, activations: [], logits: new Float32Array(0), probabilities, label };
				chart.update(prediction);
				buttons.forEach((b, j) => {
					b.toggleClass('is-selected', j === i);
					b.setAttr('aria-pressed', j === i ? 'true' : 'false');
				});
			});
		});
	}
}
