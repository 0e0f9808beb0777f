/**
 * The table-driven reader shared by every block: YAML -> one typed value per key of the block's
 * property table (defaults filled in), with unknown keys ("did you mean")
 * and invalid values reported as errors.
 */
import { clip, t } from '../i18n';
import { parseKernel, parseKernelList, type NamedMatrix } from './kernel';
import type { KeySpec, KeyTable } from './keys';
import { parseMatrix } from './matrix';
import { readYaml, type SourceLines, type ValuePlace } from './source';
import { suggestKey } from './suggest';
import { parseWikiLink } from './link';
import { readPoolStage } from './pool-stage';
import { readRegion } from './region';
import type { PixelRegion } from '../vault/pixels';
import type { Problem, Result, PoolStage, WikiLink } from './types';
import { blockError, checkBoolean, checkEnum, checkNumberList, checkPadding, checkPairKey, show } from './values';

/** The value type each kind of key produces. */
interface KindValues {
	matrix: number[][];
	kernel: NamedMatrix;
	kernelList: NamedMatrix[];
	numberList: number | number[];
	pair: [number, number];
	boolean: boolean;
	link: WikiLink;
	poolStage: PoolStage;
	region: PixelRegion;
}

/** The typed value of one key: its enum words, padding modes or kind value. */
type ValueOf<S> = S extends { kind: 'enum'; values: readonly (infer V)[] }
	? V
	: S extends { kind: 'padding'; modes: readonly (infer V)[] }
		? V | [number, number]
		: S extends { kind: infer K extends keyof KindValues }
			? KindValues[K]
			: never;

/** The values of a block: keys with a default always have a value, the others may be undefined. */
export type BlockValues<T extends KeyTable> = {
	-readonly [K in keyof T]: T[K] extends { default: unknown } ? ValueOf<T[K]> : ValueOf<T[K]> | undefined;
};

/** A block's keys read through its table: values, problems so far, and where each key is written. */
export interface BlockFields<T extends KeyTable> {
	values: BlockValues<T>;
	/** Problems found so far; the block-specific checks add theirs. */
	errors: Problem[];
	/** true when the key is written in the source (even with an invalid value). */
	has: (key: keyof T & string) => boolean;
	/** true when an unknown key of the source looks like a misspelling of `key` (already reported). */
	misspelled: (key: keyof T & string) => boolean;
	/** 1-based line of `key:` in the source, when written. */
	lineOf: (key: keyof T & string) => number | undefined;
	/** Where the value of `key` and its rows / list items are written. */
	placeOf: (key: keyof T & string) => ValuePlace;
}

/** Reads and checks one written value according to its key's spec; undefined after pushing errors. */
function readValue(spec: KeySpec, raw: unknown, key: string, place: ValuePlace, errors: Problem[]): unknown {
	const at = { key, line: place.line };
	const collect = <V>(result: Result<V>): V | undefined => {
		if (!result.ok) {
			errors.push(...result.errors);
			return undefined;
		}
		return result.value;
	};
	switch (spec.kind) {
		case 'matrix':
			return collect(parseMatrix(raw, { key, place, maxSide: spec.maxSide }));
		case 'kernel':
			return collect(parseKernel(raw, key, place, spec));
		case 'kernelList':
			return collect(parseKernelList(raw, key, place, spec));
		case 'numberList':
			return checkNumberList(raw, at, errors);
		case 'pair':
			return checkPairKey(raw, spec, at, errors);
		case 'enum':
			return checkEnum(raw, spec, at, errors);
		case 'padding':
			return checkPadding(raw, spec, at, errors);
		case 'boolean':
			return checkBoolean(raw, spec, at, errors);
		case 'link': {
			const link = parseWikiLink(raw);
			if (link === null) errors.push(blockError('block.link.invalid', { received: show(raw) }, at, { allowed: t('block.allowed.link') }));
			return link ?? undefined;
		}
		case 'poolStage':
			return readPoolStage(raw, at, errors);
		case 'region':
			return readRegion(raw, spec, at, errors);
	}
}

/** A copy of a key's default value, or undefined when it has none. */
function defaultOf(spec: KeySpec): unknown {
	if (!('default' in spec) || spec.default === undefined) return undefined;
	const value: unknown = spec.default;
	return Array.isArray(value) ? value.slice() : value;
}

/** At most this many unknown keys are reported for one block. */
const MAX_UNKNOWN_KEYS = 5;
/** At most this many problems are reported for one key's value. */
const MAX_ERRORS_PER_KEY = 5;

/**
 * Reads a block's source through its property table. Fails outright (ok: false) only when the
 * source is not a YAML mapping; otherwise returns the values with the problems found so far.
 */
export function readFields<T extends KeyTable>(source: string, table: T): Result<BlockFields<T>> {
	const read = readYaml(source);
	if (!read.ok) return read;
	const { data, lines } = read.value;
	const known = Object.keys(table);
	const errors: Problem[] = [];
	const misspelled = new Set<string>();

	let unknown = 0;
	for (const key of Object.keys(data)) {
		if (known.includes(key)) continue;
		// The first few unknown keys show the pattern; each costs a look through the source lines.
		if (++unknown > MAX_UNKNOWN_KEYS) break;
		const suggestion = suggestKey(key, known);
		if (suggestion !== undefined) misspelled.add(suggestion);
		const extra = { allowed: known.join(', '), ...(suggestion === undefined ? {} : { suggestion }) };
		errors.push(blockError('block.key.unknown', {}, { key: clip(key), line: lines.keyLine(key) }, extra));
	}

	const values: Record<string, unknown> = {};
	for (const [key, spec] of Object.entries(table)) {
		if (Object.prototype.hasOwnProperty.call(data, key)) {
			// A value that failed (its errors are pushed) stands in as its default, so the checks after it
			// read a well-typed value instead of undefined; the errors still refuse the block.
			const before = errors.length;
			values[key] = readValue(spec, data[key], key, lines.place(key), errors) ?? defaultOf(spec);
			// The first few problems of a key show the pattern (a 200-item list of wrong values is not 200 lines).
			if (errors.length - before > MAX_ERRORS_PER_KEY) errors.length = before + MAX_ERRORS_PER_KEY;
		} else {
			values[key] = defaultOf(spec);
		}
	}
	return { ok: true, value: fieldsOf(values as BlockValues<T>, errors, data, lines, misspelled) };
}

/** Bundles the values with lookups into the source. */
function fieldsOf<T extends KeyTable>(
	values: BlockValues<T>,
	errors: Problem[],
	data: Record<string, unknown>,
	lines: SourceLines,
	misspelled: ReadonlySet<string>,
): BlockFields<T> {
	return {
		values,
		errors,
		has: (key) => Object.prototype.hasOwnProperty.call(data, key),
		misspelled: (key) => misspelled.has(key),
		lineOf: (key) => lines.keyLine(key),
		placeOf: (key) => lines.place(key),
	};
}

/** The result of a block whose parsing threw unexpectedly: an error value, never an exception. */
export function unexpected<T>(e: unknown): Result<T> {
	const message = e instanceof Error ? e.message : String(e);
	return { ok: false, errors: [{ code: 'block.unexpected', vars: { message }, detail: message }] };
}
