import { createHash } from 'crypto';
import { execFileSync } from 'child_process';
import { join } from 'path';
import { COURSE_PICTURES, pictureBytes } from '../../../src/commands/course/pictures';
import { nodeDeflate, pngFrames } from './png-frames';

const ROOT = join(__dirname, '..', '..', '..');

/**
 * Every picture's size, frame count and a hash of its frames' RGBA pixels, as the example vault has
 * had them since the pictures were first drawn (by the standalone scripts/make-images.mjs of before;
 * now the script draws with this same code). A change to a drawing must change this table on purpose.
 */
const PIXELS: Readonly<Record<string, string>> = {
	'cnn-pipeline.png': '960x330x1 3c9c766cf77bdd6aa68dd82a8f83a7f5',
	'convolution.png': '600x330x10 4e0f34f5525f76c16b69abc5e9cbbbca',
	'digit-seven.png': '224x224x1 ceb0e9acd9ec22bd2945d06d213ec02f',
	'edges.png': '620x300x1 24f4e2bf46c193d923cdff7596d47e49',
	'checkerboard.png': '256x256x1 6832841422d6c3cc54df4ad9e7ec7618',
	'relu.png': '420x300x1 12a8d3ed6a115f0bc29357262d0fc337',
	'neural-network.png': '600x320x1 962bc508feb9fbc78fae9bdfa222fc86',
	'max-pooling.png': '560x260x1 ea2eb8aec58511b1c55e5a3e12685bf7',
};

/** `<width>x<height>x<frames> <hash>` of a PNG or APNG. */
function fingerprint(png: ArrayBuffer | Uint8Array): string {
	const { width, height, frames } = pngFrames(png);
	const hash = createHash('sha256');
	for (const frame of frames) hash.update(frame);
	return `${width}x${height}x${frames.length} ${hash.digest('hex').slice(0, 32)}`;
}

/** Every picture as scripts/make-images.mjs writes it for the example vault, by name (base64 over a child Node). */
function scriptPictures(): Record<string, Buffer> {
	const code =
		"import { pictures } from './scripts/make-images.mjs';" +
		'const out = {}; for (const [name, bytes] of Object.entries(await pictures())) out[name] = bytes.toString("base64");' +
		'process.stdout.write(JSON.stringify(out));';
	const json = execFileSync(process.execPath, ['--input-type=module', '-e', code], { cwd: ROOT, maxBuffer: 64 * 1024 * 1024 }).toString();
	return Object.fromEntries(Object.entries(JSON.parse(json) as Record<string, string>).map(([k, v]) => [k, Buffer.from(v, 'base64')]));
}

describe('the course pictures drawn in the plugin', () => {
	const sizes: Record<string, number> = {};

	it('are the eight pictures the example vault has', () => {
		expect(Object.keys(COURSE_PICTURES).sort()).toEqual(Object.keys(PIXELS).sort());
	});

	it.each(Object.keys(PIXELS))('%s has exactly its pixels, frame by frame', async (name) => {
		const bytes = await pictureBytes(name, nodeDeflate);
		sizes[name] = bytes.byteLength;
		expect(fingerprint(bytes)).toBe(PIXELS[name]);
	});

	it('scripts/make-images.mjs writes the same pictures for the example vault', () => {
		const written = scriptPictures();
		expect(Object.fromEntries(Object.entries(written).map(([name, bytes]) => [name, fingerprint(bytes)]))).toEqual(PIXELS);
	});

	// Measured: 159,639 bytes in all (cnn-pipeline 49 KB, the convolution animation 73 KB), as make-images.mjs's level-9 zlib gives about the same.
	afterAll(() => {
		const total = Object.values(sizes).reduce((a, b) => a + b, 0);
		expect(total).toBeLessThan(250_000);
	});
});
