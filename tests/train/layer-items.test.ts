/** The `layers` items, text -> layer: every written form and every syntax problem. */
import { setLanguage } from '../../harness/obsidian';
import { format } from '../../src/i18n';
import '../../src/i18n/train-messages';
import { catalogFor } from '../../src/i18n';
import type { Problem } from '../../src/result';
import { LEAKY_ALPHA, MAX_LAYER_ITEMS, normaliseItem, parseLayerItem, splitLayerItems } from '../../src/train/layer-items';

/** The catalogs with every registered area (the cnn-train messages included). */
const en = catalogFor('en');
const es = catalogFor('es');

/** The problems of an item that must fail. */
function problemsOf(text: string): Problem[] {
	const read = parseLayerItem(text, 0);
	if (read.ok) throw new Error(`expected problems for ${text}`);
	return read.errors;
}

/** Both languages' texts of a problem, with no `{placeholder}` left. */
function texts(problem: Problem): string[] {
	return (['en', 'es'] as const).map((language) => {
		const text = format((language === 'en' ? en : es)[problem.code], problem.vars, language);
		expect(text).not.toMatch(/\{\w+\}/);
		return text;
	});
}

describe('parseLayerItem: every form', () => {
	it.each([
		['conv 8 3', { kind: 'conv', filters: 8, size: 3, stride: 1, padding: 'valid' }],
		['CONV  16   5', { kind: 'conv', filters: 16, size: 5, stride: 1, padding: 'valid' }],
		['conv 8 3 stride 2', { kind: 'conv', filters: 8, size: 3, stride: 2, padding: 'valid' }],
		['conv 8 3 2', { kind: 'conv', filters: 8, size: 3, stride: 2, padding: 'valid' }],
		['conv 8 3 same', { kind: 'conv', filters: 8, size: 3, stride: 1, padding: 'same' }],
		['conv 8 3 same stride 4', { kind: 'conv', filters: 8, size: 3, stride: 4, padding: 'same' }],
		['conv 8 3 3 valid', { kind: 'conv', filters: 8, size: 3, stride: 3, padding: 'valid' }],
		['conv 64 7', { kind: 'conv', filters: 64, size: 7, stride: 1, padding: 'valid' }],
		['conv 1 1', { kind: 'conv', filters: 1, size: 1, stride: 1, padding: 'valid' }],
		['relu', { kind: 'relu' }],
		['  Tanh ', { kind: 'tanh' }],
		['sigmoid', { kind: 'sigmoid' }],
		['leaky-relu', { kind: 'leaky-relu', alpha: LEAKY_ALPHA }],
		['leaky_relu', { kind: 'leaky-relu', alpha: LEAKY_ALPHA }],
		['pool 2', { kind: 'pool', type: 'max', size: 2 }],
		['pool max 3', { kind: 'pool', type: 'max', size: 3 }],
		['pool avg 4', { kind: 'pool', type: 'avg', size: 4 }],
		['pool 2 avg', { kind: 'pool', type: 'avg', size: 2 }],
		['dropout 0.25', { kind: 'dropout', rate: 0.25 }],
		['dropout 0', { kind: 'dropout', rate: 0 }],
		['dropout .5', { kind: 'dropout', rate: 0.5 }],
		['dense', { kind: 'dense', units: 'classes' }],
		['dense 64', { kind: 'dense', units: 64 }],
		['dense 512', { kind: 'dense', units: 512 }],
		['flatten', { kind: 'flatten' }],
	])('%s', (text, spec) => {
		expect(parseLayerItem(text, 0)).toEqual({ ok: true, value: spec });
	});
});

describe('parseLayerItem: every problem, in both languages', () => {
	it.each([
		['conv 0 3', 'train.layers.filters'],
		['conv 65 3', 'train.layers.filters'],
		['conv 8.5 3', 'train.layers.filters'],
		['conv 1e39 3', 'train.layers.filters'],
		['conv .nan 3', 'train.layers.filters'],
		['conv 8 8', 'train.layers.size'],
		['conv 8 0', 'train.layers.size'],
		['conv 8 3 stride 5', 'train.layers.stride'],
		['conv 8 3 stride', 'train.layers.stride'],
		['conv 8 3 0', 'train.layers.stride'],
		['pool 1', 'train.layers.poolSize'],
		['pool 5', 'train.layers.poolSize'],
		['pool max abc', 'train.layers.poolSize'],
		['dense 0', 'train.layers.units'],
		['dense 513', 'train.layers.units'],
		['dense 1e39', 'train.layers.units'],
		['dropout 1', 'train.layers.rate'],
		['dropout -0.1', 'train.layers.rate'],
		['dropout .nan', 'train.layers.rate'],
		['conv 8', 'train.layers.syntax'],
		['conv 8 3 same valid', 'train.layers.syntax'],
		['conv 8 3 2 stride 2', 'train.layers.syntax'],
		['pool', 'train.layers.syntax'],
		['pool max', 'train.layers.syntax'],
		['pool max avg 2', 'train.layers.syntax'],
		['dropout', 'train.layers.syntax'],
		['dropout 0.1 0.2', 'train.layers.syntax'],
		['dense 10 20', 'train.layers.syntax'],
		['relu 2', 'train.layers.syntax'],
		['flatten now', 'train.layers.syntax'],
		['softmax', 'train.layers.softmax'],
		['convolution 8 3', 'train.layers.unknown'],
		['constructor', 'train.layers.unknown'],
		['__proto__', 'train.layers.unknown'],
		['(a+)+$ [^ .*', 'train.layers.unknown'],
		[`conv ${'9'.repeat(80)}`, 'train.layers.tooLong'],
	])('%s: %s', (text, code) => {
		const [problem, ...rest] = problemsOf(text);
		expect(rest).toEqual([]);
		expect(problem?.code).toBe(code);
		for (const shown of texts(problem!)) expect(shown.length).toBeGreaterThan(10);
	});

	it('an unknown word suggests the closest layer word', () => {
		expect(problemsOf('cnov 8 3')[0]).toMatchObject({ code: 'train.layers.unknown', suggestion: 'conv', vars: { index: 1, item: 'cnov 8 3', word: 'cnov' } });
		expect(problemsOf('polo 2')[0]?.suggestion).toBe('pool');
		expect(problemsOf('dens 10')[0]?.suggestion).toBe('dense');
		expect(problemsOf('leaky 0.2')[0]?.suggestion).toBe('leaky-relu');
		expect(problemsOf('constructor')[0]?.suggestion).toBeUndefined();
	});

	it('a range problem names the part, the value and the range: "the number of filters must be a whole number from 1 to 64"', () => {
		const [problem] = problemsOf('conv 100 3');
		const [english, spanish] = texts(problem!);
		expect(english).toBe('Layer 1 (“conv 100 3”): the number of filters must be a whole number from 1 to 64, not “100”.');
		expect(spanish).toBe('Capa 1 («conv 100 3»): el número de filtros debe ser un entero de 1 a 64, no «100».');
	});

	it('both bad numbers of one conv are reported', () => {
		expect(problemsOf('conv 0 9').map((p) => p.code)).toEqual(['train.layers.filters', 'train.layers.size']);
	});
});

describe('splitLayerItems', () => {
	it('a YAML list, one text with commas, or both; items normalised', () => {
		expect(splitLayerItems(['conv 8 3', ' ReLU ', 'pool 2, dense'])).toEqual({
			ok: true,
			value: [
				{ text: 'conv 8 3', entry: 0 },
				{ text: 'relu', entry: 1 },
				{ text: 'pool 2', entry: 2 },
				{ text: 'dense', entry: 2 },
			],
		});
		const one = splitLayerItems('conv 8 3,relu ,, pool  2');
		expect(one.ok && one.value.map((i) => i.text)).toEqual(['conv 8 3', 'relu', 'pool 2']);
		expect(normaliseItem('  Conv\t8  3 SAME ')).toBe('conv 8 3 same');
	});

	it.each([
		[[], 'train.layers.empty'],
		['', 'train.layers.empty'],
		[' , ,', 'train.layers.empty'],
		[42, 'train.layers.notList'],
		[{ conv: 8 }, 'train.layers.notList'],
		[true, 'train.layers.notList'],
		[['relu', 5], 'train.layers.notText'],
		[['relu', ['a']], 'train.layers.notText'],
		[['relu', null], 'train.layers.notText'],
		[Array.from({ length: MAX_LAYER_ITEMS + 1 }, () => 'relu'), 'train.layers.tooMany'],
		[Array.from({ length: 10_000 }, () => 'relu'), 'train.layers.tooMany'],
		[Array.from({ length: 10_000 }, () => 'relu').join(','), 'train.layers.tooMany'],
	])('%j: %s', (raw, code) => {
		const read = splitLayerItems(raw);
		expect(read.ok).toBe(false);
		if (!read.ok) {
			expect(read.errors[0]?.code).toBe(code);
			read.errors.forEach(texts);
		}
	});

	it(`${MAX_LAYER_ITEMS} items are allowed`, () => {
		expect(splitLayerItems(Array.from({ length: MAX_LAYER_ITEMS }, () => 'relu')).ok).toBe(true);
	});

	it('Spanish is the language of the box when Obsidian speaks it', () => {
		setLanguage('es');
		const read = splitLayerItems([]);
		expect(!read.ok && format(es[read.errors[0]!.code], read.errors[0]!.vars, 'es')).toBe('«layers» no tiene ninguna capa.');
	});
});
