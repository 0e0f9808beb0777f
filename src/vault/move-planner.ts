/**
 * One batch of moves (files and folders renamed or moved) seen from the notes: where each
 * CNN-block link pointed before the moves and points now, and what to write instead. The vault
 * already holds the new paths; the paths before are the moved files put back where they were,
 * resolved as `metadataCache.getFirstLinkpathDest` resolves (see link-resolve.ts).
 */
import type { App, TFile } from 'obsidian';
import { findCnnBlocks, type BlockLink, type LinkRewrite } from './block-links';
import { PathIndex } from './link-resolve';

/** The moves of one batch: files and folders with the path each had before. */
export interface Moves {
	files: Map<TFile, string>;
	/** In the order they happened. */
	folders: FolderMove[];
}

/** A folder moved from `oldPath` to `newPath`. */
export interface FolderMove {
	oldPath: string;
	newPath: string;
}

/** True when `path` is `folder` or lies under it. */
function within(path: string, folder: string): boolean {
	return path === folder || path.startsWith(`${folder}/`);
}

/**
 * Folder moves in the order they happened, made into one move per folder from where it was before
 * the first to where it is after the last: X to Y then Y to Z is X to Z; a folder moved out of a
 * moved folder starts from its place under that folder's old path.
 */
export function netFolderMoves(folders: readonly FolderMove[]): FolderMove[] {
	const net: FolderMove[] = [];
	for (const { oldPath, newPath } of folders) {
		// Where the folder now moving was before the batch (inside a folder moved earlier, or itself moved earlier).
		let origin = oldPath;
		let best = -1;
		for (const move of net) {
			if (within(oldPath, move.newPath) && move.newPath.length > best) {
				best = move.newPath.length;
				origin = move.oldPath + oldPath.slice(move.newPath.length);
			}
		}
		const again = net.some((m) => m.newPath === oldPath);
		for (const move of net) if (within(move.newPath, oldPath)) move.newPath = newPath + move.newPath.slice(oldPath.length);
		if (!again) net.push({ oldPath: origin, newPath });
	}
	return net;
}

/** Most names searched in a note's whole text at once; with more (a folder), each link of its CNN blocks is looked up instead. */
const MAX_PATTERN_NAMES = 24;

function escapeRegExp(text: string): string {
	return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Where the links of one batch pointed before and point now, and what to write instead: the
 * vault's paths before the moves (the moved files at their old paths) and after.
 */
export class MovePlanner {
	private readonly before: PathIndex;
	private readonly after: PathIndex;
	private readonly movedByOldPath = new Map<string, TFile>();
	private readonly oldPathOf = new Map<TFile, string>();
	private oldFolders: Set<string> | undefined;
	private readonly names: Set<string>;
	/** The names as one case-insensitive pattern, when they are few (else each note's links are looked up in `names`). */
	private readonly namePattern: RegExp | null;
	private readonly linktexts = new Map<string, string>();
	/** The batch's folder moves, each from where it was before the batch to where it is at the end. */
	private readonly folders: FolderMove[];
	/** Every file's path when the batch started: a rename arriving later changes no answer of this planner. */
	private readonly pathAtStart = new Map<TFile, string>();

	constructor(private readonly app: App, private readonly moves: Moves) {
		this.folders = netFolderMoves(moves.folders);
		const now = app.vault.getFiles();
		for (const file of now) this.pathAtStart.set(file, file.path);
		for (const [file, oldPath] of moves.files) {
			if (app.vault.getFileByPath(file.path) !== file || oldPath === file.path) continue;
			this.movedByOldPath.set(oldPath, file);
			this.oldPathOf.set(file, oldPath);
		}
		this.after = new PathIndex(now.map((f) => f.path));
		this.before = new PathIndex(now.map((f) => this.oldPathOf.get(f) ?? f.path));
		this.names = this.nameSet();
		const names = [...this.names].filter((n) => n !== '');
		this.namePattern = names.length <= MAX_PATTERN_NAMES ? new RegExp(names.map(escapeRegExp).join('|') || '(?!)', 'i') : null;
	}

	/** True when nothing moved (renamed back, or gone). */
	get empty(): boolean {
		return this.movedByOldPath.size === 0 && this.folders.length === 0;
	}

	/** The lower-case names a link to a moved file or folder must contain (before or after the move). */
	private nameSet(): Set<string> {
		const names = new Set<string>();
		const add = (path: string) => {
			const name = (path.split('/').pop() ?? path).toLowerCase();
			names.add(name.endsWith('.md') ? name.slice(0, -3) : name);
			// Written in single quotes, a `'` of the name is doubled.
			if (name.includes("'")) names.add(name.replace(/'/g, "''"));
		};
		for (const [oldPath, file] of this.movedByOldPath) {
			add(oldPath);
			add(file.path);
		}
		for (const folder of this.folders) for (const segment of folder.oldPath.split('/')) names.add(segment.toLowerCase());
		return names;
	}

	/**
	 * True when a note's text may hold a CNN-block link this batch changes (a cheap look before
	 * rewriting): a CNN block, and a moved file's or folder's name (before or after) in it, or
	 * the note itself moved. Few names: one case-insensitive search of the text; many (a folder):
	 * the last part of each link of its CNN blocks looked up.
	 */
	mayConcern(note: TFile, text: string): boolean {
		if (!text.includes('cnn-')) return false;
		if (this.oldPathOf.has(note)) return true;
		if (this.namePattern) return this.namePattern.test(text);
		for (const block of findCnnBlocks(text)) {
			for (const link of block.links) {
				const parts = link.linkpath.toLowerCase().split('/');
				if (parts.some((p) => this.names.has(p) || this.names.has(p.endsWith('.md') ? p.slice(0, -3) : p))) return true;
			}
		}
		return false;
	}

	/**
	 * The rewrite of the links of `note`: a link that pointed to a file (or folder) it no longer
	 * reaches gets that file's link text. Every path here is the one of the batch's start (the note's
	 * too), so the answer stays right when the note or a file moves again before the write: the next
	 * batch then starts from what this one wrote.
	 */
	rewriteFor(note: TFile): LinkRewrite {
		const source = this.pathAtStart.get(note) ?? note.path;
		const oldSource = this.oldPathOf.get(note) ?? source;
		return (link: BlockLink) => {
			if (link.linkpath === '') return null;
			const was = this.before.resolve(link.linkpath, oldSource);
			if (was === null) return this.folderRewrite(link.linkpath);
			const moved = this.movedByOldPath.get(was);
			const target = moved ? (this.pathAtStart.get(moved) ?? moved.path) : was;
			if (this.after.resolve(link.linkpath, source) === target) return null;
			const text = this.linktext(target, source);
			// `[[note.md]]` keeps the `.md` its writer gave it, when it still reaches the note.
			if (/\.md$/i.test(link.linkpath) && target.endsWith('.md') && !text.endsWith('.md') && this.after.resolve(`${text}.md`, source) === target) return `${text}.md`;
			return text;
		};
	}

	/** The shortest link text for the file at `target` from `sourcePath` that reaches it; its full path when the short one would not. */
	private linktext(target: string, sourcePath: string): string {
		// The same for every note of a folder: asked once per file and folder.
		const key = `${target}\n${sourcePath.slice(0, sourcePath.lastIndexOf('/') + 1)}`;
		let text = this.linktexts.get(key);
		if (text === undefined) {
			text = this.shortestLinktext(target, sourcePath);
			this.linktexts.set(key, text);
		}
		return text;
	}

	/**
	 * As `metadataCache.fileToLinktext` with "shortest path when possible", on the vault of the
	 * batch's start: the name alone when no other file has it, else the path (`.md` left out); the
	 * path with `.md` when that alone reaches the file.
	 */
	private shortestLinktext(target: string, sourcePath: string): string {
		const full = target.endsWith('.md') ? target.slice(0, -3) : target;
		const name = full.split('/').pop() ?? full;
		if (this.after.named(target) <= 1 && this.after.resolve(name, sourcePath) === target) return name;
		return this.after.resolve(full, sourcePath) === target ? full : target;
	}

	/** A link to a folder (or a path inside one) that was moved: the same path under the folder's new place (the innermost moved folder); else null. */
	private folderRewrite(linkpath: string): string | null {
		const clean = linkpath.replace(/^\/+|\/+$/g, '');
		let best: FolderMove | null = null;
		for (const move of this.folders) {
			if (clean !== move.oldPath && !(clean.startsWith(`${move.oldPath}/`) && this.wasFolder(clean))) continue;
			if (!best || move.oldPath.length > best.oldPath.length) best = move;
		}
		return best ? best.newPath + clean.slice(best.oldPath.length) : null;
	}

	/** True when some file's old path lay under `path` (it was a folder before the moves). */
	private wasFolder(path: string): boolean {
		if (!this.oldFolders) {
			this.oldFolders = new Set<string>();
			for (const file of this.app.vault.getFiles()) {
				const parts = (this.oldPathOf.get(file) ?? file.path).split('/');
				for (let i = 1; i < parts.length; i++) this.oldFolders.add(parts.slice(0, i).join('/'));
			}
		}
		return this.oldFolders.has(path);
	}
}

/**
 * Adds to `moves` every file now under a moved folder that has no move of its own, with the path
 * it had under the folder's old path: Obsidian tells of each file of a renamed folder, but a batch
 * that heard only of the folder (or heard of it first) still knows where its files were.
 */
export function withFolderContents(app: App, moves: Moves): void {
	if (moves.folders.length === 0) return;
	const net = netFolderMoves(moves.folders);
	for (const file of app.vault.getFiles()) {
		if (moves.files.has(file)) continue;
		// The innermost moved folder that holds the file (a folder moved into one moved after it).
		let best: FolderMove | null = null;
		for (const move of net) if (file.path.startsWith(`${move.newPath}/`) && (!best || move.newPath.length > best.newPath.length)) best = move;
		if (best) moves.files.set(file, `${best.oldPath}/${file.path.slice(best.newPath.length + 1)}`);
	}
}
