// Everything the preview needs, from a clean clone: build the plugin (production) and bundle the
// preview page; for the example vault also install the build into it and draw its pictures.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildPreview } from '../preview/build.mjs';
import { installPlugin } from './install-plugin.mjs';
import { makeImages } from './make-images.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * Runs the steps; throws on the first failure. With `exampleVault: false` (previewing another
 * vault) nothing is installed or drawn: the preview serves the build from the repository.
 */
export async function prepareDemo({ exampleVault = true } = {}) {
	const build = spawnSync(process.execPath, ['esbuild.config.mjs', 'production'], { cwd: ROOT, stdio: 'inherit' });
	if (build.status !== 0) throw new Error(`plugin build failed (exit ${build.status})`);
	const bundle = await buildPreview();
	if (!exampleVault) {
		console.log(`prepare-demo: plugin built into ${ROOT}, preview bundle ${bundle}`);
		return;
	}
	const dir = installPlugin();
	const images = await makeImages();
	console.log(`prepare-demo: plugin in ${dir}, ${images.length} pictures, preview bundle ${bundle}`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
	await prepareDemo();
}
