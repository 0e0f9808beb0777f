// `npm run bench [-- [--quick] [--node] [name ...]]`: bundles every bench/*.bench.ts (or those whose
// file name contains one of the names) with esbuild into one file in the OS temp directory, runs it in
// this process and prints a table per suite; packages (tfjs) stay external, loaded from this project.
// Then the Chromium cases (bench/chromium/*.bench.mjs, run by bench/chromium/runner.mjs on the preview
// in headless Chromium): all of them, those of a module whose file name contains a name, or those
// whose id contains one; `chromium` selects them all, `--node` none.
import { build } from 'esbuild';
import { readdirSync, rmSync } from 'node:fs';
import { createRequire, isBuiltin } from 'node:module';
import { arch, cpus, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { runChromium } from './chromium/runner.mjs';

const benchDir = dirname(fileURLToPath(import.meta.url));
const chromiumDir = join(benchDir, 'chromium');
const require = createRequire(import.meta.url);

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const nodeOnly = args.includes('--node');
const names = args.filter((a) => !a.startsWith('--'));
const files = readdirSync(benchDir)
	.filter((f) => f.endsWith('.bench.ts') && (names.length === 0 || names.some((n) => f.includes(n))))
	.sort();
const chromium = nodeOnly ? [] : await chromiumSelection();
if (files.length === 0 && chromium.length === 0) {
	console.error(`No bench/*.bench.ts and no Chromium case (bench/chromium/*.bench.mjs, or a case id) matches ${names.join(', ')}`);
	process.exit(1);
}

/** The Chromium suites and the cases of each that the names select (suites with none left out). */
async function chromiumSelection() {
	const all = names.length === 0 || names.includes('chromium');
	const modules = readdirSync(chromiumDir).filter((f) => f.endsWith('.bench.mjs')).sort();
	const selected = [];
	for (const file of modules) {
		// eslint-disable-next-line no-unsanitized/method -- a file name listed from bench/chromium/
		const suite = (await import(pathToFileURL(join(chromiumDir, file)).href)).default;
		const whole = all || names.some((n) => file.includes(n));
		const cases = whole ? suite.cases : suite.cases.filter((c) => names.some((n) => c.id.includes(n)));
		if (cases.length > 0) selected.push({ file, suite, cases });
	}
	return selected;
}

/**
 * Bare imports (packages) stay external but point at this project's copy, so the temp bundle finds
 * them; `obsidian` (types only outside the app) is the test double of harness/, as under jest.
 */
const projectPackages = {
	name: 'project-packages',
	setup(b) {
		b.onResolve({ filter: /^obsidian$/ }, () => ({ path: join(benchDir, '..', 'harness', 'obsidian.ts') }));
		b.onResolve({ filter: /^[^./]/ }, (a) => ({ path: isBuiltin(a.path) ? a.path : require.resolve(a.path), external: true }));
	},
};

const entry = [
	`export { runSuites, timing, resultRow, printTable, ROUNDS } from './harness';`,
	...files.map((f, i) => `import s${i} from './${f.replace(/\.ts$/, '')}';`),
	`export const suites = [${files.map((_, i) => `s${i}`).join(', ')}];`,
].join('\n');

const outfile = join(tmpdir(), `cnn-notes-bench-${process.pid}.cjs`);
try {
	await build({
		stdin: { contents: entry, resolveDir: benchDir, loader: 'ts', sourcefile: 'bench-entry.ts' },
		bundle: true,
		platform: 'node',
		format: 'cjs',
		target: 'node20',
		outfile,
		plugins: [projectPackages],
		logLevel: 'warning',
	});
	const report = require(outfile);
	const tfjs = require('@tensorflow/tfjs/package.json').version;
	console.log(`node ${process.version}, ${cpus()[0]?.model ?? 'unknown CPU'} (${arch()}), tfjs ${tfjs}${quick ? ', --quick' : ''}`);
	const print = (line) => console.log(line);
	if (files.length > 0) await report.runSuites(report.suites, quick ? { warmupMs: 50, timeMs: 200, minRuns: 4 } : { warmupMs: 300, timeMs: 1200, minRuns: 12 }, print);
	if (chromium.length > 0) {
		console.log('');
		await runChromium(chromium, { quick, report, print });
	}
} finally {
	rmSync(outfile, { force: true });
}
