/** Classic image-processing kernels, as 2-D rows of weights, to try in a conv block. */

/** Deep-freezes a preset table so no widget can edit the shared rows by accident (copy them to edit). */
function frozen(table: Record<string, number[][]>): Record<string, number[][]> {
	for (const rows of Object.values(table)) {
		for (const row of rows) Object.freeze(row);
		Object.freeze(rows);
	}
	return Object.freeze(table);
}

/** The rows of the preset called `name` (exact, lower case), or undefined; never a property every object has (`constructor`). */
export function presetKernel(name: string): readonly (readonly number[])[] | undefined {
	return Object.prototype.hasOwnProperty.call(kernelPresets, name) ? kernelPresets[name] : undefined;
}

/** Ninths of a 3x3 box (1/9 each). */
const NINTH = 1 / 9;

/**
 * Named kernels as rows of weights (square, odd size, to use with tensor() as [kh, kw, 1] filters):
 * blurs, sharpening, edge and gradient detectors. Read-only: copy a preset before editing it.
 */
export const kernelPresets: Record<string, number[][]> = frozen({
	identity: [[0, 0, 0], [0, 1, 0], [0, 0, 0]],
	'box-blur': [[NINTH, NINTH, NINTH], [NINTH, NINTH, NINTH], [NINTH, NINTH, NINTH]],
	'gaussian-blur': [[1 / 16, 2 / 16, 1 / 16], [2 / 16, 4 / 16, 2 / 16], [1 / 16, 2 / 16, 1 / 16]],
	'gaussian-blur-5x5': [
		[1 / 256, 4 / 256, 6 / 256, 4 / 256, 1 / 256],
		[4 / 256, 16 / 256, 24 / 256, 16 / 256, 4 / 256],
		[6 / 256, 24 / 256, 36 / 256, 24 / 256, 6 / 256],
		[4 / 256, 16 / 256, 24 / 256, 16 / 256, 4 / 256],
		[1 / 256, 4 / 256, 6 / 256, 4 / 256, 1 / 256],
	],
	sharpen: [[0, -1, 0], [-1, 5, -1], [0, -1, 0]],
	'sobel-x': [[-1, 0, 1], [-2, 0, 2], [-1, 0, 1]],
	'sobel-y': [[-1, -2, -1], [0, 0, 0], [1, 2, 1]],
	'prewitt-x': [[-1, 0, 1], [-1, 0, 1], [-1, 0, 1]],
	'prewitt-y': [[-1, -1, -1], [0, 0, 0], [1, 1, 1]],
	'scharr-x': [[-3, 0, 3], [-10, 0, 10], [-3, 0, 3]],
	'scharr-y': [[-3, -10, -3], [0, 0, 0], [3, 10, 3]],
	laplacian: [[0, 1, 0], [1, -4, 1], [0, 1, 0]],
	ridge: [[0, -1, 0], [-1, 4, -1], [0, -1, 0]],
	'edge-detect': [[1, 0, -1], [0, 0, 0], [-1, 0, 1]],
	outline: [[-1, -1, -1], [-1, 8, -1], [-1, -1, -1]],
	emboss: [[-2, -1, 0], [-1, 1, 1], [0, 1, 2]],
	'horizontal-lines': [[-1, -1, -1], [2, 2, 2], [-1, -1, -1]],
	'vertical-lines': [[-1, 2, -1], [-1, 2, -1], [-1, 2, -1]],
});
