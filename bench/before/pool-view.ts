// Frozen copy of src/widgets/pool/pool-view.ts as it was at commit ac68844, before explanations had budgets:
// the reference ("before") column of bench/hover.bench.ts, on the frozen map views beside it. Not used
// by the plugin; do not edit (delete it together with that reference).
import type { Tensor } from '../../src/cnn';
import type { PoolSpec } from '../../src/blocks/types';
import { t } from '../../src/i18n';
import { renderSizeFormulas } from '../../src/widgets/shared/formula';
import { formatPair, formatShape } from '../../src/widgets/shared/format';
import { createMapView, type MapView } from './map-view';
import type { CellRef } from '../../src/widgets/shared/matrix-grid';
import { generatePoolCode } from '../../src/widgets/pool/pool-code';
import { renderPoolExplanation } from './pool-explain';
import type { PoolOutputCell, PoolComputation } from '../../src/cnn';
import { StepPlayer } from '../../src/widgets/shared/step-player';
import { renderCodePanel } from '../../src/widgets/shared/code-panel';
import { BlockView } from '../../src/widgets/shared/block-view';

const TYPE_KEYS = { max: 'widget.pool.max', avg: 'widget.pool.avg', min: 'widget.pool.min' } as const;

/** Options the pool widget decides: notes to show (translated) and the motion preference. */
export interface PoolViewOptions {
	notes: string[];
	reducedMotion: boolean;
}

/**
 * The DOM of one pooling: input (with the window, the winner marked and the rest dimmed),
 * output, the arithmetic of the hovered / focused / stepped cell, the step player, the
 * output-size formula, what pooling buys, and the equivalent code. A child component.
 */
export class PoolView extends BlockView {
	private input!: MapView;
	private output!: MapView;
	private explainEl!: HTMLElement;
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
		root.createDiv({
			cls: 'cnn-summary',
			text: spec.globalType
				? t('widget.pool.global', { type: typeName.toLowerCase() })
				: t('widget.pool.summary', { type: typeName, size: formatPair(spec.size), stride: formatPair(spec.stride), padding: spec.padding }),
		});
		const inCount = values.data.length;
		const outCount = comp.output.data.length;
		root.createDiv({
			cls: 'cnn-note cnn-pool-reduction',
			text:
				this.type === 'avg'
					? t('widget.pool.reductionAvg', { in: inCount, out: outCount })
					: t('widget.pool.reduction', { in: inCount, out: outCount, type: typeName.toLowerCase() }),
		});
		for (const note of this.opts.notes) root.createDiv({ cls: 'cnn-note', text: note });

		const stage = root.createDiv({ cls: 'cnn-stage' });
		const rgb = (values.shape[2] ?? 1) === 3;
		this.input = createMapView(this, stage, values, { role: 'input', label: `${t('widget.input')} ${formatShape(values.shape)}`, pad: comp.pads });
		stage.createDiv({ cls: 'cnn-operator', text: '→', attr: { 'aria-hidden': 'true' } });
		this.output = createMapView(this, stage, comp.output, { role: 'output', label: t('widget.output'), focusable: true, rgb });
		this.output.listen(
			(cell) => this.show({ ...cell, channel: 0 }, false),
			(ev) => this.onKey(ev),
		);
		root.createDiv({ cls: 'cnn-shape', text: t('widget.shape', { shape: formatShape(comp.output.shape) }) });
		this.explainEl = root.createDiv({ cls: 'cnn-explain', attr: { 'aria-live': 'polite' } });
		this.explainEl.setText(t('widget.explain.hint'));
		const steps = rgb ? comp.steps / 3 : comp.steps;
		this.player = new StepPlayer(this, root, steps, (index) => this.onStep(index), { reducedMotion: this.opts.reducedMotion, label: t('widget.pool.label') });
		renderSizeFormulas(root, comp.axes.rows, comp.axes.cols, 'pool');
		const [h = 1, w = 1, c = 1] = values.shape;
		renderCodePanel(this, root, generatePoolCode({ inputShape: [h, w, c], options: comp.options, globalType: spec.globalType, pads: [comp.axes.rows.before, comp.axes.rows.after, comp.axes.cols.before, comp.axes.cols.after] }));
	}

	private onKey(ev: KeyboardEvent): void {
		const [oh = 1, ow = 1] = this.comp.output.shape;
		const cell = this.keyToCell(ev, this.cursor, oh, ow, this.player);
		if (!cell) return;
		this.output.focusCell(cell);
		this.show({ ...cell, channel: 0 }, false);
	}

	private onStep(index: number | null): void {
		const at = index === null ? null : this.comp.cellOfStep(index);
		const ow = this.comp.output.shape[1] ?? 1;
		this.output.setPendingFrom(at ? at.row * ow + at.col + 1 : null);
		if (at) this.show(at, true);
		else for (const cls of ['is-tap', 'is-winner', 'is-dimmed', 'is-current'] as const) (cls === 'is-current' ? this.output : this.input).mark(cls, []);
	}

	/** Highlights a pooled cell, its window, the winner (max/min) and writes the arithmetic. */
	private show(at: PoolOutputCell, fromStep: boolean): void {
		if (!fromStep) this.cursor = at;
		const channels = this.values.shape[2] ?? 1;
		const explanations = Array.from({ length: channels }, (_, c) => this.comp.explain({ row: at.row, col: at.col, channel: c }));
		const first = explanations[0];
		if (!first) return;
		const window: CellRef[] = first.window.map((c) => ({ row: c.row, col: c.col }));
		this.input.mark('is-tap', window);
		const winner = channels === 1 && first.winner ? [first.winner] : [];
		this.input.mark('is-winner', winner);
		this.input.mark('is-dimmed', winner.length > 0 ? first.window.filter((c) => !c.padding && (c.row !== first.winner?.row || c.col !== first.winner?.col)) : []);
		this.output.mark('is-current', [at]);
		renderPoolExplanation(this.explainEl, t('widget.pool.explainTitle', { row: at.row + 1, col: at.col + 1 }), this.type, explanations);
	}
}
