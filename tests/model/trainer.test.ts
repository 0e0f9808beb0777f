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
