import type { PoolSummary } from '../../cnn';
import { t } from '../../i18n';
import { moreTerms, termsWritten } from '../shared/arithmetic';
import { formatNumber } from '../shared/format';

const CHANNEL_NAMES = ['R', 'G', 'B'];

/**
 * The arithmetic of one pooled cell as text: `max(1, 3, 5, 6) = 6`, `min(...) = 1` or
 * `(1 + 3 + 5 + 6) / 4 = 3.75`; padded cells never count and are left out. A window of more than
 * MAX_WRITTEN_TERMS cells writes its first values and how many more, with the exact count and
 * result: `(1 + 3 + … and 65524 more terms) / 65536 = 0.42`. `s.values` must hold the first
 * MAX_WRITTEN_TERMS values (PoolComputation.summary with that limit).
 */
export function poolArithmetic(type: 'max' | 'avg' | 'min', s: PoolSummary): string {
	const shown = termsWritten(s.count);
	const values = s.values.slice(0, shown).map(formatNumber);
	if (shown < s.count) values.push(moreTerms(s.count - shown, type === 'avg' ? 'terms' : 'values'));
	if (type === 'avg') return `(${values.join(' + ')}) / ${s.count} = ${formatNumber(s.output)}`;
	return `${type}(${values.join(', ')}) = ${formatNumber(s.output)}`;
}

/** Writes the explanation of a pooled cell (one line per channel explained) under a title, into `el` (emptied first). */
export function renderPoolExplanation(el: HTMLElement, title: string, type: 'max' | 'avg' | 'min', summaries: readonly PoolSummary[], winnerNote: 'widget.pool.winnerNote' | 'widget.chain.winnerNote' = 'widget.pool.winnerNote'): void {
	el.empty();
	el.createDiv({ cls: 'cnn-explain-title', text: title });
	summaries.forEach((s, i) => {
		const line = el.createDiv({ cls: 'cnn-explain-sum' });
		if (summaries.length > 1) line.createSpan({ cls: 'cnn-explain-channel', text: `${CHANNEL_NAMES[i] ?? i + 1}: ` });
		const text = poolArithmetic(type, s);
		const eq = text.lastIndexOf(' = ');
		line.appendText(text.slice(0, eq + 3));
		line.createSpan({ cls: 'cnn-explain-result', text: text.slice(eq + 3) });
	});
	const padded = summaries[0]?.padded ?? 0;
	if (padded > 0) el.createDiv({ cls: 'cnn-note', text: t('widget.pool.paddingNote', { count: padded }) });
	if (type !== 'avg' && summaries.length === 1) el.createDiv({ cls: 'cnn-note', text: t(winnerNote) });
}
