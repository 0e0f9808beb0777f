/**
 * What the widget shows of each layer of a tfjs Layers model: its kind, output shape, weights (copied
 * into plain arrays) and, for ReLU and pooling maps, the convolution whose filter made each map.
 */
import type { layers as tfLayers } from '@tensorflow/tfjs-layers';

type Layer = tfLayers.Layer;

/** The kinds of layer the widget draws differently. */
export type LayerKind = 'conv' | 'relu' | 'pool' | 'flatten' | 'dense' | 'softmax' | 'other';

/** One layer, described for drawing. Shapes leave out the batch dimension. */
export interface LayerInfo {
	/** The layer's name in the model (e.g. conv1). */
	name: string;
	/** The tfjs class name (e.g. Conv2D, MaxPooling2D). */
	className: string;
	kind: LayerKind;
	/** Output shape, e.g. [26, 26, 8] or [10]. */
	shape: number[];
	/** Number of output values (product of shape). */
	size: number;
	/** Number of trainable parameters. */
	params: number;
	/** Activation folded into a conv or dense layer ('relu', 'softmax', ...); undefined for 'linear' or none. */
	activation?: string;
	/** Convolution or dense kernel: [kh, kw, inChannels, filters] or [inputs, units], values row-major. */
	kernel?: { shape: number[]; data: Float32Array };
	/** One bias per filter or unit. */
	bias?: Float32Array;
	/** Pooling: window [rows, cols], strides [rows, cols] and type. */
	pool?: { size: [number, number]; strides: [number, number]; type: 'max' | 'avg' };
	/** For maps of ReLU and pooling layers: index of the conv layer whose filter k made channel k. */
	source?: number;
}

/** A number pair from a Keras config value (a number or a list of two). */
function pairOf(value: unknown, fallback: [number, number]): [number, number] {
	if (typeof value === 'number') return [value, value];
	if (Array.isArray(value) && typeof value[0] === 'number' && typeof value[1] === 'number') return [value[0], value[1]];
	return fallback;
}

/** The layer's kind from its class and activation. */
function kindOf(className: string, activation: string | undefined): LayerKind {
	if (className === 'Conv2D') return 'conv';
	if (className === 'MaxPooling2D' || className === 'AveragePooling2D') return 'pool';
	if (className === 'Flatten') return 'flatten';
	if (className === 'Dense') return 'dense';
	if (className === 'ReLU' || (className === 'Activation' && activation === 'relu')) return 'relu';
	if (className === 'Softmax' || (className === 'Activation' && activation === 'softmax')) return 'softmax';
	return 'other';
}

/**
 * Describes layer `index` of `all`: kind, output shape, parameters, copies of its kernel and bias,
 * pooling window, and (for ReLU / pooling layers that keep channels) the conv layer it follows.
 */
export function describeLayer(layer: Layer, index: number, all: readonly Layer[]): LayerInfo {
	const className = layer.getClassName();
	const config = layer.getConfig();
	const rawActivation = typeof config.activation === 'string' ? config.activation : undefined;
	const activation = rawActivation === 'linear' ? undefined : rawActivation;
	const kind = kindOf(className, activation);
	const out = layer.outputShape;
	const first: unknown[] = Array.isArray(out[0]) ? out[0] : out;
	const shape = first.slice(1).map((d) => (typeof d === 'number' ? d : 0));
	const info: LayerInfo = {
		name: layer.name,
		className,
		kind,
		shape,
		size: shape.reduce((a, b) => a * b, 1),
		params: layer.countParams(),
	};
	if (activation !== undefined && kind !== 'relu' && kind !== 'softmax') info.activation = activation;
	if (kind === 'conv' || kind === 'dense') {
		const [kernel, bias] = layer.getWeights();
		if (kernel) info.kernel = { shape: kernel.shape.slice(), data: Float32Array.from(kernel.dataSync()) };
		if (bias) info.bias = Float32Array.from(bias.dataSync());
	}
	if (kind === 'pool') {
		const size = pairOf(config.poolSize, [2, 2]);
		info.pool = { size, strides: pairOf(config.strides ?? config.poolSize, size), type: className === 'MaxPooling2D' ? 'max' : 'avg' };
	}
	if ((kind === 'relu' || kind === 'pool') && shape.length === 3) {
		for (let j = index - 1; j >= 0; j--) {
			const prev = all[j];
			if (!prev) break;
			const prevClass = prev.getClassName();
			if (prevClass === 'Conv2D') {
				info.source = j;
				break;
			}
			if (!['Activation', 'ReLU', 'MaxPooling2D', 'AveragePooling2D'].includes(prevClass)) break;
		}
	}
	return info;
}
