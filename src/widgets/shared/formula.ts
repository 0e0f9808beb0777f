import { finishRenderMath, loadMathJax, renderMath } from 'obsidian';
import type { FormulaAxis } from '../../cnn';
import { t } from '../../i18n';

/** The padding term of a formula: `2p` when both sides are equal, `p_1 + p_2` otherwise, with numbers. */
function padTerms(before: number, after: number): { symbol: string; value: string; total: number } {
	if (before === after) return { symbol: '2p', value: `2 \\cdot ${before}`, total: 2 * before };
	return { symbol: 'p_1 + p_2', value: `${before} + ${after}`, total: before + after };
}

/** Output size (cells) of a convolution axis: floor((i + p1 + p2 - k - (k-1)(d-1)) / s) + 1. */
export function convSize(a: FormulaAxis): number {
	return Math.floor((a.size + a.before + a.after - a.kernel - (a.kernel - 1) * (a.dilation - 1)) / a.stride) + 1;
}

/** Output size (cells) of a transposed convolution axis: (i - 1) s - p1 - p2 + (k - 1) d + 1. */
export function transposeSize(a: FormulaAxis): number {
	return (a.size - 1) * a.stride - a.before - a.after + (a.kernel - 1) * a.dilation + 1;
}

/** TeX of the convolution (or, without the dilation term, pooling) output-size formula with this axis's numbers plugged in. */
export function convFormulaTex(a: FormulaAxis, withDilation = true): string {
	const pad = padTerms(a.before, a.after);
	const dilSymbol = withDilation ? ' - (k - 1)(d - 1)' : '';
	const dil = withDilation ? ` - (${a.kernel} - 1)(${a.dilation} - 1)` : '';
	return (
		`o = \\left\\lfloor \\frac{i + ${pad.symbol} - k${dilSymbol}}{s} \\right\\rfloor + 1` +
		` = \\left\\lfloor \\frac{${a.size} + ${pad.value} - ${a.kernel}${dil}}{${a.stride}} \\right\\rfloor + 1 = ${convSize(a)}`
	);
}

/** TeX of the transposed-convolution output-size formula with this axis's numbers plugged in. */
export function transposeFormulaTex(a: FormulaAxis): string {
	const pad = padTerms(a.before, a.after);
	// A dilated kernel spans (k - 1) d + 1 cells; without dilation that is just k.
	const k = a.dilation > 1 ? ['(k - 1)\\,d + 1', `(${a.kernel} - 1) \\cdot ${a.dilation} + 1`] : ['k', String(a.kernel)];
	return `o = (i - 1)\\,s - (${pad.symbol}) + ${k[0]} = (${a.size} - 1) \\cdot ${a.stride} - (${pad.value}) + ${k[1]} = ${transposeSize(a)}`;
}

/** Which formulas: a convolution's (with the way back), a transposed convolution's (with the way back), or a pooling's. */
export type FormulaKind = 'conv' | 'transposed' | 'pool';

/**
 * Renders the output-size formulas of both axes (one line when they are the same) for a
 * convolution, a transposed convolution or a pooling; for the first two, also the formula of the
 * other direction applied to the result, so a student sees how the two undo each other's shape.
 * Each formula shows as TeX text until Obsidian's MathJax is loaded, then as typeset math.
 */
export function renderSizeFormulas(parent: HTMLElement, rows: FormulaAxis, cols: FormulaAxis, kind: FormulaKind): HTMLElement {
	const transposed = kind === 'transposed';
	const box = parent.createDiv({ cls: 'cnn-formula' });
	box.createDiv({ cls: 'cnn-formula-title', text: t('widget.formula.title') });
	const same = JSON.stringify(rows) === JSON.stringify(cols);
	const axes: [string, FormulaAxis][] = same
		? [[t('widget.formula.both'), rows]]
		: [
				[t('widget.formula.rows'), rows],
				[t('widget.formula.cols'), cols],
			];
	const lines = (tex: (a: FormulaAxis) => string): void => {
		for (const [label, axis] of axes) {
			const line = box.createDiv({ cls: 'cnn-formula-line' });
			line.createSpan({ cls: 'cnn-formula-label', text: `${label}: ` });
			renderTex(line, tex(axis), false);
		}
	};
	lines(transposed ? transposeFormulaTex : (a) => convFormulaTex(a, kind === 'conv'));
	if (kind !== 'pool') {
		box.createDiv({ cls: 'cnn-formula-note', text: t(transposed ? 'widget.formula.forward' : 'widget.formula.back') });
		const resultOf = transposed ? transposeSize : convSize;
		const backward = transposed ? (a: FormulaAxis) => convFormulaTex(a) : transposeFormulaTex;
		lines((a) => backward({ ...a, size: resultOf(a) }));
	}
	return box;
}

/**
 * Shows TeX in `parent`: as its source text at once (`span.cnn-formula-tex`), replaced by typeset
 * math once Obsidian's MathJax is loaded (loadMathJax); without MathJax the text stays, still readable.
 */
export function renderTex(parent: HTMLElement, source: string, display: boolean): HTMLElement {
	const placeholder = parent.createSpan({ cls: 'cnn-formula-tex', text: source });
	void loadMathJax()
		.then(() => {
			placeholder.replaceWith(renderMath(source, display));
			return finishRenderMath();
		})
		.catch(() => {
			// Without MathJax the TeX text stays: still readable.
		});
	return placeholder;
}
