import { execFileSync } from 'child_process';
import { join } from 'path';
import { pictureBytes } from '../../../src/commands/course/insert';
import { COURSE_PICTURES } from '../../../src/commands/course/pictures';
import { nodeDeflate, pngFrames } from './png-frames';

const ROOT = join(__dirname, '..', '..', '..');

/** Every picture as scripts/make-images.mjs writes it for the example vault, by name (base64 over a child Node). */
function scriptPictures(): Record<string, Buffer> {
	const code =
		"import { IMAGES } from './scripts/make-images.mjs';" +
		'const out = {}; for (const [name, draw] of Object.entries(IMAGES)) out[name] = draw().toString("base64");' +
		'process.stdout.write(JSON.stringify(out));';
	const json = execFileSync(process.execPath, ['--input-type=module', '-e', code], { cwd: ROOT, maxBuffer: 64 * 1024 * 1024 }).toString();
	return Object.fromEntries(Object.entries(JSON.parse(json) as Record<string, string>).map(([k, v]) => [k, Buffer.from(v, 'base64')]));
}

describe('the course pictures drawn in the plugin', () => {
	const reference = scriptPictures();
	const sizes: Record<string, number> = {};

	it('are the eight pictures the example vault has', () => {
		expect(Object.keys(COURSE_PICTURES).sort()).toEqual(Object.keys(reference).sort());
		expect(Object.keys(COURSE_PICTURES)).toHaveLength(8);
	});

	it.each(Object.keys(COURSE_PICTURES))('%s has exactly the pixels of scripts/make-images.mjs, frame by frame', async (name) => {
		const bytes = await pictureBytes(name, nodeDeflate);
		sizes[name] = bytes.byteLength;
		const mine = pngFrames(bytes);
		const theirs = pngFrames(reference[name]!);
		expect([mine.width, mine.height, mine.frames.length]).toEqual([theirs.width, theirs.height, theirs.frames.length]);
		mine.frames.forEach((frame, i) => expect(frame.equals(theirs.frames[i]!)).toBe(true));

	});

	// Measured: 159,639 bytes in all (cnn-pipeline 49 KB, the convolution animation 73 KB), as make-images.mjs's level-9 zlib gives about the same.
	afterAll(() => {
		const total = Object.values(sizes).reduce((a, b) => a + b, 0);
		expect(total).toBeLessThan(250_000);
	});
});
