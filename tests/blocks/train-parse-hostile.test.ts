/** parseTrainBlock on hostile input: never throws, answers quickly, every problem translated without a `{placeholder}` left. */
import { setLanguage } from '../../harness/obsidian';
import { parseTrainBlock } from '../../src/blocks/parse-train';
import { TRAIN_KEYS } from '../../src/blocks/train-keys';
import type { Problem, Result } from '../../src/blocks/types';
import { t } from '../../src/i18n';

/** Parses in both languages, checks every message, and returns the English result. */
function parsed(source: string): Result<unknown> {
	let result: Result<unknown> | undefined;
	for (const language of ['es', 'en']) {
		setLanguage(language);
		const start = performance.now();
		result = parseTrainBlock(source);
		expect(performance.now() - start).toBeLessThan(1000);
		if (!result.ok) for (const e of result.errors) expect(textOf(e)).not.toMatch(/\{\w+\}/);
	}
	return result!;
}

/** Every text of a problem. */
function textOf(e: Problem): string {
	return [t(e.code, e.vars), e.allowed ?? '', e.suggestion ?? ''].join(' | ');
}

const HOSTILE_VALUES = ['1e39', '-1e39', '1e400', '.nan', '.NaN', '.inf', '-.inf', 'NaN', 'Infinity', '0x10', '1_000', '−1', '١', 'null', '~', 'true', '[]', '{}', '[[]]', '"[[]]"', '[[a, b]]', 'constructor', '__proto__', 'toString', '"(a+)+$"', '"[^"', '".*"', '"\\\\1"', '"$&"', '"((((((((((a*)*)*)*)*)*)*)*)*)*)$"', '😀', '"\u202edigits"', '"ker\u200bnel"', 'x'.repeat(5000)];

describe('parseTrainBlock: hostile values never throw', () => {
	const keys = Object.keys(TRAIN_KEYS);
	it('every hostile value as every key: only YAML\'s own readings are accepted (0x10 is 16, [[a, b]] a link, true)', () => {
		const accepted: string[] = [];
		for (const key of keys) {
			for (const value of HOSTILE_VALUES) {
				const result = parsed(`${key}: ${value}\n`);
				if (result.ok) accepted.push(`${key}: ${value}`);
				else expect(result.errors.every((e) => e.key === key)).toBe(true);
			}
		}
		expect(accepted.sort()).toEqual(['augment: true', 'batch: 0x10', 'data: [[a, b]]', 'epochs: 0x10', 'save: [[a, b]]', 'seed: 0x10']);
	});

	it.each(HOSTILE_VALUES)('%s as a layer item', (value) => {
		expect(parsed(`layers: [${value}]`).ok).toBe(false);
		expect(parsed(`layers:\n  - conv ${value} 3\n  - pool ${value}\n  - dropout ${value}\n  - dense ${value}`).ok).toBe(false);
	});

	it('prototype names as keys: unknown keys, nothing inherited', () => {
		for (const key of ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf', 'prototype']) {
			const result = parsed(`${key}: 1\nepochs: 2`);
			expect(result.ok).toBe(false);
			if (!result.ok) expect(result.errors[0]).toMatchObject({ code: 'block.key.unknown' });
		}
	});

	it('regular-expression metacharacters as keys are reported as written', () => {
		for (const key of ['"(a+)+$"', '"[^"', '".*"', '"\\\\1"', '"$&"', '"^$"']) {
			const result = parsed(`${key}: 1`);
			expect(!result.ok && result.errors[0]?.code).toBe('block.key.unknown');
		}
	});

	it('10,000-item lists and one 10,000-comma text stop at the bound', () => {
		const list = `layers:\n${Array.from({ length: 10_000 }, () => '  - relu').join('\n')}`;
		expect(parsed(list)).toMatchObject({ ok: false, errors: [{ code: 'train.layers.tooMany' }] });
		expect(parsed(`layers: "${Array(10_000).fill('relu').join(',')}"`)).toMatchObject({ ok: false, errors: [{ code: 'train.layers.tooMany' }] });
		expect(parsed(`layers: [${Array(10_000).fill('relu').join(', ')}]`)).toMatchObject({ ok: false, errors: [{ code: 'train.layers.tooMany' }] });
	});

	it('YAML aliases: a billion laughs is refused by the node count; a small alias is read', () => {
		const bomb = ['a: &a [relu, relu, relu, relu, relu, relu, relu, relu, relu, relu]', 'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]', 'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]', 'd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]', 'layers: [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]'].join('\n');
		expect(parsed(bomb)).toMatchObject({ ok: false, errors: [{ code: 'block.source.nodes' }] });
		const small = parsed('epochs: &n 4\nbatch: *n\n');
		expect(small).toMatchObject({ ok: true, value: { epochs: 4, batch: 4 } });
		expect(parsed('layers: &l [conv 8 3, relu, dense]\nx: *l').ok).toBe(false);
	});

	it('not a mapping, nested too deep, too long', () => {
		expect(parsed('- relu\n- dense')).toMatchObject({ ok: false, errors: [{ code: 'block.notMapping' }] });
		expect(parsed(`layers: ${'['.repeat(40)}relu${']'.repeat(40)}`).ok).toBe(false);
		expect(parsed(`layers: "${'relu,'.repeat(30_000)}"`)).toMatchObject({ ok: false, errors: [{ code: 'block.source.tooLong' }] });
	});
});
