/**
 * The insert commands: each example parses without errors in both languages, with its comments in
 * the user's language; inserting puts the block on lines of its own with blank lines around it and
 * the cursor after it, as one undoable change, through the plugin's registered commands.
 */
import type { Command } from 'obsidian';
import { Editor, setLanguage } from '../../harness/obsidian';
import { parseClassifyBlock } from '../../src/blocks/parse-classify';
import { parseConvBlock } from '../../src/blocks/parse-conv';
import { parsePoolBlock } from '../../src/blocks/parse-pool';
import { parseTrainBlock } from '../../src/blocks/parse-train';
import { exampleBlock, exampleSource, type ExampleKind } from '../../src/commands/examples';
import { blockInsertion } from '../../src/commands/insert-text';
import type { GlossaryLanguage } from '../../src/i18n';
import { loadPlugin, readGrid } from '../helpers/plugin';

const PARSERS = { conv: parseConvBlock, pool: parsePoolBlock, classify: parseClassifyBlock, train: parseTrainBlock } as const;
const KINDS: ExampleKind[] = ['conv', 'pool', 'classify', 'train'];
const LANGUAGES: GlossaryLanguage[] = ['en', 'es'];

afterEach(() => setLanguage('en'));

describe('the examples', () => {
	it.each(KINDS.flatMap((k) => LANGUAGES.map((l) => [k, l] as const)))('cnn-%s in %s parses without errors', (kind, language) => {
		const result = PARSERS[kind](exampleSource(kind, language));
		if (!result.ok) throw new Error(JSON.stringify(result.errors));
		expect(result.ok).toBe(true);
	});

	it('comments are in the user\'s language, keys in English', () => {
		expect(exampleSource('conv', 'en')).toMatch(/^# A 5x5 input and a 3x3 kernel/);
		expect(exampleSource('conv', 'es')).toMatch(/^# Una entrada de 5x5 y un kernel de 3x3/);
		expect(exampleSource('pool', 'es')).toContain('# Pooling máximo');
		expect(exampleSource('classify', 'es')).toContain('# Dibuja un dígito');
		expect(exampleSource('train', 'es')).toContain('# Pulsa empezar');
		for (const language of LANGUAGES) expect(exampleSource('pool', language)).toContain('\ntype: max\nsize: 2\nstride: 2');
	});

	it('the conv example is the course seed: rendered, its output is [[4,3,4],[2,4,3],[2,3,4]]', async () => {
		expect(exampleBlock('conv', 'en')).toMatch(/^```cnn-conv\n[\s\S]*\n```$/);
		const { render } = loadPlugin();
		const { el } = await render('cnn-conv', exampleSource('conv', 'es'));
		expect(el.getAttribute('data-state')).toBe('ready');
		expect(readGrid(el, 'output')).toEqual([
			[4, 3, 4],
			[2, 4, 3],
			[2, 3, 4],
		]);
	});
});

describe('blockInsertion', () => {
	const B = '```cnn-x\nk: 1\n```';
	it('in an empty note: the block, then an empty line for the cursor', () => {
		expect(blockInsertion(B, { line: 0, ch: 0 }, '', null, null)).toEqual({ text: `${B}\n`, cursor: { line: 3, ch: 0 } });
	});
	it('mid-text: a blank line before and after, the rest of the line after the block', () => {
		expect(blockInsertion(B, { line: 4, ch: 5 }, 'Some text', 'above', 'below')).toEqual({ text: `\n\n${B}\n\n`, cursor: { line: 9, ch: 0 } });
	});
	it('on an empty line between paragraphs: one blank line each side', () => {
		expect(blockInsertion(B, { line: 1, ch: 0 }, '', 'above', 'below')).toEqual({ text: `\n${B}\n`, cursor: { line: 5, ch: 0 } });
	});
	it('on an empty line already between blank lines: nothing added', () => {
		expect(blockInsertion(B, { line: 2, ch: 0 }, '', '', '')).toEqual({ text: B, cursor: { line: 5, ch: 0 } });
	});

	/** The lines of `line` after inserting B at `ch` (with `previous` above and `next` below). */
	function inserted(line: string, ch: number, previous: string | null, next: string | null): string[] {
		const { text } = blockInsertion(B, { line: 1, ch }, line, previous, next);
		return (line.slice(0, ch) + text + line.slice(ch)).split('\n');
	}
	it('inside a callout, after text: every line keeps the `> ` (blank lines `>`), the cursor on a `> ` line', () => {
		expect(inserted('> Some text', 11, '> before', null)).toEqual(['> Some text', '>', '> ```cnn-x', '> k: 1', '> ```', '> ']);
		expect(blockInsertion(B, { line: 1, ch: 11 }, '> Some text', '> before', null).cursor).toEqual({ line: 6, ch: 2 });
	});
	it('on an empty callout line: no stray `> ` line, the block stays in the callout', () => {
		expect(inserted('> ', 2, '> Some', '> more')).toEqual(['> ', '> ```cnn-x', '> k: 1', '> ```', '> ']);
		expect(inserted('> ', 2, '>', '>')).toEqual(['> ```cnn-x', '> k: 1', '> ```']);
	});
	it('mid-sentence in a callout: the rest of the line (its space too) stays in the callout', () => {
		expect(inserted('> Some text', 6, null, null)).toEqual(['> Some', '>', '> ```cnn-x', '> k: 1', '> ```', '>', '>  text']); // the space after the cursor is kept
	});
	it('after a list item\'s text: indented to the item\'s content column (bullets, numbers, nested, in a quote)', () => {
		expect(inserted('- item', 6, null, null)).toEqual(['- item', '', '  ```cnn-x', '  k: 1', '  ```', '  ']);
		expect(inserted('12. item', 8, null, null)).toEqual(['12. item', '', '    ```cnn-x', '    k: 1', '    ```', '    ']);
		expect(inserted('    - sub', 9, null, null)).toEqual(['    - sub', '', '      ```cnn-x', '      k: 1', '      ```', '      ']);
		expect(inserted('> - item', 8, null, null)).toEqual(['> - item', '>', '>   ```cnn-x', '>   k: 1', '>   ```', '>   ']);
	});
	it('on an empty list item: the block is the item\'s content', () => {
		expect(inserted('- ', 2, 'text', null)).toEqual(['- ```cnn-x', '  k: 1', '  ```', '  ']);
	});
	it('on an indented continuation line of a list item: the block keeps the indentation (inside the list)', () => {
		expect(inserted('    ', 4, '- item', null)).toEqual(['    ', '    ```cnn-x', '    k: 1', '    ```', '    ']);
	});
	it('spaces before the cursor after a plain paragraph: the fence at column 0 (not an indented code block)', () => {
		expect(inserted('    ', 4, 'text', null)).toEqual(['    ', '```cnn-x', 'k: 1', '```', '']);
	});
	it('a blank line inside the block gets the container\'s marks', () => {
		const { text } = blockInsertion('```cnn-x\na: 1\n\nb: 2\n```', { line: 0, ch: 2 }, '> ', null, null);
		expect(text.split('\n')).toEqual(['```cnn-x', '> a: 1', '>', '> b: 2', '> ```', '> ']);
	});
});

/** The commands a plugin registered (the fake Plugin records them). */
function commandsOf(plugin: object): Command[] {
	return (plugin as { commands?: Command[] }).commands ?? [];
}

/** Runs the plugin's command `id` on an editor holding `text` with the cursor at `at`. */
function run(id: string, text: string, at: { line: number; ch: number }): Editor {
	const { plugin } = loadPlugin();
	const command = commandsOf(plugin).find((c) => c.id === id);
	if (!command?.editorCallback) throw new Error(`no editor command ${id}`);
	const editor = new Editor();
	editor.setValue(text);
	editor.setCursor(at);
	// The fake Editor stands in for Obsidian's (jest maps `obsidian` to the fake).
	Reflect.apply(command.editorCallback, command, [editor, null]);
	return editor;
}

describe('the registered commands', () => {
	it('four editor commands, sentence-case names, no default hotkeys; Spanish names in Spanish', () => {
		const { plugin } = loadPlugin();
		const ours = commandsOf(plugin).filter((c) => /^insert-(conv|pool|classify|train)-block$/.test(c.id));
		expect(ours.map((c) => c.name)).toEqual(['Insert a convolution block', 'Insert a pooling block', 'Insert a classification block', 'Insert a training block']);
		for (const c of ours) {
			expect(c.hotkeys).toBeUndefined();
			expect(typeof c.editorCallback).toBe('function');
		}
		setLanguage('es');
		const es = commandsOf(loadPlugin().plugin).filter((c) => c.id.startsWith('insert-') && c.id.endsWith('-block'));
		expect(es.map((c) => c.name)).toEqual(['Insertar un bloque de convolución', 'Insertar un bloque de pooling', 'Insertar un bloque de clasificación', 'Insertar un bloque de entrenamiento']);
	});

	it.each(LANGUAGES)('in %s, mid-sentence: the text splits around the block, which parses, and the cursor lands after it; one undo restores the note', (language) => {
		setLanguage(language);
		const note = 'Intro\nThe output is small here.\nEnd';
		const editor = run('insert-conv-block', note, { line: 1, ch: 13 });
		const text = editor.getValue();
		expect(text.startsWith('Intro\nThe output is\n\n```cnn-conv\n')).toBe(true);
		expect(text.endsWith('\n```\n\n small here.\nEnd')).toBe(true);
		const source = text.split('```cnn-conv\n')[1]?.split('\n```')[0] ?? '';
		expect(parseConvBlock(source).ok).toBe(true);
		expect(source.startsWith(language === 'es' ? '# Una entrada' : '# A 5x5 input')).toBe(true);
		const cursor = editor.getCursor();
		expect(editor.getLine(cursor.line - 1)).toBe('```');
		expect(cursor.ch).toBe(0);
		editor.undo();
		expect(editor.getValue()).toBe(note);
	});

	it('pool, classify and train blocks inserted at the end of a note parse, each with a blank line before', () => {
		for (const [id, kind] of [['insert-pool-block', 'pool'], ['insert-classify-block', 'classify'], ['insert-train-block', 'train']] as const) {
			const editor = run(id, '# Title\nText', { line: 1, ch: 4 });
			const text = editor.getValue();
			expect(text.startsWith(`# Title\nText\n\n\`\`\`cnn-${kind}\n`)).toBe(true);
			expect(text.endsWith('\n```\n')).toBe(true);
			const source = text.split(`\`\`\`cnn-${kind}\n`)[1]?.split('\n```')[0] ?? '';
			expect(PARSERS[kind](source).ok).toBe(true);
			expect(editor.getCursor()).toEqual({ line: editor.lastLine(), ch: 0 });
		}
	});
});
