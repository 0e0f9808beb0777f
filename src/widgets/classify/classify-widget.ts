/**
 * The `cnn-classify` widget: loads tfjs and the model on mount, takes a digit from the drawing pad,
 * the sample strip or a vault picture (followed through edits, renames and deletion like every
 * block's picture), preprocesses it MNIST style and shows the prediction, the softmax and every
 * layer. Owns its timers, listeners and tensors and frees them in onunload.
 */
import { Component } from 'obsidian';
import type { ClassifyPart, ClassifySpec } from '../../blocks/classify-keys';
import type { InputSpec } from '../../blocks/types';
import type { Tensor } from '../../cnn';
import { t } from '../../i18n';
import { Classifier, LOAD_LIMIT_MS, type Prediction } from '../../model/classifier';
import { withDeadline } from '../../model/deadline';
import type { DigitSample } from '../../model/digits';
import { imageToInk, preprocessDigit, type InkImage } from '../../model/preprocess';
import { fallBackToCpu, isContextLost, watchContextLoss, type Tf } from '../../model/tf';
import type { ModelArtifacts } from '../../model/artifacts';
import { failure, success, type Problem, type Result } from '../../result';
import { BlockWidget, type WidgetDeps, type WidgetState } from '../shared/block-widget';
import { guard } from '../shared/guard';
import { InputView, type InputOrigin } from './classify-input';
import { LayersView } from './classify-layers';
import { DrawingPad } from './classify-pad';
import { HeatCanvas } from './classify-paint';
import { ProbabilityChart, SoftmaxView } from './classify-probs';
import { SampleStrip } from './classify-samples';

/** Least time between two predictions while a stroke is being drawn (ms): smooth, and well within a frame's work. */
export const PREDICT_INTERVAL_MS = 40;

/** A model ready to classify: the classifier, its artifacts (to rebuild it on another backend) and its name. */
interface ReadyModel {
	classifier: Classifier;
	artifacts: ModelArtifacts;
	name: string;
}

/** The views shown, each present only when its part is asked for. */
interface Views {
	input?: InputView;
	probabilities?: ProbabilityChart;
	softmax?: SoftmaxView;
	layers?: LayersView;
}

/** The classification widget of one block. */
export class ClassifyWidget extends BlockWidget<ClassifySpec> {
	private root: HTMLElement | null = null;
	private tf: Tf | null = null;
	private backend = '';
	private classifier: Classifier | null = null;
	private artifacts: ModelArtifacts | null = null;
	private modelName = '';
	private samples: DigitSample[] = [];
	private views: Views = {};
	private origin: InputOrigin = 'drawing';
	private inverted = false;
	private lastPixels: Float32Array | null = null;
	private pendingInk: InkImage | null = null;
	private timer: number | null = null;
	private lastRun = -Infinity;
	private recovering = false;
	/** Why the model was refused after it loaded (kept so a later picture change shows it again, not a blank block). */
	private refused: Problem[] | null = null;
	/** A rendering was asked for while the model was being rebuilt. */
	private renderAfterRecovery = false;
	/** Aborted when the block closes: a model still loading is then freed as soon as it is built. */
	private readonly loading = new AbortController();

	constructor(containerEl: HTMLElement, spec: ClassifySpec, deps: WidgetDeps) {
		super(containerEl, spec, deps, 'cnn-classify');
	}

	onload(): void {
		this.containerEl.empty();
		this.root = this.containerEl.createDiv({ cls: 'cnn-notes cnn-classify' });
		this.root.createDiv({ cls: 'cnn-classify-status', text: t('classify.loading') });
		this.register(() => this.stopTimer());
		super.onload();
	}

	onunload(): void {
		this.loading.abort();
		this.stopTimer();
		this.classifier?.dispose();
		this.classifier = null;
		this.root = null;
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
	 * Loads tfjs, the model and (for `input: sample`) the embedded digits. The model must be read,
	 * built and give a usable first prediction within LOAD_LIMIT_MS; closing the block cancels the
	 * load, and a model built after that (or after the deadline) is disposed at once.
	 */
	protected async prepare(): Promise<Problem[] | null> {
		const tf = await this.deps.models.loadTf();
		if (this.unloaded) return null;
		const dispose = (late: Result<ReadyModel>): void => {
			if (late.ok) late.value.classifier.dispose();
		};
		const outcome = await withDeadline((signal) => this.loadModel(tf, signal), LOAD_LIMIT_MS, this.loading.signal, dispose);
		if (outcome.kind === 'late') return [this.timeoutProblem()];
		if (outcome.kind === 'cancelled' || this.unloaded) {
			if (outcome.kind === 'done') dispose(outcome.value);
			return null;
		}
		const loaded = outcome.value;
		if (!loaded.ok) return loaded.errors;
		this.tf = tf;
		this.backend = tf.getBackend();
		this.artifacts = loaded.value.artifacts;
		this.modelName = loaded.value.name;
		this.classifier = loaded.value.classifier;
		this.register(watchContextLoss(tf, guard(this, () => this.recover())));
		if (this.spec.input.kind === 'sample') this.samples = await this.deps.models.loadSamples();
		if (this.unloaded) return null;
		// The model is ready: the "loading the model" line gives way to the picture's loading line, or the widget.
		this.containerEl.empty();
		this.root = null;
		return null;
	}

	/** Reads the block's model and builds it (with its probe prediction); stops early once `signal` aborts. */
	private async loadModel(tf: Tf, signal: AbortSignal): Promise<Result<ReadyModel>> {
		const model = await this.deps.models.loadModel(this.spec.model);
		if (!model.ok) return model;
		if (signal.aborted) return failure(this.timeoutProblem());
		const { artifacts, name } = model.value;
		const loaded = await Classifier.load(tf, artifacts, name, signal);
		return loaded.ok ? success({ classifier: loaded.value, artifacts, name }) : loaded;
	}

	/** "The model did not load within 10 s", naming the model as the block writes it. */
	private timeoutProblem(): Problem {
		const choice = this.spec.model;
		const model = choice.kind === 'builtin' ? choice.name : choice.link.path;
		return { code: 'classify.error.loadTimeout', vars: { model, seconds: LOAD_LIMIT_MS / 1000 } };
	}

	/** Builds the source control and the chosen views, then shows the first input (again when the picture changes). */
	protected render(): void {
		const classifier = this.classifier;
		const input = this.spec.input;
		if (!classifier) {
			// The model was refused (its error stays), or is being rebuilt after a lost context (render then).
			if (this.refused) this.showErrors(this.refused);
			else this.renderAfterRecovery = true;
			return;
		}
		if (input.kind === 'image' && !this.input) return;
		// Listeners of the pad, samples and layer maps live on `owner`, which ends with this rendering.
		const owner = new Component();
		const root = this.containerEl.createDiv({ cls: 'cnn-notes cnn-classify' });
		this.root = root;
		root.createDiv({ cls: 'cnn-summary', text: this.summary(classifier) });
		const top = root.createDiv({ cls: 'cnn-stage cnn-classify-top' });
		const shows = (part: ClassifyPart): boolean => this.spec.show.includes(part);
		this.origin = input.kind === 'draw' ? 'drawing' : input.kind;
		if (input.kind === 'draw') new DrawingPad(top, owner, (ink, final) => this.schedule(ink, final));
		let strip: SampleStrip | null = null;
		if (input.kind === 'sample') strip = new SampleStrip(top, owner, this.samples, (sample) => this.classify(sample.pixels));
		const picture = this.input;
		if (picture) this.imageFigure(top, picture.path ?? '', picture.tensor);
		const views: Views = {};
		if (shows('input')) views.input = new InputView(top, this.origin);
		if (shows('probabilities')) views.probabilities = new ProbabilityChart(top, classifier.classes);
		if (shows('softmax')) views.softmax = new SoftmaxView(root, classifier.classes);
		if (shows('layers')) views.layers = new LayersView(root, owner, classifier.layers);
		this.views = views;
		this.showView(owner);

		if (picture) {
			const [h = 0, w = 0] = picture.tensor.shape;
			const { ink, inverted } = imageToInk(picture.tensor.data, w, h);
			this.inverted = inverted;
			this.classifyInk(ink);
		} else if (strip && this.samples[0]) {
			strip.select(0);
			this.classify(this.samples[0].pixels);
		} else {
			this.show(null, new Float32Array(28 * 28));
		}
	}

	protected setState(state: WidgetState): void {
		super.setState(state);
		this.root?.setAttr('data-state', state);
	}

	/** The vault picture as loaded (gray, at most 256 pixels a side) and its name, where the pad would be. */
	private imageFigure(parent: HTMLElement, path: string, image: Tensor): void {
		const figure = parent.createDiv({ cls: 'cnn-classify-image' });
		figure.createDiv({ cls: 'cnn-figure-label', text: t('classify.image.source', { file: path }) });
		const [h = 1, w = 1] = image.shape;
		const canvas = new HeatCanvas(figure, h, w, 'cnn-classify-image-canvas');
		canvas.el.setAttrs({ role: 'img', 'aria-label': t('classify.image.source', { file: path }) });
		canvas.paint(image.data, image.shape[2] ?? 1, 0, { kind: 'gray', range: { min: 0, max: 1 } });
	}

	/** One line saying which model runs, its shape and size, and the tfjs backend. */
	private summary(classifier: Classifier): string {
		const params = classifier.layers.reduce((n, l) => n + l.params, 0);
		return t('classify.summary', { model: this.modelName, classes: classifier.classes, params, backend: this.backend });
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
		if (digit.geometry === null) {
			this.lastPixels = null;
			this.show(null, digit.pixels);
			return;
		}
		this.classify(digit.pixels);
	}

	/** Classifies 784 input values and updates every view. */
	private classify(pixels: Float32Array): void {
		this.lastRun = performance.now();
		this.lastPixels = pixels;
		const tf = this.tf;
		const classifier = this.classifier;
		if (!tf || !classifier || this.unloaded || this.recovering) return;
		if (isContextLost(tf) || tf.getBackend() !== this.backend) {
			guard(this, () => this.recover())();
			return;
		}
		const prediction = classifier.classify(pixels);
		if (!prediction.ok) return this.fail(prediction.errors);
		this.show(prediction.value, pixels);
	}

	/** Updates the views with a prediction (null = nothing to classify). */
	private show(prediction: Prediction | null, pixels: Float32Array): void {
		const { input, probabilities, softmax, layers } = this.views;
		input?.update(pixels, this.inverted);
		probabilities?.update(prediction);
		softmax?.update(prediction);
		layers?.update(prediction);
	}

	/** After a lost WebGL context (or another block's switch): cpu backend, model rebuilt, last input again. */
	private async recover(): Promise<void> {
		const tf = this.tf;
		const artifacts = this.artifacts;
		if (this.recovering || !tf || !artifacts || this.unloaded) return;
		this.recovering = true;
		try {
			this.classifier?.dispose();
			this.classifier = null;
			if (isContextLost(tf) || tf.getBackend() === 'webgl') await fallBackToCpu(tf);
			const loaded = await Classifier.load(tf, artifacts, this.modelName);
			if (this.unloaded) {
				if (loaded.ok) loaded.value.dispose();
				return;
			}
			if (!loaded.ok) return this.fail(loaded.errors);
			this.classifier = loaded.value;
			this.backend = tf.getBackend();
			this.root?.querySelector('.cnn-summary')?.setText(this.summary(loaded.value));
		} finally {
			this.recovering = false;
		}
		if (this.renderAfterRecovery) {
			// The picture changed while the model was rebuilt: draw it now (that classifies it too).
			this.renderAfterRecovery = false;
			this.rerender();
			return;
		}
		if (this.lastPixels) this.classify(this.lastPixels);
	}

	/** Stops pending predictions, frees the model and replaces the widget with an error box. */
	private fail(problems: Problem[]): void {
		this.stopTimer();
		this.classifier?.dispose();
		this.classifier = null;
		this.artifacts = null; // no rebuild after a lost WebGL context either
		this.root = null;
		this.refused = problems;
		this.showErrors(problems);
	}
}
