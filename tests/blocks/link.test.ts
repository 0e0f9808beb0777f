import { parseWikiLink } from '../../src/blocks/link';
import { readYaml } from '../../src/blocks/source';

/** The value of `image` in a block source, as YAML reads it (after quoting embeds). */
function imageOf(source: string): unknown {
	const read = readYaml(source);
	if (!read.ok) throw new Error(`YAML failed: ${JSON.stringify(read.errors)}`);
	return read.value.data.image;
}

describe('parseWikiLink', () => {
	it.each([
		['"[[a.png]]"', '[[a.png]]', { path: 'a.png', embed: false }],
		['"![[a.png]]"', '![[a.png]]', { path: 'a.png', embed: true }],
		['"[[a.png|alias]]"', '[[a.png|alias]]', { path: 'a.png', alias: 'alias', embed: false }],
		['"![[a.png|200]]"', '![[a.png|200]]', { path: 'a.png', alias: '200', embed: true }],
		['"[[folder/a b.png]]"', '[[folder/a b.png]]', { path: 'folder/a b.png', embed: false }],
		['"[[Pasted image 2023.png]]" with spaces around', '  [[Pasted image 2023.png]] ', { path: 'Pasted image 2023.png', embed: false }],
	])('reads the string %s', (_name, value, link) => {
		expect(parseWikiLink(value)).toEqual(link);
	});

	it('reads the nested list YAML makes of an unquoted [[a.png]]', () => {
		expect(parseWikiLink([['a.png']])).toEqual({ path: 'a.png', embed: false });
		expect(parseWikiLink([['a.png|alias']])).toEqual({ path: 'a.png', alias: 'alias', embed: false });
	});

	it.each([
		['quoted', 'image: "[[a.png]]"', { path: 'a.png', embed: false }],
		['unquoted', 'image: [[a.png]]', { path: 'a.png', embed: false }],
		['unquoted with alias', 'image: [[a.png|alias]]', { path: 'a.png', alias: 'alias', embed: false }],
		['unquoted with a folder and spaces', 'image: [[folder/a b.png]]', { path: 'folder/a b.png', embed: false }],
		['unquoted with a comma in the name', 'image: [[a, b.png]]', { path: 'a, b.png', embed: false }],
		['unquoted with a number as name', 'image: [[2023]]', { path: '2023', embed: false }],
		['quoted embed', "image: '![[a.png]]'", { path: 'a.png', embed: true }],
		['unquoted embed (a YAML tag otherwise)', 'image: ![[a.png]]', { path: 'a.png', embed: true }],
		['unquoted embed with a comment', 'image: ![[a.png]]   # the figure', { path: 'a.png', embed: true }],
		["unquoted embed with a ' in the name", "image: ![[it's.png]]", { path: "it's.png", embed: true }],
	])('works through the block YAML: %s', (_name, source, link) => {
		expect(parseWikiLink(imageOf(source))).toEqual(link);
	});

	it('keeps line numbers when quoting an unquoted embed', () => {
		const read = readYaml('input: |\n  1 2\nimage: ![[a.png]]\nflip: [\n');
		expect(read.ok).toBe(false);
		if (!read.ok) expect(read.errors[0]).toMatchObject({ code: 'block.yaml.syntax' });
		const ok = readYaml('input: |\n  1 2\nimage: ![[a.png]]\nstride: 2\n');
		expect(ok.ok && ok.value.lines.keyLine('stride')).toBe(4);
		expect(ok.ok && ok.value.data.input).toBe('1 2\n');
	});

	it('reads an unquoted embed in a list', () => {
		const read = readYaml('images:\n  - ![[a.png]]\n  - [[b.png]]\n');
		expect(read.ok).toBe(true);
		if (read.ok) {
			const items = read.value.data.images as unknown[];
			expect(items.map(parseWikiLink)).toEqual([
				{ path: 'a.png', embed: true },
				{ path: 'b.png', embed: false },
			]);
		}
	});

	it.each([
		['a plain path', 'a.png'],
		['an empty link', '[[]]'],
		['a link with only an alias', '[[ |alias]]'],
		['text around the link', 'see [[a.png]]'],
		['a number', 3],
		['null', null],
		['a list of lists of numbers (a matrix)', [[1, 2], [3, 4]]],
		['a nested empty list', [[]]],
		['a nested list holding a mapping', [[{ a: 'b' }]]],
	])('returns null for %s', (_name, value) => {
		expect(parseWikiLink(value)).toBeNull();
	});
});
