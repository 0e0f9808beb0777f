// `npm run readme:keys`: rewrites the "Every key" tables of README.md (between `<!-- keys:start -->`
// and `<!-- keys:end -->`) from the blocks' key tables, through scripts/keys-section.ts bundled with
// esbuild into the OS temp directory. `npm run readme:keys -- --check` only says whether the README
// is up to date (exit code 1 when not), as tests/readme-keys.test.ts does.
import { build } from 'esbuild';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const README = join(ROOT, 'README.md');
const require = createRequire(import.meta.url);
const check = process.argv.includes('--check');

const outfile = join(tmpdir(), `cnn-notes-readme-keys-${process.pid}.cjs`);
try {
	await build({
		entryPoints: [join(ROOT, 'scripts', 'keys-section.ts')],
		bundle: true,
		platform: 'node',
		format: 'cjs',
		target: 'node20',
		outfile,
		logLevel: 'warning',
	});
	const { withKeysSection } = require(outfile);
	const readme = readFileSync(README, 'utf8');
	const updated = withKeysSection(readme);
	if (updated === readme) {
		console.log('README.md: the key tables are up to date.');
	} else if (check) {
		console.error('README.md: the key tables are out of date; run `npm run readme:keys`.');
		process.exitCode = 1;
	} else {
		writeFileSync(README, updated);
		console.log('README.md: key tables rewritten.');
	}
} finally {
	rmSync(outfile, { force: true });
}
