/**
 * The wiki-links inside a note's CNN blocks, found on the raw text (never re-serialising YAML) with
 * their exact places, so a rename can change the link text and nothing else. Blocks are fenced code
 * blocks (``` or ~~~, any length) whose language is one of CNN_LANGUAGES, at the top level, inside
 * callouts and quotes (`> ` lines) or inside list items (indented, or after the item's marker).
 * Every `[[...]]` on a block's lines counts, whatever its key: `"[[a.png]]"`, `'[[a.png]]'`,
 * unquoted `[[a.png]]`, `![[a.png]]`, `[[a.png|alias]]`, `[[a.png#part]]`; an unquoted `[[...]]` of
 * numbers only is a one-row matrix (`kernel: [[0.5, 1, 2]]`), not a link. A link is `whole` when it
 * is a key's or list item's whole value (what the block reads); only those are rewritten.
 */

/** The code-block languages whose wiki-links follow the vault. */
export const CNN_LANGUAGES: readonly string[] = ['cnn-conv', 'cnn-pool', 'cnn-classify', 'cnn-train'];

/** How a link is written: inside "double" or 'single' YAML quotes, or plain (unquoted). */
export type LinkQuote = '"' | "'" | '';

/** One wiki-link inside a CNN block, with offsets into the note's whole text. */
export interface BlockLink {
	/** 0-based line of the note the link is on. */
	line: number;
	/** Offsets [from, to) of the link as written, its quotes included. */
	from: number;
	to: number;
	/** Offsets [pathFrom, pathTo) of the link path as written (escaped for its quotes), the part a rename changes. */
	pathFrom: number;
	pathTo: number;
	/** The link path as Obsidian reads it: unescaped, trimmed, without `#subpath` and `|alias`. */
	linkpath: string;
	/** The link as written, quotes included (for lists shown to the user). */
	text: string;
	quote: LinkQuote;
	/** `![[...]]`. */
	embed: boolean;
	/** The link (with its quotes) is the whole value of a key or list item, as the block reads it; not part of a longer text or a comment. */
	whole: boolean;
}

/** One CNN block of a note: its language, fence lines (0-based) and links. */
export interface CnnBlock {
	language: string;
	/** Line of the opening fence. */
	line: number;
	/** Line of the closing fence, or the note's last line of the block when it is never closed. */
	endLine: number;
	links: BlockLink[];
}

/** A line of the note: its text without the line break, and its offset in the note. */
interface Line {
	text: string;
	offset: number;
}

/** Splits a note into lines; `\r` of CRLF breaks stays outside the line text, so edits keep it. */
function linesOf(note: string): Line[] {
	const lines: Line[] = [];
	let offset = 0;
	for (const raw of note.split('\n')) {
		lines.push({ text: raw.endsWith('\r') ? raw.slice(0, -1) : raw, offset });
		offset += raw.length + 1;
	}
	return lines;
}

/** A `>` marker of a quote or callout, with the one space after it that belongs to the marker. */
const QUOTE_MARK = /^[ \t]*>[ ]?/;
/** A list item's marker and the spaces after it. */
const LIST_MARK = /^(?:[-*+]|\d{1,9}[.)])(?:[ \t]+|$)/;
/** A fence and its info string, at the start of a line's content. */
const FENCE = /^(`{3,}|~{3,})(.*)$/;
/** A wiki-link (embed or not); the target holds no brackets or line breaks. */
const WIKI_LINK = /(!?)\[\[([^[\]\r\n]+)\]\]/g;

/** A line seen through its containers: quote depth, and the text after the `>` markers. */
function quoted(text: string): { depth: number; rest: string } {
	let depth = 0;
	let rest = text;
	for (let m = QUOTE_MARK.exec(rest); m; m = QUOTE_MARK.exec(rest)) {
		depth++;
		rest = rest.slice(m[0].length);
	}
	return { depth, rest };
}

/** Columns of leading spaces and tabs (a tab to the next multiple of 4), and their length in characters. */
function indentOf(text: string): { columns: number; chars: number } {
	let columns = 0;
	let chars = 0;
	for (; chars < text.length; chars++) {
		if (text[chars] === ' ') columns++;
		else if (text[chars] === '\t') columns += 4 - (columns % 4);
		else break;
	}
	return { columns, chars };
}

/** True when a line closes a fence opened with `fence`: the same character, at least as many, nothing else. */
function closesFence(rest: string, fence: string): boolean {
	const bare = rest.trim();
	if (bare.length < fence.length) return false;
	const char = fence[0] ?? '`';
	for (let i = 0; i < bare.length; i++) if (bare[i] !== char) return false;
	return true;
}

/** Reads a link path as YAML reads the quotes it is in: `''` is `'`, `\"` is `"`, `\\` is `\`. */
function unescape(path: string, quote: LinkQuote): string {
	if (quote === "'") return path.replace(/''/g, "'");
	if (quote === '"') return path.replace(/\\(["\\/])/g, '$1');
	return path;
}

/** A YAML number: no two parts of the pattern can match the same characters (no backtracking blow-up on long input). */
const NUMBER = String.raw`[-+]?(?:\d[\d_]*(?:\.\d*)?|\.\d+)(?:e[-+]?\d+)?`;
/** A one-row matrix written in flow style, `[[2, 1, -1]]`: numbers and commas only, not a link. */
const NUMBER_ROW = new RegExp(String.raw`^[ \t]*${NUMBER}(?:[ \t]*,[ \t]*${NUMBER})*[ \t]*(?:,[ \t]*)?$`, 'i');

/** What may stand before a whole value on its line: containers, list dashes, a key. */
const WHOLE_BEFORE = /^(?:[ \t]*>[ ]?)*[ \t]*(?:-[ \t]+)*(?:[A-Za-z_][\w .-]*:[ \t]+)?$/;
/** What may follow a whole value: spaces, a comment. */
const WHOLE_AFTER = /^(?:[ \t]+#.*|[ \t]*)$/;

/** The wiki-links on one line of a block. */
function linksOnLine(line: Line, index: number): BlockLink[] {
	const links: BlockLink[] = [];
	for (const m of line.text.matchAll(WIKI_LINK)) {
		const start = m.index;
		const end = start + m[0].length;
		const before = line.text[start - 1];
		const quote: LinkQuote = (before === '"' || before === "'") && line.text[end] === before ? before : '';
		const inner = m[2] ?? '';
		if (quote === '' && m[1] !== '!' && NUMBER_ROW.test(inner)) continue;
		const cut = inner.search(/[#|]/);
		const written = cut < 0 ? inner : inner.slice(0, cut);
		const lead = written.length - written.trimStart().length;
		const pathText = written.trim();
		const pathFrom = line.offset + start + (m[1] ?? '').length + 2 + lead;
		const from = line.offset + start - (quote ? 1 : 0);
		const to = line.offset + end + (quote ? 1 : 0);
		links.push({
			line: index,
			from,
			to,
			pathFrom,
			pathTo: pathFrom + pathText.length,
			linkpath: unescape(pathText, quote),
			text: line.text.slice(start - (quote ? 1 : 0), end + (quote ? 1 : 0)),
			quote,
			embed: m[1] === '!',
			whole: WHOLE_BEFORE.test(line.text.slice(0, start - (quote ? 1 : 0))) && WHOLE_AFTER.test(line.text.slice(end + (quote ? 1 : 0))),
		});
	}
	return links;
}

/**
 * The CNN blocks of a note and the wiki-links on their lines, in order. Other fenced blocks are
 * skipped whole (a cnn fence shown inside a ```markdown example is not a block). As in CommonMark,
 * a block inside a container ends at its closing fence or where the container ends: a callout or
 * quote at a line with fewer `>`, a list item at a non-blank line indented less than the item's
 * content; a line indented 4 columns or more past its container is indented code, not a fence.
 * Linear in the note's length.
 */
export function findCnnBlocks(note: string): CnnBlock[] {
	const lines = linesOf(note);
	const blocks: CnnBlock[] = [];
	/** Content columns of the open list items (innermost last), at quote depth `listDepth`. */
	let items: number[] = [];
	let listDepth = 0;
	for (let i = 0; i < lines.length; i++) {
		const { depth, rest } = quoted(lines[i]?.text ?? '');
		if (depth !== listDepth) {
			items = [];
			listDepth = depth;
		}
		if (rest.trim() === '') continue;
		const indent = indentOf(rest);
		while (items.length > 0 && indent.columns < (items[items.length - 1] ?? 0)) items.pop();
		let base = items[items.length - 1] ?? 0;
		// Indented 4 or more past its container: indented code (or a paragraph's line), never a fence.
		if (indent.columns - base >= 4) continue;
		let body = rest.slice(indent.chars);
		const marker = LIST_MARK.exec(body);
		if (marker) {
			const width = marker[0].trimEnd().length;
			const spaces = indentOf(marker[0].slice(width)).columns;
			// The item's content starts after the marker and its spaces (one space when 5 or more: indented code follows).
			base = indent.columns + width + (spaces >= 1 && spaces <= 4 ? spaces : 1);
			items.push(base);
			body = body.slice(marker[0].length);
		}
		const open = FENCE.exec(body);
		if (!open) continue;
		const fence = open[1] ?? '';
		const info = (open[2] ?? '').trim();
		// A backtick fence's info string holds no backtick (CommonMark), else it is inline code.
		if (fence.startsWith('`') && info.includes('`')) continue;
		const language = info.split(/\s/)[0] ?? '';
		const isCnn = CNN_LANGUAGES.includes(language);
		const links: BlockLink[] = [];
		let end = i + 1;
		for (; end < lines.length; end++) {
			const inner = quoted(lines[end]?.text ?? '');
			const blank = inner.rest.trim() === '';
			if (inner.depth < depth || (!blank && indentOf(inner.rest).columns < base)) {
				end--;
				break;
			}
			if (closesFence(inner.rest, fence)) break;
			const line = lines[end];
			if (isCnn && line) links.push(...linksOnLine(line, end));
		}
		const endLine = Math.min(end, lines.length - 1);
		if (isCnn) blocks.push({ language, line: i, endLine, links });
		i = endLine;
	}
	return blocks;
}

/** Escapes a link path for the quotes it is written in (YAML single quotes double `'`; double quotes escape `\` and `"`). */
export function escapeLinkPath(path: string, quote: LinkQuote): string {
	if (quote === "'") return path.replace(/'/g, "''");
	if (quote === '"') return path.replace(/[\\"]/g, (c) => `\\${c}`);
	return path;
}

/** Plain scalars YAML would read as something else than this text (numbers, booleans, null). */
const TYPED_PLAIN = /^(?:[-+]?(?:\d[\d_]*(?:\.\d*)?|\.\d+)(?:e[-+]?\d+)?|[-+]?\.(?:inf|nan)|0x[\da-f]+|0o[0-7]+|true|false|null|~|yes|no|on|off)$/i;

/**
 * True when an unquoted `[[path]]` reads back as this path in YAML (a nested flow list of one plain
 * string): no flow indicators or comment/mapping marks, no leading indicator, nothing YAML would type.
 * `, ` is allowed: the block reader puts it back (src/blocks/link.ts).
 */
export function plainLinkSafe(path: string): boolean {
	if (path === '' || path !== path.trim()) return false;
	if (/^[-?:,[\]{}#&*!|>'"%@`]/.test(path)) return false;
	if (/[[\]{}]|,(?! )|:(?:\s|$)| #|\t/.test(path)) return false;
	return !TYPED_PLAIN.test(path);
}

/** What becomes of one link: the new link path (unescaped), or null to leave it as it is. */
export type LinkRewrite = (link: BlockLink) => string | null;

/** The result of rewriteBlockLinks: the new text, how many links and blocks changed, and how many links it had to leave as written. */
export interface RewriteResult {
	text: string;
	links: number;
	blocks: number;
	/** Links `rewrite` asked to change but left as written: not a whole value (part of a longer text), or a new path a wiki-link cannot hold. */
	skipped: number;
}

/** True when a wiki-link can name this path: no `[`, `]`, `#` (subpath), `|` (alias), `^` (block) or line break. */
export function linkableName(path: string): boolean {
	return !/[[\]#|^\r\n]/.test(path);
}

/**
 * Rewrites the link paths `rewrite` asks for, in the CNN blocks of `note`: only the path text
 * changes (escaped for its quotes); `#subpath`, `|alias`, `!`, quotes, line breaks and everything
 * else stay. An unquoted `[[...]]` whose new path YAML would not read back (see plainLinkSafe)
 * gets double quotes (its alias and subpath escaped too), the only case where more than the path
 * changes. A link that is not a whole value, or whose new path a wiki-link cannot name, stays as
 * written and is counted in `skipped`.
 */
export function rewriteBlockLinks(note: string, rewrite: LinkRewrite): RewriteResult {
	const edits: { from: number; to: number; text: string }[] = [];
	let blocks = 0;
	let skipped = 0;
	for (const block of findCnnBlocks(note)) {
		let changed = false;
		for (const link of block.links) {
			const path = rewrite(link);
			if (path === null || path === link.linkpath) continue;
			if (!link.whole || !linkableName(path)) {
				skipped++;
				continue;
			}
			changed = true;
			if (link.quote === '' && !link.embed && !plainLinkSafe(path)) {
				const whole = note.slice(link.from, link.to);
				const rel = link.pathFrom - link.from;
				const written = whole.slice(0, rel) + path + whole.slice(rel + link.pathTo - link.pathFrom);
				edits.push({ from: link.from, to: link.to, text: `"${escapeLinkPath(written, '"')}"` });
			} else {
				edits.push({ from: link.pathFrom, to: link.pathTo, text: escapeLinkPath(path, link.quote) });
			}
		}
		if (changed) blocks++;
	}
	let text = note;
	for (const e of [...edits].reverse()) text = text.slice(0, e.from) + e.text + text.slice(e.to);
	return { text, links: edits.length, blocks, skipped };
}
