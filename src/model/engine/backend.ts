/**
 * Which tfjs backend a model runs on. WebGL pays off only on a real GPU and for models with enough
 * arithmetic: software WebGL (SwiftShader, llvmpipe) took 14 ms per prediction of the 12.8k-parameter
 * digits model where the cpu backend took ~3 ms, and even hardware WebGL costs a shader compile per
 * layer on the first prediction and a GPU readback on every one. So: cpu, unless the WebGL context
 * is hardware-accelerated (no major performance caveat, no software renderer name) and the model
 * needs at least WEBGL_MIN_MACS multiply-adds per prediction.
 */
import type { LayerInfo } from './layers';

/**
 * Fewest multiply-adds per prediction for which a hardware GPU is used. The digits model needs
 * 0.66 M and takes about 2 ms on the cpu backend here (`npm run bench -- digits`: ~0.3 G
 * multiply-adds/s with tfjs's overheads, 2 shared cores), so at 20 M a cpu prediction takes tens of
 * ms, more than a frame, where a GPU's fixed costs (a readback and a dispatch per layer) are worth
 * paying. Below it the cpu backend answers within a frame. No hardware GPU exists on our machines:
 * this threshold comes from the cpu measurement, not from a GPU one.
 */
export const WEBGL_MIN_MACS = 20_000_000;

/** Renderer names of WebGL implemented in software. */
const SOFTWARE = ['swiftshader', 'llvmpipe', 'softpipe', 'software', 'basic render', 'mesa offscreen'];

/** What the WebGL probe found: none, software or hardware, and the renderer's name when known. */
export interface WebGlProbe {
	kind: 'none' | 'software' | 'hardware';
	renderer: string;
}

/** A function that tries to get a WebGL context with the given attributes (an OffscreenCanvas in a worker). */
export type ContextMaker = (attributes: WebGLContextAttributes) => WebGLRenderingContext | WebGL2RenderingContext | null;

/** Makes a WebGL2 (else WebGL) context on a 1x1 OffscreenCanvas, or null where there is none. */
export function offscreenContext(attributes: WebGLContextAttributes): WebGLRenderingContext | WebGL2RenderingContext | null {
	if (typeof OffscreenCanvas === 'undefined') return null;
	try {
		const canvas = new OffscreenCanvas(1, 1);
		return canvas.getContext('webgl2', attributes) ?? canvas.getContext('webgl', attributes);
	} catch {
		return null;
	}
}

/**
 * Looks at the WebGL this host can get: none; software (the browser refuses a context with
 * failIfMajorPerformanceCaveat, or the unmasked renderer names a software rasteriser); or hardware.
 * The probe's context is released at once.
 */
export function probeWebGl(make: ContextMaker = offscreenContext): WebGlProbe {
	const any = make({});
	if (!any) return { kind: 'none', renderer: '' };
	const renderer = rendererOf(any);
	release(any);
	const fast = make({ failIfMajorPerformanceCaveat: true });
	if (!fast) return { kind: 'software', renderer };
	release(fast);
	const name = renderer.toLowerCase();
	return { kind: SOFTWARE.some((s) => name.includes(s)) ? 'software' : 'hardware', renderer };
}

/** The unmasked renderer name (WEBGL_debug_renderer_info), else the masked one. */
function rendererOf(gl: WebGLRenderingContext | WebGL2RenderingContext): string {
	const info = gl.getExtension('WEBGL_debug_renderer_info');
	const value: unknown = info ? gl.getParameter(info.UNMASKED_RENDERER_WEBGL) : gl.getParameter(gl.RENDERER);
	return typeof value === 'string' ? value : '';
}

/** Frees a probe context (browsers allow only a few at a time). */
function release(gl: WebGLRenderingContext | WebGL2RenderingContext): void {
	gl.getExtension('WEBGL_lose_context')?.loseContext();
}

/** Multiply-adds of one prediction: convolutions (output size x kernel size x input channels), depthwise convolutions (output size x kernel size) and dense layers. */
export function multiplyAdds(layers: readonly LayerInfo[]): number {
	let total = 0;
	for (const layer of layers) {
		const kernel = layer.kernel?.shape;
		if (!kernel) continue;
		if (layer.kind === 'conv' && kernel.length === 4) {
			const [kh = 0, kw = 0, cin = 0] = kernel;
			total += layer.size * kh * kw * cin;
		} else if (layer.kind === 'depthwise' && kernel.length === 4) {
			const [kh = 0, kw = 0] = kernel;
			total += layer.size * kh * kw;
		} else if (layer.kind === 'dense' && kernel.length === 2) {
			total += (kernel[0] ?? 0) * (kernel[1] ?? 0);
		}
	}
	return total;
}

/** The backend for a model: webgl only on hardware WebGL for a model of at least WEBGL_MIN_MACS multiply-adds. */
export function backendFor(probe: WebGlProbe, macs: number, minMacs = WEBGL_MIN_MACS): 'webgl' | 'cpu' {
	return probe.kind === 'hardware' && macs >= minMacs ? 'webgl' : 'cpu';
}
