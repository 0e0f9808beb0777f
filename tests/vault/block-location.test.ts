import { locateBlock, replaceBlockBody } from '../../src/vault/block-location';

const all = (text: string) => ({ lineStart: 0, lineEnd: text.split('\n').length - 1 });

describe('locateBlock / replaceBlockBody', () => {
	it('finds a top-level block and rewrites only its changed lines', () => {
		const note = 'a\n```cnn-conv\nkernel: |\n  1 0\n```\nb\n';
		const found = locateBlock(note, all(note), 'cnn-conv', 'kernel: |\n  1 0\n');
		expect(found).toEqual({ status: 'found', place: { bodyStart: 2, bodyEnd: 3, prefix: '' } });
		if (found.status !== 'found') throw new Error();
		expect(replaceBlockBody(note, found.place, 'kernel: |\n  2 0\n')).toBe('a\n```cnn-conv\nkernel: |\n  2 0\n```\nb\n');
	});

	it('reads callout lines without `> ` (a bare `>` is an empty line) and writes them back with it', () => {
		const note = '> [!note]\n> ```cnn-conv\n> a: 1\n>\n> b: 2\n> ```\n';
		const found = locateBlock(note, all(note), 'cnn-conv', 'a: 1\n\nb: 2');
		if (found.status !== 'found') throw new Error(found.status);
		expect(found.place.prefix).toBe('> ');
		expect(replaceBlockBody(note, found.place, 'a: 1\n\nb: 3\nc: 4')).toBe('> [!note]\n> ```cnn-conv\n> a: 1\n>\n> b: 3\n> c: 4\n> ```\n');
	});

	it('keeps CRLF line endings', () => {
		const note = 'x\r\n```cnn-pool\r\nsize: 2\r\n```\r\n';
		const found = locateBlock(note, all(note), 'cnn-pool', 'size: 2\n');
		if (found.status !== 'found') throw new Error(found.status);
		expect(replaceBlockBody(note, found.place, 'size: 3\n')).toBe('x\r\n```cnn-pool\r\nsize: 3\r\n```\r\n');
	});

	it('says missing when the span does not hold the source, ambiguous when it holds it twice', () => {
		const note = '```cnn-conv\na: 1\n```\n```cnn-conv\na: 1\n```\n';
		expect(locateBlock(note, all(note), 'cnn-conv', 'a: 2').status).toBe('missing');
		expect(locateBlock(note, all(note), 'cnn-pool', 'a: 1').status).toBe('missing');
		expect(locateBlock(note, all(note), 'cnn-conv', 'a: 1').status).toBe('ambiguous');
		expect(locateBlock(note, { lineStart: 3, lineEnd: 5 }, 'cnn-conv', 'a: 1')).toEqual({ status: 'found', place: { bodyStart: 4, bodyEnd: 4, prefix: '' } });
		expect(locateBlock(note, { lineStart: 1, lineEnd: 2 }, 'cnn-conv', 'a: 1').status).toBe('missing');
	});

	it('finds blocks in a list inside a callout, after `>` and extra spaces, on a list item line, and with more words in the info string', () => {
		const src = 'a: 1\nb: 2\n';
		const write = (note: string): string => {
			const found = locateBlock(note, all(note), 'cnn-conv', src);
			if (found.status !== 'found') throw new Error(`${found.status}: ${note}`);
			return replaceBlockBody(note, found.place, 'a: 1\nb: 3\n');
		};
		expect(write('> - item\n>   ```cnn-conv\n>   a: 1\n>   b: 2\n>   ```\n')).toBe('> - item\n>   ```cnn-conv\n>   a: 1\n>   b: 3\n>   ```\n');
		expect(write('>  ```cnn-conv\n>  a: 1\n>  b: 2\n>  ```\n')).toBe('>  ```cnn-conv\n>  a: 1\n>  b: 3\n>  ```\n');
		expect(write('- ```cnn-conv\n  a: 1\n  b: 2\n  ```\n')).toBe('- ```cnn-conv\n  a: 1\n  b: 3\n  ```\n');
		expect(write('1. ```cnn-conv\n   a: 1\n   b: 2\n   ```\n')).toBe('1. ```cnn-conv\n   a: 1\n   b: 3\n   ```\n');
		expect(write('```cnn-conv title here\na: 1\nb: 2\n```\n')).toBe('```cnn-conv title here\na: 1\nb: 3\n```\n');
		expect(locateBlock('```cnn-convx\na: 1\nb: 2\n```\n', all('x\nx\nx\nx'), 'cnn-conv', src).status).toBe('missing');
	});

	it('keeps the lines after an inserted line as they were written', () => {
		const note = '- ```cnn-conv\n  a: 1\n\tb: 2\n  ```\n';
		const found = locateBlock(note, all(note), 'cnn-conv', 'a: 1\nb: 2');
		if (found.status !== 'found') throw new Error(found.status);
		// The last line is indented with a tab, not the item's two spaces: unchanged, it stays so after the shift.
		expect(replaceBlockBody(note, found.place, 'a: 0\nz: 9\nb: 2')).toBe('- ```cnn-conv\n  a: 0\n  z: 9\n\tb: 2\n  ```\n');
	});
});
