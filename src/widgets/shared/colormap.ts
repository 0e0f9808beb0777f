/**
 * Colour scales for heatmaps, legends and images: a diverging scale for signed values centred on 0,
 * a sequential one for feature maps, and gray for raw image input. Each scale is a precomputed
 * 256-entry RGBA lookup table, so painting a pixel is one index computation and four byte copies.
 */
import { interpolateRdBu, interpolateViridis } from 'd3-scale-chromatic';

/** Which colour scale: `diverging` (red - light - blue, for signed data), `sequential` (viridis), `gray` (black - white). */
export type ScaleKind = 'diverging' | 'sequential' | 'gray';

/** The values mapped to the first and last colour of a scale (data units); max > min. */
export interface ValueRange {
	min: number;
	max: number;
}

/** A scale chosen for some data: its kind and the value range its colours span. */
export interface ScaleChoice {
	kind: ScaleKind;
	range: ValueRange;
}

/** Number of colours in every lookup table. */
export const LUT_SIZE = 256;

/** Colour at t in [0, 1] of each scale, as a CSS colour string (only read when a table is built). */
const interpolators: Record<ScaleKind, (t: number) => string> = {
	// RdBu runs red (t = 0) to blue (t = 1): negative red, positive blue, as the number grids colour them.
	diverging: interpolateRdBu,
	sequential: interpolateViridis,
	gray: (t) => {
		const v = Math.round(t * 255);
		return `rgb(${v}, ${v}, ${v})`;
	},
};

/** Parses `#rrggbb` or `rgb(r, g, b)` (what d3-scale-chromatic returns) into bytes [r, g, b]. */
export function parseColor(css: string): [number, number, number] {
	const hex = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(css);
	if (hex) return [parseInt(hex[1] ?? '0', 16), parseInt(hex[2] ?? '0', 16), parseInt(hex[3] ?? '0', 16)];
	const rgb = /^rgb\(\s*(\d+),\s*(\d+),\s*(\d+)\s*\)$/.exec(css);
	if (rgb) return [Number(rgb[1]), Number(rgb[2]), Number(rgb[3])];
	throw new Error(`parseColor: expected #rrggbb or rgb(r, g, b), got '${css}'`);
}

const tables = new Map<ScaleKind, Uint8ClampedArray>();

/**
 * The lookup table of a scale: LUT_SIZE * 4 bytes, entry i (RGBA, alpha 255) being the colour at
 * t = i / 255. Built once per kind and shared: do not modify it.
 */
export function lutFor(kind: ScaleKind): Uint8ClampedArray {
	let lut = tables.get(kind);
	if (!lut) {
		lut = new Uint8ClampedArray(LUT_SIZE * 4);
		const colour = interpolators[kind];
		for (let i = 0; i < LUT_SIZE; i++) {
			const [r, g, b] = parseColor(colour(i / (LUT_SIZE - 1)));
			lut.set([r, g, b, 255], i * 4);
		}
		tables.set(kind, lut);
	}
	return lut;
}

/**
 * Picks the scale for data spanning [min, max]: diverging over the symmetric range [-m, m]
 * (m = the largest magnitude) when min < 0 < max, else sequential over [min, max]. A constant map
 * gets a non-empty range: [0, 1] for zeros, [0, v] for v > 0, [v, 0] for v < 0.
 */
export function chooseScale(min: number, max: number): ScaleChoice {
	if (min < 0 && max > 0) {
		const m = Math.max(-min, max);
		return { kind: 'diverging', range: { min: -m, max: m } };
	}
	if (!(max > min)) {
		const v = Number.isFinite(min) ? min : 0;
		return { kind: 'sequential', range: v === 0 ? { min: 0, max: 1 } : v > 0 ? { min: 0, max: v } : { min: v, max: 0 } };
	}
	return { kind: 'sequential', range: { min, max } };
}

/** The smallest and largest value of one channel of an [h, w, c] tensor's data (c values per pixel). */
export function channelExtent(data: Float32Array, channels: number, channel: number): ValueRange {
	let min = Infinity;
	let max = -Infinity;
	for (let i = channel; i < data.length; i += channels) {
		const v = data[i] ?? 0;
		if (v < min) min = v;
		if (v > max) max = v;
	}
	return min > max ? { min: 0, max: 0 } : { min, max };
}

/** The table index (0..255) of `value` in `range`, clamped at both ends; NaN gives 0. */
export function lutIndex(value: number, range: ValueRange): number {
	const span = range.max - range.min;
	const x = span > 0 ? ((value - range.min) / span) * (LUT_SIZE - 1) : 0;
	return x > 0 ? (x < LUT_SIZE - 1 ? Math.round(x) : LUT_SIZE - 1) : 0;
}

/** The CSS colour `rgb(r, g, b)` of entry `index` (0..255) of a table. */
export function lutColor(lut: Uint8ClampedArray, index: number): string {
	const i = Math.max(0, Math.min(LUT_SIZE - 1, Math.round(index))) * 4;
	return `rgb(${lut[i] ?? 0}, ${lut[i + 1] ?? 0}, ${lut[i + 2] ?? 0})`;
}

/** A CSS `linear-gradient(to right, ...)` through `stops` (>= 2) evenly spaced colours of a scale, for legends. */
export function cssGradient(kind: ScaleKind, stops = 9): string {
	const lut = lutFor(kind);
	const n = Math.max(2, Math.round(stops));
	const parts: string[] = [];
	for (let s = 0; s < n; s++) {
		const t = s / (n - 1);
		parts.push(`${lutColor(lut, t * (LUT_SIZE - 1))} ${(t * 100).toFixed(1).replace(/\.0$/, '')}%`);
	}
	return `linear-gradient(to right, ${parts.join(', ')})`;
}
