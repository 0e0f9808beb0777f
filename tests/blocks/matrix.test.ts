import { MAX_MATRIX_ERRORS, parseMatrix } from '../../src/blocks/matrix';
import { SourceLines } from '../../src/blocks/source';
import type { Problem } from '../../src/blocks/types';

/** The rows of a matrix that must parse. */
function rows(value: unknown): number[][] {
	const result = parseMatrix(value, { key: 'input' });
	if (!result.ok) throw new Error(`expected a matrix, got ${JSON.stringify(result.errors)}`);
	return result.value;
}

/** The errors of a matrix that must not parse. */
function errors(value: unknown, source?: string): Problem[] {
	const place = source === undefined ? undefined : new SourceLines(source).place('input');
	const result = parseMatrix(value, { key: 'input', place });
	if (result.ok) throw new Error(`expected errors, got ${JSON.stringify(result.value)}`);
	return result.errors;
}

describe('parseMatrix', () => {
	it('reads a block scalar of whitespace-separated rows', () => {
		expect(rows('1 1 0\n0 1 1\n')).toEqual([
			[1, 1, 0],
			[0, 1, 1],
		]);
	});

	it('accepts commas, mixed with spaces, and skips blank lines', () => {
		expect(rows('1 1 0\n\n0,1 1\n 2 , 3,4 \n')).toEqual([
			[1, 1, 0],
			[0, 1, 1],
			[2, 3, 4],
		]);
	});

	it('gives the same matrix for a block scalar and a list of lists', () => {
		expect(rows('1 2\n3 4')).toEqual(rows([[1, 2], [3, 4]]));
		expect(rows(['1 2', '3 4'])).toEqual([
			[1, 2],
			[3, 4],
		]);
	});

	it('reads negatives, decimals, exponents, leading dots, plus signs and the Unicode minus', () => {
		expect(rows('-0.5 1e-3 .25\n+2 −1 -1.5E2')).toEqual([
			[-0.5, 0.001, 0.25],
			[2, -1, -150],
		]);
		expect(rows([[-0.5, '1e-3', '.25']])).toEqual([[-0.5, 0.001, 0.25]]);
	});

	it('reads a list of numbers as one row and a single number as 1x1', () => {
		expect(rows([1, 2, 3])).toEqual([[1, 2, 3]]);
		expect(rows(7)).toEqual([[7]]);
		expect(rows('7')).toEqual([[7]]);
	});

	it('ragged rows: which row, expected vs got length, and the row received', () => {
		const [e, ...rest] = errors('1 2 3\n4 5\n6 7 8');
		expect(rest).toEqual([]);
		expect(e).toMatchObject({ code: 'block.matrix.ragged', key: 'input', vars: { row: 2, got: 2, expected: 3, received: '4 5' } });
	});

	it('ragged rows of a list of lists', () => {
		expect(errors([[1, 2], [3]])[0]).toMatchObject({ code: 'block.matrix.ragged', vars: { row: 2, got: 1, expected: 2, received: '[3]' } });
	});

	it('non-numbers: row, column and the text received', () => {
		expect(errors('1 2\n3 abc')[0]).toMatchObject({ code: 'block.matrix.notNumber', key: 'input', vars: { row: 2, col: 2, received: 'abc' } });
		expect(errors([[1, 'x']])[0]).toMatchObject({ code: 'block.matrix.notNumber', vars: { row: 1, col: 2, received: 'x' } });
	});

	it.each([
		['a boolean', [[1, true]], 'block.matrix.notNumber', 'true'],
		['a nested list', [[1, [2]]], 'block.matrix.notNumber', '[2]'],
		['null (an empty cell)', [[1, null]], 'block.matrix.emptyCell', 'null'],
		['NaN', [[1, Number.NaN]], 'block.matrix.notFinite', 'NaN'],
		['Infinity', [[1, Infinity]], 'block.matrix.notFinite', 'Infinity'],
		['the word Infinity', 'Infinity 1', 'block.matrix.notFinite', 'Infinity'],
		['the word NaN', 'NaN 1', 'block.matrix.notFinite', 'NaN'],
		['a numeral too large for a double', '1e400 1', 'block.matrix.notFinite', '1e400'],
		['a hexadecimal numeral', '0x10 1', 'block.matrix.notNumber', '0x10'],
	])('rejects %s', (_what, value, code, received) => {
		expect(errors(value)[0]).toMatchObject({ code, key: 'input', vars: { received } });
	});

	it('an empty matrix is an error, with what was received', () => {
		expect(errors('')[0]).toMatchObject({ code: 'block.matrix.empty', key: 'input', vars: { received: '""' } });
		expect(errors('  \n\n')[0]).toMatchObject({ code: 'block.matrix.empty' });
		expect(errors([])[0]).toMatchObject({ code: 'block.matrix.empty', vars: { received: '[]' } });
	});

	it('an empty row of a list is an error', () => {
		expect(errors([[1], []])[0]).toMatchObject({ code: 'block.matrix.emptyRow', vars: { row: 2 } });
	});

	it('a value with no matrix shape is an error naming it', () => {
		expect(errors({ a: 1 })[0]).toMatchObject({ code: 'block.matrix.notMatrix', vars: { received: '{"a":1}' } });
		expect(errors(true)[0]).toMatchObject({ code: 'block.matrix.notMatrix', vars: { received: 'true' } });
		expect(errors(null)[0]).toMatchObject({ code: 'block.value.missing', key: 'input' });
	});

	it(`reports at most ${MAX_MATRIX_ERRORS} problems for one matrix`, () => {
		expect(errors('a b c d e f g\n1 2')).toHaveLength(MAX_MATRIX_ERRORS);
	});

	it('rejects a matrix larger than maxSide, naming its size', () => {
		const wide = Array.from({ length: 3 }, () => '1 1 1 1').join('\n');
		const result = parseMatrix(wide, { key: 'kernel', maxSide: 3 });
		expect(result.ok).toBe(false);
		if (!result.ok) expect(result.errors[0]).toMatchObject({ code: 'block.matrix.tooLarge', key: 'kernel', vars: { received: '3x4', max: 3 } });
		expect(parseMatrix('1 1 1\n1 1 1\n1 1 1', { key: 'kernel', maxSide: 3 }).ok).toBe(true);
	});

	it('puts row errors on the line of the row in a | block', () => {
		const source = 'kernel: sobel-x\ninput: |\n  1 2\n\n  3 x\n  4 5 6\n';
		const [notNumber, ragged] = errors('1 2\n\n3 x\n4 5 6\n', source);
		expect(notNumber).toMatchObject({ code: 'block.matrix.notNumber', line: 5, vars: { row: 2, col: 2 } });
		expect(ragged).toMatchObject({ code: 'block.matrix.ragged', line: 6, vars: { row: 3 } });
	});

	it('puts row errors on the line of the item in a block list', () => {
		const source = 'input:\n  - [1, 2]\n  # comment\n  - [3]\n';
		expect(errors([[1, 2], [3]], source)[0]).toMatchObject({ line: 4, vars: { row: 2 } });
	});

	it('puts row errors on the key line for a one-line list', () => {
		expect(errors([[1, 2], [3]], '\ninput: [[1, 2], [3]]\n')[0]).toMatchObject({ line: 2 });
	});
});
