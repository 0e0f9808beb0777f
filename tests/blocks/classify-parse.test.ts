import { setLanguage } from '../../harness/obsidian';
import { CLASSIFY_PARTS } from '../../src/blocks/classify-keys';
import { parseClassifyBlock } from '../../src/blocks/parse-classify';
import type { Problem } from '../../src/blocks/types';
import { t } from '../../src/i18n';

/** The parse errors of a source that must fail. */
function errorsOf(source: string): Problem[] {
	const result = parseClassifyBlock(source);
	if (result.ok) throw new Error(`expected errors for ${source}`);
	return result.errors;
}

describe('parseClassifyBlock', () => {
	it('an empty block is the default: model digits, input draw, every part shown', () => {
		expect(parseClassifyBlock('')).toEqual({
			ok: true,
			value: { model: { kind: 'builtin', name: 'digits' }, input: { kind: 'draw' }, show: [...CLASSIFY_PARTS] },
		});
	});

	it('reads model: digits, input: sample, show: [layers, probabilities]', () => {
		const result = parseClassifyBlock('model: digits\ninput: sample\nshow: [probabilities, layers]\n');
		expect(result).toEqual({
			ok: true,
			value: { model: { kind: 'builtin', name: 'digits' }, input: { kind: 'sample' }, show: ['layers', 'probabilities'] },
		});
	});

	it.each([
		['input: "[[digit.png]]"', { path: 'digit.png', embed: false }],
		['input: [[digit.png]]', { path: 'digit.png', embed: false }],
		['input: ![[folder/my digit.png]]', { path: 'folder/my digit.png', embed: true }],
	])('%s is a vault image', (source, link) => {
		const result = parseClassifyBlock(source);
		expect(result.ok && result.value.input).toEqual({ kind: 'image', link });
	});

	it('model: "[[models/model.json]]" is a vault model', () => {
		const result = parseClassifyBlock('model: "[[models/model.json]]"');
		expect(result.ok && result.value.model).toEqual({ kind: 'vault', link: { path: 'models/model.json', embed: false } });
	});

	it('show: a single word, and `all`', () => {
		const one = parseClassifyBlock('show: softmax');
		expect(one.ok && one.value.show).toEqual(['softmax']);
		const all = parseClassifyBlock('show: all');
		expect(all.ok && all.value.show).toEqual([...CLASSIFY_PARTS]);
	});

	it('words are case-insensitive: input: DRAW is draw', () => {
		const result = parseClassifyBlock('input: DRAW');
		expect(result.ok && result.value.input).toEqual({ kind: 'draw' });
	});

	it('an unknown model name is an error on its line, suggesting the closest name', () => {
		const [error, ...rest] = errorsOf('input: draw\nmodel: digit\n');
		expect(rest).toEqual([]);
		expect(error).toMatchObject({ code: 'classify.error.modelUnknown', key: 'model', line: 2, suggestion: 'digits' });
		expect(t(error!.code, error!.vars)).toBe('Unknown model "digit".');
		expect(error!.allowed).toContain('digits');
	});

	it('an unknown model name far from any: no suggestion, still the allowed values', () => {
		const [error] = errorsOf('model: resnet50');
		expect(error?.suggestion).toBeUndefined();
		expect(error?.allowed).toContain('model.json');
	});

	it('an unknown input word suggests draw or sample', () => {
		const [error] = errorsOf('input: sampel');
		expect(error).toMatchObject({ code: 'block.enum.invalid', key: 'input', line: 1, suggestion: 'sample' });
	});

	it('an unknown part of show is reported with the closest part', () => {
		const [error] = errorsOf('show: [layers, probabilites]');
		expect(error).toMatchObject({ code: 'block.enum.invalid', key: 'show', suggestion: 'probabilities' });
		expect(errorsOf('show: []')[0]?.code).toBe('block.list.empty');
	});

	it('unknown keys: "did you mean", and for words that are not close to any key', () => {
		expect(errorsOf('imput: draw')[0]).toMatchObject({ code: 'block.key.unknown', key: 'imput', suggestion: 'input', line: 1 });
		expect(errorsOf('mostrar: layers')[0]).toMatchObject({ code: 'block.key.unknown', key: 'mostrar' });
	});

	it('a key without a value is missing, not the default', () => {
		expect(errorsOf('model:')[0]).toMatchObject({ code: 'block.value.missing', key: 'model' });
	});

	it('invalid YAML is a syntax error, never an exception', () => {
		expect(errorsOf('model: [digits\n')[0]?.code).toBe('block.yaml.syntax');
	});

	it('errors are translated: Spanish', () => {
		setLanguage('es');
		const [error] = errorsOf('model: digit');
		expect(t(error!.code, error!.vars)).toBe('Modelo desconocido: "digit".');
	});
});
