import { pictureSize } from '../../src/train/picture-size';

/** Bytes from numbers and ASCII strings. */
function bytes(...parts: (number[] | string)[]): ArrayBuffer {
	const list: number[] = [];
	for (const p of parts) list.push(...(typeof p === 'string' ? Array.from(p, (c) => c.charCodeAt(0)) : p));
	return Uint8Array.from(list).buffer;
}

describe('pictureSize reads the size a file header announces', () => {
	it('PNG IHDR 5000x300', () => {
		expect(pictureSize(bytes([0x89], 'PNG\r\n\x1a\n', [0, 0, 0, 13], 'IHDR', [0, 0, 0x13, 0x88, 0, 0, 1, 0x2c]))).toEqual({ width: 5000, height: 300 });
	});
	it('GIF89a 640x480 (little-endian)', () => {
		expect(pictureSize(bytes('GIF89a', [0x80, 2, 0xe0, 1]))).toEqual({ width: 640, height: 480 });
	});
	it('BMP 100 x -50 (top-down rows) -> 100x50', () => {
		const header = new Uint8Array(26);
		header.set([0x42, 0x4d]);
		const view = new DataView(header.buffer);
		view.setInt32(18, 100, true);
		view.setInt32(22, -50, true);
		expect(pictureSize(header.buffer)).toEqual({ width: 100, height: 50 });
	});
	it('JPEG: APP0 segment skipped, SOF2 (progressive) 8000x6000', () => {
		const app0 = [0xff, 0xe0, 0, 16, ...Array.from('JFIF\0', (c) => c.charCodeAt(0)), 1, 1, 0, 0, 1, 0, 1, 0, 0];
		const sof2 = [0xff, 0xc2, 0, 17, 8, 0x17, 0x70, 0x1f, 0x40, 3];
		expect(pictureSize(bytes([0xff, 0xd8], app0, sof2, new Array<number>(12).fill(0)))).toEqual({ width: 8000, height: 6000 });
	});
	it('JPEG with a DHT (0xc4) before the frame is not read as a frame', () => {
		const dht = [0xff, 0xc4, 0, 4, 0, 0];
		const sof0 = [0xff, 0xc0, 0, 17, 8, 0, 20, 0, 30, 3];
		expect(pictureSize(bytes([0xff, 0xd8], dht, sof0, new Array<number>(12).fill(0)))).toEqual({ width: 30, height: 20 });
	});
	it('WebP lossy VP8 320x240, lossless VP8L 5000x2, extended VP8X 4097x1', () => {
		const riff = (chunk: string, body: number[]): ArrayBuffer => bytes('RIFF', [0, 0, 0, 0], 'WEBP', chunk, [0, 0, 0, 0], body);
		expect(pictureSize(riff('VP8 ', [0, 0, 0, 0x9d, 0x01, 0x2a, 0x40, 0x01, 0xf0, 0x00]))).toEqual({ width: 320, height: 240 });
		const bits = (5000 - 1) | ((2 - 1) << 14);
		expect(pictureSize(riff('VP8L', [0x2f, bits & 255, (bits >> 8) & 255, (bits >> 16) & 255, (bits >>> 24) & 255]))).toEqual({ width: 5000, height: 2 });
		expect(pictureSize(riff('VP8X', [0, 0, 0, 0, 0x00, 0x10, 0x00, 0, 0, 0]))).toEqual({ width: 4097, height: 1 });
	});
	it('unknown or truncated bytes give null', () => {
		expect(pictureSize(bytes('hello world'))).toBeNull();
		expect(pictureSize(bytes([0xff, 0xd8, 0xff]))).toBeNull();
		expect(pictureSize(new ArrayBuffer(0))).toBeNull();
	});
});
