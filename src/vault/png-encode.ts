/**
 * A small PNG / APNG encoder for pictures the plugin draws (the course's figures): 8-bit RGBA,
 * filter type 0 on every row, zlib through the platform's `CompressionStream('deflate')` where it
 * exists (Chromium/Electron, Node 18+) and stored (uncompressed) deflate blocks otherwise.
 */

/** An RGBA image: `data` holds width * height * 4 bytes, row-major, 0..255 per channel. */
export interface RgbaRaster {
	width: number;
	height: number;
	data: Uint8ClampedArray | Uint8Array;
}

/** Turns raw bytes into a zlib stream (RFC 1950). */
export type Deflate = (raw: Uint8Array<ArrayBuffer>) => Promise<Uint8Array>;

const CRC_TABLE = (() => {
	const table = new Uint32Array(256);
	for (let n = 0; n < 256; n++) {
		let c = n;
		for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
		table[n] = c >>> 0;
	}
	return table;
})();

/** CRC-32 (PNG's chunk checksum) of `bytes`, as an unsigned 32-bit number. */
export function crc32(bytes: Uint8Array, start = 0, end = bytes.length): number {
	let c = 0xffffffff;
	for (let i = start; i < end; i++) c = (CRC_TABLE[(c ^ (bytes[i] as number)) & 0xff] as number) ^ (c >>> 8);
	return (c ^ 0xffffffff) >>> 0;
}

/** Adler-32 (zlib's checksum) of `bytes`, as an unsigned 32-bit number. */
export function adler32(bytes: Uint8Array): number {
	let a = 1;
	let b = 0;
	// 5552 bytes is the longest run whose sums cannot overflow before the modulo (zlib's NMAX).
	for (let i = 0; i < bytes.length; ) {
		const end = Math.min(bytes.length, i + 5552);
		for (; i < end; i++) {
			a += bytes[i] as number;
			b += a;
		}
		a %= 65521;
		b %= 65521;
	}
	return ((b << 16) | a) >>> 0;
}

/** A zlib stream of stored (uncompressed) deflate blocks of at most 65535 bytes each. */
export function deflateStored(raw: Uint8Array): Uint8Array {
	const blocks = Math.max(1, Math.ceil(raw.length / 65535));
	const out = new Uint8Array(2 + raw.length + blocks * 5 + 4);
	out[0] = 0x78; // deflate, 32 KB window
	out[1] = 0x01; // no preset dictionary, lowest level; 0x7801 is a multiple of 31
	let p = 2;
	for (let b = 0; b < blocks; b++) {
		const start = b * 65535;
		const len = Math.min(65535, raw.length - start);
		out[p++] = b === blocks - 1 ? 1 : 0; // BFINAL, BTYPE 00 (stored)
		out[p++] = len & 0xff;
		out[p++] = len >>> 8;
		out[p++] = ~len & 0xff;
		out[p++] = (~len >>> 8) & 0xff;
		out.set(raw.subarray(start, start + len), p);
		p += len;
	}
	writeU32(out, p, adler32(raw));
	return out;
}

/** zlib through `CompressionStream('deflate')`, written and read at once (no back-pressure deadlock). */
async function deflateStream(raw: Uint8Array<ArrayBuffer>): Promise<Uint8Array> {
	const stream = new CompressionStream('deflate');
	const writer = stream.writable.getWriter();
	const written = writer.write(raw).then(() => writer.close());
	const reader = stream.readable.getReader();
	const parts: Uint8Array[] = [];
	for (;;) {
		const { done, value } = await reader.read();
		if (done) break;
		parts.push(value);
	}
	await written;
	return concat(parts);
}

/** The platform's compressor when it has one (`CompressionStream`), else stored blocks. */
export function defaultDeflate(): Deflate {
	return typeof CompressionStream === 'function' ? deflateStream : async (raw) => deflateStored(raw);
}

function writeU32(out: Uint8Array, at: number, value: number): void {
	out[at] = (value >>> 24) & 0xff;
	out[at + 1] = (value >>> 16) & 0xff;
	out[at + 2] = (value >>> 8) & 0xff;
	out[at + 3] = value & 0xff;
}

function u32s(...values: number[]): Uint8Array {
	const out = new Uint8Array(values.length * 4);
	values.forEach((v, i) => writeU32(out, i * 4, v));
	return out;
}

/** One chunk: length, type, data, CRC of type + data. */
function chunk(type: string, data: Uint8Array): Uint8Array {
	const out = new Uint8Array(12 + data.length);
	writeU32(out, 0, data.length);
	for (let i = 0; i < 4; i++) out[4 + i] = type.charCodeAt(i);
	out.set(data, 8);
	writeU32(out, 8 + data.length, crc32(out, 4, 8 + data.length));
	return out;
}

function ihdr(width: number, height: number): Uint8Array {
	const data = new Uint8Array(13);
	writeU32(data, 0, width);
	writeU32(data, 4, height);
	data[8] = 8; // bit depth
	data[9] = 6; // RGBA; compression, filter and interlace methods 0
	return chunk('IHDR', data);
}

/** The rows of a raster, each prefixed by filter type 0, compressed. */
function imageData(raster: RgbaRaster, deflate: Deflate): Promise<Uint8Array> {
	const { width, height, data } = raster;
	const stride = width * 4;
	const raw = new Uint8Array((stride + 1) * height);
	for (let y = 0; y < height; y++) raw.set(data.subarray(y * stride, (y + 1) * stride), y * (stride + 1) + 1);
	return deflate(raw);
}

const SIGNATURE = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function concat(parts: Uint8Array[]): Uint8Array {
	const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
	let p = 0;
	for (const part of parts) {
		out.set(part, p);
		p += part.length;
	}
	return out;
}

function checkRaster(raster: RgbaRaster): void {
	const { width, height, data } = raster;
	if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1) throw new Error(`encodePng: width and height must be whole numbers from 1, got ${width}x${height}`);
	if (data.length !== width * height * 4) throw new Error(`encodePng: data must hold width * height * 4 = ${width * height * 4} bytes, got ${data.length}`);
}

/** The bytes of a PNG file of `raster`. */
export async function encodePng(raster: RgbaRaster, deflate: Deflate = defaultDeflate()): Promise<Uint8Array> {
	checkRaster(raster);
	return concat([SIGNATURE, ihdr(raster.width, raster.height), chunk('IDAT', await imageData(raster, deflate)), chunk('IEND', new Uint8Array(0))]);
}

/**
 * The bytes of an animated PNG that loops forever over same-sized `frames`, frame i shown for
 * `delaysMs[i]` milliseconds (500 when missing). Viewers without APNG show the first frame.
 */
export async function encodeApng(frames: RgbaRaster[], delaysMs: number[], deflate: Deflate = defaultDeflate()): Promise<Uint8Array> {
	const first = frames[0];
	if (!first) throw new Error('encodeApng: frames must hold at least one raster, got none');
	const { width, height } = first;
	const parts = [SIGNATURE, ihdr(width, height), chunk('acTL', u32s(frames.length, 0))];
	let seq = 0;
	for (let i = 0; i < frames.length; i++) {
		const frame = frames[i] as RgbaRaster;
		checkRaster(frame);
		if (frame.width !== width || frame.height !== height) throw new Error(`encodeApng: frame ${i + 1} is ${frame.width}x${frame.height}, frame 1 is ${width}x${height}`);
		const fctl = new Uint8Array(26);
		writeU32(fctl, 0, seq++);
		writeU32(fctl, 4, width);
		writeU32(fctl, 8, height);
		const delay = Math.max(0, Math.min(65535, Math.round(delaysMs[i] ?? 500)));
		fctl[20] = delay >>> 8; // delay numerator
		fctl[21] = delay & 0xff;
		fctl[22] = 1000 >>> 8; // delay denominator: milliseconds
		fctl[23] = 1000 & 0xff;
		parts.push(chunk('fcTL', fctl));
		const data = await imageData(frame, deflate);
		parts.push(i === 0 ? chunk('IDAT', data) : chunk('fdAT', concat([u32s(seq++), data])));
	}
	parts.push(chunk('IEND', new Uint8Array(0)));
	return concat(parts);
}
