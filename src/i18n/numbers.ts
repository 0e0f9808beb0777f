/**
 * Numbers in sentences, formatted for the language (Intl.NumberFormat: "1,234.5" in English,
 * "1234,5" / "12.345,5" in Spanish) and plural choice (Intl.PluralRules). Number grids, the
 * arithmetic under them and kernel inputs keep formatNumber's dot instead: they show the numbers
 * as the block's source and the code panel write them.
 */

const numberFormats = new Map<string, Intl.NumberFormat>();
const pluralRules = new Map<string, Intl.PluralRules>();

/** At most this many decimals in a sentence. */
const SENTENCE_DECIMALS = 2;

/** Digits are grouped from this magnitude on (CLDR's "min2", as Spanish writes 1541 but 15.410), so picture sizes such as 1541x840 stay ungrouped in English too. */
const GROUPING_FROM = 10000;

/** A number for a sentence in `language` (a BCP 47 code such as 'es'): digits grouped from 10 000 on, up to 2 decimals, the language's decimal mark. */
export function formatLocaleNumber(value: number, language: string): string {
	if (!Number.isFinite(value)) return String(value);
	const grouped = Math.abs(value) >= GROUPING_FROM;
	const id = `${language}/${grouped ? 'g' : 'n'}`;
	let format = numberFormats.get(id);
	if (!format) {
		format = new Intl.NumberFormat(language, { maximumFractionDigits: SENTENCE_DECIMALS, useGrouping: grouped });
		numberFormats.set(id, format);
	}
	const text = format.format(value);
	// -0.001 rounds to "-0": a student reads 0.
	return /^-0([.,]0*)?$/.test(text) ? '0' : text;
}

/** 'one' or 'other' (or another CLDR category) for `count` in `language`. */
export function pluralCategory(count: number, language: string): Intl.LDMLPluralRule {
	let rules = pluralRules.get(language);
	if (!rules) {
		rules = new Intl.PluralRules(language);
		pluralRules.set(language, rules);
	}
	return rules.select(count);
}
