/** `cnn-train` blocks: source text -> TrainSpec (a checked training plan) or errors; trainPlan plans its layers for a class count. */
import '../i18n/train-messages';
import { VALUE_LIMIT } from '../cnn';
import { clip, t, type MessageKey } from '../i18n';
import { batchWorkProblem, MIN_CLASSES, planArchitecture, planLayers, splitLayerItems, parseLayerItems, type Architecture, type LayerSpec, type LayerText } from '../train/architecture';
import { describeResult } from './describe';
import { unexpected } from './fields';
import { parseWikiLink } from './link';
import { readYaml, type ValuePlace } from './source';
import { closest, suggestKey } from './suggest';
import { DIGITS_CLASSES, DIGITS_SIZE, TRAIN_KEY_ALIASES, TRAIN_KEYS, type RealNumberKey, type TrainData, type TrainSpec, type WholeByDataKey } from './train-keys';
import type { WholeNumberKey } from './classify-keys';
import type { Problem, Result, WikiLink } from './types';
import { blockError, checkBoolean, show, toNumber, valueProblemCode, type ValueAt } from './values';

/** A number from a YAML number or numeral, larger than VALUE_LIMIT too (a seed may be); undefined after pushing an error. */
function readNumber(raw: unknown, at: ValueAt, allowed: string, errors: Problem[]): number | undefined {
	const read = toNumber(raw);
	if ('value' in read) return read.value;
	// toNumber checked finiteness first: an out-of-range value is a finite number, read again without the limit.
	if (read.problem === 'outOfRange') return typeof raw === 'number' ? raw : Number(String(raw).trim().replace(/^\u2212/, '-'));
	errors.push(blockError(valueProblemCode(read.problem), { received: show(raw), limit: VALUE_LIMIT }, at, { allowed }));
	return undefined;
}

/** A whole number of `spec`'s range; undefined after pushing an error. */
function readWhole(raw: unknown, spec: WholeNumberKey | WholeByDataKey, at: ValueAt, errors: Problem[]): number | undefined {
	const allowed = t(spec.allowed, { min: spec.min, max: spec.max });
	const value = readNumber(raw, at, allowed, errors);
	if (value === undefined) return undefined;
	const received = show(raw);
	if (!Number.isInteger(value)) errors.push(blockError('block.value.notWhole', { received }, at, { allowed }));
	else if (value < spec.min) errors.push(blockError('block.value.tooSmall', { received, min: spec.min }, at, { allowed }));
	else if (value > spec.max) errors.push(blockError('block.value.tooLarge', { received, max: spec.max }, at, { allowed }));
	else return value;
	return undefined;
}

/** A number of `spec`'s range, each end included or not; undefined after pushing an error. */
function readReal(raw: unknown, spec: RealNumberKey, at: ValueAt, errors: Problem[]): number | undefined {
	const allowed = t(spec.allowed, { min: spec.min, max: spec.max });
	const value = readNumber(raw, at, allowed, errors);
	if (value === undefined) return undefined;
	const received = show(raw);
	if (spec.minIncluded ? value < spec.min : value <= spec.min) errors.push(blockError(spec.minIncluded ? 'block.value.tooSmall' : 'train.value.notAbove', { received, min: spec.min }, at, { allowed }));
	else if (spec.maxIncluded ? value > spec.max : value >= spec.max) errors.push(blockError(spec.maxIncluded ? 'block.value.tooLarge' : 'train.value.notBelow', { received, max: spec.max }, at, { allowed }));
	else return value;
	return undefined;
}

/** One of `values` (case-insensitive, with a suggestion for a near word); undefined after pushing an error. */
function readWord<W extends string>(raw: unknown, values: readonly W[], at: ValueAt, errors: Problem[]): W | undefined {
	const allowed = values.join(', ');
	if (raw === null || raw === undefined) {
		errors.push(blockError('block.value.missing', {}, at, { allowed }));
		return undefined;
	}
	const word = typeof raw === 'string' ? raw.trim().toLowerCase() : undefined;
	const match = values.find((v) => v === word);
	if (match !== undefined) return match;
	const suggestion = typeof raw === 'string' ? closest(raw, values) : undefined;
	errors.push(blockError('block.enum.invalid', { received: show(raw) }, at, suggestion === undefined ? { allowed } : { allowed, suggestion }));
	return undefined;
}

/** `digits` or a wiki-link to a folder; undefined after pushing an error. */
function readData(raw: unknown, at: ValueAt, errors: Problem[]): TrainData | undefined {
	const spec = TRAIN_KEYS.data;
	const allowed = t('block.allowed.classify.wordOrLink', { words: spec.words.join(', '), link: t(spec.link) });
	const link = parseWikiLink(raw);
	if (link !== null) return { kind: 'folder', link };
	if (raw === null || raw === undefined) {
		errors.push(blockError('block.value.missing', {}, at, { allowed }));
		return undefined;
	}
	const word = typeof raw === 'string' ? raw.trim().toLowerCase() : undefined;
	if (spec.words.some((w) => w === word)) return { kind: 'digits' };
	const suggestion = typeof raw === 'string' ? closest(raw, spec.words) : undefined;
	errors.push(blockError('block.enum.invalid', { received: show(raw) }, at, suggestion === undefined ? { allowed } : { allowed, suggestion }));
	return undefined;
}

/** A wiki-link (the `save` folder); undefined after pushing an error. */
function readLink(raw: unknown, at: ValueAt, errors: Problem[]): WikiLink | undefined {
	const allowed = t(TRAIN_KEYS.save.allowed);
	const link = parseWikiLink(raw);
	if (link !== null) return link;
	errors.push(raw === null || raw === undefined ? blockError('block.value.missing', {}, at, { allowed }) : blockError('block.link.invalid', { received: show(raw) }, at, { allowed }));
	return undefined;
}

/** How each layer problem is put right: the written form of its layer kind. */
const LAYER_USAGE: ReadonlyMap<string, MessageKey> = new Map<string, MessageKey>([
	['conv', 'train.usage.conv'],
	['train.layers.filters', 'train.usage.conv'],
	['train.layers.size', 'train.usage.conv'],
	['train.layers.stride', 'train.usage.conv'],
	['train.layers.convTooLarge', 'train.usage.conv'],
	['pool', 'train.usage.pool'],
	['train.layers.poolSize', 'train.usage.pool'],
	['train.layers.poolTooLarge', 'train.usage.pool'],
	['dropout', 'train.usage.dropout'],
	['train.layers.rate', 'train.usage.dropout'],
	['dense', 'train.usage.dense'],
	['train.layers.units', 'train.usage.dense'],
	['train.layers.denseUnits', 'train.usage.dense'],
]);

/** A problem of the `layers` list as a block error: the key, the line of its item when `place` is known, what is allowed. */
function layerError(problem: Problem, items: readonly LayerText[], place: ValuePlace | undefined): Problem {
	const kind = problem.code === 'train.layers.syntax' ? String(problem.vars.kind ?? '') : problem.code;
	const usage = LAYER_USAGE.get(kind);
	const allowed = usage !== undefined ? t(usage) : problem.code === 'train.layers.syntax' ? t('train.usage.alone', { kind }) : t('block.allowed.train.layers', { max: TRAIN_KEYS.layers.maxItems });
	const index = typeof problem.vars.index === 'number' ? problem.vars.index - 1 : undefined;
	const entry = problem.code === 'train.layers.notText' ? index : index === undefined ? undefined : items[index]?.entry;
	const line = place === undefined ? undefined : entry === undefined ? place.line : place.rowLine(entry);
	const error: Problem = { ...problem, vars: { key: 'layers', ...problem.vars }, key: 'layers', allowed };
	if (line !== undefined) error.line = line;
	return error;
}

/** The `layers` list read: its items (normalised, with their YAML entries) and their layers. */
interface ReadLayers {
	items: LayerText[];
	specs: LayerSpec[];
}

/** The `layers` list's items with their syntax checked; undefined after pushing errors. */
function readLayers(raw: unknown, place: ValuePlace, errors: Problem[]): ReadLayers | undefined {
	if (raw === null || raw === undefined) {
		errors.push(blockError('block.value.missing', {}, { key: 'layers', line: place.line }, { allowed: t('block.allowed.train.layers', { max: TRAIN_KEYS.layers.maxItems }) }));
		return undefined;
	}
	const split = splitLayerItems(raw);
	if (!split.ok) {
		errors.push(...split.errors.map((e) => layerError(e, [], place)));
		return undefined;
	}
	const read = parseLayerItems(split.value.map((i) => i.text));
	if (read.ok) return { items: split.value, specs: read.value };
	errors.push(...read.errors.map((e) => layerError(e, split.value, place)));
	return undefined;
}

/**
 * A batch over MAX_BATCH_MACS as a block error: on `batch`, with the batches that fit as what is
 * allowed, or on `layers` when one picture alone is over (a smaller batch cannot help).
 */
function workError(plan: Architecture, batch: number, placeOf: (key: string) => ValuePlace): Problem | null {
	const work = batchWorkProblem(plan, batch);
	if (work === null) return null;
	const fits = work.vars.fits;
	if (typeof fits !== 'number') return blockError(work.code, work.vars, { key: 'layers', line: placeOf('layers').line });
	return blockError(work.code, work.vars, { key: 'batch', line: placeOf('batch').line }, { allowed: t(TRAIN_KEYS.batch.allowed, { min: TRAIN_KEYS.batch.min, max: fits }) });
}

/**
 * The shape problems of the layers on the block's input, found before the classes are known: the
 * shapes do not depend on them. The digits have 10 classes, so their parameter budget is checked
 * too; a folder's is checked by trainPlan once its classes are counted. The work of one batch is
 * checked here for the fewest classes (the digits': 10): more classes only add to it, so a batch
 * over the budget is refused before any picture is read.
 */
function checkShapes(layers: ReadLayers, input: [number, number, number], digits: boolean, batch: number | undefined, placeOf: (key: string) => ValuePlace, errors: Problem[]): void {
	const planned = planLayers(layers.specs, input, digits ? DIGITS_CLASSES : MIN_CLASSES, layers.items.map((i) => i.text));
	if (planned.ok) {
		const work = batch === undefined ? null : workError(planned.value, batch, placeOf);
		if (work !== null) errors.push(work);
		return;
	}
	for (const e of planned.errors) if (digits || e.code !== 'train.layers.tooManyParams') errors.push(layerError(e, layers.items, placeOf('layers')));
}

/**
 * Parses a `cnn-train` block. Keys (all optional, see TRAIN_KEYS): data (digits or a link to a
 * folder with one subfolder per class), layers, epochs, batch, learning-rate, validation, augment,
 * save (a folder link), seed, input-size and channels (28 and gray for the digits, the only values
 * they allow; 32 and rgb by default for a folder). The layers' shapes are checked on that input
 * (and, for the digits, their parameters: 10 classes), and the work of one batch. Never throws.
 */
export function parseTrainBlock(source: string): Result<TrainSpec> {
	try {
		return describeResult(parseTrain(source), TRAIN_KEYS);
	} catch (e) {
		return unexpected(e);
	}
}

/** The place of a key that is not written. */
const NO_PLACE: ValuePlace = { line: undefined, rowLine: () => undefined, item: () => NO_PLACE };

/** parseTrainBlock without the safety net. */
function parseTrain(source: string): Result<TrainSpec> {
	let data: Record<string, unknown> = {};
	let placeOf: (key: string) => ValuePlace = () => NO_PLACE;
	if (!source.split(/\r?\n/).every((l) => l.trim() === '' || l.trim().startsWith('#'))) {
		const read = readYaml(source);
		if (!read.ok) return read;
		data = read.value.data;
		placeOf = (key) => read.value.lines.place(key);
	}
	const known = Object.keys(TRAIN_KEYS);
	const errors: Problem[] = [];
	const at = (key: string): ValueAt => ({ key, line: placeOf(key).line });
	for (const key of Object.keys(data)) {
		if (known.includes(key)) continue;
		const suggestion = TRAIN_KEY_ALIASES.get(key.trim().toLowerCase().replace(/[\s_]+/g, '-')) ?? suggestKey(key, known);
		const extra = { allowed: known.join(', '), ...(suggestion === undefined ? {} : { suggestion }) };
		errors.push(blockError('block.key.unknown', {}, { key: clip(key), line: placeOf(key).line }, extra));
	}
	const has = (key: string): boolean => Object.prototype.hasOwnProperty.call(data, key);
	const K = TRAIN_KEYS;

	const dataChoice = has('data') ? readData(data.data, at('data'), errors) : { kind: K.data.default };
	const defaultLayers = (): ReadLayers | undefined => readLayers([...K.layers.default], NO_PLACE, errors);
	const layers = has('layers') ? readLayers(data.layers, placeOf('layers'), errors) : defaultLayers();
	const epochs = has('epochs') ? readWhole(data.epochs, K.epochs, at('epochs'), errors) : K.epochs.default;
	const batch = has('batch') ? readWhole(data.batch, K.batch, at('batch'), errors) : K.batch.default;
	const learningRate = has('learning-rate') ? readReal(data['learning-rate'], K['learning-rate'], at('learning-rate'), errors) : K['learning-rate'].default;
	const validation = has('validation') ? readReal(data.validation, K.validation, at('validation'), errors) : K.validation.default;
	const augment = has('augment') ? checkBoolean(data.augment, K.augment, at('augment'), errors) : K.augment.default;
	const save = has('save') ? readLink(data.save, at('save'), errors) : undefined;
	const seed = has('seed') ? readWhole(data.seed, K.seed, at('seed'), errors) : K.seed.default;
	const from = dataChoice?.kind ?? 'digits';
	const inputSize = has('input-size') ? readWhole(data['input-size'], K['input-size'], at('input-size'), errors) : K['input-size'].defaults[from];
	const channels = has('channels') ? readWord(data.channels, K.channels.values, at('channels'), errors) : K.channels.defaults[from];
	if (dataChoice?.kind === 'digits' && inputSize !== undefined && inputSize !== DIGITS_SIZE) {
		errors.push(blockError('train.error.digitsSize', { received: inputSize }, at('input-size'), { allowed: String(DIGITS_SIZE) }));
	}
	if (dataChoice?.kind === 'digits' && channels !== undefined && channels !== K.channels.defaults.digits) {
		errors.push(blockError('train.error.digitsChannels', { received: channels }, at('channels'), { allowed: K.channels.defaults.digits }));
	}
	const digitsFit = dataChoice?.kind !== 'digits' || (inputSize === DIGITS_SIZE && channels === K.channels.defaults.digits);
	if (layers !== undefined && dataChoice !== undefined && inputSize !== undefined && channels !== undefined && digitsFit) {
		checkShapes(layers, [inputSize, inputSize, channels === 'rgb' ? 3 : 1], dataChoice.kind === 'digits', batch, placeOf, errors);
	}
	if (errors.length > 0 || dataChoice === undefined || layers === undefined || epochs === undefined || batch === undefined || learningRate === undefined) return { ok: false, errors };
	if (validation === undefined || augment === undefined || seed === undefined || inputSize === undefined || channels === undefined) return { ok: false, errors };
	const spec: TrainSpec = { data: dataChoice, layers: layers.items.map((i) => i.text), epochs, batch, learningRate, validation, augment, seed, inputSize, channels };
	if (save !== undefined) spec.save = save;
	return { ok: true, value: spec };
}

/**
 * The spec's layers planned for `classes` classes on its input [inputSize, inputSize, 1 or 3]:
 * every layer's output shape and parameters, with the added flatten and final dense layer
 * (src/train/architecture.ts); problems carry the `layers` key and what is allowed. A plan whose
 * batch (macs x batch) is over MAX_BATCH_MACS multiply-adds is refused too: with the `batch` key
 * and the batches that fit, or with `layers` when one picture alone is over. Never throws.
 */
export function trainPlan(spec: TrainSpec, classes: number): Result<Architecture> {
	const input: [number, number, number] = [spec.inputSize, spec.inputSize, spec.channels === 'rgb' ? 3 : 1];
	const planned = planArchitecture(spec.layers, input, classes);
	if (planned.ok) {
		const work = workError(planned.value, spec.batch, () => NO_PLACE);
		return work === null ? planned : describeResult({ ok: false, errors: [work] }, TRAIN_KEYS);
	}
	const items = spec.layers.map((text, entry) => ({ text, entry }));
	return describeResult({ ok: false, errors: planned.errors.map((e) => (e.code === 'block.unexpected' || e.code === 'train.layers.classes' ? e : layerError(e, items, undefined))) }, TRAIN_KEYS);
}
