// Copies the built plugin (main.js, manifest.json, styles.css) into the example vault's
// .obsidian/plugins/cnn-notes/, where Obsidian (and the preview) load it. The copy is git-ignored.
import { copyFileSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const PLUGIN_DIR = join(ROOT, 'examples', 'vault', '.obsidian', 'plugins', 'cnn-notes');

/** Installs the build into the vault; throws when main.js has not been built. */
export function installPlugin() {
	if (!existsSync(join(ROOT, 'main.js'))) throw new Error('main.js is missing: build first (node esbuild.config.mjs production)');
	mkdirSync(PLUGIN_DIR, { recursive: true });
	for (const name of ['main.js', 'manifest.json', 'styles.css']) {
		const from = join(ROOT, name);
		const to = join(PLUGIN_DIR, name);
		if (existsSync(from)) copyFileSync(from, to);
		else rmSync(to, { force: true });
	}
	return PLUGIN_DIR;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
	console.log(`install-plugin: copied into ${installPlugin()}`);
}
