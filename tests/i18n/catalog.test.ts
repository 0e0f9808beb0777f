import { en, type MessageKey } from '../../src/i18n/en';
import { es } from '../../src/i18n/es';

/** The sorted `{name}` placeholders of a message. */
function placeholders(message: string): string[] {
	return Array.from(message.matchAll(/\{(\w+)\}/g), (m) => m[1] ?? '').sort();
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
			for (const key of keys) expect(catalog[key].replace(/\{\w+\}/g, '')).not.toMatch(/[{}]/);
		}
	});
});
