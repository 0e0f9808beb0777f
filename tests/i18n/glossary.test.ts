import '../../src/i18n/train-messages';
import { catalogFor, type MessageKey } from '../../src/i18n';
import { glossary, type GlossaryEntry } from '../../src/i18n/glossary';
import { format, type GlossaryLanguage } from '../../src/i18n';
import { presetLabel, presetNames } from '../../src/i18n/presets';
import { kernelPresets } from '../../src/cnn';

/** The catalogs with every registered area (the cnn-train messages included). */
const en = catalogFor('en');
const es = catalogFor('es');

const catalogs: [GlossaryLanguage, Record<MessageKey, string>][] = [
	['en', en],
	['es', es],
];
const entries = Object.entries(glossary) as [string, GlossaryEntry][];
const keys = Object.keys(en) as MessageKey[];

describe('the glossary', () => {
	it.each(entries)('%s has a singular and a plural in every language', (_id, entry) => {
		for (const language of ['en', 'es'] as const) {
			expect(entry[language].one.trim()).not.toBe('');
			expect(entry[language].other.trim()).not.toBe('');
		}
	});

	it('no term is its own name to avoid', () => {
		for (const [, entry] of entries) {
			for (const language of ['en', 'es'] as const) {
				for (const bad of entry.avoid?.[language] ?? []) expect(entry[language].one.toLowerCase()).not.toContain(bad.toLowerCase());
			}
		}
	});

	it('every {term:id} placeholder of every message names a glossary term', () => {
		for (const [, catalog] of catalogs) {
			for (const key of keys) {
				for (const m of catalog[key].matchAll(/\{(?:term|terms|Term|Terms):(\w+)/g)) expect(Object.keys(glossary)).toContain(m[1]);
			}
		}
	});

	// Every message, its terms resolved, scanned for the other names a concept must not have.
	it.each(catalogs)('the %s messages call each concept by its glossary name only', (language, catalog) => {
		const offenders: string[] = [];
		for (const key of keys) {
			const text = format(catalog[key], {}, language).toLowerCase();
			for (const [id, entry] of entries) {
				for (const bad of entry.avoid?.[language] ?? []) if (text.includes(bad.toLowerCase())) offenders.push(`${key}: "${bad}" (say "${entry[language].one}", ${id})`);
			}
		}
		expect(offenders).toEqual([]);
	});

	it('max pooling has one name per language, wherever a message names it', () => {
		const names = (language: GlossaryLanguage, catalog: Record<MessageKey, string>) =>
			keys.flatMap((k) => Array.from(format(catalog[k], {}, language).matchAll(/(?:max\w*|máx\w*)\s+pool\w*|pool\w*\s+(?:max\w*|máx\w*)/gi), (m) => m[0].toLowerCase()));
		expect(names('es', es).length).toBeGreaterThan(2);
		expect(new Set(names('es', es))).toEqual(new Set(['pooling máximo']));
		expect(new Set(names('en', en))).toEqual(new Set(['max pooling']));
	});

	it('the old Spanish phrases of issue 12 are gone', () => {
		const all = keys.map((k) => es[k]).join('\n');
		for (const phrase of ['Pooling máximo', 'Max pooling', 'pool max', 'Celda reducida', 'Y de vuelta', 'Pasa el ratón o el foco', 'centrado por su centro', 'centrada por su centro', 'Dígitos reservados', 'relleno valid', 'relleno same', 'wiki-link', 'del vault']) {
			expect(all).not.toContain(phrase);
		}
	});
});

describe('preset names', () => {
	it('every preset has a Spanish name, shown with its English id as the hint', () => {
		for (const id of Object.keys(kernelPresets)) expect(presetNames('es').get(id)).toBeDefined();
		expect(presetLabel('sobel-x', 'es')).toBe('Sobel horizontal (sobel-x)');
		expect(presetLabel('box-blur', 'es')).toBe('Desenfoque de caja (box-blur)');
	});

	it('English shows the id, which is what the block takes', () => {
		expect(presetLabel('sobel-x', 'en')).toBe('sobel-x');
		expect(presetLabel('constructor', 'es')).toBe('constructor');
	});
});
