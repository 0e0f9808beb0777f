/** The question asked before updating links in CNN blocks when the vault does not update links on its own. */
import { Modal, type App } from 'obsidian';
import { t } from '../i18n';

/** How many links would change, in how many CNN blocks of how many notes. */
export interface UpdateCounts {
	links: number;
	blocks: number;
	notes: number;
}

/** "Update N links in CNN blocks in M notes?" with update and skip buttons; closing it skips. */
export class ConfirmLinkUpdateModal extends Modal {
	private answered = false;

	constructor(
		app: App,
		private readonly counts: UpdateCounts,
		private readonly noteNames: readonly string[],
		private readonly answer: (update: boolean) => void,
	) {
		super(app);
	}

	onOpen(): void {
		this.setTitle(t('links.confirm.title'));
		this.modalEl.addClass('cnn-links-modal');
		this.contentEl.createEl('p', { text: t('links.confirm.body', { links: this.counts.links, notes: this.counts.notes }) });
		const shown = this.noteNames.slice(0, MAX_NAMES);
		const list = this.contentEl.createEl('ul', { cls: 'cnn-links-notes' });
		for (const name of shown) list.createEl('li', { text: name });
		if (this.noteNames.length > shown.length) list.createEl('li', { text: t('links.more', { count: this.noteNames.length - shown.length }) });
		const buttons = this.contentEl.createDiv({ cls: 'modal-button-container' });
		const update = buttons.createEl('button', { cls: 'mod-cta', text: t('links.confirm.update'), attr: { type: 'button', 'data-action': 'update-links' } });
		const skip = buttons.createEl('button', { text: t('links.confirm.skip'), attr: { type: 'button', 'data-action': 'skip-links' } });
		update.addEventListener('click', () => this.choose(true));
		skip.addEventListener('click', () => this.choose(false));
	}

	onClose(): void {
		this.contentEl.empty();
		if (this.answered) return;
		this.answered = true;
		this.answer(false);
	}

	private choose(update: boolean): void {
		if (this.answered) return;
		this.answered = true;
		this.answer(update);
		this.close();
	}
}

/** Most note names listed in the question. */
const MAX_NAMES = 10;

/** Asks the question; resolves true for update, false for skip, a closed dialog or an aborted `signal` (the dialog closes). */
export function confirmLinkUpdate(app: App, counts: UpdateCounts, noteNames: readonly string[], signal?: AbortSignal): Promise<boolean> {
	if (signal?.aborted) return Promise.resolve(false);
	return new Promise((resolve) => {
		const modal = new ConfirmLinkUpdateModal(app, counts, noteNames, resolve);
		// The plugin unloads: the question closes, which answers skip.
		signal?.addEventListener('abort', () => modal.close(), { once: true });
		modal.open();
	});
}
