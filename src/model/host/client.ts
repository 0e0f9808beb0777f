/**
 * The page's side of the model host: requests as promises of results. Each call gets an id and
 * resolves with the engine's answer, or at once with a "cancelled" failure when its signal aborts
 * (the engine is told, and drops the work if it has not started). Trainings report their progress
 * to the listener given to trainStart. If the engine stops (the worker crashed or was terminated),
 * every open request resolves with a problem and every training's listener hears 'error' once;
 * nothing here throws.
 */
import { failure, type Problem, type Result } from '../../result';
import { LOAD_LIMIT_MS, MAX_BATCH_VALUES, PREDICT_LIMIT_MS } from '../limits';
import type { ModelFiles } from '../artifacts';
import type { Answers, Hello, HostStats, ModelSource, ModelSummary, Request, Response, TrainInspection, TrainOptions, TrainProgress, TrainSource, TrainStarted } from './protocol';
import { buffersOf } from './protocol';

/** A channel to an engine: a Web Worker, or the page's stand-in for one. */
export interface HostPort {
	post(request: Request, transfer: Transferable[]): void;
	/** Calls `message` with every message of the engine (answers, its hello, training progress) and `broken` once if the engine stops or cannot start. */
	listen(message: (data: Response | Hello | TrainProgress) => void, broken: (reason: string) => void): void;
	/** Stops the engine (terminates the worker). */
	close(): void;
	/** Where the engine runs, for the widget's summary line and tests: 'worker' or 'page'. */
	readonly place: 'worker' | 'page';
}

/** The problem of a request whose engine stopped. */
function hostStopped(reason: string): Problem {
	return { code: 'classify.error.host', vars: { reason }, detail: reason };
}

/** A request cut short by its signal: not shown to anybody. */
export const CANCELLED: Problem = { code: 'classify.error.cancelled', vars: {} };

/** true for the failure of a cancelled request. */
export function isCancelled(result: Result<unknown>): boolean {
	return !result.ok && result.errors.length === 1 && result.errors[0] === CANCELLED;
}

/**
 * Longest any request may go unanswered (ms) before the engine counts as dead (a worker killed
 * without an error event): the longest load, plus a prediction, queued behind one another load.
 */
export const ANSWER_LIMIT_MS = 2 * LOAD_LIMIT_MS + PREDICT_LIMIT_MS;

/** Requests to one engine. */
export class ModelHost {
	private nextId = 1;
	private readonly open = new Map<number, (response: Response) => void>();
	/** Loads and training starts cancelled before their answer came: a model or training made after all is disposed when it arrives. */
	private readonly cancelledStarts = new Map<number, 'load' | 'trainStart'>();
	/** The progress listener of every training started and not disposed, by its handle. */
	private readonly listeners = new Map<number, (progress: TrainProgress) => void>();
	private stopped: string | null = null;
	private watchdog: number | null = null;

	constructor(private readonly port: HostPort) {
		port.listen(
			(data) => this.answer(data),
			(reason) => this.stop(reason),
		);
	}

	/** Where the engine runs: 'worker' or 'page'. */
	get place(): 'worker' | 'page' {
		return this.port.place;
	}

	/** Builds a model in the engine (weights of `files` are transferred, not copied). */
	load(source: ModelSource, name: string, signal?: AbortSignal): Promise<Result<ModelSummary>> {
		const transfer = source.kind === 'files' ? [source.files.weightData] : [];
		return this.ask<'load'>((id) => ({ id, kind: 'load', source, name }), transfer, signal);
	}

	/** Classifies one picture (height * width * channels values of the model's input) with a built model, returning the outputs of `layers` (indices) too. */
	predict(model: number, pixels: Float32Array, layers: readonly number[], signal?: AbortSignal): Promise<Result<Answers['predict']>> {
		const copy = Float32Array.from(pixels); // the copy travels; the caller keeps its array
		return this.ask<'predict'>((id) => ({ id, kind: 'predict', model, pixels: copy, layers: [...layers] }), buffersOf([copy]), signal);
	}

	/**
	 * Class probabilities of `count` pictures stored one after another in `pixels` (count * height *
	 * width * channels values): count * classes values, row-major. The pictures travel in requests of
	 * at most MAX_BATCH_VALUES values (at least one picture), one after another, so that each is
	 * answered within seconds (the watchdog) and an abort stops between them; each request's pixels
	 * are a copy, transferred.
	 */
	async classifyMany(model: number, pixels: Float32Array, count: number, signal?: AbortSignal): Promise<Result<Answers['classifyMany']>> {
		const size = count > 0 && pixels.length % count === 0 ? pixels.length / count : 0;
		// Pixels that are not whole pictures go in one request: the engine answers with the problem.
		const step = size > 0 ? Math.max(1, Math.floor(MAX_BATCH_VALUES / size)) : Math.max(1, count);
		const parts: Float32Array[] = [];
		let first = 0;
		do {
			const n = Math.min(step, count - first);
			const copy = size > 0 ? pixels.slice(first * size, (first + n) * size) : Float32Array.from(pixels);
			const answer = await this.ask<'classifyMany'>((id) => ({ id, kind: 'classifyMany', model, pixels: copy, count: n }), buffersOf([copy]), signal);
			if (!answer.ok) return answer;
			parts.push(answer.value.probabilities);
			first += step;
		} while (first < count);
		const probabilities = new Float32Array(parts.reduce((n, p) => n + p.length, 0));
		let offset = 0;
		for (const p of parts) {
			probabilities.set(p, offset);
			offset += p.length;
		}
		return { ok: true, value: { probabilities } };
	}

	/** Frees a model's weights in the engine. */
	dispose(model: number): void {
		if (this.stopped === null) void this.ask<'dispose'>((id) => ({ id, kind: 'dispose', model }), []);
	}

	/**
	 * Starts a training in the engine (the pictures' buffers and resume.weightData are transferred:
	 * the caller's arrays are empty afterwards). `onProgress` hears every batch and every change of
	 * state from the moment the answer arrives until trainDispose; when the engine stops, once more
	 * with state 'error'. A start cancelled by `signal` after the engine made the training disposes it.
	 */
	trainStart(source: TrainSource, options: TrainOptions, onProgress: (p: TrainProgress) => void, signal?: AbortSignal): Promise<Result<TrainStarted>> {
		const views = source.kind === 'pictures' ? [source.pixels, source.labels, source.train, source.validation] : [];
		const transfer: Transferable[] = buffersOf(views);
		const weights = options.resume?.weightData;
		if (weights && !transfer.includes(weights)) transfer.push(weights);
		return this.ask<'trainStart'>((id) => ({ id, kind: 'trainStart', source, options }), transfer, signal, (value) => this.listeners.set(value.training, onProgress));
	}

	/** Pauses, resumes or stops a training (a stopped one keeps its weights for trainExport until trainDispose). */
	trainControl(training: number, action: 'pause' | 'resume' | 'stop'): Promise<Result<null>> {
		return this.ask<'trainControl'>((id) => ({ id, kind: 'trainControl', training, action }), []);
	}

	/** The trained network with its softmax as Layers model files (what saveModel writes and cnn-classify loads). */
	trainExport(training: number, signal?: AbortSignal): Promise<Result<ModelFiles>> {
		return this.ask<'trainExport'>((id) => ({ id, kind: 'trainExport', training }), [], signal);
	}

	/** Pictures `indices` of the training's data (values 0..1) and the network's class probabilities for them now. */
	trainInspect(training: number, indices: readonly number[], signal?: AbortSignal): Promise<Result<TrainInspection>> {
		return this.ask<'trainInspect'>((id) => ({ id, kind: 'trainInspect', training, indices: [...indices] }), [], signal);
	}

	/** Stops a training and frees it in the engine; its listener hears nothing more. */
	trainDispose(training: number): void {
		this.listeners.delete(training);
		if (this.stopped === null) void this.ask<'trainDispose'>((id) => ({ id, kind: 'trainDispose', training }), []);
	}

	/** Live tensors, backend and models of the engine (tests and benchmarks). */
	stats(signal?: AbortSignal): Promise<Result<HostStats>> {
		return this.ask<'stats'>((id) => ({ id, kind: 'stats' }), [], signal);
	}

	/** Stops the engine: open requests resolve with a problem. */
	close(): void {
		this.stop('closed');
	}

	/** true once the engine stopped (crashed or closed): a new host is needed. */
	get isStopped(): boolean {
		return this.stopped !== null;
	}

	/** Sends a request; `accepted` runs with a successful answer's value before the promise resolves (before any later message of the engine is handled). */
	private ask<K extends keyof Answers>(make: (id: number) => Request, transfer: Transferable[], signal?: AbortSignal, accepted?: (value: Answers[K]) => void): Promise<Result<Answers[K]>> {
		if (this.stopped !== null) return Promise.resolve(failure(hostStopped(this.stopped)));
		if (signal?.aborted) return Promise.resolve(failure(CANCELLED));
		const id = this.nextId++;
		const request = make(id);
		return new Promise((resolve) => {
			const onAbort = (): void => {
				if (!this.open.delete(id)) return;
				if (request.kind === 'load' || request.kind === 'trainStart') this.cancelledStarts.set(id, request.kind);
				if (this.stopped === null) this.post({ id: this.nextId++, kind: 'cancel', target: id }, []);
				resolve(failure(CANCELLED));
				this.watch();
			};
			this.open.set(id, (response) => {
				signal?.removeEventListener('abort', onAbort);
				if (response.ok) {
					accepted?.(response.value as Answers[K]);
					resolve({ ok: true, value: response.value as Answers[K] });
				}
				else resolve(response.cancelled === true ? failure(CANCELLED) : { ok: false, errors: response.errors });
			});
			signal?.addEventListener('abort', onAbort);
			this.post(request, transfer);
			this.watch();
		});
	}

	/**
	 * While requests are open, a watchdog: no answer and no training progress for ANSWER_LIMIT_MS
	 * means the engine died silently, and the host stops (its requests answer with the translated
	 * problem). Called again after every answer and progress message.
	 */
	private watch(): void {
		if (this.watchdog !== null) window.clearTimeout(this.watchdog);
		this.watchdog = null;
		if (this.open.size === 0 || this.stopped !== null) return;
		this.watchdog = window.setTimeout(() => this.stop('the model engine stopped answering'), ANSWER_LIMIT_MS);
	}

	private post(request: Request, transfer: Transferable[]): void {
		try {
			this.port.post(request, transfer);
		} catch (e) {
			const reason = e instanceof Error ? e.message : String(e);
			const settle = this.open.get(request.id);
			this.open.delete(request.id);
			settle?.({ id: request.id, ok: false, errors: [hostStopped(reason)] });
		}
	}

	private answer(data: Response | Hello | TrainProgress): void {
		if ('kind' in data) {
			// The engine's hello needs nothing (requests were already queued by the port); progress goes to its training's listener.
			if (data.kind !== 'trainProgress') return;
			this.tell(data.training, data);
			// Progress proves the engine alive (it answers requests between batches): the watchdog starts again.
			this.watch();
			return;
		}
		const cancelled = this.cancelledStarts.get(data.id);
		if (cancelled !== undefined) {
			this.cancelledStarts.delete(data.id);
			// A start cancelled too late: the engine made the model or training after all; nobody will use it.
			if (data.ok && cancelled === 'load') this.dispose((data.value as ModelSummary).model);
			if (data.ok && cancelled === 'trainStart') this.trainDispose((data.value as TrainStarted).training);
			return;
		}
		const settle = this.open.get(data.id);
		this.open.delete(data.id);
		settle?.(data);
		this.watch();
	}

	/** Gives a training's listener its progress; a listener that throws does not stop the host. */
	private tell(training: number, progress: TrainProgress): void {
		try {
			this.listeners.get(training)?.(progress);
		} catch (e) {
			console.error('CNN Notes: a training progress listener failed', e);
		}
	}

	/** Stops the engine (terminates the worker), answers every open request with the problem and tells every training's listener. */
	private stop(reason: string): void {
		if (this.stopped !== null) return;
		this.stopped = reason;
		if (this.watchdog !== null) window.clearTimeout(this.watchdog);
		this.watchdog = null;
		this.port.close();
		const open = [...this.open];
		this.open.clear();
		for (const [id, settle] of open) settle({ id, ok: false, errors: [hostStopped(reason)] });
		const trainings = [...this.listeners.keys()];
		for (const training of trainings) this.tell(training, { id: 0, kind: 'trainProgress', training, state: 'error', errors: [hostStopped(reason)] });
		this.listeners.clear();
	}
}
