/**
 * Explanations with budgets on the convolution widget: a sum of more than 16 products writes the
 * first 12 and how many more, the result exact; the chain's trace-back is one area on the input,
 * counted exactly, without explaining every cell of a large pooling window.
 */
import { activate, conv2d, pool2d, tensor, toArray, type Tensor } from '../../../src/cnn';
import { formatNumber } from '../../../src/widgets/shared/format';
import { hoverCanvas } from '../../helpers/hover';
import { loadPlugin, readGrid } from '../../helpers/plugin';

/** Rows of a `|` matrix block under `key`. */
const block = (key: string, rows: number[][]): string => `${key}: |\n${rows.map((r) => `  ${r.join(' ')}`).join('\n')}\n`;
const sum = (el: HTMLElement): string => el.querySelector('.cnn-explain-sum')?.textContent ?? '';
const hoverGrid = (el: HTMLElement, row: number, col: number, index = 0): void => {
	const grid = el.querySelectorAll('.cnn-grid[data-role="output"]')[index];
	grid?.querySelector(`.cnn-cell[data-row="${row}"][data-col="${col}"]`)?.dispatchEvent(new Event('pointerover', { bubbles: true }));
};

/** The products a person reads for output (row, col) of a one-filter convolution: `value×weight`, negative weights in brackets. */
function products(input: number[][], kernel: number[][], row: number, col: number, dilation = 1, before = 0): string[] {
	return kernel.flatMap((krow, i) =>
		krow.map((w, j) => {
			const v = input[row - before + i * dilation]?.[col - before + j * dilation] ?? 0;
			return `${formatNumber(v)}×${w < 0 ? `(${formatNumber(w)})` : formatNumber(w)}`;
		}),
	);
}

const filters = (k: number[][]): Tensor => ({ shape: [k.length, k[0]?.length ?? 0, 1, 1], data: Float32Array.from(k.flat()) });

describe('cnn-conv: abbreviated arithmetic', () => {
	const input = Array.from({ length: 8 }, (_, r) => Array.from({ length: 8 }, (_, c) => (r * 3 + c * 5) % 7));

	it('a 5x5 kernel (25 products) writes 12, "… and 13 more terms" and the exact sum; a 4x4 kernel (16) writes them all', async () => {
		const kernel5 = Array.from({ length: 5 }, (_, r) => Array.from({ length: 5 }, (_, c) => ((r + 2 * c) % 5) - 2));
		const { render } = loadPlugin();
		const { el } = await render('cnn-conv', block('input', input) + block('kernel', kernel5) + 'bias: 0.5\n');
		hoverGrid(el, 2, 1);
		const out = toArray(conv2d(tensor(input), filters(kernel5), { bias: [0.5] })) as number[][];
		expect(sum(el)).toBe(`${products(input, kernel5, 2, 1).slice(0, 12).join(' + ')} + … and 13 more terms + 0.5 = ${formatNumber(out[2]?.[1] ?? NaN)}`);
		expect(el.querySelectorAll('.cnn-explain-sum .cnn-term')).toHaveLength(12);
		expect(el.querySelectorAll('.cnn-grid[data-role="input"] .cnn-cell.is-tap')).toHaveLength(25);

		const kernel4 = kernel5.slice(0, 4).map((r) => r.slice(0, 4));
		const four = await render('cnn-conv', block('input', input) + block('kernel', kernel4));
		hoverGrid(four.el, 1, 3);
		const out4 = toArray(conv2d(tensor(input), filters(kernel4))) as number[][];
		expect(sum(four.el)).toBe(`${products(input, kernel4, 1, 3).join(' + ')} = ${formatNumber(out4[1]?.[3] ?? NaN)}`);
	});

	it('a 15x15 kernel with dilation 4 on a 64x64 map: 12 of 225 products, the padding note, 225 highlight marks (the dilation gaps stay dark)', async () => {
		const big = Array.from({ length: 64 }, (_, r) => Array.from({ length: 64 }, (_, c) => (r * 5 + c * 3) % 11));
		const kernel = Array.from({ length: 15 }, (_, r) => Array.from({ length: 15 }, (_, c) => ((r * 15 + c) % 5) - 2));
		const { render } = loadPlugin();
		const { el } = await render('cnn-conv', block('input', big) + block('kernel', kernel) + 'dilation: 4\npadding: same\n');
		const output = el.querySelector<HTMLElement>('.cnn-fmap[data-role="output"]');
		if (!output) throw new Error('no output canvas');
		hoverCanvas(output, 2, 40);
		const out = toArray(conv2d(tensor(big), filters(kernel), { dilation: 4, padding: 'same' })) as number[][];
		expect(sum(el)).toBe(`${products(big, kernel, 2, 40, 4, 28).slice(0, 12).join(' + ')} + … and 213 more terms = ${formatNumber(out[2]?.[40] ?? NaN)}`);
		expect(el.textContent).toContain('Grey terms read padding');
		const marks = el.querySelectorAll<HTMLElement>('.cnn-fmap[data-role="input"] .cnn-fmap-mark.is-field:not(.is-hidden)');
		// Rows 2 - 28 + 4i: 8 in the image (2, 6, ..., 30), 7 in the padding; columns 40 - 28 + 4j: 13 in the image (12 ... 60), 2 past it.
		expect(marks).toHaveLength(225);
		expect(Array.from(marks).filter((m) => !m.hasClass('is-ghost'))).toHaveLength(8 * 13);
	});

	it('the chain traces a pooled cell of a 64x64 map back as one area: 64 cells from 100 input cells, one highlight block', async () => {
		const big = Array.from({ length: 64 }, (_, r) => Array.from({ length: 64 }, (_, c) => ((r * 5 + c * 3) % 11) - 5));
		const { render } = loadPlugin();
		const { el } = await render('cnn-conv', block('input', big) + 'kernel: sobel-x\nactivation: relu\npool: max 8\n');
		const sobel = filters([[-1, 0, 1], [-2, 0, 2], [-1, 0, 1]]);
		const relu = activate(conv2d(tensor(big), sobel), 'relu');
		const pooled = toArray(pool2d(relu, { type: 'max', size: 8 })) as number[][];
		expect(readGrid(el, 'output')).toEqual(pooled); // the conv and relu maps (62x62) are canvases, the pooled 7x7 a grid
		hoverGrid(el, 1, 1);
		const window = (toArray(relu) as number[][]).slice(8, 16).flatMap((r) => r.slice(8, 16));
		expect(sum(el)).toBe(`max(${window.slice(0, 12).map(formatNumber).join(', ')}, … and 52 more values) = ${formatNumber(pooled[1]?.[1] ?? NaN)}`);
		expect(el.textContent).toContain('Those 64 cells of the map before pooling come from 100 input cells');
		expect(el.querySelectorAll('.cnn-fmap[data-role="input"] .cnn-fmap-mark.is-field:not(.is-hidden)')).toHaveLength(1);
	});
});
