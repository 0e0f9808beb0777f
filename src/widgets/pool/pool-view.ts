import type { Tensor } from '../../cnn';
import type { PoolSpec } from '../../blocks/types';
import { paddingName, poolingName, t } from '../../i18n';
import { renderSizeFormulas } from '../shared/formula';
import { formatPair, formatShape } from '../shared/format';
import { createMapView, type MapView } from '../shared/map-view';
import { generatePoolCode } from './pool-code';
import { renderPoolExplanation } from './pool-explain';
import { clipArea, type CellArea, type PoolOutputCell, type PoolComputation, type PoolSummary } from '../../cnn';
import { MAX_WRITTEN_TERMS } from '../shared/arithmetic';
import { StepPlayer, type StepUnit } from '../shared/step-player';
import { createLens, windowLens, type Lens } from '../shared/lens';
import { renderCodePanel } from '../shared/code-panel';
import { DEFAULT_PREFS, type WidgetPrefs } from '../shared/prefs';
import { BlockView } from '../shared/block-view';
import { StageTable } from '../shared/stage-table';
import { ExplainBox } from '../shared/explain-box';
import { renderGridLegend } from '../shared/legend';

/** An empty area: clears a highlight. */
const NO_CELLS: CellArea = { rows: [], cols: [] };

const TYPE_KEYS = { max: 'widget.pool.max', avg: 'widget.pool.avg', min: 'widget.pool.min' } as const;

/** Options the pool widget decides: notes to show (translated) and the motion preference. */
export interface PoolViewOptions {
	notes: string[];
	reducedMotion: boolean;
	/** What a player step is: 'rows' on pictures (with a lens on hover), 'cells' otherwise. */
	unit?: StepUnit;
	/** The settings (default DEFAULT_PREFS): formulas and code shown or not, the code tab first, the player's speed. */
	prefs?: Readonly<WidgetPrefs>;
}

/**
 * The DOM of one pooling as a stage table (StageTable): input (with the window, the winner marked and the rest dimmed),
 * output, the arithmetic of the hovered / focused / stepped cell, the step player, the
 * output-size formula, what pooling buys, and the equivalent code. A child component.
 */
export class PoolView extends BlockView {
	private input!: MapView;
	private output!: MapView;
	private explain!: ExplainBox;
	private player!: StepPlayer;
	private cursor: PoolOutputCell = { row: 0, col: 0, channel: 0 };

	constructor(
		parent: HTMLElement,
		private readonly spec: PoolSpec,
		private readonly values: Tensor,
		private readonly comp: PoolComputation,
		private readonly opts: PoolViewOptions,
	) {
		super(parent, 'cnn-pool');
	}

	private get type(): 'max' | 'avg' | 'min' {
		return this.comp.options.type;
	}

	protected build(): void {
		const { spec, comp, root, values } = this;
		const typeName = t(TYPE_KEYS[this.type]);
		const pooling = poolingName(this.type);
		root.createDiv({
			cls: 'cnn-summary',
			text: spec.globalType
				? t('widget.pool.global', { pooling })
				: t('widget.pool.summary', { pooling, size: formatPair(spec.size), stride: formatPair(spec.stride), padding: paddingName(spec.padding) }),
		});
		const inCount = values.data.length;
		const outCount = comp.output.data.length;
		root.createDiv({
			cls: 'cnn-note cnn-pool-reduction',
			text:
				this.type === 'avg'
					? t('widget.pool.reductionAvg', { in: inCount, out: outCount })
					: t('widget.pool.reduction', { in: inCount, out: outCount, type: typeName }),
		});
		for (const note of this.opts.notes) root.createDiv({ cls: 'cnn-note', text: note });

		const table = new StageTable(root);
		const rgb = (values.shape[2] ?? 1) === 3;
		this.input = createMapView(this, table.input, values, { role: 'input', label: t('widget.input'), pad: comp.pads });
		table.input.createDiv({ cls: 'cnn-stage-shape', text: formatShape(values.shape) });
		const [h = 1, w = 1, c = 1] = values.shape;
		const op = t('widget.chain.pooled', { pooling: poolingName(this.type), size: spec.globalType ? `${h}x${w}` : formatPair(spec.size) });
		const body = table.row(0, null).cell('pool', { op, shape: formatShape(comp.output.shape) });
		this.output = createMapView(this, body, comp.output, { role: 'output', label: t('widget.output'), focusable: true, rgb });
		this.output.listen(
			(cell) => this.show({ ...cell, channel: 0 }, false),
			(ev) => this.onKey(ev),
		);
		table.finish('cnn-shape', t('widget.shape', { shape: formatShape(comp.output.shape) }));
		if (table.el.querySelector('.cnn-grid')) renderGridLegend(table.el);
		// Until a cell is explained: the hint over the first cell's explanation kept invisible (and hidden
		// from screen readers), so the block does not grow on the first hover (global pooling: not by a pixel).
		this.explain = new ExplainBox(root, [(el) => renderPoolExplanation(el, this.title(this.cursor), this.type, this.summaries(this.cursor))]);
		const steps = this.rows ? (comp.output.shape[0] ?? 1) : rgb ? comp.steps / 3 : comp.steps;
		const prefs = this.opts.prefs ?? DEFAULT_PREFS;
		this.player = new StepPlayer(this, root, steps, (index) => this.onStep(index), {
			reducedMotion: this.opts.reducedMotion,
			label: t('widget.pool.label'),
			unit: this.opts.unit,
			speed: prefs.animationSpeed,
		});
		if (this.rows && !spec.globalType) this.lens = createLens(this, root);
		if (prefs.showFormulas) renderSizeFormulas(root, comp.axes.rows, comp.axes.cols, 'pool');
		if (prefs.showCode) {
			const pads: [number, number, number, number] = [comp.axes.rows.before, comp.axes.rows.after, comp.axes.cols.before, comp.axes.cols.after];
			renderCodePanel(this, root, generatePoolCode({ inputShape: [h, w, c], options: comp.options, globalType: spec.globalType, pads }), prefs.codeTab);
		}
	}

	private onKey(ev: KeyboardEvent): void {
		const [oh = 1, ow = 1] = this.comp.output.shape;
		const cell = this.keyToCell(ev, this.cursor, oh, ow, this.player);
		if (!cell) return;
		this.output.focusCell(cell);
		this.show({ ...cell, channel: 0 }, false);
	}

	// --- Pictures (region branch): the lens and the row-by-row sweep. ---

	private lens: Lens | null = null;

	private get rows(): boolean {
		return this.opts.unit === 'rows';
	}

	/** A row step: output row `row` is written; the band of input rows its windows read lights up. */
	private onRowStep(row: number | null): void {
		const ow = this.comp.output.shape[1] ?? 1;
		this.output.setPendingFrom(row === null ? null : (row + 1) * ow);
		if (row === null) {
			for (const cls of ['is-tap', 'is-winner', 'is-dimmed', 'is-current'] as const) (cls === 'is-current' ? this.output : this.input).mark(cls, []);
			return;
		}
		this.show({ row, col: ow - 1, channel: 0 }, true);
		const first = this.comp.summary({ row, col: 0, channel: 0 }, 0).window;
		const last = this.comp.summary({ row, col: ow - 1, channel: 0 }, 0).window;
		const from = first.cols[0] ?? 0;
		const to = last.cols[last.cols.length - 1] ?? from;
		this.input.markArea('is-tap', { rows: first.rows, cols: Array.from({ length: Math.max(0, to - from + 1) }, (_, i) => from + i) });
	}

	private onStep(index: number | null): void {
		if (this.rows) return this.onRowStep(index);
		const at = index === null ? null : this.comp.cellOfStep(index);
		const ow = this.comp.output.shape[1] ?? 1;
		this.output.setPendingFrom(at ? at.row * ow + at.col + 1 : null);
		if (at) this.show(at, true);
		else for (const cls of ['is-tap', 'is-winner', 'is-dimmed', 'is-current'] as const) (cls === 'is-current' ? this.output : this.input).mark(cls, []);
	}

	/** The explanation's title for a cell. */
	private title(at: PoolOutputCell): string {
		return t('widget.pool.explainTitle', { row: at.row + 1, col: at.col + 1 });
	}

	/** A cell's window summed up in every channel (the first MAX_WRITTEN_TERMS values kept). */
	private summaries(at: PoolOutputCell): PoolSummary[] {
		const channels = this.values.shape[2] ?? 1;
		return Array.from({ length: channels }, (_, c) => this.comp.summary({ row: at.row, col: at.col, channel: c }, MAX_WRITTEN_TERMS));
	}

	/** Highlights a pooled cell, its window, the winner (max/min) and writes the arithmetic (abbreviated past MAX_WRITTEN_TERMS). */
	private show(at: PoolOutputCell, fromStep: boolean): void {
		if (!fromStep) this.cursor = at;
		const [h = 1, w = 1, channels = 1] = this.values.shape;
		const summaries = this.summaries(at);
		const first = summaries[0];
		if (!first) return;
		this.input.markArea('is-tap', first.window);
		const winner = channels === 1 && first.winner ? first.winner : null;
		this.input.mark('is-winner', winner ? [winner] : []);
		this.input.markArea('is-dimmed', winner ? clipArea(first.window, h, w) : NO_CELLS, winner);
		this.output.mark('is-current', [at]);
		this.explain.show((el) => renderPoolExplanation(el, this.title(at), this.type, summaries));
		if (this.lens && !fromStep) this.lens.show(this.output.el, at.row, at.col, windowLens(this.values, first.window.rows, first.window.cols, first.winner));
	}
}
