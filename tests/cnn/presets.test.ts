import { conv2d, kernelPresets, tensor, toArray } from '../../src/cnn';

describe('kernelPresets', () => {
	it('has the classic kernels', () => {
		for (const name of ['identity', 'box-blur', 'gaussian-blur', 'sharpen', 'sobel-x', 'sobel-y', 'laplacian', 'emboss', 'outline']) {
			expect(kernelPresets).toHaveProperty([name]);
		}
	});

	it.each(Object.entries(kernelPresets))('%s is a square, odd-sized grid of finite numbers', (_, rows) => {
		expect(rows.length % 2).toBe(1);
		for (const row of rows) {
			expect(row).toHaveLength(rows.length);
			expect(row.every(Number.isFinite)).toBe(true);
		}
	});

	const sum = (rows: number[][]): number => rows.flat().reduce((a, b) => a + b, 0);

	it('blurs, sharpen and identity keep brightness (weights sum to 1); edge detectors sum to 0', () => {
		for (const name of ['identity', 'box-blur', 'gaussian-blur', 'gaussian-blur-5x5', 'sharpen', 'emboss']) expect(sum(kernelPresets[name] ?? [])).toBeCloseTo(1, 10);
		for (const name of ['sobel-x', 'sobel-y', 'prewitt-x', 'prewitt-y', 'scharr-x', 'scharr-y', 'laplacian', 'ridge', 'edge-detect', 'outline']) expect(sum(kernelPresets[name] ?? [])).toBe(0);
	});

	it('identity with p=same leaves an image unchanged; sobel-x responds to a left-to-right ramp', () => {
		const image = [[1, 2, 3, 4], [5, 6, 7, 8], [9, 10, 11, 12]];
		expect(toArray(conv2d(tensor(image), tensor(kernelPresets.identity ?? []), { padding: 'same' }))).toEqual(image);
		const ramp = tensor([[0, 1, 2, 3], [0, 1, 2, 3], [0, 1, 2, 3]]);
		expect(toArray(conv2d(ramp, tensor(kernelPresets['sobel-x'] ?? [])))).toEqual([[8, 8]]);
	});

	it('is read-only, so no widget can change a preset for the others', () => {
		expect(Object.isFrozen(kernelPresets)).toBe(true);
		for (const rows of Object.values(kernelPresets)) {
			expect(Object.isFrozen(rows)).toBe(true);
			expect(rows.every((row) => Object.isFrozen(row))).toBe(true);
		}
		expect(kernelPresets.identity?.[0]?.[0]).toBe(0);
	});
});
