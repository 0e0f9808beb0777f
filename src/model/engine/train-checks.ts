/**
 * The checks of a trainStart request, before the engine builds anything: the pictures the page
 * sent (shapes, counts, labels and indices in range), the layer list (each layer's options, the
 * shapes it makes, the last dense layer with one unit per class, the parameter count) and the
 * settings (epochs, batch, learning rate, seed). The page's block checks the same things in the
 * student's words; a request that fails here is a fault of the page, answered as the problem
 * train.error.request (naming the field, the value and what was expected), never thrown. Each
 * check takes time proportional to what was sent.
 */
import { convOutputSize } from '../../cnn';
import { clip } from '../../i18n/clip';
import type { Problem } from '../../result';
import { MAX_PARAMS } from '../../train/architecture';
import { LAYER_LIMITS } from '../../train/layer-items';
import type { ModelFiles } from '../artifacts';
import { MAX_CLASSES, MAX_INPUT_SIDE, MAX_WEIGHT_BYTES, MIN_CLASSES, MIN_INPUT_SIDE, TRAIN_LIMITS } from '../limits';
import type { TrainOptions, TrainSource } from '../host/protocol';
import type { TrainLayer } from './trainer';

/** The pictures of a training, checked: `count` pictures of `input`, labels below `classes`, indices below `count`. */
export interface TrainData {
	input: [number, number, number];
	classes: number;
	count: number;
	/** count * h * w * c bytes; byte / 255 is the value the model sees. */
	pixels: Uint8Array;
	labels: Int32Array;
	train: Int32Array;
	validation: Int32Array;
}

/** The problem of a field of the request: its name, the value received (shown short) and what was expected. */
export function badField(name: string, received: unknown, allowed: string): Problem {
	let shown: string;
	try {
		shown = typeof received === 'object' && received !== null ? Object.prototype.toString.call(received) : String(received);
	} catch {
		shown = '?';
	}
	return { code: 'train.error.request', vars: { name, received: clip(shown), allowed }, detail: `${name}: ${shown} (expected ${allowed})` };
}

/** true for a whole number from min to max. */
function wholeIn(value: unknown, min: number, max: number): value is number {
	return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;
}

/** The problem of a number that is not whole within [min, max], or null. */
function checkWhole(name: string, value: unknown, min: number, max: number): Problem | null {
	return wholeIn(value, min, max) ? null : badField(name, value, `a whole number from ${min} to ${max}`);
}

/** The first index of `indices` outside [0, count), as a problem; null when all are inside. */
export function checkIndices(name: string, indices: ArrayLike<number>, count: number): Problem | null {
	for (let i = 0; i < indices.length; i++) {
		const v = indices[i];
		if (!wholeIn(v, 0, count - 1)) return badField(`${name}[${i}]`, v, `a picture index from 0 to ${count - 1}`);
	}
	return null;
}

/** A page's pictures (source kind 'pictures') checked and taken as they are (no copy), or the first problem. */
export function checkPictures(source: Extract<TrainSource, { kind: 'pictures' }>): { ok: true; data: TrainData } | { ok: false; problem: Problem } {
	const bad = (problem: Problem): { ok: false; problem: Problem } => ({ ok: false, problem });
	const { input, classes, pixels, labels, train, validation } = source;
	if (!Array.isArray(input) || input.length !== 3) return bad(badField('source.input', input, '[height, width, channels]'));
	const [h, w, c] = input;
	if (!wholeIn(h, MIN_INPUT_SIDE, MAX_INPUT_SIDE) || !wholeIn(w, MIN_INPUT_SIDE, MAX_INPUT_SIDE)) return bad(badField('source.input', input.join('x'), `sides from ${MIN_INPUT_SIDE} to ${MAX_INPUT_SIDE}`));
	if (c !== 1 && c !== 3) return bad(badField('source.input', input.join('x'), '1 or 3 channels'));
	if (!wholeIn(classes, MIN_CLASSES, MAX_CLASSES)) {
		return bad({ code: 'train.layers.classes', vars: { count: typeof classes === 'number' && Number.isFinite(classes) ? classes : String(classes), min: MIN_CLASSES, max: MAX_CLASSES } });
	}
	if (!(labels instanceof Int32Array)) return bad(badField('source.labels', labels, 'an Int32Array'));
	const count = labels.length;
	if (count < 2 || count > TRAIN_LIMITS.pictures) return bad(badField('source.labels.length', count, `from 2 to ${TRAIN_LIMITS.pictures} pictures`));
	const size = h * w * c;
	if (count * size > TRAIN_LIMITS.bytes) return bad(badField('source.pixels.length', count * size, `at most ${TRAIN_LIMITS.bytes} bytes`));
	if (!(pixels instanceof Uint8Array)) return bad(badField('source.pixels', pixels, 'a Uint8Array'));
	if (pixels.length !== count * size) return bad(badField('source.pixels.length', pixels.length, `${count} x ${h}x${w}x${c} = ${count * size} bytes`));
	for (let i = 0; i < count; i++) {
		const label = labels[i] ?? -1;
		if (label < 0 || label >= classes) return bad(badField(`source.labels[${i}]`, label, `a class from 0 to ${classes - 1}`));
	}
	for (const [name, indices] of [['source.train', train], ['source.validation', validation]] as const) {
		if (!(indices instanceof Int32Array) || indices.length === 0 || indices.length > count) return bad(badField(name, indices, `an Int32Array of 1 to ${count} picture indices`));
		const wrong = checkIndices(name, indices, count);
		if (wrong) return bad(wrong);
	}
	return { ok: true, data: { input: [h, w, c], classes, count, pixels, labels, train, validation } };
}

/** Trainable parameters of a layer on an input `shape` (only conv and dense layers have any). */
function paramsOf(layer: TrainLayer, shape: readonly number[]): number {
	if (layer.kind === 'conv') return layer.size * layer.size * (shape[2] ?? 0) * layer.filters + layer.filters;
	if (layer.kind === 'dense') return (shape[0] ?? 0) * layer.units + layer.units;
	return 0;
}

/** One layer's options checked, and its output shape on `shape`; or the problem. */
function layerOutput(layer: TrainLayer, at: string, shape: number[], last: boolean, classes: number): number[] | Problem {
	const maps = (): Problem => badField(at, `${layer.kind} on ${shape.join('x')} values`, 'a flatten layer between maps and dense layers, and conv or pool layers on maps only');
	switch (layer.kind) {
		case 'conv': {
			const limits = LAYER_LIMITS;
			const wrong =
				checkWhole(`${at}.filters`, layer.filters, limits.filters.min, limits.filters.max) ??
				checkWhole(`${at}.size`, layer.size, limits.size.min, limits.size.max) ??
				checkWhole(`${at}.stride`, layer.stride, limits.stride.min, limits.stride.max) ??
				(layer.padding === 'valid' || layer.padding === 'same' ? null : badField(`${at}.padding`, layer.padding, 'valid or same'));
			if (wrong) return wrong;
			if (shape.length !== 3) return maps();
			const [h = 0, w = 0] = shape;
			if (layer.padding === 'valid' && (h < layer.size || w < layer.size)) return badField(at, `conv ${layer.size}x${layer.size} on ${shape.join('x')}`, 'a kernel no larger than its input');
			return [convOutputSize(h, layer.size, { stride: layer.stride, padding: layer.padding }), convOutputSize(w, layer.size, { stride: layer.stride, padding: layer.padding }), layer.filters];
		}
		case 'pool': {
			const wrong =
				checkWhole(`${at}.size`, layer.size, LAYER_LIMITS.poolSize.min, LAYER_LIMITS.poolSize.max) ??
				(layer.type === 'max' || layer.type === 'avg' ? null : badField(`${at}.type`, layer.type, 'max or avg'));
			if (wrong) return wrong;
			if (shape.length !== 3) return maps();
			const [h = 0, w = 0, c = 0] = shape;
			if (h < layer.size || w < layer.size) return badField(at, `pool ${layer.size}x${layer.size} on ${shape.join('x')}`, 'a pool no larger than its input');
			return [convOutputSize(h, layer.size, { stride: layer.size }), convOutputSize(w, layer.size, { stride: layer.size }), c];
		}
		case 'activation': {
			if (!['relu', 'leaky-relu', 'tanh', 'sigmoid'].includes(layer.fn)) return badField(`${at}.fn`, layer.fn, 'relu, leaky-relu, tanh or sigmoid');
			if (layer.alpha !== undefined && !(typeof layer.alpha === 'number' && layer.alpha >= 0 && layer.alpha <= 1)) return badField(`${at}.alpha`, layer.alpha, 'a number from 0 to 1');
			return shape;
		}
		case 'dropout':
			return typeof layer.rate === 'number' && layer.rate >= LAYER_LIMITS.rate.min && layer.rate < LAYER_LIMITS.rate.max ? shape : badField(`${at}.rate`, layer.rate, 'a number from 0 up to (not including) 1');
		case 'flatten':
			return [shape.reduce((a, b) => a * b, 1)];
		case 'dense': {
			const wrong = checkWhole(`${at}.units`, layer.units, 1, Math.max(LAYER_LIMITS.units.max, MAX_CLASSES));
			if (wrong) return wrong;
			if (shape.length !== 1) return maps();
			if (last && layer.units !== classes) return badField(`${at}.units`, layer.units, `${classes} (one unit per class)`);
			return [layer.units];
		}
		default:
			return badField(at, (layer as { kind?: unknown }).kind, 'conv, activation, pool, dropout, flatten or dense');
	}
}

/** The layer list checked on an input and a number of classes: each layer, the shapes, a last dense layer of `classes` units, at most MAX_PARAMS parameters. */
export function checkLayers(layers: unknown, input: readonly [number, number, number], classes: number): Problem | null {
	if (!Array.isArray(layers) || layers.length === 0 || layers.length > TRAIN_LIMITS.layers) return badField('options.layers', layers, `a list of 1 to ${TRAIN_LIMITS.layers} layers`);
	let shape: number[] = [...input];
	let params = 0;
	for (const [i, layer] of (layers as TrainLayer[]).entries()) {
		const at = `options.layers[${i}]`;
		if (typeof layer !== 'object' || layer === null) return badField(at, layer, 'a layer');
		const last = i === layers.length - 1;
		if (last && layer.kind !== 'dense') return badField(at, layer.kind, `a dense layer of ${classes} units (one per class) last`);
		const out = layerOutput(layer, at, shape, last, classes);
		if (!Array.isArray(out)) return out;
		params += paramsOf(layer, shape);
		shape = out;
	}
	return params > MAX_PARAMS ? badField('options.layers', `${params} parameters`, `at most ${MAX_PARAMS} parameters`) : null;
}

/** The saved model of `resume` checked as far as it can be without tfjs: a topology, weight entries and at most MAX_WEIGHT_BYTES of weights. */
function checkResume(resume: ModelFiles): Problem | null {
	if (typeof resume !== 'object' || resume === null) return badField('options.resume', resume, 'model files');
	if (typeof resume.modelTopology !== 'object' || resume.modelTopology === null) return badField('options.resume.modelTopology', resume.modelTopology, 'a Layers model topology');
	if (!Array.isArray(resume.weightSpecs)) return badField('options.resume.weightSpecs', resume.weightSpecs, 'a list of weight entries');
	if (!(resume.weightData instanceof ArrayBuffer)) return badField('options.resume.weightData', resume.weightData, 'an ArrayBuffer');
	if (resume.weightData.byteLength > MAX_WEIGHT_BYTES) return badField('options.resume.weightData', `${resume.weightData.byteLength} bytes`, `at most ${MAX_WEIGHT_BYTES} bytes`);
	return null;
}

/** The settings of a training checked (the layers are checked with the data, by checkLayers). */
export function checkOptions(options: TrainOptions): Problem | null {
	if (typeof options !== 'object' || options === null) return badField('options', options, 'training options');
	const { epochs, batch, learningRate } = TRAIN_LIMITS;
	return (
		checkWhole('options.epochs', options.epochs, epochs.min, epochs.max) ??
		checkWhole('options.batch', options.batch, batch.min, batch.max) ??
		(typeof options.learningRate === 'number' && options.learningRate > learningRate.min && options.learningRate <= learningRate.max
			? null
			: badField('options.learningRate', options.learningRate, `a number greater than ${learningRate.min} and at most ${learningRate.max}`)) ??
		checkWhole('options.seed', options.seed, 0, 2 ** 31 - 1) ??
		(typeof options.augment === 'boolean' ? null : badField('options.augment', options.augment, 'true or false')) ??
		(options.resume === undefined ? null : checkResume(options.resume))
	);
}
