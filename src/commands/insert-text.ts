/**
 * Where a block goes in the note: at the cursor, on lines of its own, with a blank line before and
 * after it when it lands next to text, and the cursor on the line after its closing fence.
 */
import type { Editor, EditorPosition } from 'obsidian';

/** What to insert at the cursor, and where the cursor goes afterwards (in the changed text). */
export interface BlockInsertion {
	text: string;
	cursor: EditorPosition;
}

/**
 * The insertion of `block` (a fenced block without a final line break) at `at`, in a note whose
 * lines around the cursor are `line` (the cursor's), `previous` and `next` (null past either end):
 * text before the cursor ends its line and gets a blank line; so does text after it; a non-blank
 * line just above or below gets a blank line between it and the block.
 */
export function blockInsertion(block: string, at: EditorPosition, line: string, previous: string | null, next: string | null): BlockInsertion {
	const before = line.slice(0, at.ch);
	const after = line.slice(at.ch);
	let prefix = '';
	if (before.trim() !== '') prefix = '\n\n';
	else if (before !== '') prefix = '\n'; // only spaces before the cursor: the fence starts a line of its own
	else if (previous !== null && previous.trim() !== '') prefix = '\n';
	let suffix: string;
	if (after.trim() !== '') suffix = '\n\n';
	else if (next === null || next.trim() !== '') suffix = '\n';
	else suffix = ''; // the next line is already blank
	const text = prefix + block + suffix;
	const fenceLine = at.line + (prefix + block).split('\n').length - 1;
	return { text, cursor: { line: fenceLine + 1, ch: 0 } };
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
