/**
 * The model host: the message protocol between the page and the engine (tfjs, in a worker in
 * Obsidian; here in the page, as where no worker can start), cancellation, errors as values,
 * memory, the backend choice (cpu unless hardware WebGL and a large model) and a lost WebGL
 * context falling back to cpu with the same answers.
 */
import * as tf from '@tensorflow/tfjs';
import { digitSamples } from '../../src/model/digits';
import { backendFor, multiplyAdds, probeWebGl, WEBGL_MIN_MACS, type ContextMaker } from '../../src/model/engine/backend';
import { digitsArtifacts } from '../../src/model/engine/digits-model';
import { startEngine, type EngineOptions } from '../../src/model/engine/engine';
import { ANSWER_LIMIT_MS, CANCELLED, isCancelled, ModelHost } from '../../src/model/host/client';
import type { EngineScope, Hello, Request, Response } from '../../src/model/host/protocol';
import { acquireModelHost, closeModelHost, HOST_IDLE_MS, pagePort, workerPort } from '../../src/model/host/start';

/** A host whose engine runs in the page with `options`. */
function pageHost(options: EngineOptions = {}): ModelHost {
	return new ModelHost(pagePort((scope) => startEngine(scope, options)));
}

const DIGITS = { kind: 'builtin', name: 'digits' } as const;

async function loaded(host: ModelHost): Promise<number> {
	const model = await host.load(DIGITS, 'digits');
	if (!model.ok) throw new Error(JSON.stringify(model.errors));
	return model.value.model;
}

async function tensors(host: ModelHost): Promise<number> {
	const stats = await host.stats();
	if (!stats.ok) throw new Error(JSON.stringify(stats.errors));
	return stats.value.numTensors;
}

describe('model host: protocol', () => {
	it('predictions are the ones tfjs makes directly on held-out digits; numTensors is back to its start after 100 predictions and dispose', async () => {
		const host = pageHost();
		const start = await tensors(host);
		const model = await host.load(DIGITS, 'digits');
		expect(model.ok && model.value.classes).toBe(10);
		expect(model.ok && model.value.layers.map((l) => l.name)).toEqual(['conv1', 'relu1', 'pool1', 'conv2', 'relu2', 'pool2', 'flatten', 'dense', 'softmax']);
		const id = model.ok ? model.value.model : -1;
		expect(await tensors(host)).toBeGreaterThan(start);
		const direct = await tf.loadLayersModel(tf.io.fromMemory(await digitsArtifacts()));
		const samples = digitSamples();
		for (let i = 0; i < 100; i++) {
			const sample = samples[i % samples.length]!;
			const answer = await host.predict(id, sample.pixels, i === 0 ? [0, 8] : []);
			if (!answer.ok) throw new Error(JSON.stringify(answer.errors));
			const expected = tf.tidy(() => (direct.predict(tf.tensor4d(sample.pixels, [1, 28, 28, 1])) as tf.Tensor).dataSync());
			expect(Array.from(answer.value.probabilities)).toEqual(Array.from(expected));
			expect(answer.value.backend).toBe('cpu');
			if (i === 0) {
				// Only the layers asked for travel (plus the softmax layer's own input and output).
				expect(answer.value.activations.map((a) => a.length)).toEqual([26 * 26 * 16, 0, 0, 0, 0, 0, 0, 10, 10]);
			}
		}
		direct.dispose();
		host.dispose(id);
		expect(await tensors(host)).toBe(start);
		host.close();
	});

	it('every error is an answer: an unknown model, files that are not a model, a host that stopped', async () => {
		const host = pageHost();
		const unknown = await host.predict(999, new Float32Array(784), []);
		expect(unknown.ok ? '' : unknown.errors[0]?.code).toBe('error.unexpected');
		const garbage = await host.load({ kind: 'files', files: { modelTopology: { nonsense: true }, weightSpecs: [], weightData: new ArrayBuffer(0) } }, 'bad');
		expect(garbage.ok ? '' : garbage.errors[0]?.code).toBe('classify.error.load');
		host.close();
		const after = await host.stats();
		expect(after.ok ? '' : after.errors[0]?.code).toBe('classify.error.host');
	});

	it('a cancelled request answers at once as cancelled; a waiting one never runs, a running load frees what it built', async () => {
		const host = pageHost();
		const start = await tensors(host);
		const first = new AbortController();
		const second = new AbortController();
		const a = host.load(DIGITS, 'a', first.signal);
		const b = host.load(DIGITS, 'b', second.signal);
		first.abort();
		second.abort();
		expect(isCancelled(await a)).toBe(true);
		expect(isCancelled(await b)).toBe(true);
		expect((await a).ok).toBe(false);
		expect(await tensors(host)).toBe(start); // asked after both: the engine has dropped them
		const stats = await host.stats();
		expect(stats.ok && stats.value.models).toBe(0);
		const aborted = new AbortController();
		aborted.abort();
		expect(await host.stats(aborted.signal)).toEqual({ ok: false, errors: [CANCELLED] });
		host.close();
	});
});

describe('model host: where the engine runs', () => {
	beforeEach(() => {
		closeModelHost();
		// jsdom has no Blob URLs: a stand-in, so that only Worker decides.
		URL.createObjectURL = () => 'blob:test';
		URL.revokeObjectURL = () => {};
	});
	afterEach(() => {
		delete (globalThis as { Worker?: unknown }).Worker;
		closeModelHost();
	});

	it('without Worker (jsdom, some webviews) the engine runs in the page behind the same interface', async () => {
		const host = new ModelHost(workerPort('/* no bundle under jest */'));
		expect(host.place).toBe('page');
		expect(await loaded(host)).toBeGreaterThan(0);
		host.close();
	});

	/** A Worker stand-in that runs nothing: it fails (before or after saying hello) when told. */
	class FakeWorker {
		static last: FakeWorker | null = null;
		onmessage: ((e: { data: Response | Hello }) => void) | null = null;
		onerror: ((e: { message: string; preventDefault(): void }) => void) | null = null;
		onmessageerror: (() => void) | null = null;
		posted: Request[] = [];
		terminated = false;
		constructor() {
			FakeWorker.last = this;
		}
		postMessage(request: Request): void {
			this.posted.push(request);
		}
		terminate(): void {
			this.terminated = true;
		}
		fail(message: string): void {
			this.onerror?.({ message, preventDefault: () => {} });
		}
	}

	it('a worker that fails before it runs: the page takes over with the requests that waited', async () => {
		(globalThis as { Worker?: unknown }).Worker = FakeWorker;
		const port = workerPort('bundle');
		const host = new ModelHost(port);
		expect(host.place).toBe('worker');
		const model = host.load(DIGITS, 'digits');
		expect(FakeWorker.last?.posted).toEqual([]); // waits for the worker's hello
		FakeWorker.last?.fail('script error');
		expect(FakeWorker.last?.terminated).toBe(true);
		expect(host.place).toBe('page');
		expect((await model).ok).toBe(true);
		host.close();
	});

	it('a worker that stops after it ran: open requests answer with the translated problem, the shared host is replaced', async () => {
		(globalThis as { Worker?: unknown }).Worker = FakeWorker;
		const lease = acquireModelHost(() => workerPort('bundle'));
		const worker = FakeWorker.last!;
		worker.onmessage?.({ data: { id: 0, kind: 'ready' } });
		const answer = lease.host.stats();
		expect(worker.posted.map((r) => r.kind)).toEqual(['stats']);
		worker.fail('out of memory');
		const result = await answer;
		expect(result.ok ? null : result.errors[0]).toMatchObject({ code: 'classify.error.host', vars: { reason: 'out of memory' } });
		const next = acquireModelHost(() => pagePort());
		expect(next.host).not.toBe(lease.host);
		lease.release();
		next.release();
		closeModelHost();
	});

	it('the shared engine stops HOST_IDLE_MS after its last user releases it, not before', () => {
		jest.useFakeTimers();
		try {
			const a = acquireModelHost(() => pagePort());
			const b = acquireModelHost(() => pagePort());
			expect(b.host).toBe(a.host);
			a.release();
			b.release();
			jest.advanceTimersByTime(HOST_IDLE_MS - 1);
			expect(a.host.isStopped).toBe(false);
			const c = acquireModelHost(() => pagePort()); // a block re-rendered in time keeps the engine
			expect(c.host).toBe(a.host);
			c.release();
			jest.advanceTimersByTime(HOST_IDLE_MS);
			expect(a.host.isStopped).toBe(true);
		} finally {
			jest.useRealTimers();
		}
	});
});

describe('model host: backends', () => {
	/** A context maker whose contexts report `renderer`, and refuse failIfMajorPerformanceCaveat when `caveat`. */
	const maker = (renderer: string, caveat = false): ContextMaker => (attributes) => {
		if (caveat && attributes.failIfMajorPerformanceCaveat) return null;
		const gl = {
			RENDERER: 1,
			getExtension: (name: string) => (name === 'WEBGL_debug_renderer_info' ? { UNMASKED_RENDERER_WEBGL: 2 } : { loseContext: () => {} }),
			getParameter: (p: number) => (p === 2 ? renderer : 'WebKit WebGL'),
		};
		return gl as unknown as WebGLRenderingContext;
	};

	it('tells hardware from software WebGL (renderer name, failIfMajorPerformanceCaveat) and none', () => {
		expect(probeWebGl(maker('ANGLE (NVIDIA GeForce RTX 3060)')).kind).toBe('hardware');
		expect(probeWebGl(maker('Google SwiftShader')).kind).toBe('software');
		expect(probeWebGl(maker('llvmpipe (LLVM 15.0.6, 256 bits)')).kind).toBe('software');
		expect(probeWebGl(maker('ANGLE (Intel)', true)).kind).toBe('software');
		expect(probeWebGl(() => null).kind).toBe('none');
	});

	it('webgl only for hardware WebGL and a model of at least WEBGL_MIN_MACS multiply-adds; the digits model stays on cpu', async () => {
		const host = pageHost();
		const model = await host.load(DIGITS, 'digits');
		const macs = model.ok ? multiplyAdds(model.value.layers) : 0;
		// conv1 26*26*16 * 9, conv2 11*11*32 * 9*16, dense 800*10.
		expect(macs).toBe(26 * 26 * 16 * 9 + 11 * 11 * 32 * 9 * 16 + 800 * 10);
		expect(backendFor({ kind: 'hardware', renderer: '' }, macs)).toBe('cpu');
		expect(backendFor({ kind: 'hardware', renderer: '' }, WEBGL_MIN_MACS)).toBe('webgl');
		expect(backendFor({ kind: 'software', renderer: '' }, 10 * WEBGL_MIN_MACS)).toBe('cpu');
		host.close();
	});

	describe('a lost WebGL context', () => {
		let lost = false;
		beforeAll(() => {
			// jsdom has no WebGL: a stand-in `webgl` backend runs the cpu kernels and reports `lost`.
			(globalThis as { WebGLRenderingContext?: unknown }).WebGLRenderingContext = function WebGLRenderingContext() {};
			for (const kernel of tf.getKernelsForBackend('webgl')) tf.unregisterKernel(kernel.kernelName, 'webgl');
			for (const kernel of tf.getKernelsForBackend('cpu')) tf.registerKernel({ ...kernel, backendName: 'webgl' });
			tf.removeBackend('webgl');
			tf.registerBackend('webgl', () => {
				const backend = tf.findBackendFactory('cpu')() as tf.KernelBackend;
				Object.assign(backend, { gpgpu: { gl: { isContextLost: () => lost } } });
				return backend;
			}, 10);
		});
		afterAll(async () => {
			delete (globalThis as { WebGLRenderingContext?: unknown }).WebGLRenderingContext;
			await tf.setBackend('cpu');
		});

		it('a large-enough model on hardware WebGL uses webgl; after the context is lost the host goes on on cpu with the same answers', async () => {
			const host = pageHost({ probe: () => ({ kind: 'hardware', renderer: 'test GPU' }), webglMinMacs: 1 });
			const id = await loaded(host);
			const sample = digitSamples()[7]!;
			const onGpu = await host.predict(id, sample.pixels, []);
			expect(onGpu.ok && onGpu.value.backend).toBe('webgl');
			lost = true;
			const onCpu = await host.predict(id, sample.pixels, []);
			expect(onCpu.ok && onCpu.value.backend).toBe('cpu');
			expect(onCpu.ok && Array.from(onCpu.value.probabilities)).toEqual(onGpu.ok && Array.from(onGpu.value.probabilities));
			host.close();
		});

		it('a training moves the host to cpu (its models rebuilt there, same answers) and keeps it there while held; after trainDispose a new model may use webgl again', async () => {
			lost = false;
			const host = pageHost({ probe: () => ({ kind: 'hardware', renderer: 'test GPU' }), webglMinMacs: 1 });
			const id = await loaded(host);
			const sample = digitSamples()[3]!;
			const onGpu = await host.predict(id, sample.pixels, []);
			expect(onGpu.ok && onGpu.value.backend).toBe('webgl');
			const layers = [{ kind: 'flatten' }, { kind: 'dense', units: 10 }] as const;
			const started = await host.trainStart({ kind: 'digits' }, { layers: [...layers], epochs: 1, batch: 4, learningRate: 0.01, seed: 1, augment: false }, () => {});
			if (!started.ok) throw new Error(JSON.stringify(started.errors));
			const onCpu = await host.predict(id, sample.pixels, []);
			expect(onCpu.ok && onCpu.value.backend).toBe('cpu');
			expect(onCpu.ok && Array.from(onCpu.value.probabilities)).toEqual(onGpu.ok && Array.from(onGpu.value.probabilities));
			// A model loaded while the training is held stays on cpu.
			const second = await host.load(DIGITS, 'digits');
			expect(second.ok && second.value.backend).toBe('cpu');
			host.trainDispose(started.value.training);
			const third = await host.load(DIGITS, 'digits');
			expect(third.ok && third.value.backend).toBe('webgl');
			host.close();
		});
	});
});

describe('model host: review findings', () => {
	it('a trainStart cancelled while its answer is on the way: the training the engine made is disposed when the answer arrives', async () => {
		let held: (() => void) | null = null;
		const host = new ModelHost(
			pagePort((scope) => {
				const proxy: EngineScope = {
					postMessage: (m, t) => {
						if (held === null && 'ok' in m && m.ok && typeof (m.value as { training?: unknown } | null)?.training === 'number') held = () => scope.postMessage(m, t);
						else scope.postMessage(m, t);
					},
					get onmessage() {
						return scope.onmessage;
					},
					set onmessage(f) {
						scope.onmessage = f;
					},
				};
				startEngine(proxy);
			}),
		);
		const controller = new AbortController();
		const heard: string[] = [];
		const pixels = new Uint8Array(4 * 64).fill(9);
		const source = { kind: 'pictures', input: [8, 8, 1], classes: 2, pixels, labels: Int32Array.from([0, 1, 0, 1]), train: Int32Array.from([0, 1]), validation: Int32Array.from([2, 3]) } as const;
		const pending = host.trainStart({ ...source, input: [8, 8, 1] as [number, number, number] }, { layers: [{ kind: 'flatten' }, { kind: 'dense', units: 2 }], epochs: 1, batch: 2, learningRate: 0.01, seed: 1, augment: false }, (p) => heard.push(p.state), controller.signal);
		for (let i = 0; i < 100 && held === null; i++) await new Promise((resolve) => setTimeout(resolve, 10));
		expect(held).not.toBeNull();
		controller.abort();
		expect(isCancelled(await pending)).toBe(true);
		held!();
		const trainings = async (): Promise<number> => {
			const stats = await host.stats();
			return stats.ok ? stats.value.trainings : -1;
		};
		for (let i = 0; i < 100 && (await trainings()) !== 0; i++) await new Promise((resolve) => setTimeout(resolve, 10));
		expect(await trainings()).toBe(0);
		expect(heard).toEqual([]);
		host.close();
	});

	it('a load cancelled while its answer is on the way: the model the engine built is disposed when the answer arrives', async () => {
		let held: (() => void) | null = null;
		// An engine whose first model answer is held back until the test lets it go.
		const host = new ModelHost(
			pagePort((scope) => {
				const proxy: EngineScope = {
					postMessage: (m, t) => {
						if (held === null && 'ok' in m && m.ok && typeof (m.value as { model?: unknown } | null)?.model === 'number') held = () => scope.postMessage(m, t);
						else scope.postMessage(m, t);
					},
					get onmessage() {
						return scope.onmessage;
					},
					set onmessage(f) {
						scope.onmessage = f;
					},
				};
				startEngine(proxy);
			}),
		);
		const start = await tensors(host);
		const controller = new AbortController();
		const load = host.load(DIGITS, 'late', controller.signal);
		while (held === null) await new Promise((r) => setTimeout(r, 5));
		controller.abort(); // the engine has built it: the cancel comes too late for the engine
		expect(isCancelled(await load)).toBe(true);
		(held as () => void)();
		await new Promise((r) => setTimeout(r, 10)); // the late answer arrives; the host asks the engine to dispose its model
		const stats = await host.stats();
		expect(stats.ok && stats.value.models).toBe(0);
		expect(await tensors(host)).toBe(start);
		host.close();
	});

	it('a broken worker is terminated, and the shared host that replaces it starts a new one', async () => {
		(globalThis as { Worker?: unknown }).Worker = class {
			static made: { terminated: boolean; onmessage: ((e: { data: unknown }) => void) | null; onmessageerror: (() => void) | null }[] = [];
			onmessage: ((e: { data: unknown }) => void) | null = null;
			onerror = null;
			onmessageerror: (() => void) | null = null;
			terminated = false;
			constructor() {
				(this.constructor as unknown as { made: unknown[] }).made.push(this);
			}
			postMessage(): void {}
			terminate(): void {
				this.terminated = true;
			}
		};
		URL.createObjectURL = () => 'blob:test';
		URL.revokeObjectURL = () => {};
		try {
			closeModelHost();
			const made = (globalThis as unknown as { Worker: { made: { terminated: boolean; onmessage: ((e: { data: unknown }) => void) | null; onmessageerror: (() => void) | null }[] } }).Worker.made;
			const lease = acquireModelHost(() => workerPort('bundle'));
			made[0]?.onmessage?.({ data: { id: 0, kind: 'ready' } });
			made[0]?.onmessageerror?.();
			expect(lease.host.isStopped).toBe(true);
			expect(made[0]?.terminated).toBe(true);
			const next = acquireModelHost(() => workerPort('bundle'));
			expect(next.host).not.toBe(lease.host);
			expect(made).toHaveLength(2);
			lease.release();
			next.release();
		} finally {
			delete (globalThis as { Worker?: unknown }).Worker;
			closeModelHost();
		}
	});

	it('an engine that cannot start in the page (its starter throws, or fails later): requests answer with the problem, never hang', async () => {
		const throwing = new ModelHost(pagePort(() => {
			throw new Error('no script');
		}));
		const a = await throwing.stats();
		expect(a.ok ? '' : a.errors[0]?.code).toBe('classify.error.host');
		const later = new ModelHost(pagePort((_scope, fail) => setTimeout(() => fail('script refused'), 10)));
		const b = await later.stats();
		expect(b.ok ? null : b.errors[0]).toMatchObject({ code: 'classify.error.host', vars: { reason: 'script refused' } });
	});

	it('an engine that goes silent: after ANSWER_LIMIT_MS the host stops and every open request answers with the problem', async () => {
		jest.useFakeTimers();
		try {
			const silent = new ModelHost(pagePort((scope) => scope.postMessage({ id: 0, kind: 'ready' }, []))); // says hello, never answers
			const open = silent.stats();
			await Promise.resolve();
			jest.advanceTimersByTime(ANSWER_LIMIT_MS + 1);
			const answer = await open;
			expect(answer.ok ? null : answer.errors[0]).toMatchObject({ code: 'classify.error.host' });
			expect(silent.isStopped).toBe(true);
		} finally {
			jest.useRealTimers();
		}
	});
});
