/**
 * A picture of a widget's current figures, for slides: the widget's elements are walked with their
 * layout (getBoundingClientRect) and computed styles, and drawn into one canvas — boxes with their
 * background colour (or linear gradient) and borders (number cells, legend bars, marks), canvases
 * (feature maps) as they are, text with its computed font and colour (values, labels, captions).
 * Controls are left out (buttons, menus, players, pickers, the code panel, lenses, screen-reader
 * text, the save-status line); buttons that are figures (FIGURE_BUTTONS: a classify feature map, a
 * sample digit) are kept. Two steps, so each can be checked alone: collectFigure (DOM -> a list of drawing
 * operations in CSS pixels, and their bounds) and paintFigure (the list -> any 2D context).
 */

/** Buttons that show a figure (a classify feature map, a sample digit): part of the picture and of the printout. */
export const FIGURE_BUTTONS = ['.cnn-classify-map', '.cnn-classify-sample'];

/** Elements that are controls or transient, never figures: left out with everything inside. */
export const NOT_FIGURE = [
	`button${FIGURE_BUTTONS.map((c) => `:not(${c})`).join('')}`,
	'select',
	'summary',
	'textarea',
	'input[type="range"]',
	'input[type="checkbox"]',
	'input[type="radio"]',
	'[role="button"]',
	'[role="menu"]',
	'.cnn-menu-button',
	'.cnn-player',
	'.cnn-code',
	'.cnn-lens',
	'.cnn-explain.is-reserved',
	'.cnn-visually-hidden',
	'.cnn-notes-waiting',
	'.cnn-save-bar',
	'[hidden]',
].join(', ');

/** A rectangle in CSS pixels (left, top, width, height). */
export interface Box {
	x: number;
	y: number;
	w: number;
	h: number;
}

/** One drawing step, in CSS pixels of the page. */
export type FigureOp =
	| ({ kind: 'fill'; color: string } & Box)
	| ({ kind: 'gradient'; stops: { color: string; at: number }[]; vertical: boolean } & Box)
	| ({ kind: 'image'; source: CanvasImageSource; smooth: boolean } & Box)
	| ({ kind: 'svg'; svg: SVGSVGElement; color: string } & Box)
	| { kind: 'text'; text: string; x: number; y: number; h: number; font: string; color: string; align: 'left' | 'center' | 'right'; maxWidth: number }
	| ({ kind: 'clip' } & Box)
	| { kind: 'unclip' };

/** A widget's figures as drawing steps, and the box that holds every visible step. */
export interface FigureDrawing {
	ops: FigureOp[];
	bounds: Box;
}

/** The part of CanvasRenderingContext2D paintFigure uses (tests pass a recording fake). */
export type FigureContext = Pick<
	CanvasRenderingContext2D,
	| 'fillStyle'
	| 'font'
	| 'textAlign'
	| 'textBaseline'
	| 'imageSmoothingEnabled'
	| 'fillRect'
	| 'fillText'
	| 'drawImage'
	| 'createLinearGradient'
	| 'save'
	| 'restore'
	| 'beginPath'
	| 'rect'
	| 'clip'
	| 'setTransform'
	| 'measureText'
>;

/** The alpha (0..1) of a computed colour: `rgba(r, g, b, a)`, `rgb(r g b / a)`, `color(srgb r g b / a)`; 1 when it has none. */
export function alphaOf(color: string): number {
	const c = color.trim().toLowerCase();
	if (c === 'transparent') return 0;
	const m = /^[a-z-]+\((.*)\)$/.exec(c);
	if (!m?.[1]) return 1;
	const body = m[1];
	const slash = body.lastIndexOf('/');
	const parts = body.split(',');
	const raw = slash >= 0 ? body.slice(slash + 1) : parts.length === 4 ? (parts[3] ?? '') : '';
	if (raw.trim() === '') return 1;
	const value = parseFloat(raw);
	if (Number.isNaN(value)) return 1;
	return raw.trim().endsWith('%') ? value / 100 : value;
}

/** True for a colour that draws nothing. */
function invisible(color: string): boolean {
	const c = color.replace(/\s+/g, '').toLowerCase();
	return c === '' || c === 'transparent' || c === 'rgba(0,0,0,0)' || /^rgba\([^)]*,0\)$/.test(c) || /\/0\)$/.test(c);
}

/** The comma-separated parts of a CSS value, commas inside parentheses kept. */
function splitTop(value: string): string[] {
	const parts: string[] = [];
	let depth = 0;
	let start = 0;
	for (let i = 0; i < value.length; i++) {
		const ch = value[i];
		if (ch === '(') depth++;
		else if (ch === ')') depth--;
		else if (ch === ',' && depth === 0) {
			parts.push(value.slice(start, i).trim());
			start = i + 1;
		}
	}
	parts.push(value.slice(start).trim());
	return parts;
}

/** A computed `linear-gradient(...)` as stops (0..1) along x, or along y when vertical; null for anything else. */
export function parseLinearGradient(image: string): { stops: { color: string; at: number }[]; vertical: boolean; reversed: boolean } | null {
	const m = /^linear-gradient\((.*)\)$/s.exec(image.trim());
	if (!m?.[1]) return null;
	const parts = splitTop(m[1]);
	let vertical = true;
	let reversed = false;
	const first = parts[0] ?? '';
	if (/^to\s/.test(first) || /deg$/.test(first)) {
		parts.shift();
		const deg = /^(-?[\d.]+)deg$/.exec(first);
		const angle = deg ? ((Number(deg[1]) % 360) + 360) % 360 : null;
		vertical = first === 'to bottom' || first === 'to top' || angle === 180 || angle === 0;
		reversed = first === 'to left' || first === 'to top' || angle === 270 || angle === 0;
	}
	const stops = parts.map((part, i) => {
		const at = /\s(-?[\d.]+)%$/.exec(part);
		const color = at ? part.slice(0, at.index).trim() : part;
		return { color, at: at ? Number(at[1]) / 100 : parts.length === 1 ? 0 : i / (parts.length - 1) };
	});
	return stops.length > 0 ? { stops, vertical, reversed } : null;
}

/** The canvas font of a computed style: style, weight, size and family. */
function fontOf(style: CSSStyleDeclaration): string {
	return [style.fontStyle, style.fontWeight, style.fontSize || '13px', style.fontFamily || 'sans-serif'].filter((p) => p && p !== 'normal').join(' ');
}

/** Where text sits in its element when its own boxes are unknown: by text-align or centring flex/grid. */
function alignOf(style: CSSStyleDeclaration): 'left' | 'center' | 'right' {
	const flexy = style.display.includes('flex') || style.display.includes('grid');
	if (flexy && style.justifyContent === 'center') return 'center';
	if (style.textAlign === 'center') return 'center';
	if (style.textAlign === 'right' || style.textAlign === 'end') return 'right';
	return 'left';
}

/** The part of `a` inside `b` (an empty box when they do not meet). */
function intersect(a: Box, b: Box): Box {
	const x = Math.max(a.x, b.x);
	const y = Math.max(a.y, b.y);
	return { x, y, w: Math.max(0, Math.min(a.x + a.w, b.x + b.w) - x), h: Math.max(0, Math.min(a.y + a.h, b.y + b.h) - y) };
}

/** Collects what one element shows (its box, canvas, text) and walks its children. */
class Collector {
	readonly ops: FigureOp[] = [];
	private minX = Infinity;
	private minY = Infinity;
	private maxX = -Infinity;
	private maxY = -Infinity;
	/** The scroll containers (overflow other than visible) around the element walked now, innermost last: what they clip does not widen the bounds. */
	private readonly clips: Box[] = [];

	constructor(private readonly win: Window) {}

	bounds(): Box {
		if (this.minX > this.maxX) return { x: 0, y: 0, w: 0, h: 0 };
		return { x: this.minX, y: this.minY, w: this.maxX - this.minX, h: this.maxY - this.minY };
	}

	private grow(box: Box): void {
		const clip = this.clips[this.clips.length - 1];
		const b = clip ? intersect(box, clip) : box;
		if (b.w <= 0 || b.h <= 0) return;
		this.minX = Math.min(this.minX, b.x);
		this.minY = Math.min(this.minY, b.y);
		this.maxX = Math.max(this.maxX, b.x + b.w);
		this.maxY = Math.max(this.maxY, b.y + b.h);
	}

	walk(el: Element): void {
		if (el.matches(NOT_FIGURE)) return;
		const style = this.win.getComputedStyle(el);
		if (style.display === 'none' || style.visibility === 'hidden' || style.opacity === '0') return;
		const r = el.getBoundingClientRect();
		const box: Box = { x: r.left, y: r.top, w: r.width, h: r.height };
		// Text kept for screen readers only (a 1-pixel clipped box) is not part of the picture.
		if (box.w <= 1 && box.h <= 1 && style.overflow === 'hidden') return;
		this.box(el, style, box);
		const clips = box.w > 0 && box.h > 0 && (style.overflowX !== 'visible' || style.overflowY !== 'visible') && style.overflowX !== '';
		if (el.instanceOf(SVGSVGElement)) {
			// Typeset formulas (MathJax) and other vector pictures: drawn as images once loaded (resolveSvgs).
			if (box.w > 0 && box.h > 0) {
				this.ops.push({ kind: 'svg', svg: el, color: style.color, ...box });
				this.grow(box);
			}
			return;
		}
		if (clips) {
			this.ops.push({ kind: 'clip', ...box });
			const outer = this.clips[this.clips.length - 1];
			this.clips.push(outer ? intersect(box, outer) : box);
		}
		if (el.instanceOf(HTMLInputElement)) this.text(el.value, box, style, null);
		for (const node of Array.from(el.childNodes)) {
			if (node.nodeType === Node.TEXT_NODE) this.text(node.textContent ?? '', box, style, node);
			else if (node.instanceOf(Element)) this.walk(node);
		}
		if (clips) {
			this.clips.pop();
			this.ops.push({ kind: 'unclip' });
		}
		if (style.display.includes('flex') && style.flexDirection === 'column') this.afterText(el, box);
	}

	/**
	 * A glyph CSS draws with `::after` in a flex column (a stage's arrow, `content: "→"`, between the
	 * operation over it and the shape under it): text in the band between the children ordered before
	 * it and those after it, centred. Pseudo-elements have no boxes of their own to read.
	 */
	private afterText(el: Element, box: Box): void {
		const after = this.win.getComputedStyle(el, '::after');
		const quoted = /^"(.*)"$/s.exec(after.content ?? '');
		const text = quoted?.[1]?.trim();
		if (!text || after.display === 'none' || invisible(after.color)) return;
		const order = parseFloat(after.order) || 0;
		let top = box.y;
		let bottom = box.y + box.h;
		for (const child of Array.from(el.children)) {
			if (child.matches(NOT_FIGURE)) continue;
			const r = child.getBoundingClientRect();
			if (r.height <= 0) continue;
			const before = (parseFloat(this.win.getComputedStyle(child).order) || 0) <= order;
			if (before) top = Math.max(top, r.bottom);
			else bottom = Math.min(bottom, r.top);
		}
		if (bottom - top <= 0) return;
		const line: Box = { x: box.x, y: top, w: box.w, h: bottom - top };
		this.ops.push({ kind: 'text', text, x: box.x + box.w / 2, y: top + line.h / 2, h: line.h, font: fontOf(after), color: after.color, align: 'center', maxWidth: Math.max(box.w, 1) });
		this.grow(line);
	}

	/** Background (colour or linear gradient), borders, and the pixels of a canvas or picture. */
	private box(el: Element, style: CSSStyleDeclaration, b: Box): void {
		if (b.w <= 0 || b.h <= 0) return;
		if (!invisible(style.backgroundColor)) {
			this.ops.push({ kind: 'fill', color: style.backgroundColor, ...b });
			this.grow(b);
		}
		const gradient = style.backgroundImage && style.backgroundImage !== 'none' ? parseLinearGradient(style.backgroundImage) : null;
		if (gradient) {
			const stops = gradient.reversed ? gradient.stops.map((s) => ({ color: s.color, at: 1 - s.at })).reverse() : gradient.stops;
			this.ops.push({ kind: 'gradient', stops, vertical: gradient.vertical, ...b });
			this.grow(b);
		}
		const sides = [
			['Top', { x: b.x, y: b.y, w: b.w, h: 0 }],
			['Bottom', { x: b.x, y: b.y + b.h, w: b.w, h: 0 }],
			['Left', { x: b.x, y: b.y, w: 0, h: b.h }],
			['Right', { x: b.x + b.w, y: b.y, w: 0, h: b.h }],
		] as const;
		for (const [side, edge] of sides) {
			const width = parseFloat(style.getPropertyValue(`border-${side.toLowerCase()}-width`)) || 0;
			const color = style.getPropertyValue(`border-${side.toLowerCase()}-color`);
			const kind = style.getPropertyValue(`border-${side.toLowerCase()}-style`);
			if (width <= 0 || kind === 'none' || kind === 'hidden' || invisible(color)) continue;
			const strip: Box =
				side === 'Top' || side === 'Bottom'
					? { x: edge.x, y: side === 'Top' ? edge.y : edge.y - width, w: edge.w, h: width }
					: { x: side === 'Left' ? edge.x : edge.x - width, y: edge.y, w: width, h: edge.h };
			this.ops.push({ kind: 'fill', color, ...strip });
			this.grow(strip);
		}
		const canvas = el.instanceOf(HTMLCanvasElement) && el.width > 0 && el.height > 0;
		if (canvas || (el.instanceOf(HTMLImageElement) && el.complete && el.naturalWidth > 0)) {
			const smooth = style.imageRendering !== 'pixelated' && style.imageRendering !== 'crisp-edges';
			this.ops.push({ kind: 'image', source: el, smooth, ...b });
			this.grow(b);
		}
	}

	/** Text: at the boxes the browser laid it out in (a Range), else in its element by its alignment. */
	private text(raw: string, box: Box, style: CSSStyleDeclaration, node: Node | null): void {
		const text = raw.replace(/\s+/g, ' ').trim();
		if (text === '' || invisible(style.color)) return;
		const font = fontOf(style);
		const color = style.color;
		const lines = node ? this.lineBoxes(node, raw) : [];
		if (lines.length === 1 || (lines.length > 1 && !text.includes(' '))) {
			const line = lines[0] as Box;
			this.ops.push({ kind: 'text', text, x: line.x, y: line.y + line.h / 2, h: line.h, font, color, align: 'left', maxWidth: Math.max(line.w, 1) * 1.05 });
			this.grow(line);
			return;
		}
		if (lines.length > 1) {
			// Wrapped text: its words, in order, onto the lines the browser made, by their measured widths.
			const words = text.split(' ');
			let from = 0;
			lines.forEach((line, i) => {
				const count = i === lines.length - 1 ? words.length - from : this.wordsThatFit(words, from, line.w, font);
				const part = words.slice(from, from + count).join(' ');
				from += count;
				if (part === '') return;
				this.ops.push({ kind: 'text', text: part, x: line.x, y: line.y + line.h / 2, h: line.h, font, color, align: 'left', maxWidth: Math.max(line.w, 1) * 1.05 });
				this.grow(line);
			});
			return;
		}
		if (box.w <= 0 || box.h <= 0) return;
		const align = alignOf(style);
		const padLeft = parseFloat(style.paddingLeft) || 0;
		const padRight = parseFloat(style.paddingRight) || 0;
		const x = align === 'center' ? box.x + box.w / 2 : align === 'right' ? box.x + box.w - padRight : box.x + padLeft;
		this.ops.push({ kind: 'text', text, x, y: box.y + box.h / 2, h: box.h, font, color, align, maxWidth: Math.max(box.w - padLeft - padRight, 1) });
		this.grow(box);
	}

	/** The line boxes of a text node (none where the browser cannot tell, as in jsdom). */
	private lineBoxes(node: Node, raw: string): Box[] {
		const doc = node.ownerDocument;
		if (!doc || typeof doc.createRange !== 'function') return [];
		const range = doc.createRange();
		// The visible characters only: spaces around them (laid out or not) would move the text.
		range.setStart(node, raw.search(/\S/));
		range.setEnd(node, raw.trimEnd().length);
		if (typeof range.getClientRects !== 'function') return [];
		return Array.from(range.getClientRects())
			.filter((r) => r.width > 0 && r.height > 0)
			.map((r) => ({ x: r.left, y: r.top, w: r.width, h: r.height }));
	}

	private measure: CanvasRenderingContext2D | null | undefined;

	/** How many of words[from..] fit in `width` px in `font` (at least one). */
	private wordsThatFit(words: string[], from: number, width: number, font: string): number {
		if (this.measure === undefined) this.measure = createEl('canvas').getContext('2d');
		const ctx = this.measure;
		if (!ctx) return 1;
		ctx.font = font;
		let count = 1;
		while (from + count < words.length && ctx.measureText(words.slice(from, from + count + 1).join(' ')).width <= width + 1) count++;
		return count;
	}
}

/** The tallest empty band kept between figures (CSS px): the room of a left-out control or unused explanation box closes up to it. */
export const MAX_GAP = 16;

/** The vertical extent of a step that draws something (null for clip steps). */
function extent(op: FigureOp): [number, number] | null {
	if (op.kind === 'clip' || op.kind === 'unclip') return null;
	if (op.kind === 'text') return [op.y - op.h / 2, op.y + op.h / 2];
	return [op.y, op.y + op.h];
}

/** `drawing` with every empty horizontal band taller than `maxGap` closed up to `maxGap` (steps below move up). */
export function closeGaps(drawing: FigureDrawing, maxGap = MAX_GAP): FigureDrawing {
	const spans = drawing.ops.map(extent).filter((e): e is [number, number] => e !== null).sort((a, b) => a[0] - b[0]);
	const cuts: { at: number; by: number }[] = [];
	let bottom = spans[0]?.[1] ?? 0;
	for (const [top, end] of spans) {
		if (top - bottom > maxGap) cuts.push({ at: top, by: top - bottom - maxGap });
		bottom = Math.max(bottom, end);
	}
	if (cuts.length === 0) return drawing;
	const shift = (y: number): number => cuts.reduce((sum, cut) => (y >= cut.at ? sum + cut.by : sum), 0);
	const ops = drawing.ops.map((op): FigureOp => {
		if (op.kind === 'unclip') return op;
		if (op.kind === 'text') return { ...op, y: op.y - shift(op.y) };
		const y = op.y - shift(op.y);
		return { ...op, y, h: op.y + op.h - shift(op.y + op.h) - y };
	});
	const total = cuts.reduce((sum, cut) => sum + cut.by, 0);
	return { ops, bounds: { ...drawing.bounds, h: drawing.bounds.h - total } };
}

/** The drawing steps of everything `root` shows but controls, in page CSS pixels, and their bounds; empty bands closed up (closeGaps). */
export function collectFigure(root: HTMLElement): FigureDrawing {
	const win = root.ownerDocument.defaultView;
	if (!win) return { ops: [], bounds: { x: 0, y: 0, w: 0, h: 0 } };
	const collector = new Collector(win);
	collector.walk(root);
	return closeGaps({ ops: collector.ops, bounds: collector.bounds() });
}

/** Options of paintFigure: device pixels per CSS pixel, the background colour, the margin around the figures (CSS px). */
export interface PaintOptions {
	scale: number;
	background: string;
	margin: number;
}

/** The longest canvas side figureCanvas draws (device px): half of mobile Safari's 16384, so encoding stays short. */
export const MAX_CANVAS_SIDE = 8192;
/** The most device pixels figureCanvas draws: under mobile Safari's 16.7 M pixel canvas limit. */
export const MAX_CANVAS_AREA = 16_000_000;

/**
 * The canvas size paintFigure needs for `drawing`, in device pixels, and the scale it draws at:
 * `opts.scale`, lowered for a big figure so no side passes MAX_CANVAS_SIDE and the area stays under
 * MAX_CANVAS_AREA (a larger canvas is blank or throws on mobile Safari, and takes long to encode).
 */
export function paintedSize(drawing: FigureDrawing, opts: PaintOptions): { width: number; height: number; scale: number } {
	const w = Math.max(1, drawing.bounds.w + 2 * opts.margin);
	const h = Math.max(1, drawing.bounds.h + 2 * opts.margin);
	const scale = Math.min(opts.scale, MAX_CANVAS_SIDE / w, MAX_CANVAS_SIDE / h, Math.sqrt(MAX_CANVAS_AREA / (w * h)));
	return {
		width: Math.min(MAX_CANVAS_SIDE, Math.max(1, Math.ceil(w * scale))),
		height: Math.min(MAX_CANVAS_SIDE, Math.max(1, Math.ceil(h * scale))),
		scale,
	};
}

/** Draws `drawing` onto `ctx` (a canvas of paintedSize, at its scale): the background, then every step, moved so the bounds start at the margin. */
export function paintFigure(drawing: FigureDrawing, ctx: FigureContext, opts: PaintOptions): void {
	const { width, height, scale } = paintedSize(drawing, opts);
	ctx.setTransform(1, 0, 0, 1, 0, 0);
	ctx.fillStyle = opts.background;
	ctx.fillRect(0, 0, width, height);
	const dx = opts.margin - drawing.bounds.x;
	const dy = opts.margin - drawing.bounds.y;
	ctx.setTransform(scale, 0, 0, scale, dx * scale, dy * scale);
	ctx.textBaseline = 'middle';
	for (const op of drawing.ops) {
		switch (op.kind) {
			case 'fill':
				ctx.fillStyle = op.color;
				ctx.fillRect(op.x, op.y, op.w, op.h);
				break;
			case 'gradient': {
				const g = op.vertical ? ctx.createLinearGradient(0, op.y, 0, op.y + op.h) : ctx.createLinearGradient(op.x, 0, op.x + op.w, 0);
				for (const s of op.stops) g.addColorStop(Math.min(1, Math.max(0, s.at)), s.color);
				ctx.fillStyle = g;
				ctx.fillRect(op.x, op.y, op.w, op.h);
				break;
			}
			case 'image':
				ctx.imageSmoothingEnabled = op.smooth;
				ctx.drawImage(op.source, op.x, op.y, op.w, op.h);
				break;
			case 'text':
				ctx.font = op.font;
				ctx.fillStyle = op.color;
				ctx.textAlign = op.align;
				ctx.fillText(op.text, op.x, op.y, op.maxWidth);
				break;
			case 'svg':
				break; // not loaded: see resolveSvgs
			case 'clip':
				ctx.save();
				ctx.beginPath();
				ctx.rect(op.x, op.y, op.w, op.h);
				ctx.clip();
				break;
			case 'unclip':
				ctx.restore();
				break;
		}
	}
}

/**
 * The colour behind `el`: the first ancestor's opaque background (the note's), else Obsidian's
 * `--background-primary`, else white. A translucent one (a callout's tint) is passed over: alone it
 * would make a nearly transparent picture.
 */
export function backgroundBehind(el: HTMLElement): string {
	const win = el.ownerDocument.defaultView;
	if (!win) return '#ffffff';
	for (let node: HTMLElement | null = el; node; node = node.parentElement) {
		const color = win.getComputedStyle(node).backgroundColor;
		if (!invisible(color) && alphaOf(color) >= 1) return color;
	}
	const primary = win.getComputedStyle(el).getPropertyValue('--background-primary').trim();
	return primary || '#ffffff';
}

/** An SVG element as a loaded picture: a copy with its colour and the symbols it uses (MathJax keeps glyphs elsewhere in the page). */
async function svgImage(svg: SVGSVGElement, color: string, box: Box): Promise<HTMLImageElement> {
	const copy = svg.cloneNode(true) as SVGSVGElement;
	copy.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
	copy.setAttribute('width', String(box.w));
	copy.setAttribute('height', String(box.h));
	copy.setAttribute('color', color);
	const defs = svg.ownerDocument.createElementNS('http://www.w3.org/2000/svg', 'defs');
	const seen = new Set<string>();
	for (const use of Array.from(copy.querySelectorAll('use'))) {
		const href = use.getAttribute('href') ?? use.getAttribute('xlink:href') ?? '';
		const id = href.startsWith('#') ? href.slice(1) : '';
		if (!id || seen.has(id) || copy.querySelector(`[id="${CSS.escape(id)}"]`)) continue;
		seen.add(id);
		const target = svg.ownerDocument.getElementById(id);
		if (target) defs.appendChild(target.cloneNode(true));
	}
	if (defs.childNodes.length > 0) copy.prepend(defs);
	const text = new XMLSerializer().serializeToString(copy);
	const img = new Image();
	img.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(text)}`;
	await img.decode();
	return img;
}

/** The drawing with its SVG steps loaded as pictures (a picture that cannot load is left out). */
export async function resolveSvgs(drawing: FigureDrawing): Promise<FigureDrawing> {
	const ops = await Promise.all(
		drawing.ops.map(async (op): Promise<FigureOp | null> => {
			if (op.kind !== 'svg') return op;
			try {
				return { kind: 'image', source: await svgImage(op.svg, op.color, op), smooth: true, x: op.x, y: op.y, w: op.w, h: op.h };
			} catch {
				return null;
			}
		}),
	);
	return { ops: ops.filter((op): op is FigureOp => op !== null), bounds: drawing.bounds };
}

/** Resolves in a new task (the page can handle input and paint meanwhile). */
function nextTask(): Promise<void> {
	return new Promise((resolve) => window.setTimeout(resolve, 0));
}

/** What figureCanvas draws: the drawing (SVGs loaded), the paint options and the canvas size; null when there is nothing to draw. */
async function prepare(root: HTMLElement, scale: number, margin: number): Promise<{ drawing: FigureDrawing; opts: PaintOptions; width: number; height: number } | null> {
	const collected = collectFigure(root);
	// Reading the page and painting run in separate tasks: neither holds the main thread long for a big widget.
	await nextTask();
	const drawing = await resolveSvgs(collected);
	if (drawing.ops.length === 0 || drawing.bounds.w <= 0) return null;
	const opts: PaintOptions = { scale, background: backgroundBehind(root), margin };
	const size = paintedSize(drawing, opts);
	return { drawing, opts, width: size.width, height: size.height };
}

/** The widget's figures drawn into a new canvas at `scale` device pixels per CSS pixel (2: crisp on slides; less for a very big widget, see paintedSize), on the theme's background. */
export async function figureCanvas(root: HTMLElement, scale = 2, margin = 12): Promise<HTMLCanvasElement | null> {
	const ready = await prepare(root, scale, margin);
	if (!ready) return null;
	const canvas = createEl('canvas');
	canvas.width = ready.width;
	canvas.height = ready.height;
	const ctx = canvas.getContext('2d');
	if (!ctx) return null;
	paintFigure(ready.drawing, ctx, ready.opts);
	return canvas;
}

/** How long figurePng lets the browser's background encoder wait for an idle moment before encoding at once (ms). */
export const ENCODE_WAIT_MS = 200;
/**
 * The largest canvas figurePng encodes at once on the main thread (device px): about 25 ms in
 * Chromium. A bigger one (toDataURL: about 100 ms at 1448x4363, 170 ms at 16 M px) waits for the
 * background encoder instead, up to ENCODE_MAX_WAIT_MS.
 */
export const SYNC_ENCODE_MAX_PIXELS = 2_000_000;
/** How long figurePng waits for the background encoder of a canvas too big to encode at once (ms); past it, no picture. */
export const ENCODE_MAX_WAIT_MS = 10_000;

const PNG_URL = 'data:image/png;base64,';

/** The PNG of a `data:` URL from toDataURL, or null when the canvas could not be encoded (`data:,`, or an empty or other picture). */
function dataUrlPng(url: string): Blob | null {
	if (!url.startsWith(PNG_URL) || url.length === PNG_URL.length) return null;
	const text = atob(url.slice(PNG_URL.length));
	const bytes = new Uint8Array(text.length);
	for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
	return bytes.length > 0 ? new Blob([bytes], { type: 'image/png' }) : null;
}

/**
 * The widget's figures as a PNG (see figureCanvas), or null when there is nothing to draw or no
 * canvas. Chromium encodes toBlob's PNG in an idle moment of the page, which can come a second or
 * more after a click: past ENCODE_WAIT_MS, the PNG is encoded at once, in a task of its own (about
 * 20-30 ms for a widget of 1400x1000 pixels); a canvas over SYNC_ENCODE_MAX_PIXELS is never encoded at
 * once (it would hold the main thread 100 ms and more). A canvas the browser cannot encode (too big, out of
 * memory: toBlob gives null, toDataURL `data:,`) gives null, never an empty PNG.
 */
export async function figurePng(root: HTMLElement, scale = 2, margin = 12): Promise<Blob | null> {
	const canvas = await figureCanvas(root, scale, margin);
	if (!canvas) return null;
	await nextTask();
	const atOnce = canvas.width * canvas.height <= SYNC_ENCODE_MAX_PIXELS;
	let timer = 0;
	const encoded = new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
	const waited = new Promise<null>((resolve) => (timer = window.setTimeout(() => resolve(null), atOnce ? ENCODE_WAIT_MS : ENCODE_MAX_WAIT_MS)));
	const blob = await Promise.race([encoded, waited]);
	window.clearTimeout(timer);
	if (blob && blob.size > 0) return blob;
	return atOnce ? dataUrlPng(canvas.toDataURL('image/png')) : null;
}
