import { currentLanguage, formatLocaleNumber } from '../../i18n';

/** Formats a cell value for display: integers as they are, other numbers rounded to 2 decimals (3 significant digits past 100). */
export function formatNumber(value: number): string {
	if (Object.is(value, -0) || value === 0) return '0';
	if (Number.isInteger(value) && Math.abs(value) < 1e6) return String(value);
	const abs = Math.abs(value);
	if (abs >= 100) return value.toPrecision(3).replace(/\.0+$|(\.\d*?)0+$/, '$1');
	const rounded = value.toFixed(2).replace(/\.?0+$/, '');
	return rounded === '-0' ? '0' : rounded;
}

/** Formats a tensor shape [h, w, c] the way the course writes it: `5x5x1`. */
export function formatShape(shape: readonly number[]): string {
	return shape.join('x');
}

/** Formats a pair that is the same on both axes as one number, else as `rows x cols`. */
export function formatPair(pair: readonly [number, number]): string {
	return pair[0] === pair[1] ? String(pair[0]) : `${pair[0]}x${pair[1]}`;
}

/**
 * A number inside a sentence, in Obsidian's language: decimal comma in Spanish ("3,75"), digits
 * grouped from 10 000 on, at most 2 decimals. Grids and arithmetic keep formatNumber (a dot, as
 * the block's source and the code panel write numbers).
 */
export function formatForSentence(value: number): string {
	return formatLocaleNumber(value, currentLanguage());
}
