/**
 * Writing a conv widget's kernels back into a `cnn-conv` block's source: only the text of what
 * changed is replaced. A weight typed into a matrix changes just that number where it is written
 * (block scalar row, list row or flow matrix, with its separators, comments and other rows left
 * alone); a preset becomes its name; a matrix where a preset name was becomes a `|` block of rows
 * (or a flow matrix inside a flow list). The result is parsed again with the block's own parser
 * and used only when it gives exactly the wanted kernels; otherwise there is no patch (null).
 */
import { kernelMatrices } from '../cnn';
import { parseConvBlock } from './parse-conv';
import { commentStart, itemSpans, keySpan, type ValueSpan } from './value-span';

/** One kernel as the widget holds it: its rows of weights and its preset name (null for hand-written weights). */
export interface KernelValue {
	rows: number[][];
	name: string | null;
}

/** The block's kernels as its source gives them, or null when the source does not parse. */
export function kernelsOf(source: string): KernelValue[] | null {
	const parsed = parseConvBlock(source);
	if (!parsed.ok) return null;
	const names = parsed.value.kernelNames;
	return kernelMatrices(parsed.value.filters).map((rows, i) => ({ rows, name: names[i] ?? null }));
}

/** Two weights are the same when they are the same float32 (the widget computes in float32). */
function sameWeight(a: number, b: number): boolean {
	return Math.fround(a) === Math.fround(b);
}

function sameRows(a: readonly number[][], b: readonly number[][]): boolean {
	return a.length === b.length && a.every((row, r) => row.length === b[r]?.length && row.every((v, c) => sameWeight(v, b[r]?.[c] ?? NaN)));
}

/** Two kernels are the same: same name and same weights. */
export function sameKernel(a: KernelValue, b: KernelValue): boolean {
	return a.name === b.name && sameRows(a.rows, b.rows);
}

/** The shortest decimal that reads back as the same float32 weight (`0.1`, not `0.10000000149011612`). */
export function formatWeight(value: number): string {
	if (Object.is(value, -0)) return '0';
	if (Number.isInteger(value)) return String(value);
	for (let p = 1; p <= 9; p++) {
		const text = String(Number(value.toPrecision(p)));
		if (sameWeight(Number(text), value)) return text;
	}
	return String(value);
}

/** A weight as written (the parser's numerals, with the Unicode minus `−` too). */
const NUMBER = /(?<![\w.])[-+\u2212]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?(?![\w.])/g;

/**
 * Replaces, inside `span`, the weights that differ between `old` and `rows` (same size): the
 * numbers written in the span, in reading order, must be exactly the old weights. Null otherwise.
 */
function replaceNumbers(source: string, span: ValueSpan, old: readonly number[][], rows: readonly number[][]): string | null {
	const oldFlat = old.flat();
	const newFlat = rows.flat();
	let from = span.start;
	if (span.form === 'blockScalar') from = source.indexOf('\n', span.start) + 1;
	if (from <= 0 || from > span.end) return null;
	const text = source.slice(from, span.end);
	const found: { at: number; text: string }[] = [];
	let offset = 0;
	for (const line of text.split('\n')) {
		const code = span.form === 'blockScalar' ? line : line.slice(0, commentStart(line));
		for (const m of code.matchAll(NUMBER)) found.push({ at: from + offset + (m.index ?? 0), text: m[0] });
		offset += line.length + 1;
	}
	if (found.length !== oldFlat.length || found.some((f, i) => !sameWeight(Number(f.text.replace(/^\u2212/, '-')), oldFlat[i] ?? NaN))) return null;
	let out = source;
	for (let i = found.length - 1; i >= 0; i--) {
		const f = found[i];
		const value = newFlat[i] ?? 0;
		if (!f || sameWeight(value, oldFlat[i] ?? NaN)) continue;
		out = out.slice(0, f.at) + formatWeight(value) + out.slice(f.at + f.text.length);
	}
	return out;
}

/** A flow matrix: `[[1, 0], [0, 1]]`. */
function flowMatrix(rows: readonly number[][]): string {
	return `[${rows.map((row) => `[${row.map(formatWeight).join(', ')}]`).join(', ')}]`;
}

/** The new text of `span` holding `kernel`, in the span's form where it can be kept (see the module comment). */
function rewrite(source: string, span: ValueSpan, kernel: KernelValue): string {
	if (span.inFlow) return source.slice(0, span.start) + (kernel.name ?? flowMatrix(kernel.rows)) + source.slice(span.end);
	const lineEnd = source.indexOf('\n', span.end);
	const after = lineEnd < 0 ? '' : source.slice(lineEnd);
	const before = source.slice(0, span.head);
	// A value over several lines may end with a comment of its own (`[0, 1]]  # second`): kept too.
	const tail = source.slice(span.end, lineEnd < 0 ? source.length : lineEnd).trim();
	const lastLine = source.lastIndexOf('\n', span.end - 1) > source.lastIndexOf('\n', span.head);
	const comments = [span.comment, lastLine && tail.startsWith('#') ? tail : ''].filter((c) => c !== '');
	const comment = comments.length > 0 ? `  ${comments.join('  ')}` : '';
	if (kernel.name !== null) return `${before} ${kernel.name}${comment}${after}`;
	if (span.form === 'flow' || (span.form === 'plain' && /^[-+.\d]/.test(source.slice(span.start, span.end)))) {
		return `${before} ${flowMatrix(kernel.rows)}${comment}${after}`;
	}
	const pad = ' '.repeat(span.indent + 2);
	if (span.form === 'blockList') {
		const rows = kernel.rows.map((row) => `\n${pad}- [${row.map(formatWeight).join(', ')}]`).join('');
		return `${before}${comment}${rows}${after}`;
	}
	const rows = kernel.rows.map((row) => `\n${pad}${row.map(formatWeight).join(' ')}`).join('');
	return `${before} |${comment}${rows}${after}`;
}

/** Where each kernel of the block is written: one span for `kernel:`, one per item of `filters:`; null when not understood. */
function kernelSpans(source: string, count: number): ValueSpan[] | null {
	const kernel = keySpan(source, 'kernel');
	if (kernel) return count === 1 ? [kernel] : null;
	const filters = keySpan(source, 'filters');
	const items = filters ? itemSpans(source, filters) : null;
	return items && items.length === count ? items : null;
}

/**
 * The block source with its kernels set to `wanted` (as many as the block has), changing only the
 * text of the kernels that differ; the source itself when nothing differs; null when the source
 * does not parse, the count differs, or no edit of the text gives exactly `wanted` when parsed again.
 * `known` is kernelsOf(source) when the caller has it already (a large block is then parsed once).
 */
export function patchKernels(source: string, wanted: readonly KernelValue[], known: KernelValue[] | null = kernelsOf(source)): string | null {
	const old = known;
	if (!old || old.length !== wanted.length) return null;
	let out = source;
	for (let i = wanted.length - 1; i >= 0; i--) {
		const want = wanted[i];
		const was = old[i];
		if (!want || !was || sameKernel(want, was)) continue;
		// Spans are found again in the text as patched so far (later kernels first: earlier offsets hold).
		const span = kernelSpans(out, old.length)?.[i];
		if (!span) return null;
		const sameShape = want.rows.length === was.rows.length && want.rows[0]?.length === was.rows[0]?.length;
		const numbers = want.name === null && was.name === null && sameShape ? replaceNumbers(out, span, was.rows, want.rows) : null;
		out = numbers ?? rewrite(out, span, want);
	}
	const check = kernelsOf(out);
	return check && check.length === wanted.length && check.every((k, i) => wanted[i] !== undefined && sameKernel(k, wanted[i])) ? out : null;
}
