/**
 * The preview's command palette (Ctrl/Cmd+P or the top bar's "Commands"): a filterable list of the
 * plugin's commands, named "CNN Notes: …" as Obsidian does. Editor commands run on the note's editor
 * in edit mode and are offered only there, as Obsidian offers them only with an editor.
 * Preview infrastructure, not part of the plugin.
 */
import type { Command, Editor, MarkdownView } from '../../harness/obsidian';

/** What the palette needs from the page: the commands, the editor (null outside edit mode), and what to do after a command ran. */
export interface PaletteHost {
	commands(): Command[];
	editor(): { editor: Editor; view: MarkdownView } | null;
	ran(command: Command): void;
	pluginName: string;
}

/** Whether `command` can run now: its check callbacks asked, editor commands only with an editor. */
function available(command: Command, target: { editor: Editor; view: MarkdownView } | null): boolean {
	if (command.editorCheckCallback) return target !== null && command.editorCheckCallback(true, target.editor, target.view) === true;
	if (command.editorCallback) return target !== null;
	if (command.checkCallback) return command.checkCallback(true) === true;
	return command.callback !== undefined;
}

/** Runs `command` (on the editor when it is an editor command). */
function run(command: Command, target: { editor: Editor; view: MarkdownView } | null): void {
	if (command.editorCheckCallback && target) command.editorCheckCallback(false, target.editor, target.view);
	else if (command.editorCallback && target) command.editorCallback(target.editor, target.view);
	else if (command.checkCallback) command.checkCallback(false);
	else command.callback?.();
}

/** The palette: a modal with a filter field and a list box; one at a time. */
export class CommandPalette {
	private el: HTMLElement | null = null;
	private returnFocus: HTMLElement | null = null;

	constructor(private readonly host: PaletteHost) {}

	get isOpen(): boolean {
		return this.el !== null;
	}

	open(): void {
		if (this.el) return;
		this.returnFocus = document.activeElement instanceof HTMLElement ? document.activeElement : null;
		const target = this.host.editor();
		const backdrop = document.body.createDiv({ cls: 'preview-modal-backdrop' });
		const modal = backdrop.createDiv({ cls: 'preview-modal preview-palette', attr: { role: 'dialog', 'aria-modal': 'true', 'aria-label': 'Command palette' } });
		this.el = backdrop;
		const input = modal.createEl('input', {
			cls: 'preview-palette-input',
			type: 'text',
			attr: { placeholder: 'Type a command…', 'aria-label': 'Filter commands', role: 'combobox', 'aria-expanded': 'true', 'aria-controls': 'preview-palette-list', autocomplete: 'off' },
		});
		const list = modal.createDiv({ cls: 'preview-palette-list', attr: { role: 'listbox', id: 'preview-palette-list', 'aria-label': 'Commands' } });
		const hint = modal.createDiv({ cls: 'preview-palette-hint' });
		const all = this.host.commands().map((command) => ({ command, title: `${this.host.pluginName}: ${command.name}`, enabled: available(command, target) }));
		let shown = all;
		let selected = 0;
		const choose = (index: number): void => {
			const item = shown[index];
			if (!item || !item.enabled) return;
			this.close();
			run(item.command, target);
			this.host.ran(item.command);
		};
		const draw = (): void => {
			list.empty();
			const words = input.value.toLowerCase().split(/\s+/).filter(Boolean);
			shown = all.filter((item) => words.every((w) => item.title.toLowerCase().includes(w)));
			selected = Math.min(selected, Math.max(0, shown.length - 1));
			shown.forEach((item, index) => {
				const option = list.createDiv({
					cls: 'preview-palette-item',
					text: item.title,
					attr: { role: 'option', id: `preview-palette-${index}`, 'aria-selected': String(index === selected), 'aria-disabled': String(!item.enabled), 'data-command': item.command.id },
				});
				if (!item.enabled) option.createSpan({ cls: 'preview-palette-note', text: 'edit mode' });
				option.addEventListener('click', () => choose(index));
			});
			if (shown.length === 0) list.createDiv({ cls: 'preview-palette-empty', text: 'No command matches.' });
			input.setAttr('aria-activedescendant', shown.length ? `preview-palette-${selected}` : '');
			list.querySelector('[aria-selected="true"]')?.scrollIntoView({ block: 'nearest' });
		};
		hint.setText(target ? '↑↓ to choose · Enter to run · Esc to close' : 'Editor commands run in edit mode (Edit, above the note).');
		input.addEventListener('input', () => {
			selected = 0;
			draw();
		});
		input.addEventListener('keydown', (ev) => {
			if (ev.key === 'ArrowDown' || ev.key === 'ArrowUp') {
				ev.preventDefault();
				const n = shown.length;
				if (n) selected = (selected + (ev.key === 'ArrowDown' ? 1 : n - 1)) % n;
				draw();
			} else if (ev.key === 'Enter') {
				ev.preventDefault();
				choose(selected);
			} else if (ev.key === 'Escape') {
				ev.preventDefault();
				this.close();
			}
		});
		backdrop.addEventListener('pointerdown', (ev) => {
			if (ev.target === backdrop) this.close();
		});
		draw();
		input.focus();
	}

	close(): void {
		this.el?.remove();
		this.el = null;
		this.returnFocus?.focus();
		this.returnFocus = null;
	}
}
