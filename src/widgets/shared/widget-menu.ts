/**
 * Taking a widget out of the note: every widget has a small menu button (top right,
 * `data-action="menu"`) that opens Obsidian's Menu with "Copy block" (the block's fenced text),
 * "Copy as image" (a PNG of the widget's current figures, see figure-image.ts) and "Save as image
 * to vault" (the PNG next to the note, see src/vault/save-image.ts). Each item's title carries
 * `data-action` (`copy-block`, `copy-image`, `save-image`) for checks. A second click on the button
 * closes the menu. The links in its notices work as long as the notice shows (their listeners are on
 * the notice's own elements, gone with it), whatever became of the widget meanwhile.
 */
import { Menu, Notice, setIcon, type Component } from 'obsidian';
import { t, type MessageKey } from '../../i18n';
import type { ImageSaver } from '../../vault/save-image';
import { figurePng } from './figure-image';
import { listen } from './guard';

/** The system clipboard as the menu uses it (navigator.clipboard; tests pass a fake). */
export interface MenuClipboard {
	writeText(text: string): Promise<void>;
	write(items: ClipboardItem[]): Promise<void>;
}

/** What the menu of one widget works on. */
export interface WidgetMenuTarget {
	/** The block's language, e.g. `cnn-conv`. */
	blockClass: string;
	/** The block's source: a string, or a function giving the source now (edits not saved yet included), read at each "Copy block". */
	source: string | (() => string);
	/** Saving into the vault (WidgetDeps.saver). */
	saver: ImageSaver;
	/** The clipboard; navigator.clipboard when not given. */
	clipboard?: MenuClipboard;
	/** The PNG of the figures; figurePng at devicePixelRatio 2 when not given (tests pass their own). */
	png?: (figures: HTMLElement) => Promise<Blob | null>;
}

/** One entry of the menu: its check id, title key, Lucide icon and what it does. */
interface MenuEntry {
	action: 'copy-block' | 'copy-image' | 'save-image';
	title: MessageKey;
	icon: string;
	run(): Promise<void>;
}

/** The block as it stands in the note: its fence, its source, the closing fence. */
export function fencedBlock(blockClass: string, source: string): string {
	const body = source.endsWith('\n') || source === '' ? source : `${source}\n`;
	// A fence longer than any run of backticks inside, so the block survives being pasted.
	const longest = Math.max(0, ...Array.from(source.matchAll(/`+/g), (m) => m[0].length));
	const fence = '`'.repeat(Math.max(3, longest + 1));
	return `${fence}${blockClass}\n${body}${fence}`;
}

/** The block kind in file names: `cnn-conv` -> `conv`. */
function kindOf(blockClass: string): string {
	return blockClass.replace(/^cnn-/, '');
}

/** A menu item's title: the translated text in a span carrying the item's `data-action`. */
function titleOf(entry: MenuEntry): DocumentFragment {
	return createFragment((f) => f.createSpan({ text: t(entry.title), attr: { 'data-action': entry.action } }));
}

/**
 * The menu of one widget: the button (first in `figures`, top right; listeners registered on
 * `owner`, removed with it) and the three actions. Nothing here throws into the page: failures
 * become translated notices.
 */
export class WidgetMenu {
	readonly button: HTMLButtonElement;
	private menu: Menu | null = null;
	/** When a press on the button closed the open menu (performance.now()): Obsidian closes it on a press outside it, before the click comes. */
	private pressedOpenAt = -Infinity;

	/** `figures`: the widget's content (`.cnn-notes`), which the image shows and the button sits in (first, top right). */
	constructor(
		private readonly owner: Component,
		private readonly figures: HTMLElement,
		private readonly target: WidgetMenuTarget,
	) {
		figures.addClass('has-menu');
		this.button = figures.createEl('button', {
			cls: 'clickable-icon cnn-menu-button',
			attr: { type: 'button', 'aria-label': t('menu.button'), 'aria-haspopup': 'menu', 'data-action': 'menu' },
		});
		figures.prepend(this.button);
		setIcon(this.button, 'more-horizontal');
		listen(owner, this.button, 'click', (ev) => this.toggle(ev));
		owner.register(() => {
			this.menu?.hide();
			this.menu = null;
			this.button.remove();
		});
	}

	/** The entries, in menu order. */
	private entries(): MenuEntry[] {
		return [
			{ action: 'copy-block', title: 'menu.copyBlock', icon: 'copy', run: () => this.copyBlock() },
			{ action: 'copy-image', title: 'menu.copyImage', icon: 'image', run: () => this.copyImage() },
			{ action: 'save-image', title: 'menu.saveImage', icon: 'download', run: () => this.saveImage() },
		];
	}

	/** The button's click: closes the menu when it is open (or was closed by this very mouse press), else opens it. */
	private toggle(ev: MouseEvent): void {
		ev.preventDefault();
		const pressedOpen = performance.now() - this.pressedOpenAt < 1000;
		this.pressedOpenAt = -Infinity;
		if (this.menu) {
			this.menu.hide();
			return;
		}
		// The click of a press that closed the menu: it stays closed.
		if (pressedOpen) return;
		this.open();
	}

	/** Opens the menu under the button (by mouse or keyboard alike). */
	open(ev?: MouseEvent): Menu {
		ev?.preventDefault();
		this.menu?.hide();
		const menu = new Menu();
		for (const entry of this.entries()) {
			menu.addItem((item) =>
				item
					.setTitle(titleOf(entry))
					.setIcon(entry.icon)
					.onClick(() => void entry.run().catch(() => new Notice(t('menu.imageFailed')))),
			);
		}
		// While it is open, a press on the button is noted before the menu sees it (capture on the window, ahead of the document):
		// the click that follows closes rather than reopens. Removed when the menu closes.
		const win = this.button.ownerDocument.defaultView ?? window;
		const onPress = (e: Event): void => {
			// (No instanceof Node: a popout window has its own Node.)
			const target = e.target as Node | null;
			if (target && this.button.contains(target)) this.pressedOpenAt = performance.now();
		};
		win.addEventListener('pointerdown', onPress, true);
		win.addEventListener('mousedown', onPress, true);
		menu.onHide(() => {
			win.removeEventListener('pointerdown', onPress, true);
			win.removeEventListener('mousedown', onPress, true);
			this.button.setAttr('aria-expanded', 'false');
			if (this.menu === menu) this.menu = null;
		});
		const r = this.button.getBoundingClientRect();
		menu.showAtPosition({ x: r.left, y: r.bottom, width: r.width }, this.button.ownerDocument);
		this.button.setAttr('aria-expanded', 'true');
		this.menu = menu;
		return menu;
	}

	private clipboard(): MenuClipboard | null {
		return this.target.clipboard ?? (typeof navigator !== 'undefined' && navigator.clipboard ? navigator.clipboard : null);
	}

	/** "Copy block": the fenced block text to the clipboard, then "Copied". */
	async copyBlock(): Promise<void> {
		const clipboard = this.clipboard();
		try {
			if (!clipboard) throw new Error('no clipboard');
			const source = typeof this.target.source === 'function' ? this.target.source() : this.target.source;
			await clipboard.writeText(fencedBlock(this.target.blockClass, source));
			new Notice(t('menu.copied'));
		} catch {
			new Notice(t('menu.copyFailed'));
		}
	}

	/** The PNG of the figures now, or null (a notice said why). */
	private async png(): Promise<Blob | null> {
		const make = this.target.png ?? ((el: HTMLElement) => figurePng(el, 2));
		let blob: Blob | null = null;
		try {
			blob = await make(this.figures);
		} catch {
			blob = null;
		}
		if (!blob) new Notice(t('menu.imageFailed'));
		return blob;
	}

	/**
	 * "Copy as image": the PNG to the clipboard; where the clipboard refuses, a notice that offers
	 * saving it instead. WebKit (Obsidian on macOS and mobile) takes a clipboard write only within the
	 * click itself: the write starts at once (before any await) with an item holding the PNG still
	 * being made (a Promise<Blob>, which ClipboardItem accepts); where that is refused (no promise
	 * items), the finished PNG is written as before.
	 */
	async copyImage(): Promise<void> {
		const clipboard = this.clipboard();
		const png = this.png();
		if (clipboard && typeof ClipboardItem !== 'undefined') {
			let early: Promise<void> | null = null;
			try {
				const pending = png.then((b) => b ?? Promise.reject(new Error('no image')));
				pending.catch(() => undefined); // the menu's own notice says why
				early = clipboard.write([new ClipboardItem({ 'image/png': pending })]);
			} catch {
				early = null;
			}
			if (early) {
				try {
					await early;
					// A clipboard that took the item without reading it: no picture, no "copied" (png() said why).
					if (!(await png)) return;
					new Notice(t('menu.imageCopied'));
					return;
				} catch {
					// Refused, or no promise items here: the finished PNG below.
				}
			}
		}
		const blob = await png;
		if (!blob) return;
		try {
			if (!clipboard || typeof ClipboardItem === 'undefined') throw new Error('no image clipboard');
			await clipboard.write([new ClipboardItem({ 'image/png': blob })]);
			new Notice(t('menu.imageCopied'));
		} catch {
			const offer = createFragment((f) => {
				f.createSpan({ text: `${t('menu.imageRefused')} ` });
				const save = f.createEl('a', { cls: 'cnn-menu-offer', text: t('menu.saveImage'), attr: { href: '#', 'data-action': 'save-image' } });
				onNoticeClick(save, () => this.save(blob), () => t('menu.imageFailed'));
			});
			new Notice(offer, 10000);
		}
	}

	/** "Save as image to vault": the PNG next to the note, then a notice with its link. */
	async saveImage(): Promise<void> {
		const blob = await this.png();
		if (blob) await this.save(blob);
	}

	private async save(blob: Blob): Promise<void> {
		const outcome = await this.target.saver.save(await blob.arrayBuffer(), kindOf(this.target.blockClass));
		if (!outcome.ok) {
			new Notice(
				outcome.reason === 'no-note'
					? t('menu.noNote')
					: outcome.reason === 'read-only'
						? t('menu.saveFailed', { path: outcome.path })
						: t('menu.writeFailed', { path: outcome.path }),
			);
			return;
		}
		const path = outcome.path;
		const message = createFragment((f) => {
			const [before = '', after = ''] = t('menu.saved', { path: '\u0000' }).split('\u0000');
			f.appendText(before);
			const link = f.createEl('a', { cls: 'internal-link', text: path, attr: { href: '#', 'data-href': path } });
			onNoticeClick(link, () => this.target.saver.open(path), () => t('menu.openFailed', { path }));
			f.appendText(after);
		});
		new Notice(message, 8000);
	}
}

/**
 * A click on a link in a notice: the listener sits on the link itself and goes with the notice, not
 * with the widget's view (which a re-render replaces while the notice still shows). A failure becomes
 * the translated notice `failed` gives.
 */
function onNoticeClick(link: HTMLElement, run: () => Promise<void>, failed: () => string): void {
	link.addEventListener('click', (ev) => {
		ev.preventDefault();
		run().catch(() => new Notice(failed()));
	});
}

/**
 * Gives the widget content just shown in `container` (its last `.cnn-notes` element) its menu, owned
 * by `owner` (the shown view: the menu goes with it). Does nothing when there is no such element.
 */
export function addWidgetMenu(owner: Component, container: HTMLElement, target: WidgetMenuTarget): WidgetMenu | null {
	const roots = container.querySelectorAll<HTMLElement>(':scope > .cnn-notes');
	const figures = roots[roots.length - 1];
	return figures ? new WidgetMenu(owner, figures, target) : null;
}
