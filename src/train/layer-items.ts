/**
 * The items of a `cnn-train` block's `layers` list, text -> typed layer: `conv 8 3`, `relu`,
 * `pool max 2`, `dropout 0.25`, `dense 64`, `flatten`. Pure (no tfjs, no DOM, no translation):
 * problems are message keys with their variables. Never throws.
 */
import { closest } from '../blocks/suggest';
import type { Problem, Result } from '../result';

/** The words a layer item may start with. */
export const LAYER_WORDS = ['conv', 'relu', 'leaky-relu', 'tanh', 'sigmoid', 'pool', 'dropout', 'dense', 'flatten'] as const;

/** The first word of a layer item. */
export type LayerWord = (typeof LAYER_WORDS)[number];

/** The activations a layer item may name; leaky-relu uses LEAKY_RELU_ALPHA as src/cnn does. */
export type LayerActivation = 'relu' | 'leaky-relu' | 'tanh' | 'sigmoid';

/** The negative slope of `leaky-relu` (0.2, as tf.leakyRelu and src/cnn's activate). */
export const LEAKY_ALPHA = 0.2;

/** Most items a `layers` list may hold (after splitting on commas). */
export const MAX_LAYER_ITEMS = 32;
/** Longest item text, in characters. */
export const MAX_ITEM_LENGTH = 60;

/** The allowed range of every number of an item, inclusive (a dropout rate stays below its max). */
export const LAYER_LIMITS = {
	filters: { min: 1, max: 64 },
	size: { min: 1, max: 7 },
	stride: { min: 1, max: 4 },
	poolSize: { min: 2, max: 4 },
	units: { min: 1, max: 512 },
	rate: { min: 0, max: 1 },
} as const;

/** A number of an item, naming the message of its range error. */
export type LayerPart = keyof typeof LAYER_LIMITS;

/** One layer as written: its kind and options. A dense layer's units are 'classes' when not written (one unit per class). */
export type LayerSpec =
	| { kind: 'conv'; filters: number; size: number; stride: number; padding: 'valid' | 'same' }
	| { kind: 'relu' | 'tanh' | 'sigmoid' }
	| { kind: 'leaky-relu'; alpha: number }
	| { kind: 'pool'; type: 'max' | 'avg'; size: number }
	| { kind: 'dropout'; rate: number }
	| { kind: 'flatten' }
	| { kind: 'dense'; units: number | 'classes' };

/** An item's text as the block keeps it, and the 0-based entry of the YAML list it was written in. */
export interface LayerText {
	text: string;
	entry: number;
}

/** A numeral as written in an item (already lower case): `8`, `0.25`, `.5`, `1e3`. */
const NUMERAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?$/;

/** An item normalised: trimmed, lower case, `_` as `-`, one space between words, the Unicode minus as `-`. */
export function normaliseItem(text: string): string {
	return text.trim().toLowerCase().replace(/\u2212/g, '-').replace(/_/g, '-').split(/\s+/).join(' ');
}

/** The problem of item `index` (0-based) of the list, with the item's text; `index` is 1-based in the message. */
function itemProblem(code: Problem['code'], index: number, item: string, vars: Record<string, string | number> = {}): Problem {
	return { code, vars: { index: index + 1, item: clipItem(item), ...vars } };
}

/** An item's text cut for a message. */
function clipItem(text: string): string {
	return text.length > MAX_ITEM_LENGTH ? `${text.slice(0, MAX_ITEM_LENGTH - 1)}…` : text;
}

/**
 * The items of a `layers` value: a YAML list of texts or one text, each split on commas and
 * normalised; problems for anything else, an empty list, more than MAX_LAYER_ITEMS items (checked
 * while splitting, so a 10,000-item list stops at the bound) or an item that is not text.
 */
export function splitLayerItems(raw: unknown): Result<LayerText[]> {
	const entries: unknown[] = Array.isArray(raw) ? raw : [raw];
	if (!Array.isArray(raw) && typeof raw !== 'string') return { ok: false, errors: [{ code: 'train.layers.notList', vars: { received: shown(raw) } }] };
	const items: LayerText[] = [];
	const errors: Problem[] = [];
	for (let entry = 0; entry < entries.length; entry++) {
		const value = entries[entry];
		if (typeof value !== 'string') {
			errors.push({ code: 'train.layers.notText', vars: { index: entry + 1, received: shown(value) } });
			continue;
		}
		for (const part of value.split(',')) {
			const text = normaliseItem(part);
			if (text === '') continue;
			if (items.length >= MAX_LAYER_ITEMS) return { ok: false, errors: [{ code: 'train.layers.tooMany', vars: { max: MAX_LAYER_ITEMS } }] };
			items.push({ text, entry });
		}
	}
	if (errors.length > 0) return { ok: false, errors };
	if (items.length === 0) return { ok: false, errors: [{ code: 'train.layers.empty', vars: {} }] };
	return { ok: true, value: items };
}

/** A value shown in a message: texts in quotes and cut, other values as JSON, cut. */
function shown(value: unknown): string {
	if (typeof value === 'string') return JSON.stringify(clipItem(value));
	if (typeof value === 'number') return String(value);
	let text: string;
	try {
		text = JSON.stringify(value) ?? String(value);
	} catch {
		text = String(typeof value);
	}
	return clipItem(text);
}

/** A number of an item in its part's range (whole unless the part is the rate); undefined after pushing the part's error. */
function readPart(token: string | undefined, part: LayerPart, index: number, item: string, errors: Problem[]): number | undefined {
	const { min, max } = LAYER_LIMITS[part];
	const value = token !== undefined && token.length <= 40 && NUMERAL.test(token) ? Number(token) : NaN;
	const fits = part === 'rate' ? value >= min && value < max : Number.isInteger(value) && value >= min && value <= max;
	if (Number.isFinite(value) && fits) return value;
	errors.push(itemProblem(`train.layers.${part}`, index, item, { received: token ?? '', min, max }));
	return undefined;
}

/** A syntax problem of item `index`, with the layer word whose usage is shown. */
function syntax(index: number, item: string, kind: LayerWord, errors: Problem[]): undefined {
	errors.push(itemProblem('train.layers.syntax', index, item, { kind }));
	return undefined;
}

/** `conv FILTERS SIZE [stride S | S] [same | valid]`, the options in any order after the size. */
function readConv(tokens: string[], index: number, item: string, errors: Problem[]): LayerSpec | undefined {
	if (tokens.length < 3) return syntax(index, item, 'conv', errors);
	const filters = readPart(tokens[1], 'filters', index, item, errors);
	const size = readPart(tokens[2], 'size', index, item, errors);
	let stride: number | undefined;
	let padding: 'valid' | 'same' | undefined;
	for (let i = 3; i < tokens.length; i++) {
		const token = tokens[i] ?? '';
		if ((token === 'same' || token === 'valid') && padding === undefined) padding = token;
		else if (stride === undefined && (token === 'stride' || NUMERAL.test(token))) {
			const written = token === 'stride' ? tokens[++i] : token;
			stride = readPart(written, 'stride', index, item, errors) ?? 1;
		} else return syntax(index, item, 'conv', errors);
	}
	if (filters === undefined || size === undefined) return undefined;
	return { kind: 'conv', filters, size, stride: stride ?? 1, padding: padding ?? 'valid' };
}

/** `pool [max | avg] SIZE`, the type before or after the size. */
function readPool(tokens: string[], index: number, item: string, errors: Problem[]): LayerSpec | undefined {
	let type: 'max' | 'avg' | undefined;
	let sizeToken: string | undefined;
	for (const token of tokens.slice(1)) {
		if ((token === 'max' || token === 'avg') && type === undefined) type = token;
		else if (sizeToken === undefined && token !== 'max' && token !== 'avg') sizeToken = token;
		else return syntax(index, item, 'pool', errors);
	}
	if (sizeToken === undefined) return syntax(index, item, 'pool', errors);
	const size = readPart(sizeToken, 'poolSize', index, item, errors);
	return size === undefined ? undefined : { kind: 'pool', type: type ?? 'max', size };
}

/** Reads one normalised item (see normaliseItem); `index` is its 0-based place in the list, for messages. */
export function parseLayerItem(text: string, index: number): Result<LayerSpec> {
	const item = normaliseItem(text);
	const tokens = item.split(' ');
	const word = tokens[0] ?? '';
	const errors: Problem[] = [];
	let spec: LayerSpec | undefined;
	if (item.length > MAX_ITEM_LENGTH) {
		errors.push(itemProblem('train.layers.tooLong', index, item, { max: MAX_ITEM_LENGTH }));
	} else if (word === 'conv') {
		spec = readConv(tokens, index, item, errors);
	} else if (word === 'pool') {
		spec = readPool(tokens, index, item, errors);
	} else if (word === 'dropout') {
		const rate = tokens.length === 2 ? readPart(tokens[1], 'rate', index, item, errors) : syntax(index, item, 'dropout', errors);
		spec = rate === undefined ? undefined : { kind: 'dropout', rate };
	} else if (word === 'dense') {
		const units = tokens.length > 2 ? syntax(index, item, 'dense', errors) : tokens.length === 2 ? readPart(tokens[1], 'units', index, item, errors) : 'classes';
		spec = units === undefined ? undefined : { kind: 'dense', units };
	} else if (word === 'relu' || word === 'tanh' || word === 'sigmoid' || word === 'leaky-relu' || word === 'flatten') {
		if (tokens.length > 1) syntax(index, item, word, errors);
		else spec = word === 'leaky-relu' ? { kind: word, alpha: LEAKY_ALPHA } : { kind: word };
	} else if (word === 'softmax') {
		errors.push(itemProblem('train.layers.softmax', index, item));
	} else {
		const suggestion = closest(word, LAYER_WORDS);
		const problem = itemProblem('train.layers.unknown', index, item, { word: clipItem(word) });
		errors.push(suggestion === undefined ? problem : { ...problem, suggestion });
	}
	return spec !== undefined && errors.length === 0 ? { ok: true, value: spec } : { ok: false, errors };
}

/** Reads every item; all problems are reported together. */
export function parseLayerItems(items: readonly string[]): Result<LayerSpec[]> {
	const specs: LayerSpec[] = [];
	const errors: Problem[] = [];
	items.forEach((text, i) => {
		const read = parseLayerItem(text, i);
		if (read.ok) specs.push(read.value);
		else errors.push(...read.errors);
	});
	return errors.length > 0 ? { ok: false, errors } : { ok: true, value: specs };
}
