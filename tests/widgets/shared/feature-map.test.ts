import { Component } from 'obsidian';
import { setLanguage } from '../../../harness/obsidian';
import { tensor, type Tensor } from '../../../src/cnn';
import { lutFor } from '../../../src/widgets/shared/colormap';
import { FeatureMapView, type FeatureMapOptions } from '../../../src/widgets/shared/feature-map';

/** A stand-in 2d context recording ImageData allocations and puts. */
function fakeContext() {
	const calls = { created: [] as [number, number][], puts: 0, last: null as { data: Uint8ClampedArray } | null };
	const ctx = {
		createImageData: (w: number, h: number) => {
			calls.created.push([w, h]);
			return { width: w, height: h, data: new Uint8ClampedArray(w * h * 4) };
		},
		putImageData: (image: { data: Uint8ClampedArray }) => {
			calls.puts++;
			calls.last = image;
		},
	};
	return { ctx, calls };
}

/** Makes canvases answer getContext('2d') with `ctx` (null = jsdom's reality without the canvas package). */
function stubCanvas(ctx: object | null): void {
	jest.spyOn(HTMLCanvasElement.prototype, 'getContext').mockImplementation((() => ctx) as unknown as HTMLCanvasElement['getContext']);
}

/** A loaded component and a view in a fresh element. */
function mount(options: Partial<FeatureMapOptions> = {}) {
	const parent = document.body.createDiv();
	const owner = new Component();
	owner.load();
	const hovers: string[] = [];
	const view = new FeatureMapView(parent, owner, {
		label: 'Input',
		onHover: (row, col) => hovers.push(`${row},${col}`),
		onLeave: () => hovers.push('leave'),
		...options,
	});
	return { parent, owner, view, hovers };
}

const css = (el: Element, name: string): string => (el as HTMLElement).style.getPropertyValue(name);
const marks = (view: FeatureMapView, cls: string): HTMLElement[] =>
	Array.from(view.el.querySelectorAll<HTMLElement>(`.cnn-fmap-mark.${cls}:not(.is-hidden)`));

afterEach(() => {
	jest.restoreAllMocks();
	document.body.empty();
});

const INPUT: Tensor = tensor([
	[0, 1, 2],
	[3, 4, 5],
]);

describe('FeatureMapView', () => {
	it('without a 2d context (jsdom) it still lays out, labels itself and picks a scale', () => {
		stubCanvas(null);
		const { view } = mount();
		view.redraw(INPUT);
		expect(view.el.getAttribute('tabindex')).toBe('0');
		expect(view.el.getAttribute('aria-label')).toBe('Input, 2 by 3 pixels. Use the arrow keys to move from cell to cell.');
		expect(css(view.el, '--cnn-fmap-rows')).toBe('2');
		expect(css(view.el, '--cnn-fmap-cols')).toBe('3');
		expect(css(view.el, '--cnn-fmap-cell')).toBe('32px'); // 240 / 3 = 80, capped at 32
		expect(view.scale).toEqual({ kind: 'sequential', range: { min: 0, max: 5 } });
		expect(view.el.querySelector('canvas.cnn-fmap-canvas')).not.toBeNull();
	});

	it('paints into one reused ImageData while the size stays the same, and a new one when it changes', () => {
		const { ctx, calls } = fakeContext();
		stubCanvas(ctx);
		const { view } = mount({ scale: 'gray', range: { min: 0, max: 5 } });
		view.redraw(INPUT);
		const first = calls.last;
		view.redraw(tensor([[5, 4, 3], [2, 1, 0]]));
		expect(calls.created).toEqual([[3, 2]]);
		expect(calls.puts).toBe(2);
		expect(calls.last).toBe(first);
		expect(Array.from(calls.last?.data.subarray(0, 4) ?? [])).toEqual(Array.from(lutFor('gray').subarray(255 * 4, 256 * 4)));
		view.redraw(tensor([[1, 2], [3, 4], [5, 6]]));
		expect(calls.created).toEqual([[3, 2], [2, 3]]);
		const canvas = view.el.querySelector('canvas');
		expect([canvas?.width, canvas?.height]).toEqual([2, 3]);
	});

	it('signed data gets the diverging scale over a symmetric range', () => {
		stubCanvas(null);
		const { view } = mount();
		view.redraw(tensor([[-1, 3]]));
		expect(view.scale).toEqual({ kind: 'diverging', range: { min: -3, max: 3 } });
	});

	it('rgb mode paints the image colours', () => {
		const { ctx, calls } = fakeContext();
		stubCanvas(ctx);
		const { view } = mount({ mode: 'rgb' });
		view.redraw(tensor([[[1, 0, 0], [0, 0, 1]]]));
		expect(Array.from(calls.last?.data ?? [])).toEqual([255, 0, 0, 255, 0, 0, 255, 255]);
	});

	it('padding widens the frame; highlighted cells inside the image are field marks, in the padding ghost marks', () => {
		stubCanvas(null);
		const { view } = mount({ padding: 1 });
		view.redraw(INPUT);
		expect(view.el.hasClass('has-padding')).toBe(true);
		expect([css(view.el, '--cnn-fmap-rows'), css(view.el, '--cnn-fmap-cols')]).toEqual(['4', '5']);
		view.setHighlight([
			{ row: -1, col: -1 },
			{ row: -1, col: 0 },
			{ row: 0, col: -1 },
			{ row: 0, col: 0 },
			{ row: 5, col: 5 }, // beyond the padding: skipped
		]);
		const ghosts = marks(view, 'is-ghost');
		const field = marks(view, 'is-field').filter((m) => !m.hasClass('is-ghost'));
		expect(ghosts).toHaveLength(3);
		expect(field).toHaveLength(1);
		// Positions are frame cells: image (0, 0) sits at (1, 1) inside one cell of padding.
		expect([css(field[0] as Element, '--cnn-r'), css(field[0] as Element, '--cnn-c')]).toEqual(['1', '1']);
		expect([css(ghosts[0] as Element, '--cnn-r'), css(ghosts[0] as Element, '--cnn-c')]).toEqual(['0', '0']);
	});

	it('reuses its mark elements and hides the extra ones when the highlight shrinks', () => {
		stubCanvas(null);
		const { view } = mount();
		view.redraw(INPUT);
		view.setHighlight([{ row: 0, col: 0 }, { row: 0, col: 1 }, { row: 1, col: 1 }]);
		const all = view.el.querySelectorAll('.cnn-fmap-mark.is-field').length;
		view.setHighlight([{ row: 1, col: 2 }]);
		expect(view.el.querySelectorAll('.cnn-fmap-mark.is-field')).toHaveLength(all);
		expect(marks(view, 'is-field')).toHaveLength(1);
		view.setHighlight([]);
		expect(marks(view, 'is-field')).toHaveLength(0);
	});

	it('an area (rows x columns) is one mark per block of adjacent cells, sized in cells, ghosts in the padding', () => {
		stubCanvas(null);
		const { view } = mount({ padding: 1 });
		view.redraw(INPUT);
		view.setHighlightArea({ rows: [-1, 0, 1], cols: [0, 1, 2] });
		const field = marks(view, 'is-field');
		expect(field.map((m) => [css(m, '--cnn-r'), css(m, '--cnn-c'), css(m, '--cnn-rs'), css(m, '--cnn-cs'), m.hasClass('is-ghost')])).toEqual([
			['0', '1', '1', '3', true],
			['1', '1', '2', '3', false],
		]);
		view.setHighlightArea({ rows: [], cols: [] });
		expect(marks(view, 'is-field')).toHaveLength(0);
	});

	it('a 256x256 window is one mark; a dilated 15x15 field 225; a scattered area past the budget one extent mark', () => {
		stubCanvas(null);
		const { view } = mount();
		view.redraw({ shape: [256, 256, 1], data: new Float32Array(256 * 256) });
		const all = Array.from({ length: 256 }, (_, i) => i);
		view.setHighlightArea({ rows: all, cols: all });
		expect(marks(view, 'is-field')).toHaveLength(1);
		const dilated = Array.from({ length: 15 }, (_, i) => 10 + 16 * i);
		view.setHighlightArea({ rows: dilated, cols: dilated });
		expect(marks(view, 'is-field')).toHaveLength(225);
		const scattered = Array.from({ length: 100 }, (_, i) => 2 * i);
		view.setHighlightArea({ rows: scattered, cols: scattered });
		expect(marks(view, 'is-field').map((m) => [m.hasClass('is-extent'), css(m, '--cnn-rs')])).toEqual([[true, '199']]);
		expect(view.el.querySelectorAll('.cnn-fmap-mark')).toHaveLength(226); // the pool of marks never grew past the largest highlight (+ the current-cell mark)
	});

	it('one current cell, which can be cleared', () => {
		stubCanvas(null);
		const { view } = mount();
		view.redraw(INPUT);
		view.setCurrent({ row: 1, col: 2 });
		const current = marks(view, 'is-current');
		expect(current).toHaveLength(1);
		expect([css(current[0] as Element, '--cnn-r'), css(current[0] as Element, '--cnn-c')]).toEqual(['1', '2']);
		view.setCurrent(null);
		expect(marks(view, 'is-current')).toHaveLength(0);
	});

	it('pointer position -> onHover(row, col) of the image cell; onLeave in the padding and on leaving', () => {
		stubCanvas(null);
		const { view, hovers } = mount({ padding: [1, 1] });
		view.redraw(INPUT); // frame 4 x 5 cells
		const frame = view.el.querySelector('.cnn-fmap-frame') as HTMLElement;
		jest.spyOn(frame, 'getBoundingClientRect').mockReturnValue({ left: 0, top: 0, width: 50, height: 40, right: 50, bottom: 40, x: 0, y: 0, toJSON: () => ({}) });
		frame.dispatchEvent(new MouseEvent('pointermove', { clientX: 35, clientY: 25 })); // frame (2, 3) -> image (1, 2)
		frame.dispatchEvent(new MouseEvent('pointermove', { clientX: 5, clientY: 5 })); // padding
		frame.dispatchEvent(new MouseEvent('pointerdown', { clientX: 15, clientY: 15 })); // image (0, 0)
		frame.dispatchEvent(new MouseEvent('pointerleave'));
		expect(hovers).toEqual(['1,2', 'leave', '0,0', 'leave']);
	});

	it('arrow keys move from cell to cell inside the image, announce the value, Escape leaves', () => {
		stubCanvas(null);
		const { view, hovers } = mount();
		view.redraw(INPUT);
		const press = (key: string): void => {
			view.el.dispatchEvent(new KeyboardEvent('keydown', { key, cancelable: true }));
		};
		['ArrowRight', 'ArrowRight', 'ArrowDown', 'ArrowDown', 'End', 'ArrowRight', 'Home', 'ArrowUp', 'a', 'Escape'].forEach(press);
		expect(hovers).toEqual(['0,0', '0,1', '1,1', '1,1', '1,2', '1,2', '1,0', '0,0', 'leave']);
		expect(view.el.querySelector('[aria-live]')?.textContent).toBe('Row 1, column 1: 0');
	});

	it('the label and announcements follow the language', () => {
		setLanguage('es');
		stubCanvas(null);
		const { view } = mount({ label: 'Entrada' });
		view.redraw(INPUT);
		view.el.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowDown' }));
		view.el.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowDown' }));
		expect(view.el.getAttribute('aria-label')).toBe('Entrada, 2 por 3 píxeles. Usa las flechas del teclado para moverte de una celda a otra.');
		expect(view.el.querySelector('[aria-live]')?.textContent).toBe('Fila 2, columna 1: 3');
	});

	it('unloading the owner removes its listeners', () => {
		stubCanvas(null);
		const { view, owner, hovers } = mount();
		view.redraw(INPUT);
		owner.unload();
		view.el.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowDown' }));
		view.el.querySelector('.cnn-fmap-frame')?.dispatchEvent(new MouseEvent('pointerleave'));
		expect(hovers).toEqual([]);
	});

	it('configure changes the channel, scale and range used by the next redraw', () => {
		stubCanvas(null);
		const { view } = mount();
		const two = tensor([[[0, -2], [1, 2]]]);
		view.redraw(two);
		expect(view.scale.kind).toBe('sequential');
		view.configure({ channel: 1 });
		view.redraw(two);
		expect(view.scale).toEqual({ kind: 'diverging', range: { min: -2, max: 2 } });
		view.configure({ scale: 'gray', range: { min: 0, max: 1 } });
		view.redraw(two);
		expect(view.scale).toEqual({ kind: 'gray', range: { min: 0, max: 1 } });
	});
});
