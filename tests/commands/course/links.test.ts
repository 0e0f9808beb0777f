import { rewriteCourseLinks, shortestLinkPath, type CourseLinkTargets } from '../../../src/commands/course/links';

/** Course files in "C/": Pooling.md, Convolution.md and attachments/edges.png, edges.png's name taken elsewhere, Pooling's too. */
const taken = new Set(['pooling.md', 'edges.png']);
const targets: CourseLinkTargets = {
	byName: new Map([
		['pooling', 'C/Pooling.md'],
		['pooling.md', 'C/Pooling.md'],
		['convolution', 'C/Convolution.md'],
		['convolution.md', 'C/Convolution.md'],
		['edges.png', 'C/attachments/edges.png'],
	]),
	linkPath: (path) => shortestLinkPath(path, (name) => (taken.has(name) ? 2 : 1)),
};

describe('shortestLinkPath', () => {
	it('is the name alone when unique, without .md for notes', () => {
		expect(shortestLinkPath('C/Convolution.md', () => 1)).toBe('Convolution');
		expect(shortestLinkPath('C/attachments/relu.png', () => 1)).toBe('relu.png');
	});

	it('is the full path when another file has the name (case-insensitively)', () => {
		expect(shortestLinkPath('C/Pooling.md', (n) => (n === 'pooling.md' ? 2 : 1))).toBe('C/Pooling');
		expect(shortestLinkPath('C/attachments/edges.png', (n) => (n === 'edges.png' ? 2 : 1))).toBe('C/attachments/edges.png');
	});
});

describe('rewriteCourseLinks', () => {
	it('leaves links to unique names as they are', () => {
		const text = 'See [[Convolution]], [[Convolution#Stride]] and [[Convolution|the convolution note]].';
		expect(rewriteCourseLinks(text, targets)).toBe(text);
	});

	it('writes the full path of a taken name, keeping heading, alias and the text shown', () => {
		expect(rewriteCourseLinks('[[Pooling]] · [[Pooling|pooling]] · [[Pooling#Global pooling]] · ![[edges.png]]', targets)).toBe(
			'[[C/Pooling|Pooling]] · [[C/Pooling|pooling]] · [[C/Pooling#Global pooling|Pooling > Global pooling]] · ![[C/attachments/edges.png]]',
		);
	});

	it('leaves links to files outside the course alone', () => {
		const text = 'Back to [[Start here]] and ![[photo.png]].';
		expect(rewriteCourseLinks(text, targets)).toBe(text);
	});

	it('inside cnn-* blocks: rewrites quoted links in place, quotes changed unquoted ones, never touches matrices', () => {
		const text = [
			'```cnn-conv',
			'image: "[[edges.png]]"',
			'```',
			'```cnn-conv',
			'image: [[edges.png]]',
			'input: [[1, 2], [3, 4]]',
			'kernel: [[0.5, 1, 2]]',
			'```',
			'```cnn-classify',
			'input: ![[edges.png]]',
			'```',
		].join('\n');
		expect(rewriteCourseLinks(text, targets).split('\n')).toEqual([
			'```cnn-conv',
			'image: "[[C/attachments/edges.png]]"',
			'```',
			'```cnn-conv',
			'image: "[[C/attachments/edges.png]]"',
			'input: [[1, 2], [3, 4]]',
			'kernel: [[0.5, 1, 2]]',
			'```',
			'```cnn-classify',
			'input: "![[C/attachments/edges.png]]"',
			'```',
		]);
	});

	it('does not touch other code blocks, and goes on after them', () => {
		const text = ['```markdown', '![[edges.png]]', '```', '![[edges.png]]'].join('\n');
		expect(rewriteCourseLinks(text, targets).split('\n')).toEqual(['```markdown', '![[edges.png]]', '```', '![[C/attachments/edges.png]]']);
	});

	it('keeps CRLF line ends', () => {
		expect(rewriteCourseLinks('[[Pooling]]\r\nnext\r\n', targets)).toBe('[[C/Pooling|Pooling]]\r\nnext\r\n');
	});
});
