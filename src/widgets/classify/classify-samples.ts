/**
 * The strip of held-out digits of `input: sample`: one button per digit, numbered from 1 in strip
 * order (`data-sample`, and its label: the number `sample:` takes); clicking one classifies it.
 */
import type { Component } from 'obsidian';
import { t } from '../../i18n';
import type { DigitSample } from '../../model/digits';
import { DIGIT_SIDE } from '../../model/preprocess';
import { HeatCanvas } from './classify-paint';
import { listen } from '../shared/guard';
import { isCoarsePointer } from '../shared/pointer';

/** A row of sample digits; the chosen one is marked (is-selected, aria-pressed). */
export class SampleStrip {
	readonly el: HTMLElement;
	private readonly buttons: HTMLButtonElement[] = [];

	constructor(parent: HTMLElement, owner: Component, samples: readonly DigitSample[], onPick: (sample: DigitSample, index: number) => void) {
		this.el = parent.createDiv({ cls: 'cnn-classify-samples' });
		this.el.createDiv({ cls: 'cnn-figure-label', text: t(isCoarsePointer(parent.doc) ? 'classify.samples.titleTouch' : 'classify.samples.title') });
		const strip = this.el.createDiv({ cls: 'cnn-classify-sample-strip' });
		samples.forEach((sample, i) => {
			const button = strip.createEl('button', {
				cls: 'cnn-classify-sample',
				attr: {
					type: 'button',
					'aria-pressed': 'false',
					'aria-label': t('classify.samples.item', { label: sample.label, number: i + 1, count: samples.length }),
					'data-label': sample.label,
					'data-sample': i + 1,
					'data-action': 'sample',
				},
			});
			new HeatCanvas(button, DIGIT_SIDE, DIGIT_SIDE, 'cnn-classify-digit').paint(sample.pixels, 1, 0, { kind: 'gray', range: { min: 0, max: 1 } });
			listen(owner, button, 'click', () => {
				this.select(i);
				onPick(sample, i);
			});
			this.buttons.push(button);
		});
	}

	/** Marks sample `index` as the chosen one. */
	select(index: number): void {
		this.buttons.forEach((b, i) => {
			b.toggleClass('is-selected', i === index);
			b.setAttr('aria-pressed', i === index ? 'true' : 'false');
		});
	}
}
