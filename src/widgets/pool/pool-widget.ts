import type { PoolFit } from '../../blocks/parse-pool';
import type { InputSpec, PoolSpec } from '../../blocks/types';
import { computePool } from '../../cnn';
import { BlockWidget, type WidgetDeps } from '../shared/block-widget';
import { stepUnitOf } from '../shared/step-player';
import { PoolView } from './pool-view';

/**
 * The `cnn-pool` widget: loads its input (matrix, sample or vault image, followed through edits,
 * renames and deletion) and shows a PoolView of it, channel by channel. Unloading ends everything.
 */
export class PoolWidget extends BlockWidget<PoolSpec> {
	constructor(
		containerEl: HTMLElement,
		spec: PoolSpec,
		deps: WidgetDeps,
		private readonly fit: PoolFit,
	) {
		super(containerEl, spec, deps, 'cnn-pool');
	}

	protected inputSpec(): InputSpec {
		return this.spec.input;
	}

	protected render(): void {
		if (!this.input) return;
		const { tensor, notes } = this.input;
		const error = this.fit(tensor.shape);
		if (error) return this.showErrors([error]);
		const comp = computePool(tensor, this.spec, this.spec.globalType);
		this.showView(new PoolView(this.containerEl, this.spec, tensor, comp, { notes, reducedMotion: this.deps.reducedMotion, unit: stepUnitOf(this.spec.input), prefs: this.deps.prefs.get() }));
	}
}
