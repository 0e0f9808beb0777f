// `npm run bench [-- [--quick] [name ...]]`: bundles every bench/*.bench.ts (or those whose file name
// contains one of the names) with esbuild into one file in the OS temp directory, runs it in this
// process and prints a table per suite. Packages (tfjs) stay external, loaded from this project.
import { build } from 'esbuild';
import { readdirSync, rmSync } from 'node:fs';
import { createRequire, isBuiltin } from 'node:module';
import { arch, cpus, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const benchDir = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const names = args.filter((a) => !a.startsWith('--'));
const files = readdirSync(benchDir)
	.filter((f) => f.endsWith('.bench.ts') && (names.length === 0 || names.some((n) => f.includes(n))))
	.sort();
if (files.length === 0) {
	console.error(`No bench/*.bench.ts matches ${names.join(', ')}`);
	process.exit(1);
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
	`export { runSuites } from './harness';`,
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
	const { runSuites, suites } = require(outfile);
	const tfjs = require('@tensorflow/tfjs/package.json').version;
	console.log(`node ${process.version}, ${cpus()[0]?.model ?? 'unknown CPU'} (${arch()}), tfjs ${tfjs}${quick ? ', --quick' : ''}`);
	await runSuites(suites, quick ? { warmupMs: 50, timeMs: 200, minRuns: 4 } : { warmupMs: 300, timeMs: 1200, minRuns: 12 }, (line) => console.log(line));
} finally {
	rmSync(outfile, { force: true });
}
