/**
 * Images linked from blocks: wiki-link -> vault file -> bytes -> decoded pixels -> [h, w, c] tensor.
 * Obsidian is reached only through an ImageDeps object (STYLE 8), and every failure comes back as a
 * translated-message value, never as a thrown exception.
 */
import type { App, TFile } from 'obsidian';
import { clip, type MessageVars } from '../i18n';
import { failure, success, type Result } from '../result';
import { decodeImage, type ImageDecoder } from './decode';
import { formatFromExtension, IMAGE_EXTENSIONS, IMAGE_MIME, sniffFormat, type ImageFormat } from './image-format';
import { MAX_IMAGE_SIDE, rgbaToTensor, type ImageTensor, type ToTensorOptions } from './pixels';

export { decodeImage, DECODE_MAX_SIDE, type ImageDecoder } from './decode';
export { formatFromExtension, IMAGE_EXTENSIONS, IMAGE_MIME, sniffFormat, type ImageFormat } from './image-format';
export {
	fitSize,
	MAX_IMAGE_SIDE,
	rgbaToTensor,
	type ImageChannels,
	type ImageTensor,
	type RgbaImage,
	type ToTensorOptions,
} from './pixels';

/** What the image loader needs from Obsidian: link resolution, file bytes, and a decoder. */
export interface ImageDeps {
	/** The file a link path points to from the note at sourcePath (metadataCache.getFirstLinkpathDest), or null. */
	resolve(linkpath: string, sourcePath: string): TFile | null;
	/** The file's bytes (vault.readBinary). */
	readBinary(file: TFile): Promise<ArrayBuffer>;
	/** Bytes -> RGBA pixels; decodeImage (the browser's) by default. */
	decode: ImageDecoder;
}

/** The ImageDeps of a running Obsidian app, with the browser decoder unless another is given. */
export function imageDeps(app: App, decode: ImageDecoder = decodeImage): ImageDeps {
	return {
		resolve: (linkpath, sourcePath) => app.metadataCache.getFirstLinkpathDest(linkpath, sourcePath),
		readBinary: (file) => app.vault.readBinary(file),
		decode,
	};
}

/** Why an image could not be loaded, as a message key of src/i18n. */
export type ImageErrorCode =
	| 'image.error.missing'
	| 'image.error.unsupported'
	| 'image.error.read'
	| 'image.error.notImage'
	| 'image.error.corrupt';

/** A failed image load, shaped like a block error ({ code, vars }) so the error box can render it. */
export interface ImageError {
	code: ImageErrorCode;
	vars: MessageVars;
}

/** A loaded image: the tensor (see ImageTensor), the file it came from, and the format its bytes are in. */
export interface LoadedImage extends ImageTensor {
	file: TFile;
	format: ImageFormat;
}

/** Either the loaded image or why it failed. */
export type ImageResult = Result<LoadedImage>;

/**
 * The note a widget shows under a reduced image (`image.note.downscaled`, with the file's and the
 * tensor's sizes in pixels and MAX_IMAGE_SIDE), or null when the image kept its size.
 */
export function downscaleNote(image: ImageTensor): { code: 'image.note.downscaled'; vars: MessageVars } | null {
	if (!image.downscaled) return null;
	const [height = 0, width = 0] = image.tensor.shape;
	return {
		code: 'image.note.downscaled',
		vars: { width: image.originalWidth, height: image.originalHeight, newWidth: width, newHeight: height, max: MAX_IMAGE_SIDE },
	};
}

/** A failure value. */
function imageFailure(code: ImageErrorCode, vars: MessageVars): ImageResult {
	const error: ImageError = { code, vars };
	// The decoder's or the file system's own words are a technical detail, shown folded away.
	const reason = vars.reason;
	return failure(reason === undefined ? error : { ...error, detail: String(reason) });
}

/** The message of anything thrown. */
function reasonOf(e: unknown): string {
	return e instanceof Error ? e.message : String(e);
}

/**
 * Resolves a wiki-link path (`Pasted image 2023.png`, without [[ ]] or alias) from the note at
 * sourcePath and loads it as a tensor ([h, w, 1] gray or [h, w, 3] with `channels: 'rgb'`, values
 * in [0, 1], larger side at most MAX_IMAGE_SIDE pixels); a link that resolves to nothing gives
 * `image.error.missing`, other failures as loadImageFile.
 */
export async function resolveImage(deps: ImageDeps, linkpath: string, sourcePath: string, opts: ToTensorOptions = {}): Promise<ImageResult> {
	const file = deps.resolve(linkpath, sourcePath);
	if (!file) return imageFailure('image.error.missing', { link: clip(linkpath) });
	return loadImageFile(deps, file, opts);
}

/**
 * Loads a vault file as an image tensor (see resolveImage). Errors: `image.error.unsupported` (the
 * extension is not an image CNN Notes reads), `image.error.read` (the bytes could not be read),
 * `image.error.notImage` (the bytes are not any known image format), `image.error.corrupt` (the
 * decoder failed).
 */
export async function loadImageFile(deps: ImageDeps, file: TFile, opts: ToTensorOptions = {}): Promise<ImageResult> {
	const name = file.path;
	if (formatFromExtension(file.extension) === null) {
		return imageFailure('image.error.unsupported', {
			file: name,
			extension: file.extension === '' ? '—' : `.${file.extension}`,
			allowed: IMAGE_EXTENSIONS.join(', '),
		});
	}
	let bytes: ArrayBuffer;
	try {
		bytes = await deps.readBinary(file);
	} catch (e) {
		return imageFailure('image.error.read', { file: name, reason: reasonOf(e) });
	}
	const format = sniffFormat(bytes);
	if (format === null) return imageFailure('image.error.notImage', { file: name, extension: file.extension.toUpperCase() });
	try {
		const pixels = await deps.decode(bytes, IMAGE_MIME[format]);
		return success({ ...rgbaToTensor(pixels, opts), file, format });
	} catch (e) {
		return imageFailure('image.error.corrupt', { file: name, reason: reasonOf(e) });
	}
}
