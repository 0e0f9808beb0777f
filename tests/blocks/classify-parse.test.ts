import { setLanguage } from '../../harness/obsidian';
import { CLASSIFY_PARTS, SAMPLE_COUNT } from '../../src/blocks/classify-keys';
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
			value: { model: { kind: 'builtin', name: 'digits' }, input: { kind: 'sample', sample: 1 }, show: ['layers', 'probabilities'] },
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

describe('the sample key', () => {
	const sampleOf = (source: string): unknown => {
		const result = parseClassifyBlock(source);
		return result.ok && result.value.input.kind === 'sample' ? result.value.input.sample : result;
	};

	it('with input: sample, the held-out digit the block starts on: 1 (the first) by default', () => {
		expect(sampleOf('input: sample\n')).toBe(1);
		expect(sampleOf('input: sample\nsample: 7\n')).toBe(7);
		expect(sampleOf(`input: sample\nsample: ${SAMPLE_COUNT}  # the last one\n`)).toBe(SAMPLE_COUNT);
		expect(sampleOf('sample: "12"\ninput: sample\n')).toBe(12);
	});

	it.each([
		['0', 'block.value.tooSmall'],
		['-3', 'block.value.tooSmall'],
		[String(SAMPLE_COUNT + 1), 'block.value.tooLarge'],
		['1e9', 'block.value.outOfRange'],
		['1000', 'block.value.tooLarge'],
		['2.5', 'block.value.notWhole'],
		['.inf', 'block.value.notFinite'],
		['.nan', 'block.value.notFinite'],
		['seven', 'block.value.notNumber'],
		['[1, 2]', 'block.value.notNumber'],
		['', 'block.value.missing'],
	])('sample: %s is refused (%s) on its line, saying what is allowed', (value, code) => {
		const [error, ...rest] = errorsOf(`input: sample\nsample: ${value}\n`);
		expect(rest).toEqual([]);
		expect(error).toMatchObject({ code, key: 'sample', line: 2, allowed: `a whole number from 1 to ${SAMPLE_COUNT}, a held-out digit’s number in the strip` });
		expect(error?.keyDoc).toEqual({ key: 'sample', description: 'block.doc.classify.sample' });
	});

	it.each([
		['input: draw\nsample: 3\n', 'draw'],
		['sample: 3\n', 'draw'],
		['input: "[[digit.png]]"\nsample: 3\n', '[[digit.png]]'],
	])('with another input (%j) it is an error naming that input, never silently ignored', (source, input) => {
		const [error, ...rest] = errorsOf(source);
		expect(rest).toEqual([]);
		expect(error).toMatchObject({ code: 'classify.error.sampleInput', key: 'sample', vars: { input } });
		expect(t(error?.code ?? 'block.unexpected', error?.vars)).toBe(`sample picks one of the held-out digits of input: sample, but this block’s input is ${input}: write input: sample, or remove sample.`);
	});

	it('an invalid sample with another input: the value error only (one thing to fix at a time)', () => {
		expect(errorsOf('input: draw\nsample: 99\n').map((e) => e.code)).toEqual(['block.value.tooLarge']);
	});

	it('reads in Spanish', () => {
		setLanguage('es');
		try {
			const [error] = errorsOf('input: draw\nsample: 3\n');
			expect(t(error?.code ?? 'block.unexpected', error?.vars)).toBe('sample elige uno de los dígitos de prueba de input: sample, pero la entrada de este bloque es draw: escribe input: sample, o quita sample.');
			expect(errorsOf('input: sample\nsample: 31\n')[0]?.allowed).toBe('un número entero de 1 a 30, el número de un dígito de prueba en la tira');
		} finally {
			setLanguage('en');
		}
	});
});
