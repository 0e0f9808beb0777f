import { MarkdownRenderChild } from 'obsidian';
import type { Tensor } from '../cnn';
import type { ConvFit } from '../blocks/parse-conv';
import type { BlockError, ConvSpec } from '../blocks/types';
import { t } from '../i18n';
import { BlockInput, type WidgetDeps } from './block-input';
import { computeConv, type ConvSetup } from './conv-state';
import { ConvView } from './conv-view';
import { renderErrorBox } from './error-box';

/** The [kh, kw] of a kernel's rows. */
function kernelShape(rows: readonly number[][] | undefined): [number, number] {
	return [rows?.length ?? 0, rows?.[0]?.length ?? 0];
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

	constructor(
		containerEl: HTMLElement,
		private readonly spec: ConvSpec,
		private readonly deps: WidgetDeps,
		private readonly fit: ConvFit,
	) {
		super(containerEl);
		const count = spec.filters.shape[3] ?? 1;
		this.kernels = Array.from({ length: count }, (_, f) => kernelRows(spec.filters, f));
		this.kernelNames = spec.kernelNames.slice();
	}

	onload(): void {
		const input = new BlockInput(this, this.spec.input, this.deps, {
			ready: (tensor, notes) => {
				this.input = tensor;
				this.notes = notes;
				this.rebuild();
			},
			failed: (errors) => {
				this.input = null;
				this.showErrors(errors);
			},
		});
		input.start(this.containerEl, 'cnn-conv');
	}

	onunload(): void {
		this.containerEl.empty();
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
			pool: spec.pool,
		};
	}

	private rebuild(): void {
		if (this.view) this.removeChild(this.view);
		this.view = null;
		this.containerEl.empty();
		const setup = this.setup();
		if (!setup) return;
		const sizeError = this.fit(setup.input.shape, kernelShape(setup.kernels[0]));
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
			const error = this.fit(setup.input.shape, kernelShape(rows));
			if (error) {
				const [h = 0, w = 0] = setup.input.shape;
				const message =
					error.code === 'block.conv.kernelTooLarge'
						? t('widget.kernel.tooLarge', { kernel: `${rows.length}x${rows[0]?.length ?? 0}`, input: `${h}x${w}` })
						: t(error.code, error.vars);
				this.view?.editor(index)?.setMessage(message);
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
}
