import { format, formatLocaleNumber, pluralCategory } from '../../src/i18n';

describe('numbers in sentences', () => {
	it.each([
		[3.75, 'en', '3.75'],
		[3.75, 'es', '3,75'],
		[1 / 3, 'es', '0,33'],
		[-0.5, 'es', '-0,5'],
		[-0.001, 'es', '0'],
		[1541, 'en', '1541'],
		[1541, 'es', '1541'],
		[98568, 'en', '98,568'],
		[98568, 'es', '98.568'],
		[1234567.891, 'es', '1.234.567,89'],
		[Infinity, 'es', 'Infinity'],
	])('%p in %s -> %s', (value, language, text) => {
		expect(formatLocaleNumber(value, language)).toBe(text);
	});

	it('plural categories: 1 is one, 0 and 2 are other, in both languages', () => {
		for (const language of ['en', 'es']) {
			expect(pluralCategory(1, language)).toBe('one');
			expect(pluralCategory(0, language)).toBe('other');
			expect(pluralCategory(2, language)).toBe('other');
		}
	});
});

describe('format: placeholders', () => {
	it('a number variable is formatted for the language', () => {
		expect(format('{in} → {out}', { in: 12345, out: 2.5 }, 'es')).toBe('12.345 → 2,5');
		expect(format('{in} → {out}', { in: 12345, out: 2.5 }, 'en')).toBe('12,345 → 2.5');
	});

	it('a string variable is left as it is (grids and arithmetic are formatted by their caller)', () => {
		expect(format('{value}', { value: '0.25' }, 'es')).toBe('0.25');
	});

	it('{count|one|other} chooses by the plural rules, # standing for the number', () => {
		const template = '{count|# celda es relleno|# celdas son relleno}';
		expect(format(template, { count: 1 }, 'es')).toBe('1 celda es relleno');
		expect(format(template, { count: 3 }, 'es')).toBe('3 celdas son relleno');
		expect(format(template, { count: 0 }, 'es')).toBe('0 celdas son relleno');
	});

	it('{term:id}, {terms:id}, {Term:id} and {term:id|count} come from the glossary', () => {
		expect(format('{Term:maxPooling}, {terms:kernel}', {}, 'es')).toBe('Pooling máximo, kernels');
		expect(format('{Term:maxPooling}, {terms:filter}', {}, 'en')).toBe('Max pooling, filters');
		expect(format('{count} {term:step|count}', { count: 1 }, 'es')).toBe('1 paso');
		expect(format('{count} {term:step|count}', { count: 9 }, 'es')).toBe('9 pasos');
	});

	it('{Name} is the variable name with a capital, for a sentence that starts with it', () => {
		expect(format('{Pooling} global', { pooling: 'pooling máximo' }, 'es')).toBe('Pooling máximo global');
	});

	it('unknown placeholders stay visible rather than vanish', () => {
		expect(format('{missing} {term:nothing} {Constructor}', {}, 'en')).toBe('{missing} {term:nothing} {Constructor}');
	});
});
