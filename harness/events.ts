/** Obsidian's event emitter, for the fake (harness/obsidian.ts re-exports it). Test and preview infrastructure only. */

/** Handle returned by Events.on, passed to offref / registerEvent. */
export interface EventRef {
	e: Events;
	name: string;
	fn: (...data: unknown[]) => unknown;
	ctx?: unknown;
}

/** A minimal event emitter with Obsidian's on/off/offref/trigger. */
export class Events {
	private handlers = new Map<string, EventRef[]>();

	on(name: string, callback: (...data: never[]) => unknown, ctx?: unknown): EventRef {
		const ref: EventRef = { e: this, name, fn: callback as (...data: unknown[]) => unknown, ctx };
		const list = this.handlers.get(name) ?? [];
		list.push(ref);
		this.handlers.set(name, list);
		return ref;
	}

	offref(ref: EventRef): void {
		const list = this.handlers.get(ref.name);
		if (list) this.handlers.set(ref.name, list.filter((r) => r !== ref));
	}

	trigger(name: string, ...data: unknown[]): void {
		for (const ref of [...(this.handlers.get(name) ?? [])]) this.tryTrigger(ref, data);
	}

	tryTrigger(evt: EventRef, args: unknown[]): void {
		try {
			evt.fn.apply(evt.ctx, args);
		} catch (e) {
			console.error(e);
		}
	}

	/** Test helper: how many handlers are registered for `name`. */
	listenerCount(name: string): number {
		return this.handlers.get(name)?.length ?? 0;
	}
}
