/** The fake's Component and MarkdownRenderChild (re-exported by harness/obsidian.ts), in a file of their own so harness/menu.ts can extend Component without an import cycle. */
import type { EventRef } from './events';

/** Lifecycle owner: children, registered callbacks, events, DOM listeners and intervals. */
export class Component {
	_loaded = false;
	private children: Component[] = [];
	private cleanups: (() => unknown)[] = [];

	load(): void {
		if (this._loaded) return;
		this._loaded = true;
		this.onload();
		for (const child of [...this.children]) child.load();
	}

	onload(): void {}

	unload(): void {
		if (!this._loaded) return;
		this._loaded = false;
		for (const child of [...this.children]) child.unload();
		this.children = [];
		const cleanups = this.cleanups;
		this.cleanups = [];
		for (const cb of cleanups.reverse()) cb();
		this.onunload();
	}

	onunload(): void {}

	addChild<T extends Component>(component: T): T {
		this.children.push(component);
		if (this._loaded) component.load();
		return component;
	}

	removeChild<T extends Component>(component: T): T {
		const i = this.children.indexOf(component);
		if (i >= 0) {
			this.children.splice(i, 1);
			component.unload();
		}
		return component;
	}

	register(cb: () => unknown): void {
		this.cleanups.push(cb);
	}

	registerEvent(eventRef: EventRef): void {
		this.register(() => eventRef.e.offref(eventRef));
	}

	registerDomEvent(
		el: Window | Document | HTMLElement,
		type: string,
		callback: (ev: Event) => unknown,
		options?: boolean | AddEventListenerOptions,
	): void {
		el.addEventListener(type, callback, options);
		this.register(() => el.removeEventListener(type, callback, options));
	}
}

/** A component tied to an element of a rendered note. */
export class MarkdownRenderChild extends Component {
	containerEl: HTMLElement;
	constructor(containerEl: HTMLElement) {
		super();
		this.containerEl = containerEl;
	}
}
