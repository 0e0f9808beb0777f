import { parseYaml } from '../../harness/obsidian';
import { parseWikiLink } from '../../src/blocks/link';
import { quoteEmbeds } from '../../src/blocks/source';
import { findCnnBlocks, plainLinkSafe, rewriteBlockLinks } from '../../src/vault/block-links';

const block = (lang: string, ...lines: string[]) => ['```' + lang, ...lines, '```'].join('\n');
const paths = (note: string) => findCnnBlocks(note).flatMap((b) => b.links.map((l) => l.linkpath));
/** Renames every link path `from` to `to`. */
const rename = (from: string, to: string) => (link: { linkpath: string }) => (link.linkpath === from ? to : null);

describe('findCnnBlocks', () => {
	it('finds every link form with its exact place', () => {
		const note = [
			'# Title [[a.png]]',
			block('cnn-conv', 'image: "[[a.png]]"'),
			block('cnn-pool', "image: '[[b b.png|Alias]]'"),
			block('cnn-conv', 'image: [[c.png]]'),
			block('cnn-conv', 'image: ![[d.png]]'),
			block('cnn-classify', 'model: "[[models/m.json#x]]"', 'input: "![[e.png]]"'),
		].join('\n');
		const blocks = findCnnBlocks(note);
		expect(blocks.map((b) => b.language)).toEqual(['cnn-conv', 'cnn-pool', 'cnn-conv', 'cnn-conv', 'cnn-classify']);
		const links = blocks.flatMap((b) => b.links);
		expect(links.map((l) => [l.linkpath, l.quote, l.embed])).toEqual([
			['a.png', '"', false],
			['b b.png', "'", false],
			['c.png', '', false],
			['d.png', '', true],
			['models/m.json', '"', false],
			['e.png', '"', true],
		]);
		for (const l of links) {
			expect(note.slice(l.from, l.to)).toBe(l.text);
			expect(note.slice(l.pathFrom, l.pathTo)).toBe(l.linkpath);
			expect(note.split('\n')[l.line]).toContain(l.text);
		}
		expect(links[0]?.text).toBe('"[[a.png]]"');
		expect(links[3]?.text).toBe('![[d.png]]');
	});

	it('ignores links outside CNN blocks and inside other code blocks', () => {
		const note = ['[[a.png]]', block('python', 'x = "[[b.png]]"'), '````markdown', block('cnn-conv', 'image: "[[c.png]]"'), '````', block('cnn-pool', 'image: "[[d.png]]"')].join('\n');
		expect(paths(note)).toEqual(['d.png']);
	});

	it('reads blocks in callouts, nested quotes and lists, with ~~~ and longer fences', () => {
		const note = [
			'> [!note] Look',
			'> ```cnn-conv',
			'> image: "[[a.png]]"',
			'> ```',
			'',
			'> > ```cnn-pool',
			'> > image: "[[b.png]]"',
			'> > ```',
			'',
			'- item',
			'',
			'    ```cnn-conv',
			'    image: [[c.png]]',
			'    ```',
			'1. ~~~~cnn-classify',
			'   input: "[[d.png]]"',
			'   ~~~~',
		].join('\n');
		expect(findCnnBlocks(note).map((b) => [b.language, b.line, b.endLine])).toEqual([
			['cnn-conv', 1, 3],
			['cnn-pool', 5, 7],
			['cnn-conv', 11, 13],
			['cnn-classify', 14, 16],
		]);
		expect(paths(note)).toEqual(['a.png', 'b.png', 'c.png', 'd.png']);
	});

	it('ends a block in a callout where the callout ends, and an unclosed block at the end of the note', () => {
		const note = ['> ```cnn-conv', '> image: "[[a.png]]"', 'image: "[[outside.png]]"', '```cnn-pool', 'image: "[[b.png]]"'].join('\n');
		expect(paths(note)).toEqual(['a.png', 'b.png']);
		expect(findCnnBlocks(note).map((b) => [b.line, b.endLine])).toEqual([
			[0, 1],
			[3, 4],
		]);
	});

	it('keeps offsets right with CRLF line breaks, and finds the same link many times', () => {
		const note = ['```cnn-conv', 'image: "[[a.png]]"', '```', '```cnn-pool', 'image: "[[a.png]]" # [[a.png]]', '```'].join('\r\n');
		const links = findCnnBlocks(note).flatMap((b) => b.links);
		expect(links.map((l) => [l.line, note.slice(l.pathFrom, l.pathTo)])).toEqual([
			[1, 'a.png'],
			[4, 'a.png'],
			[4, 'a.png'],
		]);
	});

	it('takes a one-row matrix in flow style for a matrix, not a link', () => {
		const note = block('cnn-conv', 'input: [[2, 1, -1]]', 'kernel: [[0.5, 1e-3, .2,]]', 'bias: [[1]]', 'image: [[2023.png]]', 'other: "[[12]]"', 'x: [[1, 0], [0, 1]]');
		expect(paths(note)).toEqual(['2023.png', '12']);
	});

	it('unescapes quoted paths as YAML reads them', () => {
		const note = block('cnn-conv', "image: '[[Ana''s photo.png]]'");
		expect(paths(note)).toEqual(["Ana's photo.png"]);
	});
});

describe('rewriteBlockLinks', () => {
	it('changes only the link path, keeping quotes, embed marks, aliases and subpaths', () => {
		const note = [
			'Text [[a.png]] stays.',
			block('cnn-conv', 'image: "[[a.png]]"'),
			block('cnn-conv', "image: '[[a.png|Alias]]'"),
			block('cnn-conv', 'image: [[a.png]]'),
			block('cnn-conv', 'image: ![[a.png]]  # the picture'),
			block('cnn-classify', 'input: "![[ a.png #part]]"', 'model: digits'),
		].join('\n');
		const result = rewriteBlockLinks(note, rename('a.png', 'pics/b.png'));
		expect(result).toMatchObject({ links: 5, blocks: 5 });
		expect(result.text).toBe(
			[
				'Text [[a.png]] stays.',
				block('cnn-conv', 'image: "[[pics/b.png]]"'),
				block('cnn-conv', "image: '[[pics/b.png|Alias]]'"),
				block('cnn-conv', 'image: [[pics/b.png]]'),
				block('cnn-conv', 'image: ![[pics/b.png]]  # the picture'),
				block('cnn-classify', 'input: "![[ pics/b.png #part]]"', 'model: digits'),
			].join('\n'),
		);
	});

	it('keeps CRLF, callout prefixes and list indentation', () => {
		const note = ['> ```cnn-conv', '> image: "[[a.png]]"', '> ```', '', '- x', '  ```cnn-pool', '  image: [[a.png]]', '  ```', ''].join('\r\n');
		const result = rewriteBlockLinks(note, rename('a.png', 'b.png'));
		expect(result.text).toBe(note.replace(/a\.png/g, 'b.png'));
		expect(result).toMatchObject({ links: 2, blocks: 2 });
	});

	it('counts blocks and links: several links in one block', () => {
		const note = block('cnn-classify', 'model: "[[a.png]]"', 'input: "[[a.png]]"') + '\n' + block('cnn-conv', 'image: "[[other.png]]"');
		expect(rewriteBlockLinks(note, rename('a.png', 'b.png'))).toMatchObject({ links: 2, blocks: 1 });
	});

	it('escapes the new path for its quotes, so YAML reads it back', () => {
		const single = rewriteBlockLinks(block('cnn-conv', "image: '[[a.png]]'"), rename('a.png', "Ana's.png")).text;
		expect(single).toContain("'[[Ana''s.png]]'");
		const embed = rewriteBlockLinks(block('cnn-conv', 'image: ![[a.png]]'), rename('a.png', "Ana's.png")).text;
		const data = parseYaml(quoteEmbeds(embed.split('\n')[1] ?? '')) as { image: unknown };
		expect(parseWikiLink(data.image)).toEqual({ path: "Ana's.png", embed: true });
	});

	it('quotes an unquoted link whose new path YAML would read as something else', () => {
		const note = block('cnn-conv', 'image: [[a.png|x]] # pic');
		const text = rewriteBlockLinks(note, rename('a.png', '{draft}.png')).text;
		expect(text.split('\n')[1]).toBe('image: "[[{draft}.png|x]]" # pic');
		const plain = rewriteBlockLinks(note, rename('a.png', 'my pics, 2023/b.png')).text;
		expect(plain.split('\n')[1]).toBe('image: [[my pics, 2023/b.png|x]] # pic');
	});

	it('returns the same text when nothing is renamed', () => {
		const note = block('cnn-conv', 'image: "[[a.png]]"');
		expect(rewriteBlockLinks(note, () => null)).toEqual({ text: note, links: 0, blocks: 0, skipped: 0 });
	});
});

describe('plainLinkSafe', () => {
	it.each(['a.png', 'Pasted image 20230101.png', 'models/m.json', 'a, b.png', "Ana's.png", 'x-y.png'])('%s reads back unquoted', (path) => {
		expect(plainLinkSafe(path)).toBe(true);
		const value = parseYaml(`image: [[${path}]]`) as { image: unknown };
		expect(parseWikiLink(value.image)?.path).toBe(path);
	});

	it.each(['{a}.png', 'a,b.png', '-a.png', '&a.png', "'a.png", '123', 'true', 'a #b.png', 'a: b.png', ' a.png'])('%s needs quotes', (path) => {
		expect(plainLinkSafe(path)).toBe(false);
	});
});

describe('rewriting round trips on generated notes', () => {
	/** A small deterministic generator (LCG), so a failure names its seed. */
	function generator(seed: number) {
		let state = seed >>> 0;
		const next = () => (state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 2 ** 32;
		return <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
	}
	const FORMS = ['"[[P]]"', "'[[P]]'", '[[P]]', '![[P]]', '"![[P]]"', '"[[P|alias]]"', '[[P#part]]'];
	const PREFIXES = ['', '> ', '> > ', '  ', '    ', '>'];
	const KEYS = ['image', 'input', 'model', 'data'];
	const LANGS = ['cnn-conv', 'cnn-pool', 'cnn-classify', 'cnn-train', 'python', 'cnn-other'];

	/** A note of blocks in callouts, lists and plain, with links to a.png among others, and `expected` a.png links in CNN blocks. */
	function note(seed: number): { text: string; expected: number } {
		const pick = generator(seed);
		const lines: string[] = [];
		let expected = 0;
		let inItem = false;
		for (let b = 0; b < 6; b++) {
			const prefix = pick(PREFIXES);
			const lang = pick(LANGS);
			const fence = pick(['```', '~~~', '````']);
			const lead = pick(['Some text [[a.png]].', '', '- item']);
			lines.push(lead);
			if (lead !== '') inItem = lead === '- item';
			// Indented 4 spaces, a fence is indented code unless it continues a list item (CommonMark).
			const code = prefix === '    ' && !inItem;
			// A line less indented than the item's content (2) ends the item.
			if (prefix !== '  ' && prefix !== '    ') inItem = false;
			if (prefix.trim() !== '' || lines[lines.length - 1] !== '') lines.push(prefix.trimEnd() === '' ? '' : prefix.trimEnd());
			lines.push(`${prefix}${fence}${lang}`);
			for (let k = 0; k < 3; k++) {
				const target = pick(['a.png', 'a.png', 'b.png', 'dir/a.png']);
				lines.push(`${prefix}${pick(KEYS)}: ${pick(FORMS).replace('P', target)}${pick(['', ' # note'])}`);
				if (target === 'a.png' && !code && ['cnn-conv', 'cnn-pool', 'cnn-classify', 'cnn-train'].includes(lang)) expected++;
			}
			lines.push(`${prefix}${fence}`);
			lines.push('');
		}
		return { text: lines.join(pick(['\n', '\r\n'])), expected };
	}

	it.each(Array.from({ length: 40 }, (_, i) => i + 1))('seed %i: a.png -> c c.png -> a.png gives the note back, changing only those links', (seed) => {
		const { text, expected } = note(seed);
		const there = rewriteBlockLinks(text, rename('a.png', 'c c.png'));
		expect(there.links).toBe(expected);
		expect(there.text.length).toBe(text.length + 2 * expected);
		expect(there.text.split(/\r?\n/).length).toBe(text.split(/\r?\n/).length);
		expect(there.text.split('\r').length).toBe(text.split('\r').length);
		const back = rewriteBlockLinks(there.text, rename('c c.png', 'a.png'));
		expect(back.text).toBe(text);
		// Outside CNN blocks, every a.png is where it was.
		expect(there.text.split('Some text [[a.png]].').length).toBe(text.split('Some text [[a.png]].').length);
	});
});

describe('only what the block reads changes, and never text outside a block', () => {
	it('rewrites a link only when it is a whole value; a link inside a longer text is left and counted', () => {
		const note = block('cnn-conv', 'image: "[[a.png]]"', 'caption: "see [[a.png]] here"', "alt: 'see [[a.png]] here'", 'image: [[a.png]] # was [[a.png]]', '- "[[a.png]]"');
		const result = rewriteBlockLinks(note, rename('a.png', "{draft} Bob's.png"));
		expect(result.text).toBe(
			block('cnn-conv', `image: "[[{draft} Bob's.png]]"`, 'caption: "see [[a.png]] here"', "alt: 'see [[a.png]] here'", `image: "[[{draft} Bob's.png]]" # was [[a.png]]`, `- "[[{draft} Bob's.png]]"`),
		);
		expect(result.links).toBe(3);
		expect(result.skipped).toBe(3);
		const body = result.text.split('\n').slice(1, 4).join('\n');
		expect(parseYaml(body)).toEqual({ image: "[[{draft} Bob's.png]]", caption: 'see [[a.png]] here', alt: 'see [[a.png]] here' });
	});

	it('escapes the alias and subpath too when an unquoted link gets quotes', () => {
		const note = block('cnn-conv', 'image: [[a.png|say "hi" \\d]]');
		const text = rewriteBlockLinks(note, rename('a.png', '&x.png')).text;
		const value = (parseYaml(text.split('\n')[1] ?? '') as { image: unknown }).image;
		expect(value).toBe('[[&x.png|say "hi" \\d]]');
		expect(parseWikiLink(value)).toEqual({ path: '&x.png', alias: 'say "hi" \\d', embed: false });
	});

	it.each(['a]x.png', 'b#1.png', 'c|d.png', 'e^f.png', 'g[h.png'])('leaves a link whose new name %s a wiki-link cannot hold', (name) => {
		const note = block('cnn-conv', 'image: "[[a.png]]"');
		expect(rewriteBlockLinks(note, rename('a.png', name))).toEqual({ text: note, links: 0, blocks: 0, skipped: 1 });
	});

	it('ends an unclosed block of a list item where the item ends', () => {
		const note = ['- item', '  ```cnn-conv', '  image: "[[a.png]]"', '', 'Prose ![[a.png]] outside', '```js', 'x ![[a.png]]', '```'].join('\n');
		expect(findCnnBlocks(note).map((b) => [b.line, b.endLine])).toEqual([[1, 3]]);
		const result = rewriteBlockLinks(note, rename('a.png', 'b.png'));
		expect(result.text).toBe(note.replace('  image: "[[a.png]]"', '  image: "[[b.png]]"'));
	});

	it('ends a block of a nested list item at a line indented less than that item', () => {
		const note = ['- a', '  - b', '    ```cnn-conv', '    image: "[[a.png]]"', '  - c [[a.png]]', '    "[[a.png]]"'].join('\n');
		expect(findCnnBlocks(note).map((b) => [b.line, b.endLine, b.links.length])).toEqual([[2, 3, 1]]);
	});

	it('takes a fence indented 4 spaces at the top level for indented code, but not in a list item', () => {
		expect(findCnnBlocks(['para', '', '    ```cnn-conv', '    image: [[a.png]]', '', 'prose [[a.png]]'].join('\n'))).toEqual([]);
		expect(findCnnBlocks(['> quote', '>     ```cnn-conv', '> image: [[a.png]]'].join('\n'))).toEqual([]);
		expect(paths(['- item', '', '    ```cnn-conv', '    image: [[a.png]]', '    ```'].join('\n'))).toEqual(['a.png']);
	});
});
