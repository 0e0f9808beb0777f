/** Test helpers: a tiny PNG encoder/decoder (8-bit RGBA, no filtering) and fake-app casts for tests/vault. */
import { deflateSync, inflateSync } from 'zlib';
import type { App as ObsidianApp, Component as ObsidianComponent, TFile as ObsidianFile, Vault as ObsidianVault } from 'obsidian';
import type { App, Component, TFile, Vault } from '../../harness/obsidian';
import type { RgbaImage } from '../../src/vault/image';

/** CRC-32 (PNG's chunk checksum) of some bytes. */
function crc32(bytes: Uint8Array): number {
	let c = ~0;
	for (const b of bytes) {
		c ^= b;
		for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
	}
	return ~c >>> 0;
}

/** One PNG chunk: length, type, data, CRC. */
function chunk(type: string, data: Uint8Array): Buffer {
	const out = Buffer.alloc(12 + data.length);
	out.writeUInt32BE(data.length, 0);
	out.write(type, 4, 'ascii');
	Buffer.from(data).copy(out, 8);
	out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
	return out;
}

/** An ArrayBuffer holding exactly these bytes. */
export function bufferOf(bytes: Uint8Array): ArrayBuffer {
	const copy = new Uint8Array(bytes.length);
	copy.set(bytes);
	return copy.buffer;
}

/** The bytes of a real PNG file (8-bit RGBA) of width x height pixels from row-major RGBA bytes. */
export function encodePng(width: number, height: number, rgba: ArrayLike<number>): ArrayBuffer {
	const ihdr = Buffer.alloc(13);
	ihdr.writeUInt32BE(width, 0);
	ihdr.writeUInt32BE(height, 4);
	ihdr.set([8, 6, 0, 0, 0], 8); // bit depth 8, colour type 6 (RGBA), deflate, no filter method, no interlace
	const raw = Buffer.alloc(height * (1 + width * 4));
	for (let y = 0; y < height; y++) {
		raw[y * (1 + width * 4)] = 0; // filter type None
		for (let i = 0; i < width * 4; i++) raw[y * (1 + width * 4) + 1 + i] = rgba[y * width * 4 + i] ?? 0;
	}
	const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
	const file = Buffer.concat([signature, chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', new Uint8Array(0))]);
	return bufferOf(file);
}

/** Width and height from a PNG's IHDR chunk (which follows the 8-byte signature). */
export function readPngSize(png: ArrayBuffer): { width: number; height: number } {
	const view = new DataView(png);
	return { width: view.getUint32(16), height: view.getUint32(20) };
}

/** Decodes what encodePng writes (8-bit RGBA, filter None): a stand-in for the browser's decoder under jest. */
export async function decodeTestPng(bytes: ArrayBuffer, mime: string): Promise<RgbaImage> {
	if (mime !== 'image/png') throw new Error(`test decoder reads PNG only, got ${mime}`);
	const buf = Buffer.from(bytes);
	const { width, height } = readPngSize(bytes);
	const idat: Buffer[] = [];
	for (let p = 8; p < buf.length; ) {
		const len = buf.readUInt32BE(p);
		if (buf.toString('ascii', p + 4, p + 8) === 'IDAT') idat.push(buf.subarray(p + 8, p + 8 + len));
		p += 12 + len;
	}
	const raw = inflateSync(Buffer.concat(idat));
	const data = new Uint8ClampedArray(width * height * 4);
	for (let y = 0; y < height; y++) data.set(raw.subarray(y * (1 + width * 4) + 1, (y + 1) * (1 + width * 4)), y * width * 4);
	return { width, height, data };
}

/** RGBA bytes of a width x height image whose pixel (x, y) is f(x, y) = [r, g, b, a]. */
export function rgbaOf(width: number, height: number, f: (x: number, y: number) => [number, number, number, number]): Uint8ClampedArray {
	const data = new Uint8ClampedArray(width * height * 4);
	for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) data.set(f(x, y), (y * width + x) * 4);
	return data;
}

/** The fake app typed as Obsidian's (jest maps `obsidian` to the fake, so they are one at run time). */
export const asApp = (app: App): ObsidianApp => app as unknown as ObsidianApp;
/** The fake vault typed as Obsidian's. */
export const asVault = (vault: Vault): ObsidianVault => vault as unknown as ObsidianVault;
/** The fake component typed as Obsidian's. */
export const asComponent = (c: Component): ObsidianComponent => c as unknown as ObsidianComponent;
/** A fake file typed as Obsidian's. */
export const asFile = (f: TFile): ObsidianFile => f as unknown as ObsidianFile;
