/**
 * Starting the model engine: in a Web Worker made from the worker bundle embedded in main.js (a Blob
 * URL: no file next to main.js, works on mobile), or, where no worker can start, in the page behind
 * the same messages. One engine serves every block of the page; it stops HOST_IDLE_MS after the last
 * block using it unloads, and at once when the plugin unloads.
 */
import packedWorker from 'cnn-notes-model-worker';
import { ModelHost, type HostPort } from './client';
import { gunzip } from './inflate';
import type { EngineScope, Hello, Request, Response, TrainProgress } from './protocol';

/**
 * The worker bundle is embedded gzipped, as base64 (esbuild.options.mjs): loading main.js scans 0.41
 * MB of string instead of 1.09 MB. It is unpacked only when an engine starts, with the platform's
 * DecompressionStream: in the page for the in-page engine (unpackWorker), in the worker itself for a
 * worker (workerBootstrap).
 */

/**
 * The worker bundle's source text, from its gzipped base64 form: with the platform's
 * DecompressionStream, else (iOS before 16.4, where the worker's own unpacking fails and the engine
 * comes here) with the plugin's own gunzip (inflate.ts) in the page.
 */
export async function unpackWorker(packed: string = packedWorker, native = typeof DecompressionStream === 'function'): Promise<string> {
	const bytes = Uint8Array.from(atob(packed), (c) => c.charCodeAt(0));
	if (native) return new Response(new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'))).text();
	return new TextDecoder().decode(gunzip(bytes));
}

/**
 * A worker script that unpacks the bundle and runs it (importScripts of a Blob URL, as the page would
 * load it). A failure is thrown from a timer, so that it reaches the page as the worker's error event
 * (the page then starts the engine in the page, or reports it broken).
 */
export function workerBootstrap(packed: string = packedWorker): string {
	return (
		`var p=Uint8Array.from(atob(${JSON.stringify(packed)}),function(c){return c.charCodeAt(0)});` +
		'new Response(new Blob([p]).stream().pipeThrough(new DecompressionStream("gzip"))).text().then(function(code){' +
		'var u=URL.createObjectURL(new Blob([code],{type:"text/javascript"}));try{importScripts(u)}finally{URL.revokeObjectURL(u)}' +
		'}).catch(function(e){setTimeout(function(){throw e})});'
	);
}

/**
 * Starts an engine on a scope in the page; calls `fail` if it cannot (the production fallback runs
 * the worker bundle as a page script; jest starts the engine module).
 */
export type PageStarter = (scope: EngineScope, fail: (reason: string) => void) => void;

/** The global the worker bundle looks for when it runs in the page instead of a worker (src/model/engine/worker.ts). */
const PAGE_PORT = 'cnnNotesPagePort';

/**
 * Runs the embedded worker bundle in the page as a script from a Blob URL, `scope` standing in for
 * the worker's global scope while it starts. The bundle is our own build output, never user text.
 */
const runBundleInPage: PageStarter = (scope, fail) => {
	// One start at a time: the bundle finds its scope under one global name while it runs.
	pageStarts = pageStarts.then(
		async () => {
			let code: string;
			try {
				code = await unpackWorker();
			} catch (e) {
				fail(`the model engine could not be unpacked in this app (${e instanceof Error ? e.message : String(e)})`);
				return;
			}
			await new Promise<void>((resolve) => {
				const global = window as unknown as Record<string, unknown>;
				const url = URL.createObjectURL(new Blob([code], { type: 'text/javascript' }));
				const script = document.head.createEl('script', { attr: { src: url } });
				const done = (error: string | null): void => {
					delete global[PAGE_PORT];
					URL.revokeObjectURL(url);
					script.remove();
					// A bundle that threw before taking its scope never answers: say so instead of waiting.
					if (error !== null || scope.onmessage === null) fail(error ?? 'the model engine did not start in this app');
					resolve();
				};
				global[PAGE_PORT] = scope;
				script.onload = () => done(null);
				script.onerror = () => done('the model engine could not start in this app');
			});
		},
	);
};

/** The page starts of the engine, one after another. */
let pageStarts: Promise<void> = Promise.resolve();

let pageStarter: PageStarter = runBundleInPage;

/** Replaces how an in-page engine starts (tests start the engine module directly: jest has no bundle and no Worker). */
export function setPageStarter(starter: PageStarter): void {
	pageStarter = starter;
}

/**
 * A port to an engine running in the page: messages delivered asynchronously, as a worker would;
 * requests wait until the engine says it runs (a starter may start it asynchronously).
 */
export function pagePort(start: PageStarter = pageStarter): HostPort {
	let deliver: (data: Response | Hello | TrainProgress) => void = () => {};
	let broken: (reason: string) => void = () => {};
	let closed = false;
	let running = false;
	const waiting: Request[] = [];
	const scope: EngineScope = {
		postMessage: (message) => {
			void Promise.resolve().then(() => {
				if (closed) return;
				if ('kind' in message && message.kind === 'ready') {
					running = true;
					for (const request of waiting.splice(0)) send(request);
				}
				deliver(message);
			});
		},
		onmessage: null,
	};
	const send = (request: Request): void => {
		void Promise.resolve().then(() => {
			if (!closed) scope.onmessage?.({ data: request });
		});
	};
	let failed: string | null = null;
	const fail = (reason: string): void => {
		failed = reason;
		broken(reason);
	};
	try {
		start(scope, fail);
	} catch (e) {
		failed = e instanceof Error ? e.message : String(e);
	}
	return {
		place: 'page',
		post: (request) => {
			if (running) send(request);
			else waiting.push(request);
		},
		listen: (message, onBroken) => {
			deliver = message;
			broken = onBroken;
			if (failed !== null) broken(failed);
		},
		close: () => {
			// The engine frees its models (in a worker, terminating does that), then the port goes quiet.
			if (running) scope.onmessage?.({ data: { id: 0, kind: 'close' } });
			closed = true;
			scope.onmessage = null;
		},
	};
}

/** Longest the worker may take to start (parse and run its bundle) before the page takes over (ms). */
export const HELLO_LIMIT_MS = 10_000;

/**
 * A port to the engine in a Web Worker. Requests wait until the worker says it runs; if it fails
 * before that (no Worker, a refused Blob URL, a script error), the engine starts in the page instead
 * and the waiting requests go there.
 */
export function workerPort(code: string = workerBootstrap()): HostPort {
	let target: HostPort | null = null;
	let worker: Worker | null = null;
	let url: string | null = null;
	let deliver: (data: Response | Hello | TrainProgress) => void = () => {};
	let broken: (reason: string) => void = () => {};
	let place: 'worker' | 'page' = 'worker';
	let closed = false;
	let failed: string | null = null;
	const waiting: [Request, Transferable[]][] = [];
	/** Reports the engine broken, now or (before anyone listens) as soon as someone does. */
	const breakDown = (reason: string): void => {
		failed ??= reason;
		broken(reason);
	};

	const stopWorker = (): void => {
		if (hello !== null) window.clearTimeout(hello);
		worker?.terminate();
		worker = null;
		if (url !== null) URL.revokeObjectURL(url);
		url = null;
	};
	/** The worker failed before it ran: the page takes over with the waiting requests. */
	const fallBack = (): void => {
		stopWorker();
		if (closed) return;
		place = 'page';
		const page = pagePort();
		page.listen(
			(m) => deliver(m),
			(r) => breakDown(r),
		);
		target = page;
		for (const [request, transfer] of waiting.splice(0)) page.post(request, transfer);
	};

	let hello: number | null = null;
	try {
		if (typeof Worker === 'undefined' || typeof Blob === 'undefined' || typeof URL.createObjectURL !== 'function') throw new Error('no Worker');
		url = URL.createObjectURL(new Blob([code], { type: 'text/javascript' }));
		const started = new Worker(url, { name: 'cnn-notes-model' });
		worker = started;
		// A worker that never says it runs (a blocked or stalled start) is given up for the page.
		hello = window.setTimeout(() => {
			if (target === null) fallBack();
		}, HELLO_LIMIT_MS);
		started.onmessage = (event: MessageEvent<Response | Hello | TrainProgress>) => {
			if (target === null && 'kind' in event.data && event.data.kind === 'ready') {
				if (hello !== null) window.clearTimeout(hello);
				// The worker runs: requests go straight to it from now on.
				target = { place: 'worker', post: (r, t) => started.postMessage(r, t), listen: () => {}, close: stopWorker };
				for (const [request, transfer] of waiting.splice(0)) {
					try {
						started.postMessage(request, transfer);
					} catch (e) {
						// A request that cannot be sent is answered at once; the others still go.
						const reason = e instanceof Error ? e.message : String(e);
						deliver({ id: request.id, ok: false, errors: [{ code: 'classify.error.host', vars: { reason }, detail: reason }] });
					}
				}
			}
			deliver(event.data);
		};
		started.onerror = (event: ErrorEvent) => {
			event.preventDefault();
			if (target === null) fallBack();
			else if (place === 'worker') breakDown(event.message || 'the model worker stopped');
		};
		started.onmessageerror = () => breakDown('a message of the model worker could not be read');
	} catch {
		fallBack();
	}

	return {
		get place() {
			return place;
		},
		post: (request, transfer) => {
			if (target) target.post(request, transfer);
			else waiting.push([request, transfer]);
		},
		listen: (message, onBroken) => {
			deliver = message;
			broken = onBroken;
			if (failed !== null) onBroken(failed);
		},
		close: () => {
			closed = true;
			if (place === 'page') target?.close();
			stopWorker();
		},
	};
}

/** How long the engine lives on after the last block using it unloads (ms): re-rendering a note does not restart it. */
export const HOST_IDLE_MS = 1000;

/** A block's use of the shared engine; release() when the block unloads. */
export interface HostLease {
	host: ModelHost;
	release(): void;
}

/** Makes the engine's port (tests use an in-page engine). */
export type PortFactory = () => HostPort;

let shared: { host: ModelHost; users: number; idle: number | null } | null = null;

/** The default port: a worker where one can start, else the page. */
function defaultPort(): HostPort {
	return typeof Worker === 'undefined' ? pagePort() : workerPort();
}

/** The page's engine, started on first use and shared by every block; a crashed one is replaced. */
export function acquireModelHost(makePort: PortFactory = defaultPort): HostLease {
	if (shared?.host.isStopped) {
		if (shared.idle !== null) window.clearTimeout(shared.idle);
		shared = null; // its engine was stopped (and its worker terminated) when it broke
	}
	shared ??= { host: new ModelHost(makePort()), users: 0, idle: null };
	const entry = shared;
	if (entry.idle !== null) window.clearTimeout(entry.idle);
	entry.idle = null;
	entry.users++;
	let released = false;
	return {
		host: entry.host,
		release: () => {
			if (released) return;
			released = true;
			entry.users--;
			if (entry.users > 0 || shared !== entry) return;
			entry.idle = window.setTimeout(() => {
				if (shared === entry && entry.users === 0) closeModelHost();
			}, HOST_IDLE_MS);
		},
	};
}

/** Stops the shared engine now (plugin unload); the next block starts a new one. */
export function closeModelHost(): void {
	const entry = shared;
	shared = null;
	if (!entry) return;
	if (entry.idle !== null) window.clearTimeout(entry.idle);
	entry.host.close();
}
