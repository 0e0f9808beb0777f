import { setLanguage } from '../../../harness/obsidian';
import { loadPlugin } from '../../helpers/plugin';
import { SEED } from '../../helpers/seed';

const CHAIN = 'input: |\n  0 0 9 9 0 0\n  0 0 9 9 0 0\n  0 0 9 9 0 0\n  0 0 9 9 0 0\n  0 0 9 9 0 0\n  0 0 9 9 0 0\nfilters: [sobel-x, sobel-y]\nactivation: relu\npool: max 2\n';

/** The texts of `selector` under `root`, in order. */
function texts(root: Element, selector: string): string[] {
	return Array.from(root.querySelectorAll(selector)).map((e) => e.textContent ?? '');
}

/** Each arrow of a row as "op | shape" ("op" alone without a shape). */
function arrows(row: Element): string[] {
	return Array.from(row.querySelectorAll('.cnn-stage-arrow')).map((a) => {
		const shape = a.querySelector('.cnn-stage-arrow-shape')?.textContent;
		const op = a.querySelector('.cnn-stage-op')?.textContent ?? '';
		return shape ? `${op} | ${shape}` : op;
	});
}

describe('cnn-conv as a table of stages', () => {
	afterEach(() => setLanguage('en'));

	it('x=[6,6,1] filters [sobel-x, sobel-y] relu max-pool 2: the input once, one titled row per filter, one cell per stage, arrows with operation and output shape', async () => {
		const { render } = loadPlugin();
		const { el } = await render('cnn-conv', CHAIN);
		const table = el.querySelector('.cnn-stages');
		expect(table?.classList.contains('is-long')).toBe(true);
		expect(table?.querySelectorAll('.cnn-stage-input .cnn-grid[data-role="input"]')).toHaveLength(1);
		expect(texts(table!, '.cnn-stage-input > .cnn-stage-shape')).toEqual(['6x6x1']);
		const rows = Array.from(table!.querySelectorAll('.cnn-stage-row'));
		expect(rows.map((r) => r.getAttribute('data-filter'))).toEqual(['0', '1']);
		expect(rows.map((r) => r.querySelector('.cnn-stage-row-title')?.textContent)).toEqual(['Filter 1', 'Filter 2']);
		for (const row of rows) {
			const stages = Array.from(row.querySelectorAll('.cnn-stage-cell')).map((c) => c.getAttribute('data-stage'));
			expect(stages).toEqual(['kernel', 'conv', 'activation', 'pool']);
			expect(arrows(row)).toEqual(['⊛', '= | 4x4x1', 'ReLU | 4x4x1', 'max pooling 2 | 2x2x1']);
			// Every map sits in the cell of its arrow: the kernel, then one output grid per stage.
			const cells = Array.from(row.querySelectorAll('.cnn-stage-cell'));
			expect(cells.map((c) => c.querySelectorAll('.cnn-grid').length)).toEqual([1, 1, 1, 1]);
			expect(cells.every((c) => c.firstElementChild?.classList.contains('cnn-stage-arrow'))).toBe(true);
		}
		// The maps of a row carry their filter's number; nothing repeats a label without one.
		expect(texts(rows[1]!, '.cnn-grid[data-role="output"]').length).toBe(3);
		const labels = Array.from(rows[1]!.querySelectorAll('.cnn-grid[data-role="output"]')).map((g) => g.getAttribute('aria-label'));
		expect(labels).toEqual(['Output map 2, 4 by 4', 'Map 2 after ReLU, 4 by 4', 'Map 2 after max pooling 2, 2 by 2']);
		// The output's shape sits under the last map of the last row, not under the input.
		const shape = el.querySelector('.cnn-shape');
		expect(shape?.textContent).toBe('Shape 2x2x2');
		expect(shape?.closest('.cnn-stage-cell')?.getAttribute('data-stage')).toBe('pool');
		expect(shape?.closest('.cnn-stage-row')).toBe(rows[1]);
		expect(el.querySelector('.cnn-stage-input .cnn-shape')).toBeNull();
	});

	it('the seed example: one untitled row (kernel, conv), input left of it, the output shape under the output grid, a legend of the cell colours', async () => {
		const { render } = loadPlugin();
		const { el } = await render('cnn-conv', SEED);
		const table = el.querySelector('.cnn-stages');
		expect(table?.classList.contains('is-long')).toBe(false);
		const rows = Array.from(el.querySelectorAll('.cnn-stage-row'));
		expect(rows).toHaveLength(1);
		expect(rows[0]?.querySelector('.cnn-stage-row-title')).toBeNull();
		expect(arrows(rows[0]!)).toEqual(['⊛', '= | 3x3x1']);
		expect(texts(el, '.cnn-kernel-editor .cnn-stage-shape')).toEqual(['3x3x1']);
		expect(el.querySelector('.cnn-shape')?.parentElement?.querySelector('.cnn-grid[data-role="output"]')).not.toBeNull();
		const legend = el.querySelector('.cnn-stages .cnn-grid-legend');
		expect(legend?.textContent).toBe('Cell colors:positivenegativethe stronger, the further from 0');
		expect(legend?.querySelectorAll('.cnn-grid-legend-swatch.is-positive, .cnn-grid-legend-swatch.is-negative')).toHaveLength(2);
	});

	it('speaks Spanish: "Filtro 2", "Mapa 2 tras ReLU", the legend, and no "Tras ReLU" without a filter number', async () => {
		setLanguage('es');
		const { render } = loadPlugin();
		const { el } = await render('cnn-conv', CHAIN);
		expect(texts(el, '.cnn-stage-row-title')).toEqual(['Filtro 1', 'Filtro 2']);
		const labels = Array.from(el.querySelectorAll('.cnn-grid[data-role="output"]')).map((g) => g.getAttribute('aria-label') ?? '');
		expect(labels.filter((l) => l.startsWith('Tras'))).toEqual([]);
		expect(labels).toContain('Mapa 2 tras ReLU, 4 por 4');
		expect(el.querySelector('.cnn-grid-legend-title')?.textContent).toBe('Colores de las celdas:');
	});

	it('a picture chain on canvases: each map has its colour legend, no number-grid legend', async () => {
		const { render } = loadPlugin();
		const { el } = await render('cnn-conv', 'sample: digit\nfilters: [sobel-x, sobel-y]\nactivation: relu\npool: max 2\n');
		const rows = Array.from(el.querySelectorAll('.cnn-stage-row'));
		expect(rows).toHaveLength(2);
		for (const row of rows) {
			expect(arrows(row)).toEqual(['⊛', '= | 26x26x1', 'ReLU | 26x26x1', 'max pooling 2 | 13x13x1']);
			expect(row.querySelectorAll('.cnn-fmap')).toHaveLength(3);
			expect(row.querySelectorAll('.cnn-legend')).toHaveLength(3);
		}
		expect(el.querySelector('.cnn-grid-legend')).toBeNull();
	});

	it('the explanation box reserves an explanation\'s height before the first hover, hidden from screen readers', async () => {
		const { render } = loadPlugin();
		const { el } = await render('cnn-conv', CHAIN);
		const box = el.querySelector<HTMLElement>('.cnn-explain');
		expect(box?.classList.contains('is-reserved')).toBe(true);
		const reserves = Array.from(box!.querySelectorAll('.cnn-explain-reserve'));
		// a central output cell, a corner one, a pooled cell
		expect(reserves).toHaveLength(3);
		expect(reserves.every((r) => r.getAttribute('aria-hidden') === 'true')).toBe(true);
		expect(reserves[2]?.textContent).toContain('Pooling output, row');
		const cell = el.querySelector('.cnn-grid[data-role="output"] .cnn-cell[data-row="1"][data-col="1"]');
		cell?.dispatchEvent(new Event('pointerover', { bubbles: true }));
		expect(box?.classList.contains('is-reserved')).toBe(false);
		expect(box?.querySelector('.cnn-explain-reserve, .cnn-explain-hint')).toBeNull();
		expect(box?.querySelector('.cnn-explain-title')?.textContent).toBe('Map 1, row 2, column 2');
	});
});

describe('cnn-pool as a stage', () => {
	it('the 4x4 example: input with its shape under it, one arrow "max pool 2" with the output shape, the output shape under the output grid, a legend', async () => {
		const { render } = loadPlugin();
		const { el } = await render('cnn-pool', 'input: [[1, 3, 2, 4], [5, 6, 1, 2], [7, 2, 9, 0], [1, 4, 3, 8]]\ntype: max\nsize: 2\nstride: 2\n');
		expect(texts(el, '.cnn-stage-input > .cnn-stage-shape')).toEqual(['4x4x1']);
		const rows = Array.from(el.querySelectorAll('.cnn-stage-row'));
		expect(rows).toHaveLength(1);
		expect(arrows(rows[0]!)).toEqual(['max pooling 2 | 2x2x1']);
		const shape = el.querySelector('.cnn-shape');
		expect(shape?.textContent).toBe('Shape 2x2x1');
		expect(shape?.closest('.cnn-stage-cell')?.getAttribute('data-stage')).toBe('pool');
		expect(el.querySelector('.cnn-grid-legend')).not.toBeNull();
	});
});
