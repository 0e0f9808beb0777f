/**
 * Markdown for the preview: markdown-it plus the Obsidian syntax the example vault uses —
 * wiki-links `[[note|alias]]`, embeds `![[picture.png|width]]`, math `$…$` / `$$…$$`, and code
 * blocks handed to the plugin's processors. Preview infrastructure, not part of the plugin.
 */
import MarkdownIt, { type Env, type MarkdownIt as MarkdownRenderer, type StateBlock, type StateInline } from 'markdown-it';

/** A fenced block left for a code-block processor, in document order. */
export interface PendingBlock {
	language: string;
	source: string;
	/** The opening fence's line in the rendered Markdown (0-based), or undefined when markdown-it did not say. */
	line?: number;
}

/** Per-render context: where links resolve from, and the blocks found. */
export interface RenderEnv extends Env {
	/** Vault path of the note being rendered. */
	sourcePath: string;
	/** Resolves a link path (no heading) to a vault file path, or null. */
	resolve(linkpath: string): string | null;
	/** Filled by the render: the processor blocks, matching `.preview-block[data-block=i]`. */
	blocks: PendingBlock[];
}

const IMAGE_EXTENSIONS = new Set(['png', 'jpg', 'jpeg', 'gif', 'webp', 'svg', 'bmp', 'avif']);

/** URL under which the preview server serves a vault file. */
export function vaultUrl(path: string): string {
	return '/vault/' + path.split('/').map(encodeURIComponent).join('/');
}

/** Hash route of a note, with an optional heading to scroll to. */
export function noteHref(path: string, heading?: string): string {
	const base = '#/' + path.split('/').map(encodeURIComponent).join('/');
	return heading ? `${base}?heading=${encodeURIComponent(heading)}` : base;
}

/** The note path and heading of a hash route made by noteHref (`#/en/Pooling.md?heading=Max`), or null for an empty route. */
export function parseNoteHref(hash: string): { path: string; heading?: string } | null {
	const raw = hash.replace(/^#\/?/, '');
	if (!raw) return null;
	const [pathPart = '', query = ''] = raw.split('?');
	const heading = new URLSearchParams(query).get('heading') ?? undefined;
	return { path: pathPart.split('/').map(decodeURIComponent).join('/'), heading };
}

/** The RenderEnv a render was given (createMarkdown's renderers need one). */
function renderEnv(env: Env | undefined): RenderEnv {
	if (!env || typeof env.resolve !== 'function' || !Array.isArray(env.blocks)) throw new Error('render the vault Markdown with a RenderEnv');
	return env as RenderEnv;
}

function escapeHtml(s: string): string {
	return s.replace(/[&<>"']/g, (c) => `&${({ '&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot', "'": '#39' } as Record<string, string>)[c]};`);
}

function wikilinkRule(state: StateInline, silent: boolean): boolean {
	const src = state.src;
	let pos = state.pos;
	const embed = src.charCodeAt(pos) === 0x21; /* ! */
	if (embed) pos++;
	if (!src.startsWith('[[', pos)) return false;
	const end = src.indexOf(']]', pos + 2);
	if (end < 0) return false;
	const inner = src.slice(pos + 2, end);
	if (!inner.trim() || inner.includes('\n') || inner.includes('[')) return false;
	if (!silent) {
		const bar = inner.indexOf('|');
		const token = state.push('wikilink', '', 0);
		token.meta = {
			embed,
			target: (bar >= 0 ? inner.slice(0, bar) : inner).trim(),
			alias: bar >= 0 ? inner.slice(bar + 1).trim() : undefined,
		};
	}
	state.pos = end + 2;
	return true;
}

function mathInlineRule(state: StateInline, silent: boolean): boolean {
	const src = state.src;
	const start = state.pos;
	if (src.charCodeAt(start) !== 0x24 /* $ */ || src.charCodeAt(start + 1) === 0x24) return false;
	const first = src.charAt(start + 1);
	if (!first || /\s/.test(first)) return false;
	let end = start + 1;
	while ((end = src.indexOf('$', end)) >= 0) {
		if (src.charAt(end - 1) !== '\\' && !/\s/.test(src.charAt(end - 1))) break;
		end++;
	}
	if (end < 0 || end === start + 1) return false;
	if (!silent) state.push('math_inline', '', 0).content = src.slice(start + 1, end);
	state.pos = end + 1;
	return true;
}

function mathBlockRule(state: StateBlock, startLine: number, endLine: number, silent: boolean): boolean {
	const lineText = (n: number) => state.src.slice(state.bMarks[n]! + state.tShift[n]!, state.eMarks[n]);
	const first = lineText(startLine);
	if (!first.startsWith('$$')) return false;
	if (silent) return true;
	let content: string;
	let last = startLine;
	if (first.length > 4 && first.trimEnd().endsWith('$$')) {
		content = first.trim().slice(2, -2);
	} else {
		const lines = [first.slice(2)];
		while (++last < endLine) {
			const text = lineText(last);
			if (text.trimEnd().endsWith('$$')) {
				lines.push(text.trimEnd().slice(0, -2));
				break;
			}
			lines.push(text);
		}
		content = lines.join('\n');
	}
	state.line = last + 1;
	const token = state.push('math_block', 'div', 0);
	token.content = content.trim();
	token.map = [startLine, state.line];
	return true;
}

/** A markdown-it instance for the vault; `isProcessed(lang)` says which fences go to the plugin. */
export function createMarkdown(isProcessed: (language: string) => boolean): MarkdownRenderer {
	const md = new MarkdownIt({ html: false, linkify: false, breaks: true });
	md.inline.ruler.before('link', 'wikilink', wikilinkRule);
	md.inline.ruler.after('escape', 'math_inline', mathInlineRule);
	md.block.ruler.before('fence', 'math_block', mathBlockRule, { alt: ['paragraph'] });

	md.renderer.rules.math_inline = (tokens, idx) =>
		`<span class="preview-math" data-display="false" data-tex="${escapeHtml(tokens[idx]!.content)}"></span>`;
	md.renderer.rules.math_block = (tokens, idx) =>
		`<div class="preview-math" data-display="true" data-tex="${escapeHtml(tokens[idx]!.content)}"></div>\n`;

	md.renderer.rules.wikilink = (tokens, idx, _options, rawEnv) => {
		const env = renderEnv(rawEnv);
		const { embed, target, alias } = tokens[idx]!.meta as { embed: boolean; target: string; alias?: string };
		const hashAt = target.indexOf('#');
		const linkpath = hashAt >= 0 ? target.slice(0, hashAt) : target;
		const heading = hashAt >= 0 ? target.slice(hashAt + 1) : undefined;
		const resolved = linkpath ? env.resolve(linkpath) : env.sourcePath;
		const ext = (resolved ?? linkpath).split('.').pop()?.toLowerCase() ?? '';
		if (embed && resolved && IMAGE_EXTENSIONS.has(ext)) {
			const width = alias && /^\d+(x\d+)?$/.test(alias) ? ` width="${alias.split('x')[0]}"` : '';
			const alt = alias && !width ? alias : linkpath;
			return `<span class="internal-embed image-embed is-loaded" src="${escapeHtml(target)}"><img src="${escapeHtml(vaultUrl(resolved))}" data-path="${escapeHtml(resolved)}" alt="${escapeHtml(alt)}"${width}></span>`;
		}
		const text = alias ?? target.replace('#', ' > ');
		const cls = resolved ? 'internal-link' : 'internal-link is-unresolved';
		const href = resolved ? noteHref(resolved, heading) : '#';
		return `<a class="${cls}${embed ? ' internal-embed' : ''}" data-href="${escapeHtml(target)}" href="${escapeHtml(href)}">${escapeHtml(text)}</a>`;
	};

	const defaultFence = md.renderer.rules.fence!;
	md.renderer.rules.fence = (tokens, idx, options, rawEnv, self) => {
		const env = renderEnv(rawEnv);
		const token = tokens[idx]!;
		const language = token.info.trim().split(/\s+/)[0] ?? '';
		if (!isProcessed(language)) return defaultFence(tokens, idx, options, rawEnv, self);
		env.blocks.push({ language, source: token.content.replace(/\n$/, ''), line: token.map?.[0] });
		return `<div class="el-pre"><div class="preview-block" data-block="${env.blocks.length - 1}"></div></div>\n`;
	};
	return md;
}

/** Splits YAML front matter (between `---` lines at the very top) from the body. */
export function splitFrontmatter(text: string): { yaml: string | null; body: string } {
	const match = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?/.exec(text);
	if (!match) return { yaml: null, body: text };
	return { yaml: match[1] ?? '', body: text.slice(match[0].length) };
}
