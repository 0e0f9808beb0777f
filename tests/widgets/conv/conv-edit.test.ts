/**
 * A kernel edit on the conv -> relu -> pool chain with two filters updates exactly the edited
 * filter's maps (with the numbers a fresh computation gives) and leaves everything of the other
 * filter untouched: on number grids (read through the DOM) and on canvases (which maps redraw).
 */
import { activate, conv2d, pool2d, stackKernels, tensor, toArray, type Tensor } from '../../../src/cnn';
import { FeatureMapView } from '../../../src/widgets/shared/feature-map';
import { loadPlugin, readGrid } from '../../helpers/plugin';

/** A size x size matrix of small integers, as block text. */
function rowsOf(size: number): number[][] {
	return Array.from({ length: size }, (_, r) => Array.from({ length: size }, (_, c) => ((r * 7 + c * 3) % 5) - 2));
}

const block = (rows: number[][]): string =>
	`input: |\n${rows.map((r) => `  ${r.join(' ')}`).join('\n')}\nfilters: [sobel-x, sobel-y]\nactivation: relu\npool: max 2\n`;

const SOBEL_X = [[-1, 0, 1], [-2, 0, 2], [-1, 0, 1]];
const SOBEL_Y = [[-1, -2, -1], [0, 0, 0], [1, 2, 1]];

/** Types `value` into weight (row, col) of filter `filter`'s editor, as a person does. */
function typeWeight(el: HTMLElement, filter: number, row: number, col: number, value: string): void {
	const editor = el.querySelectorAll('.cnn-kernel-editor')[filter];
	const input = editor?.querySelector<HTMLInputElement>(`.cnn-cell[data-row="${row}"][data-col="${col}"] input`);
	if (!input) throw new Error(`no weight ${row},${col} of filter ${filter + 1}`);
	input.value = value;
	input.dispatchEvent(new Event('input'));
}

/** The three maps of one filter of the chain: output, relu, pooled. */
function chainOf(input: Tensor, kernel: number[][]): number[][][] {
	const out = conv2d(input, stackKernels([kernel], 1));
	const relu = activate(out, 'relu');
	return [out, relu, pool2d(relu, { type: 'max', size: 2, stride: 2 })].map((t) => toArray(t) as number[][]);
}

describe('cnn-conv chain with two filters: a kernel edit', () => {
	it('x=[6,6,1] filters [sobel-x, sobel-y] relu max-pool 2 (grids): filter 2 weight -> filter 2 grids as computed afresh, filter 1 grids and editor not touched', async () => {
		const rows = rowsOf(6);
		const { render } = loadPlugin();
		const { el } = await render('cnn-conv', block(rows));
		const untouched = [0, 1, 2].map((i) => el.querySelectorAll('.cnn-grid[data-role="output"]')[i]!);
		untouched.push(el.querySelectorAll('.cnn-kernel-editor')[0]!);
		const changes: MutationRecord[] = [];
		const observer = new MutationObserver((list) => changes.push(...list));
		for (const node of untouched) observer.observe(node, { subtree: true, childList: true, attributes: true, characterData: true });

		typeWeight(el, 1, 1, 1, '3');
		observer.takeRecords().forEach((r) => changes.push(r));
		observer.disconnect();

		const edited = SOBEL_Y.map((r) => r.slice());
		edited[1]![1] = 3;
		const [out, relu, pooled] = chainOf(tensor(rows), edited);
		expect([readGrid(el, 'output', 3), readGrid(el, 'output', 4), readGrid(el, 'output', 5)]).toEqual([out, relu, pooled]);
		const [out1, relu1, pooled1] = chainOf(tensor(rows), SOBEL_X);
		expect([readGrid(el, 'output', 0), readGrid(el, 'output', 1), readGrid(el, 'output', 2)]).toEqual([out1, relu1, pooled1]);
		expect(changes).toHaveLength(0);
	});

	it('x=[6,6,1] 2 filters relu max-pool 2: a hovered pooled cell stays explained as pooling, with the edited numbers; an edit of the other filter leaves it', async () => {
		const rows = rowsOf(6);
		const { render } = loadPlugin();
		const { el } = await render('cnn-conv', block(rows));
		const pooledCell = el.querySelectorAll('.cnn-grid[data-role="output"]')[5]?.querySelector('.cnn-cell[data-row="1"][data-col="0"]');
		pooledCell?.dispatchEvent(new Event('pointerover', { bubbles: true }));
		const sum = (): string => el.querySelector('.cnn-explain-sum')?.textContent ?? '';
		typeWeight(el, 1, 2, 1, '7');
		const edited = SOBEL_Y.map((r) => r.slice());
		edited[2]![1] = 7;
		const [, relu, pooled] = chainOf(tensor(rows), edited);
		const window = [relu![2]![0], relu![2]![1], relu![3]![0], relu![3]![1]];
		expect(sum()).toBe(`max(${window.join(', ')}) = ${pooled![1]![0]}`);
		const shown = el.querySelector('.cnn-explain')?.innerHTML;
		typeWeight(el, 0, 0, 0, '5');
		expect(el.querySelector('.cnn-explain')?.innerHTML).toBe(shown);
	});

	it('x=[28,28,1] filters [sobel-x, sobel-y] relu max-pool 2 (canvases): filter 2 weight -> only filter 2 maps redraw, with the numbers computed afresh', async () => {
		const rows = rowsOf(28);
		const { render } = loadPlugin();
		const { el } = await render('cnn-conv', block(rows));
		const maps = Array.from(el.querySelectorAll('.cnn-fmap[data-role="output"]'));
		expect(maps).toHaveLength(6); // rows: filter 1 output, relu, pooled; filter 2 output, relu, pooled
		const redraw = jest.spyOn(FeatureMapView.prototype, 'redraw');
		try {
			typeWeight(el, 1, 0, 2, '-4');
			const redrawn = redraw.mock.contexts.map((view) => maps.indexOf((view as FeatureMapView).el));
			expect(redrawn).toEqual([3, 4, 5]);
			const edited = SOBEL_Y.map((r) => r.slice());
			edited[0]![2] = -4;
			const channel = (t: Tensor, c: number): number[] => Array.from(t.data).filter((_, i) => i % 2 === c);
			const expected = chainOf(tensor(rows), edited).map((m) => m.flat());
			expect(redraw.mock.calls.map(([t]) => channel(t, 1))).toEqual(expected);
			const [out1] = chainOf(tensor(rows), SOBEL_X);
			expect(channel(redraw.mock.calls[0]![0], 0)).toEqual(out1!.flat()); // filter 1's numbers carried over
		} finally {
			redraw.mockRestore();
		}
	});
});
