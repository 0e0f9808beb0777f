/**
 * A loaded image classifier: a tfjs Layers model (Sequential or functional, nested models allowed)
 * whose input is one picture [h, w, 1 or 3] and whose output is one vector of class scores, with
 * probes that read any layer's output. Predictions are plain typed arrays (one readback per
 * prediction, of what was asked only); every tensor made here is freed (tf.tidy) and dispose()
 * frees the weights.
 */
import type { io, Tensor } from '@tensorflow/tfjs-core';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import { clip } from '../../i18n/clip';
import { failure, success, type Result } from '../../result';
import { MAX_BATCH_VALUES, PREDICT_LIMIT_MS } from '../limits';
import { checkArtifacts, checkShapes, type ClassifierError } from './checks';
import { build, freeModel } from './build';
import { buildProbes, modelGraph, runProbes, valueOf, type ModelGraph, type ValueRef } from './graph';
import type { LayerInfo } from './layers';
import { softmaxPlace, type SoftmaxPlace } from './softmax';
import type { Tf } from './tf';

export type { ClassifierError } from './checks';

/** Everything one prediction produced, copied out of tfjs. */
export interface Prediction {
	/** The input values (h * w * c, [h, w, c] row-major), as given. */
	input: Float32Array;
	/**
	 * The output of every layer asked for (aligned with Classifier.layers), flattened row-major; a
	 * 3-D output [h, w, c] carries only its first `channels` channels ([h, w, channels]). A layer not
	 * asked for, or whose output cannot be read (a shared layer), has an empty array.
	 */
	activations: Float32Array[];
	/** One score per class before softmax (log-probabilities when the model folds softmax into its last layer). */
	logits: Float32Array;
	/** Softmax of the logits, one per class, summing to 1. */
	probabilities: Float32Array;
	/** Index of the largest probability. */
	label: number;
}

/** The message of anything thrown. */
function reasonOf(e: unknown): string {
	return e instanceof Error ? e.message : String(e);
}

/** A failed load: frees the model (when one was built) and returns the problem. */
function fail(error: ClassifierError, model: LayersModel | null, detail?: string): Result<Classifier> {
	if (model) freeModel(model);
	return failure(detail === undefined ? error : { ...error, detail });
}

/** A failed build, with tfjs's own words (they may quote the model.json at any length) as the folded detail. */
function loadFailure(name: string, e: unknown, model: LayersModel | null): Result<Classifier> {
	const reason = reasonOf(e);
	return fail({ code: 'classify.error.load', vars: { model: name, reason: clip(reason) } }, model, reason);
}

/** A tfjs model ready to classify pictures. Create with Classifier.load; call dispose() when done. */
export class Classifier {
	private disposed = false;

	private constructor(
		private readonly tf: Tf,
		/** The name the block shows (built-in name or the model.json's path). */
		private readonly name: string,
		private readonly model: LayersModel,
		private readonly graph: ModelGraph,
		/** Where the probabilities and logits come from. */
		readonly softmax: SoftmaxPlace,
		/** The input picture: [height, width, channels]. */
		readonly input: readonly [number, number, number],
		/** Number of classes. */
		readonly classes: number,
	) {}

	/** Every layer of the model in execution order (nested models followed by their layers), with its output shape and weights. */
	get layers(): readonly LayerInfo[] {
		return this.graph.layers;
	}

	/** Values of one input picture: height * width * channels. */
	get inputSize(): number {
		return this.input[0] * this.input[1] * this.input[2];
	}

	/**
	 * Loads artifacts into a classifier, or says why the model does not fit (graph model, unknown
	 * layer types, input or output shape, classes, build failure) or cannot be used: a probe
	 * prediction (of the scores only) on a blank picture of the model's size must give finite scores
	 * within PREDICT_LIMIT_MS. When `signal` aborts meanwhile (the block closed, or its load took too long),
	 * whatever was built is freed and the result is a failure nobody shows.
	 */
	static async load(tf: Tf, artifacts: io.ModelArtifacts, name: string, signal?: AbortSignal): Promise<Result<Classifier>> {
		const refused = checkArtifacts(tf, artifacts, name);
		if (refused) return fail(refused, null);
		let model: LayersModel;
		try {
			model = await build(tf, artifacts);
		} catch (e) {
			return loadFailure(name, e, null);
		}
		if (signal?.aborted) return fail({ code: 'classify.error.load', vars: { model: name, reason: 'cancelled' } }, model);
		const shape = checkShapes(model, name);
		if ('code' in shape) return fail(shape, model);
		let classifier: Classifier;
		try {
			const graph = modelGraph(model);
			const softmax = softmaxPlace(graph, model);
			if (softmax.kind === 'other') return fail({ code: 'classify.error.outputActivation', vars: { model: name, activation: softmax.activation } }, model);
			buildProbes(tf, graph);
			classifier = new Classifier(tf, name, model, graph, softmax, shape.input, shape.classes);
		} catch (e) {
			return loadFailure(name, e, model);
		}
		// The output only: reading every layer of a large model would count against the time limit.
		const first = classifier.classify(new Float32Array(classifier.inputSize), PREDICT_LIMIT_MS, []);
		if (!first.ok) classifier.dispose();
		return first.ok ? success(classifier) : first;
	}

	/**
	 * Classifies one picture as predict does, and checks the answer: a prediction that throws, gives a
	 * non-finite score or probability (damaged weights), or takes longer than `limitMs` on the main
	 * thread is a problem, after which the caller disposes the classifier.
	 */
	classify(pixels: Float32Array, limitMs = PREDICT_LIMIT_MS, layers?: readonly number[]): Result<Prediction> {
		const start = performance.now();
		let prediction: Prediction;
		try {
			prediction = this.predict(pixels, layers);
		} catch (e) {
			return failure({ code: 'error.unexpected', vars: { message: reasonOf(e) } } satisfies ClassifierError);
		}
		const elapsed = performance.now() - start;
		const bad = firstNonFinite(prediction.logits) ?? firstNonFinite(prediction.probabilities);
		if (bad !== null) return failure({ code: 'classify.error.nonFinite', vars: { model: this.name, value: String(bad) } } satisfies ClassifierError);
		if (elapsed > limitMs) {
			const vars = { model: this.name, time: (elapsed / 1000).toFixed(1), seconds: limitMs / 1000 };
			return failure({ code: 'classify.error.slow', vars } satisfies ClassifierError);
		}
		return success(prediction);
	}

	/** The problem of `pixels` that do not hold `count` pictures of this model's size, or null. */
	checkPixels(pixels: Float32Array, count = 1): ClassifierError | null {
		const expected = count * this.inputSize;
		return pixels.length === expected ? null : { code: 'classify.error.pixelCount', vars: { model: this.name, received: pixels.length, expected } };
	}

	/**
	 * Classifies one picture (h * w * c values, [h, w, c] row-major, scaled as the model expects) and
	 * returns the outputs of the layers listed in `layers` (indices into Classifier.layers; all of
	 * them when omitted). Only the probes those layers need run, and only their values are read back.
	 */
	predict(pixels: Float32Array, layers?: readonly number[]): Prediction {
		this.assertLive();
		const { tf, softmax, graph } = this;
		const wanted = new Set(layers ?? graph.layers.keys());
		if (softmax.kind === 'layer') for (const i of softmax.entries) wanted.add(i);
		const reads: { index: number; ref: ValueRef }[] = [];
		for (const index of [...wanted].sort((a, b) => a - b)) {
			const ref = graph.refs[index];
			if (ref) reads.push({ index, ref });
		}
		const sizes: number[] = [];
		/** Channels of each layer read (0 when not a map). */
		const depths: number[] = [];
		const flat = tf.tidy(() => {
			const x = tf.tensor4d(pixels, [1, ...this.input]);
			const scores = softmax.kind === 'layer' ? [softmax.logits, softmax.probabilities] : [softmax.output];
			const values = runProbes(graph, x, [...reads.map((r) => r.ref), ...scores]);
			const parts = reads.map((r) => valueOf(values, r.ref));
			for (const t of parts) depths.push(t.rank === 4 ? (t.shape[3] ?? 0) : 0);
			if (softmax.kind === 'layer') parts.push(valueOf(values, softmax.logits), valueOf(values, softmax.probabilities));
			else {
				const out = valueOf(values, softmax.output);
				if (softmax.kind === 'folded') parts.push(tf.log(tf.maximum(out, 1e-30)), out);
				else parts.push(out, tf.softmax(out));
			}
			const flats = parts.map((t) => tf.reshape(t, [-1]));
			for (const t of flats) sizes.push(t.size);
			return tf.concat(flats);
		});
		// Read outside tidy: tidy walks whatever its function returns, element by element for a typed array.
		let all: Float32Array;
		try {
			all = flat.dataSync<'float32'>();
		} finally {
			flat.dispose();
		}
		// Maps are capped to their first `channels` here: tfjs's cpu slice of the channel axis copies value by value, 5x slower than the model.
		const pieces: Float32Array[] = [];
		let offset = 0;
		for (const [k, size] of sizes.entries()) {
			const channels = k < reads.length ? graph.layers[reads[k]?.index ?? -1]?.channels : undefined;
			const depth = depths[k] ?? 0;
			pieces.push(channels !== undefined && depth > channels ? firstChannels(all, offset, size, depth, channels) : all.slice(offset, offset + size));
			offset += size;
		}
		const activations: Float32Array[] = graph.layers.map(() => new Float32Array(0));
		for (const [k, r] of reads.entries()) activations[r.index] = pieces[k] ?? new Float32Array(0);
		const logits = pieces[reads.length] ?? new Float32Array(this.classes);
		const probabilities = pieces[reads.length + 1] ?? new Float32Array(this.classes);
		return { input: Float32Array.from(pixels), activations, logits, probabilities, label: argMax(probabilities) };
	}

	/**
	 * Class probabilities of `count` pictures stored one after another in `pixels` (count * h * w * c
	 * values): count * classes values, row-major. tfjs gets at most MAX_BATCH_VALUES input values
	 * (and at least one picture) at a time.
	 */
	classifyMany(pixels: Float32Array, count: number): Float32Array {
		this.assertLive();
		const { tf, inputSize, classes } = this;
		const out = new Float32Array(count * classes);
		const step = Math.max(1, Math.floor(MAX_BATCH_VALUES / inputSize));
		for (let first = 0; first < count; first += step) {
			const n = Math.min(step, count - first);
			const y = tf.tidy(() => {
				const x = tf.tensor4d(pixels.slice(first * inputSize, (first + n) * inputSize), [n, ...this.input]);
				const scores = this.model.predict(x) as Tensor;
				return this.softmax.kind === 'none' ? tf.softmax(scores) : scores;
			});
			try {
				out.set(y.dataSync(), first * classes);
			} finally {
				y.dispose();
			}
		}
		return out;
	}

	/** The predicted class of each of `count` pictures stored one after another in `pixels` (count * h * w * c values). */
	classifyBatch(pixels: Float32Array, count: number): Int32Array {
		const probabilities = this.classifyMany(pixels, count);
		const { classes } = this;
		return Int32Array.from({ length: count }, (_, i) => argMax(probabilities.subarray(i * classes, (i + 1) * classes)));
	}

	/** Frees the model's weights. The classifier cannot be used afterwards; calling twice is harmless. */
	dispose(): void {
		if (this.disposed) return;
		this.disposed = true;
		// The probes share the model's layers and own no weights of their own: freeing the model's frees them all.
		freeModel(this.model);
	}

	private assertLive(): void {
		if (this.disposed) throw new Error('Classifier: used after dispose()');
	}
}

/** The first `channels` of every cell of the [cells, depth] values at `offset` (`size` values) of `all`: [cells, channels]. */
function firstChannels(all: Float32Array, offset: number, size: number, depth: number, channels: number): Float32Array {
	const cells = size / depth;
	const out = new Float32Array(cells * channels);
	for (let p = 0, from = offset, to = 0; p < cells; p++, from += depth) for (let k = 0; k < channels; k++, to++) out[to] = all[from + k] ?? 0;
	return out;
}

/** Index of the largest value (the first one on ties). */
function argMax(values: ArrayLike<number>): number {
	let best = 0;
	for (let k = 1; k < values.length; k++) if ((values[k] ?? 0) > (values[best] ?? 0)) best = k;
	return best;
}

/** The first NaN or infinite value of `values`, or null when all are finite. */
function firstNonFinite(values: Float32Array): number | null {
	for (const v of values) if (!Number.isFinite(v)) return v;
	return null;
}
