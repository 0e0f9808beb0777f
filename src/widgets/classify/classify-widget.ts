/**
 * The `cnn-classify` widget: shows its pad (or sample strip, or vault picture) at once, loads the
 * model in the model host (tfjs in a Web Worker: the note never waits for it), then takes a digit
 * from the pad, the strip or the picture (followed through edits, renames and deletion like every
 * block's picture), preprocesses it MNIST style and shows the prediction, the softmax and every
 * layer. Predictions are asked of the host one at a time: while one runs, only the newest input
 * waits, and an answer older than what is on screen is dropped. With `input: sample` it starts on
 * the block's `sample:` digit, and the digit the user picks is saved into the block by its
 * WriteBack (Reset goes back to the digit saved in the block). Owns its timers, listeners and its
 * model in the host, and frees them in onunload.
 */
import { Component } from 'obsidian';
import type { ClassifyPart, ClassifySpec } from '../../blocks/classify-keys';
import { patchSample, sampleOf } from '../../blocks/patch-sample';
import type { InputSpec } from '../../blocks/types';
import type { Tensor } from '../../cnn';
import { t } from '../../i18n';
import { LOAD_LIMIT_MS } from '../../model/limits';
import { withDeadline } from '../../model/deadline';
import type { DigitSample } from '../../model/digits';
import type { Prediction } from '../../model/engine/classifier';
import { isCancelled } from '../../model/host/client';
import type { ModelSummary } from '../../model/host/protocol';
import type { HostLease } from '../../model/host/start';
import { imageToInk, preprocessDigit, type InkImage } from '../../model/preprocess';
import { failure, success, type Problem, type Result } from '../../result';
import { BlockWidget, type WidgetDeps, type WidgetState } from '../shared/block-widget';
import { guard } from '../shared/guard';
import { WriteBack } from '../shared/write-back';
import { InputView, type InputOrigin } from './classify-input';
import { LayersView } from './classify-layers';
import { DrawingPad } from './classify-pad';
import { HeatCanvas } from './classify-paint';
import { ProbabilityChart, SoftmaxView } from './classify-probs';
import { SampleStrip } from './classify-samples';

/** Least time between two predictions while a stroke is being drawn (ms): smooth, and well within a frame's work. */
export const PREDICT_INTERVAL_MS = 40;

/** The empty state's prompt for each source of digits. */
const EMPTY_PROMPTS = { drawing: 'classify.empty.draw', sample: 'classify.empty.sample', image: 'classify.empty.image' } as const;

/** The views shown, each present only when its part is asked for. */
interface Views {
	input?: InputView;
	probabilities?: ProbabilityChart;
	softmax?: SoftmaxView;
	layers?: LayersView;
}

/** Where the model's views go once the model is ready (the pad and the input view are drawn before). */
interface Slots {
	root: HTMLElement;
	status: HTMLElement;
	summary: HTMLElement;
	top: HTMLElement;
	below: HTMLElement;
	/** The empty state's prompt, shown while there is nothing to classify. */
	prompt: HTMLElement;
	/** The details line (the TensorFlow.js backend), filled once the model is ready. */
	details: HTMLElement;
	owner: Component;
}

/** The classification widget of one block. */
export class ClassifyWidget extends BlockWidget<ClassifySpec> {
	private root: HTMLElement | null = null;
	private lease: HostLease | null = null;
	private model: ModelSummary | null = null;
	private samples: DigitSample[] = [];
	private views: Views = {};
	private slots: Slots | null = null;
	private origin: InputOrigin = 'drawing';
	private inverted = false;
	/** The newest input: its pixels (null = nothing to classify) and its number. */
	private wanted: { seq: number; pixels: Float32Array | null } = { seq: 0, pixels: null };
	/** Number of the input on screen, and whether a prediction is with the host now. */
	private shownSeq = 0;
	private asking = false;
	private idle: (() => void)[] = [];
	private pendingInk: InkImage | null = null;
	private timer: number | null = null;
	private lastRun = -Infinity;
	/** Why the model was refused (kept so a later picture change shows it again, not a blank block). */
	private refused: Problem[] | null = null;
	/** Aborted when the block closes: a model still loading is then dropped, pending predictions too. */
	private readonly loading = new AbortController();
	/** With `input: sample`: the number (1-based, strip order) of the digit shown, the strip and the saving of the digit into the block. */
	private chosen: number;
	private strip: SampleStrip | null = null;
	private saving: WriteBack | null = null;

	constructor(containerEl: HTMLElement, spec: ClassifySpec, deps: WidgetDeps) {
		super(containerEl, spec, deps, 'cnn-classify');
		// `ready` settles when the model answered (first prediction shown) or failed, not when the pad appears.
		this.settlesOnView = false;
		this.chosen = spec.input.kind === 'sample' ? spec.input.sample : 1;
	}

	onload(): void {
		this.register(() => this.stopTimer());
		if (this.spec.input.kind === 'sample') {
			this.saving = this.addChild(
				new WriteBack(this.containerEl, this.deps.writer, this.deps.prefs, {
					sourceFor: (source) => patchSample(source, this.chosen),
					holds: (source) => this.holds(source),
					reset: () => this.reset(),
					// Going through the digits with the keyboard: the block is not re-rendered under the focus.
					holdsFocus: (focused) => focused.getAttribute('data-action') === 'sample',
				}),
			);
		}
		super.onload();
	}

	/** The block's source with the digit shown now (picked, saved or not), or null: a block without `input: sample`, or one that cannot hold it. */
	currentSource(): string | null {
		if (this.spec.input.kind !== 'sample') return null;
		const source = this.deps.writer.source;
		return this.holds(source) ? source : patchSample(source, this.chosen);
	}

	/** The last source asked about and its sample: parsed once, not on every pick. */
	private parsed: { source: string; sample: number | null } | null = null;

	/** The sample `source` starts on (null when it does not parse or is not `input: sample`), parsed once per source. */
	private savedSample(source: string): number | null {
		if (this.parsed?.source !== source) this.parsed = { source, sample: sampleOf(source) };
		return this.parsed.sample;
	}

	/** true when the digit shown is the one `source` starts on. */
	private holds(source: string): boolean {
		return this.savedSample(source) === this.chosen;
	}

	/** Back to the digit saved in the block (the writer's source: the last one written, else the rendered one). */
	private reset(): void {
		const saved = this.savedSample(this.deps.writer.source);
		this.pick(saved ?? (this.spec.input.kind === 'sample' ? this.spec.input.sample : 1));
	}

	/** Shows held-out digit `number` (1-based) as the chosen one, classifies it, and tells the saving. */
	private pick(number: number): void {
		this.chosen = number;
		this.showChosen();
		this.saving?.changed();
	}

	/** Marks the chosen digit in the strip and classifies it (the first when the strip has fewer). */
	private showChosen(): void {
		const index = this.samples[this.chosen - 1] ? this.chosen - 1 : 0;
		const sample = this.samples[index];
		if (!this.strip || !sample) return;
		this.strip.select(index);
		this.classify(sample.pixels);
	}

	onunload(): void {
		this.loading.abort();
		this.stopTimer();
		if (this.model) this.lease?.host.dispose(this.model.model);
		this.model = null;
		this.lease?.release();
		this.lease = null;
		this.root = null;
		this.slots = null;
		this.flushIdle();
		super.onunload();
	}

	/** A vault picture is loaded and followed by the base; the pad and the samples need no input. */
	protected inputSpec(): InputSpec | null {
		const input = this.spec.input;
		return input.kind === 'image' ? { kind: 'image', link: input.link, channels: 'gray' } : null;
	}

	protected inputKey(): string {
		return 'input';
	}

	/**
	 * Starts loading the model in the host (not awaited: the pad shows meanwhile) and, for
	 * `input: sample`, reads the embedded digits. The model must be read, built and give a usable
	 * first prediction within LOAD_LIMIT_MS; closing the block cancels the load.
	 */
	protected async prepare(): Promise<Problem[] | null> {
		void this.startModel().catch((e: unknown) => this.crashed(e));
		if (this.spec.input.kind === 'sample') this.samples = await this.deps.models.loadSamples();
		return null;
	}

	/** Loads the model; once it is ready, fills in its views and classifies what is on screen. */
	private async startModel(): Promise<void> {
		const lease = this.deps.models.host();
		if (this.unloaded) return lease.release();
		this.lease = lease;
		const drop = (late: Result<ModelSummary>): void => {
			if (late.ok) lease.host.dispose(late.value.model);
		};
		const outcome = await withDeadline((signal) => this.loadModel(lease, signal), LOAD_LIMIT_MS, this.loading.signal, drop);
		if (outcome.kind === 'cancelled' || this.unloaded) {
			if (outcome.kind === 'done') drop(outcome.value);
			return;
		}
		if (outcome.kind === 'late') return this.fail([this.timeoutProblem()]);
		const loaded = outcome.value;
		if (isCancelled(loaded)) return;
		if (!loaded.ok) return this.fail(loaded.errors);
		this.model = loaded.value;
		this.attachModel();
	}

	/** Reads the block's model and builds it in the host (with its probe prediction); stops early once `signal` aborts. */
	private async loadModel(lease: HostLease, signal: AbortSignal): Promise<Result<ModelSummary>> {
		const model = await this.deps.models.loadModel(this.spec.model);
		if (!model.ok) return model;
		if (signal.aborted) return failure(this.timeoutProblem());
		const { source, name } = model.value;
		const built = await lease.host.load(source, name, signal);
		return built.ok ? success(built.value) : built;
	}

	/** "The model did not load within 10 s", naming the model as the block writes it. */
	private timeoutProblem(): Problem {
		const choice = this.spec.model;
		const model = choice.kind === 'builtin' ? choice.name : choice.link.path;
		return { code: 'classify.error.loadTimeout', vars: { model, seconds: LOAD_LIMIT_MS / 1000 } };
	}

	/** Builds the source control and the input view at once; the model's views join them when the model is ready. */
	protected render(): void {
		if (this.refused) return this.showErrors(this.refused);
		const input = this.spec.input;
		if (input.kind === 'image' && !this.input) return;
		// Listeners of the pad, samples and layer maps live on `owner`, which ends with this rendering.
		const owner = new Component();
		const root = this.containerEl.createDiv({ cls: 'cnn-notes cnn-classify' });
		this.root = root;
		const summary = root.createDiv({ cls: 'cnn-summary' });
		const status = root.createDiv({ cls: 'cnn-classify-status', text: t('classify.loading'), attr: { role: 'status' } });
		const top = root.createDiv({ cls: 'cnn-stage cnn-classify-top' });
		this.origin = input.kind === 'draw' ? 'drawing' : input.kind;
		if (input.kind === 'draw') new DrawingPad(top, owner, (ink, final) => this.schedule(ink, final));
		this.strip = input.kind === 'sample' ? new SampleStrip(top, owner, this.samples, (_sample, index) => this.pick(index + 1)) : null;
		const picture = this.input;
		let ink: InkImage | null = null;
		if (picture) {
			const [h = 0, w = 0] = picture.tensor.shape;
			({ ink, inverted: this.inverted } = imageToInk(picture.tensor.data, w, h));
			this.imageFigure(top, picture.path ?? '', picture.tensor, this.inverted);
		}
		this.views = {};
		if (this.spec.show.includes('input')) this.views.input = new InputView(top, this.origin);
		const below = root.createDiv({ cls: 'cnn-classify-below' });
		const prompt = below.createDiv({ cls: 'cnn-classify-empty', text: t(EMPTY_PROMPTS[this.origin]) });
		const details = root.createDiv({ cls: 'cnn-caption cnn-classify-details' });
		if (this.saving) root.appendChild(this.saving.el);
		this.slots = { root, status, summary, top, below, prompt, details, owner };
		this.showView(owner);
		if (this.model) this.attachModel(false);
		else this.setState('loading');

		if (ink) {
			this.classifyInk(ink);
		} else if (this.strip && this.samples.length > 0) {
			this.showChosen();
		} else {
			this.classify(null);
		}
	}

	/** The model is ready: its summary line and views join the rendering on screen, and what is on screen is classified (unless `ask` is false: render asks next). */
	private attachModel(ask = true): void {
		const slots = this.slots;
		const model = this.model;
		if (!slots || !model || this.unloaded) return;
		slots.status.remove();
		slots.summary.setText(this.summary(model));
		slots.details.setText(t('classify.details', { backend: model.backend }));
		const shows = (part: ClassifyPart): boolean => this.spec.show.includes(part);
		if (shows('probabilities')) this.views.probabilities = new ProbabilityChart(slots.top, model.classes);
		if (shows('softmax')) this.views.softmax = new SoftmaxView(slots.below, model.classes);
		if (shows('layers')) this.views.layers = new LayersView(slots.below, slots.owner, model.layers);
		this.setState('ready');
		this.shownSeq = -1; // what is on screen has not been classified by this model yet
		if (ask) this.pump();
	}

	/** The error box replaces the rendering: the model's views have nowhere to go any more (until the next render). */
	protected showErrors(errors: Problem[]): void {
		this.slots = null;
		this.root = null;
		this.views = {};
		super.showErrors(errors);
	}

	protected setState(state: WidgetState): void {
		super.setState(state);
		this.root?.setAttr('data-state', state);
	}

	/** The vault picture as loaded (gray, at most 256 pixels a side), its name, and whether it was inverted for the network, where the pad would be. */
	private imageFigure(parent: HTMLElement, path: string, image: Tensor, inverted: boolean): void {
		const figure = parent.createDiv({ cls: 'cnn-classify-image' });
		figure.createDiv({ cls: 'cnn-figure-label', text: t('classify.image.source', { file: path }) });
		const [h = 1, w = 1] = image.shape;
		const canvas = new HeatCanvas(figure, h, w, 'cnn-classify-image-canvas');
		canvas.el.setAttrs({ role: 'img', 'aria-label': t('classify.image.source', { file: path }) });
		canvas.paint(image.data, image.shape[2] ?? 1, 0, { kind: 'gray', range: { min: 0, max: 1 } });
		if (inverted) figure.createDiv({ cls: 'cnn-caption cnn-classify-inverted', text: t('classify.input.inverted') });
	}

	/** One line saying which model runs, its shape and size (the backend is in the details line). */
	private summary(model: ModelSummary): string {
		const params = model.layers.reduce((n, l) => n + l.params, 0);
		return t('classify.summary', { model: model.name, classes: model.classes, params });
	}

	/** Throttles drawing updates to one prediction per PREDICT_INTERVAL_MS; a finished stroke runs at once. */
	private schedule(ink: InkImage, final: boolean): void {
		this.pendingInk = ink;
		if (final) {
			this.flush();
			return;
		}
		if (this.timer !== null) return;
		const wait = Math.max(0, this.lastRun + PREDICT_INTERVAL_MS - performance.now());
		this.timer = window.setTimeout(
			guard(this, () => {
				this.timer = null;
				this.flush();
			}),
			wait,
		);
	}

	/** Classifies the latest ink now. */
	private flush(): void {
		this.stopTimer();
		const ink = this.pendingInk;
		this.pendingInk = null;
		if (ink) this.classifyInk(ink);
	}

	private stopTimer(): void {
		if (this.timer !== null) window.clearTimeout(this.timer);
		this.timer = null;
	}

	/** Preprocesses ink MNIST style and classifies it; blank ink shows the empty state. */
	private classifyInk(ink: InkImage): void {
		const digit = preprocessDigit(ink);
		this.classify(digit.geometry === null ? null : digit.pixels);
	}

	/** Shows 784 input values (null: nothing to classify, the empty state) and asks the host for their prediction. */
	private classify(pixels: Float32Array | null): void {
		this.lastRun = performance.now();
		this.wanted = { seq: this.wanted.seq + 1, pixels };
		this.slots?.prompt.toggleClass('is-hidden', pixels !== null);
		this.views.input?.update(pixels ?? new Float32Array(28 * 28), this.inverted);
		this.pump();
	}

	/** Sends the newest input to the host unless a prediction is already there (its answer sends the next). */
	private pump(): void {
		const model = this.model;
		const lease = this.lease;
		if (!model || !lease || this.unloaded) return this.flushIdle();
		const { seq, pixels } = this.wanted;
		if (seq === this.shownSeq) return this.flushIdle();
		if (pixels === null) {
			// Nothing to classify (a cleared pad): the empty state at once; an answer still on its way is dropped.
			this.show(null);
			this.shownSeq = seq;
			this.settle();
			return this.flushIdle();
		}
		if (this.asking) return;
		this.asking = true;
		const layers = this.views.layers ? model.layers.map((_, i) => i) : [];
		void lease.host.predict(model.model, pixels, layers, this.loading.signal).then(
			guard(this, (answer: Result<Prediction & { backend: string }>) => {
				this.asking = false;
				if (this.unloaded || isCancelled(answer)) return this.flushIdle();
				if (!answer.ok) return this.fail(answer.errors);
				// An answer for an input no longer on screen is not shown; the newest input is asked for next.
				if (answer.value.backend !== model.backend && this.model === model) {
					// The host moved to another backend (a lost WebGL context): the summary says so.
					this.model = { ...model, backend: answer.value.backend };
					this.slots?.details.setText(t('classify.details', { backend: answer.value.backend }));
				}
				if (this.wanted.seq === seq) {
					this.show(answer.value);
					this.shownSeq = seq;
					this.settle();
				}
				this.pump();
			}),
		);
	}

	/**
	 * Updates the model's views with a prediction (null = nothing to classify: the views hide their
	 * numbers and the prompt stands in for them), and the root's data-prediction (the winning label as
	 * shown) and data-confidence (its probability, 0..1).
	 */
	private show(prediction: Prediction | null): void {
		const root = this.root;
		if (root && prediction) {
			root.setAttr('data-prediction', String(prediction.label));
			root.setAttr('data-confidence', String(prediction.probabilities[prediction.label] ?? 0));
		} else if (root) {
			root.removeAttribute('data-prediction');
			root.removeAttribute('data-confidence');
		}
		const { probabilities, softmax, layers } = this.views;
		probabilities?.update(prediction);
		softmax?.update(prediction);
		layers?.update(prediction);
	}

	/** Resolves once no prediction is being asked for or waiting (tests and benchmarks). */
	whenIdle(): Promise<void> {
		if (!this.asking && (this.wanted.seq === this.shownSeq || !this.model)) return Promise.resolve();
		return new Promise((resolve) => this.idle.push(resolve));
	}

	private flushIdle(): void {
		if (this.asking) return;
		for (const resolve of this.idle.splice(0)) resolve();
	}

	/** Stops pending predictions, frees the model and replaces the widget with an error box. */
	private fail(problems: Problem[]): void {
		this.stopTimer();
		if (this.model) this.lease?.host.dispose(this.model.model);
		this.model = null;
		this.root = null;
		this.slots = null;
		this.refused = problems;
		this.showErrors(problems);
		this.flushIdle();
	}
}
