/**
 * Pen strokes -> an anti-aliased ink raster, so the drawing pad's digit can be preprocessed the same
 * way in the browser and under jest (no canvas needed). Pure: no DOM, no tfjs.
 */
import type { InkImage } from './preprocess';

/** One stroke: points [x0, y0, x1, y1, ...] in pad units, (0, 0) top-left to (1, 1) bottom-right. */
export type Stroke = number[];

/** Side (pixels) of the raster strokes are painted into before preprocessing. */
export const RASTER_SIDE = 140;
/** Pen width as a fraction of the pad side: about 2 pixels of 28 for a digit filling 70% of the pad. */
export const PEN_WIDTH = 0.07;

/** A square ink raster of `side` pixels, all paper. */
export function blankInk(side = RASTER_SIDE): InkImage {
	return { width: side, height: side, data: new Float32Array(side * side) };
}

/**
 * Paints the segment (ax, ay)-(bx, by) (raster pixels) as a round-capped line of radius r, with
 * one pixel of anti-aliasing; ink only increases (max), so overlapping segments do not darken.
 */
function paintSegment(ink: InkImage, ax: number, ay: number, bx: number, by: number, r: number): void {
	const { width, height, data } = ink;
	const x0 = Math.max(0, Math.floor(Math.min(ax, bx) - r - 1));
	const x1 = Math.min(width - 1, Math.ceil(Math.max(ax, bx) + r + 1));
	const y0 = Math.max(0, Math.floor(Math.min(ay, by) - r - 1));
	const y1 = Math.min(height - 1, Math.ceil(Math.max(ay, by) + r + 1));
	const dx = bx - ax;
	const dy = by - ay;
	const len2 = dx * dx + dy * dy;
	for (let y = y0; y <= y1; y++) {
		const py = y + 0.5;
		for (let x = x0; x <= x1; x++) {
			const px = x + 0.5;
			const t = len2 > 0 ? Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / len2)) : 0;
			const ex = px - (ax + t * dx);
			const ey = py - (ay + t * dy);
			const cover = r + 0.5 - Math.sqrt(ex * ex + ey * ey);
			if (cover <= 0) continue;
			const i = y * width + x;
			const v = cover >= 1 ? 1 : cover;
			if (v > (data[i] ?? 0)) data[i] = v;
		}
	}
}

/**
 * Paints the points of `stroke` from point index `from` on (a single point is a dot) into `ink`,
 * with pen width `width` (fraction of the raster side). Returns the ink for chaining.
 */
export function paintStroke(ink: InkImage, stroke: Stroke, from = 0, width = PEN_WIDTH): InkImage {
	const side = ink.width;
	const r = (width * side) / 2;
	const n = Math.floor(stroke.length / 2);
	if (n === 0) return ink;
	if (n === 1) {
		const x = (stroke[0] ?? 0) * side;
		const y = (stroke[1] ?? 0) * side;
		paintSegment(ink, x, y, x, y, r);
		return ink;
	}
	for (let p = Math.max(1, from); p < n; p++) {
		paintSegment(
			ink,
			(stroke[2 * p - 2] ?? 0) * side,
			(stroke[2 * p - 1] ?? 0) * side,
			(stroke[2 * p] ?? 0) * side,
			(stroke[2 * p + 1] ?? 0) * side,
			r,
		);
	}
	return ink;
}

/** A fresh raster with all `strokes` painted. */
export function rasterize(strokes: readonly Stroke[], side = RASTER_SIDE, width = PEN_WIDTH): InkImage {
	const ink = blankInk(side);
	for (const stroke of strokes) paintStroke(ink, stroke, 0, width);
	return ink;
}
