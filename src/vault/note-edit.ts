/**
 * Changing a note's text without ever losing a character: through the note's open editor when it
 * has one (one transaction, so Ctrl/Cmd+Z undoes it, and what the user is typing is never
 * overwritten by an older copy on disk), else through `vault.process` (an atomic read-modify-write).
 * The edit function sees the note's current text and returns the new text, or null to refuse
 * (what it expected is no longer there): nothing is written then, and nothing is written when the
 * text would not change.
 */
import { MarkdownView, type App, type TFile } from 'obsidian';

/** What became of an edit: written, nothing to change, refused by the edit (a conflict), the note was deleted, or failed (e.g. a read-only file). */
export type NoteEditOutcome =
	| { status: 'written'; via: 'editor' | 'vault' }
	| { status: 'unchanged' }
	| { status: 'conflict' }
	| { status: 'deleted' }
	| { status: 'failed'; message: string };

/** Returns the new text of the note, or null when the note no longer holds what the edit expected. */
export type NoteEdit = (text: string) => string | null;

/** The editor of a markdown view showing `file`, or null when the note is not open. */
export function openEditorOf(app: App, file: TFile): MarkdownView['editor'] | null {
	for (const leaf of app.workspace.getLeavesOfType('markdown')) {
		const view = leaf.view;
		if (view instanceof MarkdownView && view.file === file) return view.editor;
	}
	return null;
}

/** The smallest range of `before` to replace to make `after`: [from, to) in `before` and the text to put there. */
export function changedRange(before: string, after: string): { from: number; to: number; text: string } {
	let start = 0;
	const max = Math.min(before.length, after.length);
	while (start < max && before.charCodeAt(start) === after.charCodeAt(start)) start++;
	let endBefore = before.length;
	let endAfter = after.length;
	while (endBefore > start && endAfter > start && before.charCodeAt(endBefore - 1) === after.charCodeAt(endAfter - 1)) {
		endBefore--;
		endAfter--;
	}
	return { from: start, to: endBefore, text: after.slice(start, endAfter) };
}

function messageOf(e: unknown): string {
	return e instanceof Error ? e.message : String(e);
}

/**
 * Applies `edit` to the note `file` (see the module comment). `file` is the TFile object, whose
 * path follows renames: a note renamed while a write waited is still the one written; a deleted
 * note fails.
 */
export async function editNote(app: App, file: TFile, edit: NoteEdit): Promise<NoteEditOutcome> {
	try {
		if (app.vault.getFileByPath(file.path) !== file) return { status: 'deleted' };
		const editor = openEditorOf(app, file);
		if (editor) {
			const before = editor.getValue();
			const after = edit(before);
			if (after === null) return { status: 'conflict' };
			if (after === before) return { status: 'unchanged' };
			const range = changedRange(before, after);
			editor.transaction({ changes: [{ from: editor.offsetToPos(range.from), to: editor.offsetToPos(range.to), text: range.text }] });
			return { status: 'written', via: 'editor' };
		}
		// A first look decides whether there is anything to write at all; process() then applies the
		// edit to the text as it is at that moment (a sync tool may have changed it in between).
		const current = await app.vault.read(file);
		const planned = edit(current);
		if (planned === null) return { status: 'conflict' };
		if (planned === current) return { status: 'unchanged' };
		let outcome: NoteEditOutcome = { status: 'written', via: 'vault' };
		await app.vault.process(file, (text) => {
			const next = edit(text);
			if (next === null) outcome = { status: 'conflict' };
			else if (next === text) outcome = { status: 'unchanged' };
			return next ?? text;
		});
		return outcome;
	} catch (e) {
		return { status: 'failed', message: messageOf(e) };
	}
}
