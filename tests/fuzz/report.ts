/**
 * Counting fuzz outcomes: one JSON record per case (what `npm run fuzz` reads back), counts per
 * class, a few examples per class (the first ones and the shortest source), the slowest cases,
 * and a readable report with the seed and the command that replays a case.
 */
import { FAILURE_CLASSES, INFO_CLASSES, type FailureClass, type FuzzCase, type InfoClass, type Outcome } from './property';

/** One case's result, as written to FUZZ_OUT (one JSON line each). */
export interface CaseRecord {
	index: number;
	family: string;
	kind: string;
	language: string;
	interaction: string | null;
	failures: string[];
	info: string[];
	renderMs: number;
	interactionMs: number | null;
	details: string[];
	sourceLength: number;
	/** The source, cut to 600 characters (long runs of one character shortened). */
	source: string;
}

/** A source as it can be printed: runs of 40+ equal characters written as `x…(n chars)…`, cut to max. */
export function printable(source: string, max = 600): string {
	const short = source.replace(/(.)\1{39,}/gsu, (run, ch: string) => `${ch.repeat(8)}…(${run.length} × ${JSON.stringify(ch)})…`);
	return short.length > max ? `${short.slice(0, max)}…(${source.length} chars)` : short;
}

/** The record of case `index`. */
export function recordOf(index: number, c: FuzzCase, o: Outcome): CaseRecord {
	return {
		index,
		family: c.family,
		kind: c.kind,
		language: c.language,
		interaction: c.interaction ? JSON.stringify(c.interaction) : null,
		failures: o.failures,
		info: o.info,
		renderMs: Math.round(o.renderMs * 10) / 10,
		interactionMs: o.interactionMs === null ? null : Math.round(o.interactionMs * 10) / 10,
		details: o.details,
		sourceLength: c.source.length,
		source: printable(c.source),
	};
}

/** Counts and examples of a run. */
export class Summary {
	cases = 0;
	/** Cases with at least one failure class. */
	failingCases = 0;
	readonly counts: Record<string, number> = {};
	readonly examples: Record<string, CaseRecord[]> = {};
	readonly shortest: Record<string, CaseRecord> = {};
	slowest: CaseRecord[] = [];
	stoppedAt: number | null = null;

	constructor(
		readonly seed: number,
		readonly planned: number,
	) {}

	add(r: CaseRecord): void {
		this.cases++;
		if (r.failures.length > 0) this.failingCases++;
		for (const cls of [...r.failures, ...r.info]) {
			this.counts[cls] = (this.counts[cls] ?? 0) + 1;
			const list = (this.examples[cls] ??= []);
			if (list.length < 3) list.push(r);
			const best = this.shortest[cls];
			if (!best || r.sourceLength < best.sourceLength) this.shortest[cls] = r;
		}
		this.slowest.push(r);
		this.slowest.sort((a, b) => b.renderMs + (b.interactionMs ?? 0) - (a.renderMs + (a.interactionMs ?? 0)));
		this.slowest.length = Math.min(this.slowest.length, 5);
	}

	/** The failure classes seen. */
	failureClasses(): FailureClass[] {
		return FAILURE_CLASSES.filter((cls) => (this.counts[cls] ?? 0) > 0);
	}

	/** A readable report: seed, counts, examples per failure class (and per finding), the slowest cases, how to replay. */
	report(testFile = 'tests/fuzz/blocks.fuzz.test.ts'): string {
		const budget = this.stoppedAt === null ? '' : ` (time budget reached at case ${this.stoppedAt})`;
		const lines = [`fuzz seed ${this.seed}: ${this.cases} of ${this.planned} cases run${budget}, ${this.failingCases} failing`];
		const count = (cls: string): string => `${cls} ${this.counts[cls] ?? 0}`;
		lines.push(`failures: ${FAILURE_CLASSES.map(count).join(', ')}`);
		lines.push(`findings: ${INFO_CLASSES.map(count).join(', ')}`);
		const show = (cls: FailureClass | InfoClass): void => {
			const list = this.examples[cls] ?? [];
			if (list.length === 0) return;
			const shortest = this.shortest[cls];
			const all = shortest && !list.includes(shortest) ? [...list, shortest] : list;
			lines.push('', `== ${cls} (${this.counts[cls] ?? 0})`);
			for (const r of all) {
				lines.push(`-- case ${r.index} [${r.family}, ${r.kind}, ${r.language}${r.interaction ? `, ${r.interaction}` : ''}] ${r.renderMs} ms${r.interactionMs === null ? '' : ` + ${r.interactionMs} ms`}`);
				lines.push(...r.details.filter((d) => d.startsWith(`${cls}:`)).map((d) => `   ${d}`));
				lines.push(`   source: ${JSON.stringify(r.source)}`);
			}
		};
		FAILURE_CLASSES.forEach(show);
		INFO_CLASSES.forEach(show);
		lines.push('', 'slowest:', ...this.slowest.map((r) => `   case ${r.index} ${r.renderMs} ms${r.interactionMs === null ? '' : ` + ${r.interactionMs} ms`} [${r.family}] ${JSON.stringify(r.source.slice(0, 120))}`));
		lines.push('', `replay one case: FUZZ_SEED=${this.seed} FUZZ_ONLY=<case> npx jest ${testFile}`);
		return lines.join('\n');
	}
}
