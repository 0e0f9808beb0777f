import { conv2d, conv2dTranspose, tensor, toArray } from '../../../src/cnn';
import { setLanguage } from '../../../harness/obsidian';
import { loadPlugin, readGrid } from '../../helpers/plugin';
import { SEED, SEED_INPUT, SEED_KERNEL } from '../../helpers/seed';

function button(el: HTMLElement, label: string): HTMLButtonElement {
	const b = el.querySelector<HTMLButtonElement>(`button[aria-label="${label}"]`);
	if (!b) throw new Error(`no button ${label}`);
	return b;
}

function outputCell(el: HTMLElement, row: number, col: number, map = 0): HTMLElement {
	const grid = el.querySelectorAll('.cnn-grid[data-role="output"]')[map];
	const cell = grid?.querySelector<HTMLElement>(`.cnn-cell[data-row="${row}"][data-col="${col}"]`);
	if (!cell) throw new Error(`no output cell ${row},${col}`);
	return cell;
}

function marked(el: HTMLElement, role: string, cls: string): string[] {
	return Array.from(el.querySelectorAll<HTMLElement>(`.cnn-grid[data-role="${role}"] .cnn-cell.${cls}`)).map((c) => `${c.dataset.row},${c.dataset.col}`);
}

const explanation = (el: HTMLElement): string => el.querySelector('.cnn-explain-sum')?.textContent ?? '';

function kernelFilters(rows: number[][]): { shape: number[]; data: Float32Array } {
	return { shape: [rows.length, rows[0]?.length ?? 0, 1, 1], data: Float32Array.from(rows.flat()) };
}

describe('cnn-conv: stepping through the seed example', () => {
	it('animates through all 9 positions, writing the right sum at each and filling the output in order', async () => {
		const { render } = loadPlugin();
		const { el } = await render('cnn-conv', SEED);
		const sums = [4, 3, 4, 2, 4, 3, 2, 3, 4];
		for (let i = 0; i < 9; i++) {
			button(el, 'Step forward').click();
			const row = Math.floor(i / 3);
			const col = i % 3;
			expect(el.querySelector('.cnn-explain-result')?.textContent).toBe(String(sums[i]));
			expect(marked(el, 'output', 'is-current')).toEqual([`${row},${col}`]);
			expect(marked(el, 'output', 'is-pending')).toHaveLength(8 - i);
			const field = [];
			for (let r = 0; r < 3; r++) for (let c = 0; c < 3; c++) field.push(`${row + r},${col + c}`);
			expect(marked(el, 'input', 'is-tap').sort()).toEqual(field.sort());
			expect(el.querySelector('.cnn-player-status')?.textContent).toBe(`Step ${i + 1} of 9`);
		}
		button(el, 'Step forward').click();
		expect(el.querySelector('.cnn-player-status')?.textContent).toBe('All 9 steps done');
		expect(marked(el, 'output', 'is-pending')).toHaveLength(0);
		expect(marked(el, 'output', 'is-current')).toHaveLength(0);
		button(el, 'Step back').click();
		expect(el.querySelector('.cnn-player-status')?.textContent).toBe('Step 9 of 9');
		button(el, 'Step forward').click();
		button(el, 'Step forward').click();
		expect(el.querySelector('.cnn-player-status')?.textContent).toBe('Step 1 of 9');
		expect(marked(el, 'output', 'is-pending')).toHaveLength(8);
	});

	it('plays on a timer, pauses with space, and leaves no timer behind when unloaded', async () => {
		jest.useFakeTimers();
		try {
			const { render } = loadPlugin();
			const { el, section } = await render('cnn-conv', SEED);
			button(el, 'Play').click();
			expect(el.querySelector('button[aria-label="Pause"]')).not.toBeNull();
			jest.advanceTimersByTime(800 * 3 + 10);
			expect(el.querySelector('.cnn-player-status')?.textContent).toBe('Step 4 of 9');
			outputCell(el, 0, 0).dispatchEvent(new KeyboardEvent('keydown', { key: ' ', bubbles: true }));
			jest.advanceTimersByTime(5000);
			expect(el.querySelector('.cnn-player-status')?.textContent).toBe('Step 4 of 9');
			outputCell(el, 0, 0).dispatchEvent(new KeyboardEvent('keydown', { key: ' ', bubbles: true }));
			expect(jest.getTimerCount()).toBe(1);
			section.unload();
			expect(jest.getTimerCount()).toBe(0);
			expect(el.childElementCount).toBe(0);
		} finally {
			jest.useRealTimers();
		}
	});
});

describe('cnn-conv: hover, focus and keyboard explain an output cell', () => {
	it('hovering an output cell writes its full arithmetic and highlights its input patch', async () => {
		const { render } = loadPlugin();
		const { el } = await render('cnn-conv', SEED);
		outputCell(el, 0, 0).dispatchEvent(new Event('pointerover', { bubbles: true }));
		expect(explanation(el)).toBe('1×1 + 1×0 + 1×1 + 0×0 + 1×1 + 1×0 + 0×1 + 0×0 + 1×1 = 4');
		expect(el.querySelector('.cnn-explain-title')?.textContent).toBe('Output row 1, column 1');
		outputCell(el, 2, 1).dispatchEvent(new Event('pointerover', { bubbles: true }));
		expect(explanation(el)).toMatch(/= 3$/);
		expect(marked(el, 'input', 'is-tap').sort()).toEqual(['2,1', '2,2', '2,3', '3,1', '3,2', '3,3', '4,1', '4,2', '4,3']);
		expect(marked(el, 'kernel', 'is-tap')).toHaveLength(9);
	});

	it('arrow keys move the output cursor and explain the new cell', async () => {
		const { render } = loadPlugin();
		const { el } = await render('cnn-conv', SEED);
		const start = outputCell(el, 0, 0);
		expect(start.tabIndex).toBe(0);
		start.dispatchEvent(new FocusEvent('focusin', { bubbles: true }));
		start.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true }));
		expect(el.querySelector('.cnn-explain-title')?.textContent).toBe('Output row 1, column 2');
		expect(document.activeElement).toBe(outputCell(el, 0, 1));
		outputCell(el, 0, 1).dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowDown', bubbles: true }));
		expect(el.querySelector('.cnn-explain-title')?.textContent).toBe('Output row 2, column 2');
		expect(el.querySelector('.cnn-explain-result')?.textContent).toBe('4');
	});

	it('draws padding as ghost cells and greys the terms that read padding', async () => {
		const { render } = loadPlugin();
		const { el } = await render('cnn-conv', `${SEED}padding: 1\n`);
		expect(el.querySelectorAll('.cnn-grid[data-role="input"] .cnn-cell')).toHaveLength(49);
		expect(el.querySelectorAll('.cnn-grid[data-role="input"] .cnn-cell.is-padding')).toHaveLength(24);
		outputCell(el, 0, 0).dispatchEvent(new Event('pointerover', { bubbles: true }));
		expect(marked(el, 'input', 'is-tap')).toContain('-1,-1');
		expect(el.querySelectorAll('.cnn-explain-sum .cnn-term.is-padding')).toHaveLength(5);
		expect(el.textContent).toContain('Grey terms read padding');
	});

	it('shows dilation gaps: the receptive field skips cells', async () => {
		const { render } = loadPlugin();
		const { el } = await render('cnn-conv', `${SEED}dilation: 2\n`);
		outputCell(el, 0, 0).dispatchEvent(new Event('pointerover', { bubbles: true }));
		expect(marked(el, 'input', 'is-tap').sort()).toEqual(['0,0', '0,2', '0,4', '2,0', '2,2', '2,4', '4,0', '4,2', '4,4']);
	});
});

describe('cnn-conv: editing the kernel', () => {
	it('typing a weight updates the output at once, as conv2d says', async () => {
		const { render } = loadPlugin();
		const { el } = await render('cnn-conv', SEED);
		const weight = el.querySelector<HTMLInputElement>('.cnn-grid[data-role="kernel"] .cnn-cell[data-row="1"][data-col="1"] input');
		if (!weight) throw new Error('no weight input');
		weight.value = '-2';
		weight.dispatchEvent(new Event('input'));
		const edited = SEED_KERNEL.map((r) => r.slice());
		(edited[1] ?? [])[1] = -2;
		expect(readGrid(el, 'output')).toEqual(toArray(conv2d(tensor(SEED_INPUT), kernelFilters(edited))));
		expect(weight.parentElement?.dataset.value).toBe('-2');
	});

	it('a word in a weight is refused with a message and the kernel keeps its value', async () => {
		setLanguage('es');
		const { render } = loadPlugin();
		const { el } = await render('cnn-conv', SEED);
		const weight = el.querySelector<HTMLInputElement>('.cnn-grid[data-role="kernel"] input');
		if (!weight) throw new Error('no weight input');
		weight.value = 'abc';
		weight.dispatchEvent(new Event('input'));
		weight.dispatchEvent(new Event('change'));
		expect(weight.hasClass('is-invalid')).toBe(true);
		expect(el.querySelector('.cnn-kernel-message')?.textContent).toBe('«abc» no es un número: el kernel conserva 1.');
		expect(readGrid(el, 'output')).toEqual([
			[4, 3, 4],
			[2, 4, 3],
			[2, 3, 4],
		]);
	});

	it('choosing a preset from the menu replaces the kernel and the output', async () => {
		const { render } = loadPlugin();
		const { el } = await render('cnn-conv', SEED);
		const select = el.querySelector<HTMLSelectElement>('select.cnn-preset');
		if (!select) throw new Error('no preset menu');
		select.value = 'sobel-x';
		select.dispatchEvent(new Event('change'));
		const sobel = [
			[-1, 0, 1],
			[-2, 0, 2],
			[-1, 0, 1],
		];
		expect(readGrid(el, 'kernel')).toEqual(sobel);
		expect(readGrid(el, 'output')).toEqual(toArray(conv2d(tensor(SEED_INPUT), kernelFilters(sobel))));
		expect(el.querySelector<HTMLSelectElement>('select.cnn-preset')?.value).toBe('sobel-x');
	});

	it('a preset larger than the padded input is refused with a message', async () => {
		const { render } = loadPlugin();
		const { el } = await render('cnn-conv', 'input: [[1, 2, 3], [4, 5, 6], [7, 8, 9]]\nkernel: identity\n');
		const select = el.querySelector<HTMLSelectElement>('select.cnn-preset');
		if (!select) throw new Error('no preset menu');
		select.value = 'gaussian-blur-5x5';
		select.dispatchEvent(new Event('change'));
		expect(el.querySelector('.cnn-kernel-message')?.textContent).toBe('This kernel (5x5) does not fit the padded input (3x3).');
		expect(readGrid(el, 'output')).toEqual([[5]]);
	});
});

describe('cnn-conv: activation and transposed convolution', () => {
	it('activation: relu adds a stage whose cells are max(0, output), explained', async () => {
		const { render } = loadPlugin();
		const { el } = await render('cnn-conv', `${SEED.split('kernel:')[0]}kernel: sobel-x\nactivation: relu\n`);
		const raw = readGrid(el, 'output', 0);
		const relu = readGrid(el, 'output', 1);
		expect(relu).toEqual(raw.map((r) => r.map((v) => Math.max(0, v))));
		expect(raw.flat().some((v) => v < 0)).toBe(true);
		outputCell(el, 0, 0).dispatchEvent(new Event('pointerover', { bubbles: true }));
		expect(el.querySelector('.cnn-explain-activation')?.textContent).toBe(`ReLU(${raw[0]?.[0]}) = ${relu[0]?.[0]}`);
	});

	it('transpose: true gives conv2dTranspose, on the stretched input, and explains every cell exactly', async () => {
		const { render } = loadPlugin();
		const { el } = await render('cnn-conv', 'input: [[1, 2], [3, 4]]\nkernel: [[1, 0, 2], [0, 1, 0], [3, 0, 1]]\nstride: 2\ntranspose: true\n');
		const filters = { shape: [3, 3, 1, 1], data: Float32Array.from([1, 0, 2, 0, 1, 0, 3, 0, 1]) };
		const expected = toArray(conv2dTranspose(tensor([[1, 2], [3, 4]]), filters, { stride: 2 })) as number[][];
		expect(readGrid(el, 'output')).toEqual(expected);
		expect(el.querySelector('.cnn-shape')?.textContent).toBe('Shape 5x5x1');
		expect(el.querySelectorAll('.cnn-grid[data-role="input"] .cnn-cell')).toHaveLength(49);
		expect(el.querySelectorAll('.cnn-grid[data-role="input"] .cnn-cell.is-inserted')).toHaveLength(45);
		for (let r = 0; r < 5; r++) {
			for (let c = 0; c < 5; c++) {
				outputCell(el, r, c).dispatchEvent(new Event('pointerover', { bubbles: true }));
				expect(Number(el.querySelector('.cnn-explain-result')?.textContent)).toBe(expected[r]?.[c]);
			}
		}
		expect(el.textContent).toContain('A transposed convolution spreads the input cells 2 apart');
	});
});

describe('cnn-conv: formulas and code', () => {
	it('writes the output-size formula with the block numbers, and the way back', async () => {
		const { render } = loadPlugin();
		const { el } = await render('cnn-conv', `${SEED}stride: 2\npadding: 1\n`);
		const tex = Array.from(el.querySelectorAll('.cnn-formula .math')).map((m) => m.getAttribute('data-tex') ?? '');
		expect(tex[0]).toContain('\\frac{5 + 2 \\cdot 1 - 3 - (3 - 1)(1 - 1)}{2}');
		expect(tex[0]).toMatch(/= 3$/);
		expect(tex[1]).toBe('o = (i - 1)\\,s - (2p) + k = (3 - 1) \\cdot 2 - (2 \\cdot 1) + 3 = 5');
	});

	it('writes separate formulas for height and width when they differ', async () => {
		const { render } = loadPlugin();
		const { el } = await render('cnn-conv', `${SEED}stride: [1, 2]\n`);
		const labels = Array.from(el.querySelectorAll('.cnn-formula-label')).map((l) => l.textContent);
		expect(labels).toEqual(['Height: ', 'Width: ', 'Height: ', 'Width: ']);
	});

	it('shows the equivalent PyTorch and Keras calls for the settings', async () => {
		const { render } = loadPlugin();
		const { el } = await render('cnn-conv', `input: ${JSON.stringify(Array(6).fill([1, 2, 3, 4, 5, 6]))}\nkernel: sobel-y\nstride: 2\npadding: same\n`);
		const code = el.querySelector('.cnn-code')?.textContent ?? '';
		expect(code).toContain('x = F.pad(x, (0, 1, 0, 1))');
		expect(code).toContain('F.conv2d(x, w, bias=None, stride=2, padding=0, dilation=1)');
		expect(code).toContain("layers.Conv2D(1, kernel_size=3, strides=2, padding='same', dilation_rate=1, use_bias=False)");
		const seed = await render('cnn-conv', `${SEED}stride: 2\npadding: same\n`);
		expect(seed.el.querySelector('.cnn-code')?.textContent).toContain('F.conv2d(x, w, bias=None, stride=2, padding=1, dilation=1)');
		expect(code).toContain("PyTorch accepts padding='same' only with stride 1");
	});
});

describe('cnn-conv: the way back with dilation', () => {
	it('uses the dilated kernel span (k - 1) d + 1 in the transposed formula, giving back the input size', async () => {
		const { render } = loadPlugin();
		const { el } = await render('cnn-conv', `${SEED}dilation: 2\n`);
		const tex = Array.from(el.querySelectorAll('.cnn-formula .math')).map((m) => m.getAttribute('data-tex') ?? '');
		expect(tex[0]).toMatch(/= 1$/);
		expect(tex[1]).toBe('o = (i - 1)\\,s - (2p) + (k - 1)\\,d + 1 = (1 - 1) \\cdot 1 - (2 \\cdot 0) + (3 - 1) \\cdot 2 + 1 = 5');
	});
});
