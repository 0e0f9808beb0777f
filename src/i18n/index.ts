import { getLanguage } from 'obsidian';
import { en, type MessageKey } from './en';
import { es } from './es';

export type { MessageKey } from './en';

/** Values substituted into `{name}` placeholders. */
export type MessageVars = Record<string, string | number>;

const catalogs: Record<string, Record<MessageKey, string>> = { en, es };

/** The catalog for a language code such as 'es' or 'es-419'; English when unknown. */
export function catalogFor(language: string): Record<MessageKey, string> {
	return catalogs[language] ?? catalogs[language.split('-')[0] ?? ''] ?? en;
}

/** Formats `key` in Obsidian's current language, filling `{name}` from `vars`. */
export function t(key: MessageKey, vars: MessageVars = {}): string {
	const template = catalogFor(getLanguage())[key] ?? en[key];
	return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}
