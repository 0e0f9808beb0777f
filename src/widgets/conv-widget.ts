import { MarkdownRenderChild, type TAbstractFile } from 'obsidian';
import type { Tensor } from '../cnn';
import { MAX_IMAGE_OUTPUT_SIDE, MAX_OUTPUT_SIDE } from '../blocks/keys';
import { checkConvSize } from '../blocks/parse-conv';
import type { BlockError, ConvSpec } from '../blocks/types';
import { t } from '../i18n';
import { MAX_IMAGE_SIDE, resolveImage, type ImageDeps } from '../vault/image';
import { watchVaultFile, type WatchedVault } from '../vault/watch';
import { computeConv, type ConvSetup } from './conv-state';
import { ConvView } from './conv-view';
import { renderErrorBox } from './error-box';

/** What a convolution widget needs from Obsidian, passed in so it runs under jest with fakes. */
export interface ConvWidgetDeps {
	/** The note the block is in, for resolving links. */
	sourcePath: string;
	/** Link resolution, file reading and image decoding. */
	images: ImageDeps;
	/** Vault events, to follow the linked image. */
	vault: WatchedVault & { on(name: 'create', cb: (file: TAbstractFile) => unknown): ReturnType<WatchedVault['on']> };
	/** The user asked the system for reduced motion: slower default playback, no transitions. */
	reducedMotion: boolean;
}

/** Reads the system's reduced-motion preference (false where matchMedia is missing). */
export function prefersReducedMotion(): boolean {
	return typeof window.matchMedia === 'function' && window.matchMedia('(prefers-reduced-motion: reduce)').matches;
}

/** One kernel [kh][kw] of filters [kh, kw, 1, n]. */
function kernelRows(filters: Tensor, index: number): number[][] {
	const [kh = 0, kw = 0, , n = 1] = filters.shape;
	return Array.from({ length: kh }, (_, r) => Array.from({ length: kw }, (_, c) => filters.data[(r * kw + c) * n + index] ?? 0));
}

/**
 * The `cnn-conv` widget: loads its input (matrix, sample or vault image, which it follows through
 * edits, renames and deletion), keeps the kernels the user edits, and shows a ConvView of the
 * result. Everything it starts is a child component or registered, so unloading ends it.
 */
export class ConvWidget extends MarkdownRenderChild {
	private view: ConvView | null = null;
	private readonly kernels: number[][][];
	private readonly kernelNames: (string | null)[];
	private input: Tensor | null = null;
	private notes: string[] = [];
	private imagePath: string | null = null;
	private alive = false;

	constructor(
		containerEl: HTMLElement,
		private readonly spec: ConvSpec,
		private readonly deps: ConvWidgetDeps,
	) {
		super(containerEl);
		const count = spec.filters.shape[3] ?? 1;
		this.kernels = Array.from({ length: count }, (_, f) => kernelRows(spec.filters, f));
		this.kernelNames = spec.kernelNames.slice();
	}

	onload(): void {
		this.alive = true;
		const input = this.spec.input;
		if (input.kind === 'image') {
			this.containerEl.createDiv({ cls: 'cnn-notes cnn-conv is-loading', text: t('widget.loading', { file: input.link.path }) });
			this.watchImage();
			void this.loadImage();
		} else {
			this.input = input.tensor;
			this.rebuild();
		}
	}

	onunload(): void {
		this.alive = false;
		this.containerEl.empty();
	}

	/** The current view (tests). */
	get currentView(): ConvView | null {
		return this.view;
	}

	/** Output maps from images may be larger than those from matrices and samples. */
	private get maxOutputSide(): number {
		return this.spec.input.kind === 'image' ? MAX_IMAGE_OUTPUT_SIDE : MAX_OUTPUT_SIDE;
	}

	private setup(): ConvSetup | null {
		if (!this.input) return null;
		const { spec } = this;
		return {
			input: this.input,
			kernels: this.kernels,
			bias: spec.bias,
			stride: spec.stride,
			padding: spec.padding,
			dilation: spec.dilation,
			flip: spec.flip,
			transpose: spec.transpose,
			activation: spec.activation,
		};
	}

	private rebuild(): void {
		if (this.view) this.removeChild(this.view);
		this.view = null;
		this.containerEl.empty();
		const setup = this.setup();
		if (!setup) return;
		const kernelShape = [setup.kernels[0]?.length ?? 0, setup.kernels[0]?.[0]?.length ?? 0];
		const sizeError = checkConvSize(setup.input.shape, kernelShape, setup.stride, setup.dilation, setup.padding, this.maxOutputSide, setup.transpose);
		if (sizeError) {
			this.showErrors([sizeError]);
			return;
		}
		this.view = this.addChild(
			new ConvView(this.containerEl, setup, computeConv(setup), {
				kernelNames: this.kernelNames,
				notes: this.notes,
				reducedMotion: this.deps.reducedMotion,
				onKernelChange: (index, rows, preset) => this.onKernelChange(index, rows, preset),
			}),
		);
	}

	private onKernelChange(index: number, rows: number[][], preset: string | null): void {
		const setup = this.setup();
		const old = this.kernels[index];
		if (!setup || !old) return;
		const resized = rows.length !== old.length || rows[0]?.length !== old[0]?.length;
		if (resized) {
			const kernelShape = [rows.length, rows[0]?.length ?? 0];
			const error = checkConvSize(setup.input.shape, kernelShape, setup.stride, setup.dilation, setup.padding, this.maxOutputSide, setup.transpose);
			if (error) {
				const [h = 0, w = 0] = setup.input.shape;
				this.view?.editor(index)?.setMessage(t('widget.kernel.tooLarge', { kernel: `${rows.length}x${rows[0]?.length ?? 0}`, input: `${h}x${w}` }));
				return;
			}
		}
		this.kernels[index] = rows;
		this.kernelNames[index] = preset;
		if (resized || preset !== null || !this.view) {
			this.rebuild();
			return;
		}
		const next = this.setup();
		if (next) this.view.update(next, computeConv(next));
	}

	private showErrors(errors: BlockError[]): void {
		if (this.view) this.removeChild(this.view);
		this.view = null;
		renderErrorBox(this.containerEl, errors);
	}

	private async loadImage(): Promise<void> {
		const input = this.spec.input;
		if (input.kind !== 'image') return;
		const result = await resolveImage(this.deps.images, this.imagePath ?? input.link.path, this.deps.sourcePath, { channels: input.channels });
		if (!this.alive) return;
		if (!result.ok) {
			this.input = null;
			this.showErrors([{ code: result.error.code, vars: result.error.vars, key: 'image' }]);
			return;
		}
		const image = result.image;
		this.imagePath = image.file.path;
		this.input = image.tensor;
		this.notes = [];
		if (image.downscaled) {
			const [newHeight = 0, newWidth = 0] = image.tensor.shape;
			this.notes.push(
				t('image.note.downscaled', { width: image.originalWidth, height: image.originalHeight, newWidth, newHeight, max: MAX_IMAGE_SIDE }),
			);
		}
		if (input.channels === 'rgb') this.notes.push(t('widget.rgb.note'));
		this.rebuild();
	}

	private watchImage(): void {
		watchVaultFile(this, this.deps.vault, () => this.imagePath ?? '', {
			modified: () => void this.loadImage(),
			renamed: (newPath) => {
				this.imagePath = newPath;
				void this.loadImage();
			},
			deleted: (path) => {
				this.imagePath = null;
				this.input = null;
				this.showErrors([{ code: 'image.error.deleted', vars: { file: path }, key: 'image' }]);
			},
		});
		// A link that did not resolve (or whose file was deleted) may resolve once a file appears.
		this.registerEvent(
			this.deps.vault.on('create', () => {
				if (this.input === null) void this.loadImage();
			}),
		);
	}
}
