/**
 * Numbers as a student reads them in the classify widget: probabilities with a precision that
 * never claims certainty ("> 99.9 %", "< 0.1 %"), other numbers in plain notation (never
 * "1.18e+7"), both in Obsidian's language (decimal comma in Spanish). Also whether the pointer is
 * a finger, for hints that speak of tapping.
 */
import { getLanguage } from 'obsidian';

/** Below this a probability reads "< 0.1 %", above 1 minus this "> 99.9 %". */
const PERCENT_FLOOR = 0.001;
/** Positive values below this read "< 0.000001" (plain notation has to stop somewhere). */
const PLAIN_FLOOR = 1e-6;

/** A number in the current language with at most `digits` fraction digits (trailing zeros dropped), no grouping. */
function decimal(v: number, opts: Intl.NumberFormatOptions): string {
	return new Intl.NumberFormat(getLanguage() || 'en', { useGrouping: false, ...opts }).format(v);
}

/**
 * A probability (0..1) as a percentage with one decimal: `98.1 %`; never a certainty it does not
 * have: above 99.9 % (float32 softmax rounds a sure answer to exactly 1) it reads `> 99.9 %`, below
 * 0.1 % (down to an underflowed 0) `< 0.1 %`.
 */
export function formatPercent(p: number): string {
	if (Number.isNaN(p)) return String(p);
	if (p < PERCENT_FLOOR) return `< ${decimal(0.1, { minimumFractionDigits: 1 })} %`;
	if (p > 1 - PERCENT_FLOOR) return `> ${decimal(99.9, { minimumFractionDigits: 1 })} %`;
	return `${decimal(p * 100, { minimumFractionDigits: 1, maximumFractionDigits: 1 })} %`;
}

/** A share counted exactly (an accuracy: 12 of 12 is 100 %, 11 of 12 is 91.7 %) as a percentage with at most one decimal. */
export function formatShare(share: number): string {
	return `${decimal(share * 100, { maximumFractionDigits: 1 })} %`;
}

/**
 * The grid width of a bar label column that fits the longest of `names` (at most `max` characters).
 * In em, as the row's own font measures it: a monospace character is about 0.6 em wide.
 */
export function labelWidth(names: readonly string[], max = 14): string {
	const longest = names.reduce((n, s) => Math.max(n, [...s].length), 1);
	return `${Math.max(1.2, Math.min(max, longest) * 0.62 + 0.4).toFixed(2)}em`;
}

/**
 * A non-negative number in plain notation: from 1 up with at most 6 decimals (`1.000006`, `2.718282`,
 * `1532.5`), below 1 with 3 significant digits (`0.135`, `0.0000061`), below 0.000001 as `< 0.000001`.
 * Negative numbers keep their sign and follow the same rules.
 */
export function formatPlain(v: number): string {
	if (!Number.isFinite(v)) return String(v);
	if (v === 0) return '0';
	if (v < 0) return `-${formatPlain(-v)}`;
	if (v < PLAIN_FLOOR) return `< ${decimal(PLAIN_FLOOR, { maximumFractionDigits: 6 })}`;
	if (v < 1) return decimal(v, { maximumSignificantDigits: 3 });
	return decimal(v, { maximumFractionDigits: 6 });
}

/** A logit or other score with 2 decimals at most, in the current language: `16.28`, `-3.5`. */
export function formatScore(v: number): string {
	if (!Number.isFinite(v)) return String(v);
	const text = decimal(Math.abs(v), { maximumFractionDigits: 2 });
	return v < 0 && text !== '0' ? `-${text}` : text;
}

/** A sum of exponentials (at least 1 once shifted by the largest logit) with 6 decimals, so `1.000002` never reads as a bare `1`. */
export function formatSum(v: number): string {
	if (!Number.isFinite(v)) return String(v);
	return decimal(v, { minimumFractionDigits: 6, maximumFractionDigits: 6 });
}
