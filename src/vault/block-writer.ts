/**
 * Writing a new source into the code block a widget was rendered from. The block is found where
 * Obsidian says it is (`ctx.getSectionInfo(el)`) and replaced only while those lines still hold
 * exactly the source the widget knows; the note is the TFile the block was rendered in (it follows
 * renames), changed through its open editor (undoable) or `vault.process` (see note-edit.ts).
 */
import type { App, MarkdownPostProcessorContext, TFile } from 'obsidian';
import { locateBlock, replaceBlockBody } from './block-location';
import { editNote } from './note-edit';

/**
 * What became of a write: written; nothing to change; the block changed since (conflict) or two
 * identical blocks could not be told apart (ambiguous); no place to write (a view without section
 * information, e.g. some embeds and popovers); or the write failed (e.g. a read-only file).
 */
export type BlockWriteOutcome =
	| { status: 'written' }
	| { status: 'unchanged' }
	| { status: 'conflict' }
	| { status: 'ambiguous' }
	| { status: 'nowhere' }
	| { status: 'failed'; message: string };

/** Writes new sources into one block; `source` is the text the block holds as far as the widget knows. */
export interface BlockWriter {
	/** The block's source as last rendered or written. */
	readonly source: string;
	/** The note's current path (it follows renames), for messages. */
	notePath(): string;
	/** Replaces the block's source with `next` (see the module comment); on success `source` becomes `next`. */
	write(next: string): Promise<BlockWriteOutcome>;
}

/** A writer for a widget that has no block to write to (tests, widgets built outside a note): every write says so. */
export function noBlockWriter(source = ''): BlockWriter {
	return { source, notePath: () => '', write: async () => ({ status: 'nowhere' }) };
}

/**
 * The writer of the block of `language` rendered into `el` from `source`, in the note of
 * `ctx.sourcePath` (looked up now: its TFile then follows renames).
 */
export function blockWriter(app: App, el: HTMLElement, ctx: MarkdownPostProcessorContext, language: string, source: string): BlockWriter {
	const file: TFile | null = app.vault.getFileByPath(ctx.sourcePath);
	let current = source;
	return {
		get source() {
			return current;
		},
		notePath: () => file?.path ?? ctx.sourcePath,
		async write(next) {
			let section: ReturnType<MarkdownPostProcessorContext['getSectionInfo']>;
			try {
				section = ctx.getSectionInfo(el);
			} catch {
				section = null;
			}
			if (!section || !file) return { status: 'nowhere' };
			const span = { lineStart: section.lineStart, lineEnd: section.lineEnd };
			let ambiguous = false;
			const outcome = await editNote(app, file, (text) => {
				const found = locateBlock(text, span, language, current);
				ambiguous = found.status === 'ambiguous';
				if (found.status !== 'found') return null;
				const after = replaceBlockBody(text, found.place, next);
				// The new note must hold the new block where the old one was, or nothing is written.
				const check = locateBlock(after, { lineStart: span.lineStart, lineEnd: span.lineEnd + after.split('\n').length - text.split('\n').length }, language, next);
				return check.status === 'found' ? after : null;
			});
			if (outcome.status === 'written') current = next;
			if (outcome.status === 'conflict') return { status: ambiguous ? 'ambiguous' : 'conflict' };
			if (outcome.status === 'written') return { status: 'written' };
			return outcome;
		},
	};
}
