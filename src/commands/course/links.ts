/**
 * Keeps the course's wiki-links pointing at the course's own files once they sit in a folder of a
 * vault that may already have files of the same names (another `Pooling.md`, `convolution.png`):
 * a link keeps its short form when its name is unique in the vault, and becomes the file's full
 * path when it is not. Links inside the cnn-* blocks (`image: "[[edges.png]]"`) are rewritten too.
 */

/** `[[target#subpath|alias]]` and `![[…]]`; the target holds no brackets, `#` or `|`. */
const WIKI_LINK = /(!?)\[\[([^[\]|#]*)(#[^[\]|]*)?(\|[^[\]]*)?\]\]/g;

/** The opening fence of a CNN block (any container prefix left aside: the course has none). */
const CNN_FENCE = /^\s*(`{3,}|~{3,})\s*cnn-[\w-]+\s*$/;
const ANY_FENCE = /^\s*(`{3,}|~{3,})/;

/** Where each course file lies and how a link should name it. */
export interface CourseLinkTargets {
	/** Link name as the course writes it, lower-cased (`pooling`, `pooling.md`, `edges.png`) -> the file's vault path. */
	byName: ReadonlyMap<string, string>;
	/** The link path to write for a file at this vault path (`Pooling`, or `CNN course/Pooling` when the name is taken). */
	linkPath(path: string): string;
}

/**
 * The link path Obsidian's "shortest path when possible" writes: the file's name when no other file
 * of the vault has it (case-insensitively), else its full path; notes lose `.md`.
 * `nameCount` tells how many files of the vault (the course's included) have a lower-cased name.
 */
export function shortestLinkPath(path: string, nameCount: (lowerName: string) => number): string {
	const name = path.slice(path.lastIndexOf('/') + 1);
	const text = nameCount(name.toLowerCase()) <= 1 ? name : path;
	return text.toLowerCase().endsWith('.md') ? text.slice(0, -3) : text;
}

/** The text Obsidian shows for a link without alias: `Note`, or `Note > Heading`. */
function shownText(target: string, subpath: string): string {
	return subpath ? `${target} > ${subpath.slice(1)}` : target;
}

/** Rewrites one link; `quote` wraps a changed link in double quotes (an unquoted YAML value in a block, where no alias is added). */
function rewriteLink(match: string, embed: string, target: string, subpath: string | undefined, alias: string | undefined, targets: CourseLinkTargets, quote: boolean): string {
	const path = targets.byName.get(target.trim().toLowerCase());
	if (path === undefined) return match;
	const linkPath = targets.linkPath(path);
	if (linkPath === target) return match;
	// A note link whose text becomes a path keeps showing the name it showed.
	const keepShown = alias === undefined && embed === '' && !quote && path.toLowerCase().endsWith('.md') && linkPath.includes('/') ? `|${shownText(target.trim(), subpath ?? '')}` : '';
	const link = `${embed}[[${linkPath}${subpath ?? ''}${alias ?? keepShown}]]`;
	return quote ? `"${link}"` : link;
}

/**
 * `text` with every wiki-link to a course file rewritten to targets.linkPath (subpaths and aliases
 * kept); other links, and `[[1, 2]]` matrices in blocks, are left alone. Inside a cnn-* block a
 * changed link written unquoted (`image: [[x.png]]`) is quoted, so that any folder name stays valid
 * YAML; other code blocks are not touched.
 */
export function rewriteCourseLinks(text: string, targets: CourseLinkTargets): string {
	const lines = text.split('\n');
	let fence: { marker: string; cnn: boolean } | null = null;
	return lines
		.map((line) => {
			if (fence) {
				const trimmed = line.trim();
				if (trimmed.startsWith(fence.marker) && trimmed.replace(/[`~]/g, '') === '') {
					fence = null;
					return line;
				}
				if (!fence.cnn) return line;
				return line.replace(WIKI_LINK, (match: string, embed: string, target: string, subpath: string | undefined, alias: string | undefined, offset: number) => {
					const before = line.slice(0, offset).trimEnd();
					const quote = before.endsWith(':') || before.endsWith('-');
					return rewriteLink(match, embed, target, subpath, alias, targets, quote);
				});
			}
			const open = ANY_FENCE.exec(line);
			if (open) {
				fence = { marker: open[1] ?? '```', cnn: CNN_FENCE.test(line) };
				return line;
			}
			return line.replace(WIKI_LINK, (match: string, embed: string, target: string, subpath: string | undefined, alias: string | undefined) =>
				rewriteLink(match, embed, target, subpath, alias, targets, false),
			);
		})
		.join('\n');
}
