/**
 * The command "Insert the CNN course into this vault": a dialog asks for the folder (showing what
 * will be created and what is already there and kept), then the course's notes in the user's
 * language and their pictures are created there, a notice gives the counts and the overview note
 * opens. Nothing is overwritten.
 */
import { type App, Modal, Notice, type Plugin, Setting, TFile } from 'obsidian';
import { currentLanguage, t } from '../i18n';
import { insertCourse, type InsertOptions, type InsertReport } from './course/insert';
import { COURSE_NOTES } from './course/notes';
import { COURSE_PICTURES } from './course/pictures';
import { checkFolder, freeFolder, planCourse, type CoursePlan } from './course/plan';

/** How many failed paths a notice names before "…". */
const NAMED_FAILURES = 3;

/** Registers the command (no default hotkey). `options` reach insertCourse (tests pass a compressor). */
export function registerInsertCourse(plugin: Plugin, options: InsertOptions = {}): void {
	plugin.addCommand({
		id: 'insert-course',
		name: t('course.command'),
		callback: () => new InsertCourseModal(plugin.app, options).open(),
	});
}

/** A failure's reason in the user's language (read-only, already there, else a general one), the system's own words as a detail. */
export function reasonText(raw: string): string {
	const key = /EACCES|EPERM|EROFS|read-?only|permission/i.test(raw) ? 'course.reason.readOnly' : /EEXIST|already exists/i.test(raw) ? 'course.reason.exists' : 'course.reason.other';
	return raw.trim() === '' ? t(key) : t('course.reason.detail', { reason: t(key), detail: raw });
}

/** The notice that sums up an insert: counts, and the failures with the first reason. */
export function reportMessage(report: InsertReport, folder: string): string {
	const { created, kept, failed } = report;
	const parts: string[] = [];
	if (failed.length > 0 && created.length === 0 && kept.length === 0) return t('course.failedAll', { folder, reason: reasonText(failed[0]?.reason ?? '') });
	parts.push(kept.length > 0 ? t('course.doneKept', { created: created.length, kept: kept.length, folder }) : t('course.done', { created: created.length, folder }));
	if (failed.length > 0) {
		const named = failed.slice(0, NAMED_FAILURES).map((f) => f.path.slice(f.path.lastIndexOf('/') + 1));
		const files = failed.length > NAMED_FAILURES ? `${named.join(', ')}, …` : named.join(', ');
		parts.push(t('course.failed', { failed: failed.length, files, reason: reasonText(failed[0]?.reason ?? '') }));
	}
	return parts.join(' ');
}

/** The dialog: folder field, what will happen, insert and cancel buttons. */
export class InsertCourseModal extends Modal {
	private folderInput = '';
	private plan: CoursePlan | null = null;
	private running = false;
	private summaryEl: HTMLElement | null = null;
	private insertButton: HTMLButtonElement | null = null;
	private folderEl: HTMLInputElement | null = null;

	constructor(app: App, private options: InsertOptions = {}) {
		super(app);
	}

	onOpen(): void {
		const language = currentLanguage();
		this.setTitle(t('course.title'));
		const { contentEl } = this;
		contentEl.addClass('cnn-course-modal');
		contentEl.createEl('p', { text: t('course.intro', { notes: COURSE_NOTES[language].length, pictures: Object.keys(COURSE_PICTURES).length }) });
		contentEl.createEl('p', { cls: 'cnn-course-keep', text: t('course.keep') });
		this.folderInput = freeFolder(this.app.vault, t('course.defaultFolder'));
		new Setting(contentEl)
			.setName(t('course.folder.name'))
			.setDesc(t('course.folder.desc'))
			.addText((text) => {
				text.setValue(this.folderInput).onChange((value) => {
					this.folderInput = value;
					this.refresh();
				});
				this.folderEl = text.inputEl;
				text.inputEl.setAttr('data-action', 'course-folder');
				text.inputEl.addEventListener('keydown', (ev) => {
					if (ev.key !== 'Enter' || ev.isComposing) return;
					ev.preventDefault();
					void this.submit();
				});
			});
		this.summaryEl = contentEl.createDiv({ cls: 'cnn-course-summary', attr: { 'aria-live': 'polite' } });
		const buttons = contentEl.createDiv({ cls: 'modal-button-container' });
		this.insertButton = buttons.createEl('button', { cls: 'mod-cta', text: t('course.insert'), attr: { 'data-action': 'course-insert' } });
		this.insertButton.addEventListener('click', () => void this.submit());
		buttons.createEl('button', { text: t('course.cancel'), attr: { 'data-action': 'course-cancel' } }).addEventListener('click', () => this.close());
		this.refresh();
	}

	onClose(): void {
		this.contentEl.empty();
	}

	/** Re-checks the folder and lists what would be created and kept. */
	private refresh(): void {
		const summary = this.summaryEl;
		if (!summary) return;
		summary.empty();
		const check = checkFolder(this.folderInput, this.app.vault);
		if (!check.ok) {
			this.plan = null;
			summary.createEl('p', { cls: 'cnn-course-error', text: t(check.key, check.vars), attr: { role: 'alert' } });
			this.setBusy(this.running);
			return;
		}
		const plan = planCourse(this.app.vault, check.folder, currentLanguage());
		this.plan = plan;
		// Notes first: they are what the teacher came for (the pictures are created first, as the notes embed them).
		const shown = [...plan.files.filter((f) => f.kind === 'note'), ...plan.files.filter((f) => f.kind === 'picture')];
		const create = shown.filter((f) => !f.exists).map((f) => f.path);
		const keep = shown.filter((f) => f.exists).map((f) => f.path);
		if (create.length === 0) summary.createEl('p', { text: t('course.nothingToDo') });
		else list(summary, t('course.willCreate', { count: create.length }), create, 'create');
		if (keep.length > 0) list(summary, t('course.willKeep', { count: keep.length }), keep, 'keep');
		const twins = sameNames(this.app.vault, plan);
		if (twins.length > 0) summary.createEl('p', { cls: 'cnn-course-warning', text: t('course.sameNames', { count: twins.length, example: twins[0] ?? '' }) });
		this.setBusy(this.running);
	}

	private setBusy(busy: boolean): void {
		this.running = busy;
		if (this.folderEl) this.folderEl.disabled = busy;
		if (!this.insertButton) return;
		const nothing = !this.plan || this.plan.files.every((f) => f.exists);
		this.insertButton.disabled = busy || nothing;
		this.insertButton.setText(busy ? t('course.working') : t('course.insert'));
	}

	/** Inserts the planned course, then closes, tells the counts and opens the overview note. */
	private async submit(): Promise<void> {
		const plan = this.plan;
		if (this.running || !plan || plan.files.every((f) => f.exists)) return;
		this.setBusy(true);
		try {
			await this.run(plan);
		} catch (e) {
			// insertCourse reports failures itself; anything else still ends in a notice, never an unhandled rejection.
			this.close();
			new Notice(t('course.failedAll', { folder: plan.folder, reason: reasonText(e instanceof Error ? e.message : String(e)) }), 0);
		}
	}

	private async run(plan: CoursePlan): Promise<InsertReport | null> {
		// Fresh look at the vault: a file may have appeared where a folder goes (the dialog then says so), or files in it.
		const check = checkFolder(plan.folder, this.app.vault);
		if (!check.ok) {
			this.setBusy(false);
			this.refresh();
			return null;
		}
		const fresh = planCourse(this.app.vault, check.folder, plan.language);
		const pause = this.options.pause ?? (() => new Promise<void>((resolve) => window.setTimeout(resolve, 0)));
		const report = await insertCourse(this.app.vault, fresh, { ...this.options, pause });
		this.close();
		new Notice(reportMessage(report, plan.folder), report.failed.length > 0 ? 0 : undefined);
		const first = this.app.vault.getAbstractFileByPath(fresh.firstNote);
		if (first instanceof TFile) {
			try {
				await this.app.workspace.getLeaf(false).openFile(first);
			} catch (e) {
				console.error('CNN Notes: could not open the course', e);
			}
		}
		return report;
	}
}

/**
 * The names of the files the plan creates that a file elsewhere in the vault already has (an earlier
 * copy of the course, say): short links to them in the other notes become ambiguous (the new
 * course's own links are written unambiguous by insertCourse). The dialog warns; nothing else is changed.
 */
export function sameNames(vault: App['vault'], plan: CoursePlan): string[] {
	const planned = new Set(plan.files.map((f) => f.path.toLowerCase()));
	const elsewhere = new Set(vault.getFiles().filter((f) => !planned.has(f.path.toLowerCase())).map((f) => f.name.toLowerCase()));
	return plan.files.filter((f) => !f.exists && elsewhere.has(f.name.toLowerCase())).map((f) => f.name);
}

/** A heading line and a list of paths under it. */
function list(parent: HTMLElement, heading: string, paths: string[], kind: string): void {
	parent.createEl('p', { text: heading });
	const ul = parent.createEl('ul', { cls: 'cnn-course-files', attr: { 'data-kind': kind } });
	for (const path of paths) ul.createEl('li', { text: path });
}
