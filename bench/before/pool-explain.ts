// Frozen copy of src/widgets/pool/pool-explain.ts as it was at commit ac68844, before explanations had budgets:
// the reference ("before") column of bench/hover.bench.ts, built on today's shared modules. Not used
// by the plugin; do not edit (delete it together with that reference).
import type { PoolExplanation } from '../../src/cnn';
import { t } from '../../src/i18n';
import { formatNumber } from '../../src/widgets/shared/format';

const CHANNEL_NAMES = ['R', 'G', 'B'];

/**
 * The arithmetic of one pooled cell as text: `max(1, 3, 5, 6) = 6`, `min(...) = 1` or
 * `(1 + 3 + 5 + 6) / 4 = 3.75`; padded cells never count and are left out.
 */
export function poolArithmetic(type: 'max' | 'avg' | 'min', e: PoolExplanation): string {
	const values = e.window.filter((c) => !c.padding).map((c) => formatNumber(c.value));
	if (type === 'avg') return `(${values.join(' + ')}) / ${values.length} = ${formatNumber(e.output)}`;
	return `${type}(${values.join(', ')}) = ${formatNumber(e.output)}`;
}

/** Writes the explanation of a pooled cell (one line per channel explained) under a title, into `el` (emptied first). */
export function renderPoolExplanation(el: HTMLElement, title: string, type: 'max' | 'avg' | 'min', explanations: readonly PoolExplanation[]): void {
	el.empty();
	el.createDiv({ cls: 'cnn-explain-title', text: title });
	explanations.forEach((e, i) => {
		const line = el.createDiv({ cls: 'cnn-explain-sum' });
		if (explanations.length > 1) line.createSpan({ cls: 'cnn-explain-channel', text: `${CHANNEL_NAMES[i] ?? i + 1}: ` });
		const text = poolArithmetic(type, e);
		const eq = text.lastIndexOf(' = ');
		line.appendText(text.slice(0, eq + 3));
		line.createSpan({ cls: 'cnn-explain-result', text: text.slice(eq + 3) });
	});
	const padded = explanations[0]?.window.filter((c) => c.padding).length ?? 0;
	if (padded > 0) el.createDiv({ cls: 'cnn-note', text: t('widget.pool.paddingNote', { count: padded }) });
	if (type !== 'avg' && explanations.length === 1) el.createDiv({ cls: 'cnn-note', text: t('widget.pool.winnerNote') });
}
