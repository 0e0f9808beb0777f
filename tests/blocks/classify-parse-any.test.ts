import { setLanguage } from '../../harness/obsidian';
import { parseClassifyBlock } from '../../src/blocks/parse-classify';
import type { Problem } from '../../src/blocks/types';
import { t } from '../../src/i18n';

/** The parse errors of a source that must fail. */
function errorsOf(source: string): Problem[] {
	const result = parseClassifyBlock(source);
	if (result.ok) throw new Error(`expected errors for ${source}`);
	return result.errors;
}

describe('cnn-classify: labels, fit and scale', () => {
	afterEach(() => setLanguage('en'));

	it('reads labels as a list of names (numbers as their digits), fit and scale', () => {
		const result = parseClassifyBlock('model: "[[m/model.json]]"\nlabels: [gato, perro, 3]\nfit: pad\nscale: -1..1');
		expect(result.ok && result.value).toMatchObject({ labels: ['gato', 'perro', '3'], fit: 'pad', scale: '-1..1' });
	});

	it('leaves labels, fit and scale unset when the block does not write them (metadata.json or the defaults decide)', () => {
		const result = parseClassifyBlock('model: "[[m/model.json]]"');
		expect(result.ok && result.value).not.toHaveProperty('labels');
		expect(result.ok && result.value).not.toHaveProperty('fit');
		expect(result.ok && result.value).not.toHaveProperty('scale');
	});

	it.each(['0..1', '-1..1', '0..255', '"0..255"', ' CROP '])('accepts %s', (value) => {
		const key = value.toLowerCase().includes('crop') ? 'fit' : 'scale';
		expect(parseClassifyBlock(`${key}: ${value}`).ok).toBe(true);
	});

	it.each([
		['labels: gato', 'classify.error.labelsList'],
		['labels: [solo]', 'classify.error.labelsCount'],
		['labels: [a, ""]', 'classify.error.labelBad'],
		['labels: [a, [b]]', 'classify.error.labelBad'],
		[`labels: [a, ${'x'.repeat(61)}]`, 'classify.error.labelBad'],
		['labels: [a, b, a]', 'classify.error.labelTwice'],
		['labels:', 'block.value.missing'],
		['fit: stretch', 'block.enum.invalid'],
		['scale: 1', 'block.enum.invalid'],
		['scale: [0, 1]', 'block.enum.invalid'],
	])('%s is refused with %s', (source, code) => {
		const errors = errorsOf(source);
		expect(errors.map((e) => e.code)).toContain(code);
		// Every error names its key and reads as a sentence in both languages.
		for (const e of errors) {
			expect(t(e.code, e.vars)).not.toMatch(/\{\w+\}/);
			setLanguage('es');
			expect(t(e.code, e.vars)).not.toMatch(/\{\w+\}/);
			setLanguage('en');
		}
	});

	it('suggests the near word for a misspelt fit', () => {
		expect(errorsOf('fit: cropp')[0]?.suggestion).toBe('crop');
	});

	it('a list of 1,001 labels is refused without building all of them', () => {
		const names = Array.from({ length: 1001 }, (_, i) => `c${i}`).join(', ');
		expect(errorsOf(`labels: [${names}]`)[0]?.code).toBe('classify.error.labelsCount');
	});

	it('labels named constructor or __proto__ are plain names', () => {
		const result = parseClassifyBlock('labels: [constructor, __proto__, toString]');
		expect(result.ok && result.value.labels).toEqual(['constructor', '__proto__', 'toString']);
	});
});
