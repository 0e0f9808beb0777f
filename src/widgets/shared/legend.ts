/** A colour legend: the scale as a gradient bar with its minimum, maximum and (diverging) zero written under it. */
import { t } from '../../i18n';
import { cssGradient, type ScaleChoice } from './colormap';
import { formatNumber } from './format';

/** A legend element that can be updated in place when the scale or range changes. */
export class ColorLegend {
	/** The root element. */
	readonly el: HTMLElement;
	private readonly bar: HTMLElement;
	private readonly min: HTMLElement;
	private readonly zero: HTMLElement;
	private readonly max: HTMLElement;
	private kind: ScaleChoice['kind'] | null = null;

	/** Creates the legend inside `parent`, showing `choice` (scale kind and value range in data units). */
	constructor(parent: HTMLElement, choice: ScaleChoice) {
		this.el = parent.createDiv({ cls: 'cnn-legend', attr: { role: 'img' } });
		this.bar = this.el.createDiv({ cls: 'cnn-legend-bar' });
		const ticks = this.el.createDiv({ cls: 'cnn-legend-ticks', attr: { 'aria-hidden': 'true' } });
		this.min = ticks.createSpan({ cls: 'cnn-legend-min' });
		this.zero = ticks.createSpan({ cls: 'cnn-legend-zero', text: '0' });
		this.max = ticks.createSpan({ cls: 'cnn-legend-max' });
		this.update(choice);
	}

	/** Shows another scale or range: min and max with formatNumber, and 0 in the middle for a diverging scale. */
	update(choice: ScaleChoice): void {
		if (choice.kind !== this.kind) {
			this.kind = choice.kind;
			this.bar.setCssProps({ '--cnn-legend-gradient': cssGradient(choice.kind) });
		}
		const min = formatNumber(choice.range.min);
		const max = formatNumber(choice.range.max);
		this.min.setText(min);
		this.max.setText(max);
		this.zero.toggleClass('is-hidden', choice.kind !== 'diverging');
		this.el.setAttr('aria-label', t('widget.legend.label', { min, max }));
	}
}

/**
 * The key of the number grids' colours (MatrixGrid): blue for positive values, red for negative
 * ones, the stronger the further from 0 (relative to the largest magnitude of each grid). One
 * compact line, `.cnn-grid-legend`, with a swatch per sign.
 */
export function renderGridLegend(parent: HTMLElement): HTMLElement {
	const el = parent.createDiv({ cls: 'cnn-grid-legend' });
	el.createSpan({ cls: 'cnn-grid-legend-title', text: t('widget.gridLegend.title') });
	const sign = (cls: string, text: string): void => {
		const item = el.createSpan({ cls: 'cnn-grid-legend-item' });
		item.createSpan({ cls: `cnn-grid-legend-swatch ${cls}`, attr: { 'aria-hidden': 'true' } });
		item.appendText(text);
	};
	sign('is-positive', t('widget.gridLegend.positive'));
	sign('is-negative', t('widget.gridLegend.negative'));
	el.createSpan({ cls: 'cnn-grid-legend-strength', text: t('widget.gridLegend.strength') });
	return el;
}
