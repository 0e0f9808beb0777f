/** Wiki-links in block values: `"[[a.png]]"`, `"![[a.png]]"`, `"[[a.png|alias]]"`, or unquoted `[[a.png]]`. */
import type { WikiLink } from './types';

/** `[[target]]` or `![[target]]` as a whole string; the target has no brackets. */
const WIKI_LINK = /^(!?)\[\[([^[\]]+)\]\]$/;

/** Splits `path|alias` into a link; null when the path is empty. */
function linkOf(target: string, embed: boolean): WikiLink | null {
	const bar = target.indexOf('|');
	const path = (bar < 0 ? target : target.slice(0, bar)).trim();
	if (path === '') return null;
	const alias = bar < 0 ? '' : target.slice(bar + 1).trim();
	return alias === '' ? { path, embed } : { path, alias, embed };
}

/**
 * Reads a wiki-link from a parsed YAML value, or null when the value is not one. Accepts the
 * strings `[[a.png]]`, `![[a.png]]` (embed), `[[a.png|alias]]`, `[[folder/a b.png]]`, and the
 * nested list `[["a.png"]]` that YAML makes of an unquoted `[[a.png]]` (commas inside the name,
 * which YAML splits on, are put back as `, `). Unquoted `![[a.png]]` is quoted before YAML reads it
 * (see quoteEmbeds), so it arrives here as a string.
 */
export function parseWikiLink(value: unknown): WikiLink | null {
	if (typeof value === 'string') {
		const match = WIKI_LINK.exec(value.trim());
		return match === null ? null : linkOf(match[2] ?? '', match[1] === '!');
	}
	if (!Array.isArray(value) || value.length !== 1) return null;
	const inner: unknown = value[0];
	if (!Array.isArray(inner) || inner.length === 0) return null;
	const parts: unknown[] = inner;
	if (!parts.every((p) => typeof p === 'string' || typeof p === 'number')) return null;
	return linkOf(parts.map(String).join(', '), false);
}
