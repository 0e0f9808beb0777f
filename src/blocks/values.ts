/**
 * Validation of scalar block values (numbers, pairs, words, booleans, padding, number lists):
 * each returns the typed value or undefined after pushing errors that name the key, the line,
 * the value received and what is allowed.
 */
import { VALUE_LIMIT } from '../cnn';
import { clip, t, type MessageKey, type MessageVars } from '../i18n';
import type { BooleanKey, EnumKey, PaddingKey, PairKey } from './keys';
import { closest } from './suggest';
import type { Problem } from './types';

/** Where a value sits, for its errors: the key and its 1-based line. */
export interface ValueAt {
	key: string;
	line: number | undefined;
}

/** A numeral as students write it: `3`, `-0.5`, `.25`, `1e-3`, `+2`, `−1` (Unicode minus). */
const NUMERAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/** Shows a received value in a message: strings in quotes, lists compactly, long text cut. */
export function show(value: unknown): string {
	if (typeof value === 'string') {
		const firstLine = value.includes('\n') ? `${value.slice(0, value.indexOf('\n'))}…` : value;
		return clip(JSON.stringify(firstLine.slice(0, SHOWN + 1)));
	}
	if (value === undefined) return 'undefined';
	if (typeof value === 'number') return String(value);
	const out: string[] = [];
	writeCompact(value, out, { left: SHOWN + 1 });
	return clip(out.join(''));
}

/** Characters a shown value keeps. */
const SHOWN = 60;

/**
 * Appends `value` as JSON.stringify writes it (functions and undefined as null) until `budget.left`
 * characters are written, then stops: time and memory stay proportional to the budget, whatever the value.
 */
function writeCompact(value: unknown, out: string[], budget: { left: number }): void {
	if (budget.left <= 0) return;
	const put = (text: string): void => {
		out.push(text.slice(0, Math.max(0, budget.left)));
		budget.left -= text.length;
	};
	if (Array.isArray(value)) {
		put('[');
		for (let i = 0; i < value.length && budget.left > 0; i++) {
			if (i > 0) put(',');
			writeCompact(value[i], out, budget);
		}
		put(']');
	} else if (typeof value === 'object' && value !== null) {
		put('{');
		let first = true;
		for (const key of Object.keys(value)) {
			if (budget.left <= 0) break;
			if (!first) put(',');
			first = false;
			put(`${JSON.stringify(key.slice(0, SHOWN + 1))}:`);
			writeCompact((value as Record<string, unknown>)[key], out, budget);
		}
		put('}');
	} else if (typeof value === 'string') {
		put(JSON.stringify(value.slice(0, SHOWN + 1)));
	} else if (typeof value === 'number' || typeof value === 'boolean') {
		put(Number.isFinite(value) || typeof value === 'boolean' ? String(value) : 'null');
	} else {
		put('null');
	}
}


/** Builds a block error at `at`, leaving out the fields that are unknown. */
export function blockError(code: MessageKey, vars: MessageVars, at: ValueAt, extra: { allowed?: string; suggestion?: string } = {}): Problem {
	const error: Problem = { code, vars: { key: at.key, ...vars }, key: at.key };
	if (at.line !== undefined) error.line = at.line;
	if (extra.allowed !== undefined) error.allowed = extra.allowed;
	if (extra.suggestion !== undefined) error.suggestion = extra.suggestion;
	return error;
}

/** Why a written value is not a usable number. */
export type NumberProblem = 'notNumber' | 'notFinite' | 'outOfRange' | 'empty';

/** Numerals longer than this are not read (no number a student writes needs more). */
const MAX_NUMERAL_LENGTH = 40;

/**
 * Reads a number from a YAML number or a numeral string; `{ value }` when it is finite and within
 * ±VALUE_LIMIT (so it stays finite in float32 and in every sum), else what it is instead.
 */
export function toNumber(raw: unknown): { value: number } | { problem: NumberProblem } {
	if (raw === null || raw === undefined) return { problem: 'empty' };
	if (typeof raw === 'number') return numberProblem(raw);
	if (typeof raw !== 'string' || raw.length > MAX_NUMERAL_LENGTH) return { problem: 'notNumber' };
	const text = raw.trim().replace(/^\u2212/, '-');
	if (!NUMERAL.test(text)) return /^[+-]?(inf(inity)?|\.inf|nan|\.nan)$/i.test(text) ? { problem: 'notFinite' } : { problem: 'notNumber' };
	return numberProblem(Number(text));
}

/** `{ value }` for a finite number within ±VALUE_LIMIT, else the problem. */
function numberProblem(value: number): { value: number } | { problem: NumberProblem } {
	if (!Number.isFinite(value)) return { problem: 'notFinite' };
	return Math.abs(value) <= VALUE_LIMIT ? { value } : { problem: 'outOfRange' };
}

/** The message key of a number problem of a single value. */
export function valueProblemCode(problem: NumberProblem): MessageKey {
	if (problem === 'empty') return 'block.value.missing';
	if (problem === 'notFinite') return 'block.value.notFinite';
	if (problem === 'outOfRange') return 'block.value.outOfRange';
	return 'block.value.notNumber';
}

/** A whole number in [min, max], or undefined after pushing an error naming the value received. */
export function checkWhole(raw: unknown, min: number, max: number, at: ValueAt, allowed: string, errors: Problem[]): number | undefined {
	const read = toNumber(raw);
	const received = show(raw);
	if ('problem' in read) {
		errors.push(blockError(valueProblemCode(read.problem), { received, limit: VALUE_LIMIT }, at, { allowed }));
		return undefined;
	}
	const { value } = read;
	if (!Number.isInteger(value)) errors.push(blockError('block.value.notWhole', { received }, at, { allowed }));
	else if (value < min) errors.push(blockError('block.value.tooSmall', { received, min }, at, { allowed }));
	else if (value > max) errors.push(blockError('block.value.tooLarge', { received, max }, at, { allowed }));
	else return value;
	return undefined;
}

/** One whole number or a pair [rows, cols] of them, each in [min, max]; a single number n gives [n, n]. */
export function checkPair(raw: unknown, min: number, max: number, at: ValueAt, allowed: string, errors: Problem[]): [number, number] | undefined {
	if (raw === null || raw === undefined) {
		errors.push(blockError('block.value.missing', {}, at, { allowed }));
		return undefined;
	}
	if (Array.isArray(raw)) {
		if (raw.length !== 2) {
			errors.push(blockError('block.pair.length', { received: show(raw), count: raw.length }, at, { allowed }));
			return undefined;
		}
		const rows = checkWhole(raw[0], min, max, at, allowed, errors);
		const cols = checkWhole(raw[1], min, max, at, allowed, errors);
		return rows === undefined || cols === undefined ? undefined : [rows, cols];
	}
	if (typeof raw !== 'number' && typeof raw !== 'string') {
		errors.push(blockError('block.pair.invalid', { received: show(raw) }, at, { allowed }));
		return undefined;
	}
	const n = checkWhole(raw, min, max, at, allowed, errors);
	return n === undefined ? undefined : [n, n];
}

/** What a pair key allows, in the user's language. */
export function pairAllowed(spec: Pick<PairKey, 'min' | 'max'>): string {
	return t('block.allowed.pair', { min: spec.min, max: spec.max });
}

/** A pair key's value. */
export function checkPairKey(raw: unknown, spec: PairKey, at: ValueAt, errors: Problem[]): [number, number] | undefined {
	return checkPair(raw, spec.min, spec.max, at, pairAllowed(spec), errors);
}

/** One of `spec.values` (case-insensitive), or undefined with an error suggesting the closest value. */
export function checkEnum<V extends string>(raw: unknown, spec: EnumKey<V>, at: ValueAt, errors: Problem[]): V | undefined {
	const allowed = spec.values.join(', ');
	if (raw === null || raw === undefined) {
		errors.push(blockError('block.value.missing', {}, at, { allowed }));
		return undefined;
	}
	const word = typeof raw === 'string' ? raw.trim().toLowerCase() : undefined;
	const match = spec.values.find((v) => v === word);
	if (match !== undefined) return match;
	const suggestion = typeof raw === 'string' ? closest(raw, spec.values) : undefined;
	errors.push(blockError('block.enum.invalid', { received: show(raw) }, at, suggestion === undefined ? { allowed } : { allowed, suggestion }));
	return undefined;
}

/** A padding mode, or a whole number of cells (or [rows, cols]) in [0, spec.max]. */
export function checkPadding<V extends string>(raw: unknown, spec: PaddingKey<V>, at: ValueAt, errors: Problem[]): V | [number, number] | undefined {
	const allowed = t('block.allowed.padding', { modes: spec.modes.join(', '), max: spec.max });
	if (typeof raw === 'string' && !NUMERAL.test(raw.trim())) {
		const word = raw.trim().toLowerCase();
		const match = spec.modes.find((m) => m === word);
		if (match !== undefined) return match;
		const suggestion = closest(raw, spec.modes);
		errors.push(blockError('block.enum.invalid', { received: show(raw) }, at, suggestion === undefined ? { allowed } : { allowed, suggestion }));
		return undefined;
	}
	if (raw !== null && raw !== undefined && typeof raw !== 'number' && typeof raw !== 'string' && !Array.isArray(raw)) {
		errors.push(blockError('block.padding.invalid', { received: show(raw) }, at, { allowed }));
		return undefined;
	}
	return checkPair(raw, 0, spec.max, at, allowed, errors);
}

/** true or false (also the words `true` / `false` in quotes). */
export function checkBoolean(raw: unknown, _spec: BooleanKey, at: ValueAt, errors: Problem[]): boolean | undefined {
	if (typeof raw === 'boolean') return raw;
	const word = typeof raw === 'string' ? raw.trim().toLowerCase() : undefined;
	if (word === 'true' || word === 'false') return word === 'true';
	const allowed = t('block.allowed.boolean');
	errors.push(raw === null ? blockError('block.value.missing', {}, at, { allowed }) : blockError('block.boolean.invalid', { received: show(raw) }, at, { allowed }));
	return undefined;
}

/** A finite number (kept as a number) or a list of them, e.g. `bias: 0.5` or `bias: [1, -1]`. */
export function checkNumberList(raw: unknown, at: ValueAt, errors: Problem[]): number | number[] | undefined {
	const allowed = t('block.allowed.numberList');
	if (raw === null || raw === undefined) {
		errors.push(blockError('block.value.missing', {}, at, { allowed }));
		return undefined;
	}
	if (!Array.isArray(raw)) {
		const read = toNumber(raw);
		if ('value' in read) return read.value;
		errors.push(blockError(valueProblemCode(read.problem), { received: show(raw), limit: VALUE_LIMIT }, at, { allowed }));
		return undefined;
	}
	if (raw.length === 0) {
		errors.push(blockError('block.list.empty', {}, at, { allowed }));
		return undefined;
	}
	const values: number[] = [];
	const before = errors.length;
	raw.forEach((item: unknown, i) => {
		const read = toNumber(item);
		if ('value' in read) values.push(read.value);
		else if (read.problem === 'outOfRange') errors.push(blockError('block.list.outOfRange', { index: i + 1, received: show(item), limit: VALUE_LIMIT }, at, { allowed }));
		else errors.push(blockError('block.list.notNumber', { index: i + 1, received: show(item) }, at, { allowed }));
	});
	return errors.length === before ? values : undefined;
}
