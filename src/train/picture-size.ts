/**
 * A picture's size read from its file's first bytes (PNG IHDR, GIF screen, BMP header, JPEG SOF,
 * WebP VP8/VP8L/VP8X), so a huge picture can be refused before the browser decodes it. Pure: no
 * DOM, no vault. Time bounded by the bytes scanned (JPEG: its markers, a few KB in practice).
 */

/** A picture's width and height in pixels. */
export interface PictureSize {
	width: number;
	height: number;
}

/** Byte at `i`, 0 past the end. */
function u8(b: Uint8Array, i: number): number {
	return b[i] ?? 0;
}

/** Big-endian 16-bit value at `i`. */
function be16(b: Uint8Array, i: number): number {
	return (u8(b, i) << 8) | u8(b, i + 1);
}

/** Little-endian 16-bit value at `i`. */
function le16(b: Uint8Array, i: number): number {
	return u8(b, i) | (u8(b, i + 1) << 8);
}

/** Little-endian 24-bit value at `i`. */
function le24(b: Uint8Array, i: number): number {
	return le16(b, i) | (u8(b, i + 2) << 16);
}

/** Big-endian unsigned 32-bit value at `i`. */
function be32(b: Uint8Array, i: number): number {
	return ((u8(b, i) << 24) | (u8(b, i + 1) << 16) | (u8(b, i + 2) << 8) | u8(b, i + 3)) >>> 0;
}

/** Little-endian signed 32-bit value at `i`. */
function le32(b: Uint8Array, i: number): number {
	return u8(b, i) | (u8(b, i + 1) << 8) | (u8(b, i + 2) << 16) | (u8(b, i + 3) << 24);
}

/** true when the bytes at `i` spell `text` in ASCII. */
function spells(b: Uint8Array, i: number, text: string): boolean {
	for (let k = 0; k < text.length; k++) if (u8(b, i + k) !== text.charCodeAt(k)) return false;
	return b.length >= i + text.length;
}

/** JPEG start-of-frame markers (baseline, progressive, lossless, arithmetic): they carry the size. */
function isStartOfFrame(marker: number): boolean {
	return marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
}

/** The size in a JPEG's first start-of-frame segment, walking the marker segments from byte 2. */
function jpegSize(b: Uint8Array): PictureSize | null {
	let i = 2;
	while (i + 9 < b.length) {
		if (u8(b, i) !== 0xff) return null;
		const marker = u8(b, i + 1);
		// Fill bytes (0xff 0xff) and markers without a length (RSTn, SOI, TEM).
		if (marker === 0xff) {
			i += 1;
			continue;
		}
		if ((marker >= 0xd0 && marker <= 0xd8) || marker === 0x01) {
			i += 2;
			continue;
		}
		if (isStartOfFrame(marker)) return { height: be16(b, i + 5), width: be16(b, i + 7) };
		i += 2 + be16(b, i + 2);
	}
	return null;
}

/** The size in a WebP's first chunk (lossy VP8, lossless VP8L or extended VP8X). */
function webpSize(b: Uint8Array): PictureSize | null {
	if (spells(b, 12, 'VP8 ')) return { width: le16(b, 26) & 0x3fff, height: le16(b, 28) & 0x3fff };
	if (spells(b, 12, 'VP8L')) {
		const bits = le32(b, 21);
		return { width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1 };
	}
	if (spells(b, 12, 'VP8X')) return { width: le24(b, 24) + 1, height: le24(b, 27) + 1 };
	return null;
}

/**
 * The width and height (pixels) a picture file announces in its header, or null when the bytes
 * are not a PNG, JPEG, GIF, BMP or WebP the header of which could be read (the decoder decides then).
 */
export function pictureSize(buffer: ArrayBuffer): PictureSize | null {
	const b = new Uint8Array(buffer);
	if (spells(b, 0, '\x89PNG\r\n\x1a\n') && spells(b, 12, 'IHDR')) return { width: be32(b, 16), height: be32(b, 20) };
	if ((spells(b, 0, 'GIF87a') || spells(b, 0, 'GIF89a')) && b.length >= 10) return { width: le16(b, 6), height: le16(b, 8) };
	if (spells(b, 0, 'BM') && b.length >= 26) return { width: Math.abs(le32(b, 18)), height: Math.abs(le32(b, 22)) };
	if (u8(b, 0) === 0xff && u8(b, 1) === 0xd8) return jpegSize(b);
	if (spells(b, 0, 'RIFF') && spells(b, 8, 'WEBP')) return webpSize(b);
	return null;
}
