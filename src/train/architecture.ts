/**
 * A `cnn-train` block's `layers` list planned for an input and a number of classes: every layer's
 * output shape and parameter count, as tfjs Layers builds the same Sequential model (checked by
 * tests/train/architecture-tfjs.test.ts), and the forward multiply-adds of one picture that bound
 * the work of a batch. Pure: no tfjs, no DOM, no translation; never throws.
 */
import { convOutputSize } from '../cnn';
import type { Problem, Result } from '../result';
import { parseLayerItems, splitLayerItems, type LayerSpec } from './layer-items';

export { LAYER_LIMITS, LAYER_WORDS, LEAKY_ALPHA, MAX_ITEM_LENGTH, MAX_LAYER_ITEMS, normaliseItem, parseLayerItem, parseLayerItems, splitLayerItems, type LayerSpec, type LayerText, type LayerWord } from './layer-items';

/** Most trainable parameters (weights and biases) a planned network may have: small enough to train in the note in seconds. */
export const MAX_PARAMS = 200_000;
/**
 * Most forward multiply-adds one training batch may take (Architecture.macs x batch): the model
 * worker answers between batches only, and ~6 M multiply-adds a batch take 25-80 ms in Chromium,
 * so a batch at this budget stays within seconds (the default digits plan, 0.19 M a picture x 32,
 * is 6.1 M).
 */
export const MAX_BATCH_MACS = 200_000_000;
/** Fewest and most classes a network is planned for. */
export const MIN_CLASSES = 2;
export const MAX_CLASSES = 1000;

/** One planned layer: its options, its output shape ([h, w, c] maps or [n] values) and parameter count. */
export type PlannedLayer = (Exclude<LayerSpec, { kind: 'dense' }> | { kind: 'dense'; units: number; softmax: boolean }) & {
	/** Output shape of one picture: [height, width, channels] or [values]. */
	shape: number[];
	/** Trainable parameters: weights plus biases. */
	params: number;
	/** true for a layer the plan inserted (a flatten before the first dense, the final dense with softmax). */
	added: boolean;
	/** 0-based place of the item it comes from in the list, or null for an added layer. */
	item: number | null;
};

/** A planned network: its input, its layers in order, the total of their parameters and the forward multiply-adds of one picture. */
export interface Architecture {
	input: [number, number, number];
	layers: PlannedLayer[];
	params: number;
	/** Forward multiply-adds for one picture: conv outH*outW*filters*size*size*inChannels, dense inputs*units, other layers 0. */
	macs: number;
}

/** A shape as messages show it: `13x13x8` for maps, `400` for values. */
export function shapeText(shape: readonly number[]): string {
	return shape.join('x');
}

/** The problem of item `index` (0-based) of the list, with its text. */
function problemAt(code: Problem['code'], index: number, items: readonly string[], vars: Record<string, string | number>): Problem {
	return { code, vars: { index: index + 1, item: items[index] ?? '', ...vars } };
}

/** A planned layer's output, or the problem that stops the plan. */
type Step = { ok: true; layer: PlannedLayer } | { ok: false; problem: Problem };

/** Plans one written layer on an input `shape`. */
function planLayer(spec: LayerSpec, shape: number[], index: number, last: boolean, classes: number, items: readonly string[]): Step {
	const [h = 0, w = 0, c = 0] = shape;
	const at = { added: false, item: index };
	const mapsOnly = (): Step => ({ ok: false, problem: problemAt('train.layers.afterFlat', index, items, { input: shapeText(shape) }) });
	switch (spec.kind) {
		case 'conv': {
			if (shape.length !== 3) return mapsOnly();
			const { size, stride, padding } = spec;
			if (padding === 'valid' && (h < size || w < size)) {
				return { ok: false, problem: problemAt('train.layers.convTooLarge', index, items, { size: `${size}x${size}`, input: shapeText(shape) }) };
			}
			const out = [convOutputSize(h, size, { stride, padding }), convOutputSize(w, size, { stride, padding }), spec.filters];
			return { ok: true, layer: { ...spec, ...at, shape: out, params: size * size * c * spec.filters + spec.filters } };
		}
		case 'pool': {
			if (shape.length !== 3) return mapsOnly();
			if (h < spec.size || w < spec.size) {
				return { ok: false, problem: problemAt('train.layers.poolTooLarge', index, items, { size: `${spec.size}x${spec.size}`, input: shapeText(shape) }) };
			}
			const out = [convOutputSize(h, spec.size, { stride: spec.size }), convOutputSize(w, spec.size, { stride: spec.size }), c];
			return { ok: true, layer: { ...spec, ...at, shape: out, params: 0 } };
		}
		case 'flatten':
			return { ok: true, layer: { ...spec, ...at, shape: [size(shape)], params: 0 } };
		case 'dense': {
			if (spec.units === 'classes' && !last) return { ok: false, problem: problemAt('train.layers.denseUnits', index, items, {}) };
			const units = spec.units === 'classes' ? classes : spec.units;
			const layer: PlannedLayer = { kind: 'dense', units, softmax: last && units === classes, ...at, shape: [units], params: size(shape) * units + units };
			return { ok: true, layer };
		}
		default:
			return { ok: true, layer: { ...spec, ...at, shape: [...shape], params: 0 } };
	}
}

/** Number of values in a shape. */
function size(shape: readonly number[]): number {
	return shape.reduce((a, b) => a * b, 1);
}

/** Forward multiply-adds of a planned layer for one picture whose input to it is `input`: conv and dense only. */
function layerMacs(layer: PlannedLayer, input: readonly number[]): number {
	if (layer.kind === 'conv') return size(layer.shape) * layer.size * layer.size * (input[2] ?? 0);
	if (layer.kind === 'dense') return size(input) * layer.units;
	return 0;
}

/** An inserted flatten on `shape`. */
function addedFlatten(shape: readonly number[]): PlannedLayer {
	return { kind: 'flatten', shape: [size(shape)], params: 0, added: true, item: null };
}

/**
 * Plans written layers on an input [height, width, channels] for `classes` classes: a flatten is
 * inserted before the first dense layer that follows maps, and a final dense layer with one unit per
 * class and softmax is added unless the list ends with one (a last `dense` without units is that
 * layer). Problems (with the shapes): a conv or pool larger than its input, a conv or pool after the
 * values were flattened, a `dense` without units before the end, more than MAX_PARAMS parameters.
 */
export function planLayers(specs: readonly LayerSpec[], input: readonly [number, number, number], classes: number, items: readonly string[] = []): Result<Architecture> {
	if (!Number.isInteger(classes) || classes < MIN_CLASSES || classes > MAX_CLASSES) {
		return { ok: false, errors: [{ code: 'train.layers.classes', vars: { count: Number.isFinite(classes) ? classes : String(classes), min: MIN_CLASSES, max: MAX_CLASSES } }] };
	}
	if (specs.length === 0) return { ok: false, errors: [{ code: 'train.layers.empty', vars: {} }] };
	let shape: number[] = [...input];
	const layers: PlannedLayer[] = [];
	let macs = 0;
	for (const [index, spec] of specs.entries()) {
		if (spec.kind === 'dense' && shape.length === 3) {
			const flatten = addedFlatten(shape);
			layers.push(flatten);
			shape = flatten.shape;
		}
		const step = planLayer(spec, shape, index, index === specs.length - 1, classes, items);
		if (!step.ok) return { ok: false, errors: [step.problem] };
		layers.push(step.layer);
		macs += layerMacs(step.layer, shape);
		shape = step.layer.shape;
	}
	const end = layers[layers.length - 1];
	if (end?.kind !== 'dense' || !end.softmax) {
		if (shape.length === 3) {
			const flatten = addedFlatten(shape);
			layers.push(flatten);
			shape = flatten.shape;
		}
		layers.push({ kind: 'dense', units: classes, softmax: true, shape: [classes], params: size(shape) * classes + classes, added: true, item: null });
		macs += size(shape) * classes;
	}
	const params = layers.reduce((sum, l) => sum + l.params, 0);
	if (params > MAX_PARAMS) {
		const largest = layers.reduce((a, b) => (b.params > a.params ? b : a));
		const name = largest.item === null ? `dense ${classes}` : (items[largest.item] ?? largest.kind);
		return { ok: false, errors: [{ code: 'train.layers.tooManyParams', vars: { params, max: MAX_PARAMS, layer: name, layerParams: largest.params } }] };
	}
	return { ok: true, value: { input: [...input], layers, params, macs } };
}

/** Millions with one decimal, rounded up (a total over the budget never reads as equal to it), as the work messages show multiply-adds. */
function millions(n: number): number {
	return Math.ceil(n / 100_000) / 10;
}

/**
 * The problem of training `arch` with batches of `batch` pictures when one batch takes more than
 * MAX_BATCH_MACS forward multiply-adds (vars in millions: macs a picture, total a batch, max; fits:
 * the largest batch within the budget), else null. When one picture alone is over the budget the
 * problem says so (a smaller batch cannot help).
 */
export function batchWorkProblem(arch: Architecture, batch: number): Problem | null {
	const total = arch.macs * batch;
	if (total <= MAX_BATCH_MACS) return null;
	const fits = Math.floor(MAX_BATCH_MACS / arch.macs);
	const vars = { macs: millions(arch.macs), batch, total: millions(total), max: millions(MAX_BATCH_MACS) };
	return fits >= 1 ? { code: 'train.layers.tooMuchWork', vars: { ...vars, fits } } : { code: 'train.layers.tooMuchWorkPicture', vars };
}

/**
 * Reads and plans a `layers` list (texts such as `conv 8 3`, see layer-items.ts; split on commas
 * and normalised, at most MAX_LAYER_ITEMS) on an input [height, width, channels] for `classes`
 * classes; the problems of every item, else of the plan.
 */
export function planArchitecture(items: readonly string[], input: readonly [number, number, number], classes: number): Result<Architecture> {
	try {
		const split = splitLayerItems(items);
		if (!split.ok) return split;
		const texts = split.value.map((i) => i.text);
		const read = parseLayerItems(texts);
		return read.ok ? planLayers(read.value, input, classes, texts) : read;
	} catch (e) {
		return { ok: false, errors: [{ code: 'block.unexpected', vars: {}, detail: e instanceof Error ? e.message : String(e) }] };
	}
}
