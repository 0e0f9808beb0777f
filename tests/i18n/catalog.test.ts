import '../../src/i18n/train-messages';
import { catalogFor, type MessageKey } from '../../src/i18n';

/** The catalogs with every registered area (the cnn-train messages included). */
const en = catalogFor('en');
const es = catalogFor('es');

/**
 * The sorted, distinct variables a message reads: `{name}`, `{Name}` (the same variable with a
 * capital), `{name|one|other}` and the count of `{term:id|name}`; glossary terms are not variables.
 */
function placeholders(message: string): string[] {
	const names = new Set<string>();
	for (const m of message.matchAll(/\{(\w+)(?:\|[^{}|]*\|[^{}|]*)?\}/g)) names.add((m[1] ?? '').toLowerCase());
	for (const m of message.matchAll(/\{(?:term|terms|Term|Terms):\w+\|(\w+)\}/g)) names.add((m[1] ?? '').toLowerCase());
	return [...names].sort();
}

/** A message with its placeholders taken out. */
function withoutPlaceholders(message: string): string {
	return message.replace(/\{(?:term|terms|Term|Terms):\w+(?:\|\w+)?\}/g, '').replace(/\{\w+(?:\|[^{}|]*\|[^{}|]*)?\}/g, '');
}

const keys = Object.keys(en) as MessageKey[];

describe('message catalogs', () => {
	it('English and Spanish have exactly the same keys', () => {
		expect(Object.keys(es).sort()).toEqual([...keys].sort());
	});

	it.each(keys)('%s: same placeholders in English and Spanish, no empty text', (key) => {
		expect(en[key].trim()).not.toBe('');
		expect(es[key].trim()).not.toBe('');
		expect(placeholders(es[key])).toEqual(placeholders(en[key]));
	});

	it('placeholders are well formed: every brace belongs to a {name}', () => {
		for (const catalog of [en, es] as Record<MessageKey, string>[]) {
			for (const key of keys) expect(withoutPlaceholders(catalog[key])).not.toMatch(/[{}]/);
		}
	});
});
