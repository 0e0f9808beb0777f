/**
 * Work that may not finish (reading and building a model): run against a deadline and a cancel
 * signal, answered as soon as one of them comes; what the work produces later is discarded.
 */

/** How work run with withDeadline ended: its value, the deadline passed first, or it was cancelled first. */
export type Deadlined<T> = { kind: 'done'; value: T } | { kind: 'late' } | { kind: 'cancelled' };

/**
 * Runs `work` with a signal that aborts when `ms` have passed or `cancel` aborts, and resolves with
 * whichever comes first. A value the work produces after that is handed to `discard` (e.g. to
 * dispose a model built too late), so nothing built after the answer stays behind; an error it
 * throws after that is dropped. The timer is cleared as soon as the answer is known.
 */
export function withDeadline<T>(work: (signal: AbortSignal) => Promise<T>, ms: number, cancel: AbortSignal, discard: (late: T) => void): Promise<Deadlined<T>> {
	return new Promise((resolve, reject) => {
		const controller = new AbortController();
		let answered = false;
		let timer: number | null = null;
		const answer = (outcome: Deadlined<T> | null, error?: unknown): void => {
			if (answered) return;
			answered = true;
			if (timer !== null) window.clearTimeout(timer);
			cancel.removeEventListener('abort', onCancel);
			if (outcome === null) reject(error instanceof Error ? error : new Error(String(error)));
			else resolve(outcome);
		};
		const onCancel = (): void => {
			controller.abort();
			answer({ kind: 'cancelled' });
		};
		if (cancel.aborted) return onCancel();
		cancel.addEventListener('abort', onCancel);
		timer = window.setTimeout(() => {
			controller.abort();
			answer({ kind: 'late' });
		}, ms);
		let started: Promise<T>;
		try {
			started = work(controller.signal);
		} catch (e) {
			return answer(null, e);
		}
		started.then(
			(value) => {
				if (answered) discard(value);
				else answer({ kind: 'done', value });
			},
			(e: unknown) => answer(null, e),
		);
	});
}
