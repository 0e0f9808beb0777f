/**
 * Reading a block's source: YAML through Obsidian's parseYaml (syntax problems become errors), and
 * finding the 1-based line (within the block) where a key, a list item or a matrix row is written.
 */
import { parseYaml } from 'obsidian';
import type { Problem, Result } from './types';
import { show } from './values';

/** A value's position in the source: its line and the lines of its rows or list items. */
export interface ValuePlace {
	/** 1-based line where the value starts (the `key:` line), when known. */
	line: number | undefined;
	/** 1-based line of row `index` of the value: a line of a `|` block, or a list item. */
	rowLine(index: number): number | undefined;
	/** The place of list item `index` of the value. */
	item(index: number): ValuePlace;
}

/** The source lines of a block; every lookup is best effort and never throws. */
export class SourceLines {
	private readonly lines: string[];
	private readonly indent: number;

	constructor(source: string) {
		this.lines = source.split(/\r?\n/);
		const first = this.lines.find((l) => !isBlankOrComment(l));
		this.indent = first === undefined ? 0 : indentOf(first);
	}

	/** 1-based line where the top-level `key:` is written, or undefined. */
	keyLine(key: string): number | undefined {
		const index = this.keyIndex(key);
		return index === undefined ? undefined : index + 1;
	}

	/** The place of the value of the top-level `key`; a place without lines when the key is not found. */
	place(key: string): ValuePlace {
		const index = this.keyIndex(key);
		if (index === undefined) return this.placeAt(undefined, '', 0, false);
		const line = this.lines[index] ?? '';
		const value = line.slice(line.indexOf(':') + 1).trim();
		const inline = value.startsWith('#') ? '' : value;
		return this.placeAt(index, inline, indentOf(line), true);
	}

	/** 0-based index of the line of the top-level `key:` (plain, 'single' or "double" quoted); no RegExp of user text. */
	private keyIndex(key: string): number | undefined {
		const index = this.lines.findIndex((l) => indentOf(l) === this.indent && writesKey(l.trimStart(), key));
		return index < 0 ? undefined : index;
	}

	/**
	 * The place of a value that starts on line `index` with `inline` after its `key:` or `- `;
	 * `indent` is that line's indentation. Block-list items of a mapping key may sit at the key's
	 * own indentation (`sameIndentItems`).
	 */
	private placeAt(index: number | undefined, inline: string, indent: number, sameIndentItems: boolean): ValuePlace {
		const line = index === undefined ? undefined : index + 1;
		let found: { index: number; inline: string; indent: number }[] | undefined;
		const items = (): { index: number; inline: string; indent: number }[] =>
			(found ??= index === undefined || inline !== '' ? [] : this.itemsAfter(index, indent, sameIndentItems));
		return {
			line,
			rowLine: (row) => {
				if (line === undefined) return undefined;
				if (/^[|>]/.test(inline)) return line + 1 + row;
				const item = items()[row];
				return item === undefined ? line : item.index + 1;
			},
			item: (n) => {
				const item = items()[n];
				return item === undefined ? flatPlace(line) : this.placeAt(item.index, item.inline, item.indent, false);
			},
		};
	}

	/** The `- ` items of the block list that follows line `start` (the value of a key or of an item). */
	private itemsAfter(start: number, parentIndent: number, sameIndentItems: boolean): { index: number; inline: string; indent: number }[] {
		const items: { index: number; inline: string; indent: number }[] = [];
		let itemIndent: number | undefined;
		for (let i = start + 1; i < this.lines.length; i++) {
			const text = this.lines[i] ?? '';
			if (isBlankOrComment(text)) continue;
			const indent = indentOf(text);
			const isItem = /^\s*-(\s|$)/.test(text);
			if (indent < parentIndent || (indent === parentIndent && !(sameIndentItems && isItem))) break;
			itemIndent ??= isItem ? indent : undefined;
			if (itemIndent === undefined) break;
			if (isItem && indent === itemIndent) items.push({ index: i, inline: text.trim().slice(1).trim(), indent });
		}
		return items;
	}
}

/** True when `text` (a line without its indentation) starts with `key:`, `'key':` or `"key":`, the colon followed by a space or the line end. */
function writesKey(text: string, key: string): boolean {
	const quote = text[0] === '"' || text[0] === "'" ? text[0] : '';
	const head = `${quote}${key}${quote}`;
	if (!text.startsWith(head)) return false;
	const rest = text.slice(head.length).trimStart();
	return rest.startsWith(':') && (rest.length === 1 || rest[1] === ' ' || rest[1] === '\t');
}

/** A value written on one line (flow style or plain): all its rows and items are on that line. */
function flatPlace(line: number | undefined): ValuePlace {
	return { line, rowLine: () => line, item: () => flatPlace(line) };
}

/** true for an empty line or a `#` comment line. */
function isBlankOrComment(line: string): boolean {
	const trimmed = line.trim();
	return trimmed === '' || trimmed.startsWith('#');
}

/** Number of leading spaces or tabs. */
function indentOf(line: string): number {
	return line.length - line.trimStart().length;
}

/**
 * Quotes the values YAML cannot read as written: `key: ![[a.png]]` and `- ![[a.png]]` (a `!`
 * starts a YAML tag) become `key: '![[a.png]]'`. Only the value changes, so lines stay where they were.
 */
export function quoteEmbeds(source: string): string {
	return source.replace(/^(\s*(?:-\s+|[^\s#'"-][^:#]*:\s+))(!\[\[[^\]\n]*\]\])([ \t]*(?:#.*)?)$/gm, (_whole, head: string, embed: string, tail: string) => `${head}'${embed.replace(/'/g, "''")}'${tail}`);
}

/** A block's YAML read into a mapping, or the problems that prevented it. */
/** A block's YAML: the top-level mapping and the source lines it was read from. */
export interface YamlRead {
	data: Record<string, unknown>;
	lines: SourceLines;
}

/** Longest block source read, in characters (a 64x64 matrix of decimals is about 25,000). */
export const MAX_SOURCE_CHARS = 100_000;
/** Most values (numbers, strings, list items, keys' values) in a block, aliases counted each time they are used. */
export const MAX_YAML_NODES = 20_000;
/** Deepest nesting of lists and mappings in a block. */
export const MAX_YAML_DEPTH = 16;
/** Most characters of text in a block's values, aliases counted each time they are used. */
export const MAX_YAML_TEXT = 2 * MAX_SOURCE_CHARS;

/**
 * What is too big in a parsed YAML value, or null: counted without expanding anything (an alias is
 * a shared reference, visited again each time it is used) and stopped as soon as a bound is passed,
 * so the time is proportional to the bounds, never to what the aliases would expand to.
 */
export function yamlTooBig(root: unknown): { what: 'nodes' | 'depth' | 'text' } | null {
	let nodes = 0;
	let text = 0;
	const stack: { value: unknown; depth: number }[] = [{ value: root, depth: 0 }];
	for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
		const { value, depth } = next;
		nodes++;
		if (typeof value === 'string') text += value.length;
		if (text > MAX_YAML_TEXT) return { what: 'text' };
		if (value === null || typeof value !== 'object') continue;
		if (depth >= MAX_YAML_DEPTH) return { what: 'depth' };
		const children: unknown[] = Array.isArray(value) ? value : Object.values(value);
		if (nodes + stack.length + children.length > MAX_YAML_NODES) return { what: 'nodes' };
		for (const child of children) stack.push({ value: child, depth: depth + 1 });
	}
	return null;
}

/** Parses a block's source with Obsidian's parseYaml; empty, oversized, non-mapping and invalid YAML become errors. */
export function readYaml(source: string): Result<YamlRead> {
	if (source.length > MAX_SOURCE_CHARS) {
		return { ok: false, errors: [{ code: 'block.source.tooLong', vars: { received: source.length, max: MAX_SOURCE_CHARS } }] };
	}
	const lines = new SourceLines(source);
	if (source.split(/\r?\n/).every((l) => l.trim() === '' || l.trim().startsWith('#'))) {
		return { ok: false, errors: [{ code: 'block.empty', vars: {} }] };
	}
	let data: unknown;
	try {
		data = parseYaml(quoteEmbeds(source));
	} catch (e) {
		return { ok: false, errors: [yamlError(e, source)] };
	}
	if (data === null || data === undefined) return { ok: false, errors: [{ code: 'block.empty', vars: {} }] };
	const tooBig = yamlTooBig(data);
	if (tooBig) {
		const max = tooBig.what === 'nodes' ? MAX_YAML_NODES : tooBig.what === 'depth' ? MAX_YAML_DEPTH : MAX_YAML_TEXT;
		return { ok: false, errors: [{ code: `block.source.${tooBig.what}`, vars: { max } }] };
	}
	if (typeof data !== 'object' || Array.isArray(data)) {
		return { ok: false, errors: [{ code: 'block.notMapping', vars: { received: show(data) }, line: 1 }] };
	}
	return { ok: true, value: { data: data as Record<string, unknown>, lines } };
}

/** A YAML exception (js-yaml's `mark.line`, 0-based, or the `yaml` library's `linePos`) as a block error. */
function yamlError(e: unknown, source: string): Problem {
	const err = (typeof e === 'object' && e !== null ? e : {}) as {
		reason?: unknown;
		message?: unknown;
		mark?: { line?: unknown };
		linePos?: { line?: unknown }[];
	};
	let line: number | undefined;
	if (typeof err.mark?.line === 'number') line = err.mark.line + 1;
	else if (typeof err.linePos?.[0]?.line === 'number') line = err.linePos[0].line;
	const reason = typeof err.reason === 'string' ? err.reason : String(err.message ?? e).split('\n')[0] ?? '';
	if (/duplicate/i.test(reason) && line !== undefined) {
		// Only the line's start is searched (a key is short): the pattern's cost stays bounded on a pasted megabyte.
		const key = /^\s*(["']?)([^"':#]+)\1\s*:/.exec((source.split(/\r?\n/)[line - 1] ?? '').slice(0, 200))?.[2]?.trim();
		if (key !== undefined) return { code: 'block.key.duplicate', vars: { key }, key, line };
	}
	// The YAML library's own words (English) are a technical detail, shown folded away.
	const error: Problem = { code: 'block.yaml.syntax', vars: { reason, line: line ?? '?' }, detail: reason };
	if (line !== undefined) error.line = line;
	return error;
}
