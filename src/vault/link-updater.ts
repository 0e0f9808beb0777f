/**
 * Keeping the links inside CNN blocks right when files move. Obsidian does not index links inside
 * code blocks, so its own link update never touches them: on a vault `rename` (a file, or a folder
 * and everything under it) this rewrites, in every note, the CNN-block links that pointed to a
 * moved file (or folder) and no longer do, to the shortest link text that reaches it (as
 * `metadataCache.fileToLinktext` would write it). Renames that arrive together (a folder's files)
 * are handled as one batch: one question, one notice. As Obsidian does for ordinary links, it
 * updates at once when "Automatically update internal links" is on, and asks otherwise. Notes are
 * read from their open editor (else cachedRead) and written through editNote (the open editor, one
 * undoable step; else vault.process); only link paths change. Renames arriving while a batch asks
 * or reads send its moves to the next batch, planned again with them.
 */
import { Notice, TFile, TFolder, type App, type TAbstractFile, type Vault } from 'obsidian';
import { t } from '../i18n';
import { rewriteBlockLinks } from './block-links';
import { confirmLinkUpdate, type UpdateCounts } from './link-update-modal';
import { MovePlanner, withFolderContents, type FolderMove, type Moves } from './move-planner';
import { editNote, openEditorOf } from './note-edit';

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

/** One note whose CNN blocks have links to change: how many links, in how many blocks. */
export interface NotePlan {
	note: TFile;
	links: number;
	blocks: number;
}

/** What a batch did: the notes planned, whether the user agreed, and what was written, skipped or failed. */
export interface UpdateReport {
	planned: NotePlan[];
	confirmed: boolean;
	updated: UpdateCounts;
	failed: TFile[];
	/** Links that pointed to a moved file but were left as written (part of a longer text, or a name a wiki-link cannot hold). */
	skipped: number;
	/** True when renames arrived after the batch started and before it wrote: nothing was written, its moves go to the next batch. */
	deferred: boolean;
}

/** Asks the user whether to update; resolves true to update. `signal` aborts: the question closes and resolves false. */
export type Confirm = (app: App, counts: UpdateCounts, noteNames: readonly string[], signal?: AbortSignal) => Promise<boolean>;

/** How a batch learns that it must not write: the plugin unloads (`signal`), or renames arrived after it started (`stale`). */
export interface BatchControl {
	signal?: AbortSignal;
	stale?: () => boolean;
}

/** The note's text as the user sees it: the open editor's, else the vault's (cachedRead). */
async function textOf(app: App, note: TFile): Promise<string> {
	const editor = openEditorOf(app, note);
	return editor ? editor.getValue() : app.vault.cachedRead(note);
}

/** The notes whose CNN blocks have links this batch changes, with how many links and blocks each, and how many links it must leave as they are. */
export async function planLinkUpdates(app: App, planner: MovePlanner): Promise<{ plans: NotePlan[]; skipped: number }> {
	const plans: NotePlan[] = [];
	let skipped = 0;
	for (const note of app.vault.getMarkdownFiles()) {
		try {
			const text = await textOf(app, note);
			if (!planner.mayConcern(note, text)) continue;
			const result = rewriteBlockLinks(text, planner.rewriteFor(note));
			skipped += result.skipped;
			if (result.links > 0) plans.push({ note, links: result.links, blocks: result.blocks });
		} catch {
			// A note that cannot be read has nothing this batch can change.
		}
	}
	return { plans, skipped };
}

/**
 * Runs one batch: plans, asks when the vault does not update links on its own (`confirm`), writes
 * each note through editNote and tells the user what was updated and what could not be. Writes
 * nothing when `control` says so before the writes (stopped, or renames arrived meanwhile: `deferred`).
 */
export async function updateLinks(app: App, moves: Moves, confirm: Confirm = confirmLinkUpdate, control: BatchControl = {}): Promise<UpdateReport> {
	const report: UpdateReport = { planned: [], confirmed: false, updated: { links: 0, blocks: 0, notes: 0 }, failed: [], skipped: 0, deferred: false };
	const planner = new MovePlanner(app, moves);
	if (planner.empty) return report;
	const { plans, skipped } = await planLinkUpdates(app, planner);
	report.planned = plans;
	report.skipped = skipped;
	const stopped = () => control.signal?.aborted === true;
	if (stopped()) return report;
	if (control.stale?.()) {
		report.deferred = true;
		return report;
	}
	if (report.planned.length === 0) {
		if (skipped > 0) new Notice(t('links.skipped', { count: skipped }));
		return report;
	}
	const total = (key: 'links' | 'blocks') => report.planned.reduce((n, p) => n + p[key], 0);
	const counts: UpdateCounts = { links: total('links'), blocks: total('blocks'), notes: report.planned.length };
	report.confirmed = updatesLinksAutomatically(app) || (await confirm(app, counts, report.planned.map((p) => p.note.path), control.signal));
	if (!report.confirmed || stopped()) return report;
	if (control.stale?.()) {
		report.deferred = true;
		return report;
	}
	for (const { note } of report.planned) {
		// Renames arriving from here on are the next batch's: this one answers for the vault as it was at its start (see MovePlanner).
		if (stopped()) break;
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
	if (report.updated.notes > 0) {
		const lines = [t('links.updated', { ...report.updated })];
		if (report.skipped > 0) lines.push(t('links.skipped', { count: report.skipped }));
		new Notice(lines.join('\n'));
	} else if (report.skipped > 0) new Notice(t('links.skipped', { count: report.skipped }));
	if (report.failed.length > 0) new Notice(t('links.failed', { count: report.failed.length, notes: report.failed.map((f) => f.path).join(', ') }), 0);
	return report;
}

/** `later` added to `earlier`: a file keeps the path it had before both; folder moves stay in order. */
function mergeMoves(earlier: Moves, later: Moves): Moves {
	const files = new Map(earlier.files);
	for (const [file, oldPath] of later.files) if (!files.has(file)) files.set(file, oldPath);
	return { files, folders: [...earlier.folders, ...later.folders] };
}

/**
 * Collects vault renames and handles them in batches, one at a time: a batch starts `delayMs`
 * after the last rename (a folder's files arrive one event each). A batch that hears of a rename
 * before it writes (the question still open, or notes still being read) writes nothing and hands
 * its moves to the next batch, which plans them again with the new ones. Never throws.
 */
export class LinkUpdater {
	private files = new Map<TFile, string>();
	private folders: FolderMove[] = [];
	/** Moves of a batch that gave way to later renames, handled by the next batch. */
	private carried: Moves | null = null;
	/** Renames heard so far (a batch is stale when this grew after it took its moves). */
	private renames = 0;
	private timer: number | null = null;
	private running: Promise<unknown> = Promise.resolve();
	private stopped = false;
	private readonly abort = new AbortController();

	constructor(
		private readonly app: App,
		private readonly delayMs = 300,
		private readonly confirm: Confirm = confirmLinkUpdate,
	) {}

	/** The vault's `rename` handler: remembers the move and schedules a batch. */
	onRename(file: TAbstractFile, oldPath: string): void {
		try {
			if (this.stopped) return;
			this.renames++;
			if (file instanceof TFile) {
				if (!this.files.has(file)) this.files.set(file, oldPath);
			} else if (file instanceof TFolder) {
				this.folders.push({ oldPath, newPath: file.path });
			}
			this.schedule();
		} catch (e) {
			console.error('CNN Notes: could not follow a rename', e);
		}
	}

	private schedule(): void {
		if (this.timer !== null) window.clearTimeout(this.timer);
		this.timer = window.setTimeout(() => void this.flush(), this.delayMs);
	}

	/** Handles the renames collected so far now (after any batch still running); resolves with its report, or null when there was nothing. */
	flush(): Promise<UpdateReport | null> {
		if (this.timer !== null) window.clearTimeout(this.timer);
		this.timer = null;
		const taken: Moves = { files: this.files, folders: this.folders };
		const heard = this.renames;
		this.files = new Map();
		this.folders = [];
		const run = this.running.then(async () => {
			const moves = this.carried ? mergeMoves(this.carried, taken) : taken;
			this.carried = null;
			if (this.stopped || (moves.files.size === 0 && moves.folders.length === 0)) return null;
			try {
				withFolderContents(this.app, moves);
				const report = await updateLinks(this.app, moves, this.confirm, { signal: this.abort.signal, stale: () => this.renames !== heard });
				if (report.deferred && !this.stopped) {
					this.carried = moves;
					// The renames that made it stale scheduled a batch; make sure one comes.
					if (this.timer === null) this.schedule();
				}
				return report;
			} catch (e) {
				console.error('CNN Notes: could not update links in CNN blocks', e);
				return null;
			}
		});
		this.running = run;
		return run;
	}

	/** Stops (the plugin unloads): no batch starts any more, an open question closes, a running batch writes nothing more. */
	stop(): void {
		this.stopped = true;
		this.abort.abort();
		if (this.timer !== null) window.clearTimeout(this.timer);
		this.timer = null;
	}
}
