/**
 * The host's watchdog and training progress: a `trainProgress` message proves the engine alive, so
 * it starts the ANSWER_LIMIT_MS wait again; only silence for that long stops the host.
 */
import { ANSWER_LIMIT_MS, ModelHost, type HostPort } from '../../src/model/host/client';
import type { Hello, Request, Response, TrainOptions, TrainProgress, TrainStarted } from '../../src/model/host/protocol';

/** A port whose engine says nothing unless the test sends it: `send` delivers a message, `posted` lists the requests. */
function silentPort(): { port: HostPort; send: (data: Response | Hello | TrainProgress) => void; posted: Request[]; closed: () => boolean } {
	let deliver: (data: Response | Hello | TrainProgress) => void = () => {};
	let closed = false;
	const posted: Request[] = [];
	const port: HostPort = {
		place: 'page',
		post: (request) => posted.push(request),
		listen: (message) => {
			deliver = message;
		},
		close: () => {
			closed = true;
		},
	};
	return { port, send: (data) => deliver(data), posted, closed: () => closed };
}

/** A progress message of training `training` after a batch. */
function progress(training: number): TrainProgress {
	return { id: 0, kind: 'trainProgress', training, state: 'training' };
}

beforeEach(() => jest.useFakeTimers());
afterEach(() => jest.useRealTimers());

describe('model host: the watchdog and training progress', () => {
	it('progress every ANSWER_LIMIT_MS - 1 s keeps an unanswered request open past the limit; silence after it stops the host', async () => {
		const { port, send, closed } = silentPort();
		const host = new ModelHost(port);
		const heard: TrainProgress[] = [];
		const options: TrainOptions = { layers: [], epochs: 1, batch: 32, learningRate: 0.005, seed: 1, augment: false };
		const start = host.trainStart({ kind: 'digits' }, options, (p) => heard.push(p));
		const started: TrainStarted = { training: 7, input: [28, 28, 1], classes: 10, trainCount: 8004, validationCount: 1996, batches: 251 };
		send({ id: 1, ok: true, value: started });
		expect((await start).ok).toBe(true);
		let settled = false;
		const inspect = host.trainInspect(7, [0]).then((r) => {
			settled = true;
			return r;
		});
		// A long batch: the engine takes the request after it, but reports progress meanwhile.
		for (let i = 0; i < 3; i++) {
			jest.advanceTimersByTime(ANSWER_LIMIT_MS - 1000);
			send(progress(7));
		}
		await Promise.resolve();
		expect(host.isStopped).toBe(false);
		expect(settled).toBe(false);
		expect(heard).toHaveLength(3);
		jest.advanceTimersByTime(ANSWER_LIMIT_MS - 1);
		expect(host.isStopped).toBe(false);
		jest.advanceTimersByTime(1);
		expect(host.isStopped).toBe(true);
		expect(closed()).toBe(true);
		const answer = await inspect;
		expect(answer.ok ? null : answer.errors[0]).toMatchObject({ code: 'classify.error.host' });
		expect(heard[heard.length - 1]).toMatchObject({ state: 'error' });
	});

	it('without progress the same request stops the host after ANSWER_LIMIT_MS', async () => {
		const { port, closed } = silentPort();
		const host = new ModelHost(port);
		const open = host.stats();
		jest.advanceTimersByTime(ANSWER_LIMIT_MS);
		expect(host.isStopped).toBe(true);
		expect(closed()).toBe(true);
		expect((await open).ok).toBe(false);
	});

	it('progress with no request open sets no watchdog: a training with nothing asked never stops the host', () => {
		const { port, send } = silentPort();
		const host = new ModelHost(port);
		send(progress(3));
		jest.advanceTimersByTime(10 * ANSWER_LIMIT_MS);
		expect(host.isStopped).toBe(false);
	});
});
