/**
 * Finding a fenced code block in a note's text and replacing its body, as plain text (no Obsidian):
 * inside a callout, quote or list the block's lines carry the container's prefix (`> `, an
 * indentation, the content column of a list item), which the rendered source does not have; line endings (LF or CRLF) are kept.
 */

/** Lines of the note to search: Obsidian's section of the block (0-based, both ends included). */
export interface LineSpan {
	lineStart: number;
	lineEnd: number;
}

/** Where a block's body is in the note: its first and last body lines (0-based; last < first for an empty body) and the container prefix. */
export interface BlockPlace {
	bodyStart: number;
	bodyEnd: number;
	prefix: string;
}

/** The block found, or why not: no fence in the span holds the source, or two do. */
export type Located = { status: 'found'; place: BlockPlace } | { status: 'missing' } | { status: 'ambiguous' };

/**
 * The container prefix of an opening fence line and the rest: whitespace, `>` marks and list
 * markers (`-`, `*`, `+`, `1.`, `1)`) before the fence, as in `> - ```cnn-conv`.
 */
function splitPrefix(line: string): { prefix: string; rest: string } {
	const m = /^((?:[ \t]|>|(?:[-*+]|\d{1,9}[.)])(?=[ \t]))*)(.*)$/.exec(line);
	return { prefix: m?.[1] ?? '', rest: m?.[2] ?? line };
}

/** The prefix of a block's body lines: the fence's, a list marker becoming the spaces of the item's content column. */
export function bodyPrefix(fencePrefix: string): string {
	return fencePrefix.replace(/(?:[-*+]|\d{1,9}[.)])(?=[ \t])/g, (marker) => ' '.repeat(marker.length));
}

/** The language of an opening fence (the first word of its info string), with its marks; null when the line is no opening fence. */
export function openingFence(rest: string): { marks: string; language: string } | null {
	const fence = /^(`{3,}|~{3,})[ \t]*([^\s`]+)(?:[ \t].*)?$/.exec(rest.trimEnd());
	if (!fence?.[1] || !fence[2] || (fence[1].startsWith('`') && fence[0].slice(fence[1].length).includes('`'))) return null;
	return { marks: fence[1], language: fence[2] };
}

/** A body line without the container's prefix; a line of only the prefix's marks (`>` for `> `) is empty. */
function stripPrefix(line: string, prefix: string): string {
	if (line.startsWith(prefix)) return line.slice(prefix.length);
	if (line.trimEnd() === prefix.trimEnd()) return '';
	return line.trimStart();
}

/** The lines of a note without their line endings. */
export function noteLines(text: string): string[] {
	return text.split('\n').map((l) => l.replace(/\r$/, ''));
}

/**
 * Finds, inside `span` of the note, the fenced block of `language` whose body (without the
 * container prefix) is exactly `source`. Two such blocks in the span are ambiguous: which one the
 * widget shows cannot be told, so neither is to be written.
 */
export function locateBlock(text: string, span: LineSpan, language: string, source: string): Located {
	const lines = noteLines(text);
	const want = source.replace(/\r\n/g, '\n').replace(/\n$/, '');
	const last = Math.min(span.lineEnd, lines.length - 1);
	const found: BlockPlace[] = [];
	for (let i = Math.max(0, span.lineStart); i <= last; i++) {
		const open = splitPrefix(lines[i] ?? '');
		const fence = openingFence(open.rest);
		if (!fence || fence.language !== language) continue;
		const marks = fence.marks;
		const prefix = bodyPrefix(open.prefix);
		let end = -1;
		for (let j = i + 1; j <= last; j++) {
			const body = stripPrefix(lines[j] ?? '', prefix).trim();
			if (body.startsWith(marks[0] ?? '`') && /^(`{3,}|~{3,})$/.test(body) && body.length >= marks.length) {
				end = j;
				break;
			}
		}
		if (end < 0) continue;
		const body = lines.slice(i + 1, end).map((l) => stripPrefix(l, prefix));
		if (body.join('\n') === want) found.push({ bodyStart: i + 1, bodyEnd: end - 1, prefix });
		i = end;
	}
	if (found.length > 1) return { status: 'ambiguous' };
	const place = found[0];
	return place ? { status: 'found', place } : { status: 'missing' };
}

/**
 * The note with the body at `place` replaced by `source`: only the lines that differ are
 * rewritten, each new line carries the container prefix, and the note's line ending is kept.
 */
export function replaceBlockBody(text: string, place: BlockPlace, source: string): string {
	const raw = text.split('\n');
	const eol = /\r$/.test(raw[place.bodyStart - 1] ?? '') ? '\r' : '';
	const oldBody = raw.slice(place.bodyStart, place.bodyEnd + 1);
	const newLines = source.replace(/\r\n/g, '\n').replace(/\n$/, '').split('\n');
	const blankPrefix = place.prefix.trimEnd();
	// Lines equal at the start and at the end of the body are kept as written (also when the lines between changed in number).
	const same = (old: string | undefined, line: string | undefined): boolean =>
		old !== undefined && line !== undefined && stripPrefix(old.replace(/\r$/, ''), place.prefix) === line;
	let head = 0;
	while (head < oldBody.length && head < newLines.length && same(oldBody[head], newLines[head])) head++;
	let tail = 0;
	while (tail < oldBody.length - head && tail < newLines.length - head && same(oldBody[oldBody.length - 1 - tail], newLines[newLines.length - 1 - tail])) tail++;
	const body = newLines.map((line, k) => {
		const old = k < head ? oldBody[k] : k >= newLines.length - tail ? oldBody[oldBody.length - (newLines.length - k)] : oldBody[k];
		if (old !== undefined && same(old, line)) return old;
		return (line === '' ? blankPrefix : place.prefix + line) + eol;
	});
	return [...raw.slice(0, place.bodyStart), ...body, ...raw.slice(place.bodyEnd + 1)].join('\n');
}
