/**
 * WebGL where available, cpu otherwise, and a lost WebGL context falls back to cpu. jsdom has no
 * WebGL, so a stand-in `webgl` backend (the cpu kernels, with a context that can be "lost") takes
 * the place of tfjs's.
 */
import * as tf from '@tensorflow/tfjs';
import { installFakeCanvas, mountClassify, predictedLabel, settle } from '../widgets/classify/classify-helpers';

let lost = false;
const canvas = new EventTarget();

/** Replaces tfjs's webgl backend by a cpu backend whose `gpgpu.gl` reports `lost`. */
function installStandInWebGl(): void {
	(globalThis as { WebGLRenderingContext?: unknown }).WebGLRenderingContext = function WebGLRenderingContext() {};
	for (const kernel of tf.getKernelsForBackend('webgl')) tf.unregisterKernel(kernel.kernelName, 'webgl');
	for (const kernel of tf.getKernelsForBackend('cpu')) tf.registerKernel({ ...kernel, backendName: 'webgl' });
	tf.removeBackend('webgl');
	tf.registerBackend('webgl', () => {
		const backend = tf.findBackendFactory('cpu')() as tf.KernelBackend;
		Object.assign(backend, { gpgpu: { gl: { isContextLost: () => lost, canvas } } });
		return backend;
	}, 10);
}

describe('tfjs backends', () => {
	beforeAll(() => installStandInWebGl());
	afterAll(() => {
		delete (globalThis as { WebGLRenderingContext?: unknown }).WebGLRenderingContext;
	});
	beforeEach(() => installFakeCanvas());

	it('uses webgl when it exists, and after the context is lost goes on on cpu with the same answers', async () => {
		const { el, section } = await mountClassify('input: sample\nshow: [probabilities, layers]');
		expect(tf.getBackend()).toBe('webgl');
		expect(el.querySelector('.cnn-summary')?.textContent).toContain('(webgl)');
		const onWebGl = el.querySelector('.cnn-classify-prediction')?.textContent;
		const label = predictedLabel(el);

		lost = true;
		canvas.dispatchEvent(new Event('webglcontextlost'));
		await settle(50);
		expect(tf.getBackend()).toBe('cpu');
		expect(el.querySelector('.cnn-summary')?.textContent).toContain('(cpu)');
		expect(predictedLabel(el)).toBe(label);
		expect(el.querySelector('.cnn-classify-prediction')?.textContent).toBe(onWebGl);

		const buttons = el.querySelectorAll<HTMLButtonElement>('.cnn-classify-sample');
		buttons[5]?.click();
		expect(predictedLabel(el)).not.toBeNull();
		section.unload();
	});

	it('a block that mounts after the switch runs on cpu directly', async () => {
		const { el, section } = await mountClassify('input: sample\nshow: probabilities');
		expect(el.querySelector('.cnn-summary')?.textContent).toContain('(cpu)');
		section.unload();
	});
});
