/**
 * A loaded image classifier: a tfjs Layers model whose input is one 28x28x1 digit, and a probe model
 * giving every layer's output in one pass. Predictions are plain typed arrays (one GPU readback per
 * prediction); every tensor made here is freed (tf.tidy) and dispose() frees the weights.
 */
import type { io, Tensor } from '@tensorflow/tfjs-core';
import type { LayersModel, SymbolicTensor } from '@tensorflow/tfjs-layers';
import { clip } from '../../i18n/clip';
import { failure, success, type Result } from '../../result';
import { MAX_CLASSES, MIN_CLASSES, PREDICT_LIMIT_MS } from '../limits';
import { describeLayer, type LayerInfo } from './layers';
import type { Tf } from './tf';

/** The input every classifier takes: [28, 28, 1], values in [0, 1] with 1 = ink. */
export const INPUT_SHAPE = [28, 28, 1] as const;
/** Values of one input: 28 * 28. */
const INPUT_SIZE = 28 * 28;
/** Everything one prediction produced, copied out of tfjs. */
export interface Prediction {
	/** The 784 input values. */
	input: Float32Array;
	/**
	 * The output of every layer asked for (aligned with Classifier.layers), flattened [h, w, c]
	 * row-major; a layer not asked for has an empty array.
	 */
	activations: Float32Array[];
	/** One score per class before softmax (log-probabilities when the model folds softmax into its last layer). */
	logits: Float32Array;
	/** Softmax of the logits, one per class, summing to 1. */
	probabilities: Float32Array;
	/** Index of the largest probability. */
	label: number;
}

/** Why a model cannot be used, as message keys of src/i18n with their variables. */
export type ClassifierError =
	| { code: 'classify.error.inputShape'; vars: { model: string; received: string; expected: string } }
	| { code: 'classify.error.outputShape'; vars: { model: string; received: string; min: number; max: number } }
	| { code: 'classify.error.load'; vars: { model: string; reason: string } }
	| { code: 'classify.error.nonFinite'; vars: { model: string; value: string } }
	| { code: 'classify.error.slow'; vars: { model: string; time: string; seconds: number } }
	| { code: 'error.unexpected'; vars: { message: string } };

/** A failed load: frees the model (when one was built) and returns the problem. */
function fail(error: ClassifierError, model: LayersModel | null, detail?: string): Result<Classifier> {
	model?.dispose();
	return failure(detail === undefined ? error : { ...error, detail });
}

/** How the logits relate to the model's output. */
type SoftmaxPlace = { kind: 'layer'; logitsLayer: number } | { kind: 'folded' } | { kind: 'none' };

/** Formats a symbolic shape such as [null, 28, 28, 1] as `28x28x1` (the batch dimension dropped). */
function formatSymbolic(shape: readonly (number | null)[]): string {
	return shape.slice(1).map((d) => (d === null ? '?' : String(d))).join('x');
}

/** A tfjs model ready to classify digits. Create with loadClassifier; call dispose() when done. */
export class Classifier {
	private disposed = false;

	private constructor(
		private readonly tf: Tf,
		/** The name the block shows (built-in name or the model.json's path). */
		private readonly name: string,
		private readonly model: LayersModel,
		private readonly probe: LayersModel,
		/** Every layer of the model, in order, with its output shape and weights. */
		readonly layers: readonly LayerInfo[],
		private readonly softmax: SoftmaxPlace,
		/** Number of classes. */
		readonly classes: number,
	) {}

	/**
	 * Loads artifacts into a classifier, or says why the model does not fit (input / output shape, load
	 * failure) or cannot be used: a probe prediction on a blank digit must give finite scores within
	 * PREDICT_LIMIT_MS. When `signal` aborts meanwhile (the block closed, or its load took too long),
	 * whatever was built is freed and the result is a failure nobody shows.
	 */
	static async load(tf: Tf, artifacts: io.ModelArtifacts, name: string, signal?: AbortSignal): Promise<Result<Classifier>> {
		let model: LayersModel;
		try {
			model = await tf.loadLayersModel(tf.io.fromMemory(artifacts));
		} catch (e) {
			// tfjs's own words (they may quote the user's model.json at any length) are the folded technical detail.
			const reason = e instanceof Error ? e.message : String(e);
			return fail({ code: 'classify.error.load', vars: { model: name, reason: clip(reason) } }, null, reason);
		}
		if (signal?.aborted) return fail({ code: 'classify.error.load', vars: { model: name, reason: 'cancelled' } }, model);
		const input = model.inputs.length === 1 ? model.inputs[0]?.shape : undefined;
		const expected = INPUT_SHAPE.join('x');
		if (input === undefined || input.length !== 4 || formatSymbolic(input) !== expected) {
			const received = clip(model.inputs.map((i) => formatSymbolic(i.shape)).join(', '));
			return fail({ code: 'classify.error.inputShape', vars: { model: name, received, expected } }, model);
		}
		const output = model.outputs.length === 1 ? model.outputs[0]?.shape : undefined;
		const classes = output?.length === 2 ? output[1] : null;
		if (classes === null || classes === undefined || classes < MIN_CLASSES || classes > MAX_CLASSES) {
			const received = clip(model.outputs.map((o) => formatSymbolic(o.shape)).join(', '));
			return fail({ code: 'classify.error.outputShape', vars: { model: name, received, min: MIN_CLASSES, max: MAX_CLASSES } }, model);
		}
		let classifier: Classifier;
		try {
			const layers = model.layers.map((layer, i) => describeLayer(layer, i, model.layers));
			const probe = tf.model({ inputs: model.inputs, outputs: model.layers.map((l) => l.output as SymbolicTensor) });
			classifier = new Classifier(tf, name, model, probe, layers, softmaxPlace(layers), classes);
		} catch (e) {
			const reason = e instanceof Error ? e.message : String(e);
			return fail({ code: 'classify.error.load', vars: { model: name, reason: clip(reason) } }, model, reason);
		}
		const first = classifier.classify(new Float32Array(INPUT_SIZE));
		if (!first.ok) classifier.dispose();
		return first.ok ? success(classifier) : first;
	}

	/**
	 * Classifies one digit as predict does, and checks the answer: a prediction that throws, gives a
	 * non-finite score or probability (damaged weights), or takes longer than `limitMs` on the main
	 * thread is a problem, after which the caller disposes the classifier.
	 */
	classify(pixels: Float32Array, limitMs = PREDICT_LIMIT_MS, layers?: readonly number[]): Result<Prediction> {
		const start = performance.now();
		let prediction: Prediction;
		try {
			prediction = this.predict(pixels, layers);
		} catch (e) {
			return failure({ code: 'error.unexpected', vars: { message: e instanceof Error ? e.message : String(e) } } satisfies ClassifierError);
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

	/**
	 * Classifies one digit (784 values, [28, 28, 1] row-major) and returns the outputs of the layers
	 * listed in `layers` (indices into Classifier.layers; all of them when omitted).
	 */
	predict(pixels: Float32Array, layers?: readonly number[]): Prediction {
		this.assertLive();
		const { tf } = this;
		const sizes = this.layers.map((l) => l.size);
		const flat = tf.tidy(() => {
			const x = tf.tensor4d(pixels, [1, ...INPUT_SHAPE]);
			const raw = this.probe.predict(x);
			const outs = Array.isArray(raw) ? raw : [raw];
			const last = outs[outs.length - 1] as Tensor;
			const extra: Tensor[] = [];
			if (this.softmax.kind === 'folded') extra.push(tf.log(tf.maximum(last, 1e-30)), last);
			else if (this.softmax.kind === 'none') extra.push(last, tf.softmax(last));
			return tf.concat([...outs, ...extra].map((t) => tf.reshape(t, [-1])));
		});
		// Read outside tidy: tidy walks whatever its function returns, element by element for a typed array.
		let all: Float32Array;
		try {
			all = flat.dataSync<'float32'>();
		} finally {
			flat.dispose();
		}
		const wanted = new Set(layers ?? sizes.keys());
		if (this.softmax.kind === 'layer') wanted.add(this.softmax.logitsLayer).add(sizes.length - 1);
		const activations: Float32Array[] = [];
		let offset = 0;
		for (const [i, size] of sizes.entries()) {
			activations.push(wanted.has(i) ? all.slice(offset, offset + size) : new Float32Array(0));
			offset += size;
		}
		let logits: Float32Array;
		let probabilities: Float32Array;
		if (this.softmax.kind === 'layer') {
			logits = activations[this.softmax.logitsLayer] ?? new Float32Array(this.classes);
			probabilities = activations[activations.length - 1] ?? new Float32Array(this.classes);
		} else {
			logits = all.slice(offset, offset + this.classes);
			probabilities = all.slice(offset + this.classes, offset + 2 * this.classes);
		}
		let label = 0;
		for (let k = 1; k < probabilities.length; k++) if ((probabilities[k] ?? 0) > (probabilities[label] ?? 0)) label = k;
		return { input: Float32Array.from(pixels), activations, logits, probabilities, label };
	}

	/** The predicted class of each of `count` digits stored one after another in `pixels` (count * 784 values). */
	classifyBatch(pixels: Float32Array, count: number): Int32Array {
		this.assertLive();
		const { tf } = this;
		return tf.tidy(() => {
			const x = tf.tensor4d(pixels, [count, ...INPUT_SHAPE]);
			const y = this.model.predict(x) as Tensor;
			return Int32Array.from(tf.argMax(y, -1).dataSync());
		});
	}

	/** Frees the model's weights. The classifier cannot be used afterwards; calling twice is harmless. */
	dispose(): void {
		if (this.disposed) return;
		this.disposed = true;
		// The probe shares the model's layers and owns no weights of its own: disposing the model frees them all.
		this.model.dispose();
	}

	private assertLive(): void {
		if (this.disposed) throw new Error('Classifier: used after dispose()');
	}
}

/** The first NaN or infinite value of `values`, or null when all are finite. */
function firstNonFinite(values: Float32Array): number | null {
	for (const v of values) if (!Number.isFinite(v)) return v;
	return null;
}

/** Where the logits are: the layer before a final softmax activation layer, folded into the last layer, or the output itself. */
function softmaxPlace(layers: readonly LayerInfo[]): SoftmaxPlace {
	const last = layers[layers.length - 1];
	if (last?.kind === 'softmax' && layers.length >= 2) return { kind: 'layer', logitsLayer: layers.length - 2 };
	if (last?.activation === 'softmax') return { kind: 'folded' };
	return { kind: 'none' };
}
