/**
 * Test helpers for the classify widget: a recording 2d canvas context (jsdom has none), mounting a
 * block with an injected image decoder, pointer strokes, and reading what the widget shows.
 */
import type { MarkdownPostProcessorContext, MarkdownRenderChild } from 'obsidian';
import { App, Component } from '../../../harness/obsidian';
import { processClassifyBlock } from '../../../src/blocks/classify-block';
import type { DepsOverrides } from '../../../src/blocks/widget-deps';
import { ClassifyWidget } from '../../../src/widgets/classify/classify-widget';
import { asObsidianApp } from '../../helpers/plugin';
import { ModelHost } from '../../../src/model/host/client';
import { acquireModelHost, pagePort, type HostLease } from '../../../src/model/host/start';

/** The last ImageData put on each canvas, for reading painted pixels back. */
export const painted = new WeakMap<HTMLCanvasElement, ImageData>();

/** A 2d context that does nothing but keep createImageData / putImageData results. */
function fakeContext(canvas: HTMLCanvasElement): CanvasRenderingContext2D {
	const noop = (): void => {};
	const ctx = {
		canvas,
		lineCap: 'butt',
		lineJoin: 'miter',
		lineWidth: 1,
		strokeStyle: '#000',
		fillStyle: '#000',
		createImageData: (w: number, h: number) => ({ width: w, height: h, data: new Uint8ClampedArray(w * h * 4), colorSpace: 'srgb' }),
		putImageData: (image: ImageData) => painted.set(canvas, image),
		beginPath: noop,
		moveTo: noop,
		lineTo: noop,
		arc: noop,
		stroke: noop,
		fill: noop,
		clearRect: noop,
	};
	return ctx as unknown as CanvasRenderingContext2D;
}

/** Gives every canvas the fake 2d context (jsdom would log "not implemented" and return null). */
export function installFakeCanvas(): void {
	const contexts = new WeakMap<HTMLCanvasElement, CanvasRenderingContext2D>();
	jest.spyOn(HTMLCanvasElement.prototype, 'getContext').mockImplementation(function (this: HTMLCanvasElement, kind: string) {
		if (kind !== '2d') return null;
		let ctx = contexts.get(this);
		if (!ctx) contexts.set(this, (ctx = fakeContext(this)));
		return ctx;
	} as typeof HTMLCanvasElement.prototype.getContext);
}

/** A mounted classify block: its element, the widget, and the component owning it. */
export interface MountedClassify {
	el: HTMLElement;
	app: App;
	section: Component;
	widget: ClassifyWidget | null;
}

/** Runs the cnn-classify processor on `source` (as Obsidian would) and waits until the widget is ready or failed (its model answered), or with waitForModel: false only until the pad shows. */
export async function mountClassify(source: string, opts: { app?: App; sourcePath?: string; overrides?: DepsOverrides; waitForModel?: boolean } = {}): Promise<MountedClassify> {
	const app = opts.app ?? new App();
	const el = document.body.createDiv();
	const section = new Component();
	section.load();
	let widget: ClassifyWidget | null = null;
	const ctx = {
		docId: 'test',
		sourcePath: opts.sourcePath ?? 'note.md',
		frontmatter: null,
		addChild: (child: MarkdownRenderChild) => {
			if (child instanceof ClassifyWidget) widget = child;
			section.addChild(child as unknown as Component);
		},
		getSectionInfo: () => null,
	} as unknown as MarkdownPostProcessorContext;
	processClassifyBlock(asObsidianApp(app), source, el, ctx, opts.overrides);
	const mounted: MountedClassify = { el, app, section, widget };
	if (opts.waitForModel === false) await settle(0);
	else await mounted.widget?.ready;
	return mounted;
}

/** Dispatches a pointer event (jsdom has no PointerEvent: a MouseEvent carrying pointerId). */
export function pointer(target: Element, type: string, x: number, y: number, pointerId = 1): void {
	const event = new MouseEvent(type, { clientX: x, clientY: y, bubbles: true, cancelable: true, button: 0 });
	Object.defineProperty(event, 'pointerId', { value: pointerId });
	target.dispatchEvent(event);
}

/** Makes the pad canvas report a size (jsdom lays nothing out): `side` CSS pixels at the origin. */
export function layOut(canvas: HTMLCanvasElement, side = 280): void {
	canvas.getBoundingClientRect = () => ({ left: 0, top: 0, right: side, bottom: side, width: side, height: side, x: 0, y: 0, toJSON: () => ({}) });
}

/** Draws strokes (points in pad units, [x0, y0, x1, y1, ...]) on the pad with pointer events. */
export function drawStrokes(pad: HTMLCanvasElement, strokes: readonly number[][], side = 280): void {
	for (const stroke of strokes) {
		pointer(pad, 'pointerdown', (stroke[0] ?? 0) * side, (stroke[1] ?? 0) * side);
		for (let i = 2; i < stroke.length; i += 2) pointer(pad, 'pointermove', (stroke[i] ?? 0) * side, (stroke[i + 1] ?? 0) * side);
		const n = stroke.length;
		pointer(pad, 'pointerup', (stroke[n - 2] ?? 0) * side, (stroke[n - 1] ?? 0) * side);
	}
}

/** The predicted label the widget shows, or null in the empty state. */
export function predictedLabel(el: HTMLElement): number | null {
	const label = el.querySelector<HTMLElement>('.cnn-classify-prediction')?.dataset.label;
	return label === undefined ? null : Number(label);
}

/** The widget root's data-prediction and data-confidence (null when absent). */
export function rootPrediction(el: HTMLElement): { label: string | null; confidence: number | null } {
	const root = el.querySelector<HTMLElement>('.cnn-classify');
	const confidence = root?.getAttribute('data-confidence');
	return { label: root?.getAttribute('data-prediction') ?? null, confidence: confidence == null ? null : Number(confidence) };
}

/** The probability bars as shown: label -> percentage text. */
export function barTexts(el: HTMLElement): string[] {
	return Array.from(el.querySelectorAll('.cnn-classify-bar-row .cnn-classify-bar-value'), (v) => v.textContent ?? '');
}

/** Waits for pending timers and promises (throttled predictions). */
export function settle(ms = 60): Promise<void> {
	return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Live tensors in the model host's engine, asked through the host (its answers come in request
 * order, so every dispose asked before has run).
 */
export async function hostTensors(): Promise<number> {
	const lease = acquireModelHost();
	try {
		const stats = await lease.host.stats();
		if (!stats.ok) throw new Error(`the model host did not answer: ${JSON.stringify(stats.errors)}`);
		return stats.value.numTensors;
	} finally {
		lease.release();
	}
}

/**
 * A model host whose engine (in the page, as under jest) starts only when `start()` is called: until
 * then no model can load. `lease` is what a block's `host` override returns.
 */
export async function heldModelHost(): Promise<{ host: ModelHost; start: () => void; lease: () => HostLease }> {
	const { startEngine } = await import('../../../src/model/engine/engine');
	let start: () => void = () => {};
	const held = new Promise<void>((resolve) => (start = resolve));
	const host = new ModelHost(pagePort((scope) => void held.then(() => startEngine(scope))));
	return { host, start, lease: () => ({ host, release: () => {} }) };
}
