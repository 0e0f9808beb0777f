/**
 * Where a value is written in a block's YAML source, as character offsets, so a widget's change
 * can replace exactly that text and leave everything else (other keys, comments, key order, the
 * user's choice of block scalar, block list or flow list) as it was. Best effort over the YAML a
 * person writes in a note; every change is checked by parsing the result again (see patch-kernel.ts).
 */

/** How a value is written. */
export type ValueForm =
	| 'plain' // a word or number on the key's line: `kernel: sobel-x`
	| 'flow' // a flow collection: `[[1, 0], [0, 1]]`
	| 'blockScalar' // `|` followed by more-indented lines
	| 'blockList'; // the lines below hold `- ` items

/** One value in the source (offsets into the LF source). */
export interface ValueSpan {
	form: ValueForm;
	/** Inside a flow collection (`filters: [a, b]`): only flow or plain text may replace it. */
	inFlow: boolean;
	/** Right after the `:` or `-` that introduces the value (= start when inFlow). */
	head: number;
	/** First character of the value (the `|`, `[` or word), or head when the value starts on the next line. */
	start: number;
	/** Just after the value's last character (a trailing comment and trailing blank lines excluded). */
	end: number;
	/** Indentation (spaces) of the line holding the key or the `-`. */
	indent: number;
	/** The comment at the end of the key's line (`# ...`), or ''. */
	comment: string;
}

interface Line {
	text: string;
	/** Offset of the line's first character in the source. */
	at: number;
}

function linesOf(source: string): Line[] {
	const out: Line[] = [];
	let at = 0;
	for (const text of source.split('\n')) {
		out.push({ text, at });
		at += text.length + 1;
	}
	return out;
}

function indentOf(text: string): number {
	return text.length - text.trimStart().length;
}

function isBlankOrComment(text: string): boolean {
	const trimmed = text.trim();
	return trimmed === '' || trimmed.startsWith('#');
}

/** Where a `#` comment starts in `text` (a space or the line start before it, outside quotes), or text.length. */
export function commentStart(text: string): number {
	let quote = '';
	for (let i = 0; i < text.length; i++) {
		const ch = text[i];
		if (quote) {
			if (ch === quote) quote = '';
		} else if (ch === '"' || ch === "'") quote = ch;
		else if (ch === '#' && (i === 0 || /\s/.test(text[i - 1] ?? ''))) return i;
	}
	return text.length;
}

/** true when the trimmed line starts with `key:` ('key' or "key" quoted too), the colon ending the line or followed by a space. */
function writesKey(trimmed: string, key: string): boolean {
	for (const q of ['', '"', "'"]) {
		const head = `${q}${key}${q}`;
		if (!trimmed.startsWith(head)) continue;
		const rest = trimmed.slice(head.length).trimStart();
		if (rest.startsWith(':') && (rest.length === 1 || /\s/.test(rest[1] ?? ''))) return true;
	}
	return false;
}

/**
 * The value that starts after offset `col` of line `index` (after its `key:` or `-`), whose line
 * has indentation `indent`; lines up to `last` may belong to it. Block lists of a key may sit at
 * the key's own indentation (`sameIndentItems`).
 */
function valueAt(lines: Line[], index: number, col: number, indent: number, last: number, sameIndentItems: boolean): ValueSpan | null {
	const line = lines[index];
	if (!line) return null;
	const rest = line.text.slice(col);
	const cut = commentStart(rest);
	const code = rest.slice(0, cut);
	const inline = code.trim();
	const head = line.at + col;
	const comment = rest.slice(cut).trim();
	const start = inline === '' ? head : head + code.indexOf(inline);
	const base = { inFlow: false, head, start, indent, comment };
	// The lines that belong to the value: more indented (or, for a key's list, `- ` items at its indentation).
	let endLine = index;
	for (let i = index + 1; i <= last; i++) {
		const text = lines[i]?.text ?? '';
		if (isBlankOrComment(text) && !/^[|>]/.test(inline)) continue;
		if (text.trim() === '') continue;
		const ind = indentOf(text);
		const item = sameIndentItems && inline === '' && ind === indent && /^-(\s|$)/.test(text.trimStart());
		if (ind <= indent && !item) break;
		endLine = i;
	}
	const endOf = (i: number): number => {
		const l = lines[i];
		if (!l) return head;
		return l.at + l.text.slice(0, commentStart(l.text)).trimEnd().length;
	};
	if (/^[|>]/.test(inline)) {
		const last = lines[endLine];
		return { ...base, form: 'blockScalar', end: endLine === index ? start + inline.length : (last?.at ?? 0) + (last?.text.trimEnd().length ?? 0) };
	}
	if (inline === '') return endLine === index ? null : { ...base, form: 'blockList', end: endOf(endLine) };
	if (inline.startsWith('[') || inline.startsWith('{')) {
		const close = flowEnd(lines, index, start - line.at, last);
		return close === null ? null : { ...base, form: 'flow', end: close };
	}
	return { ...base, form: 'plain', end: start + inline.length };
}

/** The offset just after the flow collection opening at column `col` of line `index` (it may go on over lines up to `last`), or null. */
function flowEnd(lines: Line[], index: number, col: number, last: number): number | null {
	let depth = 0;
	let quote = '';
	for (let i = index; i <= last; i++) {
		const line = lines[i];
		if (!line) return null;
		const from = i === index ? col : 0;
		for (let j = from; j < line.text.length; j++) {
			const ch = line.text[j];
			if (quote) {
				if (ch === quote) quote = '';
				continue;
			}
			if (ch === '"' || ch === "'") quote = ch;
			else if (ch === '#' && /\s/.test(line.text[j - 1] ?? '')) break;
			else if (ch === '[' || ch === '{') depth++;
			else if (ch === ']' || ch === '}') {
				depth--;
				if (depth === 0) return line.at + j + 1;
			}
		}
	}
	return null;
}

/** The value of the top-level `key` of a block source, or null when the key is not written (or its value not understood). */
export function keySpan(source: string, key: string): ValueSpan | null {
	const lines = linesOf(source);
	const first = lines.find((l) => !isBlankOrComment(l.text));
	if (!first) return null;
	const top = indentOf(first.text);
	const index = lines.findIndex((l) => indentOf(l.text) === top && writesKey(l.text.trimStart(), key));
	const line = lines[index];
	if (!line) return null;
	return valueAt(lines, index, line.text.indexOf(':', top + key.length) + 1, top, lines.length - 1, true);
}

/** The items of a list value (a block list's `- ` items or a flow list's elements), or null when `list` is neither. */
export function itemSpans(source: string, list: ValueSpan): ValueSpan[] | null {
	if (list.form === 'flow') return flowItems(source, list);
	if (list.form !== 'blockList') return null;
	const lines = linesOf(source);
	const firstLine = lines.findIndex((l) => l.at + l.text.length >= list.head) + 1;
	const lastLine = lines.findIndex((l) => l.at + l.text.length >= list.end);
	const starts: number[] = [];
	let itemIndent: number | undefined;
	for (let i = firstLine; i <= lastLine; i++) {
		const text = lines[i]?.text ?? '';
		if (isBlankOrComment(text)) continue;
		const ind = indentOf(text);
		itemIndent ??= ind;
		if (ind === itemIndent && /^-(\s|$)/.test(text.trimStart())) starts.push(i);
		else if (ind <= itemIndent) return null;
	}
	const spans: ValueSpan[] = [];
	for (let k = 0; k < starts.length; k++) {
		const i = starts[k] ?? 0;
		const next = starts[k + 1];
		const ind = indentOf(lines[i]?.text ?? '');
		const span = valueAt(lines, i, ind + 1, ind, next === undefined ? lastLine : next - 1, false);
		if (!span) return null;
		spans.push(span);
	}
	return spans;
}

/** The elements of a flow list `[a, [[1, 0]], b]` (one level deep), as spans inside it. */
function flowItems(source: string, list: ValueSpan): ValueSpan[] | null {
	if (source[list.start] !== '[') return null;
	const spans: ValueSpan[] = [];
	let depth = 0;
	let quote = '';
	let from = list.start + 1;
	const push = (to: number): void => {
		const text = source.slice(from, to);
		const inline = text.trim();
		if (inline === '') return;
		const start = from + text.indexOf(inline);
		const form: ValueForm = inline.startsWith('[') || inline.startsWith('{') ? 'flow' : 'plain';
		spans.push({ form, inFlow: true, head: start, start, end: start + inline.length, indent: list.indent, comment: '' });
	};
	for (let j = list.start + 1; j < list.end; j++) {
		const ch = source[j];
		if (quote) {
			if (ch === quote) quote = '';
			continue;
		}
		if (ch === '"' || ch === "'") quote = ch;
		else if (ch === '#' && /\s/.test(source[j - 1] ?? '')) return null;
		else if (ch === '[' || ch === '{') depth++;
		else if ((ch === ']' || ch === '}') && depth > 0) depth--;
		else if ((ch === ',' && depth === 0) || (ch === ']' && depth === 0)) {
			push(j);
			from = j + 1;
		}
	}
	return spans;
}
