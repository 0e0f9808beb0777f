/**
 * What the widget shows of each layer of a tfjs Layers model: its kind, output shape, weights (copied
 * into plain arrays), nesting, and for maps the convolution whose filter made each map. The flat
 * list itself (execution order, nested models) is built by graph.ts.
 */
import type { layers as tfLayers, SymbolicTensor } from '@tensorflow/tfjs-layers';

type Layer = tfLayers.Layer;

/** The kinds of layer the widget draws differently. */
export type LayerKind =
	| 'input'
	| 'conv'
	| 'depthwise'
	| 'relu'
	| 'activation'
	| 'pool'
	| 'global-pool'
	| 'norm'
	| 'dropout'
	| 'flatten'
	| 'dense'
	| 'softmax'
	| 'merge'
	| 'pad'
	| 'reshape'
	| 'model'
	| 'other';

/** One layer, described for drawing. Shapes leave out the batch dimension. */
export interface LayerInfo {
	/** The layer's name in the model (e.g. conv1). */
	name: string;
	/** The tfjs class name (e.g. Conv2D, MaxPooling2D). */
	className: string;
	kind: LayerKind;
	/** Output shape, e.g. [26, 26, 8] or [10] (0 for a dimension the model leaves open). */
	shape: number[];
	/** Number of output values (product of shape). */
	size: number;
	/** Number of parameters (weights and biases; for a nested model, all of its layers'). */
	params: number;
	/** Activation folded into a conv or dense layer ('relu', 'softmax', ...), or the function of an 'activation' layer; undefined for 'linear' or none. */
	activation?: string;
	/** Convolution, depthwise or dense kernel: [kh, kw, inChannels, filters], [kh, kw, inChannels, multiplier] or [inputs, units], values row-major. */
	kernel?: { shape: number[]; data: Float32Array };
	/** One bias per filter or unit. */
	bias?: Float32Array;
	/** Pooling: window [rows, cols], strides [rows, cols] and type. */
	pool?: { size: [number, number]; strides: [number, number]; type: 'max' | 'avg' };
	/** For maps of ReLU, pooling, normalization, activation and dropout layers after a conv: index of the conv layer whose filter k made channel k. */
	source?: number;
	/** Nesting depth: 0 for the top model's layers, 1 inside a nested model, ... */
	depth: number;
	/** For kind 'model' (a nested model): how many of the following entries are its layers (all depths), so the view can fold them. */
	children?: number;
	/** For 3-D outputs [h, w, c]: how many channels the activations carry (the first ones): mapChannels(h, w, c). */
	channels?: number;
}

/** Most channels of a map layer sent and drawn when its maps are small (h * w <= SMALL_MAP). */
const MANY_CHANNELS = 32;
/** Most channels of a map layer sent and drawn when its maps are large. */
const FEW_CHANNELS = 8;
/** Largest map (cells) that counts as small. */
const SMALL_MAP = 1024;

/** How many of a map layer's channels are sent and drawn: all up to 32 when h*w <= 1024, else up to 8. */
export function mapChannels(h: number, w: number, c: number): number {
	return Math.min(c, h * w <= SMALL_MAP ? MANY_CHANNELS : FEW_CHANNELS);
}

/** Kinds by tfjs class name, for classes whose kind does not depend on their config. */
const KINDS: ReadonlyMap<string, LayerKind> = new Map<string, LayerKind>([
	['InputLayer', 'input'],
	['Conv2D', 'conv'],
	['Conv2DTranspose', 'conv'],
	['SeparableConv2D', 'conv'],
	['DepthwiseConv2D', 'depthwise'],
	['LeakyReLU', 'activation'],
	['ELU', 'activation'],
	['PReLU', 'activation'],
	['ThresholdedReLU', 'activation'],
	['MaxPooling2D', 'pool'],
	['AveragePooling2D', 'pool'],
	['GlobalAveragePooling2D', 'global-pool'],
	['GlobalMaxPooling2D', 'global-pool'],
	['BatchNormalization', 'norm'],
	['LayerNormalization', 'norm'],
	['Dropout', 'dropout'],
	['SpatialDropout1D', 'dropout'],
	['SpatialDropout2D', 'dropout'],
	['GaussianNoise', 'dropout'],
	['GaussianDropout', 'dropout'],
	['AlphaDropout', 'dropout'],
	['Flatten', 'flatten'],
	['Dense', 'dense'],
	['Softmax', 'softmax'],
	['Add', 'merge'],
	['Concatenate', 'merge'],
	['Multiply', 'merge'],
	['Average', 'merge'],
	['Maximum', 'merge'],
	['Minimum', 'merge'],
	['Subtract', 'merge'],
	['ZeroPadding2D', 'pad'],
	['Cropping2D', 'pad'],
	['Reshape', 'reshape'],
	['Permute', 'reshape'],
	['Model', 'model'],
	['Functional', 'model'],
	['Sequential', 'model'],
]);

/** The activation function of an activation-like layer class (LeakyReLU -> leakyReLU). */
const ACTIVATION_NAMES: ReadonlyMap<string, string> = new Map([
	['LeakyReLU', 'leakyReLU'],
	['ELU', 'elu'],
	['PReLU', 'prelu'],
	['ThresholdedReLU', 'thresholdedReLU'],
]);

/** The layer's kind from its class and config (an Activation or ReLU layer's kind depends on its function). */
export function kindOf(className: string, activation: string | undefined, maxValue?: unknown): LayerKind {
	if (className === 'ReLU') return typeof maxValue === 'number' ? 'activation' : 'relu';
	if (className === 'Activation') return activation === 'relu' ? 'relu' : activation === 'softmax' ? 'softmax' : 'activation';
	return KINDS.get(className) ?? 'other';
}

/** A number pair from a Keras config value (a number or a list of two). */
function pairOf(value: unknown, fallback: [number, number]): [number, number] {
	if (typeof value === 'number') return [value, value];
	if (Array.isArray(value) && typeof value[0] === 'number' && typeof value[1] === 'number') return [value[0], value[1]];
	return fallback;
}

/** The output shape without its batch dimension: the tensor's when known, else the layer's (0 where open or unknown). */
function shapeOf(layer: Layer, output: SymbolicTensor | null): number[] {
	let full: unknown[] = [];
	if (output) full = output.shape;
	else {
		try {
			const out = layer.outputShape;
			full = Array.isArray(out[0]) ? out[0] : out;
		} catch {
			// A shared layer with outputs of different shapes has no single shape.
		}
	}
	return full.slice(1).map((d) => (typeof d === 'number' ? d : 0));
}

/** The function an activation-like layer applies: Activation's config, ReLU with a ceiling (relu6), or the class's own. */
function activationOf(className: string, config: Record<string, unknown>): string | undefined {
	if (className === 'ReLU' && typeof config.maxValue === 'number') return config.maxValue === 6 ? 'relu6' : `relu(max ${config.maxValue})`;
	const own = ACTIVATION_NAMES.get(className);
	if (own !== undefined) return own;
	const raw = typeof config.activation === 'string' ? config.activation : undefined;
	return raw === 'linear' && className !== 'Activation' ? undefined : raw;
}

/** Copies the kernel and bias of conv (Conv2D), depthwise and dense layers into the description. */
function copyWeights(info: LayerInfo, layer: Layer): void {
	const copies = info.kind === 'dense' || info.kind === 'depthwise' || (info.kind === 'conv' && info.className === 'Conv2D');
	if (!copies) return;
	const [kernel, bias] = layer.getWeights();
	if (kernel) info.kernel = { shape: kernel.shape.slice(), data: Float32Array.from(kernel.dataSync()) };
	if (bias) info.bias = Float32Array.from(bias.dataSync());
}

/**
 * Describes one layer at nesting `depth` whose output in the graph the engine runs is `output`
 * (null when the layer has no single one, e.g. a shared layer): kind, output shape, parameters,
 * copies of its kernel and bias, pooling window, channels carried. `source` and `children` are
 * filled by the caller, which knows the other layers.
 */
export function describeLayer(layer: Layer, output: SymbolicTensor | null, depth: number): LayerInfo {
	const className = layer.getClassName();
	const config = layer.getConfig();
	const activation = activationOf(className, config);
	const kind = kindOf(className, activation, config.maxValue);
	const shape = shapeOf(layer, output);
	const info: LayerInfo = { name: layer.name, className, kind, shape, size: shape.reduce((a, b) => a * b, 1), params: layer.countParams(), depth };
	if (activation !== undefined && kind !== 'relu' && kind !== 'softmax') info.activation = activation;
	copyWeights(info, layer);
	if (kind === 'pool') {
		const size = pairOf(config.poolSize, [2, 2]);
		info.pool = { size, strides: pairOf(config.strides ?? config.poolSize, size), type: className === 'MaxPooling2D' ? 'max' : 'avg' };
	}
	const [h, w, c] = shape;
	if (shape.length === 3 && h !== undefined && w !== undefined && c !== undefined) info.channels = mapChannels(h, w, c);
	return info;
}

/** Kinds that keep a conv's maps one for one (same channels), so their channel k still comes from the conv's filter k. */
const KEEPS_MAPS: ReadonlySet<LayerKind> = new Set<LayerKind>(['relu', 'activation', 'pool', 'norm', 'dropout']);

/**
 * The `source` of `info` whose input is the entry `inputIndex` (or null): that entry when it is a
 * Conv2D of the same channels, or that entry's own source when it keeps maps too.
 */
export function sourceOf(info: LayerInfo, inputIndex: number | null, all: readonly LayerInfo[]): number | undefined {
	if (!KEEPS_MAPS.has(info.kind) || info.shape.length !== 3 || inputIndex === null) return undefined;
	const input = all[inputIndex];
	if (!input || input.shape[2] !== info.shape[2]) return undefined;
	if (input.kind === 'conv' && input.className === 'Conv2D') return inputIndex;
	return KEEPS_MAPS.has(input.kind) ? input.source : undefined;
}
