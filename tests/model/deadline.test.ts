/** withDeadline: answered by the work, the deadline or the cancel signal, whichever comes first; late values discarded. */
import { withDeadline } from '../../src/model/deadline';

/** A promise resolved from outside. */
function deferred<T>(): { promise: Promise<T>; resolve: (value: T) => void; reject: (e: unknown) => void } {
	let resolve: (value: T) => void = () => {};
	let reject: (e: unknown) => void = () => {};
	const promise = new Promise<T>((ok, fail) => {
		resolve = ok;
		reject = fail;
	});
	return { promise, resolve, reject };
}

afterEach(() => jest.useRealTimers());

describe('withDeadline', () => {
	it('work that finishes in time: its value, the timer cleared, the signal not aborted', async () => {
		jest.useFakeTimers();
		const signals: AbortSignal[] = [];
		const outcome = await withDeadline(
			async (signal) => {
				signals.push(signal);
				return 42;
			},
			1000,
			new AbortController().signal,
			() => {},
		);
		expect(outcome).toEqual({ kind: 'done', value: 42 });
		expect(jest.getTimerCount()).toBe(0);
		expect(signals.map((s) => s.aborted)).toEqual([false]);
	});

	it('work still running at the deadline: "late", its signal aborted, its value discarded when it comes', async () => {
		jest.useFakeTimers();
		const work = deferred<string>();
		const discarded: string[] = [];
		const signals: AbortSignal[] = [];
		const answer = withDeadline(
			(signal) => {
				signals.push(signal);
				return work.promise;
			},
			1000,
			new AbortController().signal,
			(late) => discarded.push(late),
		);
		await jest.advanceTimersByTimeAsync(999);
		expect(signals.map((s) => s.aborted)).toEqual([false]);
		await jest.advanceTimersByTimeAsync(1);
		expect(await answer).toEqual({ kind: 'late' });
		expect(signals.map((s) => s.aborted)).toEqual([true]);
		work.resolve('model');
		await Promise.resolve();
		expect(discarded).toEqual(['model']);
	});

	it('cancelled before the work finishes: "cancelled" at once, the timer cleared, the late value discarded', async () => {
		jest.useFakeTimers();
		const cancel = new AbortController();
		const work = deferred<number>();
		const discarded: number[] = [];
		const answer = withDeadline(() => work.promise, 1000, cancel.signal, (late) => discarded.push(late));
		cancel.abort();
		expect(await answer).toEqual({ kind: 'cancelled' });
		expect(jest.getTimerCount()).toBe(0);
		work.resolve(7);
		await Promise.resolve();
		expect(discarded).toEqual([7]);
	});

	it('already cancelled: the work never starts', async () => {
		const cancel = new AbortController();
		cancel.abort();
		const work = jest.fn(async () => 1);
		expect(await withDeadline(work, 1000, cancel.signal, () => {})).toEqual({ kind: 'cancelled' });
		expect(work).not.toHaveBeenCalled();
	});

	it('work that fails in time rejects with its error; failing after the answer is dropped', async () => {
		await expect(withDeadline(() => Promise.reject(new Error('broken')), 1000, new AbortController().signal, () => {})).rejects.toThrow('broken');
		jest.useFakeTimers();
		const work = deferred<number>();
		const answer = withDeadline(() => work.promise, 10, new AbortController().signal, () => {});
		await jest.advanceTimersByTimeAsync(10);
		expect(await answer).toEqual({ kind: 'late' });
		work.reject(new Error('too late to matter'));
		await Promise.resolve();
	});
});
