import { getLanguage } from 'obsidian';
import { en, type MessageKey } from './en';
import { es } from './es';

export type { MessageKey } from './en';

/** Values substituted into `{name}` placeholders. */
export type MessageVars = Record<string, string | number>;

const catalogs: ReadonlyMap<string, Record<MessageKey, string>> = new Map([
	['en', en],
	['es', es],
]);

/** The catalog for a language code such as 'es' or 'es-419'; English when unknown. */
export function catalogFor(language: string): Record<MessageKey, string> {
	return catalogs.get(language) ?? catalogs.get(language.split('-')[0] ?? '') ?? en;
}

export { clip } from './clip';

/** Formats `key` in Obsidian's current language, filling `{name}` from `vars`. */
export function t(key: MessageKey, vars: MessageVars = {}): string {
	const template = catalogFor(getLanguage())[key] ?? en[key];
	return template.replace(/\{(\w+)\}/g, (whole, name: string) => (Object.prototype.hasOwnProperty.call(vars, name) ? String(vars[name]) : whole));
}
