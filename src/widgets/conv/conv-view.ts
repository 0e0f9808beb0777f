import type { ConvExplanation, Tensor } from '../../cnn';
import { paddingName, poolingName, t } from '../../i18n';
import { generateCode, type GeneratedCode } from './conv-code';
import { fillCodePanel, renderCodePanel } from '../shared/code-panel';
import { renderSizeFormulas } from '../shared/formula';
import type { ConvComputation, ConvSetup, ConvCell } from '../../cnn';
import { formatNumber, formatPair, formatShape } from '../shared/format';
import { KernelEditor } from './kernel-editor';
import { createMapView, type MapView } from '../shared/map-view';
import type { CellRef } from '../shared/matrix-grid';
import { renderPoolExplanation } from '../pool/pool-explain';
import { areaSize, clipArea, type CellArea, type PoolComputation, type PoolSummary } from '../../cnn';
import { MAX_WRITTEN_TERMS, moreTerms, termsWritten } from '../shared/arithmetic';
import { StepPlayer, type StepUnit } from '../shared/step-player';
import { convLens, createLens, inputLens, type Lens } from '../shared/lens';
import { BlockView } from '../shared/block-view';
import { listen } from '../shared/guard';
import { StageTable } from '../shared/stage-table';
import { ExplainBox, type ExplainWriter } from '../shared/explain-box';
import { renderGridLegend } from '../shared/legend';
import { DEFAULT_PREFS, type WidgetPrefs } from '../shared/prefs';

/** What the view reports upward: a kernel edit of filter `index`, or a preset pick. */
export type KernelChange = (index: number, rows: number[][], preset: string | null) => void;

/** Labels and notes the widget decides (they depend on the block, not on the computation). */
export interface ConvViewOptions {
	kernelNames: (string | null)[];
	/** Notes shown under the summary, already translated (downscaling, rgb). */
	notes: string[];
	reducedMotion: boolean;
	onKernelChange: KernelChange;
	/** What a player step is: 'rows' on pictures (with a lens on hover), 'cells' otherwise. */
	unit?: StepUnit;
	/** The line saying whether kernel edits are saved (owned by the widget), shown under the kernels and maps. */
	saveLine?: HTMLElement;
	/** The settings (default DEFAULT_PREFS): formulas and code shown or not, the code tab first, the player's speed. */
	prefs?: Readonly<WidgetPrefs>;
}

const ACTIVATION_NAMES: ReadonlyMap<string, string> = new Map([
	['relu', 'ReLU'],
	['leaky-relu', 'Leaky ReLU'],
	['tanh', 'Tanh'],
]);

/** An activation's name as the widget writes it (the sigmoid is translated: "sigmoide" in Spanish). */
function activationName(id: string): string {
	if (id === 'sigmoid') return t('widget.activationName.sigmoid');
	return ACTIVATION_NAMES.get(id) ?? id;
}

/**
 * The DOM of one convolution as a table of stages (StageTable): the input, then one row per filter
 * (kernel editor, output map, activated map, pooled map, each behind an arrow with its operation and
 * shape), a legend of the grid colours, the arithmetic of the hovered / focused / stepped cell, the step player, the output-size
 * formulas and the equivalent code. A child component: its listeners and timer end with it.
 */
export class ConvView extends BlockView {
	private input!: MapView;
	private readonly outputs: MapView[] = [];
	private readonly activated: MapView[] = [];
	private readonly pooled: MapView[] = [];
	private readonly editors: KernelEditor[] = [];
	private explain!: ExplainBox;
	/** The code panel's body, or null when the settings hide the code. */
	private codeEl: HTMLElement | null = null;
	private player!: StepPlayer;
	private cursor: ConvCell = { row: 0, col: 0, filter: 0 };
	/** The cursor is a cell of a pooled map (explained by showPooled), not of an output map. */
	private cursorPooled = false;
	private step: number | null = null;
	/** The filter whose weights are marked in its kernel editor (every weight takes part), or null. */
	private tapsFilter: number | null = null;

	constructor(
		parent: HTMLElement,
		private setup: ConvSetup,
		private comp: ConvComputation,
		private readonly opts: ConvViewOptions,
	) {
		super(parent, 'cnn-conv');
	}

	/**
	 * Replaces the numbers after a same-size kernel edit of filter `changed` (null: any filter may have
	 * changed): outputs, explanation and code update in place; only the changed filter's maps redraw.
	 */
	update(setup: ConvSetup, comp: ConvComputation, changed: number | null = null): void {
		this.setup = setup;
		this.comp = comp;
		const redraw = (f: number): boolean => changed === null || f === changed;
		this.outputs.forEach((v, f) => v.setValues(comp.output, redraw(f)));
		if (comp.activated) this.activated.forEach((v, f) => v.setValues(comp.activated as Tensor, redraw(f)));
		if (comp.pool) this.pooled.forEach((v, f) => v.setValues((comp.pool as PoolComputation).output, redraw(f)));
		// The arithmetic shown is written again only when it is about the changed filter.
		const at = this.step === null ? this.cursor : comp.cellOfStep(this.step);
		if (redraw(at.filter)) {
			if (this.step === null && this.cursorPooled) this.showPooled(at);
			else this.showCell(at, false);
		}
		this.renderCode();
	}

	protected build(): void {
		const { setup, comp, root } = this;
		const count = setup.kernels.length;
		root.createDiv({
			cls: 'cnn-summary',
			text: t('widget.conv.summary', {
				stride: formatPair(setup.stride),
				padding: typeof setup.padding === 'string' ? paddingName(setup.padding) : formatPair(setup.padding),
				dilation: formatPair(setup.dilation),
			}),
		});
		root.createDiv({ cls: 'cnn-note', text: t(setup.flip ? 'widget.conv.flip' : 'widget.conv.noFlip') });
		if (setup.transpose) root.createDiv({ cls: 'cnn-note', text: t('widget.transpose.note', { stride: formatPair(setup.stride) }) });
		for (const note of this.opts.notes) root.createDiv({ cls: 'cnn-note', text: note });

		const table = new StageTable(root);
		const input = table.input;
		const inputLabel = setup.transpose ? t('widget.stretched', { shape: '' }).trim() : t('widget.input');
		this.input = createMapView(this, input, comp.view, { role: 'input', label: inputLabel, pad: comp.pads, origin: comp.origin });
		input.createDiv({ cls: 'cnn-stage-shape', text: formatShape((setup.transpose ? comp.view : setup.input).shape) });
		const actName = activationName(setup.activation);
		// A row is one filter: each arrow gives the shape of that filter's one map (h x w x 1).
		const mapShape = (shape: readonly number[]): string => formatShape([shape[0] ?? 1, shape[1] ?? 1, 1]);
		const poolName = setup.pool ? t('widget.chain.pooled', { pooling: poolingName(setup.pool.type), size: formatPair(setup.pool.size) }) : '';
		setup.kernels.forEach((rows, f) => {
			const title = count === 1 ? null : t('widget.filter', { index: f + 1 });
			const row = table.row(f, title);
			const [kh = 1, kw = 1] = comp.filters.shape;
			const editor = new KernelEditor(this, row.cell('kernel', { op: '⊛', symbol: true }), rows, title ?? t('widget.kernel'), this.opts.kernelNames[f] ?? null, count === 1, (next, preset) =>
				this.opts.onKernelChange(f, next, preset),
			);
			editor.el.createDiv({ cls: 'cnn-stage-shape', text: `${kh}x${kw}x${setup.input.shape[2] ?? 1}` });
			const bias = setup.bias?.[f];
			if (bias !== undefined) editor.el.createDiv({ cls: 'cnn-caption', text: t('widget.bias', { value: formatNumber(bias) }) });
			this.editors.push(editor);
			const label = count === 1 ? t('widget.output') : t('widget.outputMap', { index: f + 1 });
			this.outputs.push(this.mapCell(row.cell('conv', { op: '=', shape: mapShape(comp.output.shape), symbol: true }), comp.output, f, label));
			if (comp.activated) {
				const label = count === 1 ? t('widget.activated', { fn: actName }) : t('widget.activatedMap', { index: f + 1, fn: actName });
				this.activated.push(this.mapCell(row.cell('activation', { op: actName, shape: mapShape(comp.activated.shape) }), comp.activated, f, label));
			}
			if (comp.pool && setup.pool) {
				const label = count === 1 ? t('widget.pooled', { pool: poolName }) : t('widget.pooledMap', { index: f + 1, pool: poolName });
				const body = row.cell('pool', { op: poolName, shape: mapShape(comp.pool.output.shape) });
				const view = createMapView(this, body, comp.pool.output, { role: 'output', label, channel: f, focusable: true });
				view.listen(
					(cell) => this.showPooled({ ...cell, filter: f }),
					(ev) => this.onKey(ev, view, f),
				);
				this.pooled.push(view);
			}
		});
		table.finish('cnn-shape', t('widget.shape', { shape: formatShape((comp.pool?.output ?? comp.output).shape) }));
		if (table.el.querySelector('.cnn-grid:not(.cnn-grid-kernel)')) renderGridLegend(table.el);
		if (comp.activated || comp.pool) root.createDiv({ cls: 'cnn-chain', text: this.chainText() });
		if (this.opts.saveLine) root.appendChild(this.opts.saveLine);

		this.explain = new ExplainBox(root, this.reserves());
		const prefs = this.opts.prefs ?? DEFAULT_PREFS;
		this.player = new StepPlayer(this, root, this.rows ? (comp.output.shape[0] ?? 1) : comp.steps, (index) => this.onStep(index), {
			reducedMotion: this.opts.reducedMotion,
			unit: this.opts.unit,
			speed: prefs.animationSpeed,
		});
		this.addLens();
		if (prefs.showFormulas) renderSizeFormulas(root, comp.axes.rows, comp.axes.cols, setup.transpose ? 'transposed' : 'conv');
		if (prefs.showCode) this.codeEl = renderCodePanel(this, root, this.code(), prefs.codeTab);
	}

	/**
	 * What the explanation box holds before the first hover, overlaid: a central output cell's
	 * arithmetic, a corner cell's (it reads padding, when there is any) and a pooled cell's.
	 */
	private reserves(): ExplainWriter[] {
		const [oh = 1, ow = 1] = this.comp.output.shape;
		const cells: ConvCell[] = [
			{ row: Math.floor(oh / 2), col: Math.floor(ow / 2), filter: 0 },
			{ row: 0, col: 0, filter: 0 },
		];
		const writers: ExplainWriter[] = cells.map((at) => (el) => this.writeExplanation(el, at, this.comp.explain(at)));
		const pool = this.comp.pool;
		if (pool) {
			const [ph = 1, pw = 1] = pool.output.shape;
			writers.push((el) => this.writePooled(el, { row: Math.floor(ph / 2), col: Math.floor(pw / 2), filter: 0 }));
		}
		return writers;
	}

	private mapCell(body: HTMLElement, values: Tensor, filter: number, label: string): MapView {
		const view = createMapView(this, body, values, { role: 'output', label, channel: filter, focusable: true });
		this.listen(view, filter);
		return view;
	}

	private listen(view: MapView, filter: number): void {
		view.listen(
			(cell) => {
				this.lensView = view; // the lens goes over the map hovered (conv or activation)
				this.showCell({ ...cell, filter }, false);
			},
			(ev) => this.onKey(ev, view, filter),
		);
	}

	private onKey(ev: KeyboardEvent, view: MapView, filter: number): void {
		const [oh = 1, ow = 1] = this.comp.output.shape;
		const from = this.cursor.filter === filter ? this.cursor : { row: 0, col: 0, filter };
		const cell = this.keyToCell(ev, from, oh, ow, this.player);
		if (!cell) return;
		view.focusCell(cell);
		this.showCell({ ...cell, filter }, false);
	}

	// --- Pictures (region branch): the lens and the row-by-row sweep. ---

	private lens: Lens | null = null;
	/** The map whose cell was last hovered or focused: the lens shows over it. */
	private lensView: MapView | null = null;

	private get rows(): boolean {
		return this.opts.unit === 'rows';
	}

	/** On a picture: a lens on the input map (patch centred on the cell) and on output cells (their receptive field). */
	private addLens(): void {
		if (!this.rows || this.setup.transpose) return;
		const lens = createLens(this, this.root);
		this.lens = lens;
		// Leaving a map, or Escape, puts the lens away.
		for (const view of [this.input, ...this.outputs, ...this.activated, ...this.pooled]) {
			listen(this, view.el, 'pointerleave', () => lens.hide());
			listen(this, view.el, 'keydown', (ev) => {
				if (ev.key === 'Escape') lens.hide();
			});
		}
		this.input.listen(
			(cell) => {
				const [kh = 1, kw = 1] = this.comp.filters.shape;
				const rows = this.setup.kernels[this.cursor.filter] ?? [];
				// The weights as they slide: a flipped kernel is rotated 180°.
				const weights = this.setup.flip ? rows.map((r) => r.slice().reverse()).reverse() : rows;
				lens.show(this.input.el, cell.row, cell.col, inputLens(this.setup.input, cell.row, cell.col, [kh, kw], this.setup.dilation, weights));
			},
			() => undefined,
		);
	}

	/** The lens over output cell `at`: its receptive field and the kernel. */
	private showLens(at: ConvCell, e: ConvExplanation): void {
		const hovered = this.lensView;
		const view = hovered && (hovered === this.outputs[at.filter] || hovered === this.activated[at.filter]) ? hovered : this.outputs[at.filter];
		if (!this.lens || !view) return;
		const [kh = 1, kw = 1, c = 1] = this.comp.filters.shape;
		this.lens.show(view.el, at.row, at.col, convLens(e, kh, kw, c));
	}

	/** A row step: output row `row` of every map is written; the band of input rows it reads lights up. */
	private onRowStep(row: number | null): void {
		this.step = null;
		const ow = this.comp.output.shape[1] ?? 1;
		const written = row === null ? null : (row + 1) * ow;
		for (const v of [...this.outputs, ...this.activated]) v.setPendingFrom(written);
		this.pooled.forEach((v) => v.setPendingFrom(row === null ? null : 0));
		if (row === null) return this.clearMarks();
		this.showCell({ row, col: ow - 1, filter: this.cursor.filter }, true);
		this.input.markArea('is-tap', this.comp.field([row, row], [0, ow - 1]));
	}

	private onStep(index: number | null): void {
		if (this.rows) return this.onRowStep(index);
		this.step = index;
		const at = index === null ? null : this.comp.cellOfStep(index);
		const ow = this.comp.output.shape[1] ?? 1;
		const written = (f: number): number | null => {
			if (!at || f < at.filter) return null;
			return f > at.filter ? 0 : at.row * ow + at.col + 1;
		};
		this.outputs.forEach((v, f) => v.setPendingFrom(written(f)));
		this.activated.forEach((v, f) => v.setPendingFrom(written(f)));
		this.pooled.forEach((v) => v.setPendingFrom(at ? 0 : null));
		if (at) this.showCell(at, true);
		else this.clearMarks();
	}

	private clearMarks(): void {
		this.input.mark('is-tap', []);
		for (const v of [...this.outputs, ...this.activated, ...this.pooled]) v.mark('is-current', []);
		for (const v of [...this.outputs, ...this.activated]) for (const cls of ['is-tap', 'is-winner', 'is-dimmed'] as const) v.mark(cls, []);
		for (const e of this.editors) e.markTaps([]);
		this.tapsFilter = null;
	}

	/** Highlights an output cell, its receptive field and its weights, and writes its arithmetic. */
	private showCell(at: ConvCell, fromStep: boolean): void {
		if (!fromStep) {
			this.cursor = at;
			this.cursorPooled = false;
		}
		const e = this.comp.explain(at);
		this.input.markArea('is-tap', this.comp.field([at.row, at.row], [at.col, at.col]));
		// Cleared before the current cell is set: a canvas shows the winner and the current cell with one mark.
		for (const v of [...this.outputs, ...this.activated]) for (const cls of ['is-tap', 'is-winner', 'is-dimmed'] as const) v.mark(cls, []);
		this.outputs.forEach((v, f) => v.mark('is-current', f === at.filter ? [at] : []));
		this.activated.forEach((v, f) => v.mark('is-current', f === at.filter ? [at] : []));
		this.pooled.forEach((v) => v.mark('is-current', []));
		if (this.tapsFilter !== at.filter) {
			const [kh = 1, kw = 1] = this.comp.filters.shape;
			const weights: CellRef[] = [];
			for (let r = 0; r < kh; r++) for (let c = 0; c < kw; c++) weights.push({ row: r, col: c });
			this.editors.forEach((ed, f) => ed.markTaps(f === at.filter ? weights : []));
			this.tapsFilter = at.filter;
		}
		this.explain.show((el) => this.writeExplanation(el, at, e));
		if (!fromStep) this.showLens(at, e);
	}

	/**
	 * Traces a pooled cell back: its window on the conv (or activated) map, the winner for max/min,
	 * and the input patches of every cell of that window (one area: the union of their receptive
	 * fields); the explanation gives the pooling's arithmetic. Bounded work for a 64x64 window.
	 */
	private showPooled(at: ConvCell): void {
		const pool = this.comp.pool;
		if (!pool) return;
		this.cursor = at;
		this.cursorPooled = true;
		const { s, window, field } = this.tracePooled(at);
		const none: CellArea = { rows: [], cols: [] };
		const pre = this.comp.activated ? this.activated : this.outputs;
		const winner = s.winner ? [s.winner] : [];
		// Cleared before the winner is marked: a canvas shows the winner and the current cell with one mark.
		[...this.outputs, ...this.activated].forEach((v) => v.mark('is-current', []));
		pre.forEach((v, f) => {
			v.markArea('is-tap', f === at.filter ? window : none);
			v.mark('is-winner', f === at.filter ? winner : []);
			v.markArea('is-dimmed', f === at.filter && s.winner ? window : none, s.winner);
		});
		const other = this.comp.activated ? this.outputs : [];
		other.forEach((v, f) => v.markArea('is-tap', f === at.filter ? window : none));
		this.pooled.forEach((v, f) => v.mark('is-current', f === at.filter ? [at] : []));
		this.input.markArea('is-tap', field);
		// The lens shows a receptive field and its kernel; a pooled cell's window is in the explanation instead.
		this.lens?.hide();
		this.explain.show((el) => this.writePooled(el, at));
	}

	/** A pooled cell's summary, its window on the map before pooling (clipped) and the input area it comes from. */
	private tracePooled(at: ConvCell): { s: PoolSummary; window: CellArea; field: CellArea } {
		const pool = this.comp.pool as PoolComputation;
		const s = pool.summary({ row: at.row, col: at.col, channel: at.filter }, MAX_WRITTEN_TERMS);
		const [h = 1, w = 1] = (this.comp.activated ?? this.comp.output).shape;
		const window = clipArea(s.window, h, w);
		const first = (list: number[]): number => list[0] ?? 0;
		const last = (list: number[]): number => list[list.length - 1] ?? 0;
		const field = this.comp.field([first(window.rows), last(window.rows)], [first(window.cols), last(window.cols)]);
		return { s, window, field };
	}

	/** Writes a pooled cell's arithmetic and where its window comes from into `el`. */
	private writePooled(el: HTMLElement, at: ConvCell): void {
		const pool = this.comp.pool;
		if (!pool) return;
		const { s, window, field } = this.tracePooled(at);
		renderPoolExplanation(el, t('widget.pool.explainTitle', { row: at.row + 1, col: at.col + 1 }), pool.options.type, [s], 'widget.chain.winnerNote');
		el.createDiv({ cls: 'cnn-note', text: t('widget.chain.trace', { cells: areaSize(window), inputs: areaSize(field) }) });
	}

	/** The shapes along the chain, e.g. `28x28x1 → conv 3x3 x8 → 26x26x8 → relu → 26x26x8 → max pooling 2 → 13x13x8`. */
	private chainText(): string {
		const { setup, comp } = this;
		const [kh = 1, kw = 1] = comp.filters.shape;
		const parts = [formatShape(setup.input.shape), `conv ${kh}x${kw} x${setup.kernels.length}`, formatShape(comp.output.shape)];
		if (comp.activated) parts.push(activationName(setup.activation), formatShape(comp.activated.shape));
		if (comp.pool && setup.pool) parts.push(t('widget.chain.pooled', { pooling: poolingName(setup.pool.type), size: formatPair(setup.pool.size) }), formatShape(comp.pool.output.shape));
		return `${t('widget.chain')}: ${parts.join(' → ')}`;
	}

	/** Writes an output cell's arithmetic (and its activation) into `el`. */
	private writeExplanation(el: HTMLElement, at: ConvCell, e: ConvExplanation): void {
		el.empty();
		const count = this.setup.kernels.length;
		const vars = { row: at.row + 1, col: at.col + 1, filter: at.filter + 1 };
		el.createDiv({ cls: 'cnn-explain-title', text: count === 1 ? t('widget.explain.title', vars) : t('widget.explain.titleFilter', vars) });
		const sum = el.createDiv({ cls: 'cnn-explain-sum' });
		let anyPadding = false;
		const inserted = this.comp.origin;
		const viewW = this.comp.view.shape[1] ?? 1;
		const shown = termsWritten(e.taps.length);
		e.taps.forEach((tap, i) => {
			const isGhost = tap.padding || (inserted !== null && inserted[tap.row * viewW + tap.col] === -1);
			anyPadding ||= isGhost;
			if (i >= shown) return;
			if (i > 0) sum.appendText(' + ');
			const weight = tap.weight < 0 ? `(${formatNumber(tap.weight)})` : formatNumber(tap.weight);
			sum.createSpan({ cls: isGhost ? 'cnn-term is-padding' : 'cnn-term', text: `${formatNumber(tap.value)}×${weight}` });
		});
		if (shown < e.taps.length) sum.appendText(` + ${moreTerms(e.taps.length - shown, 'terms')}`);
		if (e.bias !== 0) sum.appendText(` + ${formatNumber(e.bias)}`);
		sum.appendText(' = ');
		sum.createSpan({ cls: 'cnn-explain-result', text: formatNumber(e.output) });
		if (this.comp.activated) {
			const name = activationName(this.setup.activation);
			const [, ow = 1, n = 1] = this.comp.activated.shape;
			const value = this.comp.activated.data[(at.row * ow + at.col) * n + at.filter] ?? 0;
			el.createDiv({ cls: 'cnn-explain-activation', text: `${name}(${formatNumber(e.output)}) = ${formatNumber(value)}` });
		}
		if (anyPadding) el.createDiv({ cls: 'cnn-note', text: t('widget.explain.padding') });
	}

	private renderCode(): void {
		if (this.codeEl) fillCodePanel(this.codeEl, this.code());
	}

	private code(): GeneratedCode {
		const { setup, comp } = this;
		const [h = 1, w = 1, c = 1] = setup.input.shape;
		const inputRows =
			h <= 12 && w <= 12 && c === 1 ? Array.from({ length: h }, (_, r) => Array.from(setup.input.data.subarray(r * w, (r + 1) * w))) : undefined;
		return generateCode({
			inputShape: [h, w, c],
			inputRows,
			kernels: setup.kernels,
			bias: setup.bias,
			stride: setup.stride,
			padding: setup.padding,
			dilation: setup.dilation,
			flip: setup.flip,
			transpose: setup.transpose,
			activation: setup.activation,
			pads: [comp.axes.rows.before, comp.axes.rows.after, comp.axes.cols.before, comp.axes.cols.after],
		});
	}

	/** The kernel editor of filter `index` (tests). */
	editor(index: number): KernelEditor | undefined {
		return this.editors[index];
	}
}
