// Bundles the browser preview (preview/src/preview.ts + the harness as its `obsidian` runtime +
// markdown-it) into preview/dist/preview.js. Preview infrastructure: the plugin never imports it.
import esbuild from 'esbuild';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));

/** Builds preview/dist/preview.js; returns its path. */
export async function buildPreview({ minify = false } = {}) {
	const outfile = join(HERE, 'dist', 'preview.js');
	await esbuild.build({
		entryPoints: [join(HERE, 'src', 'preview.ts')],
		bundle: true,
		format: 'iife',
		platform: 'browser',
		target: 'es2020',
		sourcemap: 'inline',
		minify,
		logLevel: 'warning',
		outfile,
	});
	return outfile;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
	const out = await buildPreview();
	console.log(`preview: built ${out}`);
}
