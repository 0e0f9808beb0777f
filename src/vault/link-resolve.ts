/**
 * Link resolution on a list of paths, as `metadataCache.getFirstLinkpathDest` does it on the vault:
 * a `./` or `../` path from the note's folder; else the exact vault path, then the path relative to
 * the note's folder (each also with `.md`), then
 * by name: files whose path ends with the link path (case-insensitive), those in the note's folder
 * first, then the shortest path. Used to ask where a link pointed BEFORE a rename, when the vault
 * already holds the new paths.
 */

/** The paths of a vault's files at one moment, indexed for resolution. */
export class PathIndex {
	private readonly exact: ReadonlySet<string>;
	private readonly byName = new Map<string, string[]>();

	/** `paths`: every file's vault path (no leading slash). */
	constructor(paths: Iterable<string>) {
		const all = [...paths];
		this.exact = new Set(all);
		for (const path of all) {
			const name = (path.split('/').pop() ?? path).toLowerCase();
			for (const key of name.endsWith('.md') ? [name, name.slice(0, -3)] : [name]) {
				const list = this.byName.get(key) ?? [];
				list.push(path);
				this.byName.set(key, list);
			}
		}
	}

	/** How many files have the name (last part) of `path`, case-insensitive. */
	named(path: string): number {
		return this.byName.get((path.split('/').pop() ?? path).toLowerCase())?.length ?? 0;
	}

	/** True when a file has exactly this path. */
	has(path: string): boolean {
		return this.exact.has(path);
	}

	/** The path `linkpath` (`#subpath` allowed) resolves to from the note at `sourcePath`, or null. */
	resolve(linkpath: string, sourcePath: string): string | null {
		const clean = (linkpath.split('#')[0] ?? '').trim().replace(/^\/+/, '');
		if (!clean) return null;
		const folder = sourcePath.includes('/') ? sourcePath.slice(0, sourcePath.lastIndexOf('/')) : '';
		if (/^\.\.?\//.test(clean)) {
			// A relative path ("Relative path to file" links): from the note's folder, exactly.
			const joined = joinRelative(folder, clean);
			if (joined === null) return null;
			for (const candidate of [joined, `${joined}.md`]) if (this.exact.has(candidate)) return candidate;
			return null;
		}
		for (const candidate of [clean, `${clean}.md`]) if (this.exact.has(candidate)) return candidate;
		if (folder) for (const candidate of [clean, `${clean}.md`]) if (this.exact.has(`${folder}/${candidate}`)) return `${folder}/${candidate}`;
		const lower = clean.toLowerCase();
		const name = lower.split('/').pop() ?? lower;
		const matches = (this.byName.get(name) ?? []).filter((p) => {
			const l = p.toLowerCase();
			return l === lower || l.endsWith(`/${lower}`) || l === `${lower}.md` || l.endsWith(`/${lower}.md`);
		});
		const local = (p: string) => (folder && p.startsWith(`${folder}/`) ? 0 : 1);
		matches.sort((a, b) => local(a) - local(b) || a.length - b.length);
		return matches[0] ?? null;
	}
}

/** `folder` + a `./` or `../` path, the dots resolved; null when it climbs above the vault. */
export function joinRelative(folder: string, relative: string): string | null {
	const parts = folder === '' ? [] : folder.split('/');
	for (const part of relative.split('/')) {
		if (part === '.' || part === '') continue;
		if (part === '..') {
			if (parts.length === 0) return null;
			parts.pop();
		} else parts.push(part);
	}
	return parts.join('/');
}
