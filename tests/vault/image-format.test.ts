import { formatFromExtension, sniffFormat } from '../../src/vault/image-format';
import { bufferOf, encodePng, readPngSize, rgbaOf } from './png';

const bytes = (...values: (number | string)[]): ArrayBuffer =>
	bufferOf(Uint8Array.from(values.flatMap((v) => (typeof v === 'string' ? Array.from(v, (ch) => ch.charCodeAt(0)) : [v]))));

describe('image formats', () => {
	it.each([
		['png', 'png'],
		['PNG', 'png'],
		['jpg', 'jpeg'],
		['JPEG', 'jpeg'],
		['webp', 'webp'],
		['gif', 'gif'],
		['bmp', 'bmp'],
		['svg', null],
		['md', null],
		['', null],
	])('extension %j -> %j', (ext, format) => {
		expect(formatFromExtension(ext)).toBe(format);
	});

	it('sniffs the signature of a PNG written by the test encoder, whose IHDR holds its size', () => {
		const png = encodePng(3, 2, rgbaOf(3, 2, () => [1, 2, 3, 255]));
		expect(sniffFormat(png)).toBe('png');
		expect(readPngSize(png)).toEqual({ width: 3, height: 2 });
	});

	it.each([
		['jpeg (JFIF)', bytes(0xff, 0xd8, 0xff, 0xe0, 0, 16, 'JFIF', 0), 'jpeg'],
		['jpeg (Exif)', bytes(0xff, 0xd8, 0xff, 0xe1, 0, 16, 'Exif', 0), 'jpeg'],
		['gif89a', bytes('GIF89a', 1, 0, 1, 0), 'gif'],
		['gif87a', bytes('GIF87a', 1, 0, 1, 0), 'gif'],
		['webp', bytes('RIFF', 26, 0, 0, 0, 'WEBPVP8 '), 'webp'],
		['bmp', bytes('BM', 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0), 'bmp'],
		['a RIFF that is not WebP (wav)', bytes('RIFF', 26, 0, 0, 0, 'WAVEfmt '), null],
		['text', bytes('hello, this is not an image'), null],
		['empty', new ArrayBuffer(0), null],
		['a truncated PNG signature', bytes(0x89, 'PNG'), null],
	])('sniffs %s', (_name, buffer, format) => {
		expect(sniffFormat(buffer)).toBe(format);
	});
});
