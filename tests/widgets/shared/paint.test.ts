import { tensor } from '../../../src/cnn';
import { lutFor } from '../../../src/widgets/shared/colormap';
import { areaRects, cellAt, cellPlace, paddingBox, paintImageData, paintRgbImageData, positionRuns } from '../../../src/widgets/shared/paint';

/** Pixel i of RGBA bytes. */
const px = (data: Uint8ClampedArray, i: number): number[] => Array.from(data.subarray(i * 4, i * 4 + 4));

describe('paintImageData', () => {
	it('gray scale over [0, 1]: 0 -> black, 1 -> white, 0.5 -> mid gray, one pixel per cell', () => {
		const data = new Uint8ClampedArray(4 * 4);
		paintImageData(data, tensor([[0, 0.5], [1, 2]]), 0, lutFor('gray'), { min: 0, max: 1 });
		expect(px(data, 0)).toEqual([0, 0, 0, 255]);
		expect(px(data, 1)).toEqual([128, 128, 128, 255]);
		expect(px(data, 2)).toEqual([255, 255, 255, 255]);
		expect(px(data, 3)).toEqual([255, 255, 255, 255]); // clamped above the range
	});

	it('paints the requested channel of an [h, w, c] tensor', () => {
		const t = tensor([[[0, 1, 0.25]], [[1, 0, 0.75]]]);
		const data = new Uint8ClampedArray(2 * 4);
		paintImageData(data, t, 1, lutFor('gray'), { min: 0, max: 1 });
		expect([px(data, 0)[0], px(data, 1)[0]]).toEqual([255, 0]);
		paintImageData(data, t, 2, lutFor('gray'), { min: 0, max: 1 });
		expect([px(data, 0)[0], px(data, 1)[0]]).toEqual([64, 191]);
	});

	it('writes the same bytes through 32-bit words as byte by byte (unaligned arrays): every value, NaN, both clamps', () => {
		const values = Float32Array.from({ length: 600 }, (_, i) => (i % 97 === 0 ? NaN : Math.sin(i * 1.7) * 5));
		const t = { shape: [20, 15, 2], data: values };
		const range = { min: -3, max: 4 };
		for (const kind of ['diverging', 'sequential', 'gray'] as const) {
			const lut = lutFor(kind);
			const words = new Uint8ClampedArray(300 * 4);
			paintImageData(words, t, 1, lut, range);
			const unaligned = new Uint8ClampedArray(300 * 4 + 1).subarray(1); // byte offset 1: painted byte by byte
			paintImageData(unaligned, t, 1, lut, range);
			expect(Array.from(words)).toEqual(Array.from(unaligned));
			for (let i = 0; i < 300; i++) {
				const v = values[i * 2 + 1]!;
				const x = ((v - range.min) / (range.max - range.min)) * 255;
				const k = Number.isNaN(v) ? 0 : x > 0 ? (x < 255 ? Math.floor(x + 0.5) : 255) : 0;
				expect(px(words, i)).toEqual([...Array.from(lut.subarray(k * 4, k * 4 + 3)), Number.isNaN(v) ? 0 : 255]);
			}
		}
	});

	it('matches the table entries for a diverging range: -m -> first, 0 -> middle, m -> last', () => {
		const lut = lutFor('diverging');
		const data = new Uint8ClampedArray(3 * 4);
		paintImageData(data, tensor([[-4, 0, 4]]), 0, lut, { min: -4, max: 4 });
		expect(px(data, 0)).toEqual(Array.from(lut.subarray(0, 4)));
		expect(px(data, 1)).toEqual(Array.from(lut.subarray(128 * 4, 128 * 4 + 4)));
		expect(px(data, 2)).toEqual(Array.from(lut.subarray(255 * 4, 256 * 4)));
	});

	it('paints NaN (a cell not computed yet) transparent', () => {
		const data = new Uint8ClampedArray(2 * 4);
		paintImageData(data, { shape: [1, 2, 1], data: Float32Array.from([NaN, 1]) }, 0, lutFor('sequential'), { min: 0, max: 1 });
		expect(data[3]).toBe(0);
		expect(data[7]).toBe(255);
	});
});

describe('paintRgbImageData', () => {
	it('writes [h, w, 3] values in [0, 1] as opaque bytes', () => {
		const data = new Uint8ClampedArray(2 * 4);
		paintRgbImageData(data, tensor([[[1, 0, 0.5], [0, 1, 0.2]]]));
		expect(px(data, 0)).toEqual([255, 0, 128, 255]);
		expect(px(data, 1)).toEqual([0, 255, 51, 255]);
	});
});

describe('map geometry', () => {
	const g = { rows: 4, cols: 5, padding: paddingBox([1, 2]) }; // frame 6 x 9 cells

	it('paddingBox accepts a number, [rows, cols] or a box', () => {
		expect(paddingBox(undefined)).toEqual({ top: 0, right: 0, bottom: 0, left: 0 });
		expect(paddingBox(2)).toEqual({ top: 2, right: 2, bottom: 2, left: 2 });
		expect(paddingBox([1, 2])).toEqual({ top: 1, right: 2, bottom: 1, left: 2 });
		expect(paddingBox({ top: 0, right: 1, bottom: 1, left: 0 })).toEqual({ top: 0, right: 1, bottom: 1, left: 0 });
	});

	it('cellAt: a point on screen -> the image cell under it, null in the padding or outside', () => {
		const frame = { left: 100, top: 50, width: 90, height: 60 }; // 10 px per cell
		expect(cellAt(125, 65, frame, g)).toEqual({ row: 0, col: 0 }); // frame cell (1, 2)
		expect(cellAt(169, 99, frame, g)).toEqual({ row: 3, col: 4 }); // frame cell (4, 6): the bottom-right image cell
		expect(cellAt(169, 109, frame, g)).toBeNull(); // frame cell (5, 6): bottom padding
		expect(cellAt(105, 80, frame, g)).toBeNull(); // left padding
		expect(cellAt(95, 80, frame, g)).toBeNull(); // outside the frame
	});

	it('cellPlace: image, ghost (padding) or outside', () => {
		expect(cellPlace({ row: 0, col: 0 }, g)).toBe('image');
		expect(cellPlace({ row: -1, col: -2 }, g)).toBe('ghost');
		expect(cellPlace({ row: 4, col: 6 }, g)).toBe('ghost');
		expect(cellPlace({ row: -2, col: 0 }, g)).toBe('outside');
		expect(cellPlace({ row: 0, col: 7 }, g)).toBe('outside');
	});
});

describe('positionRuns and areaRects: a highlight area as few rectangles', () => {
	const g = { rows: 4, cols: 5, padding: paddingBox(1) };

	it('runs of adjacent positions, cut at the image edges (0 and size) and clipped to the frame', () => {
		expect(positionRuns([-3, -1, 0, 1, 2, 4, 5, 6], -1, 6, 5)).toEqual([
			[-1, 1],
			[0, 3],
			[4, 1],
			[5, 1],
		]);
		expect(positionRuns([], 0, 5, 5)).toEqual([]);
	});

	it('a window overlapping the padding: one rectangle per run pair, each all image or all ghost', () => {
		const { rects, extent } = areaRects({ rows: [-1, 0, 1], cols: [-1, 0, 1, 2] }, g, 256);
		expect(extent).toBe(false);
		expect(rects).toEqual([
			{ row: -1, col: -1, rows: 1, cols: 1, ghost: true },
			{ row: -1, col: 0, rows: 1, cols: 3, ghost: true },
			{ row: 0, col: -1, rows: 2, cols: 1, ghost: true },
			{ row: 0, col: 0, rows: 2, cols: 3, ghost: false },
		]);
	});

	it('a global window of 256x256 cells is one rectangle', () => {
		const all = Array.from({ length: 256 }, (_, i) => i);
		expect(areaRects({ rows: all, cols: all }, { rows: 256, cols: 256, padding: paddingBox(0) }, 256).rects).toEqual([{ row: 0, col: 0, rows: 256, cols: 256, ghost: false }]);
	});

	it('more rectangles than the budget: one rectangle around them all, flagged as an extent', () => {
		const even = Array.from({ length: 20 }, (_, i) => 2 * i); // 20 runs each way: 400 rectangles
		expect(areaRects({ rows: even, cols: even }, { rows: 64, cols: 64, padding: paddingBox(0) }, 256)).toEqual({
			rects: [{ row: 0, col: 0, rows: 39, cols: 39, ghost: false }],
			extent: true,
		});
	});
});
