/**
 * Saving a widget's edits into its block (the block's text is the truth, DESIGN.md). The widget
 * says when its values changed; after a quiet time (a burst of typing is one write) the block's
 * new source is computed from the widget's values and written through the BlockWriter, which
 * changes the note only while the block still holds the source the widget knows.
 *
 * Focus: a write makes Obsidian render the block again (a new widget), which would take the focus
 * from a weight being typed. So while a text field of the widget has the focus, the write waits
 * until the focus leaves the widget (a text field, the preset menu, or a control the host names,
 * such as a held-out digit of the classify strip); otherwise it happens after the quiet time. A write still waiting when the widget unloads (the note closes, the block
 * re-renders) is made then, where the block was while the widget was shown (Obsidian cannot say
 * where a block is once its widget is gone): it is checked against the block like any other, so it
 * never overwrites a newer text, and a Notice says when it could not be made. With saving turned
 * off meanwhile, it is dropped.
 *
 * What happened is shown in a line under the widget (translated), `data-save-state` on the block's
 * element (saved, pending, conflict, off, failed, unsaved-here), and a Notice when a write was
 * refused or failed. The Reset button (data-action="reset") restores the values saved in the block
 * (the writer's source).
 */
import { Component, Notice } from 'obsidian';
import { t, type MessageKey } from '../../i18n';
import type { BlockSection, BlockWriter } from '../../vault/block-writer';
import { guard, listen } from './guard';
import type { PrefsSource } from './prefs';

/** Where the widget's edits stand, as `data-save-state`. */
export type SaveState = 'saved' | 'pending' | 'conflict' | 'off' | 'failed' | 'unsaved-here';

/** Milliseconds without a change before edits are written. */
export const QUIET_MS = 1000;

/** What the widget gives: the block source holding its current values (null when none does), and how to go back to its rendered values. */
export interface WriteBackHost {
	/** The source of the block with the widget's current values, from the block's current `source`; null when they cannot be written. */
	sourceFor(source: string): string | null;
	/** true when the widget's current values are those `source` gives (asked on every change: must be cheap). */
	holds(source: string): boolean;
	/** Restores the values saved in the block (the writer's source; the widget then calls `changed`). */
	reset(): void;
	/** true when `focused` (an element of the widget with the focus, not a text field or menu) is a control whose write waits for the focus to leave the widget. */
	holdsFocus?(focused: Element): boolean;
}

/** The write-back of one widget: a child component of it (its timer and listeners end with it). */
export class WriteBack extends Component {
	/** The line under the widget: the message and the Reset button. */
	readonly el: HTMLElement;
	private readonly message: HTMLElement;
	private readonly resetButton: HTMLButtonElement;
	private timer: number | null = null;
	private pending = false;
	private writing: Promise<void> = Promise.resolve();
	/** Where the block was at the last change (or when the widget unloaded), for a write made after the widget is gone. */
	private section: BlockSection | null = null;
	/** Set when the widget unloads: its line is gone, so a write that could not be made says so in a Notice. */
	private gone = false;

	constructor(
		private readonly root: HTMLElement,
		private readonly writer: BlockWriter,
		private readonly prefs: PrefsSource,
		private readonly host: WriteBackHost,
		private readonly quietMs = QUIET_MS,
	) {
		super();
		this.el = root.createDiv({ cls: 'cnn-save-bar' });
		this.message = this.el.createSpan({ cls: 'cnn-save-message', attr: { 'aria-live': 'polite' } });
		this.resetButton = this.el.createEl('button', {
			cls: 'cnn-save-reset',
			text: t('writeBack.reset'),
			attr: { type: 'button', 'data-action': 'reset', 'aria-label': t('writeBack.resetLabel') },
		});
	}

	onload(): void {
		this.gone = false;
		if (this.prefs.get().writeBack) this.show('saved', null);
		else this.show('off', 'writeBack.offShort');
		listen(this, this.resetButton, 'click', () => this.host.reset());
		listen(this, this.root, 'focusout', (ev) => {
			const next = ev.relatedTarget;
			if (this.pending && !(next instanceof Node && this.root.contains(next))) void this.flush();
		});
		this.register(() => this.stopTimer());
	}

	onunload(): void {
		this.stopTimer();
		this.takeSection();
		this.gone = true;
		// Saving turned off meanwhile (the settings re-mount the widget): the pending edit is dropped.
		if (this.pending && !this.prefs.get().writeBack) this.pending = false;
		if (this.pending) void this.flush();
	}

	/** Keeps where the block is now, while the widget is on the page (Obsidian can say it then). */
	private takeSection(): void {
		this.section = this.writer.section() ?? this.section;
	}

	/** The widget's values changed: write them after the quiet time (or say they are not saved). */
	changed(): void {
		const saved = this.host.holds(this.writer.source);
		if (saved || !this.prefs.get().writeBack) {
			// Back at the saved values (e.g. Reset): nothing to write or to warn about.
			this.pending = false;
			this.stopTimer();
			this.show(saved ? 'saved' : 'off', saved ? null : 'writeBack.off');
			return;
		}
		this.pending = true;
		this.takeSection();
		this.show('pending', 'writeBack.pending');
		this.stopTimer();
		this.timer = window.setTimeout(
			guard(this, () => {
				this.timer = null;
				if (!this.typing()) void this.flush();
			}),
			this.quietMs,
		);
	}

	/** Writes the pending edits now (one write at a time; resolves when this one is done). */
	flush(): Promise<void> {
		this.stopTimer();
		if (!this.pending) return this.writing;
		this.pending = false;
		this.writing = this.writing.then(() => this.write());
		return this.writing;
	}

	/** true while a text field of the widget (or a control the host names) has the focus: the user may be typing, or going through choices with the keyboard. */
	private typing(): boolean {
		const active = this.root.doc.activeElement;
		if (!active || !this.root.contains(active)) return false;
		return active.instanceOf(HTMLInputElement) || active.instanceOf(HTMLSelectElement) || (this.host.holdsFocus?.(active) ?? false);
	}

	private async write(): Promise<void> {
		try {
			if (this.host.holds(this.writer.source)) return this.show('saved', null);
			const next = this.host.sourceFor(this.writer.source);
			if (next === null) return this.refuse('failed', 'writeBack.invalid');
			if (next === this.writer.source) return this.show('saved', null);
			const outcome = await this.writer.write(next, this.section);
			if (this.pending) return; // newer edits came meanwhile: their write will tell
			switch (outcome.status) {
				case 'written':
				case 'unchanged':
					// The values may have gone back meanwhile (to what the block held before): write them too.
					if (!this.host.holds(this.writer.source)) return this.changed();
					return this.show('saved', 'writeBack.saved');
				case 'conflict':
					return this.refuse('conflict', 'writeBack.conflict');
				case 'ambiguous':
					return this.refuse('conflict', 'writeBack.ambiguous');
				case 'nowhere':
					if (this.gone) return this.refuse('unsaved-here', 'writeBack.nowhereGone');
					return this.show('unsaved-here', 'writeBack.nowhere');
				case 'deleted':
					return this.refuse('failed', 'writeBack.deleted');
				case 'failed':
					return this.refuse('failed', 'writeBack.failed');
			}
		} catch {
			this.refuse('failed', 'writeBack.failed');
		}
	}

	/** A refused or failed write: the line, and a Notice (the widget may be out of sight). */
	private refuse(state: SaveState, key: MessageKey): void {
		this.show(state, key);
		new Notice(this.text(key));
	}

	private text(key: MessageKey): string {
		return t(key, { note: this.writer.notePath() });
	}

	private show(state: SaveState, key: MessageKey | null): void {
		this.root.setAttr('data-save-state', state);
		this.message.setText(key ? this.text(key) : '');
		this.el.toggleClass('is-quiet', key === null);
		this.el.toggleClass('is-problem', state === 'conflict' || state === 'failed');
	}

	private stopTimer(): void {
		if (this.timer !== null) window.clearTimeout(this.timer);
		this.timer = null;
	}
}
