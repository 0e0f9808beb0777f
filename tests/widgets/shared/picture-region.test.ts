/**
 * Pictures: a region read at full resolution into the widget, the row-by-row player (steps =
 * output rows, labels in rows, singular and plural) and the lens (input patch + kernel).
 */
import { App, Component, setLanguage } from '../../../harness/obsidian';
import { convFit, parseConvBlock } from '../../../src/blocks/parse-conv';
import { parsePoolBlock, poolFit } from '../../../src/blocks/parse-pool';
import { widgetDeps } from '../../../src/blocks/widget-deps';
import { explainConv, tensor } from '../../../src/cnn';
import { ConvWidget } from '../../../src/widgets/conv/conv-widget';
import { PoolWidget } from '../../../src/widgets/pool/pool-widget';
import { formatNumber } from '../../../src/widgets/shared/format';
import { t } from '../../../src/i18n';
import { convLens, inputLens, LENS_MAX_SIDE, windowLens } from '../../../src/widgets/shared/lens';
import { playerStatus, StepPlayer } from '../../../src/widgets/shared/step-player';
import { hoverCanvas } from '../../helpers/hover';
import { asApp, decodeTestPng, encodePng, rgbaOf } from '../../vault/png';

const flush = async (): Promise<void> => {
	for (let i = 0; i < 5; i++) await new Promise((r) => setTimeout(r, 0));
};

/** A 300 x 280 gray picture (larger than 256 px) whose pixel (x, y) is (x * 3 + y * 7) % 256. */
const W = 300;
const H = 280;
const gray = (x: number, y: number): number => (x * 3 + y * 7) % 256;
const PICTURE = encodePng(W, H, rgbaOf(W, H, (x, y) => [gray(x, y), gray(x, y), gray(x, y), 255]));

/** Mounts a conv or pool widget on slide.png as the processor would. */
function mount(kind: 'conv' | 'pool', source: string): HTMLElement {
	const app = new App();
	app.vault.seed('slide.png', PICTURE);
	const el = document.body.createDiv();
	const section = new Component();
	section.load();
	const deps = { ...widgetDeps(asApp(app), 'note.md', { decode: decodeTestPng }), reducedMotion: false };
	if (kind === 'conv') {
		const parsed = parseConvBlock(source);
		if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
		section.addChild(new ConvWidget(el, parsed.value, deps, convFit(parsed.value)) as unknown as Component);
	} else {
		const parsed = parsePoolBlock(source);
		if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
		section.addChild(new PoolWidget(el, parsed.value, deps, poolFit(parsed.value)) as unknown as Component);
	}
	return el;
}

const status = (el: HTMLElement): string => el.querySelector('.cnn-player-status')?.textContent ?? '';
const click = (el: HTMLElement, label: string): void => el.querySelector<HTMLElement>(`.cnn-player-button[aria-label="${label}"]`)?.click();
const lensNumbers = (el: HTMLElement, kind: 'patch' | 'kernel'): string[] =>
	Array.from(el.querySelectorAll(`.cnn-lens-grid[data-kind="${kind}"] .cnn-lens-cell`)).map((c) => c.getAttribute('data-value') ?? '');

describe('a region in the widget', () => {
	it('region [200, 250, 20, 30]: the input map is those 20x30 pixels at full resolution, and the note names them', async () => {
		const el = mount('conv', 'image: "[[slide.png]]"\nregion: [200, 250, 20, 30]\nkernel: [[1]]\n');
		await flush();
		expect(el.textContent).toContain('Region: rows 200–219, columns 250–279 of “slide.png” (280x300 pixels, height x width), at full resolution.');
		// The input stage: its label, and its shape (height x width x channels) under it.
		expect(el.querySelector('.cnn-stage-input')?.textContent).toContain('Input');
		expect(el.querySelector('.cnn-stage-input')?.textContent).toContain('20x30x1');
		// A 1x1 identity kernel: the output cells are the region's pixels.
		const out = el.querySelector<HTMLElement>('.cnn-fmap[data-role="output"]');
		if (!out) throw new Error('no output map');
		hoverCanvas(out, 7, 11);
		expect(el.querySelector('.cnn-explain-result')?.textContent).toBe(formatNumber(Math.fround(gray(250 + 11, 200 + 7) / 255)));
	});

	it('a region outside the picture is an error box under region that gives the picture\'s size', async () => {
		const el = mount('pool', 'image: "[[slide.png]]"\nregion: [270, 0, 20, 20]\n');
		await flush();
		expect([el, ...Array.from(el.querySelectorAll('[data-state]'))].map((e) => e.getAttribute('data-state'))).toContain('error');
		expect(el.textContent).toContain('which is 280x300 pixels (height x width): rows go from 0 to 279');
	});
});

describe('Play on a picture sweeps row by row', () => {
	it('conv, a 3x3 kernel on a 40x50 region: 38 steps, "Row 1 of 38" … "All 38 rows done", speeds in rows per second', async () => {
		const el = mount('conv', 'image: "[[slide.png]]"\nregion: [0, 0, 40, 50]\nkernel: sobel-x\n');
		await flush();
		const scrub = el.querySelector<HTMLInputElement>('.cnn-player-scrub');
		expect(scrub?.max).toBe('38');
		expect(status(el)).toBe('All 38 rows done');
		click(el, 'Step forward');
		expect(status(el)).toBe('Row 1 of 38');
		click(el, 'Step forward');
		expect(status(el)).toBe('Row 2 of 38');
		expect(Array.from(el.querySelectorAll('.cnn-player-speed option')).map((o) => o.textContent)).toEqual(['1 rows/s', '2 rows/s', '5 rows/s', '10 rows/s', '20 rows/s', '50 rows/s']);
		expect(el.querySelector<HTMLSelectElement>('.cnn-player-speed')?.value).toBe('5');
	});

	it('pool 2x2 on a 40x50 region: 20 row steps, in Spanish "Fila 1 de 20" and "Hechas las 20 filas"; never "pasos"', async () => {
		setLanguage('es');
		const el = mount('pool', 'image: "[[slide.png]]"\nregion: [0, 0, 40, 50]\n');
		await flush();
		expect(status(el)).toBe('Hechas las 20 filas');
		click(el, t('player.forward'));
		expect(status(el)).toBe('Fila 1 de 20');
		expect(el.textContent).not.toMatch(/pasos/);
	});

	it('a matrix keeps cell-by-cell steps', async () => {
		const parsed = parseConvBlock('input: [[1, 2, 3], [4, 5, 6], [7, 8, 9]]\nkernel: [[1]]\n');
		expect(parsed.ok && parsed.value.input.kind).toBe('matrix');
		const c = new Component();
		c.load();
		const player = new StepPlayer(c as unknown as import('obsidian').Component, document.body.createDiv(), 9, () => undefined);
		expect(player.el.textContent).toContain('All 9 steps done');
	});

	it('singular and plural: one step, one row, several of each, in English and Spanish', () => {
		expect(playerStatus('cells', null, 1)).toBe('The only step done');
		expect(playerStatus('rows', null, 1)).toBe('The only row done');
		expect(playerStatus('rows', null, 127)).toBe('All 127 rows done');
		expect(playerStatus('rows', 12, 127)).toBe('Row 12 of 127');
		expect(playerStatus('cells', 3, 9)).toBe('Step 3 of 9');
		setLanguage('es');
		expect(playerStatus('cells', null, 1)).toBe('Hecho el único paso');
		expect(playerStatus('rows', null, 1)).toBe('Hecha la única fila');
		expect(playerStatus('rows', null, 127)).toBe('Hechas las 127 filas');
		expect(playerStatus('rows', 12, 127)).toBe('Fila 12 de 127');
	});
});

describe('the lens', () => {
	it('convLens: the numbers are the input patch of the output cell, the weights the kernel', () => {
		const input = tensor(Array.from({ length: 6 }, (_, r) => Array.from({ length: 6 }, (_, c) => r * 10 + c)));
		const kernel = [[1, 2, 3], [4, 5, 6], [7, 8, 9]];
		const filters = { shape: [3, 3, 1, 1], data: Float32Array.from(kernel.flat()) };
		const lens = convLens(explainConv(input, filters, {}, { row: 2, col: 1, filter: 0 }), 3, 3, 1);
		expect(lens.values).toEqual([21, 22, 23, 31, 32, 33, 41, 42, 43]);
		expect(lens.weights).toEqual(kernel.flat());
		expect([lens.top, lens.left]).toEqual([2, 1]);
	});

	it('a 15x15 kernel writes only its central 5x5 (budget), padding as null', () => {
		const input = tensor(Array.from({ length: 20 }, (_, r) => Array.from({ length: 20 }, (_, c) => r + c / 100)));
		const kernel = Array.from({ length: 15 }, (_, r) => Array.from({ length: 15 }, (_, c) => r * 15 + c));
		const filters = { shape: [15, 15, 1, 1], data: Float32Array.from(kernel.flat()) };
		const lens = convLens(explainConv(input, filters, { padding: 'same' }, { row: 0, col: 0, filter: 0 }), 15, 15, 1);
		expect([lens.rows, lens.cols]).toEqual([LENS_MAX_SIDE, LENS_MAX_SIDE]);
		expect(lens.values).toHaveLength(25);
		expect(lens.weights?.[0]).toBe(5 * 15 + 5);
		expect(lens.values[0]).toBeNull(); // row -2, col -2: padding
		expect(lens.values[2 * 5 + 2]).toBeCloseTo(0, 5); // the centre is input (0, 0)
		const centred = inputLens(input, 10, 10, [3, 3], [1, 1], kernel.slice(0, 3).map((r) => r.slice(0, 3)));
		expect(centred.values[4]).toBeCloseTo(10.1, 5);
		expect(centred.weights).toEqual([0, 1, 2, 15, 16, 17, 30, 31, 32]);
		const win = windowLens(input, [2, 3], [4, 5], { row: 3, col: 5 });
		expect(win.weights).toBeNull();
		expect(win.winner).toBe(3);
	});

	it('hovering an output pixel of a picture shows the lens near it with the input patch and the kernel; hovering the input too', async () => {
		const el = mount('conv', 'image: "[[slide.png]]"\nregion: [100, 120, 30, 30]\nkernel: sobel-x\n');
		await flush();
		const out = el.querySelector<HTMLElement>('.cnn-fmap[data-role="output"]');
		if (!out) throw new Error('no output map');
		hoverCanvas(out, 4, 6);
		const lens = el.querySelector<HTMLElement>('.cnn-lens');
		expect(lens?.closest('.cnn-figure')?.querySelector('.cnn-fmap[data-role="output"]')).toBe(out);
		const expected = [0, 1, 2].flatMap((i) => [0, 1, 2].map((j) => gray(120 + 6 + j, 100 + 4 + i) / 255));
		lensNumbers(el, 'patch').forEach((v, i) => expect(Number(v)).toBeCloseTo(expected[i] ?? NaN, 5));
		expect(lensNumbers(el, 'kernel').map(Number)).toEqual([-1, 0, 1, -2, 0, 2, -1, 0, 1]);
		const input = el.querySelector<HTMLElement>('.cnn-fmap[data-role="input"]');
		if (!input) throw new Error('no input map');
		hoverCanvas(input, 10, 10);
		expect(Number(lensNumbers(el, 'patch')[4])).toBeCloseTo(gray(130, 110) / 255, 5);
		expect(lens?.closest('.cnn-figure')?.querySelector('.cnn-fmap[data-role="input"]')).toBe(input);
	});

	it('no lens on a matrix block', async () => {
		const el = mount('conv', 'input: [[1, 2], [3, 4]]\nkernel: [[1]]\n');
		await flush();
		expect(el.querySelector('.cnn-lens')).toBeNull();
	});
});
