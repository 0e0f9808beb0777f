// Everything the preview needs, from a clean clone: build the plugin (production), install it
// into examples/vault, draw the vault's pictures, and bundle the preview page.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildPreview } from '../preview/build.mjs';
import { installPlugin } from './install-plugin.mjs';
import { makeImages } from './make-images.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Runs the four steps; throws on the first failure. */
export async function prepareDemo() {
	const build = spawnSync(process.execPath, ['esbuild.config.mjs', 'production'], { cwd: ROOT, stdio: 'inherit' });
	if (build.status !== 0) throw new Error(`plugin build failed (exit ${build.status})`);
	const dir = installPlugin();
	const images = makeImages();
	const bundle = await buildPreview();
	console.log(`prepare-demo: plugin in ${dir}, ${images.length} pictures, preview bundle ${bundle}`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
	await prepareDemo();
}
