/** Which image files CNN Notes reads, recognised by extension and by their first bytes ("magic numbers"). */

/** File extensions (lower case, no dot) of the images a block may link to. */
export const IMAGE_EXTENSIONS = ['png', 'jpg', 'jpeg', 'webp', 'gif', 'bmp'] as const;

/** One supported image format, named by its usual extension. */
export type ImageFormat = 'png' | 'jpeg' | 'webp' | 'gif' | 'bmp';

/** The MIME type of each format, as given to the decoder's Blob. */
export const IMAGE_MIME: Record<ImageFormat, string> = {
	png: 'image/png',
	jpeg: 'image/jpeg',
	webp: 'image/webp',
	gif: 'image/gif',
	bmp: 'image/bmp',
};

/** The format a file extension (any case, without the dot) names, or null when it is not a supported image. */
export function formatFromExtension(extension: string): ImageFormat | null {
	const ext = extension.toLowerCase();
	if (ext === 'jpg' || ext === 'jpeg') return 'jpeg';
	return ext === 'png' || ext === 'webp' || ext === 'gif' || ext === 'bmp' ? ext : null;
}

/** True when `bytes` starts with the given byte values. */
function startsWith(bytes: Uint8Array, prefix: readonly number[], offset = 0): boolean {
	if (bytes.length < offset + prefix.length) return false;
	for (let i = 0; i < prefix.length; i++) if (bytes[offset + i] !== prefix[i]) return false;
	return true;
}

const ascii = (s: string): number[] => Array.from(s, (ch) => ch.charCodeAt(0));

/**
 * The format the file's first bytes announce (PNG signature, JPEG SOI marker, `GIF87a`/`GIF89a`,
 * `RIFF....WEBP`, `BM`), or null when they match none: the file is damaged or not an image.
 */
export function sniffFormat(buffer: ArrayBuffer): ImageFormat | null {
	const bytes = new Uint8Array(buffer, 0, Math.min(buffer.byteLength, 16));
	if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
	if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'jpeg';
	if (startsWith(bytes, ascii('GIF87a')) || startsWith(bytes, ascii('GIF89a'))) return 'gif';
	if (startsWith(bytes, ascii('RIFF')) && startsWith(bytes, ascii('WEBP'), 8)) return 'webp';
	if (startsWith(bytes, ascii('BM')) && bytes.length >= 14) return 'bmp';
	return null;
}
