/**
 * The last net of a block: every callback a widget hands to the browser or the vault (DOM events,
 * timers, vault events, promises) runs through `guard`, so anything it throws reaches the block
 * that owns it (an error box in the note) and never `window.onerror` or `unhandledrejection`.
 */
import type { Component } from 'obsidian';

/** What a block does with something a callback threw. */
export type CrashHandler = (error: unknown) => void;

const handlers = new WeakMap<Component, CrashHandler>();

/** Sends what the guarded callbacks of `component` throw to `handler` (a widget sets it for itself and its views). */
export function onCrash(component: Component, handler: CrashHandler): void {
	handlers.set(component, handler);
}

/** Reports `error` to the handler of `owner` (none: it is dropped, never rethrown into the page). */
export function crash(owner: Component, error: unknown): void {
	handlers.get(owner)?.(error);
}

/** `fn` wrapped so that a throw, or a rejection of the promise it returns, is reported to `owner`'s handler. */
export function guard<A extends unknown[]>(owner: Component, fn: (...args: A) => unknown): (...args: A) => void {
	return (...args: A) => {
		try {
			const result = fn(...args);
			if (result instanceof Promise) result.catch((e: unknown) => crash(owner, e));
		} catch (e) {
			crash(owner, e);
		}
	};
}

/** Registers a guarded DOM listener on `owner` (removed when it unloads). */
export function listen<K extends keyof HTMLElementEventMap>(owner: Component, el: HTMLElement, type: K, handler: (ev: HTMLElementEventMap[K]) => unknown): void {
	owner.registerDomEvent(el, type, guard(owner, handler));
}
