/**
 * Pure pixel work behind the feature-map canvas: tensor values -> RGBA bytes through a colour lookup
 * table, and pointer position -> cell. No DOM, so jest tests it directly (jsdom has no 2d canvas).
 */
import type { Tensor } from '../../cnn';
import { LUT_SIZE, type ValueRange } from './colormap';

/** The 32-bit mask keeping red, green and blue of an RGBA pixel read as one Uint32 (in this platform's byte order). */
const RGB_MASK = new Uint32Array(Uint8ClampedArray.of(255, 255, 255, 0).buffer)[0]!;

/**
 * Writes one channel of an [h, w, c] tensor into `data` (h * w * 4 RGBA bytes, e.g. an ImageData's),
 * one pixel per cell: each value is mapped linearly from `range` onto the 256-entry RGBA `lut` and
 * clamped at both ends; NaN (a cell not computed yet) is transparent. Allocation-free but for two
 * array views: a 256x256 map is 65,536 table look-ups, one 32-bit write each.
 */
export function paintImageData(data: Uint8ClampedArray, tensor: Tensor, channel: number, lut: Uint8ClampedArray, range: ValueRange): void {
	const [h = 0, w = 0, c = 1] = tensor.shape;
	const src = tensor.data;
	const n = h * w;
	const span = range.max - range.min;
	const scale = span > 0 ? (LUT_SIZE - 1) / span : 0;
	const min = range.min;
	const top = LUT_SIZE - 1;
	const aligned = data.byteOffset % 4 === 0 && lut.byteOffset % 4 === 0 && data.length >= n * 4 && lut.length >= LUT_SIZE * 4;
	if (!aligned) return paintBytes(data, src, n, c, channel, lut, min, scale);
	// Pixels and table entries as one 32-bit word each: the bytes keep their order, whatever the platform's.
	const pixels = new Uint32Array(data.buffer, data.byteOffset, n);
	const colours = new Uint32Array(lut.buffer, lut.byteOffset, LUT_SIZE);
	const blank = colours[0]! & RGB_MASK;
	for (let i = 0, s = channel; i < n; i++, s += c) {
		const v = src[s]!;
		const x = (v - min) * scale;
		pixels[i] = !Number.isNaN(v) ? colours[x > 0 ? (x < top ? (x + 0.5) | 0 : top) : 0]! : blank;
	}
}

/** paintImageData byte by byte, for arrays that cannot be viewed as 32-bit words. */
function paintBytes(data: Uint8ClampedArray, src: Float32Array, n: number, c: number, channel: number, lut: Uint8ClampedArray, min: number, scale: number): void {
	const top = LUT_SIZE - 1;
	for (let i = 0, s = channel, d = 0; i < n; i++, s += c, d += 4) {
		const v = src[s] ?? 0;
		const x = (v - min) * scale;
		const k = (x > 0 ? (x < top ? (x + 0.5) | 0 : top) : 0) * 4;
		data[d] = lut[k] ?? 0;
		data[d + 1] = lut[k + 1] ?? 0;
		data[d + 2] = lut[k + 2] ?? 0;
		data[d + 3] = Number.isNaN(v) ? 0 : (lut[k + 3] ?? 255);
	}
}

/** Writes an [h, w, 3] tensor with values in [0, 1] (RGB) into `data` (h * w * 4 RGBA bytes), opaque; the clamped array rounds and clamps. */
export function paintRgbImageData(data: Uint8ClampedArray, tensor: Tensor): void {
	const [h = 0, w = 0, c = 3] = tensor.shape;
	const src = tensor.data;
	const n = h * w;
	for (let i = 0, s = 0, d = 0; i < n; i++, s += c, d += 4) {
		data[d] = (src[s] ?? 0) * 255;
		data[d + 1] = (src[s + 1] ?? 0) * 255;
		data[d + 2] = (src[s + 2] ?? 0) * 255;
		data[d + 3] = 255;
	}
}

/** Padding cells drawn around a map (ghost cells), per side. */
export interface PaddingBox {
	top: number;
	right: number;
	bottom: number;
	left: number;
}

/** A map's layout in cells: the image (rows x cols) inside its padding frame. */
export interface MapGeometry {
	rows: number;
	cols: number;
	padding: PaddingBox;
}

/** A cell of a map, 0-based; rows/cols outside 0..rows-1 / 0..cols-1 lie in the padding. */
export interface CellRef {
	row: number;
	col: number;
}

/** A PaddingBox from cells on every side, [rows, cols] on each side, or a box (negative values count as 0). */
export function paddingBox(padding: number | readonly [number, number] | PaddingBox | undefined): PaddingBox {
	const p = (v: number): number => Math.max(0, Math.floor(v));
	if (padding === undefined) return { top: 0, right: 0, bottom: 0, left: 0 };
	if (typeof padding === 'number') return { top: p(padding), right: p(padding), bottom: p(padding), left: p(padding) };
	if ('top' in padding) return { top: p(padding.top), right: p(padding.right), bottom: p(padding.bottom), left: p(padding.left) };
	return { top: p(padding[0]), right: p(padding[1]), bottom: p(padding[0]), left: p(padding[1]) };
}

/**
 * The image cell under a point, given the padded frame's rectangle on screen (CSS pixels): null
 * when the point is outside the image (in the padding or beyond the frame).
 */
export function cellAt(x: number, y: number, frame: { left: number; top: number; width: number; height: number }, g: MapGeometry): CellRef | null {
	const totalRows = g.padding.top + g.rows + g.padding.bottom;
	const totalCols = g.padding.left + g.cols + g.padding.right;
	if (frame.width <= 0 || frame.height <= 0) return null;
	const col = Math.floor(((x - frame.left) / frame.width) * totalCols) - g.padding.left;
	const row = Math.floor(((y - frame.top) / frame.height) * totalRows) - g.padding.top;
	return row >= 0 && row < g.rows && col >= 0 && col < g.cols ? { row, col } : null;
}

/** Whether a cell is in the image, in the padding frame ('ghost'), or outside both ('outside'). */
export function cellPlace(cell: CellRef, g: MapGeometry): 'image' | 'ghost' | 'outside' {
	const { row, col } = cell;
	if (row >= 0 && row < g.rows && col >= 0 && col < g.cols) return 'image';
	const inFrame = row >= -g.padding.top && row < g.rows + g.padding.bottom && col >= -g.padding.left && col < g.cols + g.padding.right;
	return inFrame ? 'ghost' : 'outside';
}

/** A block of cells of a map: top-left cell (image coordinates), size in cells, and whether it lies in the padding. */
export interface CellRect {
	row: number;
	col: number;
	rows: number;
	cols: number;
	ghost: boolean;
}

/**
 * Runs of consecutive positions of `sorted` (ascending, distinct) inside [lo, hi), cut at 0 and at
 * `size` (the image's edges), as [first, length] pairs.
 */
export function positionRuns(sorted: readonly number[], lo: number, hi: number, size: number): [number, number][] {
	const runs: [number, number][] = [];
	let first = NaN;
	let last = NaN;
	for (const p of sorted) {
		if (p < lo || p >= hi) continue;
		if (p === last + 1 && p !== 0 && p !== size) last = p;
		else {
			if (!Number.isNaN(first)) runs.push([first, last - first + 1]);
			first = p;
			last = p;
		}
	}
	if (!Number.isNaN(first)) runs.push([first, last - first + 1]);
	return runs;
}

/**
 * The rectangles covering the cells of `area` ({rows, cols}: every row with every column) that lie
 * in the map's frame (image and padding): one per run of adjacent rows and run of adjacent columns,
 * each wholly in the image or wholly in the padding ('ghost'). When there would be more than `max`,
 * one rectangle around them all instead (`extent`). Work grows with the area's rows and columns and
 * `max`, never with its cell count.
 */
export function areaRects(area: { rows: readonly number[]; cols: readonly number[] }, g: MapGeometry, max: number): { rects: CellRect[]; extent: boolean } {
	const rowRuns = positionRuns(area.rows, -g.padding.top, g.rows + g.padding.bottom, g.rows);
	const colRuns = positionRuns(area.cols, -g.padding.left, g.cols + g.padding.right, g.cols);
	if (rowRuns.length === 0 || colRuns.length === 0) return { rects: [], extent: false };
	if (rowRuns.length * colRuns.length > max) {
		const [top = 0] = rowRuns[0] ?? [];
		const [left = 0] = colRuns[0] ?? [];
		const [lastRow = 0, lastRows = 1] = rowRuns[rowRuns.length - 1] ?? [];
		const [lastCol = 0, lastCols = 1] = colRuns[colRuns.length - 1] ?? [];
		return { rects: [{ row: top, col: left, rows: lastRow + lastRows - top, cols: lastCol + lastCols - left, ghost: false }], extent: true };
	}
	const inImage = (first: number, size: number): boolean => first >= 0 && first < size;
	const rects: CellRect[] = [];
	for (const [row, rows] of rowRuns) {
		for (const [col, cols] of colRuns) rects.push({ row, col, rows, cols, ghost: !inImage(row, g.rows) || !inImage(col, g.cols) });
	}
	return { rects, extent: false };
}
