/**
 * The `cnn-classify` widget: shows its pad (or sample strip, vault picture, or a folder's strip)
 * at once, loads the model in the model host (tfjs in a Web Worker: the note never waits for it),
 * then takes a picture from the pad, the strip or the vault (followed through edits, renames and
 * deletion like every block's picture), prepares it for the model (classify-prepare.ts: MNIST
 * style for digits, fitted, coloured and scaled for any other model) and shows the prediction
 * with the class names, a line when it should not be trusted (doubt.ts), the softmax and every
 * layer. A folder's pictures are all classified in batches, with an accuracy line. Predictions are asked of the host one at a time: while one runs, only the newest input
 * waits, and an answer older than what is on screen is dropped. With `input: sample` it starts on
 * the block's `sample:` digit, and the digit the user picks is saved into the block by its
 * WriteBack (Reset goes back to the digit saved in the block). Owns its timers, listeners and its
 * model in the host, and frees them in onunload.
 */
import { Component, TFolder, type TAbstractFile } from 'obsidian';
import type { ClassifyPart, ClassifySpec } from '../../blocks/classify-keys';
import { doubtOf, describeDoubt } from '../../model/doubt';
import { loadImageFile, pictureSide } from '../../vault/image';
import { isPicturePath, type FolderListing } from '../../vault/folder-pictures';
import { FolderStrip } from './classify-folder';
import { prepareSource, takesDigits, waitingLine, type Prepared, type Preparation, type Source } from './classify-prepare';
import type { InputShape, Picture } from '../../model/prepare-input';
import type { ModelMeta } from '../../model/model-meta';
import { patchSample, sampleOf } from '../../blocks/patch-sample';
import type { InputSpec } from '../../blocks/types';
import type { Tensor } from '../../cnn';
import { t } from '../../i18n';
import { LOAD_LIMIT_MS, MAX_INPUT_SIDE } from '../../model/limits';
import { withDeadline } from '../../model/deadline';
import type { DigitSample } from '../../model/digits';
import type { Prediction } from '../../model/engine/classifier';
import { isCancelled } from '../../model/host/client';
import type { ModelSummary } from '../../model/host/protocol';
import type { HostLease } from '../../model/host/start';
import type { InkImage } from '../../model/preprocess';
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

/** The empty state's prompt for each source of digits (the built-in digits model), and of pictures (any other model). */
const EMPTY_PROMPTS = { drawing: 'classify.empty.draw', sample: 'classify.empty.sample', image: 'classify.empty.image', folder: 'classify.empty.folder' } as const;
const EMPTY_PROMPTS_ANY = { drawing: 'classify.empty.drawAny', sample: 'classify.empty.sample', image: 'classify.empty.imageAny', folder: 'classify.empty.folder' } as const;

/**
 * true when the model's first computing layer is a Rescaling layer (Keras' image tutorials start
 * with Rescaling(1/255)): such a model takes raw pixel values 0..255 and rescales them itself.
 */
export function rescales(model: ModelSummary | null): boolean {
	const first = model?.layers.find((l) => l.kind !== 'input' && l.kind !== 'model');
	return first?.className === 'Rescaling';
}

/** The built-in digits model's input, known before it loads. */
const DIGITS_SHAPE: InputShape = [28, 28, 1];
/** Pictures of a folder classified per request to the host. */
const FOLDER_BATCH = 16;
/** Quiet time after a change inside a folder before it is classified again (ms): a folder copied in arrives as many events. */
const FOLDER_SETTLE_MS = 800;

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
	/** The line saying the prediction should not be trusted, hidden while it can be. */
	doubt: HTMLElement;
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
	/** How the model wants its input (known at once for the built-in model, once loaded for a vault one) and its class names. */
	private preparation: Preparation | null = null;
	private labels: string[] = [];
	/** What is on screen to classify (null: nothing yet). */
	private current: Source | null = null;
	/** With a folder as input: its pictures, its strip, and the run classifying them (a number: a newer run stops older ones). */
	private listing: FolderListing | null = null;
	private folderStrip: FolderStrip | null = null;
	private folderRun = 0;
	/** The newest input: its prepared values (null = nothing to classify) and its number. */
	private wanted: { seq: number; prepared: Prepared | null } = { seq: 0, prepared: null };
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
		if (spec.model.kind === 'builtin') this.configure(null);
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
		this.setSource({ kind: 'sample', pixels: sample.pixels });
	}

	onunload(): void {
		this.loading.abort();
		this.folderRun += 1;
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

	/** A vault picture is loaded and followed by the base (gray for the digits model, colour for any other); the pad, the samples and a folder need no input. */
	protected inputSpec(): InputSpec | null {
		const input = this.spec.input;
		if (input.kind !== 'image' || this.listing) return null;
		if (this.spec.model.kind === 'builtin') return { kind: 'image', link: input.link, channels: 'gray' };
		// A vault model may take pictures up to MAX_INPUT_SIDE a side: read them at least that large, never enlarged from a smaller copy.
		return { kind: 'image', link: input.link, channels: 'rgb', minSide: MAX_INPUT_SIDE };
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
		const input = this.spec.input;
		if (input.kind === 'image') {
			// An empty folder is a state of the strip (pictures may be added), not an error.
			this.listing = this.deps.models.folder(input.link.path);
			if (this.listing) this.watchFolder(this.listing.path);
		}
		void this.startModel().catch((e: unknown) => this.crashed(e));
		if (input.kind === 'sample') this.samples = await this.deps.models.loadSamples();
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

	/** What the model's neighbour files said (metadata.json, labels.txt), once read. */
	private meta: ModelMeta = {};

	/** Reads the block's model (saying how much is read) and builds it in the host (with its probe prediction); stops early once `signal` aborts. */
	private async loadModel(lease: HostLease, signal: AbortSignal): Promise<Result<ModelSummary>> {
		const model = await this.deps.models.loadModel(this.spec.model, (files, bytes) => {
			this.slots?.status.setText(t('classify.loadingFiles', { files, size: (bytes / 1e6).toFixed(1) }));
		});
		if (!model.ok) return model;
		if (signal.aborted) return failure(this.timeoutProblem());
		const { source, name, meta } = model.value;
		this.meta = meta;
		this.slots?.status.setText(t('classify.building'));
		const built = await lease.host.load(source, name, signal);
		return built.ok ? success(built.value) : built;
	}

	/**
	 * How the model wants its input and its class names, from the block, the model's neighbour
	 * files and the model itself (null: the built-in digits model, known before it loads); the
	 * problems when they do not fit (class names of the wrong number, samples for a model that does
	 * not take digits).
	 */
	private configure(model: ModelSummary | null): Problem[] | null {
		const builtin = this.spec.model.kind === 'builtin';
		const shape: InputShape = model?.input ?? DIGITS_SHAPE;
		const classes = model?.classes ?? 10;
		const name = model?.name ?? (this.spec.model.kind === 'builtin' ? this.spec.model.name : this.spec.model.link.path);
		const labels = this.spec.labels ?? this.meta.labels ?? Array.from({ length: classes }, (_, k) => String(k));
		if (labels.length !== classes) {
			const from = this.spec.labels ? 'labels:' : this.meta.labelsFile ?? '';
			return [{ code: 'classify.error.labelsMismatch', vars: { model: name, classes, count: labels.length, from }, ...(this.spec.labels ? { key: 'labels' } : {}) }];
		}
		const size = this.meta.imageSize;
		if (model && size !== undefined && (shape[0] !== size || shape[1] !== size)) {
			return [{ code: 'classify.error.imageSize', vars: { model: name, size, shape: shape.join('x') } }];
		}
		if (this.spec.input.kind === 'sample' && !takesDigits(shape)) {
			return [{ code: 'classify.error.sampleModel', vars: { model: name, shape: shape.join('x') }, key: 'input' }];
		}
		const fit = this.spec.fit ?? this.meta.fit;
		this.labels = labels;
		this.preparation = {
			shape,
			fit: fit ?? 'crop',
			scale: this.spec.scale ?? this.meta.scale ?? (rescales(model) ? '0..255' : '0..1'),
			mnistPictures: builtin || (takesDigits(shape) && fit === undefined),
		};
		return null;
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
		if (input.kind === 'image' && !this.listing && !this.input) return;
		// Listeners of the pad, samples and layer maps live on `owner`, which ends with this rendering.
		const owner = new Component();
		const root = this.containerEl.createDiv({ cls: 'cnn-notes cnn-classify' });
		this.root = root;
		const summary = root.createDiv({ cls: 'cnn-summary' });
		const status = root.createDiv({ cls: 'cnn-classify-status', text: t('classify.loading'), attr: { role: 'status' } });
		const top = root.createDiv({ cls: 'cnn-stage cnn-classify-top' });
		this.origin = input.kind === 'draw' ? 'drawing' : input.kind === 'sample' ? 'sample' : this.listing ? 'folder' : 'image';
		if (input.kind === 'draw') new DrawingPad(top, owner, (ink, final) => this.schedule(ink, final), this.spec.model.kind === 'builtin');
		this.strip = input.kind === 'sample' ? new SampleStrip(top, owner, this.samples, (_sample, index) => this.pick(index + 1)) : null;
		this.folderStrip = null;
		this.folderTop = this.listing ? top : null;
		this.figure = null;
		const picture = this.input;
		this.current = null;
		if (picture) {
			const [h = 1, w = 1, c = 1] = picture.tensor.shape;
			const read = { width: w, height: h, channels: c, data: picture.tensor.data };
			this.current = { kind: 'picture', picture: picture.original ? { ...read, original: picture.original } : read };
			this.imageFigure(top, picture.path ?? '', picture.tensor);
		}
		this.views = {};
		if (this.spec.show.includes('input') && this.preparation) this.views.input = new InputView(top, this.preparation.shape);
		const below = root.createDiv({ cls: 'cnn-classify-below' });
		const prompts = this.spec.model.kind === 'builtin' ? EMPTY_PROMPTS : EMPTY_PROMPTS_ANY;
		const prompt = below.createDiv({ cls: 'cnn-classify-empty', text: t(prompts[this.origin]) });
		const doubt = below.createDiv({ cls: 'cnn-classify-doubt is-hidden', attr: { role: 'note' } });
		const details = root.createDiv({ cls: 'cnn-caption cnn-classify-details' });
		if (this.saving) root.appendChild(this.saving.el);
		this.slots = { root, status, summary, top, below, prompt, details, doubt, owner };
		this.showView(owner);
		if (this.model) this.attachModel(false);
		else this.setState('loading');

		if (this.strip && this.samples.length > 0) this.showChosen();
		else this.refresh();
	}

	/** Where a folder's strip goes once the model is ready (the strip needs the class names). */
	private folderTop: HTMLElement | null = null;

	/** The model is ready: its summary line and views join the rendering on screen, and what is on screen is classified (unless `ask` is false: render asks next). */
	private attachModel(ask = true): void {
		const slots = this.slots;
		const model = this.model;
		if (!slots || !model || this.unloaded) return;
		const problems = this.configure(model);
		if (problems) return this.fail(problems);
		const preparation = this.preparation;
		if (!preparation) return;
		slots.status.remove();
		slots.summary.setText(this.summary(model));
		slots.details.setText(t('classify.details', { backend: model.backend }));
		const shows = (part: ClassifyPart): boolean => this.spec.show.includes(part);
		if (this.folderTop && !this.folderStrip && this.listing) {
			this.folderStrip = new FolderStrip(this.folderTop, slots.owner, this.listing, this.labels, (index) => this.pickFolderItem(index));
			this.folderTop.prepend(this.folderStrip.el);
		}
		if (shows('input') && !this.views.input) this.views.input = new InputView(slots.top, preparation.shape);
		const empty = t(this.spec.model.kind === 'builtin' ? 'classify.prediction.none' : 'classify.prediction.noneAny');
		if (shows('probabilities')) this.views.probabilities = new ProbabilityChart(slots.top, this.labels, empty);
		if (shows('softmax')) this.views.softmax = new SoftmaxView(slots.below, this.labels, model.softmax ?? 'layer');
		if (shows('layers')) this.views.layers = new LayersView(slots.below, slots.owner, model.layers, this.labels, () => this.askAgain());
		this.setState('ready');
		this.shownSeq = -1; // what is on screen has not been classified by this model yet
		if (this.folderStrip) void this.runFolder(this.folderStrip).catch((e: unknown) => this.crashed(e));
		if (ask) this.refresh();
	}

	/** Asks for the prediction on screen again (a folded nested model was opened: its layers need values). */
	private askAgain(): void {
		// The same input again under a new number: an answer on its way (without the opened layers) no longer counts as the latest.
		this.wanted = { seq: this.wanted.seq + 1, prepared: this.wanted.prepared };
		this.pump();
	}

	/** Shows `source` and classifies it. */
	private setSource(source: Source | null): void {
		this.current = source;
		this.refresh();
	}

	/** Prepares what is on screen for the model (once the model's input is known) and classifies it. */
	private refresh(): void {
		const preparation = this.preparation;
		const prepared = this.current && preparation ? prepareSource(this.current, preparation) : null;
		if (prepared) this.views.input?.update(prepared.view, prepared.line, prepared.inverted);
		else if (preparation) {
			// Nothing yet: an empty input as the model would see it (white paper where drawings are dark on white).
			const blank = new Float32Array(preparation.shape[0] * preparation.shape[1] * preparation.shape[2]);
			if (this.spec.input.kind === 'draw' && !takesDigits(preparation.shape) && preparation.shape[2] === 3) blank.fill(1);
			const kind = this.spec.input.kind === 'draw' ? 'ink' : this.spec.input.kind === 'sample' ? 'sample' : 'picture';
			this.views.input?.update(blank, waitingLine(kind, preparation));
		}
		this.classify(prepared);
	}

	/** The error box replaces the rendering: the model's views have nowhere to go any more (until the next render). */
	protected showErrors(errors: Problem[]): void {
		this.folderRun += 1;
		this.slots = null;
		this.root = null;
		this.views = {};
		super.showErrors(errors);
	}

	protected setState(state: WidgetState): void {
		super.setState(state);
		this.root?.setAttr('data-state', state);
	}

	/** The vault picture as loaded (gray for the digits model, colour for any other; at most the largest picture side of the settings) and its name, where the pad would be. */
	private imageFigure(parent: HTMLElement, path: string, image: Tensor): void {
		const figure = parent.createDiv({ cls: 'cnn-classify-image' });
		figure.createDiv({ cls: 'cnn-figure-label', text: t('classify.image.source', { file: path }) });
		const [h = 1, w = 1, c = 1] = image.shape;
		const canvas = new HeatCanvas(figure, h, w, 'cnn-classify-image-canvas');
		canvas.el.setAttrs({ role: 'img', 'aria-label': t('classify.image.source', { file: path }) });
		canvas.paintPicture(image.data, c);
		this.figure = figure;
	}

	/** The vault picture's figure, where the "it was inverted" caption goes when MNIST's preparation inverts it. */
	private figure: HTMLElement | null = null;

	/** Shows the "it was inverted" caption under the picture, or removes it. */
	private markInverted(inverted: boolean): void {
		const note = this.figure?.querySelector('.cnn-classify-inverted');
		if (!inverted) return note?.remove();
		if (!note) this.figure?.createDiv({ cls: 'cnn-caption cnn-classify-inverted', text: t('classify.input.inverted') });
	}

	/** One line saying which model runs, its input, classes and size (the backend is in the details line). */
	private summary(model: ModelSummary): string {
		const params = model.layers.filter((l) => (l.depth ?? 0) === 0).reduce((n, l) => n + l.params, 0);
		const shape = (model.input ?? DIGITS_SHAPE).join('x');
		return t('classify.summary', { model: model.name, shape, classes: model.classes, params });
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

	/** Classifies the pad's ink; blank ink shows the empty state. */
	private classifyInk(ink: InkImage): void {
		this.setSource({ kind: 'ink', ink });
	}

	/** Asks the host for the prediction of a prepared input (null: nothing to classify, the empty state). */
	private classify(prepared: Prepared | null): void {
		this.lastRun = performance.now();
		this.wanted = { seq: this.wanted.seq + 1, prepared };
		this.slots?.prompt.toggleClass('is-hidden', prepared !== null);
		this.markInverted(prepared?.inverted ?? false);
		this.pump();
	}

	/** Sends the newest input to the host unless a prediction is already there (its answer sends the next). */
	private pump(): void {
		const model = this.model;
		const lease = this.lease;
		if (!model || !lease || this.unloaded) return this.flushIdle();
		const { seq, prepared } = this.wanted;
		if (seq === this.shownSeq) return this.flushIdle();
		if (prepared === null) {
			// Nothing to classify (a cleared pad): the empty state at once; an answer still on its way is dropped.
			this.show(null, null);
			this.shownSeq = seq;
			this.settle();
			return this.flushIdle();
		}
		if (this.asking) return;
		this.asking = true;
		const layers = this.views.layers?.wanted() ?? [];
		void lease.host.predict(model.model, prepared.pixels, layers, this.loading.signal).then(
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
					this.show(answer.value, prepared);
					this.shownSeq = seq;
					this.settle();
				}
				this.pump();
			}),
		);
	}

	/**
	 * Updates the model's views with a prediction (null = nothing to classify: the views hide their
	 * numbers and the prompt stands in for them), the line saying when it should not be trusted, and
	 * the root's data-prediction (the winning label as shown) and data-confidence (its probability, 0..1).
	 */
	private show(prediction: Prediction | null, prepared: Prepared | null): void {
		const root = this.root;
		if (root && prediction) {
			root.setAttr('data-prediction', this.labels[prediction.label] ?? String(prediction.label));
			root.setAttr('data-confidence', String(prediction.probabilities[prediction.label] ?? 0));
		} else if (root) {
			root.removeAttribute('data-prediction');
			root.removeAttribute('data-confidence');
		}
		this.showDoubt(prediction, prepared);
		const { probabilities, softmax, layers } = this.views;
		probabilities?.update(prediction);
		softmax?.update(prediction);
		layers?.update(prediction);
	}

	/** The "do not trust this" line: the digits model also looks at how much the input is like an MNIST digit. */
	private showDoubt(prediction: Prediction | null, prepared: Prepared | null): void {
		const line = this.slots?.doubt;
		if (!line) return;
		const digits = this.spec.model.kind === 'builtin' ? prepared?.digit : undefined;
		const doubt = prediction ? doubtOf(prediction.probabilities, digits) : null;
		line.toggleClass('is-hidden', doubt === null);
		this.root?.toggleAttribute('data-doubt', doubt !== null);
		if (doubt === null) {
			line.setText('');
			this.root?.removeAttribute('data-doubt');
			return;
		}
		line.setText(describeDoubt(doubt, (k) => this.labels[k] ?? String(k)));
		this.root?.setAttr('data-doubt', doubt.kind);
	}

	/**
	 * Classifies every picture of the folder, FOLDER_BATCH at a time (read, prepared, classified
	 * together by the host), into the strip; an unreadable picture is listed and skipped. The first
	 * picture read is shown below the strip. A newer run (the folder changed) or closing stops it.
	 */
	private async runFolder(strip: FolderStrip): Promise<void> {
		const run = ++this.folderRun;
		const pictures = strip.listing.pictures;
		const alive = (): boolean => run === this.folderRun && !this.unloaded && this.folderStrip === strip;
		let first = true;
		for (let start = 0; start < pictures.length; start += FOLDER_BATCH) {
			const batch: { index: number; prepared: Prepared }[] = [];
			for (let i = start; i < Math.min(pictures.length, start + FOLDER_BATCH); i++) {
				const picture = await this.readFolderPicture(i);
				if (!alive()) return;
				const preparation = this.preparation;
				if (!picture || !preparation) {
					strip.setFailed(i);
					continue;
				}
				const prepared = prepareSource({ kind: 'picture', picture }, preparation);
				if (!prepared) {
					// Read, but nothing to classify (a blank page for the digits model).
					strip.setBlank(i);
					continue;
				}
				batch.push({ index: i, prepared });
				if (first) {
					first = false;
					this.pickFolderItem(i, picture ?? undefined);
				}
			}
			const model = this.model;
			const lease = this.lease;
			if (!model || !lease || !this.preparation) return;
			if (batch.length > 0) {
				const size = batch[0]?.prepared.pixels.length ?? 0;
				const pixels = new Float32Array(size * batch.length);
				batch.forEach((b, j) => pixels.set(b.prepared.pixels, j * size));
				const answer = await lease.host.classifyMany(model.model, pixels, batch.length, this.loading.signal);
				if (!alive() || isCancelled(answer)) return;
				if (!answer.ok) return this.fail(answer.errors);
				const classes = model.classes;
				batch.forEach((b, j) => {
					const probabilities = answer.value.probabilities.slice(j * classes, (j + 1) * classes);
					const doubt = doubtOf(probabilities, this.spec.model.kind === 'builtin' ? b.prepared.digit : undefined);
					const why = doubt ? describeDoubt(doubt, (k) => this.labels[k] ?? String(k)) : null;
					strip.setResult(b.index, b.prepared.view, this.preparation?.shape ?? DIGITS_SHAPE, probabilities, doubt && why !== null ? { kind: doubt.kind, why } : null);
				});
			}
			strip.setProgress(Math.min(pictures.length, start + FOLDER_BATCH));
		}
		if (alive()) strip.finish();
	}

	/** Picture `index` of the folder, read as the block's pictures are (gray for digits, colour otherwise), or null when it cannot be read. */
	private async readFolderPicture(index: number): Promise<Picture | null> {
		const item = this.listing?.pictures[index];
		if (!item) return null;
		const channels = this.spec.model.kind === 'builtin' ? 'gray' : 'rgb';
		const side = pictureSide(this.deps.prefs.get().maxPictureSide);
		const read = await loadImageFile(this.deps.images, item.file, { channels, maxSide: channels === 'rgb' ? Math.max(side, MAX_INPUT_SIDE) : side });
		if (!read.ok) return null;
		const [h = 1, w = 1, c = 1] = read.value.tensor.shape;
		return { width: w, height: h, channels: c, data: read.value.tensor.data, original: { width: read.value.originalWidth, height: read.value.originalHeight } };
	}

	/** Shows folder picture `index` below the strip (read again unless given) with every part of the widget. */
	private pickFolderItem(index: number, picture?: Picture): void {
		const pick = ++this.folderPick;
		const strip = this.folderStrip;
		strip?.select(index);
		if (picture) return this.setSource({ kind: 'picture', picture });
		void this.readFolderPicture(index).then(
			guard(this, (read: Picture | null) => {
				// Only the newest pick counts: a slower read of an earlier click (or of an older strip) is dropped.
				if (read && !this.unloaded && pick === this.folderPick && strip === this.folderStrip) this.setSource({ kind: 'picture', picture: read });
			}),
		);
	}

	/** Number of the newest pick in the folder's strip. */
	private folderPick = 0;

	/** Follows the folder: a picture added, removed or renamed inside it classifies the folder again (once the changes settle). */
	private watchFolder(path: string): void {
		const prefix = `${path}/`;
		let timer: number | null = null;
		const changed = (file: TAbstractFile, ...paths: string[]): void => {
			// Only pictures and folders count: editing a note inside the folder changes nothing here.
			if (!(file instanceof TFolder) && !paths.some((p) => isPicturePath(p))) return;
			if (!paths.some((p) => p.startsWith(prefix) || p === path)) return;
			if (timer !== null) window.clearTimeout(timer);
			timer = window.setTimeout(
				guard(this, () => {
					timer = null;
					const input = this.spec.input;
					if (input.kind !== 'image' || this.unloaded) return;
					this.listing = this.deps.models.folder(input.link.path) ?? { path, pictures: [], total: 0 };
					this.rerender();
				}),
				FOLDER_SETTLE_MS,
			);
		};
		this.register(() => {
			if (timer !== null) window.clearTimeout(timer);
		});
		this.registerEvent(this.deps.vault.on('create', (file) => changed(file, file.path)));
		this.registerEvent(this.deps.vault.on('delete', (file) => changed(file, file.path)));
		this.registerEvent(this.deps.vault.on('rename', (file, old) => changed(file, file.path, old)));
		this.registerEvent(this.deps.vault.on('modify', (file) => changed(file, file.path)));
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
