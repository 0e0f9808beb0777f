/**
 * The model engine: tfjs and every model of the page, behind the message protocol of
 * src/model/host/protocol.ts. It runs in the model worker (worker.ts), or in the page where no
 * worker can start (and under jest). Requests run one at a time in arrival order; a request still
 * waiting when its cancel arrives is answered as cancelled without running, a model load in
 * progress stops at its next step. Trainings (training.ts) take turns on the same queue, one batch
 * a turn, between the requests. Every failure is answered as problems, never thrown.
 */
import type { io } from '@tensorflow/tfjs-core';
import { failure, type Problem, type Result } from '../../result';
import type { Answers, EngineScope, HostStats, ModelSource, ModelSummary, Request, Response, TrainProgress, TrainStarted } from '../host/protocol';
import { buffersOf } from '../host/protocol';
import { backendFor, multiplyAdds, probeWebGl, type WebGlProbe } from './backend';
import { Classifier, type Prediction } from './classifier';
import { digitsArtifacts } from './digits-model';
import { fallBackToCpu, isContextLost, loadTf, pickBackend, type Tf } from './tf';
import { Trainings } from './training';

/** One model the engine holds: the classifier, and its artifacts (to rebuild it after a lost WebGL context). */
interface Held {
	classifier: Classifier;
	artifacts: io.ModelArtifacts;
	name: string;
	macs: number;
}

/** How the engine is set up: the backends it may use and how WebGL is probed (tests replace both). */
export interface EngineOptions {
	/** Backends allowed, most wanted first; 'webgl' is used only where backendFor says it gains. Default: webgl, cpu. */
	backends?: readonly string[];
	/** Looks at the WebGL available (default: a 1x1 OffscreenCanvas). */
	probe?: () => WebGlProbe;
	/** Fewest multiply-adds for which a model moves to hardware WebGL (default WEBGL_MIN_MACS). */
	webglMinMacs?: number;
}

/** The thrown value's message. */
function messageOf(e: unknown): string {
	try {
		return e instanceof Error ? e.message : String(e);
	} catch {
		return '?';
	}
}

/** Anything thrown inside the engine, as the "something went wrong" problem with its detail. */
function unexpected(e: unknown): Problem {
	const message = messageOf(e);
	return { code: 'error.unexpected', vars: { message }, detail: message };
}

/** The engine of one host. */
export class Engine {
	private readonly models = new Map<number, Held>();
	private nextModel = 1;
	private queue: Promise<void> = Promise.resolve();
	/** Requests waiting to run, by id, with the controller their cancel aborts. */
	private readonly waiting = new Map<number, AbortController>();
	private tf: Tf | null = null;
	private webgl: WebGlProbe | null = null;
	/** The trainings held: stepped on this engine's queue. */
	private readonly trainings: Trainings;

	constructor(
		private readonly reply: (message: Response | TrainProgress, transfer: Transferable[]) => void,
		private readonly options: EngineOptions = {},
	) {
		this.trainings = new Trainings({
			tf: () => this.tfjs(),
			toCpu: (tf) => this.toCpu(tf),
			enqueue: (task) => this.enqueue(task),
			post: (progress) => this.post(progress),
		});
	}

	/** Takes one request; its answer is sent through `reply` when it has run. */
	receive(request: Request): void {
		if (request.kind === 'close') {
			for (const id of [...this.models.keys()]) this.drop(id);
			this.trainings.disposeAll();
			return;
		}
		if (request.kind === 'cancel') {
			this.waiting.get(request.target)?.abort();
			this.reply({ id: request.id, ok: true, value: null }, []);
			return;
		}
		const controller = new AbortController();
		this.waiting.set(request.id, controller);
		this.queue = this.queue.then(async () => {
			let response: Response;
			let transfer: Transferable[] = [];
			try {
				if (controller.signal.aborted) response = { id: request.id, ok: false, errors: [], cancelled: true };
				else {
					const result = await this.run(request, controller.signal);
					if (controller.signal.aborted) {
						if (result.ok && request.kind === 'load') this.drop((result.value as ModelSummary).model);
						if (result.ok && request.kind === 'trainStart') this.trainings.dispose((result.value as TrainStarted).training);
						response = { id: request.id, ok: false, errors: [], cancelled: true };
					} else if (result.ok) {
						response = { id: request.id, ok: true, value: result.value };
						transfer = transferOf(request.kind, result.value);
					} else response = { id: request.id, ok: false, errors: result.errors };
				}
			} catch (e) {
				response = { id: request.id, ok: false, errors: [unexpected(e)] };
			} finally {
				this.waiting.delete(request.id);
			}
			this.send(response, transfer);
		});
	}

	/** Runs `task` on the queue after every request already waiting (a training's turn); what it throws is dropped. */
	private enqueue(task: () => void): void {
		this.queue = this.queue.then(() => {
			try {
				task();
			} catch {
				// A turn reports its own errors as progress; nothing else may stop the queue.
			}
		});
	}

	/** Sends a training's progress; one that cannot be sent is dropped (the next one says where the training is). */
	private post(progress: TrainProgress): void {
		try {
			this.reply(progress, []);
		} catch {
			// Dropped.
		}
	}

	/** Sends an answer; an answer that cannot be sent (a value that does not clone) becomes a problem. */
	private send(response: Response, transfer: Transferable[]): void {
		try {
			this.reply(response, transfer);
		} catch (e) {
			this.reply({ id: response.id, ok: false, errors: [unexpected(e)] }, []);
		}
	}

	/** Runs one request (not cancel). */
	private async run(request: Exclude<Request, { kind: 'cancel' | 'close' }>, signal: AbortSignal): Promise<Result<Answers[keyof Answers]>> {
		switch (request.kind) {
			case 'load':
				return this.load(request.source, request.name, signal);
			case 'predict':
				return this.predict(request.model, request.pixels, request.layers);
			case 'classifyMany':
				return this.classifyMany(request.model, request.pixels, request.count);
			case 'dispose':
				this.drop(request.model);
				return { ok: true, value: null };
			case 'stats':
				return { ok: true, value: await this.stats() };
			case 'trainStart':
				return this.trainings.start(request.source, request.options, signal);
			case 'trainControl':
				return this.trainings.control(request.training, request.action);
			case 'trainExport':
				return this.trainings.exportFiles(request.training);
			case 'trainInspect':
				return this.trainings.inspect(request.training, request.indices);
			case 'trainDispose':
				this.trainings.dispose(request.training);
				return { ok: true, value: null };
			default:
				return failure(unexpected(`unknown request ${(request as { kind?: unknown }).kind as string}`));
		}
	}

	/** tfjs, started on first need on the cpu backend. */
	private async tfjs(): Promise<Tf> {
		this.tf ??= await loadTf({ backends: ['cpu'] });
		return this.tf;
	}

	/** What the WebGL probe found (probed once). */
	private probe(): WebGlProbe {
		this.webgl ??= (this.options.probe ?? probeWebGl)();
		return this.webgl;
	}

	/** Builds a model, checks it with a first prediction, and moves to WebGL when this model gains from it. */
	private async load(source: ModelSource, name: string, signal: AbortSignal): Promise<Result<ModelSummary>> {
		const tf = await this.tfjs();
		const artifacts: io.ModelArtifacts = source.kind === 'builtin' ? await digitsArtifacts() : { ...source.files };
		if (signal.aborted) return failure();
		const loaded = await Classifier.load(tf, artifacts, name, signal);
		if (!loaded.ok) return loaded;
		const classifier = loaded.value;
		const macs = multiplyAdds(classifier.layers);
		const id = this.nextModel++;
		this.models.set(id, { classifier, artifacts, name, macs });
		await this.chooseBackend(tf);
		const held = this.models.get(id);
		if (!held) return failure(unexpected('the model was lost while its backend changed'));
		// Copies of the weights: the answer's buffers move to the page, the held model keeps its own.
		const layers = held.classifier.layers.map((l) => ({ ...l, kernel: l.kernel && { shape: l.kernel.shape.slice(), data: l.kernel.data.slice() }, bias: l.bias?.slice() }));
		const { classes, input, softmax } = held.classifier;
		return { ok: true, value: { model: id, name, layers, classes, backend: tf.getBackend(), input: [...input], softmax: softmax.kind } };
	}

	/**
	 * webgl while some held model gains from it (hardware WebGL, enough multiply-adds) and webgl is
	 * allowed and no training is held (trainings run on cpu: tfjs has one backend for all), else
	 * cpu. A switch rebuilds every model on the new backend.
	 */
	private async chooseBackend(tf: Tf): Promise<void> {
		const allowed = this.options.backends ?? ['webgl', 'cpu'];
		const macs = Math.max(0, ...[...this.models.values()].map((m) => m.macs));
		const gains = allowed.includes('webgl') && this.trainings.size === 0 && backendFor(this.probe(), macs, this.options.webglMinMacs) === 'webgl';
		const wanted = gains ? 'webgl' : 'cpu';
		if (wanted === tf.getBackend()) return;
		try {
			await pickBackend(tf, wanted === 'webgl' ? ['webgl', 'cpu'] : ['cpu']);
		} catch {
			await fallBackToCpu(tf);
		}
		await this.rebuild(tf);
	}

	/** Moves to the cpu backend (a training starts) and rebuilds the held models there; nothing when already on cpu. */
	private async toCpu(tf: Tf): Promise<void> {
		if (tf.getBackend() === 'cpu') return;
		await fallBackToCpu(tf);
		await this.rebuild(tf);
	}

	/** Builds every held model again on the current backend (after a backend switch or a lost context). */
	private async rebuild(tf: Tf): Promise<void> {
		for (const [id, held] of [...this.models]) {
			held.classifier.dispose();
			const again = await Classifier.load(tf, held.artifacts, held.name);
			if (again.ok) held.classifier = again.value;
			else this.models.delete(id);
		}
	}

	/** A held model, on a live backend: after a lost WebGL context, moves to cpu and rebuilds first. */
	private async live(model: number): Promise<Result<Held>> {
		const tf = await this.tfjs();
		if (isContextLost(tf)) {
			await fallBackToCpu(tf);
			await this.rebuild(tf);
		}
		const held = this.models.get(model);
		return held ? { ok: true, value: held } : failure(unexpected(`model ${model} is not loaded`));
	}

	/** Classifies one picture with a held model; pixels of the wrong size are refused (the model stays). */
	private async predict(model: number, pixels: Float32Array, layers: readonly number[]): Promise<Result<Answers['predict']>> {
		const held = await this.live(model);
		if (!held.ok) return held;
		const { classifier } = held.value;
		const wrong = classifier.checkPixels(pixels);
		if (wrong) return failure(wrong);
		const result = classifier.classify(pixels, undefined, layers);
		// A model whose answer is unusable (non-finite, too slow) is freed: the block shows why and never asks again.
		if (!result.ok) {
			this.drop(model);
			return result;
		}
		return { ok: true, value: { ...result.value, backend: (await this.tfjs()).getBackend() } };
	}

	/** Class probabilities of `count` pictures with a held model; pixels of the wrong size are refused. */
	private async classifyMany(model: number, pixels: Float32Array, count: number): Promise<Result<Answers['classifyMany']>> {
		const held = await this.live(model);
		if (!held.ok) return held;
		const { classifier } = held.value;
		const wrong = Number.isInteger(count) && count >= 0 ? classifier.checkPixels(pixels, count) : unexpected(`count must be a whole number, got ${count}`);
		if (wrong) return failure(wrong);
		return { ok: true, value: { probabilities: classifier.classifyMany(pixels, count) } };
	}

	/** Frees a held model (nothing when it is not held). */
	private drop(model: number): void {
		this.models.get(model)?.classifier.dispose();
		this.models.delete(model);
	}

	private async stats(): Promise<HostStats> {
		const tf = await this.tfjs();
		const probe = this.probe();
		return { numTensors: tf.memory().numTensors, backend: tf.getBackend(), models: this.models.size, webgl: `${probe.kind}${probe.renderer ? ` (${probe.renderer})` : ''}`, trainings: this.trainings.size };
	}
}

/** The buffers an answer can hand over instead of copying (a prediction's arrays, a model's weights). */
function transferOf(kind: Request['kind'], value: unknown): Transferable[] {
	if (kind === 'predict') {
		const p = value as Prediction;
		return buffersOf([p.input, p.logits, p.probabilities, ...p.activations]);
	}
	if (kind === 'classifyMany') return buffersOf([(value as Answers['classifyMany']).probabilities]);
	if (kind === 'trainExport') return [(value as Answers['trainExport']).weightData];
	if (kind === 'trainInspect') {
		const inspection = value as Answers['trainInspect'];
		return buffersOf([inspection.pixels, inspection.probabilities]);
	}
	if (kind === 'load') {
		const s = value as ModelSummary;
		return buffersOf(s.layers.flatMap((l) => [l.kernel?.data, l.bias]));
	}
	return [];
}

/**
 * Starts an engine on `scope` (a worker's global scope, or the page's stand-in): requests arrive as
 * messages, answers go back with postMessage; a first message says the engine is running.
 */
export function startEngine(scope: EngineScope, options: EngineOptions = {}): Engine {
	const engine = new Engine((response, transfer) => scope.postMessage(response, transfer), options);
	scope.onmessage = (event) => engine.receive(event.data);
	scope.postMessage({ id: 0, kind: 'ready' }, []);
	return engine;
}
