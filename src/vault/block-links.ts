/**
 * The wiki-links inside a note's CNN blocks, found on the raw text (never re-serialising YAML) with
 * their exact places, so a rename can change the link text and nothing else. Blocks are fenced code
 * blocks (``` or ~~~, any length) whose language is one of CNN_LANGUAGES, at the top level, inside
 * callouts and quotes (`> ` lines) or inside list items (indented, or after the item's marker).
 * Every `[[...]]` on a block's lines counts, whatever its key: `"[[a.png]]"`, `'[[a.png]]'`,
 * unquoted `[[a.png]]`, `![[a.png]]`, `[[a.png|alias]]`, `[[a.png#part]]`; an unquoted `[[...]]` of
 * numbers only is a one-row matrix (`kernel: [[0.5, 1, 2]]`), not a link.
 */

/** The code-block languages whose wiki-links follow the vault (cnn-train is coming). */
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

/** The container prefix of a line: `>` markers (with their spaces), then indentation, then at most one list marker. */
const OPENING = /^((?:[ \t]*>)*)[ \t]*(?:(?:[-*+]|\d{1,9}[.)])[ \t]+)?(`{3,}|~{3,})(.*)$/;
/** The `>` markers at the start of a line. */
const QUOTES = /^(?:[ \t]*>)*/;
/** A wiki-link (embed or not); the target holds no brackets or line breaks. */
const WIKI_LINK = /(!?)\[\[([^[\]\r\n]+)\]\]/g;

/** Number of `>` at the start of a line (its callout or quote depth). */
function quoteDepth(text: string): number {
	return (QUOTES.exec(text)?.[0] ?? '').split('>').length - 1;
}

/** The fence opening on a line: its marker (``` or ~~~, full length), quote depth and info string; null otherwise. */
function openingFence(text: string): { fence: string; depth: number; info: string } | null {
	const m = OPENING.exec(text);
	if (!m) return null;
	const fence = m[2] ?? '';
	const info = (m[3] ?? '').trim();
	// A backtick fence's info string holds no backtick (CommonMark), else it is inline code.
	if (fence.startsWith('`') && info.includes('`')) return null;
	return { fence, depth: (m[1] ?? '').split('>').length - 1, info };
}

/** True when a line closes a fence opened with `fence`: the same character, at least as many, nothing else. */
function closesFence(text: string, fence: string): boolean {
	const bare = text.replace(QUOTES, '').trim();
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
		});
	}
	return links;
}

/**
 * The CNN blocks of a note and the wiki-links on their lines, in order. Other fenced blocks are
 * skipped whole (a cnn fence shown inside a ```markdown example is not a block). A block inside a
 * callout ends at its closing fence or where the callout ends. Linear in the note's length.
 */
export function findCnnBlocks(note: string): CnnBlock[] {
	const lines = linesOf(note);
	const blocks: CnnBlock[] = [];
	for (let i = 0; i < lines.length; i++) {
		const open = openingFence(lines[i]?.text ?? '');
		if (!open) continue;
		const language = open.info.split(/\s/)[0] ?? '';
		const isCnn = CNN_LANGUAGES.includes(language);
		const links: BlockLink[] = [];
		let end = i + 1;
		for (; end < lines.length; end++) {
			const text = lines[end]?.text ?? '';
			if (open.depth > 0 && quoteDepth(text) < open.depth) {
				end--;
				break;
			}
			if (closesFence(text, open.fence)) break;
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

/** The result of rewriteBlockLinks: the new text and how many links and blocks changed. */
export interface RewriteResult {
	text: string;
	links: number;
	blocks: number;
}

/**
 * Rewrites the link paths `rewrite` asks for, in the CNN blocks of `note`: only the path text
 * changes (escaped for its quotes); `#subpath`, `|alias`, `!`, quotes, line breaks and everything
 * else stay. An unquoted `[[...]]` whose new path YAML would not read back (see plainLinkSafe)
 * gets double quotes, the only case where more than the path changes.
 */
export function rewriteBlockLinks(note: string, rewrite: LinkRewrite): RewriteResult {
	const edits: { from: number; to: number; text: string }[] = [];
	let blocks = 0;
	for (const block of findCnnBlocks(note)) {
		let changed = false;
		for (const link of block.links) {
			const path = rewrite(link);
			if (path === null || path === link.linkpath) continue;
			changed = true;
			const pathText = escapeLinkPath(path, link.quote);
			if (link.quote === '' && !link.embed && !plainLinkSafe(path)) {
				const quoted = escapeLinkPath(path, '"');
				const whole = note.slice(link.from, link.to);
				const rel = link.pathFrom - link.from;
				edits.push({ from: link.from, to: link.to, text: `"${whole.slice(0, rel)}${quoted}${whole.slice(rel + link.pathTo - link.pathFrom)}"` });
			} else {
				edits.push({ from: link.pathFrom, to: link.pathTo, text: pathText });
			}
		}
		if (changed) blocks++;
	}
	let text = note;
	for (const e of [...edits].reverse()) text = text.slice(0, e.from) + e.text + text.slice(e.to);
	return { text, links: edits.length, blocks };
}
