/**
 * The `cnn-train` widget: before training, its data (the built-in digits, or a vault folder read
 * with a progress line), its network table and settings, and the model its `save:` folder already
 * holds (summary, curves, "Continue training"); then the training in the model host, drawn at most
 * once per animation frame (progress arrives after every batch): a progress bar with the time left,
 * loss and accuracy curves, and at each epoch's end the confusion matrix and the misclassified
 * held-out pictures. Pause, resume, stop, save (asking before a saved model is replaced) and a
 * ready-to-copy cnn-classify block. The root carries data-state (idle, training, paused, done,
 * stopped, error), data-epoch (epochs finished) and data-val-accuracy (the last epoch's, 0..1);
 * buttons carry data-action (train, pause, resume, stop, save, continue, copy). Unloading (closing
 * the note, or a re-render of the block) ends the training: it is disposed with its tensors.
 */
import { Component, Notice } from 'obsidian';
import { trainPlan } from '../../blocks/parse-train';
import type { TrainSpec } from '../../blocks/train-keys';
import { t, type MessageKey } from '../../i18n';
import type { EpochReport, StepReport } from '../../model/engine/trainer';
import type { TrainOptions, TrainProgress, TrainSource } from '../../model/host/protocol';
import type { Problem } from '../../result';
import type { Architecture } from '../../train/architecture';
import { DATASET_CANCELLED, readFolderDataset, type Dataset, type DatasetDeps } from '../../train/dataset';
import { DIGIT_CLASSES } from '../../train/digits-set';
import { saveFolder, saveModel, type EpochFigures, type SavedModelMeta } from '../../train/save-model';
import { splitByClass } from '../../train/split';
import type { InputSpec } from '../../blocks/types';
import { BlockWidget, type WidgetDeps, type WidgetState } from '../shared/block-widget';
import { renderErrorBox } from '../shared/error-box';
import { guard, listen } from '../shared/guard';
import { formatShare } from '../classify/classify-format';
import { addPoint, CurveChart, renderConfusion, type CurveData } from './train-charts';
import { toTrainLayers, type TrainLease } from './train-host';
import { MissesView } from './train-misses';
import { renderArchitecture, renderData, renderSettings } from './train-plan';
import { classifyBlockText, readSavedModel, readSavedSummary, type SavedSummary, type TrainVault } from './train-save';

/** Where a training block is: `data-state` of its root. */
export type TrainPhase = 'idle' | 'training' | 'paused' | 'done' | 'stopped' | 'error';

/** What the training widget needs besides the shared WidgetDeps. */
export interface TrainDeps {
	/** A use of the model host that trains, or null when this build's host cannot (released when the block unloads). */
	host(): TrainLease | null;
	vault: TrainVault;
	dataset: DatasetDeps;
	/** Asks whether to replace the model in `folder` (its `files`). */
	confirmReplace(folder: string, files: readonly string[]): Promise<boolean>;
	/** The clipboard (navigator.clipboard when not given). */
	clipboard?: { writeText(text: string): Promise<void> };
}

/** The buttons, by data-action. */
type Action = 'train' | 'pause' | 'resume' | 'stop' | 'save' | 'continue';

/** The parts of the rendering that change. */
interface Parts {
	root: HTMLElement;
	data: HTMLElement;
	network: HTMLElement;
	saved: HTMLElement;
	buttons: Record<Action, HTMLButtonElement>;
	status: HTMLElement;
	bar: HTMLElement;
	progress: HTMLElement;
	problems: HTMLElement;
	epochLine: HTMLElement;
	charts: { loss: CurveChart; accuracy: CurveChart };
	confusion: HTMLElement;
	misses: MissesView | null;
	live: HTMLElement;
	save: HTMLElement;
	owner: Component;
}

/** Smoothing of the per-batch training curves (weight of the newest batch). */
const SMOOTHING = 0.1;

/** A duration in ms as "42 s" or "3 min 5 s". */
function duration(ms: number): string {
	const s = Math.max(1, Math.round(ms / 1000));
	return s < 60 ? t('train.widget.seconds', { seconds: s }) : t('train.widget.minutes', { minutes: Math.floor(s / 60), seconds: s % 60 });
}

/** The figures metadata.json keeps of an epoch. */
function figures(e: EpochReport): EpochFigures {
	return { trainLoss: e.trainLoss, trainAccuracy: e.trainAccuracy, validationLoss: e.validationLoss, validationAccuracy: e.validationAccuracy };
}

/** The training widget of one block. */
export class TrainWidget extends BlockWidget<TrainSpec> {
	private phase: TrainPhase = 'idle';
	private parts: Parts | null = null;
	private data: Dataset | null = null;
	private plan: Architecture | null = null;
	private labels: string[] = [];
	private saved: SavedSummary | null = null;
	private lease: TrainLease | null = null;
	private training: number | null = null;
	/** Number of the current training: progress of an older one is ignored. */
	private run = 0;
	private epochs: EpochReport[] = [];
	/** The saved model's epochs when continuing from it (drawn before this training's). */
	private base: EpochFigures[] = [];
	private curves: { loss: CurveData; accuracy: CurveData } = { loss: { train: [], validation: [] }, accuracy: { train: [], validation: [] } };
	private smooth: { loss: number; accuracy: number } | null = null;
	private step: StepReport | null = null;
	private timing: { start: number; steps: number } | null = null;
	private shownEpochs = 0;
	private frame: number | null = null;
	private busy = false;
	private readonly reading = new AbortController();
	private preparedDone: () => void = () => {};
	/** Settles once the data is read, the network planned and the saved model looked for (or an error shown). */
	readonly prepared: Promise<void> = new Promise((resolve) => (this.preparedDone = resolve));

	constructor(containerEl: HTMLElement, spec: TrainSpec, deps: WidgetDeps, private readonly train: TrainDeps) {
		super(containerEl, spec, deps, 'cnn-train');
	}

	onload(): void {
		this.register(() => this.cancelFrame());
		super.onload();
	}

	onunload(): void {
		this.run += 1;
		this.reading.abort();
		this.cancelFrame();
		this.dispose();
		this.lease?.release();
		this.lease = null;
		this.parts = null;
		this.preparedDone();
		super.onunload();
	}

	/** The widget has no input picture: it renders at once. */
	protected inputSpec(): InputSpec | null {
		return null;
	}

	/** `data-state` of the block and of the root: the training's phase once shown. */
	protected setState(state: WidgetState): void {
		const shown = state === 'ready' ? this.phase : state;
		this.containerEl.setAttr('data-state', shown);
		this.parts?.root.setAttr('data-state', shown);
	}

	private setPhase(phase: TrainPhase): void {
		this.phase = phase;
		this.setState('ready');
		this.updateButtons();
	}

	/** Builds the widget, then reads the data and plans the network. */
	protected render(): void {
		const owner = new Component();
		const root = this.containerEl.createDiv({ cls: 'cnn-notes cnn-train', attr: { 'data-state': this.phase, 'data-epoch': 0 } });
		const data = root.createDiv({ cls: 'cnn-train-data' });
		const network = root.createDiv({ cls: 'cnn-train-network' });
		renderSettings(root, this.spec);
		const saved = root.createDiv({ cls: 'cnn-train-saved is-hidden' });
		const controls = root.createDiv({ cls: 'cnn-train-controls' });
		const labels: Record<Action, MessageKey> = { train: 'train.widget.start', continue: 'train.widget.continue', pause: 'train.widget.pause', resume: 'train.widget.resume', stop: 'train.widget.stop', save: 'train.widget.save' };
		const buttons = {} as Record<Action, HTMLButtonElement>;
		for (const action of Object.keys(labels) as Action[]) {
			const button = controls.createEl('button', { cls: action === 'train' ? 'mod-cta' : '', text: t(labels[action]), attr: { type: 'button', 'data-action': action } });
			listen(owner, button, 'click', () => this.act(action));
			buttons[action] = button;
		}
		const status = root.createDiv({ cls: 'cnn-train-status', attr: { role: 'status', 'aria-live': 'polite' } });
		const progress = root.createDiv({ cls: 'cnn-train-progress is-hidden' });
		const bar = progress.createDiv({ cls: 'cnn-train-bar', attr: { role: 'progressbar', 'aria-valuemin': 0, 'aria-valuemax': 100, 'aria-valuenow': 0 } }).createDiv({ cls: 'cnn-train-bar-fill' });
		const problems = root.createDiv({ cls: 'cnn-train-problems' });
		const live = root.createDiv({ cls: 'cnn-train-live is-hidden' });
		const epochLine = live.createDiv({ cls: 'cnn-train-epoch' });
		const chartRow = live.createDiv({ cls: 'cnn-train-charts' });
		const charts = { loss: new CurveChart(chartRow, 'loss'), accuracy: new CurveChart(chartRow, 'accuracy') };
		const confusion = live.createDiv({ cls: 'cnn-train-confusion-box' });
		const save = root.createDiv({ cls: 'cnn-train-save' });
		if (!this.spec.save) save.createDiv({ cls: 'cnn-caption', text: t('train.widget.saveHint') });
		this.parts = { root, data, network, saved, buttons, status, bar, progress, problems, epochLine, charts, confusion, misses: null, live, save, owner };
		this.showView(owner);
		this.updateButtons();
		void this.prepareData().then(() => this.preparedDone(), (e: unknown) => {
			this.preparedDone();
			this.crashed(e);
		});
	}

	/** Reads the folder (with a progress line) or takes the digits, plans the network, and looks for a saved model. */
	private async prepareData(): Promise<void> {
		const parts = this.parts;
		if (!parts) return;
		const choice = this.spec.data;
		if (choice.kind === 'folder') {
			parts.root.setAttr('data-phase', 'reading');
			const size = this.spec.inputSize;
			const read = await readFolderDataset(this.train.dataset, choice.link.path, this.deps.sourcePath, {
				inputShape: [size, size, this.spec.channels === 'rgb' ? 3 : 1],
				signal: this.reading.signal,
				progress: (done, total) => this.parts?.status.setText(t('train.data.progress', { done, total })),
			});
			if (this.unloaded) return;
			parts.root.removeAttribute('data-phase');
			parts.status.setText('');
			if (!read.ok) {
				if (!read.errors.some((e) => e.code === DATASET_CANCELLED)) this.showErrors(read.errors);
				return;
			}
			this.data = read.value;
		}
		this.labels = this.data ? this.data.classes : [...DIGIT_CLASSES];
		const plan = trainPlan(this.spec, this.labels.length);
		if (!plan.ok) return this.showErrors(plan.errors);
		this.plan = plan.value;
		renderData(parts.data, this.data);
		renderArchitecture(parts.network, plan.value, this.spec.layers);
		await this.lookForSaved();
		this.updateButtons();
	}

	/** The model the block's `save:` folder holds, shown with its curves (a failure to read it is said, not fatal). */
	private async lookForSaved(): Promise<void> {
		const folder = this.saveTo();
		const parts = this.parts;
		if (folder === null || !parts) return;
		const read = await readSavedSummary(this.train.vault, folder);
		if (!read || this.unloaded) return;
		parts.saved.removeClass('is-hidden');
		parts.saved.empty();
		if (!read.ok) {
			for (const e of read.errors) parts.saved.createDiv({ cls: 'cnn-caption', text: t(e.code, e.vars) });
			return;
		}
		const s = read.value;
		this.saved = s;
		parts.root.setAttr('data-saved', 'true');
		const accuracy = s.accuracy === null ? '–' : formatShare(s.accuracy);
		const time = s.time === null ? '–' : new Date(s.time).toLocaleString();
		parts.saved.createDiv({ cls: 'cnn-train-saved-line', text: t('train.widget.savedModel', { folder, accuracy, epochs: s.epochs ?? 0, time }) });
		if (s.history.length > 0) {
			const row = parts.saved.createDiv({ cls: 'cnn-train-charts' });
			const charts = { loss: new CurveChart(row, 'loss'), accuracy: new CurveChart(row, 'accuracy') };
			const curves = this.historyCurves(s.history);
			charts.loss.draw(curves.loss, s.history.length);
			charts.accuracy.draw(curves.accuracy, s.history.length);
		}
	}

	/** Per-epoch curves of saved figures. */
	private historyCurves(history: readonly EpochFigures[]): { loss: CurveData; accuracy: CurveData } {
		const curves = { loss: { train: [], validation: [] } as CurveData, accuracy: { train: [], validation: [] } as CurveData };
		history.forEach((e, i) => {
			addPoint(curves.loss.train, i + 1, e.trainLoss);
			addPoint(curves.loss.validation, i + 1, e.validationLoss);
			addPoint(curves.accuracy.train, i + 1, e.trainAccuracy);
			addPoint(curves.accuracy.validation, i + 1, e.validationAccuracy);
		});
		return curves;
	}

	/** The vault folder of `save:`, or null without one. */
	private saveTo(): string | null {
		return this.spec.save ? saveFolder(this.spec.save.path) : null;
	}

	/** Shows which buttons apply now. */
	private updateButtons(): void {
		const parts = this.parts;
		if (!parts) return;
		const p = this.phase;
		const running = p === 'training' || p === 'paused';
		const show = (action: Action, shown: boolean, enabled = true): void => {
			const b = parts.buttons[action];
			b.toggleClass('is-hidden', !shown);
			b.disabled = !shown || !enabled || this.busy;
		};
		show('train', !running, this.plan !== null);
		parts.buttons.train.setText(t(p === 'idle' ? 'train.widget.start' : 'train.widget.again'));
		show('continue', !running && this.saved !== null, this.plan !== null);
		show('pause', p === 'training', this.training !== null);
		show('resume', p === 'paused');
		show('stop', running, this.training !== null);
		const trained = this.training !== null && this.epochs.length > 0 && (p === 'paused' || p === 'done' || p === 'stopped');
		show('save', this.spec.save !== undefined && this.training !== null, trained);
	}

	/** A button's action; nothing thrown escapes (the guard of `listen` shows it). */
	private async act(action: Action): Promise<void> {
		if (this.busy) return;
		switch (action) {
			case 'train':
			case 'continue':
				return this.startTraining(action === 'continue');
			case 'pause':
			case 'resume':
			case 'stop':
				return this.control(action);
			case 'save':
				return this.save();
		}
	}

	/** Runs `work` with the buttons disabled. */
	private async whileBusy(work: () => Promise<void>): Promise<void> {
		this.busy = true;
		this.updateButtons();
		try {
			await work();
		} finally {
			this.busy = false;
			this.updateButtons();
		}
	}

	/** What the host trains on: the digits by name, or a copy of the folder's pictures with the held-out split of the seed. */
	private trainSource(): TrainSource {
		const data = this.data;
		if (!data) return { kind: 'digits' };
		const split = splitByClass(data.labels, data.classes.length, this.spec.validation, this.spec.seed);
		return { kind: 'pictures', input: data.inputShape, classes: data.classes.length, pixels: data.pixels.slice(), labels: data.labels.slice(), train: split.train, validation: split.validation };
	}

	/** Starts a training (from the saved model with `resume`): the previous one is disposed. */
	private startTraining(resume: boolean): Promise<void> {
		return this.whileBusy(async () => {
			const plan = this.plan;
			if (!plan) return;
			this.dispose();
			this.lease ??= this.train.host();
			const lease = this.lease;
			if (!lease) return this.fail([{ code: 'train.widget.noEngine', vars: {} }]);
			const options: TrainOptions = { layers: toTrainLayers(plan.layers), epochs: this.spec.epochs, batch: this.spec.batch, learningRate: this.spec.learningRate, seed: this.spec.seed, augment: this.spec.augment };
			const folder = this.saveTo();
			this.base = [];
			if (resume && folder !== null) {
				const files = await readSavedModel(this.train.vault, folder);
				if (this.unloaded) return;
				if (!files.ok) return this.fail(files.errors);
				options.resume = files.value;
				this.base = this.saved?.history ?? [];
			}
			this.resetLive();
			const run = ++this.run;
			this.parts?.status.setText(t('train.widget.starting'));
			this.setPhase('training');
			const answer = await lease.host.trainStart(this.trainSource(), options, guard(this, (p: TrainProgress) => this.progress(run, p)));
			if (this.unloaded || run !== this.run) {
				if (answer.ok) lease.host.trainDispose(answer.value.training);
				return;
			}
			if (!answer.ok) return this.fail(answer.errors);
			this.training = answer.value.training;
			this.timing = { start: performance.now(), steps: this.stepsDone() };
		});
	}

	/** Clears the figures of a previous training. */
	private resetLive(): void {
		this.epochs = [];
		this.step = null;
		this.smooth = null;
		this.shownEpochs = 0;
		this.curves = this.historyCurves(this.base);
		const parts = this.parts;
		if (!parts) return;
		parts.problems.empty();
		parts.save.empty();
		if (!this.spec.save) parts.save.createDiv({ cls: 'cnn-caption', text: t('train.widget.saveHint') });
		parts.confusion.empty();
		parts.misses?.el.remove();
		parts.misses = null;
		parts.epochLine.setText('');
		parts.root.setAttr('data-epoch', 0);
		parts.root.removeAttribute('data-val-accuracy');
		parts.live.removeClass('is-hidden');
		parts.progress.removeClass('is-hidden');
	}

	/** Batches done since the start of this training. */
	private stepsDone(): number {
		const s = this.step;
		return s ? (s.epoch - 1) * s.batches + s.batch : 0;
	}

	/** A progress message of training `run`: figures are kept at once, the page is redrawn on the next frame. */
	private progress(run: number, p: TrainProgress): void {
		if (run !== this.run || this.unloaded) return;
		this.training ??= p.training;
		if (p.step) {
			const s = p.step;
			this.step = s;
			const sm = this.smooth;
			this.smooth = sm ? { loss: sm.loss + SMOOTHING * (s.loss - sm.loss), accuracy: sm.accuracy + SMOOTHING * (s.accuracy - sm.accuracy) } : { loss: s.loss, accuracy: s.accuracy };
			const x = this.base.length + s.epoch - 1 + s.batch / s.batches;
			addPoint(this.curves.loss.train, x, this.smooth.loss);
			addPoint(this.curves.accuracy.train, x, this.smooth.accuracy);
			this.timing ??= { start: performance.now(), steps: this.stepsDone() };
		}
		if (p.epochs && p.epochs.length > this.epochs.length) {
			this.epochs = p.epochs;
			const last = p.epochs[p.epochs.length - 1];
			this.parts?.root.setAttr('data-epoch', p.epochs.length);
			if (last) this.parts?.root.setAttr('data-val-accuracy', String(last.validationAccuracy));
			this.curves.loss.validation = [];
			this.curves.accuracy.validation = [];
			for (const [i, e] of [...this.base, ...p.epochs.map(figures)].entries()) {
				addPoint(this.curves.loss.validation, i + 1, e.validationLoss);
				addPoint(this.curves.accuracy.validation, i + 1, e.validationAccuracy);
			}
		}
		if (p.state !== this.phase) this.changeState(p);
		this.schedule();
	}

	/** The engine's state became `p.state`. */
	private changeState(p: TrainProgress): void {
		const state = p.state;
		if (state === 'nan') {
			const epoch = this.step?.epoch ?? this.epochs.length + 1;
			return this.fail([{ code: 'train.widget.nan', vars: { epoch, rate: String(Number((this.spec.learningRate / 10).toPrecision(2))) } }]);
		}
		if (state === 'error') return this.fail(p.errors ?? []);
		// The time left is measured again after a pause.
		if (state === 'training' && this.phase === 'paused') this.timing = null;
		this.setPhase(state);
	}

	/** Shows problems in the widget (the note and the figures stay), in the error state. */
	private fail(problems: Problem[]): void {
		const parts = this.parts;
		if (!parts) return;
		renderErrorBox(parts.problems, problems);
		parts.status.setText('');
		this.setPhase('error');
	}

	/** Pause, resume or stop: the state follows the engine's answer. */
	private control(action: 'pause' | 'resume' | 'stop'): Promise<void> {
		return this.whileBusy(async () => {
			const training = this.training;
			const lease = this.lease;
			if (training === null || !lease) return;
			const run = this.run;
			const answer = await lease.host.trainControl(training, action);
			if (this.unloaded || run !== this.run) return;
			if (!answer.ok) return this.fail(answer.errors);
			if (action === 'resume') this.timing = null;
			const next: TrainPhase = action === 'pause' ? 'paused' : action === 'resume' ? 'training' : 'stopped';
			// The engine says so too (a state message); a training already done stays done.
			if (this.phase !== 'done' && this.phase !== 'error') this.setPhase(next);
			this.schedule();
		});
	}

	/** Redraws on the next animation frame (once, however many messages arrive before it). */
	private schedule(): void {
		if (this.frame !== null || this.unloaded) return;
		const paint = guard(this, () => {
			this.frame = null;
			this.paint();
		});
		this.frame = typeof window.requestAnimationFrame === 'function' ? window.requestAnimationFrame(paint) : window.setTimeout(paint, 16);
	}

	private cancelFrame(): void {
		if (this.frame === null) return;
		if (typeof window.cancelAnimationFrame === 'function') window.cancelAnimationFrame(this.frame);
		window.clearTimeout(this.frame);
		this.frame = null;
	}

	/** Brings the page up to date: progress, curves, and the new epoch's matrix and misclassified pictures. */
	private paint(): void {
		const parts = this.parts;
		if (!parts || this.unloaded) return;
		const s = this.step;
		const total = this.spec.epochs * (s?.batches ?? 1);
		const done = this.stepsDone();
		parts.bar.setCssProps({ '--cnn-train-progress': String(Math.min(1, done / total)) });
		parts.bar.parentElement?.setAttr('aria-valuenow', Math.round((100 * done) / total));
		const lines: string[] = [];
		if (this.phase === 'training' && s) {
			lines.push(t('train.widget.progress', { epoch: Math.min(this.spec.epochs, s.epoch), epochs: this.spec.epochs, batch: s.batch, batches: s.batches }));
			const timing = this.timing;
			if (timing && done > timing.steps) lines.push(t('train.widget.left', { time: duration(((performance.now() - timing.start) / (done - timing.steps)) * (total - done)) }));
			lines.push(t('train.widget.batch', { loss: s.loss.toFixed(3), accuracy: formatShare(s.accuracy) }));
		} else if (this.phase === 'paused') lines.push(t('train.widget.paused', { count: this.epochs.length }));
		else if (this.phase === 'done') lines.push(t('train.widget.done', { count: this.epochs.length }));
		else if (this.phase === 'stopped') lines.push(t('train.widget.stopped', { count: this.epochs.length }));
		if (this.phase !== 'error') parts.status.setText(lines.join(' · '));
		const epochs = this.base.length + this.spec.epochs;
		parts.charts.loss.draw(this.curves.loss, epochs);
		parts.charts.accuracy.draw(this.curves.accuracy, epochs);
		const last = this.epochs[this.epochs.length - 1];
		if (last && this.epochs.length !== this.shownEpochs) {
			this.shownEpochs = this.epochs.length;
			parts.epochLine.setText(t('train.widget.epochEnd', { epoch: last.epoch, accuracy: formatShare(last.validationAccuracy), loss: last.validationLoss.toFixed(3) }));
			renderConfusion(parts.confusion, last.epoch, last.confusion, this.labels);
			void this.showMisses(last);
		}
	}

	/** Asks the host for the epoch's misclassified pictures and shows them. */
	private async showMisses(epoch: EpochReport): Promise<void> {
		const training = this.training;
		const lease = this.lease;
		const parts = this.parts;
		const plan = this.plan;
		if (training === null || !lease || !parts || !plan) return;
		const run = this.run;
		const inspection = await lease.host.trainInspect(training, epoch.misses.map((m) => m.index));
		if (this.unloaded || run !== this.run || !this.parts || this.epochs[this.epochs.length - 1] !== epoch) return;
		if (!inspection.ok) return;
		parts.misses ??= new MissesView(parts.live, parts.owner, this.labels, plan.input);
		parts.misses.show(epoch.misses, inspection.value);
	}

	/** Exports the trained network and saves it into the `save:` folder, asking before a saved model is replaced. */
	private save(): Promise<void> {
		return this.whileBusy(async () => {
			const training = this.training;
			const lease = this.lease;
			const parts = this.parts;
			const plan = this.plan;
			const target = this.spec.save;
			if (training === null || !lease || !parts || !plan || !target) return;
			parts.save.empty();
			const status = parts.save.createDiv({ cls: 'cnn-caption', text: t('train.widget.saving') });
			const files = await lease.host.trainExport(training);
			if (this.unloaded) return;
			if (!files.ok) return this.saveFailed(files.errors);
			const history = [...this.base, ...this.epochs.map(figures)];
			const spec = this.spec;
			const meta: SavedModelMeta = {
				labels: this.labels,
				input: plan.input,
				scale: '0..1',
				training: { epochs: spec.epochs, batch: spec.batch, 'learning-rate': spec.learningRate, validation: spec.validation, augment: spec.augment, seed: spec.seed, layers: spec.layers.join(', '), data: spec.data.kind === 'digits' ? 'digits' : spec.data.link.path, epochsTrained: history.length },
				history,
			};
			const accuracy = this.epochs[this.epochs.length - 1]?.validationAccuracy;
			if (accuracy !== undefined) meta.accuracy = accuracy;
			let outcome = await saveModel(this.train.vault, target.path, files.value, meta, false);
			if (outcome.ok && outcome.value.kind === 'exists') {
				const replace = await this.train.confirmReplace(outcome.value.folder, outcome.value.files);
				if (this.unloaded) return;
				if (!replace) {
					status.setText(t('train.widget.notSaved'));
					return;
				}
				outcome = await saveModel(this.train.vault, target.path, files.value, meta, true);
			}
			if (this.unloaded) return;
			if (!outcome.ok) return this.saveFailed(outcome.errors);
			status.remove();
			this.showSaved(outcome.value.folder);
		});
	}

	/** The save's problems under the buttons (the training stays). */
	private saveFailed(problems: Problem[]): void {
		const save = this.parts?.save;
		if (!save) return;
		save.empty();
		renderErrorBox(save.createDiv(), problems);
	}

	/** "Saved in <folder>" and the cnn-classify block that uses the model, with a Copy button. */
	private showSaved(folder: string): void {
		const parts = this.parts;
		if (!parts) return;
		parts.root.setAttr('data-saved', 'true');
		parts.save.createDiv({ cls: 'cnn-train-saved-line', text: t('train.widget.saved', { folder }) });
		parts.save.createDiv({ cls: 'cnn-caption', text: t('train.widget.classifyBlock') });
		const text = classifyBlockText(folder);
		parts.save.createEl('pre', { cls: 'cnn-train-block', text });
		const copy = parts.save.createEl('button', { text: t('train.widget.copy'), attr: { type: 'button', 'data-action': 'copy' } });
		listen(parts.owner, copy, 'click', async () => {
			const clipboard = this.train.clipboard ?? navigator.clipboard;
			try {
				await clipboard.writeText(text);
				new Notice(t('train.widget.copied'));
			} catch {
				new Notice(t('train.widget.copyFailed'));
			}
		});
	}

	/** Ends the current training in the host (its tensors freed). */
	private dispose(): void {
		if (this.training !== null) this.lease?.host.trainDispose(this.training);
		this.training = null;
	}
}
