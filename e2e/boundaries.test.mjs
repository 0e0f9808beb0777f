// The preview runtime is test infrastructure: the plugin's sources never import it.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { test } from 'node:test';
import { ROOT } from './helpers.mjs';

function sources(dir) {
	return readdirSync(dir).flatMap((name) => {
		const full = join(dir, name);
		return statSync(full).isDirectory() ? sources(full) : /\.[cm]?[jt]s$/.test(name) ? [full] : [];
	});
}

test('src/ imports neither harness/ nor preview/ (they are test and preview infrastructure)', () => {
	const offenders = sources(join(ROOT, 'src')).filter((file) =>
		/(from|import|require)\s*\(?\s*['"][^'"]*\/(harness|preview)\//.test(readFileSync(file, 'utf8')),
	);
	assert.deepEqual(offenders.map((f) => relative(ROOT, f)), []);
});
