/**
 * The documented blocks the fuzzer starts from: every cnn-conv, cnn-pool, cnn-classify and cnn-train block of
 * README.md and of the example vault (examples/vault/**.md), read once from disk, and the small
 * edits (mutations) a student's typing makes to them.
 */
import { readdirSync, readFileSync, statSync } from 'fs';
import { join } from 'path';
import type { BlockKind } from './property';

/** A block as written in a document. */
export interface ExampleBlock {
	kind: BlockKind;
	source: string;
	from: string;
}

const ROOT = join(__dirname, '..', '..');

/** The fenced cnn blocks of a Markdown text (README's ````markdown wrappers included). */
export function blocksOf(markdown: string, from: string): ExampleBlock[] {
	const blocks: ExampleBlock[] = [];
	const lines = markdown.split('\n');
	for (let i = 0; i < lines.length; i++) {
		const open = /^\s*```(cnn-conv|cnn-pool|cnn-classify|cnn-train)\s*$/.exec(lines[i] ?? '');
		if (!open) continue;
		const end = lines.findIndex((l, j) => j > i && /^\s*```\s*$/.test(l));
		if (end < 0) break;
		blocks.push({ kind: open[1] as BlockKind, source: lines.slice(i + 1, end).join('\n'), from });
		i = end;
	}
	return blocks;
}

/** Markdown files under dir, recursively (hidden folders skipped). */
function markdownFiles(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		if (name.startsWith('.')) return [];
		const path = join(dir, name);
		if (statSync(path).isDirectory()) return markdownFiles(path);
		return name.endsWith('.md') ? [path] : [];
	});
}

let cached: ExampleBlock[] | null = null;

/** Every documented block: README.md first, then the example vault. */
export function exampleBlocks(): ExampleBlock[] {
	cached ??= [join(ROOT, 'README.md'), ...markdownFiles(join(ROOT, 'examples', 'vault'))].flatMap((file) =>
		blocksOf(readFileSync(file, 'utf8'), file.slice(ROOT.length + 1)),
	);
	return cached;
}

/** One edit of a block's text; `k` and `n` choose where, `text` is what is put in. */
export interface Mutation {
	op: 'number' | 'word' | 'deleteLine' | 'duplicateLine' | 'swapLines' | 'insertLine' | 'indent' | 'truncate' | 'insertChar' | 'renameKey' | 'appendDocument' | 'crlf';
	k: number;
	n: number;
	text: string;
}

/** Applies a mutation (positions taken modulo what exists, so every mutation applies to every block). */
export function mutate(source: string, m: Mutation): string {
	const lines = source.split('\n');
	const at = (k: number): number => (lines.length === 0 ? 0 : Math.abs(k) % lines.length);
	switch (m.op) {
		case 'number': {
			const numbers = [...source.matchAll(/-?\d+(\.\d+)?/g)];
			const hit = numbers.length > 0 ? numbers[Math.abs(m.k) % numbers.length] : undefined;
			if (!hit || hit.index === undefined) return `${source}\nbias: ${m.text}`;
			return source.slice(0, hit.index) + m.text + source.slice(hit.index + hit[0].length);
		}
		case 'word': {
			const values = [...source.matchAll(/(:\s*|-\s+|\[\s*|,\s*)([A-Za-z][\w-]*)/g)];
			const hit = values.length > 0 ? values[Math.abs(m.k) % values.length] : undefined;
			if (!hit || hit.index === undefined) return `${source}\nkernel: ${m.text}`;
			const start = hit.index + (hit[1] ?? '').length;
			return source.slice(0, start) + m.text + source.slice(start + (hit[2] ?? '').length);
		}
		case 'deleteLine':
			lines.splice(at(m.k), 1);
			return lines.join('\n');
		case 'duplicateLine':
			lines.splice(at(m.k), 0, lines[at(m.k)] ?? '');
			return lines.join('\n');
		case 'swapLines': {
			const a = at(m.k);
			const b = at(m.n);
			[lines[a], lines[b]] = [lines[b] ?? '', lines[a] ?? ''];
			return lines.join('\n');
		}
		case 'insertLine':
			lines.splice(at(m.k), 0, m.text);
			return lines.join('\n');
		case 'indent':
			lines[at(m.k)] = m.text + (lines[at(m.k)] ?? '');
			return lines.join('\n');
		case 'truncate':
			return source.slice(0, Math.abs(m.k) % (source.length + 1));
		case 'insertChar': {
			const p = Math.abs(m.k) % (source.length + 1);
			return source.slice(0, p) + m.text + source.slice(p);
		}
		case 'renameKey': {
			const keys = [...source.matchAll(/^(\s*)([A-Za-z_]\w*)(\s*:)/gm)];
			const hit = keys.length > 0 ? keys[Math.abs(m.k) % keys.length] : undefined;
			if (!hit || hit.index === undefined) return `${m.text}: 1\n${source}`;
			const start = hit.index + (hit[1] ?? '').length;
			return source.slice(0, start) + m.text + source.slice(start + (hit[2] ?? '').length);
		}
		case 'appendDocument':
			return `${source}\n---\n${m.text}`;
		case 'crlf':
			return source.replace(/\n/g, '\r\n');
	}
}
