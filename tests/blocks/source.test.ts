import { quoteEmbeds, readYaml, SourceLines } from '../../src/blocks/source';
import type { Problem } from '../../src/blocks/types';

/** The errors of a source that must not read as a mapping. */
function errorsOf(source: string): Problem[] {
	const read = readYaml(source);
	if (read.ok) throw new Error(`expected errors, got ${JSON.stringify(read.value.data)}`);
	return read.errors;
}

describe('readYaml', () => {
	it('reads a mapping', () => {
		const read = readYaml('input: |\n  1 2\nstride: 2\n');
		expect(read.ok && read.value.data).toEqual({ input: '1 2\n', stride: 2 });
	});

	it.each([
		['an empty block', ''],
		['only blank lines', '\n  \n'],
		['only comments', '# just a note\n  # another\n'],
	])('reports %s as block.empty', (_name, source) => {
		expect(errorsOf(source)).toEqual([{ code: 'block.empty', vars: {} }]);
	});

	it.each([
		['plain text', 'just some text', '"just some text"'],
		['a number', '42', '42'],
		['a list', '- 1\n- 2', '[1,2]'],
	])('reports %s as block.notMapping with what was received', (_name, source, received) => {
		expect(errorsOf(source)).toEqual([{ code: 'block.notMapping', vars: { received }, line: 1 }]);
	});

	it("reports a YAML syntax error with js-yaml's line (1-based) and reason", () => {
		const [error] = errorsOf('input: |\n  1 2\nstride: [1,\nflip: true\n');
		expect(error).toMatchObject({ code: 'block.yaml.syntax', line: 4 });
		expect(error?.vars.reason).toEqual(expect.any(String));
		expect(error?.vars.line).toBe(4);
	});

	it('reports bad indentation on its line', () => {
		expect(errorsOf('input: 1\n  stride: 2\n')[0]).toMatchObject({ code: 'block.yaml.syntax', line: 2 });
	});

	it('reports a key written twice with its own message, key and line', () => {
		expect(errorsOf('input: 1\nstride: 1\nstride: 2\n')).toEqual([
			{ code: 'block.key.duplicate', vars: { key: 'stride' }, key: 'stride', line: 3 },
		]);
	});
});

describe('quoteEmbeds', () => {
	it('quotes unquoted ![[...]] values and nothing else, line by line', () => {
		const source = 'a: ![[x.png]]\nb: "![[y.png]]"\n- ![[z.png]]\nc: [[w.png]]\n  1 2 3\n';
		expect(quoteEmbeds(source)).toBe("a: '![[x.png]]'\nb: \"![[y.png]]\"\n- '![[z.png]]'\nc: [[w.png]]\n  1 2 3\n");
		expect(quoteEmbeds(source).split('\n')).toHaveLength(source.split('\n').length);
	});
});

describe('SourceLines', () => {
	const source = [
		'# a comment', // 1
		'input: |', // 2
		'  1 2 3', // 3
		'  4 5 6', // 4
		'filters:', // 5
		'  - sobel-x', // 6
		'  - |', // 7
		'    1 0', // 8
		'    0 1', // 9
		'  - [[1, 2], [3, 4]]', // 10
		'  -', // 11
		'    - [1, 0]', // 12
		'    - [0, 1]', // 13
		'stride: 2 # two', // 14
		'bias:', // 15
		'- 1', // 16
		'- 2', // 17
	].join('\n');
	const lines = new SourceLines(source);

	it('finds the line where each top-level key starts (1-based)', () => {
		expect(lines.keyLine('input')).toBe(2);
		expect(lines.keyLine('filters')).toBe(5);
		expect(lines.keyLine('stride')).toBe(14);
		expect(lines.keyLine('bias')).toBe(15);
		expect(lines.keyLine('padding')).toBeUndefined();
	});

	it('does not mistake a nested key or text for a top-level key', () => {
		const nested = new SourceLines('input: |\n  stride: 3\nstride: 1\n');
		expect(nested.keyLine('stride')).toBe(3);
	});

	it('finds the rows of a | block', () => {
		const place = lines.place('input');
		expect([place.line, place.rowLine(0), place.rowLine(1)]).toEqual([2, 3, 4]);
	});

	it('finds list items, their | rows and their nested rows', () => {
		const filters = lines.place('filters');
		expect([0, 1, 2, 3].map((i) => filters.item(i).line)).toEqual([6, 7, 10, 11]);
		expect([filters.item(1).rowLine(0), filters.item(1).rowLine(1)]).toEqual([8, 9]);
		expect(filters.item(2).rowLine(1)).toBe(10);
		expect([filters.item(3).rowLine(0), filters.item(3).rowLine(1)]).toEqual([12, 13]);
	});

	it('finds list items written at the key indentation', () => {
		expect([lines.place('bias').rowLine(0), lines.place('bias').rowLine(1)]).toEqual([16, 17]);
	});

	it('falls back to the key line, or to no line for a missing key', () => {
		expect(lines.place('stride').rowLine(3)).toBe(14);
		expect(lines.place('filters').item(9).line).toBe(5);
		expect(lines.place('padding').line).toBeUndefined();
		expect(lines.place('padding').item(0).rowLine(0)).toBeUndefined();
	});
});
