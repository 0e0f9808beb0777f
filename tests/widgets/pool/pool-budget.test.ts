/**
 * Explanations with budgets on the pooling widget: past 16 cells a window writes its first 12 values
 * and how many more, with the exact count and result; the highlight stays one block, whatever the size.
 */
import { App, Component, setLanguage } from '../../../harness/obsidian';
import { parsePoolBlock, poolFit } from '../../../src/blocks/parse-pool';
import { widgetDeps } from '../../../src/blocks/widget-deps';
import { globalPool, pool2d, tensor, toArray } from '../../../src/cnn';
import { formatNumber } from '../../../src/widgets/shared/format';
import { PoolWidget } from '../../../src/widgets/pool/pool-widget';
import { loadPlugin, readGrid } from '../../helpers/plugin';
import { asApp, decodeTestPng, encodePng, rgbaOf } from '../../vault/png';

const flush = async (): Promise<void> => {
	for (let i = 0; i < 5; i++) await new Promise((r) => setTimeout(r, 0));
};

/** Mounts a PoolWidget on a vault picture as the pool processor does. */
function mount(app: App, source: string): HTMLElement {
	const el = document.body.createDiv();
	const section = new Component();
	section.load();
	const parsed = parsePoolBlock(source);
	if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
	const deps = { ...widgetDeps(asApp(app), 'notes/lesson.md', { decode: decodeTestPng }), reducedMotion: false };
	section.addChild(new PoolWidget(el, parsed.value, deps, poolFit(parsed.value)) as unknown as Component);
	return el;
}

const lines = (el: HTMLElement): string[] => Array.from(el.querySelectorAll('.cnn-explain-sum'), (l) => l.textContent ?? '');
const visibleMarks = (el: HTMLElement, role: string): number => el.querySelectorAll(`.cnn-fmap[data-role="${role}"] .cnn-fmap-mark.is-field:not(.is-hidden)`).length;
const hoverGrid = (el: HTMLElement, row: number, col: number, index = 0): void => {
	const grid = el.querySelectorAll('.cnn-grid[data-role="output"]')[index];
	grid?.querySelector(`.cnn-cell[data-row="${row}"][data-col="${col}"]`)?.dispatchEvent(new Event('pointerover', { bubbles: true }));
};

/** Rows of a `|` matrix block. */
const block = (rows: number[][]): string => `input: |\n${rows.map((r) => `  ${r.join(' ')}`).join('\n')}\n`;

describe('cnn-pool: abbreviated arithmetic', () => {
	it('global: avg of a 256x256x3 picture: 12 values per channel, "… and 65524 more terms", the exact count and mean, one highlight block', async () => {
		const app = new App();
		// Red = x, green = 255 on the top quarter, blue = 51: means 0.5, 0.25 and 0.2.
		app.vault.seed('photo.png', encodePng(256, 256, rgbaOf(256, 256, (x, y) => [x, y < 64 ? 255 : 0, 51, 255])));
		const el = mount(app, 'image: "[[photo.png]]"\nchannels: rgb\nglobal: avg\n');
		await flush();
		const output = el.querySelector<HTMLElement>('.cnn-fmap[data-role="output"]');
		output?.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true }));
		const red = Array.from({ length: 12 }, (_, x) => formatNumber(Math.fround(x / 255))).join(' + ');
		const green = Array.from({ length: 12 }, () => '1').join(' + ');
		const blue = Array.from({ length: 12 }, () => '0.2').join(' + ');
		expect(lines(el)).toEqual([
			`R: (${red} + … and 65524 more terms) / 65536 = 0.5`,
			`G: (${green} + … and 65524 more terms) / 65536 = 0.25`,
			`B: (${blue} + … and 65524 more terms) / 65536 = 0.2`,
		]);
		expect(el.querySelector('.cnn-explain')?.textContent?.length).toBeLessThan(500);
		expect(visibleMarks(el, 'input')).toBe(1);

		setLanguage('es');
		output?.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true }));
		expect(lines(el)[1]).toBe(`G: (${green} + … y 65524 términos más) / 65536 = 0.25`);
	});

	it('global: max of a 64x64 matrix: 12 values, "… and 4084 more values", the maximum; the winner is the one marked cell', async () => {
		const rows = Array.from({ length: 64 }, (_, r) => Array.from({ length: 64 }, (_, c) => ((r * 7 + c * 13) % 97) - 40));
		const { render } = loadPlugin();
		const { el } = await render('cnn-pool', `${block(rows)}global: max\n`);
		hoverGrid(el, 0, 0);
		const max = Math.max(...rows.flat());
		expect(lines(el)).toEqual([`max(${(rows[0] ?? []).slice(0, 12).join(', ')}, … and 4084 more values) = ${max}`]);
		expect(readGrid(el, 'output')).toEqual(toArray(globalPool(tensor(rows), 'max')));
		expect(visibleMarks(el, 'input')).toBe(1);
		expect(el.querySelectorAll('.cnn-fmap[data-role="input"] .cnn-fmap-mark.is-current:not(.is-hidden)')).toHaveLength(1);
	});

	it('a 5x5 window (25 cells) is abbreviated after 12 terms; a 4x4 one (16 cells) is written in full', async () => {
		const rows = Array.from({ length: 10 }, (_, r) => Array.from({ length: 10 }, (_, c) => r * 10 + c));
		const { render } = loadPlugin();
		const five = await render('cnn-pool', `${block(rows)}type: avg\nsize: 5\n`);
		hoverGrid(five.el, 1, 1);
		const window = rows.slice(5, 10).flatMap((r) => r.slice(5, 10));
		const mean = toArray(pool2d(tensor(rows), { type: 'avg', size: 5 }))[1]?.[1];
		expect(lines(five.el)).toEqual([`(${window.slice(0, 12).join(' + ')} + … and 13 more terms) / 25 = ${formatNumber(mean as number)}`]);
		expect(five.el.querySelectorAll('.cnn-grid[data-role="input"] .cnn-cell.is-tap')).toHaveLength(25);

		const four = await render('cnn-pool', `${block(rows)}type: min\nsize: 4\n`);
		hoverGrid(four.el, 0, 1);
		const cells = rows.slice(0, 4).flatMap((r) => r.slice(4, 8));
		expect(lines(four.el)).toEqual([`min(${cells.join(', ')}) = 4`]);
	});
});
