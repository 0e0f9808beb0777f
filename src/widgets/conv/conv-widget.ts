import type { ConvFit } from '../../blocks/parse-conv';
import { kernelsOf, patchKernels, sameKernel, type KernelValue } from '../../blocks/patch-kernel';
import type { ConvSpec, InputSpec } from '../../blocks/types';
import { computeConv, kernelMatrices, type ConvComputation, type ConvSetup } from '../../cnn';
import { t } from '../../i18n';
import { BlockWidget, type WidgetDeps } from '../shared/block-widget';
import { stepUnitOf } from '../shared/step-player';
import { WriteBack } from '../shared/write-back';
import { ConvView } from './conv-view';

/** The [kh, kw] of a kernel's rows. */
function kernelShape(rows: readonly number[][] | undefined): [number, number] {
	return [rows?.length ?? 0, rows?.[0]?.length ?? 0];
}

/**
 * The `cnn-conv` widget: loads its input (matrix, sample or vault image, which it follows through
 * edits, renames and deletion), keeps the kernels the user edits, and shows a ConvView of the
 * result. Kernel edits (weights, presets) are saved into the block by its WriteBack; Reset goes
 * back to the kernels saved in the block (the last source written). Everything it starts is a child
 * component or registered, so unloading ends it.
 */
export class ConvWidget extends BlockWidget<ConvSpec> {
	private view: ConvView | null = null;
	/** What the view shows: a same-size kernel edit computes the edited filter again from it. */
	private comp: ConvComputation | null = null;
	private readonly kernels: number[][][];
	private readonly kernelNames: (string | null)[];
	private saving: WriteBack | null = null;

	constructor(
		containerEl: HTMLElement,
		spec: ConvSpec,
		deps: WidgetDeps,
		private readonly fit: ConvFit,
	) {
		super(containerEl, spec, deps, 'cnn-conv');
		this.kernels = kernelMatrices(spec.filters);
		this.kernelNames = spec.kernelNames.slice();
	}

	onload(): void {
		this.saving = this.addChild(
			new WriteBack(this.containerEl, this.deps.writer, this.deps.prefs, {
				sourceFor: (source) => patchKernels(source, this.currentKernels(), this.savedKernels(source)),
				holds: (source) => this.holds(source),
				reset: () => this.reset(),
			}),
		);
		super.onload();
	}

	/** The block's source with the kernels shown now (edits not saved yet included), or null when they cannot be written into it. */
	override currentSource(): string | null {
		const source = this.deps.writer.source;
		return this.holds(source) ? source : patchKernels(source, this.currentKernels(), this.savedKernels(source));
	}

	/** The kernels as the widget shows them now. */
	private currentKernels(): KernelValue[] {
		return this.kernels.map((rows, i) => ({ rows, name: this.kernelNames[i] ?? null }));
	}

	/** The last source asked about and its kernels: parsed once, not on every typed weight. */
	private parsed: { source: string; kernels: KernelValue[] | null } | null = null;

	/** The kernels `source` gives (null when it does not parse), parsed once per source. */
	private savedKernels(source: string): KernelValue[] | null {
		if (this.parsed?.source !== source) this.parsed = { source, kernels: kernelsOf(source) };
		return this.parsed.kernels;
	}

	/** true when the widget's kernels are those `source` gives. */
	private holds(source: string): boolean {
		const saved = this.savedKernels(source);
		const now = this.currentKernels();
		return saved !== null && saved.length === now.length && saved.every((k, i) => now[i] !== undefined && sameKernel(k, now[i]));
	}

	/** Back to the kernels saved in the block (the writer's source: the last one written, else the rendered one). */
	private reset(): void {
		const saved = this.savedKernels(this.deps.writer.source);
		if (saved && saved.length === this.kernels.length) {
			this.kernels.splice(0, this.kernels.length, ...saved.map((k) => k.rows.map((row) => row.slice())));
			this.kernelNames.splice(0, this.kernelNames.length, ...saved.map((k) => k.name));
		} else {
			this.kernels.splice(0, this.kernels.length, ...kernelMatrices(this.spec.filters));
			this.kernelNames.splice(0, this.kernelNames.length, ...this.spec.kernelNames);
		}
		this.rerender();
		this.saving?.changed();
	}

	protected inputSpec(): InputSpec {
		return this.spec.input;
	}

	private setup(): ConvSetup | null {
		if (!this.input) return null;
		const { spec } = this;
		return {
			input: this.input.tensor,
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

	protected render(): void {
		this.view = null;
		this.comp = null;
		const setup = this.setup();
		if (!setup) return;
		const sizeError = this.fit(setup.input.shape, kernelShape(setup.kernels[0]));
		if (sizeError) return this.showErrors([sizeError]);
		const comp = computeConv(setup);
		this.comp = comp;
		this.view = this.showView(
			new ConvView(this.containerEl, setup, comp, {
				kernelNames: this.kernelNames,
				notes: this.input?.notes ?? [],
				reducedMotion: this.deps.reducedMotion,
				unit: stepUnitOf(this.spec.input),
				prefs: this.deps.prefs.get(),
				onKernelChange: (index, rows, preset) => this.onKernelChange(index, rows, preset),
				...(this.saving ? { saveLine: this.saving.el } : {}),
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
		this.saving?.changed();
		if (resized || preset !== null || !this.view || !this.comp) {
			// A preset chosen from the menu: the menu keeps the focus (the write waits for it to leave, as for a typed weight).
			const active = this.containerEl.doc.activeElement;
			const menu = active instanceof HTMLSelectElement && this.containerEl.contains(active);
			this.rerender();
			if (menu) this.view?.editor(index)?.focusPreset();
			return;
		}
		const next = this.setup();
		if (!next) return;
		this.comp = this.comp.withKernel(index, rows);
		this.view.update(next, this.comp, index);
	}
}
