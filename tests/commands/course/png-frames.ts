/** Test helper: the raw RGBA pixels of every frame of a PNG or APNG this project writes (8-bit RGBA, filter 0 rows). */
import { inflateSync } from 'zlib';
import { CompressionStream as NodeCompressionStream } from 'stream/web';
import { deflateStored, type Deflate } from '../../../src/vault/png-encode';

/** Width, height and each frame's pixels (IDAT, then each fdAT group), filter bytes removed. */
export function pngFrames(png: ArrayBuffer | Uint8Array): { width: number; height: number; frames: Buffer[] } {
	const buf = Buffer.from(png instanceof Uint8Array ? png : new Uint8Array(png));
	const width = buf.readUInt32BE(16);
	const height = buf.readUInt32BE(20);
	const groups: Buffer[][] = [];
	let current: Buffer[] | null = null;
	for (let p = 8; p < buf.length; ) {
		const len = buf.readUInt32BE(p);
		const type = buf.toString('ascii', p + 4, p + 8);
		const data = buf.subarray(p + 8, p + 8 + len);
		if (type === 'fcTL') current = null;
		if (type === 'IDAT' || type === 'fdAT') {
			if (!current) groups.push((current = []));
			current.push(type === 'fdAT' ? data.subarray(4) : data);
		}
		p += 12 + len;
	}
	const stride = width * 4;
	const frames = groups.map((parts) => {
		const raw = inflateSync(Buffer.concat(parts));
		for (let y = 0; y < height; y++) if (raw[y * (stride + 1)] !== 0) throw new Error(`row ${y} uses filter ${raw[y * (stride + 1)]}`);
		return Buffer.concat(Array.from({ length: height }, (_, y) => raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1))));
	});
	return { width, height, frames };
}

/** zlib through Node's CompressionStream, as Chromium/Electron compress (jsdom has none). */
export const nodeDeflate: Deflate = async (raw) => {
	const stream = new NodeCompressionStream('deflate');
	const writer = stream.writable.getWriter();
	const written = writer.write(raw).then(() => writer.close());
	const parts: Uint8Array[] = [];
	for await (const part of stream.readable as unknown as AsyncIterable<Uint8Array>) parts.push(part);
	await written;
	return new Uint8Array(Buffer.concat(parts));
};

/** Stored blocks, the fast choice when only the pixels matter. */
export const storedDeflate: Deflate = async (raw) => deflateStored(raw);
