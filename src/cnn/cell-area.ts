/**
 * Sets of cells shaped as a product of rows and columns: a receptive field (dilated or not), a
 * pooling window, and the union of the receptive fields of a block of output cells all have this
 * shape, so they are described by two short lists instead of one entry per cell.
 */

/** Every cell (row, col) with row in `rows` and col in `cols`; both ascending, without repeats; input coordinates (negative or past the end on padding). */
export interface CellArea {
	rows: number[];
	cols: number[];
}

/** One axis of a sweep as the area maths needs it (an AxisGeometry fits): cells between windows, padding before, taps per window and between taps. */
export interface SweepAxis {
	stride: number;
	before: number;
	kernel: number;
	dilation: number;
}

/**
 * The input positions (ascending, distinct) read along one axis by output positions `first` to
 * `last`: every `o * stride - before + k * dilation`. Work is (last - first + 1) * kernel steps,
 * whatever the input size.
 */
export function axisReach(g: SweepAxis, first: number, last: number): number[] {
	const lo = first * g.stride - g.before;
	const hi = last * g.stride - g.before + (g.kernel - 1) * g.dilation;
	const seen = new Uint8Array(hi - lo + 1);
	for (let o = first; o <= last; o++) {
		const start = o * g.stride - g.before - lo;
		for (let k = 0; k < g.kernel; k++) seen[start + k * g.dilation] = 1;
	}
	const out: number[] = [];
	for (let i = 0; i < seen.length; i++) if (seen[i] === 1) out.push(lo + i);
	return out;
}

/** Number of cells in an area. */
export function areaSize(area: CellArea): number {
	return area.rows.length * area.cols.length;
}

/** The part of an area inside an h x w map (padding cut off). */
export function clipArea(area: CellArea, h: number, w: number): CellArea {
	return { rows: area.rows.filter((r) => r >= 0 && r < h), cols: area.cols.filter((c) => c >= 0 && c < w) };
}
