/**
 * Keeping the links inside CNN blocks right when files move. Obsidian does not index links inside
 * code blocks, so its own link update never touches them: on a vault `rename` (a file, or a folder
 * and everything under it) this rewrites, in every note, the CNN-block links that pointed to a
 * moved file (or folder) and no longer do, to the shortest link text that reaches it
 * (`metadataCache.fileToLinktext`). Renames that arrive together (a folder's files) are handled as
 * one batch: one question, one notice. As Obsidian does for ordinary links, it updates at once when
 * "Automatically update internal links" is on, and asks otherwise. Notes are written through
 * editNote (the open editor, one undoable step; else vault.process); only link paths change.
 */
import { Notice, TFile, TFolder, type App, type TAbstractFile, type Vault } from 'obsidian';
import { t } from '../i18n';
import { findCnnBlocks, rewriteBlockLinks, type BlockLink, type LinkRewrite } from './block-links';
import { PathIndex } from './link-resolve';
import { confirmLinkUpdate, type UpdateCounts } from './link-update-modal';
import { editNote } from './note-edit';

/** Obsidian's vault with its unofficial settings reader (Settings > Files and links), which may be absent. */
interface VaultWithConfig extends Vault {
	getConfig?: (key: string) => unknown;
}

/** True when the vault updates internal links without asking ("Automatically update internal links"). */
export function updatesLinksAutomatically(app: App): boolean {
	try {
		const vault = app.vault as VaultWithConfig;
		return typeof vault.getConfig === 'function' && vault.getConfig('alwaysUpdateLinks') === true;
	} catch {
		return false;
	}
}

/** The moves of one batch: files and folders with the path each had before. */
export interface Moves {
	files: Map<TFile, string>;
	folders: { oldPath: string; newPath: string }[];
}

/** One note whose CNN blocks have links to change: how many links, in how many blocks. */
export interface NotePlan {
	note: TFile;
	links: number;
	blocks: number;
}

/** What a batch did: the notes planned, whether the user agreed, and what was written or failed. */
export interface UpdateReport {
	planned: NotePlan[];
	confirmed: boolean;
	updated: UpdateCounts;
	failed: TFile[];
}

/** Asks the user whether to update; resolves true to update. */
export type Confirm = (app: App, counts: UpdateCounts, noteNames: readonly string[]) => Promise<boolean>;

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

	constructor(private readonly app: App, private readonly moves: Moves) {
		const now = app.vault.getFiles();
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
		return this.movedByOldPath.size === 0 && this.moves.folders.length === 0;
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
		for (const folder of this.moves.folders) for (const segment of folder.oldPath.split('/')) names.add(segment.toLowerCase());
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

	/** The rewrite of the links of `note`: a link that pointed to a file (or folder) it no longer reaches gets that file's link text. */
	rewriteFor(note: TFile): LinkRewrite {
		const oldSource = this.oldPathOf.get(note) ?? note.path;
		return (link: BlockLink) => {
			if (link.linkpath === '') return null;
			const was = this.before.resolve(link.linkpath, oldSource);
			if (was === null) return this.folderRewrite(link.linkpath);
			const target = this.movedByOldPath.get(was) ?? this.app.vault.getFileByPath(was);
			if (!target || this.after.resolve(link.linkpath, note.path) === target.path) return null;
			return this.linktext(target, note.path);
		};
	}

	/** The shortest link text for `file` from `sourcePath` that reaches it; its full path when the short one would not. */
	private linktext(file: TFile, sourcePath: string): string {
		// The same for every note of a folder: asked once per file and folder.
		const key = `${file.path}\n${sourcePath.slice(0, sourcePath.lastIndexOf('/') + 1)}`;
		let text = this.linktexts.get(key);
		if (text === undefined) {
			text = this.shortestLinktext(file, sourcePath);
			this.linktexts.set(key, text);
		}
		return text;
	}

	private shortestLinktext(file: TFile, sourcePath: string): string {
		const short = this.app.metadataCache.fileToLinktext(file, sourcePath);
		if (this.after.resolve(short, sourcePath) === file.path) return short;
		const full = file.extension === 'md' ? file.path.slice(0, -3) : file.path;
		return this.after.resolve(full, sourcePath) === file.path ? full : file.path;
	}

	/** A link to a folder (or a path inside one) that was moved: the same path under the folder's new place; else null. */
	private folderRewrite(linkpath: string): string | null {
		const clean = linkpath.replace(/^\/+|\/+$/g, '');
		for (const { oldPath, newPath } of this.moves.folders) {
			if (clean !== oldPath && !(clean.startsWith(`${oldPath}/`) && this.wasFolder(clean))) continue;
			return newPath + clean.slice(oldPath.length);
		}
		return null;
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

/** The notes whose CNN blocks have links this batch changes, with how many links and blocks each. */
export async function planLinkUpdates(app: App, planner: MovePlanner): Promise<NotePlan[]> {
	const plans: NotePlan[] = [];
	for (const note of app.vault.getMarkdownFiles()) {
		try {
			const text = await app.vault.cachedRead(note);
			if (!planner.mayConcern(note, text)) continue;
			const { links, blocks } = rewriteBlockLinks(text, planner.rewriteFor(note));
			if (links > 0) plans.push({ note, links, blocks });
		} catch {
			// A note that cannot be read has nothing this batch can change.
		}
	}
	return plans;
}

/**
 * Runs one batch: plans, asks when the vault does not update links on its own (`confirm`), writes
 * each note through editNote and tells the user what was updated and what could not be.
 */
export async function updateLinks(app: App, moves: Moves, confirm: Confirm = confirmLinkUpdate): Promise<UpdateReport> {
	const report: UpdateReport = { planned: [], confirmed: false, updated: { links: 0, blocks: 0, notes: 0 }, failed: [] };
	const planner = new MovePlanner(app, moves);
	if (planner.empty) return report;
	report.planned = await planLinkUpdates(app, planner);
	if (report.planned.length === 0) return report;
	const total = (key: 'links' | 'blocks') => report.planned.reduce((n, p) => n + p[key], 0);
	const counts: UpdateCounts = { links: total('links'), blocks: total('blocks'), notes: report.planned.length };
	report.confirmed = updatesLinksAutomatically(app) || (await confirm(app, counts, report.planned.map((p) => p.note.path)));
	if (!report.confirmed) return report;
	for (const { note } of report.planned) {
		let done = { links: 0, blocks: 0 };
		const outcome = await editNote(app, note, (text) => {
			const result = rewriteBlockLinks(text, planner.rewriteFor(note));
			done = result;
			return result.text;
		});
		if (outcome.status === 'written') {
			report.updated.links += done.links;
			report.updated.blocks += done.blocks;
			report.updated.notes++;
		} else if (outcome.status === 'failed') {
			report.failed.push(note);
		}
	}
	if (report.updated.notes > 0) new Notice(t('links.updated', { ...report.updated }));
	if (report.failed.length > 0) new Notice(t('links.failed', { count: report.failed.length, notes: report.failed.map((f) => f.path).join(', ') }), 0);
	return report;
}

/**
 * Adds to `moves` every file now under a moved folder that has no move of its own, with the path
 * it had under the folder's old path: Obsidian tells of each file of a renamed folder, but a batch
 * that heard only of the folder (or heard of it first) still knows where its files were.
 */
export function withFolderContents(app: App, moves: Moves): void {
	if (moves.folders.length === 0) return;
	for (const file of app.vault.getFiles()) {
		if (moves.files.has(file)) continue;
		// The innermost moved folder that holds the file (a folder moved into one moved after it).
		for (const { oldPath, newPath } of [...moves.folders].reverse()) {
			if (!file.path.startsWith(`${newPath}/`)) continue;
			moves.files.set(file, `${oldPath}/${file.path.slice(newPath.length + 1)}`);
			break;
		}
	}
}

/**
 * Collects vault renames and handles them in batches, one at a time: a batch starts `delayMs`
 * after the last rename (a folder's files arrive one event each). Never throws.
 */
export class LinkUpdater {
	private files = new Map<TFile, string>();
	private folders: { oldPath: string; newPath: string }[] = [];
	private timer: number | null = null;
	private running: Promise<unknown> = Promise.resolve();
	private stopped = false;

	constructor(
		private readonly app: App,
		private readonly delayMs = 300,
		private readonly confirm: Confirm = confirmLinkUpdate,
	) {}

	/** The vault's `rename` handler: remembers the move and schedules a batch. */
	onRename(file: TAbstractFile, oldPath: string): void {
		try {
			if (this.stopped) return;
			if (file instanceof TFile) {
				if (!this.files.has(file)) this.files.set(file, oldPath);
			} else if (file instanceof TFolder) {
				this.folders.push({ oldPath, newPath: file.path });
			}
			if (this.timer !== null) window.clearTimeout(this.timer);
			this.timer = window.setTimeout(() => void this.flush(), this.delayMs);
		} catch (e) {
			console.error('CNN Notes: could not follow a rename', e);
		}
	}

	/** Handles the renames collected so far now (after any batch still running); resolves with its report, or null when there was nothing. */
	flush(): Promise<UpdateReport | null> {
		if (this.timer !== null) window.clearTimeout(this.timer);
		this.timer = null;
		const moves: Moves = { files: this.files, folders: this.folders };
		this.files = new Map();
		this.folders = [];
		const run = this.running.then(async () => {
			if (this.stopped || (moves.files.size === 0 && moves.folders.length === 0)) return null;
			try {
				withFolderContents(this.app, moves);
				return await updateLinks(this.app, moves, this.confirm);
			} catch (e) {
				console.error('CNN Notes: could not update links in CNN blocks', e);
				return null;
			}
		});
		this.running = run;
		return run;
	}

	/** Stops (the plugin unloads): no batch starts any more. */
	stop(): void {
		this.stopped = true;
		if (this.timer !== null) window.clearTimeout(this.timer);
		this.timer = null;
	}
}
