/**
 * Where a block goes in the note: at the cursor, on lines of its own, with a blank line before and
 * after it when it lands next to text, and the cursor on the line after its closing fence. Inside a
 * callout or quote (`> `) or a list item, every inserted line carries the container's prefix (the
 * `>` marks, the list item's content indent), so the block stays inside it.
 *
 * Line endings: the text uses `\n` only. Obsidian's editor is CodeMirror 6, whose document is a list
 * of lines: `getLine` never holds a line break, and the `\n` of an inserted text is split into lines
 * there; the file's line endings on disk are Obsidian's to write. Nothing to convert here.
 */
import type { Editor, EditorPosition } from 'obsidian';

/** What to insert at the cursor, and where the cursor goes afterwards (in the changed text). */
export interface BlockInsertion {
	text: string;
	cursor: EditorPosition;
}

/** A list item's marker (`-`, `*`, `+`, `1.`, `1)`) and the spaces after it, at the start of a string. */
const LIST_MARKER = /^([-*+]|\d{1,9}[.)])( *)(?=\S|$)/;

/** The container of the text before the cursor on its line. */
interface Container {
	/** What each continuation line of the block starts with: `>` marks and spaces, a list item's content indent. */
	prefix: string;
	/** The text before the cursor after the container's marks (and after a list item's marker). */
	content: string;
	/** Whether the text before the cursor is a list item's marker (the block can start right after it). */
	listMarker: boolean;
}

/** The `>` marks and indentation, and a list item's marker, that start `before` (the line up to the cursor). */
export function containerOf(before: string): Container {
	const run = /^[ \t>]*/.exec(before)?.[0] ?? '';
	const rest = before.slice(run.length);
	const marker = LIST_MARKER.exec(rest);
	if (!marker) return { prefix: run, content: rest, listMarker: false };
	const spaces = marker[2] ?? '';
	// CommonMark: 1 to 4 spaces after the marker set the content column; more (or none) count as one.
	const width = (marker[1] ?? '').length + (spaces.length >= 1 && spaces.length <= 4 ? spaces.length : 1);
	return { prefix: run.replace(/[^\t>]/g, ' ') + ' '.repeat(width), content: rest.slice(marker[0].length), listMarker: true };
}

/** A line with nothing but `>` marks and spaces: blank inside its container. */
function blankLine(line: string): boolean {
	return /^[\s>]*$/.test(line);
}

/**
 * The insertion of `block` (a fenced block without a final line break) at `at`, in a note whose
 * lines around the cursor are `line` (the cursor's), `previous` and `next` (null past either end):
 * text before the cursor ends its line and gets a blank line; so does text after it; a non-blank
 * line just above or below gets a blank line between it and the block. In a callout or a list item
 * every line of the block, and the blank lines around it, start with the container's prefix.
 */
export function blockInsertion(block: string, at: EditorPosition, line: string, previous: string | null, next: string | null): BlockInsertion {
	const before = line.slice(0, at.ch);
	const after = line.slice(at.ch);
	const container = containerOf(before);
	let indent = container.prefix;
	let lead: string; // what goes between the cursor and the opening fence
	if (container.content.trim() !== '') {
		lead = `\n${indent.trimEnd()}\n${indent}`;
	} else if (container.listMarker) {
		lead = /\s$/.test(before) ? '' : ' '; // `- |`: the block is the item's content
	} else if (before !== '' && !before.includes('>') && !(previous !== null && (LIST_MARKER.test(previous.trimStart()) || /^\s/.test(previous)))) {
		// Only spaces before the cursor, not under a list item or an indented line: the fence starts a line of its own at column 0.
		indent = '';
		lead = '\n';
	} else if (previous !== null && !blankLine(previous) && before !== '') {
		lead = `\n${indent}`; // the cursor's line (only the container's marks) becomes the blank line above
	} else if (previous !== null && !blankLine(previous)) {
		lead = '\n';
	} else {
		lead = '';
	}
	const body = block
		.split('\n')
		.map((l, i) => (i === 0 ? l : l === '' ? indent.trimEnd() : indent + l))
		.join('\n');
	let suffix: string;
	let ch = indent.length;
	if (after.trim() !== '') suffix = `\n${indent.trimEnd()}\n${indent}`;
	else if (next === null || !blankLine(next)) suffix = `\n${indent}`;
	else {
		suffix = ''; // the next line is already blank
		ch = 0;
	}
	const text = lead + body + suffix;
	const fenceLine = at.line + (lead + body).split('\n').length - 1;
	return { text, cursor: { line: fenceLine + 1, ch } };
}

/** Inserts `block` at the editor's cursor (replacing a selection) as blockInsertion says, in one undoable change. */
export function insertBlock(editor: Editor, block: string): void {
	const from = editor.getCursor('from');
	const to = editor.getCursor('to');
	const lineText = editor.getLine(from.line);
	// The text the block meets: before the selection's start, after its end.
	const line = lineText.slice(0, from.ch) + (from.line === to.line ? lineText.slice(to.ch) : editor.getLine(to.line).slice(to.ch));
	const previous = from.line > 0 ? editor.getLine(from.line - 1) : null;
	const next = to.line < editor.lineCount() - 1 ? editor.getLine(to.line + 1) : null;
	const { text, cursor } = blockInsertion(block, from, line, previous, next);
	editor.transaction({ changes: [{ from, to, text }], selection: { from: cursor } });
	editor.focus();
}
