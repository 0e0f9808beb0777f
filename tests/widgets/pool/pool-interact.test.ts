import { activate, conv2d, explainPool, makeSample, pool2d, tensor, toArray } from '../../../src/cnn';
import { setLanguage } from '../../../harness/obsidian';
import { loadPlugin, readGrid } from '../../helpers/plugin';
import { POOL_INPUT, POOL_SOURCE } from '../../helpers/seed';

function cell(el: HTMLElement, role: string, row: number, col: number, index = 0): HTMLElement {
	const grid = el.querySelectorAll(`.cnn-grid[data-role="${role}"]`)[index];
	const found = grid?.querySelector<HTMLElement>(`.cnn-cell[data-row="${row}"][data-col="${col}"]`);
	if (!found) throw new Error(`no ${role} cell ${row},${col}`);
	return found;
}

function marked(el: HTMLElement, role: string, cls: string, index = 0): string[] {
	const grid = el.querySelectorAll(`.cnn-grid[data-role="${role}"]`)[index];
	return Array.from(grid?.querySelectorAll<HTMLElement>(`.cnn-cell.${cls}`) ?? [])
		.map((c) => `${c.dataset.row},${c.dataset.col}`)
		.sort();
}

const hover = (target: HTMLElement): boolean => target.dispatchEvent(new Event('pointerover', { bubbles: true }));
const explanation = (el: HTMLElement): string => el.querySelector('.cnn-explain-sum')?.textContent ?? '';

describe('cnn-pool: explanations at every cell of the worked example', () => {
	it('max: every cell names its window, its winner (marked) and dims the others', async () => {
		const { render } = loadPlugin();
		const { el } = await render('cnn-pool', `${POOL_SOURCE}type: max\nsize: 2\n`);
		for (let r = 0; r < 2; r++) {
			for (let c = 0; c < 2; c++) {
				hover(cell(el, 'output', r, c));
				const e = explainPool(tensor(POOL_INPUT), { type: 'max', size: 2 }, { row: r, col: c, channel: 0 });
				const values = e.window.map((w) => w.value);
				expect(explanation(el)).toBe(`max(${values.join(', ')}) = ${Math.max(...values)}`);
				expect(marked(el, 'input', 'is-winner')).toEqual([`${e.winner?.row},${e.winner?.col}`]);
				expect(marked(el, 'input', 'is-dimmed')).toHaveLength(3);
				expect(marked(el, 'input', 'is-tap')).toHaveLength(4);
				expect(marked(el, 'output', 'is-current')).toEqual([`${r},${c}`]);
			}
		}
		hover(cell(el, 'output', 0, 0));
		expect(explanation(el)).toBe('max(1, 3, 5, 6) = 6');
	});

	it('avg: every cell writes the sum and the count, (1 + 3 + 5 + 6) / 4 = 3.75 first', async () => {
		const { render } = loadPlugin();
		const { el } = await render('cnn-pool', `${POOL_SOURCE}type: avg\n`);
		const expected = ['(1 + 3 + 5 + 6) / 4 = 3.75', '(2 + 4 + 1 + 2) / 4 = 2.25', '(7 + 2 + 1 + 4) / 4 = 3.5', '(9 + 0 + 3 + 8) / 4 = 5'];
		expected.forEach((text, i) => {
			hover(cell(el, 'output', Math.floor(i / 2), i % 2));
			expect(explanation(el)).toBe(text);
			expect(marked(el, 'input', 'is-winner')).toEqual([]);
		});
	});

	it('min: the smallest value wins', async () => {
		const { render } = loadPlugin();
		const { el } = await render('cnn-pool', `${POOL_SOURCE}type: min\n`);
		hover(cell(el, 'output', 1, 1));
		expect(explanation(el)).toBe('min(9, 0, 3, 8) = 0');
		expect(marked(el, 'input', 'is-winner')).toEqual(['2,3']);
	});

	it("same padding: ghost cells, and padded cells are said not to count", async () => {
		const { render } = loadPlugin();
		const { el } = await render('cnn-pool', 'input: [[1, 2, 3], [4, 5, 6], [7, 8, 9]]\ntype: avg\nsize: 2\npadding: same\n');
		expect(readGrid(el, 'output')).toEqual(toArray(pool2d(tensor([[1, 2, 3], [4, 5, 6], [7, 8, 9]]), { type: 'avg', size: 2, padding: 'same' })));
		expect(el.querySelectorAll('.cnn-grid[data-role="input"] .cnn-cell.is-padding')).toHaveLength(7);
		hover(cell(el, 'output', 1, 1));
		expect(explanation(el)).toBe('(9) / 1 = 9');
		expect(el.textContent).toContain('3 cells of this window are padding: they never count.');
	});
});

describe('cnn-pool: the explanation box before the first hover', () => {
	it('global avg of the 4x4 example: the hint over an invisible, aria-hidden copy of the one cell\'s explanation, which the hover then shows', async () => {
		const { render } = loadPlugin();
		const { el } = await render('cnn-pool', `${POOL_SOURCE}global: avg\n`);
		const box = el.querySelector<HTMLElement>('.cnn-explain');
		const reserve = box?.querySelector<HTMLElement>('.cnn-explain-reserve');
		expect(box?.hasClass('is-reserved')).toBe(true);
		expect(box?.querySelector('.cnn-explain-hint')?.textContent).toBe('Hover over an output cell, or focus it and use the arrow keys, to see its arithmetic.');
		expect(reserve?.getAttribute('aria-hidden')).toBe('true');
		const reserved = reserve?.innerHTML.replace('<div class="cnn-explain-spare">&nbsp;</div>', '');
		hover(cell(el, 'output', 0, 0));
		expect(box?.hasClass('is-reserved')).toBe(false);
		expect(box?.querySelector('.cnn-explain-reserve, .cnn-explain-hint')).toBeNull();
		expect(box?.innerHTML).toBe(reserved);
		expect(explanation(el)).toBe('(1 + 3 + 2 + 4 + 5 + 6 + 1 + 2 + 7 + 2 + 9 + 0 + 1 + 4 + 3 + 8) / 16 = 3.63');
	});
});

describe('cnn-pool: stepping, keyboard, notes, formulas, code', () => {
	it('steps through the 4 windows with the window highlighted and the output filling in', async () => {
		const { render } = loadPlugin();
		const { el } = await render('cnn-pool', POOL_SOURCE);
		const forward = el.querySelector<HTMLButtonElement>('button[aria-label="Step forward"]');
		const results: string[] = [];
		for (let i = 0; i < 4; i++) {
			forward?.click();
			results.push(el.querySelector('.cnn-explain-result')?.textContent ?? '');
			expect(marked(el, 'output', 'is-pending')).toHaveLength(3 - i);
		}
		expect(results).toEqual(['6', '4', '7', '9']);
		expect(el.querySelector('.cnn-player-status')?.textContent).toBe('Step 4 of 4');
	});

	it('arrow keys move between pooled cells', async () => {
		const { render } = loadPlugin();
		const { el } = await render('cnn-pool', POOL_SOURCE);
		cell(el, 'output', 0, 0).dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowDown', bubbles: true }));
		expect(el.querySelector('.cnn-explain-title')?.textContent).toBe('Pooling output, row 2, column 1');
		expect(explanation(el)).toBe('max(7, 2, 1, 4) = 7');
	});

	it('says what pooling buys with this block\u2019s numbers, in both languages', async () => {
		const { render } = loadPlugin();
		const { el } = await render('cnn-pool', POOL_SOURCE);
		expect(el.querySelector('.cnn-pool-reduction')?.textContent).toBe(
			'Pooling keeps 4 of 16 values (16 → 4); a feature that moves a little inside its window gives the same maximum.',
		);
		setLanguage('es');
		const es = await render('cnn-pool', POOL_SOURCE);
		expect(es.el.querySelector('.cnn-pool-reduction')?.textContent).toContain('El pooling conserva 4 de 16 valores (16 → 4)');
	});

	it('writes the pooling output-size formula with the numbers', async () => {
		const { render } = loadPlugin();
		const { el } = await render('cnn-pool', `${POOL_SOURCE}size: 3\nstride: 1\n`);
		const tex = Array.from(el.querySelectorAll('.cnn-formula .math')).map((m) => m.getAttribute('data-tex'));
		expect(tex).toEqual(['o = \\left\\lfloor \\frac{i + 2p - k}{s} \\right\\rfloor + 1 = \\left\\lfloor \\frac{4 + 2 \\cdot 0 - 3}{1} \\right\\rfloor + 1 = 2']);
	});

	it('shows the PyTorch and Keras calls, exact for TensorFlow padding', async () => {
		const { render } = loadPlugin();
		const max = await render('cnn-pool', POOL_SOURCE);
		expect(max.el.querySelector('.cnn-code')?.textContent).toContain('y = F.max_pool2d(x, kernel_size=2, stride=2)  # nn.MaxPool2d');
		expect(max.el.querySelector('.cnn-code')?.textContent).toContain("y = layers.MaxPooling2D(pool_size=2, strides=2, padding='valid')(x)");
		const avg = await render('cnn-pool', 'input: [[1, 2, 3], [4, 5, 6], [7, 8, 9]]\ntype: avg\npadding: same\n');
		const code = avg.el.querySelector('.cnn-code')?.textContent ?? '';
		expect(code).toContain('pad = (0, 1, 0, 1)');
		expect(code).toContain('y = sums / counts');
		const min = await render('cnn-pool', `${POOL_SOURCE}type: min\n`);
		expect(min.el.querySelector('.cnn-code')?.textContent).toContain('y = -F.max_pool2d(-x, kernel_size=2, stride=2)');
		const global = await render('cnn-pool', `${POOL_SOURCE}global: avg\n`);
		expect(global.el.querySelector('.cnn-code')?.textContent).toContain('F.adaptive_avg_pool2d(x, 1)');
	});

	it('global pooling gives one value per channel', async () => {
		const { render } = loadPlugin();
		const { el } = await render('cnn-pool', `${POOL_SOURCE}global: avg\n`);
		expect(readGrid(el, 'output')).toEqual([[3.625]]);
		expect(el.querySelector('.cnn-summary')?.textContent).toBe('Global average pooling: each channel becomes one value');
	});

	it('pools a built-in sample on canvases', async () => {
		const { render } = loadPlugin();
		const { el } = await render('cnn-pool', 'sample: checkerboard\nsize: 4\n');
		expect(el.querySelector('.cnn-fmap[data-role="input"]')).not.toBeNull();
		const [h = 0, w = 0] = makeSample('checkerboard').shape;
		expect(el.querySelector('.cnn-shape')?.textContent).toBe(`Shape ${Math.floor(h / 4)}x${Math.floor(w / 4)}x1`);
	});

	it('leaves no timer behind when unloaded while playing', async () => {
		jest.useFakeTimers();
		try {
			const { render } = loadPlugin();
			const { el, section } = await render('cnn-pool', POOL_SOURCE);
			el.querySelector<HTMLButtonElement>('button[aria-label="Play"]')?.click();
			expect(jest.getTimerCount()).toBe(1);
			section.unload();
			expect(jest.getTimerCount()).toBe(0);
			expect(el.childElementCount).toBe(0);
		} finally {
			jest.useRealTimers();
		}
	});
});

describe('the conv -> activation -> pool chain', () => {
	it.each([
		['sample: digit\nfilters: [sobel-x, sobel-y]\nactivation: relu\npool: max 2\n', '28x28x1 → conv 3x3 x2 → 26x26x2 → ReLU → 26x26x2 → max pooling 2 → 13x13x2'],
		[`${POOL_SOURCE}kernel: [[1, 1], [1, 1]]\npool: avg 3\n`, '4x4x1 → conv 2x2 x1 → 3x3x1 → average pooling 3 → 1x1x1'],
		[`${POOL_SOURCE}kernel: box-blur\npadding: same\nactivation: tanh\npool: {type: min, size: 3, stride: 2, padding: same}\n`, '4x4x1 → conv 3x3 x1 → 4x4x1 → Tanh → 4x4x1 → min pooling 3 → 2x2x1'],
	])('%s gives the shapes %s', async (source, chain) => {
		const { render } = loadPlugin();
		const { el } = await render('cnn-conv', source);
		expect(el.querySelector('.cnn-chain')?.textContent).toBe(`Chain: ${chain}`);
	});

	it('pools the activated map, and hovering a pooled cell traces it back to the conv cells and their input patches', async () => {
		const { render } = loadPlugin();
		const source = 'input: |\n  0 0 9 9 0 0\n  0 0 9 9 0 0\n  0 0 9 9 0 0\n  0 0 9 9 0 0\n  0 0 9 9 0 0\n  0 0 9 9 0 0\nkernel: sobel-x\nactivation: relu\npool: max 2\n';
		const { el } = await render('cnn-conv', source);
		const x = tensor([0, 1, 2, 3, 4, 5].map(() => [0, 0, 9, 9, 0, 0]));
		const sobel = { shape: [3, 3, 1, 1], data: Float32Array.from([-1, 0, 1, -2, 0, 2, -1, 0, 1]) };
		const relu = activate(conv2d(x, sobel), 'relu');
		const pooled = pool2d(relu, { type: 'max', size: 2 });
		expect(readGrid(el, 'output', 2)).toEqual(toArray(pooled));
		hover(cell(el, 'output', 0, 0, 2));
		expect(explanation(el)).toBe('max(36, 36, 36, 36) = 36');
		expect(marked(el, 'output', 'is-tap', 1)).toEqual(['0,0', '0,1', '1,0', '1,1']);
		expect(marked(el, 'output', 'is-winner', 1)).toEqual(['0,0']);
		expect(marked(el, 'input', 'is-tap')).toHaveLength(16);
		expect(el.textContent).toContain('Those 4 cells of the map before pooling come from 16 input cells');
	});

	it('a pooling window larger than the conv output is a clear error', async () => {
		const { render } = loadPlugin();
		const { el } = await render('cnn-conv', `${POOL_SOURCE}kernel: sobel-x\npool: max 3\n`);
		expect(el.querySelector('.cnn-notes-error')?.textContent).toContain('Key “pool”');
	});
});
