/**
 * The trainings of one engine: started by trainStart, stepped one batch per turn of the engine's
 * queue (each turn is queued after a zero-delay timeout, so requests that arrived meanwhile run
 * first: predictions of other blocks, pause, stop), several at once in turn. A training steps while
 * its state is 'training'; pause, stop, done, a NaN loss and an error end the stepping, and its
 * weights stay until trainDispose (export, inspect). Every training runs on the cpu backend (tfjs
 * has one backend for everything: the engine moves to cpu when a training starts and stays there
 * while one is held), with the typed-array gradient kernels installed while any training is held.
 * Progress goes to the page as TrainProgress messages; nothing here throws to the engine.
 */
import type { io, Tensor } from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { clip } from '../../i18n/clip';
import { failure, type Problem, type Result } from '../../result';
import { DIGIT_CLASSES, DIGITS_INPUT, digitsSplit, loadDigitsDataset } from '../../train/digits-set';
import type { ModelFiles } from '../artifacts';
import type { TrainInspection, TrainOptions, TrainProgress, TrainSource, TrainStarted, TrainState } from '../host/protocol';
import { build, freeModel } from './build';
import { checkIndices, checkLayers, checkOptions, checkPictures, badField, type TrainData } from './train-checks';
import { installTrainKernels } from './train-kernels';
import { Trainer, type EpochReport, type StepReport } from './trainer';
import { TRAIN_LIMITS } from '../limits';
import type { Tf } from './tf';

/** What the trainings need from their engine. */
export interface TrainingHost {
	/** tfjs, started. */
	tf(): Promise<Tf>;
	/** Moves tfjs to the cpu backend (rebuilding the engine's models) when it is on another one. */
	toCpu(tf: Tf): Promise<void>;
	/** Runs `task` on the engine's queue, after every request already waiting. */
	enqueue(task: () => void): void;
	/** Sends a progress message to the page. */
	post(progress: TrainProgress): void;
}

/** One training: its trainer, its data, where it is and the epochs it finished. */
interface Session {
	id: number;
	trainer: Trainer;
	data: TrainData;
	state: TrainState;
	epochs: EpochReport[];
	/** The network's weights, freed one by one on dispose (an exported network holds a reference to them). */
	weights: { dispose(): void }[];
}

/** The message of anything thrown. */
function reasonOf(e: unknown): string {
	try {
		return e instanceof Error ? e.message : String(e);
	} catch {
		return '?';
	}
}

/** A copy of an epoch's figures (the page's listener may keep or change what it gets; the engine keeps its own). */
function copyEpoch(e: EpochReport): EpochReport {
	return { ...e, confusion: e.confusion.slice(), misses: e.misses.map((m) => ({ ...m })) };
}

/** A copy of a step's report. */
function copyStep(s: StepReport): StepReport {
	return s.epochEnd ? { ...s, epochEnd: copyEpoch(s.epochEnd) } : { ...s };
}

/** A shape as the resume problem shows it: 3x3x1x8. */
function shapeText(shape: readonly (number | null)[]): string {
	return shape.length === 0 ? 'scalar' : shape.join('x');
}

/** The problem of a training handle the engine does not hold. */
function gone(training: number): Problem {
	return { code: 'train.error.gone', vars: { training } };
}

/** The trainings of one engine. */
export class Trainings {
	private readonly sessions = new Map<number, Session>();
	private next = 1;
	/** The training stepped last (round robin: the next turn takes the next running one after it). */
	private last = 0;
	private scheduled = false;
	private digits: Promise<TrainData> | null = null;
	private removeKernels: (() => void) | null = null;
	/** Set by close(): no training starts or steps any more (an in-page engine the page is done with). */
	private closed = false;

	constructor(private readonly host: TrainingHost) {}

	/** Trainings held (running, paused or ended but not disposed). */
	get size(): number {
		return this.sessions.size;
	}

	/**
	 * Checks the request, reads the pictures (the built-in digits from the embedded asset, once per
	 * engine), builds the network (with the saved weights of `options.resume` when given) and starts
	 * stepping after the answer. Problems: the request's fields (train.error.request,
	 * train.layers.classes), a saved model that cannot be read or does not fit the layers.
	 */
	async start(source: TrainSource, options: TrainOptions, signal: AbortSignal): Promise<Result<TrainStarted>> {
		const wrong = checkOptions(options);
		if (wrong) return failure(wrong);
		if (typeof source !== 'object' || source === null || (source.kind !== 'digits' && source.kind !== 'pictures')) return failure(badField('source.kind', typeof source === 'object' && source !== null ? (source as { kind?: unknown }).kind : source, 'digits or pictures'));
		const checked = source.kind === 'pictures' ? checkPictures(source) : null;
		if (checked && !checked.ok) return failure(checked.problem);
		// The layers are checked before the digits are read (their shape and classes are known).
		const badLayers = checked ? checkLayers(options.layers, checked.data.input, checked.data.classes) : checkLayers(options.layers, DIGITS_INPUT, DIGIT_CLASSES.length);
		if (badLayers) return failure(badLayers);
		const data = checked ? checked.data : await this.digitsData();
		if (signal.aborted) return failure();
		const tf = await this.host.tf();
		await this.host.toCpu(tf);
		this.removeKernels ??= installTrainKernels(tf);
		let trainer: Trainer;
		try {
			trainer = new Trainer(tf, tfl, { layers: options.layers, input: data.input, classes: data.classes, pixels: data.pixels, labels: data.labels, train: data.train, validation: data.validation, epochs: options.epochs, batch: options.batch, learningRate: options.learningRate, seed: options.seed, augment: options.augment });
		} catch (e) {
			this.kernelsWhenIdle();
			return failure({ code: 'train.error.failed', vars: { reason: clip(reasonOf(e)) }, detail: reasonOf(e) });
		}
		const weights = [...trainer.logits.weights];
		const resumed = options.resume ? await this.resume(tf, trainer, options.resume) : null;
		if (resumed || signal.aborted) {
			this.free(trainer, weights);
			this.kernelsWhenIdle();
			return resumed ? failure(resumed) : failure();
		}
		if (this.closed) {
			this.free(trainer, weights);
			this.kernelsWhenIdle();
			return failure();
		}
		const id = this.next++;
		this.sessions.set(id, { id, trainer, data, state: 'training', epochs: [], weights });
		this.wake();
		return { ok: true, value: { training: id, input: [...data.input], classes: data.classes, trainCount: data.train.length, validationCount: data.validation.length, batches: trainer.batches } };
	}

	/** The built-in digits with their documented split, read once per engine (the pictures are shared by every digits training: nobody writes them). */
	private digitsData(): Promise<TrainData> {
		this.digits ??= loadDigitsDataset().then((set) => {
			const split = digitsSplit(set.labels);
			return { input: set.inputShape, classes: set.classes.length, count: set.count, pixels: set.pixels, labels: set.labels, train: split.train, validation: split.validation };
		});
		this.digits.catch(() => {
			this.digits = null;
		});
		return this.digits;
	}

	/**
	 * Puts the weights of a saved model (what trainExport gives: the network and a softmax layer,
	 * possibly nested) into the new trainer's network: every weight, in order, must have the shape
	 * and type of the network's; else the problem train.error.resumeMismatch names the first that
	 * differs. Null when the weights were set. The saved model is freed either way.
	 */
	private async resume(tf: Tf, trainer: Trainer, files: ModelFiles): Promise<Problem | null> {
		let saved: tfl.LayersModel;
		try {
			const artifacts: io.ModelArtifacts = { ...files };
			saved = await build(tf, artifacts);
		} catch (e) {
			return { code: 'train.error.resumeLoad', vars: { reason: clip(reasonOf(e)) }, detail: reasonOf(e) };
		}
		try {
			const have = saved.weights;
			const want = trainer.logits.weights;
			const fits = (i: number): boolean => {
				const a = have[i];
				const b = want[i];
				return a !== undefined && b !== undefined && a.dtype === b.dtype && shapeText(a.shape) === shapeText(b.shape);
			};
			const first = Array.from({ length: Math.max(have.length, want.length) }, (_, i) => i).find((i) => !fits(i));
			if (first !== undefined) {
				const list = (ws: typeof have): string => clip(ws.map((w) => shapeText(w.shape)).join(', '));
				const found = have[first];
				const expected = want[first];
				return {
					code: 'train.error.resumeMismatch',
					vars: { index: first + 1, found: found ? shapeText(found.shape) : '—', expected: expected ? shapeText(expected.shape) : '—', saved: list(have), wanted: list(want) },
				};
			}
			trainer.logits.setWeights(saved.getWeights());
			return null;
		} catch (e) {
			return { code: 'train.error.resumeLoad', vars: { reason: clip(reasonOf(e)) }, detail: reasonOf(e) };
		} finally {
			freeModel(saved);
		}
	}

	/** Pauses, resumes or stops a training. Asking a training for what it already does, or an ended one to pause or resume, changes nothing. */
	control(training: number, action: 'pause' | 'resume' | 'stop'): Result<null> {
		const s = this.sessions.get(training);
		if (!s) return failure(gone(training));
		if (action !== 'pause' && action !== 'resume' && action !== 'stop') return failure(badField('action', action, 'pause, resume or stop'));
		const from = s.state;
		if (action === 'pause' && from === 'training') s.state = 'paused';
		else if (action === 'resume' && from === 'paused') s.state = 'training';
		else if (action === 'stop' && (from === 'training' || from === 'paused')) s.state = 'stopped';
		if (s.state !== from) {
			this.announce(s);
			this.wake();
		}
		return { ok: true, value: null };
	}

	/** The trained network with its softmax as Layers model files (model.json's topology and weights, as saveModel writes them). */
	async exportFiles(training: number): Promise<Result<ModelFiles>> {
		const s = this.sessions.get(training);
		if (!s) return failure(gone(training));
		const tf = await this.host.tf();
		const model = s.trainer.classifier();
		let files: ModelFiles | null = null;
		await model.save(
			tf.io.withSaveHandler((a) => {
				const data = a.weightData;
				const weightData = data === undefined ? new ArrayBuffer(0) : data instanceof ArrayBuffer ? data.slice(0) : tf.io.CompositeArrayBuffer.join(data);
				files = { modelTopology: a.modelTopology as object, weightSpecs: (a.weightSpecs ?? []) as ModelFiles['weightSpecs'], weightData, format: 'layers-model', generatedBy: a.generatedBy };
				return Promise.resolve({ modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } });
			}),
		);
		return files ? { ok: true, value: files } : failure({ code: 'train.error.failed', vars: { reason: 'the model was not saved' } });
	}

	/** Pictures `indices` of the training's data (values 0..1) and the network's class probabilities for them now. */
	async inspect(training: number, indices: readonly number[]): Promise<Result<TrainInspection>> {
		const s = this.sessions.get(training);
		if (!s) return failure(gone(training));
		if (!Array.isArray(indices) || indices.length > TRAIN_LIMITS.inspect) return failure(badField('indices', indices, `a list of at most ${TRAIN_LIMITS.inspect} picture indices`));
		const wrong = checkIndices('indices', indices, s.data.count);
		if (wrong) return failure(wrong);
		const [h, w, c] = s.data.input;
		const size = h * w * c;
		const n = indices.length;
		const pixels = new Float32Array(n * size);
		indices.forEach((index, k) => {
			for (let i = 0; i < size; i++) pixels[k * size + i] = (s.data.pixels[index * size + i] ?? 0) / 255;
		});
		if (n === 0) return { ok: true, value: { pixels, probabilities: new Float32Array(0) } };
		const tf = await this.host.tf();
		const probabilities = tf.tidy(() => {
			const logits = s.trainer.logits.predict(tf.tensor4d(pixels, [n, h, w, c])) as Tensor;
			return Float32Array.from(tf.softmax(logits).dataSync());
		});
		return { ok: true, value: { pixels, probabilities } };
	}

	/** Stops a training and frees every tensor of it (nothing when it is not held). */
	dispose(training: number): void {
		const s = this.sessions.get(training);
		if (!s) return;
		this.sessions.delete(training);
		this.free(s.trainer, s.weights);
		this.kernelsWhenIdle();
	}

	/** Frees every training; none starts afterwards, not even one whose start is under way (the engine closes). */
	close(): void {
		this.closed = true;
		for (const id of [...this.sessions.keys()]) this.dispose(id);
	}

	/** Frees a trainer and its network's weights (an exported network keeps tfjs's own dispose from freeing them). */
	private free(trainer: Trainer, weights: readonly { dispose(): void }[]): void {
		try {
			trainer.dispose();
		} catch {
			// Freed below, weight by weight.
		}
		for (const w of weights) {
			try {
				w.dispose();
			} catch {
				// Already freed.
			}
		}
	}

	/** Puts tfjs's own gradient kernels back once no training is held. */
	private kernelsWhenIdle(): void {
		if (this.sessions.size > 0 || !this.removeKernels) return;
		this.removeKernels();
		this.removeKernels = null;
	}

	/** Sends a training's state with every epoch so far. */
	private announce(s: Session, step?: StepReport, errors?: Problem[]): void {
		const progress: TrainProgress = { id: 0, kind: 'trainProgress', training: s.id, state: s.state, epochs: s.epochs.map(copyEpoch) };
		if (step) progress.step = copyStep(step);
		if (errors) progress.errors = errors;
		this.host.post(progress);
	}

	/** Schedules the next turn when some training is running and none is scheduled. */
	private wake(): void {
		if (this.closed || this.scheduled || ![...this.sessions.values()].some((s) => s.state === 'training')) return;
		this.scheduled = true;
		// A timeout, not a microtask: messages that arrived meanwhile are queued before the turn is.
		// `self`: the engine runs in a worker (no window), or in the page (where self is the window).
		self.setTimeout(() => this.host.enqueue(() => this.turn()), 0);
	}

	/** One turn: one batch of the next running training (round robin), its progress, and the next turn. */
	private turn(): void {
		this.scheduled = false;
		const running = [...this.sessions.values()].filter((s) => s.state === 'training');
		const s = running.find((r) => r.id > this.last) ?? running[0];
		if (!s) return;
		this.last = s.id;
		this.stepOnce(s);
		this.wake();
	}

	/**
	 * Trains one batch of `s` (or checks the next part of its held-out pictures after an epoch's last
	 * batch) and tells the page: every batch, with the epochs at an epoch's end and when the state
	 * changes. A call that only checked held-out pictures, without ending the epoch, is not told.
	 */
	private stepOnce(s: Session): void {
		let report: StepReport;
		try {
			report = s.trainer.step();
		} catch (e) {
			s.state = 'error';
			this.announce(s, undefined, [{ code: 'train.error.failed', vars: { reason: clip(reasonOf(e)) }, detail: reasonOf(e) }]);
			return;
		}
		if (report.epochEnd) s.epochs.push(report.epochEnd);
		if (report.state !== 'training') s.state = report.state;
		if (report.epochEnd || report.state !== 'training') this.announce(s, report);
		else if (!report.checking) this.host.post({ id: 0, kind: 'trainProgress', training: s.id, state: s.state, step: copyStep(report) });
	}
}
