/**
 * The drawing pad of `input: draw`: pointer events (mouse, pen, touch) draw strokes, shown on a
 * canvas and painted into an ink raster (src/model/strokes) that the widget preprocesses; undo and
 * clear buttons. Listeners are registered on the owning component, so they end with it.
 */
import type { Component } from 'obsidian';
import { t } from '../../i18n';
import type { InkImage } from '../../model/preprocess';
import { blankInk, paintStroke, PEN_WIDTH, type Stroke } from '../../model/strokes';
import { listen } from '../shared/guard';

/** Canvas resolution of the pad (pixels per side); CSS decides the displayed size. */
const PAD_PIXELS = 280;
/** Points closer than this (pad units) to the previous one are skipped. */
const MIN_STEP = 0.004;

/** Called with the current ink after each change; `final` when a stroke ended or was undone / cleared. */
export type InkListener = (ink: InkImage, final: boolean) => void;

/** A drawing pad with undo and clear. */
export class DrawingPad {
	readonly el: HTMLElement;
	private readonly canvas: HTMLCanvasElement;
	private readonly hint: HTMLElement;
	private readonly undoButton: HTMLButtonElement;
	private readonly clearButton: HTMLButtonElement;
	private ctx: CanvasRenderingContext2D | null | undefined;
	private strokes: Stroke[] = [];
	private current: Stroke | null = null;
	private pointer: number | null = null;
	private ink: InkImage = blankInk();

	/** `digits`: the hint asks for a digit (the digits model), else for any drawing. */
	constructor(parent: HTMLElement, owner: Component, private readonly onInk: InkListener, digits = true) {
		this.el = parent.createDiv({ cls: 'cnn-classify-pad' });
		const frame = this.el.createDiv({ cls: 'cnn-classify-pad-frame' });
		this.canvas = frame.createEl('canvas', {
			cls: 'cnn-classify-pad-canvas',
			attr: { width: PAD_PIXELS, height: PAD_PIXELS, role: 'img', 'aria-label': t(digits ? 'classify.pad.label' : 'classify.pad.labelAny') },
		});
		this.hint = frame.createDiv({ cls: 'cnn-classify-pad-hint', text: t(digits ? 'classify.pad.hint' : 'classify.pad.hintAny') });
		const buttons = this.el.createDiv({ cls: 'cnn-classify-pad-buttons' });
		this.undoButton = buttons.createEl('button', { text: t('classify.pad.undo'), attr: { type: 'button', 'data-action': 'undo' } });
		this.clearButton = buttons.createEl('button', { text: t('classify.pad.clear'), attr: { type: 'button', 'data-action': 'clear' } });
		listen(owner, this.canvas, 'pointerdown', (e) => this.down(e));
		listen(owner, this.canvas, 'pointermove', (e) => this.move(e));
		listen(owner, this.canvas, 'pointerup', (e) => this.up(e));
		listen(owner, this.canvas, 'pointercancel', (e) => this.up(e));
		listen(owner, this.undoButton, 'click', () => this.undo());
		listen(owner, this.clearButton, 'click', () => this.clear());
		this.sync();
	}

	/** The strokes drawn so far (pad units), oldest first. */
	get drawing(): readonly Stroke[] {
		return this.strokes;
	}

	/** Removes the last stroke. */
	undo(): void {
		if (this.strokes.length === 0) return;
		this.strokes.pop();
		this.ink = blankInk();
		for (const s of this.strokes) paintStroke(this.ink, s);
		this.redraw();
		this.sync();
		this.onInk(this.ink, true);
	}

	/** Removes every stroke. */
	clear(): void {
		if (this.strokes.length === 0 && this.current === null) return;
		this.strokes = [];
		this.current = null;
		this.pointer = null;
		this.ink = blankInk();
		this.redraw();
		this.sync();
		this.onInk(this.ink, true);
	}

	/** The pointer position in pad units, or null when the canvas has no size (not displayed). */
	private position(e: PointerEvent): [number, number] | null {
		const rect = this.canvas.getBoundingClientRect();
		if (!(rect.width > 0 && rect.height > 0)) return null;
		const x = (e.clientX - rect.left) / rect.width;
		const y = (e.clientY - rect.top) / rect.height;
		return [Math.min(1, Math.max(0, x)), Math.min(1, Math.max(0, y))];
	}

	private down(e: PointerEvent): void {
		if (this.pointer !== null || e.button > 0) return;
		const at = this.position(e);
		if (!at) return;
		e.preventDefault();
		this.pointer = e.pointerId;
		if (typeof this.canvas.setPointerCapture === 'function') {
			try {
				this.canvas.setPointerCapture(e.pointerId);
			} catch {
				// A synthetic or already released pointer cannot be captured; drawing still works.
			}
		}
		this.current = [at[0], at[1]];
		this.strokes.push(this.current);
		paintStroke(this.ink, this.current);
		this.drawSegment(this.current, 0);
		this.sync();
		this.onInk(this.ink, false);
	}

	private move(e: PointerEvent): void {
		const stroke = this.current;
		if (stroke === null || e.pointerId !== this.pointer) return;
		e.preventDefault();
		const events = typeof e.getCoalescedEvents === 'function' ? e.getCoalescedEvents() : [];
		const from = stroke.length / 2 - 1;
		for (const ev of events.length > 0 ? events : [e]) {
			const at = this.position(ev);
			if (!at) continue;
			const dx = at[0] - (stroke[stroke.length - 2] ?? 0);
			const dy = at[1] - (stroke[stroke.length - 1] ?? 0);
			if (dx * dx + dy * dy < MIN_STEP * MIN_STEP) continue;
			stroke.push(at[0], at[1]);
		}
		if (stroke.length / 2 - 1 === from) return;
		paintStroke(this.ink, stroke, from + 1);
		this.drawSegment(stroke, from);
		this.onInk(this.ink, false);
	}

	private up(e: PointerEvent): void {
		if (this.current === null || e.pointerId !== this.pointer) return;
		this.current = null;
		this.pointer = null;
		this.onInk(this.ink, true);
	}

	/** The canvas's 2d context with the pen set up, or null (jsdom). */
	private context(): CanvasRenderingContext2D | null {
		if (this.ctx === undefined) this.ctx = this.canvas.getContext('2d');
		const ctx = this.ctx;
		if (!ctx) return null;
		ctx.lineCap = 'round';
		ctx.lineJoin = 'round';
		ctx.lineWidth = PEN_WIDTH * PAD_PIXELS;
		ctx.strokeStyle = ctx.fillStyle = this.canvas.win.getComputedStyle(this.canvas).color || 'black';
		return ctx;
	}

	/** Draws `stroke` from point `from` on (a dot for a single point). */
	private drawSegment(stroke: Stroke, from: number): void {
		const ctx = this.context();
		if (!ctx) return;
		const n = stroke.length / 2;
		const x = (i: number): number => (stroke[2 * i] ?? 0) * PAD_PIXELS;
		const y = (i: number): number => (stroke[2 * i + 1] ?? 0) * PAD_PIXELS;
		ctx.beginPath();
		if (n === 1) {
			ctx.arc(x(0), y(0), ctx.lineWidth / 2, 0, 2 * Math.PI);
			ctx.fill();
			return;
		}
		ctx.moveTo(x(from), y(from));
		for (let i = from + 1; i < n; i++) ctx.lineTo(x(i), y(i));
		ctx.stroke();
	}

	/** Clears the canvas and draws every stroke again. */
	private redraw(): void {
		const ctx = this.context();
		if (!ctx) return;
		ctx.clearRect(0, 0, PAD_PIXELS, PAD_PIXELS);
		for (const s of this.strokes) this.drawSegment(s, 0);
	}

	/** Hint and button states from the strokes. */
	private sync(): void {
		const empty = this.strokes.length === 0;
		this.hint.toggleClass('is-hidden', !empty);
		this.undoButton.disabled = empty;
		this.clearButton.disabled = empty;
	}
}
