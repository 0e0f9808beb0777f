/**
 * The preview's settings view (the top bar's "Settings"): the plugin's setting tab, displayed into
 * a modal panel as Obsidian's settings window shows it. Preview infrastructure, not part of the plugin.
 */
import type { PluginSettingTab } from '../../harness/obsidian';

/** A modal showing one plugin's setting tab; display() runs each time it opens. */
export class SettingsPanel {
	private el: HTMLElement | null = null;
	private returnFocus: HTMLElement | null = null;

	constructor(
		private readonly tab: () => PluginSettingTab | null,
		private readonly title: string,
	) {}

	get isOpen(): boolean {
		return this.el !== null;
	}

	open(): void {
		if (this.el) return;
		this.returnFocus = document.activeElement instanceof HTMLElement ? document.activeElement : null;
		const backdrop = document.body.createDiv({ cls: 'preview-modal-backdrop' });
		const modal = backdrop.createDiv({ cls: 'preview-modal preview-settings', attr: { role: 'dialog', 'aria-modal': 'true', 'aria-labelledby': 'preview-settings-title' } });
		this.el = backdrop;
		const header = modal.createDiv({ cls: 'preview-modal-header' });
		header.createDiv({ cls: 'preview-modal-title', text: this.title, attr: { id: 'preview-settings-title' } });
		const close = header.createEl('button', { cls: 'preview-modal-close', text: '×', attr: { type: 'button', 'aria-label': 'Close' } });
		close.addEventListener('click', () => this.close());
		const body = modal.createDiv({ cls: 'preview-settings-body vertical-tab-content' });
		const tab = this.tab();
		if (tab) {
			tab.display();
			body.appendChild(tab.containerEl);
		} else body.createDiv({ cls: 'preview-palette-empty', text: 'The plugin has no settings tab (was it loaded?).' });
		backdrop.addEventListener('pointerdown', (ev) => {
			if (ev.target === backdrop) this.close();
		});
		modal.addEventListener('keydown', (ev) => {
			if (ev.key === 'Escape') this.close();
		});
		close.focus();
	}

	close(): void {
		if (!this.el) return;
		this.tab()?.hide();
		this.el.remove();
		this.el = null;
		this.returnFocus?.focus();
		this.returnFocus = null;
	}
}
