/**
 * The widget picture (figure-image.ts): the DOM of a small widget, laid out by hand (jsdom has no
 * layout), drawn onto a recording 2D context: every cell's value and colour at its place, the
 * feature-map canvas at its box, captions, and nothing of the controls.
 */
import { ENCODE_MAX_WAIT_MS, ENCODE_WAIT_MS, MAX_CANVAS_AREA, MAX_CANVAS_SIDE, alphaOf, backgroundBehind, collectFigure, figurePng, paintFigure, paintedSize, parseLinearGradient, resolveSvgs, type FigureContext } from '../../../src/widgets/shared/figure-image';

type Call = { name: string; args: unknown[]; fillStyle: unknown; font: string; smooth?: boolean };

/** A 2D context that records every call with the fill style and font at that moment. */
function recordingContext(): { ctx: FigureContext; calls: Call[] } {
	const calls: Call[] = [];
	const state = { fillStyle: '' as unknown, font: '', textAlign: 'start', textBaseline: 'alphabetic', imageSmoothingEnabled: true };
	const record = (name: string) => (...args: unknown[]) => {
		calls.push({ name, args, fillStyle: state.fillStyle, font: state.font, smooth: state.imageSmoothingEnabled });
	};
	const ctx = {
		...state,
		fillRect: record('fillRect'),
		fillText: record('fillText'),
		drawImage: record('drawImage'),
		save: record('save'),
		restore: record('restore'),
		beginPath: record('beginPath'),
		rect: record('rect'),
		clip: record('clip'),
		setTransform: record('setTransform'),
		measureText: (text: string) => ({ width: text.length * 7 }),
		createLinearGradient: (...args: number[]) => {
			const stops: [number, string][] = [];
			calls.push({ name: 'createLinearGradient', args, fillStyle: null, font: '' });
			return { stops, addColorStop: (at: number, color: string) => stops.push([at, color]) };
		},
	};
	// fillStyle and font are read back at each call: keep them on the object itself.
	Object.defineProperty(ctx, 'fillStyle', { get: () => state.fillStyle, set: (v: unknown) => void (state.fillStyle = v) });
	Object.defineProperty(ctx, 'font', { get: () => state.font, set: (v: string) => (state.font = v) });
	Object.defineProperty(ctx, 'imageSmoothingEnabled', { get: () => state.imageSmoothingEnabled, set: (v: boolean) => (state.imageSmoothingEnabled = v) });
	return { ctx: ctx as unknown as FigureContext, calls };
}

/** Gives `el` a layout box (CSS px of the page). */
function place(el: Element, x: number, y: number, w: number, h: number): void {
	el.getBoundingClientRect = () => ({ left: x, top: y, width: w, height: h, right: x + w, bottom: y + h, x, y, toJSON: () => ({}) });
}

const CELL = 'display: flex; justify-content: center; align-items: center; border: 1px solid rgb(1, 2, 3); font: 600 13px sans-serif; color: rgb(20, 20, 20)';

/** A widget with a 2x2 output grid (values and shades), a caption, a feature-map canvas, a legend bar, a play button and hidden text. */
function widget(): { root: HTMLElement; canvas: HTMLCanvasElement; cells: HTMLElement[] } {
	const root = document.body.createDiv({ cls: 'cnn-notes cnn-conv' });
	place(root, 100, 200, 400, 300);
	const figure = root.createDiv({ cls: 'cnn-figure' });
	place(figure, 110, 210, 100, 100);
	const label = figure.createDiv({ cls: 'cnn-figure-label', text: 'Output 2x2x1' });
	label.setAttr('style', 'color: rgb(90, 90, 90); font: 12px serif');
	place(label, 110, 210, 100, 20);
	const grid = figure.createDiv({ cls: 'cnn-grid' });
	place(grid, 110, 230, 80, 80);
	const cells: HTMLElement[] = [];
	const values = [
		['4', 'rgb(10, 100, 200)'],
		['-3', 'rgb(200, 40, 40)'],
		['2', 'rgb(150, 180, 230)'],
		['0', 'rgb(255, 255, 255)'],
	] as const;
	values.forEach(([text, color], i) => {
		const cell = grid.createDiv({ cls: 'cnn-cell', text, attr: { 'data-value': text } });
		cell.setAttr('style', `${CELL}; background-color: ${color}`);
		place(cell, 110 + (i % 2) * 40, 230 + Math.floor(i / 2) * 40, 40, 40);
		cells.push(cell);
	});
	const fmap = root.createDiv({ cls: 'cnn-fmap' });
	const canvas = fmap.createEl('canvas', { cls: 'cnn-fmap-canvas' });
	canvas.width = 28;
	canvas.height = 28;
	canvas.setAttr('style', 'image-rendering: pixelated');
	place(fmap, 250, 230, 112, 112);
	place(canvas, 250, 230, 112, 112);
	const bar = root.createDiv({ cls: 'cnn-legend-bar' });
	bar.setAttr('style', 'background-image: linear-gradient(to right, rgb(0, 0, 0) 0%, rgb(255, 255, 255) 100%)');
	place(bar, 250, 350, 112, 10);
	const player = root.createDiv({ cls: 'cnn-player' });
	place(player, 110, 400, 200, 30);
	const play = player.createEl('button', { text: 'Play' });
	place(play, 110, 400, 60, 30);
	const menu = root.createEl('button', { cls: 'cnn-menu-button', text: '⋯' });
	place(menu, 470, 200, 30, 30);
	const hidden = root.createDiv({ text: 'not shown' });
	hidden.setAttr('style', 'display: none');
	place(hidden, 110, 450, 100, 20);
	const reader = root.createDiv({ cls: 'cnn-visually-hidden', text: 'for screen readers' });
	place(reader, 110, 470, 1, 1);
	return { root, canvas, cells };
}

afterEach(() => document.body.empty());

describe('collectFigure and paintFigure', () => {
	it('draws every cell: its background colour over its box, its border, and its value centred in it', () => {
		const { root } = widget();
		const { ctx, calls } = recordingContext();
		const drawing = collectFigure(root);
		paintFigure(drawing, ctx, { scale: 2, background: 'rgb(255, 255, 254)', margin: 10 });
		const texts = calls.filter((c) => c.name === 'fillText');
		const expected = [
			['4', 'rgb(10, 100, 200)', 110, 230],
			['-3', 'rgb(200, 40, 40)', 150, 230],
			['2', 'rgb(150, 180, 230)', 110, 270],
			['0', 'rgb(255, 255, 255)', 150, 270],
		] as const;
		for (const [value, color, x, y] of expected) {
			expect(calls).toContainEqual(expect.objectContaining({ name: 'fillRect', args: [x, y, 40, 40], fillStyle: color }));
			const text = texts.find((c) => c.args[0] === value);
			expect(text?.args.slice(1, 3)).toEqual([x + 20, y + 20]);
			expect(text?.fillStyle).toBe('rgb(20, 20, 20)');
			expect(text?.font).toContain('13px');
			// The border: a 1-pixel strip along the top of the cell, in the border's colour.
			expect(calls).toContainEqual(expect.objectContaining({ name: 'fillRect', args: [x, y, 40, 1], fillStyle: 'rgb(1, 2, 3)' }));
		}
	});

	it('draws the feature-map canvas at its box, unsmoothed as the page shows it, and the caption in its own font and colour', () => {
		const { root, canvas } = widget();
		const { ctx, calls } = recordingContext();
		paintFigure(collectFigure(root), ctx, { scale: 2, background: 'white', margin: 10 });
		expect(calls).toContainEqual(expect.objectContaining({ name: 'drawImage', args: [canvas, 250, 230, 112, 112] }));
		expect(calls.find((c) => c.name === 'drawImage')?.smooth).toBe(false);
		const caption = calls.find((c) => c.name === 'fillText' && c.args[0] === 'Output 2x2x1');
		expect(caption?.fillStyle).toBe('rgb(90, 90, 90)');
		expect(caption?.font).toContain('12px');
	});

	it('leaves out controls, hidden elements and screen-reader text', () => {
		const { root } = widget();
		const { ctx, calls } = recordingContext();
		paintFigure(collectFigure(root), ctx, { scale: 2, background: 'white', margin: 10 });
		const texts = calls.filter((c) => c.name === 'fillText').map((c) => c.args[0]);
		expect(texts).toEqual(expect.arrayContaining(['Output 2x2x1', '4', '-3', '2', '0']));
		expect(texts).not.toContain('Play');
		expect(texts).not.toContain('⋯');
		expect(texts).not.toContain('not shown');
		expect(texts).not.toContain('for screen readers');
	});

	it('crops to the figures with a margin, paints the background first, at 2 device pixels per CSS pixel', () => {
		const { root } = widget();
		const drawing = collectFigure(root);
		// Grid and label from (110, 210), canvas to (362, 342), legend bar to y 360: the player and menu are not figures.
		expect(drawing.bounds).toEqual({ x: 110, y: 210, w: 252, h: 150 });
		const opts = { scale: 2, background: 'rgb(30, 30, 30)', margin: 10 };
		expect(paintedSize(drawing, opts)).toEqual({ width: 544, height: 340, scale: 2 });
		const { ctx, calls } = recordingContext();
		paintFigure(drawing, ctx, opts);
		expect(calls[1]).toEqual(expect.objectContaining({ name: 'fillRect', args: [0, 0, 544, 340], fillStyle: 'rgb(30, 30, 30)' }));
		expect(calls).toContainEqual(expect.objectContaining({ name: 'setTransform', args: [2, 0, 0, 2, -200, -400] }));
	});

	it('draws a legend bar\'s gradient from its stops', () => {
		const { root } = widget();
		const { ctx, calls } = recordingContext();
		paintFigure(collectFigure(root), ctx, { scale: 1, background: 'white', margin: 0 });
		expect(calls).toContainEqual(expect.objectContaining({ name: 'createLinearGradient', args: [250, 0, 362, 0] }));
		const fill = calls.find((c) => c.name === 'fillRect' && (c.args as number[])[1] === 350);
		expect((fill?.fillStyle as { stops: unknown[] }).stops).toEqual([
			[0, 'rgb(0, 0, 0)'],
			[1, 'rgb(255, 255, 255)'],
		]);
	});
});

describe('vector pictures (typeset formulas)', () => {
	it('an SVG is one step at its box (not its inner text); one that cannot load (jsdom) is left out, never thrown', async () => {
		const root = document.body.createDiv({ cls: 'cnn-notes' });
		place(root, 0, 0, 300, 100);
		const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
		svg.appendChild(document.createElementNS('http://www.w3.org/2000/svg', 'text')).textContent = 'o = i - k + 1';
		root.appendChild(svg);
		place(svg, 10, 20, 120, 30);
		const drawing = collectFigure(root);
		expect(drawing.ops).toEqual([expect.objectContaining({ kind: 'svg', svg, x: 10, y: 20, w: 120, h: 30 })]);
		expect((await resolveSvgs(drawing)).ops).toEqual([]);
	});

	it('the hint of an explanation box not used yet is not part of the picture', () => {
		const root = document.body.createDiv({ cls: 'cnn-notes' });
		place(root, 0, 0, 300, 100);
		const box = root.createDiv({ cls: 'cnn-explain is-reserved', text: 'Hover over an output cell' });
		box.setAttr('style', 'background-color: rgb(240, 240, 240)');
		place(box, 0, 0, 300, 60);
		expect(collectFigure(root).ops).toEqual([]);
		box.removeClass('is-reserved');
		expect(collectFigure(root).ops.map((op) => op.kind)).toEqual(['fill', 'text']);
	});
});

describe('parseLinearGradient', () => {
	it('reads direction and stops of a computed gradient', () => {
		expect(parseLinearGradient('linear-gradient(to right, rgb(68, 1, 84) 0%, rgb(253, 231, 37) 100%)')).toEqual({
			stops: [
				{ color: 'rgb(68, 1, 84)', at: 0 },
				{ color: 'rgb(253, 231, 37)', at: 1 },
			],
			vertical: false,
			reversed: false,
		});
		expect(parseLinearGradient('linear-gradient(rgb(0, 0, 0), rgb(1, 1, 1))')?.vertical).toBe(true);
		expect(parseLinearGradient('linear-gradient(270deg, red 0%, blue 100%)')).toEqual(expect.objectContaining({ vertical: false, reversed: true }));
		expect(parseLinearGradient('url(x.png)')).toBeNull();
	});
});

describe('closeGaps', () => {
	it('closes the room a left-out control leaves between two figures up to 16 px; smaller gaps stay', () => {
		const root = document.body.createDiv({ cls: 'cnn-notes' });
		place(root, 0, 0, 300, 400);
		const top = root.createDiv({ text: 'Input' });
		place(top, 0, 0, 100, 20);
		const player = root.createDiv({ cls: 'cnn-player' });
		place(player, 0, 30, 300, 100);
		player.createEl('button', { text: 'Play' });
		const near = root.createDiv({ text: 'Output' });
		place(near, 0, 160, 100, 20);
		const next = root.createDiv({ text: 'Shape' });
		place(next, 0, 190, 100, 20);
		const drawing = collectFigure(root);
		const ys = drawing.ops.map((op) => (op.kind === 'text' ? [op.text, op.y] : null));
		// Input 0-20, Output at 160 -> 36 (gap 140 closed to 16), Shape keeps its 10 px gap.
		expect(ys).toEqual([
			['Input', 10],
			['Output', 46],
			['Shape', 76],
		]);
		expect(drawing.bounds).toEqual({ x: 0, y: 0, w: 100, h: 86 });
	});
});

describe('figurePng', () => {
	const spies: jest.SpyInstance[] = [];
	afterEach(() => {
		// Only this suite's spies: tests/setup.ts's quiet getContext stays.
		for (const spy of spies.splice(0)) spy.mockRestore();
		jest.spyOn(HTMLCanvasElement.prototype, 'getContext').mockImplementation(() => null);
		jest.useRealTimers();
	});

	it('jsdom (no 2D canvas): null, no throw', async () => {
		expect(await figurePng(widget().root)).toBeNull();
	});

	it('a canvas of the painted size; when the background encoder waits for an idle moment, the PNG is encoded at once after ENCODE_WAIT_MS', async () => {
		jest.useFakeTimers();
		const { ctx, calls } = recordingContext();
		const made: HTMLCanvasElement[] = [];
		jest.spyOn(HTMLCanvasElement.prototype, 'getContext').mockImplementation(function (this: HTMLCanvasElement, kind: string) {
			made.push(this);
			return kind === '2d' ? (ctx as unknown as CanvasRenderingContext2D) : null;
		} as typeof HTMLCanvasElement.prototype.getContext);
		spies.push(
			jest.spyOn(HTMLCanvasElement.prototype, 'toBlob').mockImplementation(() => {}), // never idle
			jest.spyOn(HTMLCanvasElement.prototype, 'toDataURL').mockReturnValue('data:image/png;base64,iVBORw0KGgo='),
		);
		const png = figurePng(widget().root);
		// Two tasks of 0 ms (reading the page, painting), then the wait.
		let done = false;
		void png.then(() => (done = true));
		for (let i = 0; i < 20 && !done; i++) await jest.advanceTimersByTimeAsync(ENCODE_WAIT_MS / 4);
		const blob = await png;
		expect(blob?.type).toBe('image/png');
		expect(blob?.size).toBe(8);
		// Bounds 252x150 CSS px with a 12 px margin, at scale 2.
		expect([made[0]?.width, made[0]?.height]).toEqual([552, 348]);
		expect(calls.some((c) => c.name === 'fillText' && c.args[0] === '-3')).toBe(true);
	});
});

describe('review fixes', () => {
	it('classify feature maps and sample digits (canvases inside buttons) are in the picture; control buttons and the save-status line are not', () => {
		const root = document.body.createDiv({ cls: 'cnn-notes cnn-classify' });
		place(root, 0, 0, 400, 300);
		const grid = root.createDiv({ cls: 'cnn-classify-maps' });
		place(grid, 0, 0, 400, 100);
		const map = grid.createEl('button', { cls: 'cnn-classify-map', attr: { 'data-action': 'enlarge' } });
		place(map, 0, 0, 50, 50);
		const c = map.createEl('canvas', { cls: 'cnn-classify-map-canvas' });
		c.width = 26;
		c.height = 26;
		place(c, 0, 0, 50, 50);
		const sample = root.createEl('button', { cls: 'cnn-classify-sample', attr: { 'data-action': 'sample' } });
		place(sample, 0, 120, 40, 40);
		const d = sample.createEl('canvas');
		d.width = 28;
		d.height = 28;
		place(d, 0, 120, 40, 40);
		for (const action of ['clear', 'undo', 'reset']) {
			const b = root.createEl('button', { text: action, attr: { 'data-action': action } });
			place(b, 100, 120, 40, 20);
		}
		const bar = root.createDiv({ cls: 'cnn-save-bar' });
		place(bar, 0, 200, 400, 20);
		const message = bar.createSpan({ cls: 'cnn-save-message', text: 'Saved' });
		place(message, 0, 200, 100, 20);
		const ops = collectFigure(root).ops;
		expect(ops.filter((o) => o.kind === 'image').map((o) => (o.kind === 'image' ? o.source : null))).toEqual([c, d]);
		expect(ops.filter((o) => o.kind === 'text')).toEqual([]);
	});

	it('a child scrolled out of an overflow container does not widen the bounds', () => {
		const root = document.body.createDiv({ cls: 'cnn-notes' });
		place(root, 0, 0, 300, 100);
		const row = root.createDiv({ cls: 'cnn-stage-row' });
		row.setAttr('style', 'overflow-x: auto; background-color: rgb(1,1,1)');
		place(row, 0, 0, 300, 100);
		const far = row.createDiv({ text: 'far' });
		far.setAttr('style', 'background-color: rgb(2,2,2)');
		place(far, 2000, 0, 100, 100);
		expect(collectFigure(root).bounds).toEqual({ x: 0, y: 0, w: 300, h: 100 });
	});

	it('a tall widget: the scale drops so no side passes 8192 px and the area stays under 16 M pixels; a small one keeps 2', () => {
		const tall = paintedSize({ ops: [], bounds: { x: 0, y: 0, w: 1200, h: 9000 } }, { scale: 2, background: '#fff', margin: 12 });
		expect(tall.height).toBeLessThanOrEqual(MAX_CANVAS_SIDE);
		expect(tall.width * tall.height).toBeLessThanOrEqual(MAX_CANVAS_AREA * 1.001);
		expect(tall.scale).toBeLessThan(2);
		const wide = paintedSize({ ops: [], bounds: { x: 0, y: 0, w: 20000, h: 50 } }, { scale: 2, background: '#fff', margin: 0 });
		expect(wide.width).toBeLessThanOrEqual(MAX_CANVAS_SIDE);
		expect(paintedSize({ ops: [], bounds: { x: 0, y: 0, w: 500, h: 300 } }, { scale: 2, background: '#fff', margin: 0 })).toEqual({ width: 1000, height: 600, scale: 2 });
	});

	it('paintFigure draws at the lowered scale', () => {
		const { ctx, calls } = recordingContext();
		const drawing = { ops: [], bounds: { x: 0, y: 0, w: 1200, h: 9000 } };
		const opts = { scale: 2, background: '#fff', margin: 12 };
		paintFigure(drawing, ctx, opts);
		const transform = calls.filter((c) => c.name === 'setTransform')[1];
		expect(transform?.args[0]).toBeCloseTo(paintedSize(drawing, opts).scale);
	});

	it('a translucent background (a callout\'s tint) is passed over for the opaque one behind it (else --background-primary, white in jsdom)', () => {
		const note = document.body.createDiv();
		note.setAttr('style', 'background-color: rgb(250, 250, 250)');
		const callout = note.createDiv({ cls: 'callout' });
		callout.setAttr('style', 'background-color: rgba(8, 109, 221, 0.1)');
		const root = callout.createDiv({ cls: 'cnn-notes' });
		expect(backgroundBehind(root)).toBe('rgb(250, 250, 250)');
		note.removeAttribute('style');
		expect(backgroundBehind(root)).toBe('#ffffff');
		expect([alphaOf('rgb(1, 2, 3)'), alphaOf('rgba(1, 2, 3, 0.5)'), alphaOf('rgb(1 2 3 / 40%)'), alphaOf('transparent')]).toEqual([1, 0.5, 0.4, 0]);
	});
});

describe('a stage arrow drawn by CSS (::after)', () => {
	afterEach(() => jest.restoreAllMocks());

	it('is drawn between the operation over it and the shape under it, centred, in its own font and colour', () => {
		const root = document.body.createDiv({ cls: 'cnn-notes' });
		place(root, 0, 0, 300, 100);
		const arrow = root.createDiv({ cls: 'cnn-stage-arrow' });
		arrow.setAttr('style', 'display: flex; flex-direction: column');
		place(arrow, 100, 0, 60, 60);
		const op = arrow.createDiv({ cls: 'cnn-stage-op', text: 'conv' });
		place(op, 100, 0, 60, 20);
		const shape = arrow.createDiv({ cls: 'cnn-stage-arrow-shape', text: '4x4' });
		shape.setAttr('style', 'order: 2');
		place(shape, 100, 40, 60, 20);
		const real = window.getComputedStyle.bind(window);
		jest.spyOn(window, 'getComputedStyle').mockImplementation((el: Element, pseudo?: string | null) => {
			if (pseudo !== '::after') return real(el);
			const style = real(el);
			const fake = { content: el === arrow ? '"\u2192"' : 'none', display: 'block', color: 'rgb(120, 120, 120)', order: '1', fontStyle: 'normal', fontWeight: '400', fontSize: '18px', fontFamily: 'serif' };
			return new Proxy(style, { get: (target, key) => (key in fake ? fake[key as keyof typeof fake] : (Reflect.get(target, key) as unknown)) });
		});
		const texts = collectFigure(root).ops.filter((o) => o.kind === 'text');
		expect(texts.map((o) => (o.kind === 'text' ? [o.text, o.x, o.y, o.align, o.color, o.font] : null))).toEqual([
			['conv', 100, 10, 'left', expect.any(String), expect.any(String)],
			['4x4', 100, 50, 'left', expect.any(String), expect.any(String)],
			['\u2192', 130, 30, 'center', 'rgb(120, 120, 120)', '400 18px serif'],
		]);
	});
});

describe('figurePng: a canvas that cannot be encoded', () => {
	afterEach(() => {
		jest.restoreAllMocks();
		jest.spyOn(HTMLCanvasElement.prototype, 'getContext').mockImplementation(() => null);
	});

	it('toBlob gives null and toDataURL "data:," (too big, out of memory): null, not an empty PNG', async () => {
		const { ctx } = recordingContext();
		jest.spyOn(HTMLCanvasElement.prototype, 'getContext').mockImplementation((() => ctx) as never);
		jest.spyOn(HTMLCanvasElement.prototype, 'toBlob').mockImplementation((cb: BlobCallback) => cb(null));
		jest.spyOn(HTMLCanvasElement.prototype, 'toDataURL').mockReturnValue('data:,');
		expect(await figurePng(widget().root)).toBeNull();
	});

	it('a canvas over 2 M pixels is never encoded at once (it would hold the main thread): the background encoder is awaited, else no picture', async () => {
		jest.useFakeTimers();
		const { ctx } = recordingContext();
		jest.spyOn(HTMLCanvasElement.prototype, 'getContext').mockImplementation((() => ctx) as never);
		jest.spyOn(HTMLCanvasElement.prototype, 'toBlob').mockImplementation(() => {}); // never idle
		const toDataURL = jest.spyOn(HTMLCanvasElement.prototype, 'toDataURL').mockReturnValue('data:image/png;base64,iVBORw0KGgo=');
		const root = widget().root;
		const tall = root.createDiv({ text: 'tall' });
		place(tall, 100, 200, 400, 3000);
		const png = figurePng(root);
		for (let i = 0; i < 3; i++) await jest.advanceTimersByTimeAsync(0);
		await jest.advanceTimersByTimeAsync(ENCODE_WAIT_MS);
		await jest.advanceTimersByTimeAsync(ENCODE_MAX_WAIT_MS);
		expect(await png).toBeNull();
		expect(toDataURL).not.toHaveBeenCalled();
		jest.useRealTimers();
	}, 5000);

	it('an empty blob from toBlob is not taken: the data URL is, when it holds a PNG', async () => {
		const { ctx } = recordingContext();
		jest.spyOn(HTMLCanvasElement.prototype, 'getContext').mockImplementation((() => ctx) as never);
		jest.spyOn(HTMLCanvasElement.prototype, 'toBlob').mockImplementation((cb: BlobCallback) => cb(new Blob([], { type: 'image/png' })));
		jest.spyOn(HTMLCanvasElement.prototype, 'toDataURL').mockReturnValue('data:image/png;base64,iVBORw0KGgo=');
		expect((await figurePng(widget().root))?.size).toBe(8);
	});
});
