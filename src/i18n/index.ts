import { getLanguage } from 'obsidian';
import { en, type MessageKey } from './en';
import { es } from './es';
import { glossaryEntry, type GlossaryLanguage, type TermId } from './glossary';
import { formatLocaleNumber, pluralCategory } from './numbers';

export type { MessageKey } from './en';
export { glossary, termName, type TermId, type GlossaryLanguage } from './glossary';
export { formatLocaleNumber, pluralCategory } from './numbers';
export { presetLabel } from './presets';

/** The pooling types, by the glossary term that names each. */
const POOLING_TERMS: ReadonlyMap<string, TermId> = new Map<string, TermId>([
	['max', 'maxPooling'],
	['avg', 'avgPooling'],
	['min', 'minPooling'],
]);

/** Padding modes, by the glossary term that names each. */
const PADDING_TERMS: ReadonlyMap<string, TermId> = new Map<string, TermId>([
	['valid', 'paddingValid'],
	['same', 'paddingSame'],
	['full', 'paddingFull'],
]);

/** Values substituted into `{name}` placeholders: numbers are formatted for the language, strings shown as they are (a string of digits still chooses a plural). */
export type MessageVars = Record<string, string | number>;

/** The areas registered so far (their keys are MessageKeys; their text is in the page only once their code is). */
const registered: { en: Readonly<Record<string, string>>; es: Readonly<Record<string, string>> }[] = [];

/** The English catalog, with the registered areas. */
const english = en as Record<MessageKey, string>;

/**
 * The Spanish catalog, built on first use: its text is a function's body, which the page only
 * pre-parses until a Spanish vault asks for it (about 30 KB that an English vault never reads).
 */
let spanish: Record<MessageKey, string> | null = null;

/** Adds an area's messages (the same keys in both languages) to the catalogs; registering twice is harmless. */
export function registerMessages(area: { en: Readonly<Record<string, string>>; es: Readonly<Record<string, string>> }): void {
	registered.push(area);
	Object.assign(english, area.en);
	if (spanish) Object.assign(spanish, area.es);
}

/** The catalog of a language: English, or Spanish (built once, with every area registered so far and later). */
function catalogOf(language: GlossaryLanguage): Record<MessageKey, string> {
	if (language === 'en') return english;
	if (!spanish) {
		spanish = es() as Record<MessageKey, string>;
		for (const area of registered) Object.assign(spanish, area.es);
	}
	return spanish;
}

/** The catalog language for a code such as 'es' or 'es-419': English when unknown. */
export function languageOf(language: string): GlossaryLanguage {
	const base = language.split('-')[0] ?? '';
	return base === 'es' ? 'es' : 'en';
}

/** The catalog for a language code such as 'es' or 'es-419'; English when unknown. */
export function catalogFor(language: string): Record<MessageKey, string> {
	return catalogOf(languageOf(language));
}

/** Obsidian's current language, as the catalogs know it. */
export function currentLanguage(): GlossaryLanguage {
	return languageOf(getLanguage());
}

export { clip } from './clip';

/**
 * Placeholders: `{name}` (a variable; numbers formatted for the language), `{name|one|other}`
 * (singular or plural text by the number in `name`, `#` standing for it), `{Name}` (`name`'s value
 * with a capital, when `vars` has no `Name`), and the glossary's
 * `{term:id}`, `{terms:id}`, `{Term:id}`, `{Terms:id}`, `{term:id|name}` (plural by `name`).
 */
const PLACEHOLDER = /\{(term|terms|Term|Terms):(\w+)(?:\|(\w+))?\}|\{(\w+)(?:\|([^{}|]*)\|([^{}|]*))?\}/g;

/** Fills a template of `language`'s catalog (see PLACEHOLDER). */
export function format(template: string, vars: MessageVars, language: GlossaryLanguage): string {
	return template.replace(PLACEHOLDER, (whole, kind?: string, id?: string, countName?: string, name?: string, one?: string, other?: string) => {
		if (kind !== undefined && id !== undefined) {
			const entry = glossaryEntry(id);
			if (!entry) return whole;
			const count = countName !== undefined ? countOf(vars[countName]) : undefined;
			const plural = kind === 'terms' || kind === 'Terms' || (count !== undefined && pluralCategory(count, language) !== 'one');
			const text = plural ? entry[language].other : entry[language].one;
			return kind === 'Term' || kind === 'Terms' ? capitalise(text) : text;
		}
		if (name === undefined) return whole;
		const own = Object.prototype.hasOwnProperty.call(vars, name);
		const lower = name.charAt(0).toLowerCase() + name.slice(1);
		// `{Pooling}` is `{pooling}` with a capital: a sentence may start with a variable in one language only.
		if (!own && (lower === name || !Object.prototype.hasOwnProperty.call(vars, lower))) return whole;
		const value = own ? vars[name] : vars[lower];
		const text = typeof value === 'number' ? formatLocaleNumber(value, language) : String(value);
		const shown = own ? text : capitalise(text);
		if (one === undefined || other === undefined) return shown;
		const count = countOf(value);
		const chosen = count !== undefined && pluralCategory(count, language) === 'one' ? one : other;
		return chosen.replace(/#/g, shown);
	});
}

/** Formats `key` in Obsidian's current language, filling placeholders from `vars` (see PLACEHOLDER). */
export function t(key: MessageKey, vars: MessageVars = {}): string {
	const language = currentLanguage();
	return format(catalogFor(language)[key] ?? catalogFor('en')[key] ?? key, vars, language);
}

/** The glossary name of `id` in Obsidian's current language (plural for a `count` other than one). */
export function term(id: TermId, count?: number): string {
	const language = currentLanguage();
	const entry = glossaryEntry(id);
	if (!entry) return id;
	return count !== undefined && pluralCategory(count, language) !== 'one' ? entry[language].other : entry[language].one;
}

/** The number a plural choice reads: a number, or a string of digits (a number its caller wrote itself, e.g. in arithmetic); else undefined. */
function countOf(value: string | number | undefined): number | undefined {
	if (typeof value === 'number') return value;
	return value !== undefined && /^-?\d+(\.\d+)?$/.test(value) ? Number(value) : undefined;
}

function capitalise(text: string): string {
	return text.charAt(0).toUpperCase() + text.slice(1);
}

/** The glossary name of a pooling type in the current language: `max` -> "max pooling" / "pooling máximo". */
export function poolingName(type: 'max' | 'avg' | 'min'): string {
	return term(POOLING_TERMS.get(type) ?? 'pooling');
}

/** A padding mode as a sentence shows it: "valid" in English, "ninguno (valid)" in Spanish; a number of cells as it is. */
export function paddingName(padding: string): string {
	const id = PADDING_TERMS.get(padding);
	return id === undefined ? padding : term(id);
}
