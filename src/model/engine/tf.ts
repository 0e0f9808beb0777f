/**
 * TensorFlow.js inside the model host: only the packages the plugin uses (core, layers, the cpu and
 * webgl backends), never the umbrella package with its converter, data and recurrent layers. This
 * module is bundled into the model worker (src/model/engine/worker.ts); the main thread never
 * imports it (eslint's layer rules). The backend is cpu unless hardware WebGL is present and a
 * model is large enough to gain from it (see backend.ts); a lost WebGL context falls back to cpu.
 */
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-webgl';
import * as core from '@tensorflow/tfjs-core';
import { loadLayersModel, model } from '@tensorflow/tfjs-layers';

/** The tfjs functions the engine uses: tfjs-core plus the two tfjs-layers functions that build models. */
export type Tf = typeof core & { loadLayersModel: typeof loadLayersModel; model: typeof model };

let loading: Promise<Tf> | undefined;

/** Options of loadTf: which backends may be tried, in order. */
export interface TfOptions {
	backends?: readonly string[];
}

/**
 * tfjs, set up once and shared by every model of this host. The first call picks the backend (cpu
 * by default); a failed start is retried on the next call.
 */
export function loadTf(options: TfOptions = {}): Promise<Tf> {
	loading ??= startTf(options).catch((e: unknown) => {
		loading = undefined;
		throw e;
	});
	return loading;
}

/** Silences tfjs's Node.js banner and Node platform (Obsidian's renderer exposes process.versions.node), picks a backend. */
async function startTf(options: TfOptions): Promise<Tf> {
	const tf: Tf = { ...core, loadLayersModel, model };
	// Before any backend exists: with IS_NODE the cpu backend prints "Hi, looks like you are running
	// TensorFlow.js in Node.js" and tfjs picks Node's platform.
	tf.env().set('IS_NODE', false);
	await pickBackend(tf, options.backends ?? ['cpu']);
	return tf;
}

/** true where a WebGL backend can exist at all (jsdom, some webviews and some workers have no WebGL). */
function hasWebGl(): boolean {
	return typeof WebGLRenderingContext !== 'undefined' || typeof OffscreenCanvas !== 'undefined';
}

/** Sets the first backend of `order` that starts; returns its name. Throws when none does. */
export async function pickBackend(tf: Tf, order: readonly string[]): Promise<string> {
	const reasons: string[] = [];
	for (const name of order) {
		if (name === 'webgl' && !hasWebGl()) continue;
		try {
			if (await tf.setBackend(name)) {
				await tf.ready();
				return name;
			}
			reasons.push(`${name} did not start`);
		} catch (e) {
			reasons.push(`${name}: ${e instanceof Error ? e.message : String(e)}`);
		}
	}
	throw new Error(`no TensorFlow.js backend could start (${reasons.join('; ')})`);
}

/** The WebGL context of the current backend, when it is a webgl backend. */
function glOf(tf: Tf): { isContextLost(): boolean } | null {
	if (tf.getBackend() !== 'webgl') return null;
	const backend: unknown = tf.backend();
	if (typeof backend !== 'object' || backend === null || !('gpgpu' in backend)) return null;
	const gpgpu: unknown = backend.gpgpu;
	if (typeof gpgpu !== 'object' || gpgpu === null || !('gl' in gpgpu)) return null;
	const gl: unknown = gpgpu.gl;
	if (typeof gl !== 'object' || gl === null || !('isContextLost' in gl) || typeof gl.isContextLost !== 'function') return null;
	const lost = gl.isContextLost.bind(gl) as () => boolean;
	return { isContextLost: () => lost() };
}

/** true when the current backend is webgl and its context has been lost (the GPU was reset). */
export function isContextLost(tf: Tf): boolean {
	return glOf(tf)?.isContextLost() ?? false;
}

/** Switches tfjs to the cpu backend (after a lost WebGL context); models must be rebuilt afterwards. */
export async function fallBackToCpu(tf: Tf): Promise<void> {
	if (tf.getBackend() === 'cpu') return;
	await tf.setBackend('cpu');
	await tf.ready();
}
