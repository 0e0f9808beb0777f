import { MarkdownRenderChild } from 'obsidian';
import type { Tensor } from '../cnn';
import type { PoolFit } from '../blocks/parse-pool';
import type { BlockError, PoolSpec } from '../blocks/types';
import { BlockInput, type WidgetDeps } from './block-input';
import { renderErrorBox } from './error-box';
import { computePool } from './pool-state';
import { PoolView } from './pool-view';

/**
 * The `cnn-pool` widget: loads its input (matrix, sample or vault image, followed through edits,
 * renames and deletion) and shows a PoolView of it, channel by channel. Unloading ends everything.
 */
export class PoolWidget extends MarkdownRenderChild {
	private view: PoolView | null = null;

	constructor(
		containerEl: HTMLElement,
		private readonly spec: PoolSpec,
		private readonly deps: WidgetDeps,
		private readonly fit: PoolFit,
	) {
		super(containerEl);
	}

	onload(): void {
		const input = new BlockInput(this, this.spec.input, this.deps, {
			ready: (tensor, notes) => this.render(tensor, notes),
			failed: (errors) => this.showErrors(errors),
		});
		input.start(this.containerEl, 'cnn-pool');
	}

	onunload(): void {
		this.containerEl.empty();
	}

	private render(input: Tensor, notes: string[]): void {
		this.clear();
		const error = this.fit(input.shape);
		if (error) {
			this.showErrors([error]);
			return;
		}
		const comp = computePool(input, this.spec, this.spec.globalType);
		this.view = this.addChild(new PoolView(this.containerEl, this.spec, input, comp, { notes, reducedMotion: this.deps.reducedMotion }));
	}

	private clear(): void {
		if (this.view) this.removeChild(this.view);
		this.view = null;
		this.containerEl.empty();
	}

	private showErrors(errors: BlockError[]): void {
		this.clear();
		renderErrorBox(this.containerEl, errors);
	}
}
