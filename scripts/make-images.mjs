// Generates the pictures the example vault embeds (![[name.png]]) into examples/vault/attachments/.
// Everything is drawn from numbers: nothing is downloaded or copied. Run: node scripts/make-images.mjs
// The drawing is the plugin's own (src/commands/course/pictures.ts, what "Insert the CNN course"
// writes into a vault), bundled here with esbuild; zlib at level 9 compresses it.
// tests/commands/course/pictures.test.ts pins every frame's pixels.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';
import { build } from 'esbuild';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const IMAGE_DIR = join(ROOT, 'examples', 'vault', 'attachments');

/**
 * The plugin's picture code as an ES module: COURSE_PICTURES and pictureBytes (the course's
 * drawings), Raster (src/commands/course/raster.ts) and encodePng (src/vault/png-encode.ts); plain
 * maths and the PNG encoder, no Obsidian. The e2e tests draw their pictures with it too.
 */
export async function pictureModule() {
	const result = await build({
		stdin: {
			contents: "export { COURSE_PICTURES, pictureBytes } from './src/commands/course/pictures';\nexport { Raster } from './src/commands/course/raster';\nexport { encodePng } from './src/vault/png-encode';",
			resolveDir: ROOT,
			loader: 'ts',
		},
		bundle: true,
		format: 'esm',
		platform: 'neutral',
		write: false,
		logLevel: 'error',
	});
	// eslint-disable-next-line no-unsanitized/method -- the bundle esbuild just made of the repository's own sources
	return import(`data:text/javascript;base64,${Buffer.from(result.outputFiles[0].text).toString('base64')}`);
}

/** zlib at level 9, as the example vault's pictures have always been compressed. */
const deflate = async (raw) => new Uint8Array(deflateSync(raw, { level: 9 }));

/** name -> bytes of every picture the vault uses. */
export async function pictures() {
	const { COURSE_PICTURES, pictureBytes } = await pictureModule();
	const out = {};
	for (const name of Object.keys(COURSE_PICTURES)) out[name] = Buffer.from(await pictureBytes(name, deflate));
	return out;
}

/** Writes every picture into `dir` (IMAGE_DIR by default); returns the paths written. */
export async function makeImages(dir = IMAGE_DIR) {
	mkdirSync(dir, { recursive: true });
	return Object.entries(await pictures()).map(([name, bytes]) => {
		const path = join(dir, name);
		writeFileSync(path, bytes);
		return path;
	});
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
	const written = await makeImages();
	console.log(`make-images: ${written.length} pictures in ${IMAGE_DIR}`);
}
