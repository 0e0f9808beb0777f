/**
 * The benchmark harness: a suite is a list of cases, each timing our code and optionally a reference
 * (e.g. tfjs on its CPU backend) in the same process, printed as one table per suite.
 */
import type { Tensor } from '../src/cnn';

/** One timed case: a table row. */
export interface BenchCase {
	/** Row label spelling out the case, e.g. 'x=[512,512,1] f=[3,3,1,1] p=valid'. */
	name: string;
	/** One run of our code; a returned array is compared with the reference's. */
	ours: () => Float32Array | void;
	/** One run of the reference implementation (the suite names it), if there is one. */
	reference?: () => Float32Array | void;
	/** Speed-up over the reference this case aims for (reported as met or missed, never failing the run). */
	goal?: number;
	/** Time one run of ours must fit in, in ms (e.g. 16.7 for one frame at 60 Hz), reported as met or missed. */
	budgetMs?: number;
}

/** A group of cases sharing a reference, with their setup and teardown. */
export interface BenchSuite {
	/** Table title. */
	title: string;
	/** Name of the reference column, e.g. 'tfjs-cpu'. */
	reference?: string;
	/** Builds the cases (after any async setup, e.g. choosing a tfjs backend). */
	cases: () => Promise<BenchCase[]> | BenchCase[];
	/** Frees what the cases hold (e.g. tfjs tensors). */
	teardown?: () => void;
	/** Lines printed under the table, read once the cases are built (e.g. what one run of each case produced). */
	notes?: () => string[];
}

/** How long to time each implementation of a case. */
export interface BenchOptions {
	/** Warm-up time per implementation before timing (ms). */
	warmupMs: number;
	/** Timing budget per implementation (ms), split over alternating rounds. */
	timeMs: number;
	/** Fewest timed runs per implementation, whatever the budget. */
	minRuns: number;
}

/** Time of one implementation over its runs, in ms. */
export interface Timing {
	mean: number;
	min: number;
	runs: number;
}

/** Mean, min and count of timed runs (ms each). */
export function timing(samples: readonly number[]): Timing {
	return { mean: samples.reduce((a, b) => a + b, 0) / samples.length, min: Math.min(...samples), runs: samples.length };
}

/** Alternating rounds per case (ours, reference, ours, ...): drift on the machine hits both alike. */
export const ROUNDS = 4;

/** Runs fn until `ms` have passed (at least `minRuns` times), adding each run's time to `samples`. */
function sample(fn: () => unknown, ms: number, minRuns: number, samples: number[]): void {
	const start = performance.now();
	for (let n = 0; n < minRuns || performance.now() - start < ms; n++) {
		const t0 = performance.now();
		fn();
		samples.push(performance.now() - t0);
	}
}

/** Warms both implementations up, then times them in alternating rounds so drift hits both alike. */
function timeCase(c: BenchCase, o: BenchOptions): { ours: Timing; reference?: Timing } {
	const fns = c.reference ? [c.ours, c.reference] : [c.ours];
	const samples: number[][] = fns.map(() => []);
	fns.forEach((fn) => sample(fn, o.warmupMs, 3, []));
	for (let r = 0; r < ROUNDS; r++) fns.forEach((fn, i) => sample(fn, o.timeMs / ROUNDS, Math.ceil(o.minRuns / ROUNDS), samples[i]!));
	const [ours, reference] = samples.map(timing);
	return { ours: ours!, reference };
}

/** Largest absolute difference between two results, or a note when they cannot be compared. */
function maxDiff(a: Float32Array | void, b: Float32Array | void): string {
	if (!a || !b) return '';
	if (a.length !== b.length) return `length ${a.length} vs ${b.length}`;
	let d = 0;
	for (let i = 0; i < a.length; i++) d = Math.max(d, Math.abs(a[i]! - b[i]!));
	return d.toExponential(1);
}

/** Formats a time in ms with three significant-ish decimals. */
function ms(t: number): string {
	return t < 10 ? t.toFixed(3) : t.toFixed(1);
}

/** Rows as the lines of a Markdown table (pastes straight into an issue or PR). */
function table(header: string[], rows: string[][]): string[] {
	const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
	const line = (cells: string[]) => `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(' | ')} |`;
	const rule = `| ${widths.map((w, i) => (i === 0 ? '-'.repeat(w) : `${'-'.repeat(w - 1)}:`)).join(' | ')} |`;
	return [line(header), rule, ...rows.map(line)];
}

/** One table row: the case's times, speed-ups (reference / ours, by mean and by min), agreement and notes. */
function row(c: BenchCase, o: BenchOptions): string[] {
	const t = timeCase(c, o);
	return resultRow(c.name, t.ours, t.reference, { goal: c.goal, budgetMs: c.budgetMs, diff: c.reference ? maxDiff(c.ours(), c.reference()) : '' });
}

/** What a row says besides the times: the goal and budget to report, and how far the results differ. */
export interface RowExtras {
	goal?: number;
	budgetMs?: number;
	/** The results' largest difference (or a note), '' when not compared. */
	diff?: string;
	/** More notes for the last column. */
	notes?: string[];
}

/** A table row from timings (shared by the Node suites and the Chromium cases): times, speed-ups, goal and budget as met / MISSED. */
export function resultRow(name: string, ours: Timing, r: Timing | undefined, x: RowExtras = {}): string[] {
	const byMean = r ? r.mean / ours.mean : undefined;
	const notes: string[] = [];
	if (x.goal !== undefined && byMean !== undefined) notes.push(`goal ${x.goal}x ${byMean >= x.goal ? 'met' : 'MISSED'}`);
	if (x.budgetMs !== undefined) notes.push(`${ms(x.budgetMs)} ms budget ${ours.mean <= x.budgetMs ? 'met' : 'MISSED'}`);
	notes.push(...(x.notes ?? []));
	return [
		name,
		ms(ours.mean),
		ms(ours.min),
		r ? ms(r.mean) : '',
		r ? ms(r.min) : '',
		byMean === undefined ? '' : `${byMean.toFixed(1)}x`,
		r ? `${(r.min / ours.min).toFixed(1)}x` : '',
		x.diff ?? '',
		`${ours.runs}/${r?.runs ?? '-'}`,
		notes.join(', '),
	];
}

/** Prints a suite's title, its table of rows (from resultRow) and the notes under it. */
export function printTable(title: string, reference: string | undefined, rows: string[][], notes: readonly string[], print: (line: string) => void): void {
	const ref = reference ?? 'reference';
	const header = ['case', 'ours mean ms', 'ours min ms', `${ref} mean ms`, `${ref} min ms`, 'speed-up (means)', 'speed-up (mins)', 'max |diff|', 'runs', 'notes'];
	for (const line of ['', title, '', ...table(header, rows), ...(notes.length > 0 ? ['', ...notes] : [])]) print(line);
}

/** Runs every suite in turn, handing each line of its title and table to `print`. */
export async function runSuites(suites: BenchSuite[], o: BenchOptions, print: (line: string) => void): Promise<void> {
	for (const suite of suites) {
		const cases = await suite.cases();
		const rows = cases.map((c) => row(c, o));
		suite.teardown?.();
		printTable(suite.title, suite.reference, rows, suite.notes?.() ?? [], print);
	}
}

/** A tensor of this shape with values uniform in [-1, 1), from a fixed seed (an LCG: enough for timing). */
export function randomTensor(shape: number[], seed: number): Tensor {
	const n = shape.reduce((a, b) => a * b, 1);
	const data = new Float32Array(n);
	let s = seed >>> 0;
	for (let i = 0; i < n; i++) {
		s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
		data[i] = s / 2 ** 31 - 1;
	}
	return { shape, data };
}
