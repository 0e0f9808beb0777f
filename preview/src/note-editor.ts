/**
 * The preview's edit mode: a textarea bound to a harness MarkdownView (app.workspace.openNote), so
 * editor commands run on the note's text as in Obsidian's source mode. Typing saves into the vault
 * through the view's Editor; a command's change is shown in the textarea with its cursor.
 * Preview infrastructure, not part of the plugin.
 */
import type { App, Editor, MarkdownView } from '../../harness/obsidian';

/** A textarea editing one note at a time through a MarkdownView's Editor. */
export class NoteEditor {
	readonly el: HTMLElement;
	readonly textarea: HTMLTextAreaElement;
	private view: MarkdownView | null = null;

	constructor(
		private readonly app: App,
		parent: HTMLElement,
	) {
		this.el = parent.createDiv({ cls: 'preview-editor' });
		this.textarea = this.el.createEl('textarea', {
			cls: 'preview-editor-text',
			attr: { 'aria-label': 'Note text (Markdown)', spellcheck: 'false', autocapitalize: 'off' },
		});
		// Each edit goes into the Editor (one change, saved into the vault, as Obsidian does shortly after typing).
		this.textarea.addEventListener('input', () => {
			const editor = this.view?.editor;
			if (!editor) return;
			const end = { line: editor.lastLine(), ch: editor.getLine(editor.lastLine()).length };
			editor.transaction({ changes: [{ from: { line: 0, ch: 0 }, to: end, text: this.textarea.value }] });
			this.pullCursor();
		});
		for (const type of ['keyup', 'pointerup', 'select', 'focus'] as const) this.textarea.addEventListener(type, () => this.pullCursor());
	}

	/** The Editor of the note being edited, with the textarea's cursor; null when no note is open for editing. */
	get editor(): Editor | null {
		this.pullCursor();
		return this.view?.editor ?? null;
	}

	/** The MarkdownView being edited, or null. */
	get markdownView(): MarkdownView | null {
		return this.view;
	}

	/** Opens the note at `path` for editing (one leaf, reused) and shows its text. */
	async open(path: string): Promise<boolean> {
		const file = this.app.vault.getFileByPath(path);
		if (!file) return false;
		if (this.view) await this.view.leaf.openFile(file);
		else this.view = await this.app.workspace.openNote(file, 'source');
		this.view.mode = 'source';
		this.textarea.value = this.view.editor.getValue();
		this.textarea.setSelectionRange(0, 0);
		return true;
	}

	/** Shows the editor's text and cursor in the textarea (after a command changed them) and focuses it. */
	refresh(): void {
		const editor = this.view?.editor;
		if (!editor) return;
		if (this.textarea.value !== editor.getValue()) this.textarea.value = editor.getValue();
		const at = editor.posToOffset(editor.getCursor());
		this.textarea.focus();
		this.textarea.setSelectionRange(at, at);
	}

	/** The textarea's cursor into the Editor. */
	private pullCursor(): void {
		const editor = this.view?.editor;
		if (!editor || this.textarea.value !== editor.getValue()) return;
		editor.setCursor(editor.offsetToPos(this.textarea.selectionStart));
	}
}
