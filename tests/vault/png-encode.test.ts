import { inflateSync } from 'zlib';
import { CompressionStream as NodeCompressionStream } from 'stream/web';
import { adler32, crc32, defaultDeflate, deflateStored, encodeApng, encodePng, type Deflate, type RgbaRaster } from '../../src/vault/png-encode';
import { bufferOf, decodeTestPng, rgbaOf } from './png';

const ascii = (s: string): Uint8Array => Uint8Array.from(s, (c) => c.charCodeAt(0));

/** A raster whose pixels vary in every channel (no two neighbours alike). */
function noisy(width: number, height: number, seed = 1): RgbaRaster {
	let s = seed;
	const next = () => (s = (s * 1103515245 + 12345) >>> 0) >>> 24;
	return { width, height, data: rgbaOf(width, height, () => [next(), next(), next(), 255]) };
}

/** The chunks of a PNG file: type, data, and whether the stored CRC matches. */
function chunks(png: Uint8Array): { type: string; data: Buffer; crcOk: boolean }[] {
	const buf = Buffer.from(png);
	expect([...buf.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
	const out: { type: string; data: Buffer; crcOk: boolean }[] = [];
	for (let p = 8; p < buf.length; ) {
		const len = buf.readUInt32BE(p);
		const type = buf.toString('ascii', p + 4, p + 8);
		out.push({ type, data: buf.subarray(p + 8, p + 8 + len), crcOk: buf.readUInt32BE(p + 8 + len) === crc32(png, p + 4, p + 8 + len) });
		p += 12 + len;
	}
	return out;
}

/** Node's CompressionStream (what Chromium and Electron have), as the encoder would use it. */
async function withNodeCompressionStream<T>(fn: () => Promise<T>): Promise<T> {
	const g = globalThis as { CompressionStream?: unknown };
	const before = g.CompressionStream;
	g.CompressionStream = NodeCompressionStream;
	try {
		return await fn();
	} finally {
		g.CompressionStream = before;
	}
}

describe('checksums', () => {
	it('crc32("123456789") is the standard check value 0xCBF43926', () => {
		expect(crc32(ascii('123456789'))).toBe(0xcbf43926);
	});

	it('adler32("Wikipedia") is 0x11E60398, and of nothing 1', () => {
		expect(adler32(ascii('Wikipedia'))).toBe(0x11e60398);
		expect(adler32(new Uint8Array(0))).toBe(1);
	});

	it('adler32 stays exact past 5552 bytes of 0xff (the sums would overflow without the modulo)', () => {
		const bytes = new Uint8Array(200000).fill(0xff);
		let a = 1;
		let b = 0;
		for (const x of bytes) {
			a = (a + x) % 65521;
			b = (b + a) % 65521;
		}
		expect(adler32(bytes)).toBe(((b << 16) | a) >>> 0);
	});
});

describe('deflateStored: a zlib stream of stored blocks', () => {
	it.each([0, 1, 65535, 65536, 200001])('%i bytes inflate back to the same bytes (zlib checks the adler32)', (n) => {
		const raw = Uint8Array.from({ length: n }, (_, i) => (i * 7 + (i >> 8)) & 0xff);
		expect(Buffer.from(inflateSync(deflateStored(raw))).equals(Buffer.from(raw))).toBe(true);
	});
});

describe('encodePng', () => {
	it('without CompressionStream (jsdom) writes stored blocks that decode to the same pixels', async () => {
		expect(typeof (globalThis as { CompressionStream?: unknown }).CompressionStream).toBe('undefined');
		const raster = noisy(37, 23);
		const png = await encodePng(raster);
		const image = await decodeTestPng(bufferOf(png), 'image/png');
		expect([image.width, image.height]).toEqual([37, 23]);
		expect(Buffer.from(image.data).equals(Buffer.from(raster.data))).toBe(true);
		expect(png.length).toBeGreaterThan(37 * 23 * 4);
	});

	it('with CompressionStream compresses, and decodes to the same pixels', async () => {
		const raster = { width: 300, height: 200, data: rgbaOf(300, 200, (x, y) => [(x >> 4) * 13, (y >> 4) * 17, (x + y) % 7 === 0 ? 255 : 0, 255]) };
		const png = await withNodeCompressionStream(() => encodePng(raster));
		const image = await decodeTestPng(bufferOf(png), 'image/png');
		expect(Buffer.from(image.data).equals(Buffer.from(raster.data))).toBe(true);
		expect(png.length).toBeLessThan((300 * 200 * 4) / 10);
	});

	it('writes IHDR (8-bit RGBA), IDAT, IEND with correct CRCs', async () => {
		const list = chunks(await encodePng(noisy(3, 2)));
		expect(list.map((c) => c.type)).toEqual(['IHDR', 'IDAT', 'IEND']);
		expect(list.every((c) => c.crcOk)).toBe(true);
		const ihdr = list[0]!.data;
		expect([ihdr.readUInt32BE(0), ihdr.readUInt32BE(4), ihdr[8], ihdr[9], ihdr[10], ihdr[11], ihdr[12]]).toEqual([3, 2, 8, 6, 0, 0, 0]);
	});

	it('uses the compressor it is given', async () => {
		const calls: number[] = [];
		const deflate: Deflate = async (raw) => {
			calls.push(raw.length);
			return deflateStored(raw);
		};
		await encodePng(noisy(4, 5), deflate);
		expect(calls).toEqual([(4 * 4 + 1) * 5]);
	});

	it('refuses a raster whose data does not match its size, naming the numbers', async () => {
		await expect(encodePng({ width: 2, height: 2, data: new Uint8ClampedArray(15) })).rejects.toThrow('width * height * 4 = 16 bytes, got 15');
		await expect(encodePng({ width: 0, height: 2, data: new Uint8ClampedArray(0) })).rejects.toThrow('got 0x2');
	});
});

describe('encodeApng', () => {
	it('writes acTL, then fcTL + IDAT, fcTL + fdAT per frame, sequence numbers in order, every frame decoding to its pixels', async () => {
		const frames = [noisy(9, 4, 1), noisy(9, 4, 2), noisy(9, 4, 3)];
		const png = await withNodeCompressionStream(() => encodeApng(frames, [900, 900, 2500]));
		const list = chunks(png);
		expect(list.map((c) => c.type)).toEqual(['IHDR', 'acTL', 'fcTL', 'IDAT', 'fcTL', 'fdAT', 'fcTL', 'fdAT', 'IEND']);
		expect(list.every((c) => c.crcOk)).toBe(true);
		expect([list[1]!.data.readUInt32BE(0), list[1]!.data.readUInt32BE(4)]).toEqual([3, 0]);
		const sequence = list.filter((c) => c.type === 'fcTL' || c.type === 'fdAT').map((c) => c.data.readUInt32BE(0));
		expect(sequence).toEqual([0, 1, 2, 3, 4]);
		const delays = list.filter((c) => c.type === 'fcTL').map((c) => [c.data.readUInt16BE(20), c.data.readUInt16BE(22)]);
		expect(delays).toEqual([[900, 1000], [900, 1000], [2500, 1000]]);
		const frameData = [list[3]!.data, list[5]!.data.subarray(4), list[7]!.data.subarray(4)];
		frameData.forEach((data, i) => {
			const raw = inflateSync(data);
			const pixels = Buffer.concat(Array.from({ length: 4 }, (_, y) => raw.subarray(y * 37 + 1, (y + 1) * 37)));
			expect(pixels.equals(Buffer.from(frames[i]!.data))).toBe(true);
		});
	});

	it('refuses frames of different sizes and an empty list', async () => {
		await expect(encodeApng([noisy(2, 2), noisy(3, 2)], [1, 1])).rejects.toThrow('frame 2 is 3x2, frame 1 is 2x2');
		await expect(encodeApng([], [])).rejects.toThrow('at least one raster');
	});
});

describe('defaultDeflate', () => {
	it('is the stored-block fallback without CompressionStream and the stream with it', async () => {
		const raw = new Uint8Array(5000).fill(7);
		const stored = await defaultDeflate()(raw);
		expect(stored.length).toBeGreaterThan(5000);
		const streamed = await withNodeCompressionStream(() => defaultDeflate()(raw));
		expect(streamed.length).toBeLessThan(100);
		expect(Buffer.from(inflateSync(streamed)).equals(Buffer.from(raw))).toBe(true);
	});
});
