import { setLanguage } from '../../../harness/obsidian';
import { cssGradient } from '../../../src/widgets/shared/colormap';
import { ColorLegend } from '../../../src/widgets/shared/legend';

/** What a person reads under the bar: the visible tick labels, left to right. */
function ticks(legend: ColorLegend): string[] {
	return Array.from(legend.el.querySelectorAll('.cnn-legend-ticks span:not(.is-hidden)')).map((s) => s.textContent ?? '');
}

describe('ColorLegend', () => {
	afterEach(() => document.body.empty());

	it('sequential: a gradient bar with the minimum and maximum written under it', () => {
		const legend = new ColorLegend(document.body, { kind: 'sequential', range: { min: 0, max: 4.5678 } });
		expect(ticks(legend)).toEqual(['0', '4.57']);
		expect(legend.el.getAttribute('aria-label')).toBe('Color scale from 0 to 4.57');
		const bar = legend.el.querySelector('.cnn-legend-bar') as HTMLElement;
		expect(bar.style.getPropertyValue('--cnn-legend-gradient')).toBe(cssGradient('sequential'));
	});

	it('diverging: 0 in the middle', () => {
		const legend = new ColorLegend(document.body, { kind: 'diverging', range: { min: -3, max: 3 } });
		expect(ticks(legend)).toEqual(['-3', '0', '3']);
		expect(legend.el.querySelector('.cnn-legend-zero')?.hasClass('is-hidden')).toBe(false);
	});

	it('updates in place when the scale or range changes', () => {
		const legend = new ColorLegend(document.body, { kind: 'diverging', range: { min: -3, max: 3 } });
		const el = legend.el;
		legend.update({ kind: 'gray', range: { min: 0, max: 1 } });
		expect(legend.el).toBe(el);
		expect(ticks(legend)).toEqual(['0', '1']);
		const bar = legend.el.querySelector('.cnn-legend-bar') as HTMLElement;
		expect(bar.style.getPropertyValue('--cnn-legend-gradient')).toBe(cssGradient('gray'));
	});

	it('is labelled in Spanish', () => {
		setLanguage('es');
		const legend = new ColorLegend(document.body, { kind: 'sequential', range: { min: 0, max: 255 } });
		expect(legend.el.getAttribute('aria-label')).toBe('Escala de color de 0 a 255');
	});
});
