import { setLanguage } from '../../../harness/obsidian';
import { conv2d, tensor, toArray } from '../../../src/cnn';
import { loadPlugin, readGrid, readGridText } from '../../helpers/plugin';
import { SEED, SEED_INPUT } from '../../helpers/seed';

describe('cnn-conv widget', () => {
	it('renders the seed example: input, kernel and the output [[4,3,4],[2,4,3],[2,3,4]]', async () => {
		const { render } = loadPlugin();
		const { el } = await render('cnn-conv', SEED);
		expect(el.querySelector('.cnn-notes.cnn-conv')).not.toBeNull();
		expect(readGrid(el, 'input')).toEqual(SEED_INPUT);
		expect(readGrid(el, 'kernel')).toEqual([
			[1, 0, 1],
			[0, 1, 0],
			[1, 0, 1],
		]);
		expect(readGrid(el, 'output')).toEqual([
			[4, 3, 4],
			[2, 4, 3],
			[2, 3, 4],
		]);
		expect(el.querySelector('.cnn-shape')?.textContent).toBe('Shape 3x3x1');
		expect(el.querySelector('.cnn-grid[data-role="input"]')?.getAttribute('aria-label')).toBe('Input, 5 by 5');
	});

	it('renders every output cell with data-row, data-col and the exact data-value', async () => {
		const { render } = loadPlugin();
		const { el } = await render('cnn-conv', 'input: [[1, 2], [3, 4]]\nkernel: [[0.5]]\nbias: 0.125\n');
		const cells = Array.from(el.querySelectorAll<HTMLElement>('.cnn-grid[data-role="output"] .cnn-cell'));
		expect(cells.map((c) => [c.dataset.row, c.dataset.col, c.dataset.value])).toEqual([
			['0', '0', '0.625'],
			['0', '1', '1.125'],
			['1', '0', '1.625'],
			['1', '1', '2.125'],
		]);
		expect(readGridText(el, 'output')).toEqual([
			['0.63', '1.13'],
			['1.63', '2.13'],
		]);
		expect(el.textContent).toContain('Bias 0.13');
	});

	it('shows one kernel and one output map per filter, with preset names', async () => {
		const { render } = loadPlugin();
		const source = `input: |
  0 0 9 9
  0 0 9 9
  0 0 9 9
  0 0 9 9
filters:
  - sobel-x
  - |
    1 1 1
    1 1 1
    1 1 1
padding: same
`;
		const { el } = await render('cnn-conv', source);
		expect(el.querySelectorAll('.cnn-grid[data-role="kernel"]')).toHaveLength(2);
		expect(el.querySelectorAll('.cnn-grid[data-role="output"]')).toHaveLength(2);
		const presets = Array.from(el.querySelectorAll<HTMLSelectElement>('select.cnn-preset')).map((sel) => sel.value);
		expect(presets).toEqual(['sobel-x', '']);
		expect(el.textContent).toContain('Filter 1');
		expect(el.querySelector('.cnn-shape')?.textContent).toBe('Shape 4x4x2');
	});

	it.each([
		['stride: 2', { stride: 2 }],
		['padding: same', { padding: 'same' as const }],
		['padding: full', { padding: 'full' as const }],
		['padding: [1, 0]', { padding: [1, 0] as [number, number] }],
		['dilation: 2\npadding: 2', { dilation: 2, padding: 2 }],
		['flip: true', { flip: true }],
		['bias: -1', { bias: [-1] }],
	])('%s changes the output exactly as conv2d says', async (option, opts) => {
		const { render } = loadPlugin();
		const kernel = [
			[1, 2, 0],
			[0, -1, 0],
			[3, 0, 1],
		];
		const source = `${SEED.split('kernel:')[0]}kernel: |\n  1 2 0\n  0 -1 0\n  3 0 1\n${option}\n`;
		const { el } = await render('cnn-conv', source);
		const filters = { shape: [3, 3, 1, 1], data: Float32Array.from(kernel.flat()) };
		const expected = toArray(conv2d(tensor(SEED_INPUT), filters, opts));
		expect(readGrid(el, 'output')).toEqual(expected);
		const plain = toArray(conv2d(tensor(SEED_INPUT), filters));
		expect(expected).not.toEqual(plain);
	});

	it('states which operation it computes', async () => {
		const { render } = loadPlugin();
		const cross = await render('cnn-conv', SEED);
		expect(cross.el.textContent).toContain('Cross-correlation');
		const flipped = await render('cnn-conv', `${SEED}flip: true\n`);
		expect(flipped.el.textContent).toContain('True convolution');
	});

	it('speaks Spanish when Obsidian does', async () => {
		setLanguage('es');
		const { render } = loadPlugin();
		const { el } = await render('cnn-conv', SEED);
		const labels = Array.from(el.querySelectorAll('.cnn-grid')).map((g) => g.getAttribute('aria-label'));
		expect(labels).toEqual(['Entrada, 5 por 5', 'Kernel', 'Salida, 3 por 3']);
		expect(el.querySelector('.cnn-player-status')?.textContent).toBe('Hechos los 9 pasos');
		expect(el.querySelector('.cnn-shape')?.textContent).toBe('Forma 3x3x1');
	});

	it('shows a translated error box instead of a widget for a bad source', async () => {
		const { render } = loadPlugin();
		const { el } = await render('cnn-conv', 'input: |\n  1 2\n  3\nkernel: sobel-x\n');
		expect(el.querySelector('.cnn-conv')).toBeNull();
		const box = el.querySelector('.cnn-notes-error');
		expect(box?.textContent).toMatch(/problem/);
		setLanguage('es');
		const es = await render('cnn-conv', 'input: |\n  1 2\n  3\nkernel: sobel-x\n');
		expect(es.el.querySelector('.cnn-notes-error')?.textContent).toMatch(/problema/);
	});

	it('frees everything when unloaded: no DOM, no listeners, no timers', async () => {
		jest.useFakeTimers();
		try {
			const { app, render } = loadPlugin();
			// The plugin's own listeners (the link updater's rename) stay while it is loaded: the widget's go.
			const names = ['modify', 'rename', 'delete', 'create'];
			const plugin = names.map((name) => app.vault.listenerCount(name));
			const { el, section } = await render('cnn-conv', SEED);
			expect(el.querySelector('.cnn-conv')).not.toBeNull();
			section.unload();
			expect(el.childElementCount).toBe(0);
			expect(jest.getTimerCount()).toBe(0);
			expect(names.map((name) => app.vault.listenerCount(name))).toEqual(plugin);
			expect(plugin).toEqual([0, 1, 0, 0]);
		} finally {
			jest.useRealTimers();
		}
	});
});
