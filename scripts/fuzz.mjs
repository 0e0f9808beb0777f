// `npm run fuzz -- --n 10000 [--seed S]`: issue 10's property ("no block source can break a note")
// over many generated blocks, longer than `npm test` runs it. Not part of `npm test`.
//
// Runs jest on tests/fuzz/blocks.fuzz.test.ts with FUZZ_* variables: the test appends one JSON
// record per case to <out>/cases.jsonl and names the running case in <out>/progress.json. A case
// that stops answering (an endless loop in the page) is ended by killing that jest process after
// --kill-after seconds; a jest process that dies (out of memory) is noted too; both are recorded
// for their case and the run resumes at the next case. At the end: the seed, the number of cases,
// the counts per class, and a few example sources per class (also in <out>/summary.json).
//
// Options: --n cases (10000), --seed S (random), --start first case (0), --kill-after seconds (20),
// --out folder (output/fuzz/seed-S), --examples per class (3), --resume (keep <out>/cases.jsonl).
import { spawn } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const TEST = 'tests/fuzz/blocks.fuzz.test.ts';
/** Jest's start (transforms, fixtures, tfjs, warm-up) must reach the first case within this long. */
const STARTUP_LIMIT_MS = 180_000;
const FAILURES = ['threw', 'uncaught', 'raw', 'hang', 'slow', 'blank', 'nonFinite', 'explain', 'longText', 'killed', 'crashed'];
const FINDINGS = ['net', 'noState', 'console', 'foreignDetail'];
const LABELS = {
	threw: 'threw from the processor or on unload',
	uncaught: 'uncaught (unhandled rejection or window error)',
	raw: 'raw internal or untranslated message in the error box',
	hang: 'hangs (render or interaction over 2 s, parsing over 2 s in the preflight worker, or over 20,000 DOM insertions)',
	slow: 'slow (render or interaction over 250 ms)',
	blank: 'blank (neither error box nor widget)',
	nonFinite: 'non-finite numbers shown (Infinity, NaN)',
	explain: 'explanation over 5,000 characters',
	longText: 'error box over 20,000 characters (the source repeated unbounded)',
	killed: `no answer: jest killed (a hang past --kill-after)`,
	crashed: 'jest process died (out of memory or crash)',
	net: '(finding) the last net showed an internal message',
	noState: '(finding) data-state disagrees with what is shown',
	console: '(finding) console.error',
	foreignDetail: '(finding) English library detail in a Spanish message',
};

function parseArgs(argv) {
	const opts = { n: 10000, seed: Math.floor(Math.random() * 2 ** 31), start: 0, killAfter: 20, out: null, examples: 3, resume: false };
	for (let i = 0; i < argv.length; i++) {
		const a = argv[i];
		const value = () => {
			const v = argv[++i];
			if (v === undefined) throw new Error(`${a} needs a value`);
			return v;
		};
		if (a === '--n') opts.n = Number(value());
		else if (a === '--seed') opts.seed = Number(value());
		else if (a === '--start') opts.start = Number(value());
		else if (a === '--kill-after') opts.killAfter = Number(value());
		else if (a === '--out') opts.out = value();
		else if (a === '--examples') opts.examples = Number(value());
		else if (a === '--resume') opts.resume = true;
		else if (a === '--help' || a === '-h') {
			console.log('usage: npm run fuzz -- [--n 10000] [--seed S] [--start 0] [--kill-after 20] [--out folder] [--examples 3] [--resume]');
			process.exit(0);
		} else throw new Error(`unknown option ${a} (try --help)`);
	}
	for (const k of ['n', 'seed', 'start', 'killAfter', 'examples']) if (!Number.isInteger(opts[k]) || opts[k] < 0) throw new Error(`--${k} must be a whole number`);
	opts.out ??= join(ROOT, 'output', 'fuzz', `seed-${opts.seed}`);
	return opts;
}

/** The JSON records of cases.jsonl (a line cut by a killed process is skipped). */
function readRecords(file) {
	if (!existsSync(file)) return [];
	return readFileSync(file, 'utf8')
		.split('\n')
		.filter((l) => l.trim() !== '')
		.flatMap((l) => {
			try {
				return [JSON.parse(l)];
			} catch {
				return [];
			}
		});
}

function readProgress(file) {
	try {
		return JSON.parse(readFileSync(file, 'utf8'));
	} catch {
		return null;
	}
}

/** Runs jest from case `start`; resolves with how it ended. */
function runJest(opts, start, files) {
	return new Promise((resolve) => {
		rmSync(files.progress, { force: true });
		const env = { ...process.env, FUZZ_SEED: String(opts.seed), FUZZ_N: String(opts.n), FUZZ_START: String(start), FUZZ_OUT: files.cases, FUZZ_PROGRESS: files.progress };
		const jest = join(ROOT, 'node_modules', 'jest', 'bin', 'jest.js');
		const child = spawn(process.execPath, [jest, TEST, '--runInBand', '--silent', '--ci', '--forceExit'], { cwd: ROOT, env, detached: true, stdio: ['ignore', 'ignore', 'pipe'] });
		let stderr = '';
		child.stderr.on('data', (d) => {
			stderr = (stderr + d.toString()).slice(-4000);
		});
		let killed = null;
		const started = Date.now();
		const kill = () => {
			try {
				process.kill(-child.pid, 'SIGKILL');
			} catch {
				child.kill('SIGKILL');
			}
		};
		let seen = false;
		const watchdog = setInterval(() => {
			const p = readProgress(files.progress);
			seen ||= p !== null;
			if (p && Date.now() - p.at > opts.killAfter * 1000) {
				killed = p;
				kill();
			} else if (!seen && Date.now() - started > STARTUP_LIMIT_MS) kill();
		}, 500);
		const stop = () => {
			kill();
			process.exit(130);
		};
		process.once('SIGINT', stop);
		child.on('exit', (code, signal) => {
			clearInterval(watchdog);
			process.off('SIGINT', stop);
			resolve({ code, signal, killed, stderr, progress: readProgress(files.progress) });
		});
	});
}

/** A record for a case the test could not record itself (jest killed or dead). */
function lostRecord(progress, cls, detail) {
	return { index: progress.index, family: progress.family, kind: progress.kind, language: '?', interaction: null, failures: [cls], info: [], renderMs: NaN, interactionMs: null, details: [`${cls}: ${detail}`], sourceLength: progress.source.length, source: progress.source };
}

function printable(text, max = 300) {
	const short = text.replace(/(.)\1{39,}/gsu, (run, ch) => `${ch.repeat(8)}…(${run.length} × ${JSON.stringify(ch)})…`);
	return short.length > max ? `${short.slice(0, max)}…` : short;
}

function summarise(opts, records, wallMs) {
	const counts = {};
	const examples = {};
	const shortest = {};
	let failing = 0;
	for (const r of records) {
		if (r.failures.length > 0) failing++;
		for (const cls of [...r.failures, ...r.info]) {
			counts[cls] = (counts[cls] ?? 0) + 1;
			(examples[cls] ??= []).length < opts.examples && examples[cls].push(r);
			if (!shortest[cls] || r.sourceLength < shortest[cls].sourceLength) shortest[cls] = r;
		}
	}
	const timed = records.filter((r) => Number.isFinite(r.renderMs)).map((r) => r.renderMs + (r.interactionMs ?? 0)).sort((a, b) => a - b);
	const pct = (p) => (timed.length ? timed[Math.min(timed.length - 1, Math.floor(p * timed.length))] : 0);
	const slowest = [...records].filter((r) => Number.isFinite(r.renderMs)).sort((a, b) => b.renderMs + (b.interactionMs ?? 0) - (a.renderMs + (a.interactionMs ?? 0))).slice(0, 5);
	return { seed: opts.seed, cases: records.length, planned: opts.n - opts.start, failing, counts, wallSeconds: Math.round(wallMs / 100) / 10, msPerCase: { median: pct(0.5), p90: pct(0.9), p99: pct(0.99), max: timed[timed.length - 1] ?? 0 }, examples, shortest, slowest };
}

function print(summary, out) {
	const lines = [`fuzz: seed ${summary.seed}, ${summary.cases} cases (of ${summary.planned}), ${summary.failing} failing, ${summary.wallSeconds} s`];
	lines.push(`time per case (render + interaction): median ${summary.msPerCase.median.toFixed(1)} ms, p90 ${summary.msPerCase.p90.toFixed(1)} ms, p99 ${summary.msPerCase.p99.toFixed(1)} ms, max ${summary.msPerCase.max.toFixed(0)} ms`);
	lines.push('', 'counts:');
	for (const cls of [...FAILURES, ...FINDINGS]) lines.push(`  ${String(summary.counts[cls] ?? 0).padStart(6)}  ${cls}: ${LABELS[cls]}`);
	for (const cls of [...FAILURES, ...FINDINGS]) {
		const list = summary.examples[cls];
		if (!list) continue;
		const all = list.includes(summary.shortest[cls]) ? list : [...list, summary.shortest[cls]];
		lines.push('', `== ${cls} (${summary.counts[cls]})`);
		for (const r of all) {
			lines.push(`  case ${r.index} [${r.family}, ${r.kind}, ${r.language}${r.interaction ? `, ${r.interaction}` : ''}]`);
			for (const d of r.details.filter((x) => x.startsWith(`${cls}:`)).slice(0, 2)) lines.push(`    ${printable(d, 240)}`);
			lines.push(`    source: ${JSON.stringify(printable(r.source))}`);
		}
	}
	lines.push('', 'slowest:', ...summary.slowest.map((r) => `  case ${r.index} ${r.renderMs} ms${r.interactionMs === null ? '' : ` + ${r.interactionMs} ms`} [${r.family}] ${JSON.stringify(printable(r.source, 100))}`));
	lines.push('', `records: ${out}/cases.jsonl; summary: ${out}/summary.json`, `replay one case: FUZZ_SEED=${summary.seed} FUZZ_ONLY=<case> npx jest ${TEST}`);
	console.log(lines.join('\n'));
}

async function main() {
	const opts = parseArgs(process.argv.slice(2));
	mkdirSync(opts.out, { recursive: true });
	const files = { cases: join(opts.out, 'cases.jsonl'), progress: join(opts.out, 'progress.json') };
	if (!opts.resume) rmSync(files.cases, { force: true });
	console.log(`fuzz: seed ${opts.seed}, cases ${opts.start} to ${opts.n - 1}, writing ${relative(ROOT, opts.out) || '.'}/ (kill after ${opts.killAfter} s without an answer)`);
	const began = Date.now();
	let next = opts.start;
	let fruitless = 0;
	for (;;) {
		const done = new Set(readRecords(files.cases).map((r) => r.index));
		while (next < opts.n && done.has(next)) next++;
		if (next >= opts.n) break;
		const run = await runJest(opts, next, files);
		const after = new Set(readRecords(files.cases).map((r) => r.index));
		const lost = run.killed ?? run.progress;
		if (lost && !after.has(lost.index)) {
			const record = run.killed
				? lostRecord(lost, 'killed', `no answer after ${opts.killAfter} s; jest killed`)
				: lostRecord(lost, 'crashed', `jest exited (${run.signal ?? `code ${run.code}`}): ${run.stderr.split('\n').filter((l) => /heap|memory|Error|error/.test(l)).slice(-1)[0]?.trim() ?? 'no message'}`);
			appendFileSync(files.cases, `${JSON.stringify(record)}\n`);
			console.log(`  case ${lost.index}: ${record.details[0]}`);
			fruitless = 0;
		} else if (after.size === done.size) {
			if (++fruitless >= 2) {
				console.error(`fuzz: jest made no progress twice (exit ${run.signal ?? run.code}); its last output:\n${run.stderr}`);
				process.exit(2);
			}
		} else fruitless = 0;
	}
	const records = readRecords(files.cases).filter((r) => r.index >= opts.start && r.index < opts.n);
	const summary = summarise(opts, records, Date.now() - began);
	writeFileSync(join(opts.out, 'summary.json'), `${JSON.stringify(summary, null, 2)}\n`);
	rmSync(files.progress, { force: true });
	print(summary, relative(ROOT, opts.out));
}

main().catch((e) => {
	console.error(`fuzz: ${e instanceof Error ? e.message : String(e)}`);
	process.exit(1);
});
