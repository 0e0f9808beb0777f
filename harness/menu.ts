/**
 * The fake's Menu and MenuItem (re-exported by harness/obsidian.ts): Obsidian's context menu,
 * as its API (node_modules/obsidian/obsidian.d.ts) and DOM (`div.menu > div.menu-scroll >
 * div.menu-item > div.menu-item-icon + div.menu-item-title`, `div.menu-separator`) have it.
 * It renders a real menu in the page: shown at a position (kept inside the window), items
 * clicked or chosen with the arrow keys and Enter, closed by Escape, by a click outside or
 * after an item ran; `onHide` callbacks run when it closes.
 */
import { Component } from './component';
import { setIcon } from './obsidian';

/** Where a menu opens: its top-left corner in CSS pixels of the window (`width`: the anchor's, `left`: open leftwards). */
export interface MenuPositionDef {
	x: number;
	y: number;
	width?: number;
	overlap?: boolean;
	left?: boolean;
}

/** One entry of a menu. */
export class MenuItem {
	/** The item's element (Obsidian's is `dom` as well, though not public). */
	readonly dom: HTMLElement;
	private readonly iconEl: HTMLElement;
	private readonly titleEl: HTMLElement;
	private callback: ((evt: MouseEvent | KeyboardEvent) => unknown) | null = null;
	private disabled = false;
	/** Fake-only: the section set with setSection. */
	section = '';

	/** Made by Menu.addItem only (private in Obsidian). */
	constructor(private readonly menu: Menu) {
		this.dom = document.createElement('div');
		this.dom.className = 'menu-item';
		this.dom.tabIndex = -1;
		this.iconEl = this.dom.createDiv({ cls: 'menu-item-icon' });
		this.titleEl = this.dom.createDiv({ cls: 'menu-item-title' });
		this.dom.addEventListener('click', (evt) => {
			evt.stopPropagation();
			this.run(evt);
		});
		this.dom.addEventListener('mouseenter', () => this.menu.select(this));
	}

	setTitle(title: string | DocumentFragment): this {
		this.titleEl.replaceChildren(title);
		return this;
	}

	setIcon(icon: string | null): this {
		if (icon === null) this.iconEl.replaceChildren();
		else setIcon(this.iconEl, icon);
		return this;
	}

	setChecked(checked: boolean | null): this {
		this.dom.toggleClass('mod-checked', checked === true);
		return this;
	}

	setDisabled(disabled: boolean): this {
		this.disabled = disabled;
		this.dom.toggleClass('is-disabled', disabled);
		return this;
	}

	setWarning(isWarning: boolean): this {
		this.dom.toggleClass('mod-warning', isWarning);
		return this;
	}

	setIsLabel(isLabel: boolean): this {
		this.dom.toggleClass('is-label', isLabel);
		return this;
	}

	onClick(callback: (evt: MouseEvent | KeyboardEvent) => unknown): this {
		this.callback = callback;
		return this;
	}

	setSection(section: string): this {
		this.section = section;
		return this;
	}

	/** Runs the item (a click, or Enter on the selected item) and closes the menu, as Obsidian does. */
	run(evt: MouseEvent | KeyboardEvent): void {
		if (this.disabled || this.dom.hasClass('is-label')) return;
		this.menu.hide();
		this.callback?.(evt);
	}
}

/** A context menu: items added with addItem, shown with showAtMouseEvent or showAtPosition. */
export class Menu extends Component {
	/** Fake-only: the root element while shown (`div.menu`), else null. */
	dom: HTMLElement | null = null;
	private readonly entries: (MenuItem | 'separator')[] = [];
	private readonly hideCallbacks: (() => unknown)[] = [];
	private selected = -1;
	private returnFocus: HTMLElement | null = null;
	private parentEl: HTMLElement | null = null;

	setNoIcon(): this {
		return this;
	}

	setUseNativeMenu(useNativeMenu: boolean): this {
		void useNativeMenu;
		return this;
	}

	addItem(cb: (item: MenuItem) => unknown): this {
		const item = new MenuItem(this);
		cb(item);
		this.entries.push(item);
		return this;
	}

	addSeparator(): this {
		this.entries.push('separator');
		return this;
	}

	setParentElement(el: HTMLElement): this {
		this.parentEl = el;
		return this;
	}

	showAtMouseEvent(evt: MouseEvent): this {
		return this.showAtPosition({ x: evt.clientX, y: evt.clientY }, (evt.target as Node | null)?.ownerDocument ?? document);
	}

	showAtPosition(position: MenuPositionDef, doc: Document = document): this {
		this.hide();
		const active = doc.activeElement;
		this.returnFocus = active instanceof HTMLElement ? active : null;
		const dom = doc.createElement('div');
		dom.className = 'menu';
		dom.setAttribute('role', 'menu');
		dom.tabIndex = -1;
		const scroll = dom.createDiv({ cls: 'menu-scroll' });
		for (const entry of this.entries) {
			if (entry === 'separator') scroll.createDiv({ cls: 'menu-separator' });
			else {
				entry.dom.setAttribute('role', 'menuitem');
				scroll.appendChild(entry.dom);
			}
		}
		(this.parentEl ?? doc.body).appendChild(dom);
		this.dom = dom;
		this.load();
		// Inside the window, as Obsidian places it: moved left/up when it would overflow.
		const win = doc.defaultView;
		const rect = dom.getBoundingClientRect();
		const maxX = (win?.innerWidth ?? 0) - rect.width - 4;
		const maxY = (win?.innerHeight ?? 0) - rect.height - 4;
		const x = position.left ? position.x - rect.width : position.x;
		dom.style.left = `${Math.max(0, Math.min(x, maxX > 0 ? maxX : x))}px`;
		dom.style.top = `${Math.max(0, Math.min(position.y, maxY > 0 ? maxY : position.y))}px`;
		this.registerDomEvent(doc, 'keydown', (ev) => this.onKey(ev as KeyboardEvent), true);
		this.registerDomEvent(doc, 'mousedown', (ev) => {
			if (!dom.contains(ev.target as Node)) this.hide();
		}, true);
		dom.focus();
		return this;
	}

	hide(): this {
		if (!this.dom) return this;
		this.dom.remove();
		this.dom = null;
		this.selected = -1;
		this.unload();
		for (const cb of this.hideCallbacks) cb();
		if (this.returnFocus?.isConnected) this.returnFocus.focus();
		this.returnFocus = null;
		return this;
	}

	close(): void {
		this.hide();
	}

	onHide(callback: () => unknown): void {
		this.hideCallbacks.push(callback);
	}

	/** A menu for a context-menu event (Obsidian's builds on the event; the fake returns a new menu to show). */
	static forEvent(evt: PointerEvent | MouseEvent): Menu {
		void evt;
		return new Menu();
	}

	/** Fake-only: the items, in order. */
	get items(): MenuItem[] {
		return this.entries.filter((e): e is MenuItem => e !== 'separator');
	}

	/** Marks `item` as the selected one (the mouse is over it, or the arrow keys reached it). */
	select(item: MenuItem | null): void {
		const items = this.items;
		for (const it of items) it.dom.removeClass('selected');
		this.selected = item ? items.indexOf(item) : -1;
		if (item) {
			item.dom.addClass('selected');
			item.dom.focus();
		}
	}

	private onKey(ev: KeyboardEvent): void {
		const items = this.items;
		if (ev.key === 'Escape') {
			ev.preventDefault();
			ev.stopPropagation();
			this.hide();
		} else if (ev.key === 'ArrowDown' || ev.key === 'ArrowUp') {
			ev.preventDefault();
			if (items.length === 0) return;
			const step = ev.key === 'ArrowDown' ? 1 : -1;
			const next = this.selected < 0 ? (step > 0 ? 0 : items.length - 1) : (this.selected + step + items.length) % items.length;
			this.select(items[next] ?? null);
		} else if (ev.key === 'Enter' || ev.key === ' ') {
			const item = items[this.selected];
			if (!item) return;
			ev.preventDefault();
			item.run(ev);
		}
	}
}
