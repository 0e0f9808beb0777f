import { MarkdownRenderChild, type Component, type TAbstractFile } from 'obsidian';
import type { ModelChoice } from '../../blocks/classify-keys';
import type { InputSpec } from '../../blocks/types';
import type { Tensor } from '../../cnn';
import type { DigitSample } from '../../model/digits';
import type { ModelMeta } from '../../model/model-meta';
import type { ModelSource } from '../../model/host/protocol';
import type { HostLease } from '../../model/host/start';
import type { Problem, Result } from '../../result';
import type { BlockWriter } from '../../vault/block-writer';
import type { FolderListing } from '../../vault/folder-pictures';
import type { ImageDeps } from '../../vault/image';
import type { ImageSaver } from '../../vault/save-image';
import type { WatchedVault } from '../../vault/watch';
import { t } from '../../i18n';
import { BlockInput } from './block-input';
import { renderErrorBox } from './error-box';
import { guard, onCrash } from './guard';
import type { PrefsSource } from './prefs';
import type { WhenVisible } from './visibility';
import { addWidgetMenu } from './widget-menu';

/** A model ready to be sent to the model host: where its files come from, the name the widget shows, and what its neighbour files say (class names, scale, fit). */
export interface LoadedModel {
	source: ModelSource;
	name: string;
	meta: ModelMeta;
}

/** Reading a model's files: how many were read and their bytes so far. */
export type LoadProgress = (files: number, bytes: number) => void;

/** What the classify widget needs to run a model: the model host (tfjs in a worker), the block's model, the embedded samples. */
export interface ModelDeps {
	/** A use of the page's model host (started on first need); released when the block unloads. */
	host(): HostLease;
	/** The block's model (built-in, or files read from the vault, reporting its reading), or why it cannot be read. */
	loadModel(choice: ModelChoice, progress?: LoadProgress): Promise<Result<LoadedModel>>;
	/** The pictures of the folder a link names (from the block's note), or null when it names no folder. */
	folder(linkpath: string): FolderListing | null;
	/** The embedded held-out digits of `input: sample`. */
	loadSamples(): Promise<DigitSample[]>;
}

/**
 * Everything a widget needs from the running app, built once by the block processor and handed in,
 * so every widget runs under jest with the Obsidian fake. The language is not here: `t()` asks
 * Obsidian's getLanguage() each time a text is made.
 */
export interface WidgetDeps {
	/** The note the block is in, for resolving links. */
	sourcePath: string;
	/** Link resolution, file reading and image decoding. */
	images: ImageDeps;
	/** Vault events, to follow a linked picture through edits, renames and deletion. */
	vault: WatchedVault & { on(name: 'create', cb: (file: TAbstractFile) => unknown): ReturnType<WatchedVault['on']> };
	/** The model host and models, for the widgets that run one. */
	models: ModelDeps;
	/** The user asked the system for reduced motion: slower default playback, no transitions. */
	reducedMotion: boolean;
	/** Starts a block's work when its element comes near the screen (whenNearScreen; tests pass their own). */
	whenVisible: WhenVisible;
	/** The plugin's settings (read when rendering; a change re-renders the block, see mountBlock). */
	prefs: PrefsSource;
	/** Writes a new source into the widget's block (a widget outside a note gets one that says it cannot). */
	writer: BlockWriter;
	/** Saving the widget's picture into the vault and opening it (the widget menu, see widget-menu.ts). */
	saver: ImageSaver;
}

/** A block's input once loaded: the tensor [h, w, c] and the notes to show with it (translated). */
export interface LoadedInput {
	tensor: Tensor;
	notes: string[];
	/** The vault picture's current path (it follows renames), or null for a matrix or sample. */
	path: string | null;
	/** The picture's size in its file, when it was read from one. */
	original?: { width: number; height: number };
}

/** Where a widget is in its life: `data-state` of the block's element. */
export type WidgetState = 'loading' | 'ready' | 'error';

/**
 * The base of every block widget (one MarkdownRenderChild per block). Until the block comes near
 * the screen it shows a waiting line (of reserved height) and does nothing else; then it runs the subclass's
 * `prepare` step (e.g. loading a model), loads the block's input (matrix, sample or vault picture,
 * followed through edits, renames and deletion), calls `render` whenever the input is (re)loaded,
 * shows problems in the block's error box, keeps `data-state` current and ends everything in onunload.
 */
export abstract class BlockWidget<S> extends MarkdownRenderChild {
	/** Settles once the widget first shows its content or an error box. */
	readonly ready: Promise<void>;
	/** The loaded input, or null before it loads, after it failed, or for a widget without one. */
	protected input: LoadedInput | null = null;
	/** True once onunload ran: async work that finishes later must do nothing. */
	protected unloaded = false;
	/** false for a widget whose content shows before it is ready (classify: the pad before the model); it calls settle() itself. */
	protected settlesOnView = true;
	private shown: Component | null = null;
	private settleReady: () => void = () => {};

	/** `blockClass` names the block kind on its elements (`cnn-conv`, `cnn-pool`, `cnn-classify`). */
	constructor(
		containerEl: HTMLElement,
		protected readonly spec: S,
		protected readonly deps: WidgetDeps,
		protected readonly blockClass: string,
	) {
		super(containerEl);
		this.ready = new Promise((resolve) => (this.settleReady = resolve));
		onCrash(this, (e) => this.crashed(e));
	}

	/** The block's source as written (set by the block processor), shown with an unexpected problem. */
	source = '';

	/** The input this block loads and follows, or null for a widget that has none (the classify pad). */
	protected abstract inputSpec(): InputSpec | null;

	/** Builds the widget's content for the current input (call `showView` or `showErrors`). */
	protected abstract render(): void;

	/** The block key that input problems are reported under. */
	protected inputKey(): string {
		return 'image';
	}

	/**
	 * Work before the input loads (the classify widget loads its model here): a promise of null or
	 * of the problems to show, or null (the default) to load the input at once.
	 */
	protected prepare(): Promise<Problem[] | null> | null {
		return null;
	}

	onload(): void {
		this.setState('loading');
		// Nothing is read or computed before the block comes near the screen; once started, it stays started.
		const waiting = this.containerEl.createDiv({ cls: 'cnn-notes cnn-notes-waiting', text: t('widget.waiting') });
		const start = guard(this, () => {
			waiting.remove();
			this.start();
		});
		this.register(this.deps.whenVisible(this.containerEl, start));
	}

	/** The block's work, once it is near the screen: prepare, then load the input and render. */
	private start(): void {
		if (this.unloaded) return;
		const fail = (e: unknown): void => this.crashed(e);
		try {
			const preparing = this.prepare();
			if (!preparing) return this.startInput();
			void preparing.then((problems) => {
				if (this.unloaded) return;
				if (problems) this.showErrors(problems);
				else this.startInput();
			}, fail).catch(fail);
		} catch (e) {
			fail(e);
		}
	}

	onunload(): void {
		this.unloaded = true;
		this.shown = null;
		this.containerEl.empty();
		this.settle();
	}

	/** Loads the block's input (or renders at once without one). */
	private startInput(): void {
		const spec = this.inputSpec();
		if (!spec) return this.rerender();
		const input = new BlockInput(this, spec, this.deps, {
			ready: (tensor, notes, path, original) => {
				this.input = original ? { tensor, notes, path, original } : { tensor, notes, path };
				this.rerender();
			},
			failed: (errors) => {
				this.input = null;
				this.showErrors(errors);
			},
		}, this.inputKey());
		input.start(this.containerEl, this.blockClass);
	}

	/** Removes the current content and renders again; anything thrown becomes the error box. */
	protected rerender(): void {
		if (this.unloaded) return;
		this.clearView();
		try {
			this.render();
		} catch (e) {
			this.crashed(e);
		}
		if (this.settlesOnView) this.settle();
	}

	/** The block's source with the edits the widget shows now (not saved yet), or null when it has none to add (the default). */
	protected currentSource(): string | null {
		return null;
	}

	/** Shows `view` (a child component that builds its DOM on load) as the widget's content. */
	protected showView<V extends Component>(view: V): V {
		if (this.shown) this.removeChild(this.shown);
		onCrash(view, (e) => this.crashed(e));
		this.shown = this.addChild(view);
		// "Copy block" reads the block at the click: the edits shown now, else what the note holds now.
		addWidgetMenu(view, this.containerEl, { blockClass: this.blockClass, source: () => this.currentSource() ?? this.deps.writer.source, saver: this.deps.saver });
		this.setState('ready');
		if (this.settlesOnView) this.settle();
		return view;
	}

	/** Replaces the content with a translated error box. */
	protected showErrors(errors: Problem[]): void {
		if (this.unloaded) return;
		this.clearView();
		renderErrorBox(this.containerEl, errors).addClass(`${this.blockClass}-error`);
		this.setState('error');
		this.settle();
	}

	/** Something a callback or a rendering threw: the translated "something went wrong" box, the detail folded away. */
	protected crashed(e: unknown): void {
		this.showErrors([unexpectedProblem(e, this.source)]);
	}

	/** Sets `data-state` on the block's element. */
	protected setState(state: WidgetState): void {
		this.containerEl.setAttr('data-state', state);
	}

	/** Settles `ready` (once; later calls do nothing). */
	protected settle(): void {
		this.settleReady();
	}

	private clearView(): void {
		if (this.shown) this.removeChild(this.shown);
		this.shown = null;
		this.containerEl.empty();
	}
}

/** Anything thrown, as the error box's "something went wrong" problem, its message and the block's source folded away. */
export function unexpectedProblem(e: unknown, source = ''): Problem {
	let message: string;
	try {
		message = e instanceof Error ? e.message : String(e);
	} catch {
		message = '?'; // a thrown value whose toString throws: the net must not throw itself
	}
	return { code: 'error.unexpected', vars: { message }, detail: message, source };
}
