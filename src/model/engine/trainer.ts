/**
 * Training a small CNN in the model engine, one batch at a time, so the engine can answer other
 * blocks between batches and a training can be paused or stopped at any batch. The network is
 * built from a plain layer list (the `cnn-train` block's plan), seeded (initialisers, shuffling,
 * augmentation), trained with Adam on softmax cross-entropy; each epoch ends with the validation
 * accuracy, a confusion matrix and the misclassified validation pictures, evaluated a chunk at a
 * time over the step() calls after the epoch's last batch. Every tensor is freed
 * (tf.tidy per batch; dispose() frees the weights and the optimizer).
 */
import type { LayersModel, SymbolicTensor } from '@tensorflow/tfjs-layers';
import type * as tfl from '@tensorflow/tfjs-layers';
import type { Tensor } from '@tensorflow/tfjs-core';
import { mulberry32 } from '../../cnn/random';
import type { Tf } from './tf';
import { ValidationTally } from './validation';

/** One layer of the plan, as the engine builds it (a plain object: it travels in the model host's messages). */
export type TrainLayer =
	| { kind: 'conv'; filters: number; size: number; stride: number; padding: 'valid' | 'same' }
	| { kind: 'activation'; fn: 'relu' | 'leaky-relu' | 'tanh' | 'sigmoid'; alpha?: number }
	| { kind: 'pool'; type: 'max' | 'avg'; size: number }
	| { kind: 'dropout'; rate: number }
	| { kind: 'flatten' }
	| { kind: 'dense'; units: number };

/** What to train: the layers (the last one a dense layer with one unit per class: softmax is added), the data and the settings. */
export interface TrainSetup {
	layers: TrainLayer[];
	/** [height, width, channels] of every picture. */
	input: [number, number, number];
	classes: number;
	/** count * h * w * c bytes 0..255, scaled by 1/255 when a batch is gathered. */
	pixels: Uint8Array;
	labels: Int32Array;
	/** Indices of the training and the validation pictures. */
	train: Int32Array;
	validation: Int32Array;
	epochs: number;
	batch: number;
	learningRate: number;
	seed: number;
	/** Small random shifts (up to 2 pixels) of the training pictures. */
	augment: boolean;
}

/** Where a training is after a step. */
export interface StepReport {
	epoch: number;
	/** Batches done in this epoch, and in it at all. */
	batch: number;
	batches: number;
	/** This batch's mean loss and accuracy (0..1). */
	loss: number;
	accuracy: number;
	/** Set when this step ended an epoch (its validation figures), or the training (done) or the loss became NaN. */
	epochEnd?: EpochReport;
	/** true for a call that trained nothing: it checked part of the held-out pictures after the epoch's last batch (whose figures the report repeats), without finishing. */
	checking?: boolean;
	state: 'training' | 'done' | 'nan';
}

/** The figures of one epoch. */
export interface EpochReport {
	epoch: number;
	trainLoss: number;
	trainAccuracy: number;
	validationLoss: number;
	validationAccuracy: number;
	/** classes x classes counts, row = true class, column = predicted. */
	confusion: Int32Array;
	/** Validation pictures classified wrongly (at most MAX_MISSES): index into the data, true and predicted class. */
	misses: { index: number; truth: number; predicted: number }[];
}

export { MAX_MISSES } from './validation';

/**
 * Pixel values of validation pictures one step() call evaluates: 256 digits of 28x28x1 (at most
 * 0.18 s a call in headless Chromium on 2 busy cores, bench train-digits), fewer larger pictures.
 */
const VALIDATION_VALUES = 256 * 28 * 28;


/** The Keras layers of the plan (softmax not included: the logits come out of the last dense layer). */
function buildLayers(tf: typeof tfl, setup: TrainSetup): tfl.layers.Layer[] {
	let seed = setup.seed * 7919;
	const init = (): ReturnType<typeof tf.initializers.glorotUniform> => tf.initializers.glorotUniform({ seed: seed++ });
	const layers: tfl.layers.Layer[] = [tf.layers.inputLayer({ inputShape: setup.input })];
	for (const [i, l] of setup.layers.entries()) {
		const name = `${l.kind}${i + 1}`;
		if (l.kind === 'conv') layers.push(tf.layers.conv2d({ name, filters: l.filters, kernelSize: l.size, strides: l.stride, padding: l.padding, kernelInitializer: init() }));
		else if (l.kind === 'activation') {
			const fn = l.fn;
			layers.push(fn === 'leaky-relu' ? tf.layers.leakyReLU({ name, alpha: l.alpha ?? 0.2 }) : tf.layers.activation({ name, activation: fn }));
		} else if (l.kind === 'pool') {
			layers.push(l.type === 'avg' ? tf.layers.averagePooling2d({ name, poolSize: l.size, strides: l.size }) : tf.layers.maxPooling2d({ name, poolSize: l.size, strides: l.size }));
		} else if (l.kind === 'dropout') layers.push(tf.layers.dropout({ name, rate: l.rate, seed: seed++ }));
		else if (l.kind === 'flatten') layers.push(tf.layers.flatten({ name }));
		else layers.push(tf.layers.dense({ name, units: l.units, kernelInitializer: init() }));
	}
	return layers;
}

/** A training in progress: call step() until it reports done (or nan); dispose() when finished or stopped. */
export class Trainer {
	/** The network without its final softmax (logits out). */
	readonly logits: LayersModel;
	private readonly optimizer: ReturnType<Tf['train']['adam']>;
	private readonly random: () => number;
	private order: Int32Array;
	private epoch = 0;
	private batch = 0;
	private sums = { loss: 0, correct: 0, count: 0 };
	/** The validation under way at the end of an epoch, and the report of the epoch's last batch. */
	private validating: { tally: ValidationTally; last: StepReport } | null = null;
	private disposed = false;

	constructor(
		private readonly tf: Tf,
		private readonly layersApi: typeof tfl,
		private readonly setup: TrainSetup,
	) {
		this.logits = layersApi.sequential({ layers: buildLayers(layersApi, setup) });
		this.optimizer = tf.train.adam(setup.learningRate);
		this.random = mulberry32(setup.seed);
		this.order = this.shuffled();
	}

	/** Batches in one epoch. */
	get batches(): number {
		return Math.max(1, Math.ceil(this.setup.train.length / this.setup.batch));
	}

	/** The training indices in a new seeded order. */
	private shuffled(): Int32Array {
		const order = Int32Array.from(this.setup.train);
		for (let i = order.length - 1; i > 0; i--) {
			const j = Math.floor(this.random() * (i + 1));
			const t = order[i] ?? 0;
			order[i] = order[j] ?? 0;
			order[j] = t;
		}
		return order;
	}

	/** The pictures `indices` as one [n, h, w, c] array of values 0..1 (bytes / 255), shifted by up to 2 pixels each when augmenting. */
	private gather(indices: ArrayLike<number>, augment: boolean): Float32Array {
		const [h, w, c] = this.setup.input;
		const size = h * w * c;
		const out = new Float32Array(indices.length * size);
		for (let k = 0; k < indices.length; k++) {
			const src = (indices[k] ?? 0) * size;
			const dst = k * size;
			const dy = augment ? Math.floor(this.random() * 5) - 2 : 0;
			const dx = augment ? Math.floor(this.random() * 5) - 2 : 0;
			if (dy === 0 && dx === 0) {
				for (let i = 0; i < size; i++) out[dst + i] = (this.setup.pixels[src + i] ?? 0) / 255;
				continue;
			}
			for (let y = 0; y < h; y++) {
				const sy = y - dy;
				if (sy < 0 || sy >= h) continue;
				for (let x = 0; x < w; x++) {
					const sx = x - dx;
					if (sx < 0 || sx >= w) continue;
					for (let ch = 0; ch < c; ch++) out[dst + (y * w + x) * c + ch] = (this.setup.pixels[src + (sy * w + sx) * c + ch] ?? 0) / 255;
				}
			}
		}
		return out;
	}

	/**
	 * Trains on the next batch, or, once an epoch's batches are done, evaluates the next chunk of
	 * validation pictures (VALIDATION_VALUES: a call stays short). Meanwhile the epoch's last batch
	 * is reported again; the call that tallies the last chunk reports the epoch (epochEnd).
	 */
	step(): StepReport {
		if (this.disposed) throw new Error('Trainer: used after dispose()');
		if (this.validating) return this.validateNext(this.validating.tally, this.validating.last);
		const { tf, setup } = this;
		const [h, w, c] = setup.input;
		const start = this.batch * setup.batch;
		const indices = this.order.subarray(start, Math.min(this.order.length, start + setup.batch));
		const n = indices.length;
		const pixels = this.gather(indices, setup.augment);
		const labels = Int32Array.from(indices, (i) => setup.labels[i] ?? 0);
		const [loss, correct] = tf.tidy(() => {
			const x = tf.tensor4d(pixels, [n, h, w, c]);
			const y = tf.oneHot(tf.tensor1d(labels, 'int32'), setup.classes);
			let hits: Tensor | null = null;
			const { value, grads } = this.optimizer.computeGradients(() => {
				const z = this.logits.apply(x, { training: true }) as Tensor;
				hits = tf.keep(tf.sum(tf.cast(tf.equal(tf.argMax(z, -1), tf.argMax(y, -1)), 'float32')));
				return tf.losses.softmaxCrossEntropy(y, z);
			});
			this.optimizer.applyGradients(grads as unknown as Parameters<Trainer['optimizer']['applyGradients']>[0]);
			const out = [value.dataSync()[0] ?? NaN, (hits as Tensor | null)?.dataSync()[0] ?? 0];
			(hits as Tensor | null)?.dispose();
			return out as [number, number];
		});
		this.sums.loss += loss * n;
		this.sums.correct += correct;
		this.sums.count += n;
		this.batch += 1;
		const report: StepReport = { epoch: this.epoch + 1, batch: this.batch, batches: this.batches, loss, accuracy: correct / Math.max(1, n), state: 'training' };
		if (!Number.isFinite(loss)) return { ...report, state: 'nan' };
		if (this.batch < this.batches) return report;
		const tally = new ValidationTally(setup.classes, setup.validation.length);
		if (tally.finished) return this.validateNext(tally, report);
		this.validating = { tally, last: report };
		return report;
	}

	/** Evaluates the next chunk of validation pictures (nothing learnt); the epoch's report once all are done, else `last` again. */
	private validateNext(tally: ValidationTally, last: StepReport): StepReport {
		const { tf, setup } = this;
		const [h, w, c] = setup.input;
		const chunk = Math.max(1, Math.floor(VALIDATION_VALUES / (h * w * c)));
		const indices = setup.validation.subarray(tally.done, Math.min(tally.total, tally.done + chunk));
		const n = indices.length;
		if (n > 0) {
			const x = this.gather(indices, false);
			const labels = Int32Array.from(indices, (i) => setup.labels[i] ?? 0);
			const [loss, predicted] = tf.tidy(() => {
				const z = this.logits.apply(tf.tensor4d(x, [n, h, w, c]), { training: false }) as Tensor;
				const l = tf.losses.softmaxCrossEntropy(tf.oneHot(tf.tensor1d(labels, 'int32'), setup.classes), z);
				return [(l.dataSync()[0] ?? NaN) * n, Int32Array.from(tf.argMax(z, -1).dataSync())] as const;
			});
			tally.add(indices, labels, predicted, loss);
		}
		if (!tally.finished) {
			this.validating = { tally, last };
			return { ...last, checking: true };
		}
		const epochEnd = tally.report(this.epoch + 1, this.sums);
		this.validating = null;
		this.epoch += 1;
		this.batch = 0;
		this.sums = { loss: 0, correct: 0, count: 0 };
		this.order = this.shuffled();
		return { ...last, epochEnd, state: this.epoch >= setup.epochs ? 'done' : 'training' };
	}

	/** The trained network with its softmax, as a model that cnn-classify can load (shares the trained weights: save it before dispose()). */
	classifier(): LayersModel {
		const api = this.layersApi;
		const input = api.input({ shape: this.setup.input });
		// The trained layers one after another (sharing their weights), not the network nested as one
		// layer: the saved model reads, in cnn-classify, layer by layer as the block's table listed them.
		let x: SymbolicTensor = input;
		for (const layer of this.logits.layers) if (layer.getClassName() !== 'InputLayer') x = layer.apply(x) as SymbolicTensor;
		const probabilities = api.layers.activation({ activation: 'softmax', name: 'softmax' }).apply(x) as SymbolicTensor;
		return api.model({ inputs: input, outputs: probabilities });
	}

	/** Frees the weights and the optimizer's state. Calling twice is harmless. */
	dispose(): void {
		if (this.disposed) return;
		this.disposed = true;
		this.optimizer.dispose();
		this.logits.dispose();
	}
}
