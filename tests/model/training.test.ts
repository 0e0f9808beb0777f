/**
 * Training in the model engine, through the model host with an in-page engine: the built-in
 * digits and the page's pictures, one progress message a batch, pause / resume / stop, predictions
 * of another model answered between batches, NaN, every check of a trainStart, resuming from saved
 * files, export -> load -> the same predictions, no tensor left after trainDispose, and the
 * listener told when the host stops.
 */
import * as tf from '@tensorflow/tfjs';
import type { ModelFiles } from '../../src/model/artifacts';
import { startEngine } from '../../src/model/engine/engine';
import { CANCELLED } from '../../src/model/host/client';
import type { EngineScope, Hello, Response, TrainOptions, TrainProgress, TrainSource } from '../../src/model/host/protocol';
import type { TrainLayer } from '../../src/model/engine/trainer';
import type { ModelHost } from '../../src/model/host/client';
import { pageHost, tensors } from './model-fixtures';

/** Tiny layers for the 28x28 digits: conv 4 3x3 -> relu -> max pool 2 -> flatten -> dense 10 (6,810 parameters). */
const DIGIT_LAYERS: TrainLayer[] = [
	{ kind: 'conv', filters: 4, size: 3, stride: 1, padding: 'valid' },
	{ kind: 'activation', fn: 'relu' },
	{ kind: 'pool', type: 'max', size: 2 },
	{ kind: 'flatten' },
	{ kind: 'dense', units: 10 },
];

/** Layers for the 8x8 pictures: conv `filters` 3x3 -> relu -> flatten -> dense 2. */
function pictureLayers(filters = 2): TrainLayer[] {
	return [{ kind: 'conv', filters, size: 3, stride: 1, padding: 'valid' }, { kind: 'activation', fn: 'relu' }, { kind: 'flatten' }, { kind: 'dense', units: 2 }];
}

function options(over: Partial<TrainOptions> = {}): TrainOptions {
	return { layers: DIGIT_LAYERS, epochs: 1, batch: 8, learningRate: 0.01, seed: 1, augment: false, ...over };
}

/** 48 pictures 8x8x1 of 2 classes (bright left half, bright right half, with noise); 40 to train on, 8 held out. */
function pictures(): Extract<TrainSource, { kind: 'pictures' }> {
	let s = 7;
	const random = (): number => {
		s = (s * 16807) % 2147483647;
		return s / 2147483647;
	};
	const count = 48;
	const pixels = new Uint8Array(count * 64);
	const labels = new Int32Array(count);
	for (let i = 0; i < count; i++) {
		const label = i % 2;
		labels[i] = label;
		for (let y = 0; y < 8; y++) for (let x = 0; x < 8; x++) pixels[i * 64 + y * 8 + x] = Math.round(((x < 4) === (label === 0) ? 200 : 30) + random() * 50);
	}
	const all = Array.from({ length: count }, (_, i) => i);
	return { kind: 'pictures', input: [8, 8, 1], classes: 2, pixels, labels, train: Int32Array.from(all.slice(0, 40)), validation: Int32Array.from(all.slice(40)) };
}

/** A progress listener that records every message, and waits for one that fits. */
function recorder(): { got: TrainProgress[]; listen: (p: TrainProgress) => void; until: (fits: (p: TrainProgress) => boolean, ms?: number) => Promise<TrainProgress> } {
	const got: TrainProgress[] = [];
	const waiters: (() => void)[] = [];
	return {
		got,
		listen: (p) => {
			got.push(p);
			for (const w of waiters.splice(0)) w();
		},
		until: async (fits, ms = 20_000) => {
			const end = Date.now() + ms;
			for (;;) {
				const found = got.find(fits);
				if (found) return found;
				if (Date.now() > end) throw new Error(`no such progress in ${ms} ms; got ${got.length}: ${JSON.stringify(got.slice(-3).map((p) => p.state))}`);
				await new Promise<void>((resolve) => {
					waiters.push(resolve);
					setTimeout(resolve, 50);
				});
			}
		},
	};
}

/** The value of a result, or the test fails with its problems. */
function ok<T>(result: { ok: true; value: T } | { ok: false; errors: unknown[] }): T {
	if (!result.ok) throw new Error(JSON.stringify(result.errors));
	return result.value;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** A copy of model files (the host may transfer the weights' buffer). */
function copyFiles(files: ModelFiles): ModelFiles {
	return { ...files, weightData: files.weightData.slice(0) };
}

let host: ModelHost;
beforeEach(() => {
	host = pageHost();
});
afterEach(() => host.close());

describe('training in the model engine', () => {
	it('digits: the answer gives the sizes (8,004 / 1,996 digits), then one progress message a batch; pause stops them, resume goes on where it stopped, stop ends them; the weights stay for export until trainDispose', async () => {
		const r = recorder();
		const started = ok(await host.trainStart({ kind: 'digits' }, options(), r.listen));
		expect(started).toMatchObject({ input: [28, 28, 1], classes: 10, trainCount: 8004, validationCount: 1996, batches: 1001 });
		await r.until((p) => (p.step?.batch ?? 0) >= 3);
		expect(r.got.slice(0, 3).map((p) => [p.state, p.step?.batch, p.step?.epoch, p.epochs])).toEqual([
			['training', 1, 1, undefined],
			['training', 2, 1, undefined],
			['training', 3, 1, undefined],
		]);
		for (const p of r.got) expect(Number.isFinite(p.step?.loss)).toBe(true);
		ok(await host.trainControl(started.training, 'pause'));
		const paused = await r.until((p) => p.state === 'paused');
		expect(paused.epochs).toEqual([]);
		const seen = r.got.length;
		const lastBatch = Math.max(...r.got.map((p) => p.step?.batch ?? 0));
		await sleep(300);
		expect(r.got.length).toBe(seen);
		expect(ok(await host.stats()).trainings).toBe(1);
		ok(await host.trainControl(started.training, 'resume'));
		await r.until((p) => (p.step?.batch ?? 0) > lastBatch);
		expect(r.got[seen]?.state).toBe('training');
		expect(r.got[seen + 1]?.step?.batch).toBe(lastBatch + 1);
		ok(await host.trainControl(started.training, 'stop'));
		await r.until((p) => p.state === 'stopped');
		const stopped = r.got.length;
		await sleep(200);
		expect(r.got.length).toBe(stopped);
		// Stopped for good: resume changes nothing.
		ok(await host.trainControl(started.training, 'resume'));
		await sleep(100);
		expect(r.got.length).toBe(stopped);
		const files = ok(await host.trainExport(started.training));
		expect(files.format).toBe('layers-model');
		expect(files.weightSpecs.map((w) => w.shape)).toEqual([[3, 3, 1, 4], [4], [676, 10], [10]]);
		expect(files.weightData.byteLength).toBe((36 + 4 + 6760 + 10) * 4);
		host.trainDispose(started.training);
		expect(ok(await host.stats()).trainings).toBe(0);
		expect(await host.trainControl(started.training, 'pause')).toEqual({ ok: false, errors: [{ code: 'train.error.gone', vars: { training: started.training } }] });
	});

	it('a prediction of another model asked while a training runs is answered between its batches, before the training is done; the epochs come with their confusion matrices', async () => {
		const model = ok(await host.load({ kind: 'builtin', name: 'digits' }, 'digits')).model;
		const r = recorder();
		const started = ok(await host.trainStart(pictures(), options({ layers: pictureLayers(), epochs: 4 }), r.listen));
		expect(started).toMatchObject({ input: [8, 8, 1], classes: 2, trainCount: 40, validationCount: 8, batches: 5 });
		await r.until((p) => p.step !== undefined);
		const answer = ok(await host.predict(model, new Float32Array(784), []));
		expect(answer.probabilities).toHaveLength(10);
		const when = r.got.length;
		expect(r.got.every((p) => p.state === 'training')).toBe(true);
		const done = await r.until((p) => p.state === 'done');
		expect(r.got.length).toBeGreaterThan(when + 5);
		// One message a batch; the epoch's end (after its held-out pictures are checked) comes in a message of its own, with the epochs.
		expect(r.got.filter((p) => p.step && !p.epochs).map((p) => p.step?.batch)).toEqual(Array.from({ length: 4 }, () => [1, 2, 3, 4, 5]).flat());
		expect(done.epochs?.map((e) => e.epoch)).toEqual([1, 2, 3, 4]);
		for (const e of done.epochs ?? []) {
			expect(e.confusion).toBeInstanceOf(Int32Array);
			expect(Array.from(e.confusion).reduce((a, b) => a + b, 0)).toBe(8);
		}
		// Epoch ends carry the epochs so far; other batches do not.
		expect(r.got.filter((p) => p.epochs).map((p) => p.epochs?.length)).toEqual([1, 2, 3, 4]);
		expect(done.epochs?.[3]?.validationAccuracy).toBeGreaterThan(0.5);
	});

	it('two trainings take turns', async () => {
		const order: number[] = [];
		const a = recorder();
		const b = recorder();
		const both = (r: typeof a) => (p: TrainProgress) => {
			order.push(p.training);
			r.listen(p);
		};
		const ta = ok(await host.trainStart(pictures(), options({ layers: pictureLayers(), epochs: 2 }), both(a)));
		const tb = ok(await host.trainStart(pictures(), options({ layers: pictureLayers(), epochs: 2, seed: 2 }), both(b)));
		await a.until((p) => p.state === 'done');
		await b.until((p) => p.state === 'done');
		expect(ok(await host.stats()).trainings).toBe(2);
		expect(ta.training).not.toBe(tb.training);
		expect(a.got.every((p) => p.training === ta.training) && b.got.every((p) => p.training === tb.training)).toBe(true);
		// After both started, one batch each in turn.
		const from = order.indexOf(tb.training);
		expect(order.slice(from, from + 6)).toEqual([tb, ta, tb, ta, tb, ta].map((t) => t.training));
	});

	it('a learning rate far too large ends in the nan state, and stepping stops', async () => {
		const r = recorder();
		// No relu (it would silence the huge weights): conv and dense weights of 1e30 multiply beyond float32.
		const layers: TrainLayer[] = [{ kind: 'conv', filters: 2, size: 3, stride: 1, padding: 'valid' }, { kind: 'flatten' }, { kind: 'dense', units: 2 }];
		ok(await host.trainStart(pictures(), options({ layers, epochs: 3, learningRate: 1e30 }), r.listen));
		const nan = await r.until((p) => p.state === 'nan');
		expect(nan.epochs).toBeDefined();
		const seen = r.got.length;
		await sleep(150);
		expect(r.got.length).toBe(seen);
	});

	it('export -> load in the host -> the same predictions as the training network gives (trainInspect); trainDispose leaves no tensor behind', async () => {
		const before = await tensors(host);
		const r = recorder();
		const started = ok(await host.trainStart(pictures(), options({ layers: pictureLayers(), epochs: 2 }), r.listen));
		await r.until((p) => p.state === 'done');
		const files = ok(await host.trainExport(started.training));
		const inspection = ok(await host.trainInspect(started.training, [0, 1, 41, 47]));
		expect(inspection.pixels).toHaveLength(4 * 64);
		expect(inspection.pixels[0]).toBeCloseTo((pictures().pixels[0] ?? 0) / 255, 6);
		expect(inspection.probabilities).toHaveLength(8);
		const loaded = ok(await host.load({ kind: 'files', files: copyFiles(files) }, 'trained'));
		expect(loaded.softmax).toBe('layer');
		expect(loaded.classes).toBe(2);
		for (let k = 0; k < 4; k++) {
			const answer = ok(await host.predict(loaded.model, inspection.pixels.slice(k * 64, (k + 1) * 64), []));
			for (let c = 0; c < 2; c++) expect(answer.probabilities[c]).toBeCloseTo(inspection.probabilities[k * 2 + c] ?? NaN, 5);
		}
		host.dispose(loaded.model);
		host.trainDispose(started.training);
		expect(await tensors(host)).toBe(before);
	});

	it('resume: saved files that fit the layers continue with the same weights; files of other layers are refused with what differs; unreadable files too', async () => {
		const r = recorder();
		const first = ok(await host.trainStart(pictures(), options({ layers: pictureLayers(), epochs: 2 }), r.listen));
		await r.until((p) => p.state === 'done');
		const files = ok(await host.trainExport(first.training));
		const want = ok(await host.trainInspect(first.training, [0, 1, 2, 40]));
		const again = ok(await host.trainStart(pictures(), options({ layers: pictureLayers(), resume: copyFiles(files) }), () => {}));
		// Paused before its first batch (the control is queued before the first turn).
		ok(await host.trainControl(again.training, 'pause'));
		const got = ok(await host.trainInspect(again.training, [0, 1, 2, 40]));
		Array.from(want.probabilities).forEach((p, i) => expect(got.probabilities[i]).toBeCloseTo(p, 6));
		const other = await host.trainStart(pictures(), options({ layers: pictureLayers(3), resume: copyFiles(files) }), () => {});
		expect(other.ok).toBe(false);
		if (other.ok) return;
		expect(other.errors[0]?.code).toBe('train.error.resumeMismatch');
		expect(other.errors[0]?.vars).toMatchObject({ index: 1, found: '3x3x1x2', expected: '3x3x1x3' });
		const broken = await host.trainStart(pictures(), options({ layers: pictureLayers(), resume: { ...copyFiles(files), weightData: new ArrayBuffer(8) } }), () => {});
		expect(!broken.ok && broken.errors[0]?.code).toBe('train.error.resumeLoad');
		expect(ok(await host.stats()).trainings).toBe(2);
	});

	const LARGE = 1e6;
	const bad: [string, () => [TrainSource, TrainOptions], string][] = [
		['epochs 0', () => [pictures(), options({ layers: pictureLayers(), epochs: 0 })], 'options.epochs'],
		['epochs 1.5', () => [pictures(), options({ layers: pictureLayers(), epochs: 1.5 })], 'options.epochs'],
		['batch 1000', () => [pictures(), options({ layers: pictureLayers(), batch: 1000 })], 'options.batch'],
		['learning rate 0', () => [pictures(), options({ layers: pictureLayers(), learningRate: 0 })], 'options.learningRate'],
		['learning rate NaN', () => [pictures(), options({ layers: pictureLayers(), learningRate: NaN })], 'options.learningRate'],
		['learning rate Infinity', () => [pictures(), options({ layers: pictureLayers(), learningRate: Infinity })], 'options.learningRate'],
		['seed -1', () => [pictures(), options({ layers: pictureLayers(), seed: -1 })], 'options.seed'],
		['augment "yes"', () => [pictures(), options({ layers: pictureLayers(), augment: 'yes' as unknown as boolean })], 'options.augment'],
		['resume without weights', () => [pictures(), options({ layers: pictureLayers(), resume: { modelTopology: {}, weightSpecs: [] } as unknown as ModelFiles })], 'options.resume.weightData'],
		['no layers', () => [pictures(), options({ layers: [] })], 'options.layers'],
		['a last layer that is not dense', () => [pictures(), options({ layers: [{ kind: 'flatten' }] })], 'options.layers[0]'],
		['a last dense layer of 3 units for 2 classes', () => [pictures(), options({ layers: [{ kind: 'flatten' }, { kind: 'dense', units: 3 }] })], 'options.layers[1].units'],
		['dense on maps (no flatten)', () => [pictures(), options({ layers: [{ kind: 'dense', units: 2 }] })], 'options.layers[0]'],
		['conv after flatten', () => [pictures(), options({ layers: [{ kind: 'flatten' }, { kind: 'conv', filters: 2, size: 3, stride: 1, padding: 'valid' }, { kind: 'dense', units: 2 }] })], 'options.layers[1]'],
		['conv of 100 filters', () => [pictures(), options({ layers: [{ kind: 'conv', filters: 100, size: 3, stride: 1, padding: 'valid' }, { kind: 'flatten' }, { kind: 'dense', units: 2 }] })], 'options.layers[0].filters'],
		['conv 3x3 on 2x2', () => [pictures(), options({ layers: [{ kind: 'conv', filters: 2, size: 7, stride: 1, padding: 'valid' }, { kind: 'conv', filters: 2, size: 3, stride: 1, padding: 'valid' }, { kind: 'flatten' }, { kind: 'dense', units: 2 }] })], 'options.layers[1]'],
		['pool 4 on 2x2', () => [pictures(), options({ layers: [{ kind: 'pool', type: 'max', size: 4 }, { kind: 'pool', type: 'max', size: 4 }, { kind: 'flatten' }, { kind: 'dense', units: 2 }] })], 'options.layers[1]'],
		['an unknown layer', () => [pictures(), options({ layers: [{ kind: 'lstm' } as unknown as TrainLayer, { kind: 'flatten' }, { kind: 'dense', units: 2 }] })], 'options.layers[0]'],
		['dropout rate 1', () => [pictures(), options({ layers: [{ kind: 'dropout', rate: 1 }, { kind: 'flatten' }, { kind: 'dense', units: 2 }] })], 'options.layers[0].rate'],
		['over 200,000 parameters', () => [{ kind: 'digits' }, options({ layers: [{ kind: 'flatten' }, { kind: 'dense', units: 512 }, { kind: 'dense', units: 10 }] })], 'options.layers'],
		['an unknown source', () => [{ kind: 'folder' } as unknown as TrainSource, options()], 'source.kind'],
		['input 8x8x2', () => [{ ...pictures(), input: [8, 8, 2] }, options({ layers: pictureLayers() })], 'source.input'],
		['input 4x4x1', () => [{ ...pictures(), input: [4, 4, 1] }, options({ layers: pictureLayers() })], 'source.input'],
		['pixels of 47 pictures', () => [{ ...pictures(), pixels: new Uint8Array(47 * 64) }, options({ layers: pictureLayers() })], 'source.pixels.length'],
		['Float32 pixels', () => [{ ...pictures(), pixels: new Float32Array(48 * 64) as unknown as Uint8Array }, options({ layers: pictureLayers() })], 'source.pixels'],
		['a label 2 of 2 classes', () => [{ ...pictures(), labels: new Int32Array(48).fill(2) }, options({ layers: pictureLayers() })], 'source.labels[0]'],
		['a training index 48 of 48 pictures', () => [{ ...pictures(), train: Int32Array.from([0, 48]) }, options({ layers: pictureLayers() })], 'source.train[1]'],
		['a held-out index -1', () => [{ ...pictures(), validation: Int32Array.from([-1]) }, options({ layers: pictureLayers() })], 'source.validation[0]'],
		['no held-out picture', () => [{ ...pictures(), validation: new Int32Array(0) }, options({ layers: pictureLayers() })], 'source.validation'],
		['a million pictures', () => [{ ...pictures(), labels: new Int32Array(LARGE) }, options({ layers: pictureLayers() })], 'source.labels.length'],
	];

	it.each(bad)('trainStart refuses %s, naming the field (train.error.request); nothing is held', async (_case, make, name) => {
		const [source, opts] = make();
		const result = await host.trainStart(source, opts, () => {});
		expect(result.ok).toBe(false);
		if (result.ok) return;
		expect(result.errors).toHaveLength(1);
		expect(result.errors[0]?.code).toBe('train.error.request');
		expect(result.errors[0]?.vars.name).toBe(name);
		expect(ok(await host.stats()).trainings).toBe(0);
	});

	it('1 class and 1001 classes are refused as train.layers.classes; inspect indices out of range and an unknown action are refused', async () => {
		for (const classes of [1, 1001]) {
			const result = await host.trainStart({ ...pictures(), classes }, options({ layers: pictureLayers() }), () => {});
			expect(!result.ok && result.errors[0]?.code).toBe('train.layers.classes');
		}
		const started = ok(await host.trainStart(pictures(), options({ layers: pictureLayers() }), () => {}));
		ok(await host.trainControl(started.training, 'pause'));
		for (const indices of [[48], [-1], [0.5]]) {
			const result = await host.trainInspect(started.training, indices);
			expect(!result.ok && result.errors[0]?.vars.name).toBe('indices[0]');
		}
		expect(ok(await host.trainInspect(started.training, []))).toEqual({ pixels: new Float32Array(0), probabilities: new Float32Array(0) });
		const odd = await host.trainControl(started.training, 'restart' as 'stop');
		expect(!odd.ok && odd.errors[0]?.vars.name).toBe('action');
		expect(await host.trainExport(99)).toEqual({ ok: false, errors: [{ code: 'train.error.gone', vars: { training: 99 } }] });
	});

	it('a trainStart cancelled by its signal leaves no training; a host that stops tells every training listener once, with state error', async () => {
		const controller = new AbortController();
		const pending = host.trainStart(pictures(), options({ layers: pictureLayers() }), () => {}, controller.signal);
		controller.abort();
		expect(await pending).toEqual({ ok: false, errors: [CANCELLED] });
		await sleep(50);
		expect(ok(await host.stats()).trainings).toBe(0);
		const numTensors = tf.memory().numTensors;
		const r = recorder();
		ok(await host.trainStart({ kind: 'digits' }, options(), r.listen));
		await r.until((p) => p.step !== undefined);
		host.close();
		const last = r.got[r.got.length - 1];
		expect(last?.state).toBe('error');
		expect(last?.errors?.[0]?.code).toBe('classify.error.host');
		expect(r.got.filter((p) => p.state === 'error')).toHaveLength(1);
		// The in-page engine freed the training when the page closed it.
		await sleep(50);
		expect(tf.memory().numTensors).toBe(numTensors);
	});

	it('an in-page engine closed while a digits training is starting: the start fails, nothing steps, nothing is held', async () => {
		const numTensors = tf.memory().numTensors;
		const sent: (Response | Hello | TrainProgress)[] = [];
		const scope: EngineScope = { postMessage: (m) => sent.push(m), onmessage: null };
		const engine = startEngine(scope);
		engine.receive({ id: 1, kind: 'trainStart', source: { kind: 'digits' }, options: options() });
		// Closed before the start has read the digits (it runs on the engine's queue, after this test's turn).
		engine.receive({ id: 0, kind: 'close' });
		for (let i = 0; i < 200 && !sent.some((m) => 'id' in m && m.id === 1); i++) await sleep(25);
		await sleep(100);
		expect(sent.filter((m) => 'kind' in m && m.kind === 'trainProgress')).toEqual([]);
		expect(sent.find((m) => 'id' in m && m.id === 1)).toMatchObject({ ok: false });
		expect(tf.memory().numTensors).toBe(numTensors);
	});
});
