/**
 * Writing a new source into the code block a widget was rendered from. The block is found where
 * Obsidian says it is (`ctx.getSectionInfo(el)`) and replaced only while those lines still hold
 * exactly the source the widget knows (the whole note is searched when the lines may have moved); the note is the TFile the block was rendered in (it follows
 * renames), changed through its open editor (undoable) or `vault.process` (see note-edit.ts).
 */
import type { App, MarkdownPostProcessorContext, MarkdownSectionInformation, TFile } from 'obsidian';
import { locateBlock, noteLines, replaceBlockBody } from './block-location';
import { editNote } from './note-edit';

/**
 * What became of a write: written; nothing to change; the block changed since (conflict) or two
 * identical blocks could not be told apart (ambiguous); no place to write (a view without section
 * information, e.g. some embeds and popovers, or a file that is not a markdown note); the note was
 * deleted; or the write failed (e.g. a read-only file).
 */
export type BlockWriteOutcome =
	| { status: 'written' }
	| { status: 'unchanged' }
	| { status: 'conflict' }
	| { status: 'ambiguous' }
	| { status: 'nowhere' }
	| { status: 'deleted' }
	| { status: 'failed'; message: string };

/** Where Obsidian says the block is: the note's text as the renderer saw it and the block's section lines in it. */
export type BlockSection = MarkdownSectionInformation;

/** Writes new sources into one block; `source` is the text the block holds as far as the widget knows. */
export interface BlockWriter {
	/** The block's source as last rendered or written. */
	readonly source: string;
	/** The note's current path (it follows renames), for messages. */
	notePath(): string;
	/**
	 * Where the block is now, or null when Obsidian cannot say (e.g. the widget's element is no
	 * longer on the page): taken while the widget is shown, for a write made after it is gone.
	 */
	section(): BlockSection | null;
	/**
	 * Replaces the block's source with `next` (see the module comment); on success `source` becomes
	 * `next`. Where the block is comes from Obsidian now, else from `section` (taken earlier).
	 */
	write(next: string, section?: BlockSection | null): Promise<BlockWriteOutcome>;
}

/** A writer for a widget that has no block to write to (tests, widgets built outside a note): every write says so. */
export function noBlockWriter(source = ''): BlockWriter {
	return { source, notePath: () => '', section: () => null, write: async () => ({ status: 'nowhere' }) };
}

/** true when lines 0..`lineEnd` of `now` are those of `then`: the lines above and in the block are as the renderer saw them. */
function sameUpTo(now: string, then: string, lineEnd: number): boolean {
	const a = noteLines(now);
	const b = noteLines(then);
	if (a.length <= lineEnd || b.length <= lineEnd) return false;
	for (let i = 0; i <= lineEnd; i++) if (a[i] !== b[i]) return false;
	return true;
}

/**
 * The writer of the block of `language` rendered into `el` from `source`, in the note of
 * `ctx.sourcePath` (looked up now: its TFile then follows renames).
 *
 * Obsidian's line numbers are those of the note as it was rendered: when a line above or in the
 * block changed since (`section.text` differs there), they may point at another block, so the
 * whole note is searched instead and the block written only when exactly one holds the source.
 */
export function blockWriter(app: App, el: HTMLElement, ctx: MarkdownPostProcessorContext, language: string, source: string): BlockWriter {
	const file: TFile | null = app.vault.getFileByPath(ctx.sourcePath);
	let current = source;
	const sectionNow = (): BlockSection | null => {
		try {
			return ctx.getSectionInfo(el);
		} catch {
			return null;
		}
	};
	return {
		get source() {
			return current;
		},
		notePath: () => file?.path ?? ctx.sourcePath,
		section: sectionNow,
		async write(next, taken) {
			const section = sectionNow() ?? taken ?? null;
			if (!section || !file || file.extension !== 'md') return { status: 'nowhere' };
			let ambiguous = false;
			const outcome = await editNote(app, file, (text) => {
				const trusted = typeof section.text === 'string' && sameUpTo(text, section.text, section.lineEnd);
				const span = trusted ? { lineStart: section.lineStart, lineEnd: section.lineEnd } : { lineStart: 0, lineEnd: noteLines(text).length - 1 };
				const found = locateBlock(text, span, language, current);
				ambiguous = found.status === 'ambiguous';
				if (found.status !== 'found') return null;
				const after = replaceBlockBody(text, found.place, next);
				// The new note must hold the new block where the old one was, or nothing is written.
				const shift = noteLines(after).length - noteLines(text).length;
				const check = locateBlock(after, { lineStart: found.place.bodyStart - 1, lineEnd: found.place.bodyEnd + 1 + shift }, language, next);
				return check.status === 'found' ? after : null;
			});
			if (outcome.status === 'written' || outcome.status === 'unchanged') current = next;
			if (outcome.status === 'conflict') return { status: ambiguous ? 'ambiguous' : 'conflict' };
			if (outcome.status === 'written') return { status: 'written' };
			return outcome;
		},
	};
}
