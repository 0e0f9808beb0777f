import { sizeOf, tensor, toArray, zeros } from '../../src/cnn';

describe('tensor / toArray', () => {
	it('2-D rows [h][w] -> shape [h, w, 1], row-major', () => {
		const t = tensor([[1, 2, 3], [4, 5, 6]]);
		expect(t.shape).toEqual([2, 3, 1]);
		expect(Array.from(t.data)).toEqual([1, 2, 3, 4, 5, 6]);
	});

	it('3-D [h][w][c] -> shape [h, w, c], channels last', () => {
		const t = tensor([[[1, 2], [3, 4]], [[5, 6], [7, 8]]]);
		expect(t.shape).toEqual([2, 2, 2]);
		expect(Array.from(t.data)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
	});

	it('toArray round-trips: [h, w, 1] gives 2-D rows, [h, w, c] gives 3-D', () => {
		const rows = [[1, 2, 3], [4, 5, 6]];
		const cube = [[[1, 2], [3, 4]], [[5, 6], [7, 8]]];
		expect(toArray(tensor(rows))).toEqual(rows);
		expect(toArray(tensor(cube))).toEqual(cube);
		expect(toArray(tensor([[[1], [2]]]))).toEqual([[1, 2]]);
		expect(toArray({ shape: [1, 2], data: Float32Array.from([7, 8]) })).toEqual([[7, 8]]);
	});

	it('values are stored as float32', () => {
		expect(tensor([[0.1]]).data[0]).toBe(Math.fround(0.1));
	});

	it('zeros and sizeOf', () => {
		expect(zeros([2, 3, 4]).data).toHaveLength(24);
		expect(sizeOf([2, 3, 4])).toBe(24);
		expect(sizeOf([])).toBe(1);
	});

	it.each<[string, unknown, RegExp]>([
		['empty', [], /tensor: values must be a non-empty array of rows, got \[\]/],
		['not an array', 'abc', /tensor: values .* got 'abc'/],
		['empty row', [[]], /tensor: row 0 must be a non-empty array/],
		['ragged rows', [[1, 2], [3]], /tensor: every row must have 2 values like row 0, got \[3\] at row 1/],
		['NaN', [[1, NaN]], /tensor: values must be finite numbers, got NaN at \[0, 1\]/],
		['Infinity', [[1], [Infinity]], /got Infinity at \[1, 0\]/],
		['a string value', [[1, '2']], /got '2' at \[0, 1\]/],
		['ragged channels', [[[1, 2], [3]]], /every cell must hold 2 channel values like cell \[0, 0\], got \[3\] at \[0, 1\]/],
		['mixed 2-D / 3-D', [[[1], 2]], /every cell must hold 1 channel values/],
		['no channels', [[[]]], /cell \[0, 0\] must hold at least one channel value/],
	])('tensor throws on %s', (_, values, message) => {
		expect(() => tensor(values as number[][])).toThrow(message);
	});

	it('toArray throws on a rank it cannot show or a data length that does not match', () => {
		expect(() => toArray({ shape: [2, 2, 2, 2], data: new Float32Array(16) })).toThrow(/toArray: tensor must have shape \[height, width\] or \[height, width, channels\]/);
		expect(() => toArray({ shape: [2, 2, 1], data: new Float32Array(3) })).toThrow(/with 3 values/);
	});
});
