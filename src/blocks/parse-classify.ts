/** `cnn-classify` blocks: source text -> ClassifySpec (model, input, parts to show) or errors. */
import { clip, t } from '../i18n';
import { CLASSIFY_KEYS, type ClassifyPart, type ClassifySpec, type InputChoice, type ModelChoice, type TextListKey, type WholeNumberKey, type WordKey, type WordListKey, type WordOrLinkKey } from './classify-keys';
import { describeResult } from './describe';
import { unexpected } from './fields';
import { parseWikiLink } from './link';
import { readYaml } from './source';
import { closest, suggestKey } from './suggest';
import type { Problem, Result, WikiLink } from './types';
import { blockError, checkWhole, show, type ValueAt } from './values';

/** What a word-or-link key allows, in the user's language. */
function wordOrLinkAllowed(spec: WordOrLinkKey): string {
	return t('block.allowed.classify.wordOrLink', { words: spec.words.join(', '), link: t(spec.link) });
}

/** A word of `spec.words` or a wiki-link; undefined after pushing an error (with a suggestion for a near word). */
function readWordOrLink<W extends string>(raw: unknown, spec: WordOrLinkKey<W>, at: ValueAt, errors: Problem[]): W | WikiLink | undefined {
	const allowed = wordOrLinkAllowed(spec);
	if (raw === null || raw === undefined) {
		errors.push(blockError('block.value.missing', {}, at, { allowed }));
		return undefined;
	}
	const link = parseWikiLink(raw);
	if (link !== null) return link;
	const word = typeof raw === 'string' ? raw.trim().toLowerCase() : undefined;
	const match = spec.words.find((w) => w === word);
	if (match !== undefined) return match;
	const suggestion = typeof raw === 'string' ? closest(raw, spec.words) : undefined;
	const code = at.key === 'model' ? 'classify.error.modelUnknown' : 'block.enum.invalid';
	errors.push(blockError(code, { received: show(raw) }, at, suggestion === undefined ? { allowed } : { allowed, suggestion }));
	return undefined;
}

/** One word of `spec.values`, `all`, or a list of them; undefined after pushing errors. */
function readWordList<W extends string>(raw: unknown, spec: WordListKey<W>, at: ValueAt, errors: Problem[]): W[] | undefined {
	const allowed = t('block.allowed.classify.show', { values: spec.values.join(', ') });
	if (raw === null || raw === undefined) {
		errors.push(blockError('block.value.missing', {}, at, { allowed }));
		return undefined;
	}
	const items: unknown[] = Array.isArray(raw) ? raw : [raw];
	if (items.length === 0) {
		errors.push(blockError('block.list.empty', {}, at, { allowed }));
		return undefined;
	}
	const chosen = new Set<W>();
	const before = errors.length;
	for (const item of items) {
		const word = typeof item === 'string' ? item.trim().toLowerCase() : undefined;
		if (word === 'all') {
			spec.values.forEach((v) => chosen.add(v));
			continue;
		}
		const match = spec.values.find((v) => v === word);
		if (match !== undefined) {
			chosen.add(match);
			continue;
		}
		const suggestion = typeof item === 'string' ? closest(item, spec.values) : undefined;
		errors.push(blockError('block.enum.invalid', { received: show(item) }, at, suggestion === undefined ? { allowed } : { allowed, suggestion }));
	}
	return errors.length === before ? spec.values.filter((v) => chosen.has(v)) : undefined;
}

/** One of the key's words (case-insensitive, as written or quoted); undefined after pushing an error. */
function readWord<W extends string>(raw: unknown, spec: WordKey<W>, at: ValueAt, errors: Problem[]): W | undefined {
	const allowed = spec.values.join(', ');
	if (raw === null || raw === undefined) {
		errors.push(blockError('block.value.missing', {}, at, { allowed }));
		return undefined;
	}
	const word = typeof raw === 'string' || typeof raw === 'number' ? String(raw).trim().toLowerCase().replace(/\s+/g, '') : undefined;
	const match = spec.values.find((v) => v === word);
	if (match !== undefined) return match;
	const suggestion = typeof raw === 'string' ? closest(raw, spec.values) : undefined;
	errors.push(blockError('block.enum.invalid', { received: show(raw) }, at, suggestion === undefined ? { allowed } : { allowed, suggestion }));
	return undefined;
}

/** A list of class names: texts (numbers are read as their digits), none empty, none repeated; undefined after pushing errors. */
function readTextList(raw: unknown, spec: TextListKey, at: ValueAt, errors: Problem[]): string[] | undefined {
	const allowed = t('block.allowed.classify.labels', { min: spec.min, max: spec.max, length: spec.maxLength });
	if (raw === null || raw === undefined) {
		errors.push(blockError('block.value.missing', {}, at, { allowed }));
		return undefined;
	}
	if (!Array.isArray(raw)) {
		errors.push(blockError('classify.error.labelsList', { received: show(raw) }, at, { allowed }));
		return undefined;
	}
	const items: unknown[] = raw;
	if (items.length < spec.min || items.length > spec.max) {
		errors.push(blockError('classify.error.labelsCount', { count: items.length, min: spec.min, max: spec.max }, at, { allowed }));
		return undefined;
	}
	const labels: string[] = [];
	const seen = new Set<string>();
	for (const [i, item] of items.entries()) {
		const text = typeof item === 'string' ? item.trim() : typeof item === 'number' && Number.isFinite(item) ? String(item) : undefined;
		if (text === undefined || text === '' || text.length > spec.maxLength) {
			errors.push(blockError('classify.error.labelBad', { index: i + 1, received: show(item), length: spec.maxLength }, at, { allowed }));
			return undefined;
		}
		if (seen.has(text)) {
			errors.push(blockError('classify.error.labelTwice', { label: clip(text) }, at, { allowed }));
			return undefined;
		}
		seen.add(text);
		labels.push(text);
	}
	return labels;
}

/** What a whole-number key allows, in the user's language. */
export function wholeNumberAllowed(spec: WholeNumberKey): string {
	return t(spec.allowed, { min: spec.min, max: spec.max });
}

/**
 * Parses a `cnn-classify` block. Keys (all optional, see CLASSIFY_KEYS): model (digits or a link
 * to a model.json), input (draw, sample or a link to an image), show (parts), sample (the number
 * of the held-out digit `input: sample` starts on; an error with any other input). Never throws.
 */
export function parseClassifyBlock(source: string): Result<ClassifySpec> {
	try {
		return describeResult(parseClassify(source), CLASSIFY_KEYS);
	} catch (e) {
		return unexpected(e);
	}
}

/** A block with no key at all is valid: the defaults. */
function isBlank(source: string): boolean {
	return source.split(/\r?\n/).every((l) => l.trim() === '' || l.trim().startsWith('#'));
}

/** parseClassifyBlock without the safety net. */
function parseClassify(source: string): Result<ClassifySpec> {
	let data: Record<string, unknown> = {};
	let lineOf: (key: string) => number | undefined = () => undefined;
	if (!isBlank(source)) {
		const read = readYaml(source);
		if (!read.ok) return read;
		data = read.value.data;
		lineOf = (key) => read.value.lines.keyLine(key);
	}
	const known = Object.keys(CLASSIFY_KEYS);
	const errors: Problem[] = [];
	for (const key of Object.keys(data)) {
		if (known.includes(key)) continue;
		const suggestion = suggestKey(key, known);
		const extra = { allowed: known.join(', '), ...(suggestion === undefined ? {} : { suggestion }) };
		errors.push(blockError('block.key.unknown', {}, { key: clip(key), line: lineOf(key) }, extra));
	}
	const has = (key: string): boolean => Object.prototype.hasOwnProperty.call(data, key);
	const at = (key: string): ValueAt => ({ key, line: lineOf(key) });

	const model = has('model') ? readWordOrLink(data.model, CLASSIFY_KEYS.model, at('model'), errors) : CLASSIFY_KEYS.model.default;
	const input = has('input') ? readWordOrLink(data.input, CLASSIFY_KEYS.input, at('input'), errors) : CLASSIFY_KEYS.input.default;
	const parts: ClassifyPart[] | undefined = has('show') ? readWordList(data.show, CLASSIFY_KEYS.show, at('show'), errors) : [...CLASSIFY_KEYS.show.default];
	const sampleSpec = CLASSIFY_KEYS.sample;
	const sample = has('sample') ? checkWhole(data.sample, sampleSpec.min, sampleSpec.max, at('sample'), wholeNumberAllowed(sampleSpec), errors) : sampleSpec.default;
	if (has('sample') && sample !== undefined && input !== undefined && input !== 'sample') {
		// A held-out digit's number means nothing to the pad or a picture: said, not silently ignored.
		const given = typeof input === 'string' ? input : clip(`[[${input.path}]]`);
		errors.push(blockError('classify.error.sampleInput', { input: given }, at('sample')));
	}
	const labels = has('labels') ? readTextList(data.labels, CLASSIFY_KEYS.labels, at('labels'), errors) : undefined;
	const fit = has('fit') ? readWord(data.fit, CLASSIFY_KEYS.fit, at('fit'), errors) : undefined;
	const scale = has('scale') ? readWord(data.scale, CLASSIFY_KEYS.scale, at('scale'), errors) : undefined;
	if (errors.length > 0 || model === undefined || input === undefined || parts === undefined || sample === undefined) return { ok: false, errors };

	const modelChoice: ModelChoice = typeof model === 'string' ? { kind: 'builtin', name: model } : { kind: 'vault', link: model };
	const inputChoice: InputChoice = typeof input !== 'string' ? { kind: 'image', link: input } : input === 'sample' ? { kind: 'sample', sample } : { kind: input };
	const spec: ClassifySpec = { model: modelChoice, input: inputChoice, show: parts };
	if (labels !== undefined) spec.labels = labels;
	if (fit !== undefined) spec.fit = fit;
	if (scale !== undefined) spec.scale = scale;
	return { ok: true, value: spec };
}
