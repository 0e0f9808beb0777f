/**
 * The editor side of the Obsidian fake: Editor, MarkdownView, WorkspaceLeaf and a Workspace that
 * knows its leaves. Test and preview infrastructure only (re-exported by harness/obsidian.ts).
 *
 * As in Obsidian: a MarkdownView holds its note's text in its Editor; editor changes are saved to
 * the vault (here at once, Obsidian after a short delay), and a change of the file on disk that
 * the editor did not make is loaded into the editor. `undo()` undoes one change or one
 * transaction, as Ctrl/Cmd+Z does.
 */
import type { App, TFile } from './obsidian';
import { Events } from './events';

/** A position in the editor: 0-based line and column. */
export interface EditorPosition {
	line: number;
	ch: number;
}

/** One change of a transaction: replace from..to (to defaults to from) with text. */
export interface EditorChange {
	from: EditorPosition;
	to?: EditorPosition;
	text: string;
}

/** What Editor.transaction accepts (Obsidian's EditorTransaction, the parts the fake applies). */
export interface EditorTransaction {
	changes?: EditorChange[];
	selection?: { from: EditorPosition; to?: EditorPosition };
}

/** The note's text in an editor, with Obsidian's Editor methods. */
export class Editor {
	private text = '';
	private cursor: EditorPosition = { line: 0, ch: 0 };
	private history: string[] = [];
	/** Fake-only: every transaction or replaceRange applied, in order. */
	transactions = 0;

	constructor(private onChange: () => void = () => {}) {}

	getValue(): string {
		return this.text;
	}

	/** Replaces the whole text (a load from disk: no undo step, no save). */
	setValue(text: string): void {
		this.text = text;
		this.cursor = this.clip(this.cursor);
	}

	getLine(line: number): string {
		return this.text.split('\n')[line] ?? '';
	}

	lineCount(): number {
		return this.text.split('\n').length;
	}

	lastLine(): number {
		return this.lineCount() - 1;
	}

	getCursor(_which?: 'from' | 'to' | 'head' | 'anchor'): EditorPosition {
		return { ...this.cursor };
	}

	setCursor(pos: EditorPosition | number, ch?: number): void {
		this.cursor = this.clip(typeof pos === 'number' ? { line: pos, ch: ch ?? 0 } : pos);
	}

	getSelection(): string {
		return '';
	}

	posToOffset(pos: EditorPosition): number {
		const lines = this.text.split('\n');
		let offset = 0;
		for (let i = 0; i < pos.line && i < lines.length; i++) offset += (lines[i]?.length ?? 0) + 1;
		return offset + pos.ch;
	}

	offsetToPos(offset: number): EditorPosition {
		const before = this.text.slice(0, Math.max(0, offset)).split('\n');
		return { line: before.length - 1, ch: before[before.length - 1]?.length ?? 0 };
	}

	getRange(from: EditorPosition, to: EditorPosition): string {
		return this.text.slice(this.posToOffset(from), this.posToOffset(to));
	}

	/** Replaces from..to (or inserts at from) with text: one undo step. */
	replaceRange(text: string, from: EditorPosition, to?: EditorPosition): void {
		this.transaction({ changes: [{ from, to, text }] });
	}

	/** Replaces the selection (the cursor: the fake has no selection) with text. */
	replaceSelection(text: string): void {
		const at = this.getCursor();
		this.replaceRange(text, at);
		this.cursor = this.offsetToPos(this.posToOffset(at) + text.length);
	}

	/** Applies every change at once (positions refer to the text before the transaction): one undo step. */
	transaction(tx: EditorTransaction): void {
		const changes = [...(tx.changes ?? [])]
			.map((c) => ({ from: this.posToOffset(c.from), to: this.posToOffset(c.to ?? c.from), text: c.text }))
			.sort((a, b) => b.from - a.from);
		this.history.push(this.text);
		let text = this.text;
		for (const c of changes) text = text.slice(0, c.from) + c.text + text.slice(c.to);
		this.text = text;
		this.transactions++;
		if (tx.selection) this.cursor = this.clip(tx.selection.from);
		this.onChange();
	}

	/** Undoes the last change or transaction (Ctrl/Cmd+Z). */
	undo(): void {
		const previous = this.history.pop();
		if (previous === undefined) return;
		this.text = previous;
		this.onChange();
	}

	focus(): void {}

	private clip(pos: EditorPosition): EditorPosition {
		const lines = this.text.split('\n');
		const line = Math.min(Math.max(0, pos.line), lines.length - 1);
		return { line, ch: Math.min(Math.max(0, pos.ch), lines[line]?.length ?? 0) };
	}
}

/** The view of one note: its file and its editor (the reading view shares the same text). */
export class MarkdownView {
	file: TFile | null = null;
	editor: Editor;
	/** 'source' (editing, live preview) or 'preview' (reading). */
	mode: 'source' | 'preview' = 'source';
	private saving = false;

	constructor(public app: App, public leaf: WorkspaceLeaf) {
		this.editor = new Editor(() => this.save());
		app.vault.on('modify', (file: TFile) => {
			// A change on disk the editor did not make is loaded, as Obsidian does for a clean editor.
			if (this.saving || file !== this.file) return;
			void app.vault.read(file).then((text) => {
				if (text !== this.editor.getValue()) this.editor.setValue(text);
			});
		});
	}

	getViewType(): string {
		return 'markdown';
	}

	getMode(): 'source' | 'preview' {
		return this.mode;
	}

	/** Shows `file` (reads its text into the editor). */
	async setFile(file: TFile): Promise<void> {
		this.file = file;
		this.editor.setValue(await this.app.vault.read(file));
	}

	/** Writes the editor's text to the file (Obsidian does this shortly after each change). */
	private save(): void {
		const file = this.file;
		if (!file) return;
		this.saving = true;
		try {
			this.app.vault.seed(file.path, this.editor.getValue());
			this.app.vault.writes.push(file.path);
			this.app.vault.trigger('modify', file);
		} finally {
			this.saving = false;
		}
	}
}

/** A pane of the workspace, showing one view. */
export class WorkspaceLeaf {
	view: MarkdownView;
	constructor(app: App) {
		this.view = new MarkdownView(app, this);
	}

	/** Opens `file` in this leaf; `eState.line` is remembered as where the view scrolled. */
	async openFile(file: TFile, state?: { eState?: { line?: number } }): Promise<void> {
		await this.view.setFile(file);
		this.openedAt = state?.eState?.line ?? null;
	}

	/** Fake-only: the line the last openFile asked to show. */
	openedAt: number | null = null;

	getViewState(): { type: string } {
		return { type: 'markdown' };
	}
}

/** The workspace: its leaves (markdown views) and the events plugins listen to. */
export class Workspace extends Events {
	/** Fake-only: the open leaves, the active one last. */
	leaves: WorkspaceLeaf[] = [];
	/** Fake-only: every openLinkText call. */
	opened: { linktext: string; sourcePath: string; line: number | null }[] = [];

	constructor(private app: App) {
		super();
	}

	getLeavesOfType(type: string): WorkspaceLeaf[] {
		return type === 'markdown' ? [...this.leaves] : [];
	}

	/** The active view when it is a `type` (MarkdownView), else null. */
	getActiveViewOfType<T>(type: abstract new (...args: never[]) => T): T | null {
		const view = this.leaves[this.leaves.length - 1]?.view;
		return view instanceof type ? view : null;
	}

	/** The active file (of the active leaf), or null. */
	getActiveFile(): TFile | null {
		return this.leaves[this.leaves.length - 1]?.view.file ?? null;
	}

	/** A leaf to open something in: a new one (newLeaf true) or the active one. */
	getLeaf(newLeaf?: boolean | 'tab' | 'split' | 'window'): WorkspaceLeaf {
		const active = this.leaves[this.leaves.length - 1];
		if (active && !newLeaf) return active;
		const leaf = new WorkspaceLeaf(this.app);
		this.leaves.push(leaf);
		return leaf;
	}

	/** Opens a note by link text, as a click on a link does. */
	async openLinkText(linktext: string, sourcePath: string, newLeaf?: boolean, openViewState?: { eState?: { line?: number } }): Promise<void> {
		this.opened.push({ linktext, sourcePath, line: openViewState?.eState?.line ?? null });
		const file = this.app.metadataCache.getFirstLinkpathDest(linktext, sourcePath);
		if (file) await this.getLeaf(newLeaf).openFile(file, openViewState);
	}

	/** Fake-only: opens `file` in a new leaf, in `mode`, and returns its view. */
	async openNote(file: TFile, mode: 'source' | 'preview' = 'source'): Promise<MarkdownView> {
		const leaf = this.getLeaf(true);
		leaf.view.mode = mode;
		await leaf.openFile(file);
		return leaf.view;
	}
}
