/**
 * Catches what escapes a block while a fuzz case runs: `window` 'error' events (exceptions thrown by
 * event handlers and timers, which jsdom reports there), unhandled promise rejections, and
 * console.error calls.
 *
 * Unhandled rejections: jest-circus listens on the real process (the test's `process` is a copy),
 * keeps each rejection in its state (keyed by the promise) and fails the running test with it. The
 * watch reads those maps from jest-circus's state (found by its symbol's description), records the
 * new entries and takes them out, so each is attributed to its case and reported once. Outside
 * jest-circus (no state found) rejections are left to the test runner.
 */

/** Something that escaped: `uncaught` (window error, rejection) or `console` (console.error). */
export interface Escaped {
	kind: 'uncaught' | 'console';
	text: string;
}

interface CircusTest {
	errors?: unknown[];
	unhandledRejectionErrorByPromise?: Map<unknown, unknown>;
}

interface CircusState {
	currentlyRunningTest?: CircusTest | null;
	unhandledRejectionErrorByPromise?: Map<unknown, unknown>;
	unhandledErrors?: unknown[];
}

/** jest-circus's state object, or null outside jest-circus. */
function circusState(): CircusState | null {
	const holder: Record<symbol, unknown> = globalThis;
	const sym = Object.getOwnPropertySymbols(holder).find((s) => s.description === 'JEST_STATE_SYMBOL');
	const state = sym === undefined ? undefined : holder[sym];
	return typeof state === 'object' && state !== null ? state : null;
}

/** A thrown value as one line. */
export function describeThrown(e: unknown): string {
	if (e instanceof Error) return `${e.name}: ${e.message}`;
	try {
		return String(e);
	} catch {
		return typeof e;
	}
}

/** Watches one case: start() before mounting, stop() after unloading returns what escaped. */
export class UncaughtWatch {
	private readonly escaped: Escaped[] = [];
	private readonly seenMaps = new Map<Map<unknown, unknown>, Set<unknown>>();
	private seenErrors = 0;
	private originalConsoleError: typeof console.error | null = null;
	private readonly onError = (ev: ErrorEvent): void => {
		ev.preventDefault();
		this.escaped.push({ kind: 'uncaught', text: `window error: ${describeThrown(ev.error ?? ev.message)}` });
	};

	start(): void {
		window.addEventListener('error', this.onError);
		this.originalConsoleError = console.error;
		console.error = (...args: unknown[]) => {
			this.escaped.push({ kind: 'console', text: args.map((a) => (typeof a === 'string' ? a : describeThrown(a))).join(' ').split('\n')[0] ?? '' });
		};
		for (const map of this.rejectionMaps()) this.seenMaps.set(map, new Set(map.keys()));
		this.seenErrors = circusState()?.currentlyRunningTest?.errors?.length ?? 0;
	}

	/** Stops watching; returns what escaped since start(). */
	stop(): Escaped[] {
		window.removeEventListener('error', this.onError);
		if (this.originalConsoleError) console.error = this.originalConsoleError;
		for (const map of this.rejectionMaps()) {
			const before = this.seenMaps.get(map) ?? new Set();
			for (const [promise, error] of [...map.entries()]) {
				if (before.has(promise)) continue;
				this.escaped.push({ kind: 'uncaught', text: `unhandled rejection: ${describeThrown(error)}` });
				map.delete(promise);
			}
		}
		const errors = circusState()?.currentlyRunningTest?.errors;
		if (errors && errors.length > this.seenErrors) {
			for (const e of errors.splice(this.seenErrors)) this.escaped.push({ kind: 'uncaught', text: `uncaught exception: ${describeThrown(Array.isArray(e) ? e[0] : e)}` });
		}
		return this.escaped;
	}

	private rejectionMaps(): Map<unknown, unknown>[] {
		const state = circusState();
		const maps = [state?.unhandledRejectionErrorByPromise, state?.currentlyRunningTest?.unhandledRejectionErrorByPromise];
		// Duck-typed: jest-circus's Map may come from another realm than the test's.
		return maps.filter((m): m is Map<unknown, unknown> => typeof m?.keys === 'function' && typeof m.delete === 'function');
	}
}
