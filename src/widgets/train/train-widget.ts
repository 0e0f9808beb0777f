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
import { Component, TFile } from 'obsidian';
import { trainPlan } from '../../blocks/parse-train';
import type { TrainSpec } from '../../blocks/train-keys';
import { clip, currentLanguage, t, type MessageKey } from '../../i18n';
import type { EpochReport } from '../../model/engine/trainer';
import type { TrainOptions, TrainProgress, TrainSource } from '../../model/host/protocol';
import type { Problem } from '../../result';
import type { Architecture } from '../../train/architecture';
import { DATASET_CANCELLED, readFolderDataset, type Dataset, type DatasetDeps } from '../../train/dataset';
import { DIGIT_CLASSES } from '../../train/digits-set';
import { saveFolder, saveModel, type SavedModelMeta } from '../../train/save-model';
import { splitByClass } from '../../train/split';
import type { InputSpec } from '../../blocks/types';
import { BlockWidget, type WidgetDeps, type WidgetState } from '../shared/block-widget';
import { renderErrorBox } from '../shared/error-box';
import { guard, listen } from '../shared/guard';
import { formatShare } from '../classify/classify-format';
import { CurveChart } from './train-charts';
import { toTrainLayers, type TrainLease } from './train-host';
import { historyCurves, LiveView } from './train-live';
import { formatRate, renderArchitecture, renderData, renderSettings } from './train-plan';
import { readSavedModel, readSavedSummary, renderSavedBlock, type SavedSummary, type TrainVault } from './train-save';

/** Where a training block is: `data-state` of its root. */
export type TrainPhase = 'idle' | 'training' | 'paused' | 'done' | 'stopped' | 'error';

/** What the training widget needs besides the shared WidgetDeps. */
export interface TrainDeps {
	/** A use of the model host that trains, or null when this build's host cannot (released when the block unloads). */
	host(): TrainLease;
	vault: TrainVault;
	dataset: DatasetDeps;
	/** Asks whether to replace the model in `folder` (its `files`). */
	confirmReplace(folder: string, files: readonly string[]): Promise<boolean>;
	/** The clipboard (navigator.clipboard when not given). */
	clipboard?: { writeText(text: string): Promise<void> };
}

/** The buttons, by data-action. */
type Action = 'train' | 'pause' | 'resume' | 'stop' | 'save' | 'continue';

/** Their labels. */
const LABELS: Record<Action, MessageKey> = { train: 'train.widget.start', continue: 'train.widget.continue', pause: 'train.widget.pause', resume: 'train.widget.resume', stop: 'train.widget.stop', save: 'train.widget.save' };

/** The parts of the rendering that change. */
interface Parts {
	root: HTMLElement;
	data: HTMLElement;
	network: HTMLElement;
	saved: HTMLElement;
	buttons: Record<Action, HTMLButtonElement>;
	live: LiveView;
	problems: HTMLElement;
	save: HTMLElement;
	owner: Component;
}

/** The training widget of one block. */
export class TrainWidget extends BlockWidget<TrainSpec> {
	private phase: TrainPhase = 'idle';
	private parts: Parts | null = null;
	private data: Dataset | null = null;
	private plan: Architecture | null = null;
	private saved: SavedSummary | null = null;
	private lease: TrainLease | null = null;
	/** The running training's loss became NaN: its weights are not worth saving. */
	private nan = false;
	private training: number | null = null;
	/** Number of the current training: answers and progress of an older one are ignored. */
	private run = 0;
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
		this.end();
		this.reading.abort();
		this.lease?.release();
		this.lease = null;
		this.preparedDone();
		super.onunload();
	}

	/** Ends the training (disposed in the host) and its drawing: later answers and progress are ignored. */
	private end(): void {
		this.run += 1;
		this.cancelFrame();
		this.dispose();
	}

	/** The widget has no input picture: it renders at once. */
	protected inputSpec(): InputSpec | null {
		return null;
	}

	/**
	 * `data-state` of the root: the training's phase once shown (idle, training, paused, done,
	 * stopped, error). The block's element says what every block's says: loading, ready (the widget
	 * shows), or error.
	 */
	protected setState(state: WidgetState): void {
		const shown = state === 'ready' ? this.phase : state;
		this.containerEl.setAttr('data-state', state === 'ready' && shown === 'error' ? 'error' : state);
		this.parts?.root.setAttr('data-state', shown);
	}

	/** The error box replaces the widget (data or plan problems, or a crash): a training running ends. */
	protected showErrors(errors: Problem[]): void {
		this.end();
		this.parts = null;
		super.showErrors(errors);
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
		const buttons = {} as Record<Action, HTMLButtonElement>;
		for (const action of Object.keys(LABELS) as Action[]) {
			const button = controls.createEl('button', { cls: action === 'train' ? 'mod-cta' : '', text: t(LABELS[action]), attr: { type: 'button', 'data-action': action } });
			listen(owner, button, 'click', () => this.act(action));
			buttons[action] = button;
		}
		// The status line and bar go right under the buttons, the figures last.
		const progress = root.createDiv({ cls: 'cnn-train-progress' });
		const problems = root.createDiv({ cls: 'cnn-train-problems' });
		const save = root.createDiv({ cls: 'cnn-train-save' });
		const live = new LiveView(progress, root, owner);
		if (!this.spec.save) save.createDiv({ cls: 'cnn-caption', text: t('train.widget.saveHint') });
		this.parts = { root, data, network, saved, buttons, live, problems, save, owner };
		this.showView(owner);
		this.updateButtons();
		void this.prepareData().then(
			() => this.preparedDone(),
			(e: unknown) => {
				this.preparedDone();
				this.crashed(e);
			},
		);
	}

	/** Reads the folder (with a progress line) or takes the digits, plans the network, and looks for a saved model. */
	private async prepareData(): Promise<void> {
		const parts = this.parts;
		if (!parts) return;
		const choice = this.spec.data;
		if (choice.kind === 'folder') {
			parts.root.setAttr('data-phase', 'reading');
			const total = this.deps.models.folder(choice.link.path)?.total;
			if (total !== undefined) parts.live.status.setText(t('train.data.progress', { done: 0, total }));
			const size = this.spec.inputSize;
			const read = await readFolderDataset(this.train.dataset, choice.link.path, this.deps.sourcePath, {
				inputShape: [size, size, this.spec.channels === 'rgb' ? 3 : 1],
				signal: this.reading.signal,
				progress: (done, total) => this.parts?.live.status.setText(t('train.data.progress', { done, total })),
			});
			if (this.unloaded) return;
			parts.root.removeAttribute('data-phase');
			parts.live.status.setText('');
			if (!read.ok) {
				if (!read.errors.some((e) => e.code === DATASET_CANCELLED)) this.showErrors(read.errors);
				return;
			}
			this.data = read.value;
		}
		const labels = this.data ? this.data.classes : [...DIGIT_CLASSES];
		const plan = trainPlan(this.spec, labels.length);
		if (!plan.ok) return this.showErrors(plan.errors);
		this.plan = plan.value;
		parts.live.labels = labels;
		parts.live.input = plan.value.input;
		renderData(parts.data, this.data);
		renderArchitecture(parts.network, plan.value, this.spec.layers);
		this.checkSaveTarget();
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
		const time = s.time === null ? '–' : new Date(s.time).toLocaleString(currentLanguage());
		parts.saved.createDiv({ cls: 'cnn-train-saved-line', text: t('train.widget.savedModel', { folder, accuracy, epochs: s.epochs ?? 0, time }) });
		if (s.history.length === 0) return;
		const row = parts.saved.createDiv({ cls: 'cnn-train-charts' });
		const curves = historyCurves(s.history);
		// Both charts are in the row before either measures its width (the first would take the whole row).
		const charts = [new CurveChart(row, 'loss'), new CurveChart(row, 'accuracy')] as const;
		charts[0].draw(curves.loss, s.history.length);
		charts[1].draw(curves.accuracy, s.history.length);
	}

	/** Says before any training when `save:` cannot take a model (it leaves the vault, or names a file), so the block is mended before training, not after. */
	private checkSaveTarget(): void {
		const target = this.spec.save;
		const parts = this.parts;
		if (!target || !parts) return;
		const folder = saveFolder(target.path);
		const problem: Problem | null =
			folder === null ? { code: 'train.error.savePath', vars: { path: clip(target.path) } } : this.train.vault.getAbstractFileByPath(folder) instanceof TFile ? { code: 'train.error.saveIsFile', vars: { path: folder } } : null;
		if (problem) renderErrorBox(parts.save, [problem]);
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
		// After an error the weights learnt so far are kept and can be saved, unless the loss became NaN or the worker stopped.
		const usable = p === 'paused' || p === 'done' || p === 'stopped' || (p === 'error' && !this.nan && this.lease?.host.isStopped !== true);
		const trained = this.training !== null && parts.live.epochs.length > 0 && usable;
		show('save', this.spec.save !== undefined && this.training !== null, trained);
	}

	/** A button's action (its listener's guard shows anything thrown). */
	private async act(action: Action): Promise<void> {
		if (this.busy) return;
		if (action === 'train' || action === 'continue') return this.startTraining(action === 'continue');
		if (action === 'save') return this.save();
		return this.control(action);
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

	/** What the host trains on: the digits by name, or a copy of the folder's pictures (they are transferred) with the held-out split of the seed. */
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
			const parts = this.parts;
			if (!plan || !parts) return;
			const { epochs, batch, learningRate, seed, augment } = this.spec;
			const options: TrainOptions = { layers: toTrainLayers(plan.layers), epochs, batch, learningRate, seed, augment };
			const folder = this.saveTo();
			if (resume && folder !== null) {
				// The saved model as it is now (a save since the block rendered counts), read before the
				// training on screen is ended: a model that cannot be continued leaves it as it is.
				await this.lookForSaved();
				const files = await readSavedModel(this.train.vault, folder);
				if (this.unloaded) return;
				if (!files.ok) return this.showProblems(files.errors);
				const wanted = parts.live.labels;
				const savedLabels = this.saved?.labels;
				if (savedLabels && savedLabels.join('\n') !== wanted.join('\n')) return this.showProblems([{ code: 'train.widget.resumeClasses', vars: { folder, saved: clip(savedLabels.join(', ')), wanted: clip(wanted.join(', ')) } }]);
				options.resume = files.value;
			}
			this.end();
			// A host that stopped (its worker crashed) cannot train again: this block takes a new one.
			if (this.lease?.host.isStopped === true) {
				this.lease.release();
				this.lease = null;
			}
			this.lease ??= this.train.host();
			const lease = this.lease;
			parts.live.reset(resume ? this.saved?.history ?? [] : []);
			parts.problems.empty();
			parts.save.empty();
			if (!this.spec.save) parts.save.createDiv({ cls: 'cnn-caption', text: t('train.widget.saveHint') });
			parts.root.setAttr('data-epoch', 0);
			parts.root.removeAttribute('data-val-accuracy');
			const run = ++this.run;
			this.nan = false;
			parts.live.status.setText(t('train.widget.starting'));
			this.setPhase('training');
			const answer = await lease.host.trainStart(this.trainSource(), options, guard(this, (p: TrainProgress) => this.progress(run, p)));
			if (this.unloaded || run !== this.run) {
				if (answer.ok) lease.host.trainDispose(answer.value.training);
				return;
			}
			if (!answer.ok) return this.fail(answer.errors);
			this.training = answer.value.training;
		});
	}

	/** A progress message of training `run`: figures are kept at once, the page is redrawn on the next frame. */
	private progress(run: number, p: TrainProgress): void {
		const live = this.parts?.live;
		if (run !== this.run || this.unloaded || !live) return;
		this.training ??= p.training;
		if (p.step) live.addStep(p.step);
		if (p.epochs && live.setEpochs(p.epochs)) {
			const last = p.epochs[p.epochs.length - 1];
			this.parts?.root.setAttr('data-epoch', p.epochs.length);
			if (last) this.parts?.root.setAttr('data-val-accuracy', String(last.validationAccuracy));
		}
		if (p.state !== this.phase) this.changeState(p);
		this.schedule();
	}

	/** The engine's state became `p.state`. */
	private changeState(p: TrainProgress): void {
		const state = p.state;
		if (state === 'nan') {
			this.nan = true;
			const rate = formatRate(Number((this.spec.learningRate / 10).toPrecision(2)));
			return this.fail([{ code: 'train.widget.nan', vars: { epoch: this.parts?.live.epochNow() ?? 1, rate } }]);
		}
		if (state === 'error') return this.fail(p.errors ?? []);
		// The time left is measured again after a pause.
		if (state === 'training' && this.phase === 'paused') this.parts?.live.restartClock();
		this.setPhase(state);
	}

	/** Shows problems in the widget without changing the training's state (a Continue that cannot start). */
	private showProblems(problems: Problem[]): void {
		const parts = this.parts;
		if (!parts) return;
		parts.problems.empty();
		renderErrorBox(parts.problems, problems);
	}

	/** Shows problems in the widget (the note and the figures stay), in the error state. */
	private fail(problems: Problem[]): void {
		const parts = this.parts;
		if (!parts) return;
		renderErrorBox(parts.problems, problems);
		parts.live.status.setText('');
		this.setPhase('error');
	}

	/** Pause, resume or stop: the state follows the engine's answer (and its state messages). */
	private control(action: 'pause' | 'resume' | 'stop'): Promise<void> {
		return this.whileBusy(async () => {
			const training = this.training;
			const lease = this.lease;
			if (training === null || !lease) return;
			const run = this.run;
			const answer = await lease.host.trainControl(training, action);
			if (this.unloaded || run !== this.run) return;
			if (!answer.ok) return this.fail(answer.errors);
			if (action === 'resume') this.parts?.live.restartClock();
			// A training that ended meanwhile (done, NaN, error) keeps its state.
			if (this.phase === 'training' || this.phase === 'paused') this.setPhase(action === 'pause' ? 'paused' : action === 'resume' ? 'training' : 'stopped');
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

	/** Brings the page up to date; a new epoch's misclassified pictures are asked of the host. */
	private paint(): void {
		const parts = this.parts;
		if (!parts || this.unloaded) return;
		const epoch = parts.live.paint(this.phase, this.spec.epochs);
		if (epoch) this.showMisses(epoch).catch((e: unknown) => this.crashed(e));
	}

	/** Asks the host for an epoch's misclassified pictures (pixels and probabilities now) and shows them. */
	private async showMisses(epoch: EpochReport): Promise<void> {
		const training = this.training;
		const lease = this.lease;
		if (training === null || !lease) return;
		const run = this.run;
		const inspection = await lease.host.trainInspect(training, epoch.misses.map((m) => m.index));
		const live = this.parts?.live;
		if (this.unloaded || run !== this.run || !live || live.epochs[live.epochs.length - 1] !== epoch || !inspection.ok) return;
		live.showMisses(epoch, inspection.value);
	}

	/** Exports the trained network and saves it into the `save:` folder, asking before a saved model is replaced. */
	private save(): Promise<void> {
		return this.whileBusy(async () => {
			const { training, lease, parts, plan } = this;
			const target = this.spec.save;
			if (training === null || !lease || !parts || !plan || !target) return;
			parts.save.empty();
			const status = parts.save.createDiv({ cls: 'cnn-caption', text: t('train.widget.saving') });
			const files = await lease.host.trainExport(training);
			if (this.unloaded) return;
			if (!files.ok) return this.saveFailed(files.errors);
			const meta = this.metadata(plan);
			let outcome = await saveModel(this.train.vault, target.path, files.value, meta, false);
			if (outcome.ok && outcome.value.kind === 'exists') {
				const replace = await this.train.confirmReplace(outcome.value.folder, outcome.value.files);
				if (this.unloaded) return;
				if (!replace) return void status.setText(t('train.widget.notSaved'));
				outcome = await saveModel(this.train.vault, target.path, files.value, meta, true);
			}
			if (this.unloaded) return;
			if (!outcome.ok) return this.saveFailed(outcome.errors);
			status.remove();
			parts.root.setAttr('data-saved', 'true');
			renderSavedBlock(parts.save, parts.owner, outcome.value.folder, this.train.clipboard ?? navigator.clipboard);
			// The saved model is now the one Continue starts from.
			await this.lookForSaved();
		});
	}

	/** metadata.json's content: class names, input, scale, the block's settings, the last validation accuracy and every epoch's figures. */
	private metadata(plan: Architecture): SavedModelMeta {
		const spec = this.spec;
		const live = this.parts?.live;
		const history = live?.history() ?? [];
		const data = spec.data.kind === 'digits' ? 'digits' : spec.data.link.path;
		const training = { epochs: spec.epochs, batch: spec.batch, 'learning-rate': spec.learningRate, validation: spec.validation, augment: spec.augment, seed: spec.seed, layers: spec.layers.join(', '), data, epochsTrained: history.length };
		const meta: SavedModelMeta = { labels: [...(live?.labels ?? [])], input: plan.input, scale: '0..1', training, history };
		const accuracy = history[history.length - 1]?.validationAccuracy;
		if (accuracy !== undefined) meta.accuracy = accuracy;
		return meta;
	}

	/** The save's problems under the buttons (the training stays). */
	private saveFailed(problems: Problem[]): void {
		const save = this.parts?.save;
		if (!save) return;
		save.empty();
		renderErrorBox(save.createDiv(), problems);
	}

	/** Ends the current training in the host (its tensors freed). */
	private dispose(): void {
		if (this.training !== null) this.lease?.host.trainDispose(this.training);
		this.training = null;
	}
}
