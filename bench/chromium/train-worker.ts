/**
 * The worker of the Chromium bench case `train-digits` (train.bench.mjs): trains the `cnn-train`
 * block's default layers on the built-in digits, either with the plugin's Trainer as the model
 * engine builds it (tfjs from src/model/engine/tf.ts on the cpu backend, the training kernels
 * installed, one step() call at a time with a yield between calls), or, as the reference, with
 * stock tfjs `model.fit` on the cpu backend (no kernels of ours). Posts the time and the held-out
 * figures of each epoch, timed from the model's construction (the digits already unpacked).
 */
import * as tfl from '@tensorflow/tfjs-layers';
import { loadTf } from '../../src/model/engine/tf';
import { installTrainKernels } from '../../src/model/engine/train-kernels';
import { Trainer, type TrainLayer } from '../../src/model/engine/trainer';
import { DIGITS_INPUT, digitsSplit, loadDigitsDataset } from '../../src/train/digits-set';

/** What the page asks: which training, and how many epochs. */
export interface TrainRequest {
	kind: 'ours' | 'reference';
	epochs: number;
}

/** One epoch's figures: ms since the training started, held-out accuracy (0..1) and loss. */
export interface EpochFigures {
	epoch: number;
	ms: number;
	accuracy: number;
	loss: number;
}

/** What the worker answers. */
export type TrainAnswer =
	| { ok: true; epochs: EpochFigures[]; steps: number; longest: StepTimes; backend: string }
	| { ok: false; error: string };

/** The longest step() calls, ms: the first (it builds the model), a training one after it, and a validation one. */
export interface StepTimes {
	first: number;
	training: number;
	validation: number;
}

/** The default layers of a `cnn-train` block as the plan gives them: [conv 8 3, relu, pool 2, conv 16 3, relu, pool 2] + flatten + dense 10. */
const LAYERS: TrainLayer[] = [
	{ kind: 'conv', filters: 8, size: 3, stride: 1, padding: 'valid' },
	{ kind: 'activation', fn: 'relu' },
	{ kind: 'pool', type: 'max', size: 2 },
	{ kind: 'conv', filters: 16, size: 3, stride: 1, padding: 'valid' },
	{ kind: 'activation', fn: 'relu' },
	{ kind: 'pool', type: 'max', size: 2 },
	{ kind: 'flatten' },
	{ kind: 'dense', units: 10 },
];
const SEED = 1;
const RATE = 0.005;
const BATCH = 32;

/** Lets the worker's event loop run (a message, not a clamped timer), as the engine does between steps. */
function yieldNow(): Promise<void> {
	return new Promise((resolve) => {
		const channel = new MessageChannel();
		channel.port1.onmessage = () => resolve();
		channel.port2.postMessage(0);
	});
}

/** Ours: the plugin's Trainer, one step() call at a time. */
async function trainOurs(epochs: number): Promise<TrainAnswer> {
	const tf = await loadTf({ backends: ['cpu'] });
	const remove = installTrainKernels(tf);
	const data = await loadDigitsDataset();
	const split = digitsSplit(data.labels);
	const t0 = performance.now();
	const trainer = new Trainer(tf, tfl, { layers: LAYERS, input: [...DIGITS_INPUT], classes: 10, pixels: data.pixels, labels: data.labels, train: split.train, validation: split.validation, epochs, batch: BATCH, learningRate: RATE, seed: SEED, augment: false });
	const figures: EpochFigures[] = [];
	let steps = 0;
	const longest: StepTimes = { first: 0, training: 0, validation: 0 };
	let validating = false;
	for (;;) {
		const s0 = performance.now();
		const r = trainer.step();
		const s1 = performance.now();
		steps += 1;
		const kind = steps === 1 ? 'first' : validating ? 'validation' : 'training';
		longest[kind] = Math.max(longest[kind], s1 - s0);
		// After an epoch's last batch, the calls validate until the one that reports the epoch.
		validating = r.batch === r.batches && !r.epochEnd;
		if (r.epochEnd) figures.push({ epoch: r.epochEnd.epoch, ms: s1 - t0, accuracy: r.epochEnd.validationAccuracy, loss: r.epochEnd.validationLoss });
		if (r.state !== 'training') break;
		await yieldNow();
	}
	trainer.dispose();
	remove();
	return { ok: true, epochs: figures, steps, longest, backend: tf.getBackend() };
}

/** The reference: the same layers and initialisers, stock tfjs model.compile + model.fit on the cpu backend. */
async function trainReference(epochs: number): Promise<TrainAnswer> {
	const tf = await loadTf({ backends: ['cpu'] });
	const data = await loadDigitsDataset();
	const split = digitsSplit(data.labels);
	const tensors = (indices: Int32Array): [ReturnType<typeof tf.tensor4d>, ReturnType<typeof tf.oneHot>] => {
		const size = 28 * 28;
		const x = new Float32Array(indices.length * size);
		indices.forEach((i, k) => {
			for (let p = 0; p < size; p++) x[k * size + p] = (data.pixels[i * size + p] ?? 0) / 255;
		});
		const labels = Int32Array.from(indices, (i) => data.labels[i] ?? 0);
		return [tf.tensor4d(x, [indices.length, 28, 28, 1]), tf.oneHot(tf.tensor1d(labels, 'int32'), 10)];
	};
	const [x, y] = tensors(split.train);
	const validation = tensors(split.validation);
	const t0 = performance.now();
	let seed = SEED * 7919;
	const init = (): ReturnType<typeof tfl.initializers.glorotUniform> => tfl.initializers.glorotUniform({ seed: seed++ });
	const model = tfl.sequential({
		layers: [
			tfl.layers.conv2d({ inputShape: [28, 28, 1], filters: 8, kernelSize: 3, kernelInitializer: init() }),
			tfl.layers.activation({ activation: 'relu' }),
			tfl.layers.maxPooling2d({ poolSize: 2, strides: 2 }),
			tfl.layers.conv2d({ filters: 16, kernelSize: 3, kernelInitializer: init() }),
			tfl.layers.activation({ activation: 'relu' }),
			tfl.layers.maxPooling2d({ poolSize: 2, strides: 2 }),
			tfl.layers.flatten(),
			tfl.layers.dense({ units: 10, activation: 'softmax', kernelInitializer: init() }),
		],
	});
	model.compile({ optimizer: tf.train.adam(RATE), loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
	const figures: EpochFigures[] = [];
	await model.fit(x, y, {
		batchSize: BATCH,
		epochs,
		validationData: validation,
		callbacks: {
			onEpochEnd: (epoch, logs) => {
				figures.push({ epoch: epoch + 1, ms: performance.now() - t0, accuracy: Number(logs?.val_acc ?? logs?.val_accuracy ?? NaN), loss: Number(logs?.val_loss ?? NaN) });
			},
		},
	});
	model.dispose();
	tf.dispose([x, y, ...validation]);
	return { ok: true, epochs: figures, steps: 0, longest: { first: NaN, training: NaN, validation: NaN }, backend: tf.getBackend() };
}

/** The worker's scope as used here. */
interface Scope {
	onmessage: ((e: MessageEvent<TrainRequest>) => void) | null;
	postMessage(answer: TrainAnswer): void;
}

const scope = self as unknown as Scope;
scope.onmessage = (e) => {
	const run = e.data.kind === 'ours' ? trainOurs : trainReference;
	run(e.data.epochs).then(
		(answer) => scope.postMessage(answer),
		(err: unknown) => scope.postMessage({ ok: false, error: err instanceof Error ? err.message : String(err) }),
	);
};
