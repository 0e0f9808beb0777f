/**
 * The README's "Every key" section, generated from the blocks' key tables (src/blocks/keys.ts,
 * src/blocks/classify-keys.ts, src/blocks/train-keys.ts) and their English descriptions and "allowed" messages
 * (src/i18n/en.ts). `npm run readme:keys` (scripts/readme-keys.mjs) writes it between the marker
 * comments of README.md; tests/readme-keys.test.ts fails when the README is out of date.
 * Development tooling: the plugin never imports it.
 */
import { CLASSIFY_KEYS, type TextListKey, type WholeNumberKey, type WordKey, type WordListKey, type WordOrLinkKey } from '../src/blocks/classify-keys';
import { CONV_KEYS, POOL_KEYS, type KeySpec } from '../src/blocks/keys';
import { TRAIN_KEYS, type FolderLinkKey, type LayerListKey, type RealNumberKey, type WholeByDataKey, type WordByDataKey } from '../src/blocks/train-keys';
import { kernelPresets } from '../src/cnn';
import { formatLocaleNumber } from '../src/i18n/numbers';
import * as train from '../src/i18n/areas/train';
import * as trainData from '../src/i18n/areas/train-data';
import * as trainSave from '../src/i18n/areas/train-save';
import * as trainWidget from '../src/i18n/areas/train-widget';
import { en as core, type MessageKey } from '../src/i18n/en';

/** The English catalog with the areas registered later in the plugin (the cnn-train messages). No Obsidian here: this runs in Node. */
const en: Record<MessageKey, string> = { ...core, ...train.en, ...trainData.en, ...trainSave.en, ...trainWidget.en };

/** The comment that opens the generated section in README.md. */
export const KEYS_START = '<!-- keys:start -->';
/** The comment that closes it. */
export const KEYS_END = '<!-- keys:end -->';

/** Any key of a block's table. */
type AnySpec = KeySpec | WordOrLinkKey | WordListKey | WholeNumberKey | WordKey | TextListKey | RealNumberKey | LayerListKey | WholeByDataKey | WordByDataKey | FolderLinkKey;

/** One row of a block's key table, as plain text. */
export interface KeyRow {
	key: string;
	/** The English block.doc description. */
	description: string;
	/** The default value, or undefined when the key has none. */
	default: string | undefined;
	/** What may be written, as the error box's "Allowed:" hint says it in English. */
	allowed: string;
}

/** The English message `key`, its `{name}` placeholders filled from `vars` (numbers as t() writes them: 2,147,483,647). */
function english(key: MessageKey, vars: Record<string, string | number> = {}): string {
	return en[key].replace(/\{(\w+)\}/g, (whole, name: string) => {
		const value = vars[name];
		return value === undefined ? whole : typeof value === 'number' ? formatLocaleNumber(value, 'en') : value;
	});
}

/** A pair default as a student writes it: `1` for [1, 1], `[1, 2]` otherwise. */
function pairText([rows, cols]: readonly [number, number]): string {
	return rows === cols ? String(rows) : `[${rows}, ${cols}]`;
}

/** What a key allows, in the words of the parser's error messages. */
function allowedOf(spec: AnySpec): string {
	switch (spec.kind) {
		case 'matrix':
			return english('block.allowed.matrix', { max: spec.maxSide });
		case 'kernel':
			return english('block.allowed.kernel', { max: spec.maxSide, presets: Object.keys(kernelPresets).join(', ') });
		case 'kernelList':
			return english('block.allowed.filters', { count: spec.maxCount, max: spec.maxSide });
		case 'numberList':
			return english('block.allowed.numberList');
		case 'pair':
			return english('block.allowed.pair', { min: spec.min, max: spec.max });
		case 'enum':
			return spec.values.join(', ');
		case 'padding':
			return english('block.allowed.padding', { modes: spec.modes.join(', '), max: spec.max });
		case 'boolean':
			return english('block.allowed.boolean');
		case 'link':
			return english('block.allowed.link');
		case 'poolStage':
			return english('block.allowed.poolStage');
		case 'region':
			return english('block.allowed.region', { max: spec.maxSide });
		case 'wordOrLink':
			return english('block.allowed.classify.wordOrLink', { words: spec.words.join(', '), link: english(spec.link) });
		case 'wordList':
			return english('block.allowed.classify.show', { values: spec.values.join(', ') });
		case 'wholeNumber':
			return english(spec.allowed, { min: spec.min, max: spec.max });
		case 'word':
			return spec.values.join(', ');
		case 'textList':
			return english('block.allowed.classify.labels', { min: spec.min, max: spec.max, length: spec.maxLength });
		case 'realNumber':
		case 'wholeByData':
			return english(spec.allowed, { min: spec.min, max: spec.max });
		case 'layerList':
			return english('block.allowed.train.layers', { max: spec.maxItems });
		case 'wordByData':
			return spec.values.join(', ');
		case 'folderLink':
			return english(spec.allowed);
	}
}

/** A key's default as written in a block, or undefined. */
function defaultOf(spec: AnySpec): string | undefined {
	if ('defaults' in spec) return `${String(spec.defaults.digits)} (digits), ${String(spec.defaults.folder)} (folder)`;
	if (!('default' in spec) || spec.default === undefined) return undefined;
	if (spec.kind === 'layerList') return `[${spec.default.join(', ')}]`;
	if (spec.kind === 'pair') return pairText(spec.default);
	if (spec.kind === 'wordList') return spec.default.length === spec.values.length ? 'all' : spec.default.join(', ');
	return String(spec.default);
}

/** The rows of a block's key table, in table order. */
export function keyRows(table: Readonly<Record<string, AnySpec>>): KeyRow[] {
	return Object.entries(table).map(([key, spec]) => ({
		key,
		description: english(spec.description),
		default: defaultOf(spec),
		allowed: allowedOf(spec),
	}));
}

/** The blocks of the section, in README order. */
export const KEY_TABLES: readonly { block: string; table: Readonly<Record<string, AnySpec>> }[] = [
	{ block: 'cnn-conv', table: CONV_KEYS },
	{ block: 'cnn-pool', table: POOL_KEYS },
	{ block: 'cnn-classify', table: CLASSIFY_KEYS },
	{ block: 'cnn-train', table: TRAIN_KEYS },
];

/** Text for a Markdown table cell: pipes escaped, no line breaks. */
function cell(text: string): string {
	return text.replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');
}

/** The generated section, markers included. */
export function keysSection(): string {
	const lines = [KEYS_START, '<!-- Generated by `npm run readme:keys` from the key tables (src/blocks/keys.ts, classify-keys.ts, train-keys.ts): edit those, not this. -->'];
	for (const { block, table } of KEY_TABLES) {
		lines.push('', `### Keys of \`${block}\``, '', '| key | what it is | default | allowed |', '| --- | --- | --- | --- |');
		for (const row of keyRows(table)) {
			const value = row.default === undefined ? '—' : `\`${cell(row.default)}\``;
			lines.push(`| \`${row.key}\` | ${cell(row.description)} | ${value} | ${cell(row.allowed)} |`);
		}
	}
	lines.push('', KEYS_END);
	return lines.join('\n');
}

/** `readme` with its section between the markers replaced by keysSection(); throws when the markers are missing. */
export function withKeysSection(readme: string): string {
	const start = readme.indexOf(KEYS_START);
	const end = readme.indexOf(KEYS_END);
	if (start < 0 || end < start) throw new Error(`README.md needs the lines\n${KEYS_START}\n${KEYS_END}\nwhere the key tables go`);
	return readme.slice(0, start) + keysSection() + readme.slice(end + KEYS_END.length);
}
