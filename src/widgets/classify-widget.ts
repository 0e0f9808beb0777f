/**
 * The `cnn-classify` widget: loads tfjs and the model on mount, takes a digit from the drawing pad,
 * the sample strip or a vault image, preprocesses it MNIST style and shows the prediction, the
 * softmax and every layer. Owns its timers, listeners and tensors and frees them in onunload.
 */
import { MarkdownRenderChild } from 'obsidian';
import type { Tensor } from '../cnn';
import type { ClassifyPart, ClassifySpec, InputChoice, ModelChoice } from '../blocks/classify-keys';
import type { BlockError, WikiLink } from '../blocks/types';
import { t, type MessageKey, type MessageVars } from '../i18n';
import type { ModelArtifacts } from '../model/artifacts';
import { Classifier, type Prediction } from '../model/classifier';
import type { DigitSample } from '../model/digits';
import { imageToInk, preprocessDigit, type InkImage } from '../model/preprocess';
import { fallBackToCpu, isContextLost, watchContextLoss, type Tf } from '../model/tf';
import type { ImageResult } from '../vault/image';
import { InputView, type InputOrigin } from './classify-input';
import { LayersView } from './classify-layers';
import { DrawingPad } from './classify-pad';
import { ProbabilityChart, SoftmaxView } from './classify-probs';
import { SampleStrip } from './classify-samples';
import { HeatCanvas } from './classify-paint';
import { renderErrorBox } from './error-box';

/** Least time between two predictions while a stroke is being drawn (ms): smooth, and well within a frame's work. */
export const PREDICT_INTERVAL_MS = 40;

/** A problem as the error box shows it: a message key and its variables. */
export interface WidgetProblem {
	code: MessageKey;
	vars: MessageVars;
}

/** The model to classify with, loaded, or why it could not be. */
export type ModelLoad = { ok: true; artifacts: ModelArtifacts; name: string } | { ok: false; error: WidgetProblem };

/** What the widget needs from outside (Obsidian, tfjs, the embedded assets), passed in so tests can supply their own. */
export interface ClassifyEnv {
	/** TensorFlow.js, imported lazily. */
	loadTf(): Promise<Tf>;
	/** The block's model as tfjs artifacts. */
	loadModel(choice: ModelChoice): Promise<ModelLoad>;
	/** A vault image linked from the block, as a gray tensor. */
	loadImage(link: WikiLink): Promise<ImageResult>;
	/** The embedded held-out digits of `input: sample`. */
	loadSamples(): Promise<DigitSample[]>;
}

/** Where the widget is in its life: `data-state` of its root. */
type State = 'loading' | 'ready' | 'error';

/** The views shown, each present only when its part is asked for. */
interface Views {
	input?: InputView;
	probabilities?: ProbabilityChart;
	softmax?: SoftmaxView;
	layers?: LayersView;
}

/** The classification widget of one block. */
export class ClassifyWidget extends MarkdownRenderChild {
	private root: HTMLElement | null = null;
	private tf: Tf | null = null;
	private backend = '';
	private classifier: Classifier | null = null;
	private artifacts: ModelArtifacts | null = null;
	private modelName = '';
	private views: Views = {};
	private origin: InputOrigin = 'drawing';
	private inverted = false;
	private lastPixels: Float32Array | null = null;
	private pendingInk: InkImage | null = null;
	private timer: number | null = null;
	private lastRun = -Infinity;
	private recovering = false;
	private unloaded = false;
	/** Settles once the model is loaded and the first input shown (or an error box is). */
	readonly ready: Promise<void>;
	private settle: () => void = () => {};

	constructor(containerEl: HTMLElement, private readonly spec: ClassifySpec, private readonly env: ClassifyEnv) {
		super(containerEl);
		this.ready = new Promise((resolve) => (this.settle = resolve));
	}

	onload(): void {
		this.containerEl.empty();
		this.root = this.containerEl.createDiv({ cls: 'cnn-notes cnn-classify' });
		this.root.createDiv({ cls: 'cnn-classify-status', text: t('classify.loading') });
		this.setState('loading');
		this.register(() => this.stopTimer());
		void this.start()
			.catch((e: unknown) => this.fail([{ code: 'classify.error.unexpected', vars: { message: e instanceof Error ? e.message : String(e) } }]))
			.finally(() => this.settle());
	}

	onunload(): void {
		this.unloaded = true;
		this.stopTimer();
		this.classifier?.dispose();
		this.classifier = null;
		this.containerEl.empty();
	}

	/** Loads tfjs and the model, builds the views and shows the first input. */
	private async start(): Promise<void> {
		const tf = await this.env.loadTf();
		if (this.unloaded) return;
		const model = await this.env.loadModel(this.spec.model);
		if (this.unloaded) return;
		if (!model.ok) return this.fail([model.error]);
		const loaded = await Classifier.load(tf, model.artifacts, model.name);
		if (this.unloaded) {
			if (loaded.ok) loaded.classifier.dispose();
			return;
		}
		if (!loaded.ok) return this.fail([loaded.error]);
		this.tf = tf;
		this.backend = tf.getBackend();
		this.artifacts = model.artifacts;
		this.modelName = model.name;
		this.classifier = loaded.classifier;
		this.register(watchContextLoss(tf, () => void this.recover()));
		await this.build(this.spec.input);
	}

	/** Builds the source control and the chosen views, then shows the first input. */
	private async build(input: InputChoice): Promise<void> {
		const root = this.root;
		const classifier = this.classifier;
		if (!root || !classifier) return;
		let samples: DigitSample[] = [];
		let image: ImageResult | null = null;
		if (input.kind === 'sample') samples = await this.env.loadSamples();
		if (input.kind === 'image') image = await this.env.loadImage(input.link);
		if (this.unloaded) return;
		if (image && !image.ok) return this.fail([image.error]);

		root.empty();
		root.createDiv({ cls: 'cnn-summary', text: this.summary(classifier) });
		const top = root.createDiv({ cls: 'cnn-stage cnn-classify-top' });
		const shows = (part: ClassifyPart): boolean => this.spec.show.includes(part);
		this.origin = input.kind === 'draw' ? 'drawing' : input.kind;
		if (input.kind === 'draw') new DrawingPad(top, this, (ink, final) => this.schedule(ink, final));
		let strip: SampleStrip | null = null;
		if (input.kind === 'sample') strip = new SampleStrip(top, this, samples, (sample) => this.classify(sample.pixels));
		if (image?.ok) this.imageFigure(top, image.image.file.path, image.image.tensor);
		const views: Views = {};
		if (shows('input')) views.input = new InputView(top, this.origin);
		if (shows('probabilities')) views.probabilities = new ProbabilityChart(top, classifier.classes);
		if (shows('softmax')) views.softmax = new SoftmaxView(root, classifier.classes);
		if (shows('layers')) views.layers = new LayersView(root, this, classifier.layers);
		this.views = views;
		this.setState('ready');

		if (image?.ok) {
			const [h = 0, w = 0] = image.image.tensor.shape;
			const { ink, inverted } = imageToInk(image.image.tensor.data, w, h);
			this.inverted = inverted;
			this.classifyInk(ink);
		} else if (strip && samples[0]) {
			strip.select(0);
			this.classify(samples[0].pixels);
		} else {
			this.show(null, new Float32Array(28 * 28));
		}
	}

	/** The vault image as loaded (gray, at most 256 pixels a side) and its name, where the pad would be. */
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
		this.timer = window.setTimeout(() => {
			this.timer = null;
			this.flush();
		}, wait);
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
			void this.recover();
			return;
		}
		this.show(classifier.predict(pixels), pixels);
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
				if (loaded.ok) loaded.classifier.dispose();
				return;
			}
			if (!loaded.ok) return this.fail([loaded.error]);
			this.classifier = loaded.classifier;
			this.backend = tf.getBackend();
			this.root?.querySelector('.cnn-summary')?.setText(this.summary(loaded.classifier));
		} finally {
			this.recovering = false;
		}
		if (this.lastPixels) this.classify(this.lastPixels);
	}

	/** Replaces the widget with an error box. */
	private fail(problems: WidgetProblem[]): void {
		if (this.unloaded) return;
		this.stopTimer();
		const errors: BlockError[] = problems.map((p) => ({ code: p.code, vars: p.vars }));
		const box = renderErrorBox(this.containerEl, errors);
		box.addClass('cnn-classify-error');
		this.root = null;
		this.containerEl.setAttr('data-state', 'error');
	}

	private setState(state: State): void {
		this.root?.setAttr('data-state', state);
		this.containerEl.setAttr('data-state', state);
	}
}
