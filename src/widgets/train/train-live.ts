/**
 * What a running training shows: the progress bar with its status line (epoch e/E, batch b/B, the
 * time left from the measured batch rate, the last batch's loss and accuracy), the loss and
 * accuracy curves (training smoothed batch by batch, validation per epoch), and, once per epoch,
 * its line, confusion matrix and misclassified pictures. Figures are kept as messages arrive;
 * the page is only written by paint() (once per animation frame).
 */
import type { Component } from 'obsidian';
import { t } from '../../i18n';
import type { EpochReport, StepReport } from '../../model/engine/trainer';
import type { TrainInspection } from '../../model/host/protocol';
import type { EpochFigures } from '../../train/save-model';
import { formatShare } from '../classify/classify-format';
import { addPoint, CurveChart, renderConfusion, type CurveData } from './train-charts';
import { MissesView } from './train-misses';

/** Smoothing of the per-batch training curves (weight of the newest batch). */
const SMOOTHING = 0.1;

/** A duration in ms as "42 s" or "3 min 5 s". */
function duration(ms: number): string {
	const s = Math.max(1, Math.round(ms / 1000));
	return s < 60 ? t('train.widget.seconds', { seconds: s }) : t('train.widget.minutes', { minutes: Math.floor(s / 60), seconds: s % 60 });
}

/** The figures metadata.json keeps of an epoch. */
export function figures(e: EpochReport): EpochFigures {
	return { trainLoss: e.trainLoss, trainAccuracy: e.trainAccuracy, validationLoss: e.validationLoss, validationAccuracy: e.validationAccuracy };
}

/** Per-epoch curves of saved figures (training and validation, loss and accuracy). */
export function historyCurves(history: readonly EpochFigures[]): { loss: CurveData; accuracy: CurveData } {
	const curves = { loss: { train: [], validation: [] } as CurveData, accuracy: { train: [], validation: [] } as CurveData };
	history.forEach((e, i) => {
		addPoint(curves.loss.train, i + 1, e.trainLoss);
		addPoint(curves.loss.validation, i + 1, e.validationLoss);
		addPoint(curves.accuracy.train, i + 1, e.trainAccuracy);
		addPoint(curves.accuracy.validation, i + 1, e.validationAccuracy);
	});
	return curves;
}

/** The phases paint() writes a status line for. */
export type LivePhase = 'training' | 'paused' | 'done' | 'stopped' | 'error' | 'idle';

/** The running training's figures and their views. */
export class LiveView {
	readonly status: HTMLElement;
	private readonly progress: HTMLElement;
	private readonly bar: HTMLElement;
	private readonly live: HTMLElement;
	private readonly epochLine: HTMLElement;
	private readonly charts: { loss: CurveChart; accuracy: CurveChart };
	private readonly confusion: HTMLElement;
	private misses: MissesView | null = null;
	/** The saved model's epochs when continuing from it: drawn first. */
	private base: readonly EpochFigures[] = [];
	private curves = historyCurves([]);
	private smooth: { loss: number; accuracy: number } | null = null;
	private step: StepReport | null = null;
	private timing: { start: number; steps: number } | null = null;
	/** Every finished epoch of this training, and how many of them are drawn. */
	epochs: EpochReport[] = [];
	private shown = 0;

	/** The class names and the input [h, w, c] of the network (known once the data is read). */
	labels: readonly string[] = [];
	input: readonly [number, number, number] = [1, 1, 1];

	/** Builds the status line and progress bar (where the buttons are) and the figures (below them). */
	constructor(top: HTMLElement, below: HTMLElement, private readonly owner: Component) {
		this.status = top.createDiv({ cls: 'cnn-train-status', attr: { role: 'status', 'aria-live': 'polite' } });
		this.progress = top.createDiv({ cls: 'cnn-train-bar is-hidden', attr: { role: 'progressbar', 'aria-valuemin': 0, 'aria-valuemax': 100, 'aria-valuenow': 0 } });
		this.bar = this.progress.createDiv({ cls: 'cnn-train-bar-fill' });
		this.live = below.createDiv({ cls: 'cnn-train-live is-hidden' });
		this.epochLine = this.live.createDiv({ cls: 'cnn-train-epoch' });
		const row = this.live.createDiv({ cls: 'cnn-train-charts' });
		this.charts = { loss: new CurveChart(row, 'loss'), accuracy: new CurveChart(row, 'accuracy') };
		this.confusion = this.live.createDiv({ cls: 'cnn-train-confusion-box' });
	}

	/** Starts over for a new training (after `base`, a saved model's epochs, when continuing). */
	reset(base: readonly EpochFigures[]): void {
		this.base = base;
		this.curves = historyCurves(base);
		this.epochs = [];
		this.step = null;
		this.smooth = null;
		this.timing = null;
		this.shown = 0;
		this.confusion.empty();
		this.misses?.el.remove();
		this.misses = null;
		this.epochLine.setText('');
		this.live.removeClass('is-hidden');
		this.progress.removeClass('is-hidden');
	}

	/** Every epoch so far, saved ones first. */
	history(): EpochFigures[] {
		return [...this.base, ...this.epochs.map(figures)];
	}

	/** The last batch's epoch (1-based), or the next epoch before any batch. */
	epochNow(): number {
		return this.step?.epoch ?? this.epochs.length + 1;
	}

	/** Batches done since the start of this training. */
	private stepsDone(): number {
		const s = this.step;
		return s ? (s.epoch - 1) * s.batches + s.batch : 0;
	}

	/** Keeps a batch's figures: the smoothed training curves, the batch rate (a batch told twice, again with its epoch's end, counts once). */
	addStep(s: StepReport): void {
		const seen = this.step !== null && this.step.epoch === s.epoch && this.step.batch === s.batch;
		this.step = s;
		if (seen) return;
		const sm = this.smooth;
		this.smooth = sm ? { loss: sm.loss + SMOOTHING * (s.loss - sm.loss), accuracy: sm.accuracy + SMOOTHING * (s.accuracy - sm.accuracy) } : { loss: s.loss, accuracy: s.accuracy };
		const x = this.base.length + s.epoch - 1 + s.batch / Math.max(1, s.batches);
		addPoint(this.curves.loss.train, x, this.smooth.loss);
		addPoint(this.curves.accuracy.train, x, this.smooth.accuracy);
		// The rate is measured from the first batch seen (the engine's start-up is not a batch).
		this.timing ??= { start: performance.now(), steps: this.stepsDone() };
	}

	/** Keeps the finished epochs (the validation curves); true when there are new ones. */
	setEpochs(epochs: EpochReport[]): boolean {
		if (epochs.length <= this.epochs.length) return false;
		this.epochs = epochs;
		const validation = { loss: [] as CurveData['validation'], accuracy: [] as CurveData['validation'] };
		this.history().forEach((e, i) => {
			addPoint(validation.loss, i + 1, e.validationLoss);
			addPoint(validation.accuracy, i + 1, e.validationAccuracy);
		});
		this.curves.loss.validation = validation.loss;
		this.curves.accuracy.validation = validation.accuracy;
		return true;
	}

	/** The time left is measured again (after a pause). */
	restartClock(): void {
		this.timing = null;
	}

	/**
	 * Writes the figures into the page for `phase` of a training of `epochs` epochs: the bar, the
	 * status line, the curves; for an epoch not drawn yet its line and confusion matrix, returning it
	 * (its misclassified pictures are asked for by the caller), else null.
	 */
	paint(phase: LivePhase, epochs: number): EpochReport | null {
		const s = this.step;
		const total = epochs * Math.max(1, s?.batches ?? 1);
		const done = this.stepsDone();
		this.bar.setCssProps({ '--cnn-train-progress': String(Math.min(1, done / total)) });
		this.progress.setAttr('aria-valuenow', Math.round((100 * Math.min(done, total)) / total));
		const lines: string[] = [];
		const count = this.epochs.length;
		if (phase === 'training' && s) {
			lines.push(t('train.widget.progress', { epoch: Math.min(epochs, s.epoch), epochs, batch: s.batch, batches: s.batches }));
			const timing = this.timing;
			if (timing && done > timing.steps) lines.push(t('train.widget.left', { time: duration(((performance.now() - timing.start) / (done - timing.steps)) * Math.max(0, total - done)) }));
			lines.push(t('train.widget.batch', { loss: Number(s.loss.toFixed(2)), accuracy: formatShare(s.accuracy) }));
		} else if (phase === 'paused') lines.push(t('train.widget.paused', { count }));
		else if (phase === 'done') lines.push(t('train.widget.done', { count }));
		else if (phase === 'stopped') lines.push(t('train.widget.stopped', { count }));
		if (phase !== 'error') this.status.setText(lines.join(' · '));
		const axis = this.base.length + epochs;
		this.charts.loss.draw(this.curves.loss, axis);
		this.charts.accuracy.draw(this.curves.accuracy, axis);
		const last = this.epochs[count - 1];
		if (!last || count === this.shown) return null;
		this.shown = count;
		this.epochLine.setText(t('train.widget.epochEnd', { epoch: last.epoch, accuracy: formatShare(last.validationAccuracy), loss: Number(last.validationLoss.toFixed(3)) }));
		renderConfusion(this.confusion, last.epoch, last.confusion, this.labels);
		return last;
	}

	/** Shows an epoch's misclassified pictures as the host inspected them (in the order of `epoch.misses`). */
	showMisses(epoch: EpochReport, inspection: TrainInspection): void {
		this.misses ??= new MissesView(this.live, this.owner, this.labels, this.input);
		this.misses.show(epoch.misses, inspection);
	}
}
