/**
 * Writing the held-out digit a classify widget shows back into its `cnn-classify` block: `sample:`
 * gets the new number where it is written (its comment and every other line kept), or, when the
 * block has none, a new `sample: N` line right after the `input:` line, at its indentation. The
 * result is parsed again with the block's own parser and used only when it gives that sample.
 */
import { parseClassifyBlock } from './parse-classify';
import { keySpan } from './value-span';

/** The 1-based sample `source` starts on, or null when it does not parse or its input is not `sample`. */
export function sampleOf(source: string): number | null {
	const parsed = parseClassifyBlock(source);
	return parsed.ok && parsed.value.input.kind === 'sample' ? parsed.value.input.sample : null;
}

/** The text of `source` with `sample: n`, before the check (see patchSample); null when there is no place for it. */
function withSample(source: string, n: number): string | null {
	const written = keySpan(source, 'sample');
	if (written) {
		if (written.form !== 'plain' || written.inFlow) return null;
		return source.slice(0, written.start) + String(n) + source.slice(written.end);
	}
	const input = keySpan(source, 'input');
	if (!input) return null;
	// The new line goes after the whole `input:` line (its comment too).
	const lineEnd = source.indexOf('\n', input.end);
	const line = `${' '.repeat(input.indent)}sample: ${n}`;
	return lineEnd < 0 ? `${source}\n${line}` : `${source.slice(0, lineEnd + 1)}${line}\n${source.slice(lineEnd + 1)}`;
}

/**
 * The block source starting on sample `n` (1-based): the source itself when it already does; null
 * when the source does not parse, its input is not `sample`, or no edit gives sample `n` when parsed
 * again (the block is never left unparseable).
 */
export function patchSample(source: string, n: number): string | null {
	const now = sampleOf(source);
	if (now === null) return null;
	if (now === n) return source;
	const out = withSample(source, n);
	return out !== null && sampleOf(out) === n ? out : null;
}
