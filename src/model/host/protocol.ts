/**
 * The model host's messages: what the page asks the engine (in a Web Worker, or in the page where no
 * worker can start) and what it answers. Every request carries an id and gets exactly one answer
 * with that id; every failure is an answer (a list of problems), never a thrown error. Typed arrays
 * travel as transferables (their buffers move, not copy).
 */
import type { Problem } from '../../result';
import type { ModelFiles } from '../artifacts';
import type { Prediction } from '../engine/classifier';
import type { LayerInfo } from '../engine/layers';
import type { EpochReport, StepReport, TrainSetup } from '../engine/trainer';

/** Which model to build: the embedded digits model (inside the worker), or files read from the vault. */
export type ModelSource = { kind: 'builtin'; name: 'digits' } | { kind: 'files'; files: ModelFiles };

/** A model built by the host, as the page sees it. */
export interface ModelSummary {
	/** The host's handle of the model (for predict and dispose). */
	model: number;
	/** The name the block shows (built-in name or the model.json's path). */
	name: string;
	/** Every layer with its output shape and weights. */
	layers: LayerInfo[];
	classes: number;
	/** The tfjs backend it runs on (cpu or webgl). */
	backend: string;
	/** The model's input [height, width, channels] (channels 1 or 3). */
	input: [number, number, number];
	/** Where probabilities come from: 'layer' (a final softmax layer; logits = the layer before), 'folded' (the last layer's activation is softmax; logits shown are log-probabilities), 'none' (the output is logits; the engine applies softmax). */
	softmax: 'layer' | 'folded' | 'none';
}

/** The host's state, for tests and benchmarks: live tensors, backend, models held. */
export interface HostStats {
	numTensors: number;
	backend: string;
	models: number;
	/** What the WebGL probe found (none, software, hardware) and the renderer's name. */
	webgl: string;
	/** Trainings held (running, paused or finished but not disposed). */
	trainings: number;
}

/**
 * What a training learns from: the built-in digits (read inside the engine from the embedded asset,
 * with their documented held-out split), or pictures read by the page (transferred, not copied).
 */
export type TrainSource =
	| { kind: 'digits' }
	| ({ kind: 'pictures' } & Pick<TrainSetup, 'input' | 'classes' | 'pixels' | 'labels' | 'train' | 'validation'>);

/** How to train: the layers (the last a dense layer with one unit per class; softmax is added) and the settings. */
export interface TrainOptions extends Pick<TrainSetup, 'layers' | 'epochs' | 'batch' | 'learningRate' | 'seed' | 'augment'> {
	/** A saved model to continue from: its weights must fit `layers` (else the problem train.error.resumeMismatch). */
	resume?: ModelFiles;
}

/** The answer to trainStart: the training's handle and its size. The engine starts stepping right after it. */
export interface TrainStarted {
	training: number;
	input: [number, number, number];
	classes: number;
	trainCount: number;
	validationCount: number;
	/** Batches in one epoch. */
	batches: number;
}

/** Where a training is. 'nan': stopped because the loss became NaN; 'error': stopped by a problem (see TrainProgress.errors). */
export type TrainState = 'training' | 'paused' | 'done' | 'stopped' | 'nan' | 'error';

/**
 * Sent by the engine while a training runs, not as an answer: after every batch (step), and once
 * whenever the state changes (paused, resumed, stopped, done, nan, error).
 */
export interface TrainProgress {
	id: 0;
	kind: 'trainProgress';
	training: number;
	state: TrainState;
	/** The last batch's report (with epochEnd at the end of an epoch); absent before the first batch. */
	step?: StepReport;
	/** Every finished epoch so far, oldest first (sent with each epoch end and with every state change). */
	epochs?: EpochReport[];
	errors?: Problem[];
}

/** The answer to trainInspect: pictures of the training's data and what the network says of them now. */
export interface TrainInspection {
	/** n * h * w * c values in 0..1, the pictures as the model sees them. */
	pixels: Float32Array;
	/** n * classes probabilities, row-major. */
	probabilities: Float32Array;
}

/** A request from the page. `cancel` and `dispose` are answered too (an empty success). */
export type Request =
	| { id: number; kind: 'load'; source: ModelSource; name: string }
	/** One picture (height * width * channels values, [h, w, c] row-major, already scaled) and the layers (indices) whose outputs to return. */
	| { id: number; kind: 'predict'; model: number; pixels: Float32Array; layers: number[] }
	/** `count` pictures one after another (count * height * width * channels values): their class probabilities only. */
	| { id: number; kind: 'classifyMany'; model: number; pixels: Float32Array; count: number }
	| { id: number; kind: 'dispose'; model: number }
	| { id: number; kind: 'cancel'; target: number }
	| { id: number; kind: 'stats' }
	/** Starts a training (the pictures' buffers are transferred); progress comes as TrainProgress messages. */
	| { id: number; kind: 'trainStart'; source: TrainSource; options: TrainOptions }
	/** Pauses, resumes or stops a training (a stopped one keeps its weights: it can still be exported). */
	| { id: number; kind: 'trainControl'; training: number; action: 'pause' | 'resume' | 'stop' }
	/** The trained network with its softmax, as Layers model files (what saveModel writes and cnn-classify loads). */
	| { id: number; kind: 'trainExport'; training: number }
	/** Pictures `indices` of the training's data and their class probabilities now. */
	| { id: number; kind: 'trainInspect'; training: number; indices: number[] }
	/** Stops a training and frees every tensor of it. */
	| { id: number; kind: 'trainDispose'; training: number }
	/** The page is done with an in-page engine: free every model (not answered). */
	| { id: 0; kind: 'close' };

/** What each request kind answers with. */
export interface Answers {
	load: ModelSummary;
	/** The prediction and the backend that computed it (it changes after a lost WebGL context). */
	predict: Prediction & { backend: string };
	/** count * classes probabilities, row-major (picture by picture). */
	classifyMany: { probabilities: Float32Array };
	dispose: null;
	cancel: null;
	stats: HostStats;
	close: null;
	trainStart: TrainStarted;
	trainControl: null;
	trainExport: ModelFiles;
	trainInspect: TrainInspection;
	trainDispose: null;
}

/** One answer: the value, or the problems; `cancelled` marks the answer to a request that was cancelled. */
export type Response = { id: number; ok: true; value: unknown } | { id: number; ok: false; errors: Problem[]; cancelled?: boolean };

/** The engine's first message: it is running and takes requests. */
export interface Hello {
	id: 0;
	kind: 'ready';
}

/** What the engine talks through: a worker's global scope, or the page's stand-in for one. */
export interface EngineScope {
	postMessage(message: Response | Hello | TrainProgress, transfer: Transferable[]): void;
	onmessage: ((event: { data: Request }) => void) | null;
}

/** The buffers of every typed array in `arrays`, each once (a buffer listed twice cannot be transferred). */
export function buffersOf(arrays: Iterable<ArrayBufferView | undefined>): ArrayBuffer[] {
	const seen = new Set<ArrayBuffer>();
	for (const a of arrays) if (a && a.buffer instanceof ArrayBuffer) seen.add(a.buffer);
	return [...seen];
}
