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
import { rewriteBlockLinks } from './block-links';
import { confirmLinkUpdate, type UpdateCounts } from './link-update-modal';
import { MovePlanner, withFolderContents, type Moves } from './move-planner';
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
