// Runs first in `npm run demo` and `npm test`: on a clone without `npm install`, say so in one
// line (and exit 1) instead of letting Node print an ERR_MODULE_NOT_FOUND stack. Checks that every
// dependency of package.json is in node_modules/. Imports nothing outside Node on purpose.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Names of package.json's dependencies and devDependencies missing from `root`/node_modules. */
export function missingDependencies(root = ROOT) {
	const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
	const names = Object.keys({ ...pkg.dependencies, ...pkg.devDependencies });
	return names.filter((name) => !existsSync(join(root, 'node_modules', name, 'package.json')));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
	const missing = missingDependencies();
	if (missing.length > 0) {
		const none = !existsSync(join(ROOT, 'node_modules'));
		const what = none ? 'node_modules/ is missing' : `missing: ${missing.slice(0, 3).join(', ')}${missing.length > 3 ? ` and ${missing.length - 3} more` : ''}`;
		console.error(`CNN Notes: the dependencies are not installed (${what}). Run \`npm install\` first.`);
		process.exit(1);
	}
}
