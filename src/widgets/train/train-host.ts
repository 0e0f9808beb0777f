/**
 * What the `cnn-train` widget asks of the model host (TrainHost: the training methods of
 * ModelHost, so tests can stand in for it), and the pure mapping of a planned network
 * (src/train/architecture.ts) to the engine's layer list.
 */
import type { TrainLayer } from '../../model/engine/trainer';
import type { ModelHost } from '../../model/host/client';
import { LEAKY_ALPHA, type PlannedLayer } from '../../train/architecture';

/** The training methods of the model host (src/model/host/client.ts, ModelHost). */
export type TrainHost = Pick<ModelHost, 'trainStart' | 'trainControl' | 'trainExport' | 'trainInspect' | 'trainDispose'> & {
	/** true once the host's engine stopped (its worker crashed): it cannot train again. */
	readonly isStopped?: boolean;
};

/** A block's use of a host that trains; release() when the block unloads. */
export interface TrainLease {
	host: TrainHost;
	release(): void;
}

/**
 * The engine's layers for a planned network, in order: conv, pool, dropout and flatten as planned,
 * relu / tanh / sigmoid / leaky-relu (alpha LEAKY_ALPHA) as activations, dense with its units (the
 * last planned dense, with softmax, has one unit per class: the engine adds the softmax itself).
 */
export function toTrainLayers(layers: readonly PlannedLayer[]): TrainLayer[] {
	return layers.map((l): TrainLayer => {
		switch (l.kind) {
			case 'conv':
				return { kind: 'conv', filters: l.filters, size: l.size, stride: l.stride, padding: l.padding };
			case 'pool':
				return { kind: 'pool', type: l.type, size: l.size };
			case 'dropout':
				return { kind: 'dropout', rate: l.rate };
			case 'flatten':
				return { kind: 'flatten' };
			case 'dense':
				return { kind: 'dense', units: l.units };
			case 'leaky-relu':
				return { kind: 'activation', fn: 'leaky-relu', alpha: LEAKY_ALPHA };
			default:
				return { kind: 'activation', fn: l.kind };
		}
	});
}
