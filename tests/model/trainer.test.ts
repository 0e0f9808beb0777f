/**
 * The engine's trainer on real MNIST digits (a subset, to keep the test short): one batch at a time,
 * the validation figures of each epoch, the same weights for the same seed, NaN loss reported, no
 * tensor left behind, and the trained network loadable by cnn-classify's engine with the same answers.
 */
import * as tf from '@tensorflow/tfjs';
import * as tfl from '@tensorflow/tfjs-layers';
import type { Tf } from '../../src/model/engine/tf';
import { installTrainKernels } from '../../src/model/engine/train-kernels';
import { Trainer, type TrainLayer, type TrainSetup } from '../../src/model/engine/trainer';
import { filesOf, pageHost } from './model-fixtures';
import { loadDigits, PIXELS } from './digits-data';

const TF = tf as unknown as Tf;

// The engine trains with its typed-array gradient kernels (tested against tfjs's in train-kernels.test.ts).
let removeKernels: () => void = () => {};
beforeAll(async () => {
	await tf.setBackend('cpu');
	removeKernels = installTrainKernels(tf);
});
afterAll(() => removeKernels());

/** The first `perClass` digits of each class of the training part, and `perClass / 4` of the held-out part. */
function subset(perClass: number): Pick<TrainSetup, 'pixels' | 'labels' | 'train' | 'validation'> {
	const parts = [loadDigits('train'), loadDigits('heldOut')];
	const pixels: number[] = [];
	const labels: number[] = [];
	const train: number[] = [];
	const validation: number[] = [];
	parts.forEach((set, p) => {
		const counts = new Array<number>(10).fill(0);
		set.labels.forEach((label, k) => {
			const limit = p === 0 ? perClass : perClass / 4;
			if ((counts[label] ?? 0) >= limit) return;
			counts[label] = (counts[label] ?? 0) + 1;
			(p === 0 ? train : validation).push(labels.length);
			labels.push(label);
			for (let i = 0; i < PIXELS; i++) pixels.push(Math.round((set.pixels[k * PIXELS + i] ?? 0) * 255));
		});
	});
	return { pixels: Uint8Array.from(pixels), labels: Int32Array.from(labels), train: Int32Array.from(train), validation: Int32Array.from(validation) };
}

const LAYERS: TrainLayer[] = [
	{ kind: 'conv', filters: 8, size: 3, stride: 1, padding: 'valid' },
	{ kind: 'activation', fn: 'relu' },
	{ kind: 'pool', type: 'max', size: 2 },
	{ kind: 'flatten' },
	{ kind: 'dense', units: 10 },
];

const DATA = subset(80);

function setup(over: Partial<TrainSetup> = {}): TrainSetup {
	return { layers: LAYERS, input: [28, 28, 1], classes: 10, ...DATA, epochs: 2, batch: 32, learningRate: 0.005, seed: 1, augment: false, ...over };
}

/** Trains until done (or NaN); the reports of the epochs. */
function run(trainer: Trainer): ReturnType<Trainer['step']>[] {
	const reports: ReturnType<Trainer['step']>[] = [];
	for (let i = 0; i < 10_000; i++) {
		const r = trainer.step();
		if (r.epochEnd || r.state !== 'training') reports.push(r);
		if (r.state !== 'training') break;
	}
	return reports;
}

describe('Trainer', () => {
	it('learns the digits: 2 epochs on 800 digits reach 80 % on 200 others; each epoch reports a confusion matrix and its misses', () => {
		const before = tf.memory().numTensors;
		const trainer = new Trainer(TF, tfl, setup());
		expect(trainer.batches).toBe(25);
		const reports = run(trainer);
		expect(reports.map((r) => r.state)).toEqual(['training', 'done']);
		const last = reports[1]?.epochEnd;
		if (!last) throw new Error('no epoch report');
		expect(last.validationAccuracy).toBeGreaterThan(0.8);
		expect(Array.from(last.confusion).reduce((a, b) => a + b, 0)).toBe(200);
		const diagonal = Array.from({ length: 10 }, (_, k) => last.confusion[k * 10 + k] ?? 0).reduce((a, b) => a + b, 0);
		expect(diagonal / 200).toBeCloseTo(last.validationAccuracy, 6);
		expect(last.misses.length).toBe(Math.min(24, 200 - diagonal));
		for (const m of last.misses) expect(m.truth).not.toBe(m.predicted);
		trainer.dispose();
		expect(tf.memory().numTensors).toBe(before);
	});

	it('spreads the validation over step() calls of at most 256 pictures; the epoch\'s figures are those of one evaluation of all of them', () => {
		const everything = Int32Array.from({ length: DATA.labels.length }, (_, i) => i);
		const trainer = new Trainer(TF, tfl, setup({ epochs: 1, validation: everything }));
		const shown: number[] = [];
		const apply = trainer.logits.apply.bind(trainer.logits);
		const spy = jest.spyOn(trainer.logits, 'apply').mockImplementation((x, kwargs) => {
			if (kwargs?.training === false) shown.push((x as tf.Tensor).shape[0] ?? 0);
			return apply(x, kwargs);
		});
		const reports = Array.from({ length: 25 + 4 }, () => trainer.step());
		spy.mockRestore();
		expect(everything.length).toBe(1000);
		expect(shown).toEqual([256, 256, 256, 232]);
		// The last batch's report, then again while validating; the epoch on the call that ends it.
		expect(reports.slice(24, 28).map((r) => [r.batch, r.state, r.epochEnd])).toEqual(Array.from({ length: 4 }, () => [25, 'training', undefined]));
		const end = reports[28]?.epochEnd;
		if (!end || reports[28]?.state !== 'done') throw new Error('no epoch report on the last validation call');
		const [loss, predicted] = tf.tidy(() => {
			const x = tf.tensor4d(Float32Array.from(DATA.pixels, (v) => v / 255), [1000, 28, 28, 1]);
			const z = trainer.logits.predict(x) as tf.Tensor;
			const l = tf.losses.softmaxCrossEntropy(tf.oneHot(tf.tensor1d(DATA.labels, 'int32'), 10), z);
			return [l.dataSync()[0] ?? NaN, Array.from(tf.argMax(z, -1).dataSync())] as const;
		});
		const confusion = new Int32Array(100);
		predicted.forEach((p, i) => {
			const k = (DATA.labels[i] ?? 0) * 10 + p;
			confusion[k] = (confusion[k] ?? 0) + 1;
		});
		const misses = predicted.flatMap((p, i) => (p === DATA.labels[i] ? [] : [{ index: i, truth: DATA.labels[i], predicted: p }])).slice(0, 24);
		expect(end.confusion).toEqual(confusion);
		expect(end.misses).toEqual(misses);
		expect(end.validationAccuracy).toBe(predicted.filter((p, i) => p === DATA.labels[i]).length / 1000);
		expect(end.validationLoss).toBeCloseTo(loss, 5);
		trainer.dispose();
	});

	it('is repeatable: the same seed gives the same losses and weights, another seed others', () => {
		const losses = (seed: number): number[] => {
			const trainer = new Trainer(TF, tfl, setup({ seed, epochs: 1, augment: true }));
			const out = Array.from({ length: 5 }, () => trainer.step().loss);
			trainer.dispose();
			return out;
		};
		expect(losses(3)).toEqual(losses(3));
		expect(losses(3)).not.toEqual(losses(4));
	});

	it('trains as with tfjs own kernels: two conv layers (valid and same), the first 4 losses and the weights agree within 1e-5', () => {
		const layers: TrainLayer[] = [
			{ kind: 'conv', filters: 8, size: 3, stride: 1, padding: 'valid' },
			{ kind: 'activation', fn: 'relu' },
			{ kind: 'pool', type: 'max', size: 2 },
			{ kind: 'conv', filters: 6, size: 3, stride: 2, padding: 'same' },
			{ kind: 'activation', fn: 'relu' },
			{ kind: 'pool', type: 'max', size: 2 },
			{ kind: 'flatten' },
			{ kind: 'dense', units: 10 },
		];
		const train = (): [number[], number[]] => {
			const trainer = new Trainer(TF, tfl, setup({ layers, batch: 16, epochs: 1 }));
			const losses = Array.from({ length: 4 }, () => trainer.step().loss);
			const weights = trainer.logits.getWeights().flatMap((w) => Array.from(w.dataSync()));
			trainer.dispose();
			return [losses, weights];
		};
		const [ours, oursWeights] = train();
		removeKernels();
		const [theirs, theirWeights] = train();
		removeKernels = installTrainKernels(tf);
		ours.forEach((l, k) => expect(Math.abs(l - (theirs[k] ?? NaN))).toBeLessThan(1e-5));
		expect(oursWeights).toHaveLength(theirWeights.length);
		const worst = oursWeights.reduce((m, w, k) => Math.max(m, Math.abs(w - (theirWeights[k] ?? NaN))), 0);
		expect(worst).toBeLessThan(1e-5);
	});

	it('a learning rate far too large makes the loss NaN: the step says so', () => {
		const trainer = new Trainer(TF, tfl, setup({ learningRate: 1e30, epochs: 1 }));
		const reports = run(trainer);
		expect(reports[reports.length - 1]?.state).toBe('nan');
		trainer.dispose();
	});

	it('the trained network with its softmax loads in the model host and answers as the trainer does', async () => {
		const trainer = new Trainer(TF, tfl, setup({ epochs: 1 }));
		run(trainer);
		const model = trainer.classifier();
		const host = pageHost();
		const loaded = await host.load({ kind: 'files', files: await filesOf(model) }, 'trained');
		if (!loaded.ok) throw new Error(JSON.stringify(loaded.errors));
		expect(loaded.value.softmax).toBe('layer');
		const x = Float32Array.from(DATA.pixels.subarray(0, PIXELS), (v) => v / 255);
		const answer = await host.predict(loaded.value.model, x, []);
		if (!answer.ok) throw new Error('no answer');
		const want = tf.tidy(() => Array.from((model.predict(tf.tensor4d(x, [1, 28, 28, 1])) as tf.Tensor).dataSync()));
		want.forEach((p, k) => expect(answer.value.probabilities[k]).toBeCloseTo(p, 5));
		host.close();
		trainer.dispose();
	});
});
