/**
 * Obsidian's DOM helpers (createEl, createDiv, empty, addClass, setText, ...) for environments
 * that lack them: jsdom under jest and the browser preview. Test and preview infrastructure only.
 */

/** Options accepted by createEl & co., as in obsidian.d.ts's DomElementInfo. */
export interface DomElementInfo {
	cls?: string | string[];
	text?: string | DocumentFragment;
	attr?: Record<string, string | number | boolean | null>;
	title?: string;
	parent?: Node;
	value?: string;
	type?: string;
	prepend?: boolean;
	placeholder?: string;
	href?: string;
}

type Callback<T> = (el: T) => void;

function applyInfo(el: HTMLElement, info: DomElementInfo | string | undefined): void {
	if (info === undefined) return;
	if (typeof info === 'string') {
		el.addClass(info);
		return;
	}
	if (info.cls !== undefined) el.addClasses(Array.isArray(info.cls) ? info.cls : info.cls.split(' ').filter(Boolean));
	if (info.text !== undefined) el.setText(info.text);
	if (info.attr) el.setAttrs(info.attr);
	if (info.title !== undefined) el.title = info.title;
	if (info.value !== undefined) (el as HTMLInputElement).value = info.value;
	if (info.type !== undefined) el.setAttribute('type', info.type);
	if (info.placeholder !== undefined) el.setAttribute('placeholder', info.placeholder);
	if (info.href !== undefined) el.setAttribute('href', info.href);
	if (info.parent) {
		if (info.prepend) info.parent.insertBefore(el, info.parent.firstChild);
		else info.parent.appendChild(el);
	}
}

function make<K extends keyof HTMLElementTagNameMap>(
	doc: Document,
	tag: K,
	info?: DomElementInfo | string,
	callback?: Callback<HTMLElementTagNameMap[K]>,
): HTMLElementTagNameMap[K] {
	const el = doc.createElement(tag);
	applyInfo(el, info);
	callback?.(el);
	return el;
}

/** Installs the helpers on `win`'s prototypes and globals; safe to call twice. */
export function installDomHelpers(win: Window & typeof globalThis): void {
	const N = win.Node.prototype as unknown as Record<string, unknown>;
	if (typeof N.createEl === 'function') return;
	const E = win.Element.prototype as unknown as Record<string, unknown>;
	const H = win.HTMLElement.prototype as unknown as Record<string, unknown>;
	const doc = win.document;

	const createIn = (parent: Node, tag: keyof HTMLElementTagNameMap, info?: DomElementInfo | string, cb?: Callback<HTMLElement>): HTMLElement => {
		const el = make(doc, tag, info, cb);
		const prepend = typeof info === 'object' && info.prepend;
		if (!(typeof info === 'object' && info.parent)) {
			if (prepend) parent.insertBefore(el, parent.firstChild);
			else parent.appendChild(el);
		}
		return el;
	};
	N.createEl = function (this: Node, tag: keyof HTMLElementTagNameMap, info?: DomElementInfo | string, cb?: Callback<HTMLElement>) {
		return createIn(this, tag, info, cb);
	};
	N.createDiv = function (this: Node, info?: DomElementInfo | string, cb?: Callback<HTMLElement>) {
		return createIn(this, 'div', info, cb);
	};
	N.createSpan = function (this: Node, info?: DomElementInfo | string, cb?: Callback<HTMLElement>) {
		return createIn(this, 'span', info, cb);
	};
	N.empty = function (this: Node) {
		while (this.firstChild) this.removeChild(this.firstChild);
	};
	N.detach = function (this: Node) {
		this.parentNode?.removeChild(this);
	};
	N.appendText = function (this: Node, text: string) {
		this.appendChild(doc.createTextNode(text));
	};
	N.indexOf = function (this: Node, other: Node) {
		return Array.prototype.indexOf.call(this.childNodes, other);
	};
	N.instanceOf = function (this: Node, type: new () => unknown) {
		return this instanceof type;
	};
	Object.defineProperty(N, 'doc', { configurable: true, get: () => doc });
	Object.defineProperty(N, 'win', { configurable: true, get: () => win });

	E.getText = function (this: Element) {
		return this.textContent ?? '';
	};
	E.setText = function (this: Element, text: string | DocumentFragment) {
		if (typeof text === 'string') this.textContent = text;
		else this.replaceChildren(text);
	};
	E.addClass = function (this: Element, ...classes: string[]) {
		this.classList.add(...classes.filter(Boolean));
	};
	E.addClasses = function (this: Element, classes: string[]) {
		this.classList.add(...classes.filter(Boolean));
	};
	E.removeClass = function (this: Element, ...classes: string[]) {
		this.classList.remove(...classes);
	};
	E.removeClasses = function (this: Element, classes: string[]) {
		this.classList.remove(...classes);
	};
	E.toggleClass = function (this: Element, classes: string | string[], value: boolean) {
		for (const c of Array.isArray(classes) ? classes : [classes]) this.classList.toggle(c, value);
	};
	E.hasClass = function (this: Element, cls: string) {
		return this.classList.contains(cls);
	};
	E.setAttr = function (this: Element, name: string, value: string | number | boolean | null) {
		if (value === null || value === false) this.removeAttribute(name);
		else this.setAttribute(name, String(value));
	};
	E.setAttrs = function (this: Element, obj: Record<string, string | number | boolean | null>) {
		for (const [k, v] of Object.entries(obj)) (this as unknown as { setAttr: (k: string, v: unknown) => void }).setAttr(k, v);
	};
	E.getAttr = function (this: Element, name: string) {
		return this.getAttribute(name);
	};
	E.matchParent = function (this: Element, selector: string, lastParent?: Element) {
		if (this.matches(selector)) return this;
		const parent = this.parentElement;
		if (!parent || parent === lastParent) return null;
		return (parent as unknown as { matchParent: (s: string, l?: Element) => Element | null }).matchParent(selector, lastParent);
	};
	E.isActiveElement = function (this: Element) {
		return doc.activeElement === this;
	};
	H.find = function (this: HTMLElement, selector: string) {
		return this.querySelector(selector);
	};
	H.findAll = function (this: HTMLElement, selector: string) {
		return Array.from(this.querySelectorAll(selector));
	};
	H.show = function (this: HTMLElement) {
		this.removeClass('is-hidden-fake');
		this.hidden = false;
	};
	H.hide = function (this: HTMLElement) {
		this.hidden = true;
	};
	H.toggle = function (this: HTMLElement, show: boolean) {
		this.hidden = !show;
	};
	H.isShown = function (this: HTMLElement) {
		return !this.hidden && this.isConnected;
	};
	H.setCssProps = function (this: HTMLElement, props: Record<string, string>) {
		for (const [k, v] of Object.entries(props)) this.style.setProperty(k, v);
	};
	H.setCssStyles = function (this: HTMLElement, styles: Record<string, string>) {
		Object.assign(this.style, styles);
	};

	const g = win as unknown as Record<string, unknown>;
	g.createEl = (tag: keyof HTMLElementTagNameMap, info?: DomElementInfo | string, cb?: Callback<HTMLElement>) =>
		make(doc, tag, info, cb);
	g.createDiv = (info?: DomElementInfo | string, cb?: Callback<HTMLDivElement>) => make(doc, 'div', info, cb);
	g.createSpan = (info?: DomElementInfo | string, cb?: Callback<HTMLSpanElement>) => make(doc, 'span', info, cb);
	g.createFragment = (cb?: Callback<DocumentFragment>) => {
		const f = doc.createDocumentFragment();
		cb?.(f);
		return f;
	};
	g.activeDocument = doc;
	g.activeWindow = win;
}
