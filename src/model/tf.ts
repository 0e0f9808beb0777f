/**
 * TensorFlow.js, loaded on first need: the dynamic import() runs only when a block needs a model,
 * so notes without one never evaluate tfjs. The backend is webgl where WebGL works, else cpu; a
 * lost WebGL context falls back to cpu (see isContextLost / fallBackToCpu).
 */
export type Tf = typeof import('@tensorflow/tfjs');

/** Backends tried in order. */
const BACKENDS = ['webgl', 'cpu'] as const;

let loading: Promise<Tf> | undefined;

/** Options of loadTf: which backends may be tried (webgl is skipped where WebGL does not exist). */
export interface TfOptions {
	backends?: readonly string[];
}

/**
 * The tfjs module, imported once and shared by every block (like any import). The first call picks
 * the backend; a failed import is retried on the next call.
 */
export function loadTf(options: TfOptions = {}): Promise<Tf> {
	loading ??= importTf(options).catch((e: unknown) => {
		loading = undefined;
		throw e;
	});
	return loading;
}

/** Imports tfjs, silences its Node.js banner and Node platform (Obsidian is a browser), picks a backend. */
async function importTf(options: TfOptions): Promise<Tf> {
	const tf = await import('@tensorflow/tfjs');
	// Before any backend exists: Electron exposes process.versions.node, which would make the cpu
	// backend print "Hi, looks like you are running TensorFlow.js in Node.js".
	tf.env().set('IS_NODE', false);
	await pickBackend(tf, options.backends ?? BACKENDS);
	return tf;
}

/** true where a WebGL backend can exist at all (jsdom and some mobile webviews have no WebGL). */
function hasWebGl(): boolean {
	return typeof WebGLRenderingContext !== 'undefined';
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
function glOf(tf: Tf): { isContextLost(): boolean; canvas: unknown } | null {
	if (tf.getBackend() !== 'webgl') return null;
	const backend: unknown = tf.backend();
	if (typeof backend !== 'object' || backend === null || !('gpgpu' in backend)) return null;
	const gpgpu: unknown = backend.gpgpu;
	if (typeof gpgpu !== 'object' || gpgpu === null || !('gl' in gpgpu)) return null;
	const gl: unknown = gpgpu.gl;
	if (typeof gl !== 'object' || gl === null || !('isContextLost' in gl) || typeof gl.isContextLost !== 'function') return null;
	const lost = gl.isContextLost.bind(gl) as () => boolean;
	return { isContextLost: () => lost(), canvas: 'canvas' in gl ? gl.canvas : null };
}

/** true when the current backend is webgl and its context has been lost (the GPU was reset). */
export function isContextLost(tf: Tf): boolean {
	return glOf(tf)?.isContextLost() ?? false;
}

/**
 * Calls `onLost` when the webgl backend's context is lost; returns the function that stops
 * listening (a no-op on other backends).
 */
export function watchContextLoss(tf: Tf, onLost: () => void): () => void {
	const canvas = glOf(tf)?.canvas;
	if (typeof canvas !== 'object' || canvas === null || !('addEventListener' in canvas) || !('removeEventListener' in canvas)) return () => {};
	const target = canvas as EventTarget;
	const handler = (): void => onLost();
	target.addEventListener('webglcontextlost', handler);
	return () => target.removeEventListener('webglcontextlost', handler);
}

/** Switches tfjs to the cpu backend (after a lost WebGL context); models must be rebuilt afterwards. */
export async function fallBackToCpu(tf: Tf): Promise<void> {
	if (tf.getBackend() === 'cpu') return;
	await tf.setBackend('cpu');
	await tf.ready();
}
