/**
 * Hover previews, like Obsidian's Page preview core plugin: hovering an internal link of the note
 * shown (no Ctrl/Cmd needed in the preview) opens a `.popover.hover-popover` holding the linked note,
 * rendered live by its own NoteView (so its blocks are working widgets, at popover width, mounted
 * through the same processors and addChild as in the reading view), scrolled to the link's heading.
 * One popover at a time; it closes, unloading every block in it, when the pointer has been away
 * from both link and popover for CLOSE_DELAY ms, on Escape, on a press elsewhere, or when the page
 * navigates. Preview infrastructure, not part of the plugin.
 */
import type { MarkdownIt } from 'markdown-it';
import type { App, TAbstractFile } from '../../harness/obsidian';
import { parseNoteHref } from './markdown';
import { NoteView } from './note-view';

/** How long the pointer rests on a link before its popover opens (ms), so crossing a paragraph does not flash popovers. */
export const OPEN_DELAY = 300;
/** How long the pointer may be away from both the link and the popover before the popover closes (ms). */
export const CLOSE_DELAY = 300;
/** Space between the link and the popover, and the least space between the popover and the viewport's edges (px). */
const GAP = 6;
const EDGE = 8;

/** The open popover: its element, the note view inside it, the link it belongs to. */
export interface OpenPopover {
	el: HTMLElement;
	view: NoteView;
	link: HTMLElement;
	path: string;
	/** Removes the popover's own listeners. */
	detach(): void;
	/** Settles once the note in the popover has rendered (its blocks mounted). */
	rendered: Promise<void>;
}

/** Opens and closes the hover popovers of the links inside `root` (the page's reading view). */
export class HoverPopovers {
	/** The popover shown, or null. */
	current: OpenPopover | null = null;
	private openTimer = 0;
	private closeTimer = 0;
	private pendingLink: HTMLElement | null = null;

	constructor(
		private app: App,
		private md: MarkdownIt,
		root: HTMLElement,
	) {
		root.addEventListener('pointerover', (ev) => this.onLinkOver(ev));
		root.addEventListener('pointerout', (ev) => this.onLinkOut(ev));
		document.addEventListener('keydown', (ev) => {
			if (ev.key === 'Escape' && this.current) this.close();
		});
		// A press anywhere but in the popover closes it (the press still does what it does).
		document.addEventListener('pointerdown', (ev) => {
			if (this.current && !this.current.el.contains(ev.target as Node)) this.close();
		}, true);
		// A widget in the popover that writes its block back re-renders the popover, as the reading view does.
		app.vault.on('modify', (file: TAbstractFile) => {
			if (this.current && file.path === this.current.path) void this.current.view.rerender();
		});
	}

	/** Opens the popover of `link` now (tests and keyboard users; hovering does it after OPEN_DELAY). */
	open(link: HTMLElement): OpenPopover | null {
		this.cancelTimers();
		const target = link.matches('a.internal-link:not(.is-unresolved)') ? parseNoteHref(link.getAttribute('href') ?? '') : null;
		if (!target) return null;
		this.close();
		const el = document.body.createDiv({ cls: 'popover hover-popover', attr: { 'data-path': target.path } });
		const embed = el.createDiv({ cls: 'markdown-embed is-loaded' });
		const scroller = embed.createDiv({ cls: 'markdown-embed-content' });
		const view = new NoteView(this.app, this.md, scroller.createDiv(), scroller);
		const over = () => this.cancelClose();
		const out = (ev: PointerEvent) => this.onPopoverOut(ev);
		el.addEventListener('pointerover', over);
		el.addEventListener('pointerout', out);
		const detach = () => {
			el.removeEventListener('pointerover', over);
			el.removeEventListener('pointerout', out);
		};
		this.place(el, link);
		const rendered = view.show(target.path, target.heading).catch((e: unknown) => console.error('hover preview failed', e));
		this.current = { el, view, link, path: target.path, detach, rendered };
		return this.current;
	}

	/** Closes the popover shown, unloading every block in it. */
	close(): void {
		this.cancelTimers();
		const shown = this.current;
		if (!shown) return;
		this.current = null;
		shown.view.destroy();
		shown.detach();
		shown.el.remove();
	}

	/** Below the link (above it when there is more room there), inside the viewport, Obsidian's width or the viewport's. */
	private place(el: HTMLElement, link: HTMLElement): void {
		const viewportWidth = document.documentElement.clientWidth;
		const viewportHeight = document.documentElement.clientHeight;
		const rect = link.getBoundingClientRect();
		const width = el.offsetWidth;
		const height = el.offsetHeight;
		const below = viewportHeight - rect.bottom - GAP - EDGE;
		const above = rect.top - GAP - EDGE;
		const top = below >= height || below >= above ? Math.min(rect.bottom + GAP, viewportHeight - EDGE - height) : Math.max(EDGE, rect.top - GAP - height);
		const left = Math.min(Math.max(EDGE, rect.left), viewportWidth - EDGE - width);
		el.setCssStyles({ left: `${Math.max(EDGE, left) + window.scrollX}px`, top: `${Math.max(EDGE, top) + window.scrollY}px` });
	}

	private onLinkOver(ev: PointerEvent): void {
		if (ev.pointerType === 'touch') return; // a tap follows the link; there is no hover on touch
		const link = (ev.target as HTMLElement).closest<HTMLElement>('a.internal-link:not(.is-unresolved)');
		if (!link) return;
		if (this.current?.link === link) {
			this.cancelClose();
			return;
		}
		if (this.pendingLink === link) return;
		window.clearTimeout(this.openTimer);
		this.pendingLink = link;
		this.openTimer = window.setTimeout(() => {
			this.pendingLink = null;
			if (link.isConnected) this.open(link);
		}, OPEN_DELAY);
	}

	private onLinkOut(ev: PointerEvent): void {
		const link = (ev.target as HTMLElement).closest<HTMLElement>('a.internal-link');
		const to = ev.relatedTarget as Node | null;
		if (!link || (to && link.contains(to))) return;
		if (this.pendingLink === link) {
			window.clearTimeout(this.openTimer);
			this.pendingLink = null;
		}
		if (this.current?.link === link && !(to && this.current.el.contains(to))) this.scheduleClose();
	}

	private onPopoverOut(ev: PointerEvent): void {
		const to = ev.relatedTarget as Node | null;
		if (!this.current || (to && (this.current.el.contains(to) || this.current.link.contains(to)))) return;
		this.scheduleClose();
	}

	private scheduleClose(): void {
		window.clearTimeout(this.closeTimer);
		this.closeTimer = window.setTimeout(() => this.close(), CLOSE_DELAY);
	}

	private cancelClose(): void {
		window.clearTimeout(this.closeTimer);
	}

	private cancelTimers(): void {
		window.clearTimeout(this.openTimer);
		window.clearTimeout(this.closeTimer);
		this.pendingLink = null;
	}
}
