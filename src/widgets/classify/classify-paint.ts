/**
 * Small canvases for the classify widget: one channel of an [h, w, c] activation painted through
 * a shared colour scale (colormap.ts, paint.ts) into an ImageData created once per canvas and
 * reused on every update, and a long vector drawn as bars.
 */
import { lutFor, lutIndex, type ScaleChoice } from '../shared/colormap';
import { paintImageData } from '../shared/paint';

/** A canvas showing one h x w map; without a 2d context (jsdom) painting does nothing. */
export class HeatCanvas {
	readonly el: HTMLCanvasElement;
	private ctx: CanvasRenderingContext2D | null | undefined;
	private image: ImageData | null = null;

	/** Creates the canvas (width w, height h pixels; CSS decides its displayed size) under `parent`. */
	constructor(parent: HTMLElement, readonly h: number, readonly w: number, cls: string) {
		this.el = parent.createEl('canvas', { cls, attr: { width: w, height: h } });
	}

	/** The 2d context and the reused ImageData, looked up on first paint. */
	private target(): { ctx: CanvasRenderingContext2D; image: ImageData } | null {
		if (this.ctx === undefined) this.ctx = this.el.getContext('2d');
		if (!this.ctx) return null;
		this.image ??= this.ctx.createImageData(this.w, this.h);
		return { ctx: this.ctx, image: this.image };
	}

	/**
	 * Paints channel `channel` of `data` (an [h, w, channels] activation, row-major) with the colours of
	 * `scale`: each value looked up in the scale's 256-entry table over the scale's range.
	 */
	paint(data: Float32Array, channels: number, channel: number, scale: ScaleChoice): void {
		const t = this.target();
		if (!t) return;
		paintImageData(t.image.data, { shape: [this.h, this.w, channels], data }, channel, lutFor(scale.kind), scale.range);
		t.ctx.putImageData(t.image, 0, 0);
	}

	/** Paints a picture as it is: [h, w, channels] values in 0..1, gray (1 channel) or colour (3 channels, red green blue). */
	paintPicture(data: Float32Array, channels: number): void {
		const t = this.target();
		if (!t) return;
		const out = t.image.data;
		const n = this.h * this.w;
		for (let p = 0; p < n; p++) {
			for (let ch = 0; ch < 3; ch++) {
				const v = data[p * channels + (channels >= 3 ? ch : 0)] ?? 0;
				out[p * 4 + ch] = Math.round(Math.min(1, Math.max(0, v)) * 255);
			}
			out[p * 4 + 3] = 255;
		}
		t.ctx.putImageData(t.image, 0, 0);
	}
}

/** The smallest and largest value over all of `data`. */
export function extent(data: Float32Array): { min: number; max: number } {
	let min = Infinity;
	let max = -Infinity;
	for (let i = 0; i < data.length; i++) {
		const v = data[i] ?? 0;
		if (v < min) min = v;
		if (v > max) max = v;
	}
	return min > max ? { min: 0, max: 0 } : { min, max };
}

/**
 * A long vector as a bar chart on a canvas: one column per value, its height proportional to the
 * value's magnitude (from the bottom, or from the middle line when values are signed), coloured by
 * the scale; painted into an ImageData created once.
 */
export class BarStrip {
	readonly el: HTMLCanvasElement;
	private ctx: CanvasRenderingContext2D | null | undefined;
	private image: ImageData | null = null;

	/** A canvas `count` pixels wide (one per value) and `height` pixels high under `parent`. */
	constructor(parent: HTMLElement, readonly count: number, readonly height: number, cls: string) {
		this.el = parent.createEl('canvas', { cls, attr: { width: count, height } });
	}

	/** Paints `values` (count of them) with the colours and range of `scale`. */
	paint(values: Float32Array, scale: ScaleChoice): void {
		if (this.ctx === undefined) this.ctx = this.el.getContext('2d');
		if (!this.ctx) return;
		this.image ??= this.ctx.createImageData(this.count, this.height);
		const out = this.image.data;
		out.fill(0);
		const lut = lutFor(scale.kind);
		const signed = scale.range.min < 0;
		const m = Math.max(Math.abs(scale.range.min), Math.abs(scale.range.max)) || 1;
		const base = signed ? Math.floor(this.height / 2) : this.height;
		const span = signed ? Math.floor(this.height / 2) : this.height;
		for (let x = 0; x < this.count; x++) {
			const v = values[x] ?? 0;
			const k = lutIndex(v, scale.range) * 4;
			// At most `span` pixels: a non-finite value (NaN, or the -Infinity that tfjs's cpu max-pooling
			// gives for NaN) draws no bar instead of looping forever.
			const size = Number.isFinite(v) ? Math.min(span, Math.round((Math.abs(v) / m) * span)) : 0;
			const from = v >= 0 ? base - size : base;
			for (let y = from; y < from + size; y++) {
				const o = (y * this.count + x) * 4;
				out[o] = lut[k] ?? 0;
				out[o + 1] = lut[k + 1] ?? 0;
				out[o + 2] = lut[k + 2] ?? 0;
				out[o + 3] = 255;
			}
		}
		this.ctx.putImageData(this.image, 0, 0);
	}
}
