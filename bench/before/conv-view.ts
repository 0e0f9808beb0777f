// Frozen copy of src/widgets/conv/conv-view.ts as it was at commit ac68844, before explanations had budgets:
// the reference ("before") column of bench/hover.bench.ts, on the frozen map views beside it. Not used
// by the plugin; do not edit (delete it together with that reference).
import type { ConvExplanation, Tensor } from '../../src/cnn';
import { t } from '../../src/i18n';
import { generateCode, type GeneratedCode } from '../../src/widgets/conv/conv-code';
import { fillCodePanel, renderCodePanel } from '../../src/widgets/shared/code-panel';
import { renderSizeFormulas } from '../../src/widgets/shared/formula';
import type { ConvComputation, ConvSetup, ConvCell } from '../../src/cnn';
import { formatNumber, formatPair, formatShape } from '../../src/widgets/shared/format';
import { KernelEditor } from '../../src/widgets/conv/kernel-editor';
import { createMapView, type MapView } from './map-view';
import type { CellRef } from '../../src/widgets/shared/matrix-grid';
import { renderPoolExplanation } from './pool-explain';
import type { PoolComputation } from '../../src/cnn';
import { StepPlayer } from '../../src/widgets/shared/step-player';
import { BlockView } from '../../src/widgets/shared/block-view';

/** What the view reports upward: a kernel edit of filter `index`, or a preset pick. */
export type KernelChange = (index: number, rows: number[][], preset: string | null) => void;

/** Labels and notes the widget decides (they depend on the block, not on the computation). */
export interface ConvViewOptions {
	kernelNames: (string | null)[];
	/** Notes shown under the summary, already translated (downscaling, rgb). */
	notes: string[];
	reducedMotion: boolean;
	onKernelChange: KernelChange;
}

const ACTIVATION_NAMES: Record<string, string> = { relu: 'ReLU', 'leaky-relu': 'Leaky ReLU', sigmoid: 'Sigmoid', tanh: 'Tanh' };

/**
 * The DOM of one convolution: input view, kernel editors, output maps (and their activation),
 * the arithmetic of the hovered / focused / stepped cell, the step player, the output-size
 * formulas and the equivalent code. A child component: its listeners and timer end with it.
 */
export class ConvView extends BlockView {
	private input!: MapView;
	private readonly outputs: MapView[] = [];
	private readonly activated: MapView[] = [];
	private readonly pooled: MapView[] = [];
	private readonly editors: KernelEditor[] = [];
	private explainEl!: HTMLElement;
	private codeEl!: HTMLElement;
	private player!: StepPlayer;
	private cursor: ConvCell = { row: 0, col: 0, filter: 0 };
	private step: number | null = null;

	constructor(
		parent: HTMLElement,
		private setup: ConvSetup,
		private comp: ConvComputation,
		private readonly opts: ConvViewOptions,
	) {
		super(parent, 'cnn-conv');
	}

	/** Replaces the numbers after a same-size kernel edit: outputs, explanation and code update in place. */
	update(setup: ConvSetup, comp: ConvComputation): void {
		this.setup = setup;
		this.comp = comp;
		this.outputs.forEach((v) => v.setValues(comp.output));
		if (comp.activated) this.activated.forEach((v) => v.setValues(comp.activated as Tensor));
		if (comp.pool) this.pooled.forEach((v) => v.setValues((comp.pool as PoolComputation).output));
		this.showCell(this.step === null ? this.cursor : comp.cellOfStep(this.step), false);
		this.renderCode();
	}

	protected build(): void {
		const { setup, comp, root } = this;
		const count = setup.kernels.length;
		root.createDiv({
			cls: 'cnn-summary',
			text: t('widget.conv.summary', {
				stride: formatPair(setup.stride),
				padding: typeof setup.padding === 'string' ? setup.padding : formatPair(setup.padding),
				dilation: formatPair(setup.dilation),
			}),
		});
		root.createDiv({ cls: 'cnn-note', text: t(setup.flip ? 'widget.conv.flip' : 'widget.conv.noFlip') });
		if (setup.transpose) root.createDiv({ cls: 'cnn-note', text: t('widget.transpose.note', { stride: formatPair(setup.stride) }) });
		for (const note of this.opts.notes) root.createDiv({ cls: 'cnn-note', text: note });

		const stage = root.createDiv({ cls: 'cnn-stage' });
		const inputLabel = setup.transpose
			? t('widget.stretched', { shape: formatShape(comp.view.shape) })
			: `${t('widget.input')} ${formatShape(setup.input.shape)}`;
		this.input = createMapView(this, stage, comp.view, { role: 'input', label: inputLabel, pad: comp.pads, origin: comp.origin });
		stage.createDiv({ cls: 'cnn-operator', text: '⊛', attr: { 'aria-hidden': 'true' } });
		const kernels = stage.createDiv({ cls: 'cnn-column' });
		setup.kernels.forEach((rows, f) => {
			const title = count === 1 ? t('widget.kernel') : t('widget.filter', { index: f + 1 });
			const editor = new KernelEditor(this, kernels, rows, title, this.opts.kernelNames[f] ?? null, count === 1, (next, preset) =>
				this.opts.onKernelChange(f, next, preset),
			);
			const bias = setup.bias?.[f];
			if (bias !== undefined) editor.el.createDiv({ cls: 'cnn-caption', text: t('widget.bias', { value: formatNumber(bias) }) });
			this.editors.push(editor);
		});
		stage.createDiv({ cls: 'cnn-operator', text: '=', attr: { 'aria-hidden': 'true' } });
		this.outputs.push(...this.mapColumn(stage, comp.output, count, (f) => (count === 1 ? t('widget.output') : t('widget.outputMap', { index: f + 1 }))));
		if (comp.activated) {
			const name = ACTIVATION_NAMES[setup.activation] ?? setup.activation;
			stage.createDiv({ cls: 'cnn-operator cnn-operator-text', text: `→ ${name} →`, attr: { 'aria-hidden': 'true' } });
			this.activated.push(...this.mapColumn(stage, comp.activated, count, () => t('widget.activated', { fn: name })));
		}
		if (comp.pool && setup.pool) {
			const poolName = t('widget.chain.pooled', { type: setup.pool.type, size: formatPair(setup.pool.size) });
			stage.createDiv({ cls: 'cnn-operator cnn-operator-text', text: `→ ${poolName} →`, attr: { 'aria-hidden': 'true' } });
			const column = stage.createDiv({ cls: 'cnn-column' });
			for (let f = 0; f < count; f++) {
				const view = createMapView(this, column, comp.pool.output, { role: 'output', label: `${t('widget.output')} (${poolName})`, channel: f, focusable: true });
				view.listen(
					(cell) => this.showPooled({ ...cell, filter: f }),
					(ev) => this.onKey(ev, view, f),
				);
				this.pooled.push(view);
			}
		}
		root.createDiv({ cls: 'cnn-shape', text: t('widget.shape', { shape: formatShape((comp.pool?.output ?? comp.output).shape) }) });
		if (comp.activated || comp.pool) root.createDiv({ cls: 'cnn-chain', text: this.chainText() });

		this.explainEl = root.createDiv({ cls: 'cnn-explain', attr: { 'aria-live': 'polite' } });
		this.player = new StepPlayer(this, root, comp.steps, (index) => this.onStep(index), { reducedMotion: this.opts.reducedMotion });
		renderSizeFormulas(root, comp.axes.rows, comp.axes.cols, setup.transpose ? 'transposed' : 'conv');
		this.codeEl = renderCodePanel(this, root, this.code());
		this.explainEl.setText(t('widget.explain.hint'));
	}

	private mapColumn(stage: HTMLElement, values: Tensor, count: number, label: (f: number) => string): MapView[] {
		const column = stage.createDiv({ cls: 'cnn-column' });
		const views: MapView[] = [];
		for (let f = 0; f < count; f++) {
			const view = createMapView(this, column, values, { role: 'output', label: label(f), channel: f, focusable: true });
			this.listen(view, f);
			views.push(view);
		}
		return views;
	}

	private listen(view: MapView, filter: number): void {
		view.listen(
			(cell) => this.showCell({ ...cell, filter }, false),
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

	private onStep(index: number | null): void {
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
	}

	/** Highlights an output cell, its receptive field and its weights, and writes its arithmetic. */
	private showCell(at: ConvCell, fromStep: boolean): void {
		if (!fromStep) this.cursor = at;
		const e = this.comp.explain(at);
		const field: CellRef[] = e.taps.map((tap) => ({ row: tap.row, col: tap.col }));
		this.input.mark('is-tap', field);
		this.outputs.forEach((v, f) => v.mark('is-current', f === at.filter ? [at] : []));
		this.activated.forEach((v, f) => v.mark('is-current', f === at.filter ? [at] : []));
		this.pooled.forEach((v) => v.mark('is-current', []));
		for (const v of [...this.outputs, ...this.activated]) for (const cls of ['is-tap', 'is-winner', 'is-dimmed'] as const) v.mark(cls, []);
		const [kh = 1, kw = 1] = this.comp.filters.shape;
		const weights: CellRef[] = [];
		for (let r = 0; r < kh; r++) for (let c = 0; c < kw; c++) weights.push({ row: r, col: c });
		this.editors.forEach((ed, f) => ed.markTaps(f === at.filter ? weights : []));
		this.renderExplanation(at, e);
	}

	/**
	 * Traces a pooled cell back: its window on the conv (or activated) map, the winner for max/min,
	 * and the input patches of every cell of that window; the explanation gives the pooling's arithmetic.
	 */
	private showPooled(at: ConvCell): void {
		const pool = this.comp.pool;
		if (!pool) return;
		this.cursor = at;
		const e = pool.explain({ row: at.row, col: at.col, channel: at.filter });
		const window = e.window.filter((c) => !c.padding).map((c) => ({ row: c.row, col: c.col }));
		const pre = this.comp.activated ? this.activated : this.outputs;
		const winner = e.winner ? [e.winner] : [];
		pre.forEach((v, f) => {
			v.mark('is-tap', f === at.filter ? window : []);
			v.mark('is-winner', f === at.filter ? winner : []);
			v.mark('is-dimmed', f === at.filter && e.winner ? window.filter((c) => c.row !== e.winner?.row || c.col !== e.winner?.col) : []);
		});
		const other = this.comp.activated ? this.outputs : [];
		other.forEach((v, f) => v.mark('is-tap', f === at.filter ? window : []));
		[...this.outputs, ...this.activated].forEach((v) => v.mark('is-current', []));
		this.pooled.forEach((v, f) => v.mark('is-current', f === at.filter ? [at] : []));
		const field = new Map<string, CellRef>();
		for (const cell of window) {
			for (const tap of this.comp.explain({ ...cell, filter: at.filter }).taps) field.set(`${tap.row},${tap.col}`, { row: tap.row, col: tap.col });
		}
		this.input.mark('is-tap', [...field.values()]);
		renderPoolExplanation(this.explainEl, t('widget.pool.explainTitle', { row: at.row + 1, col: at.col + 1 }), pool.options.type, [e]);
		this.explainEl.createDiv({ cls: 'cnn-note', text: t('widget.chain.trace', { cells: window.length, inputs: field.size }) });
	}

	/** The shapes along the chain, e.g. `28x28x1 → conv 3x3 x8 → 26x26x8 → relu → 26x26x8 → max pool 2 → 13x13x8`. */
	private chainText(): string {
		const { setup, comp } = this;
		const [kh = 1, kw = 1] = comp.filters.shape;
		const parts = [formatShape(setup.input.shape), `conv ${kh}x${kw} x${setup.kernels.length}`, formatShape(comp.output.shape)];
		if (comp.activated) parts.push(setup.activation, formatShape(comp.activated.shape));
		if (comp.pool && setup.pool) parts.push(`${setup.pool.type} pool ${formatPair(setup.pool.size)}`, formatShape(comp.pool.output.shape));
		return `${t('widget.chain')}: ${parts.join(' → ')}`;
	}

	private renderExplanation(at: ConvCell, e: ConvExplanation): void {
		const el = this.explainEl;
		el.empty();
		const count = this.setup.kernels.length;
		const vars = { row: at.row + 1, col: at.col + 1, filter: at.filter + 1 };
		el.createDiv({ cls: 'cnn-explain-title', text: count === 1 ? t('widget.explain.title', vars) : t('widget.explain.titleFilter', vars) });
		const sum = el.createDiv({ cls: 'cnn-explain-sum' });
		let anyPadding = false;
		const inserted = this.comp.origin;
		const viewW = this.comp.view.shape[1] ?? 1;
		e.taps.forEach((tap, i) => {
			if (i > 0) sum.appendText(' + ');
			const isGhost = tap.padding || (inserted !== null && inserted[tap.row * viewW + tap.col] === -1);
			anyPadding ||= isGhost;
			const weight = tap.weight < 0 ? `(${formatNumber(tap.weight)})` : formatNumber(tap.weight);
			sum.createSpan({ cls: isGhost ? 'cnn-term is-padding' : 'cnn-term', text: `${formatNumber(tap.value)}×${weight}` });
		});
		if (e.bias !== 0) sum.appendText(` + ${formatNumber(e.bias)}`);
		sum.appendText(' = ');
		sum.createSpan({ cls: 'cnn-explain-result', text: formatNumber(e.output) });
		if (this.comp.activated) {
			const name = ACTIVATION_NAMES[this.setup.activation] ?? this.setup.activation;
			const [, ow = 1, n = 1] = this.comp.activated.shape;
			const value = this.comp.activated.data[(at.row * ow + at.col) * n + at.filter] ?? 0;
			el.createDiv({ cls: 'cnn-explain-activation', text: `${name}(${formatNumber(e.output)}) = ${formatNumber(value)}` });
		}
		if (anyPadding) el.createDiv({ cls: 'cnn-note', text: t('widget.explain.padding') });
	}

	private renderCode(): void {
		fillCodePanel(this.codeEl, this.code());
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
