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
import { cropRgba, MAX_IMAGE_SIDE, MAX_PICTURE_SIDE, MIN_PICTURE_SIDE, regionFits, rgbaToTensor, type ImageTensor, type PixelRegion, type RgbaImage, type ToTensorOptions } from './pixels';

export { decodeImage, DECODE_MAX_SIDE, type ImageDecoder } from './decode';
export { formatFromExtension, IMAGE_EXTENSIONS, IMAGE_MIME, sniffFormat, type ImageFormat } from './image-format';
export {
	cropRgba,
	fitSize,
	regionFits,
	type PixelRegion,
	MAX_IMAGE_SIDE,
	MAX_PICTURE_SIDE,
	MIN_PICTURE_SIDE,
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
	| 'image.error.corrupt'
	| 'image.error.regionOutside';

/** A failed image load, shaped like a block error ({ code, vars }) so the error box can render it. */
export interface ImageError {
	code: ImageErrorCode;
	vars: MessageVars;
}

/** A loaded image: the tensor (see ImageTensor), the file it came from, and the format its bytes are in. */
export interface LoadedImage extends ImageTensor {
	file: TFile;
	format: ImageFormat;
	/** The region of the picture the tensor holds at full resolution (originalWidth/Height: the whole picture), when one was asked. */
	region?: PixelRegion;
}

/** Options of resolveImage and loadImageFile: the tensor's channels and, optionally, a region of the picture. */
export interface LoadOptions extends ToTensorOptions {
	/** Load only this part of the picture, in its own pixels (at most MAX_PICTURE_SIDE a side), at full resolution up to maxSide. */
	region?: PixelRegion;
}

/** Either the loaded image or why it failed. */
export type ImageResult = Result<LoadedImage>;

/**
 * The note a widget shows under a reduced image (`image.note.downscaled`, or for a region larger
 * than `maxSide` `image.note.regionDownscaled`, with the file's or the region's and the tensor's
 * sizes in pixels and maxSide), or null when the image kept its size.
 */
export function downscaleNote(
	image: ImageTensor & { region?: PixelRegion },
	maxSide = MAX_IMAGE_SIDE,
): { code: 'image.note.downscaled' | 'image.note.regionDownscaled'; vars: MessageVars } | null {
	if (!image.downscaled) return null;
	const [newHeight = 0, newWidth = 0] = image.tensor.shape;
	const region = image.region;
	if (region) return { code: 'image.note.regionDownscaled', vars: { width: region.width, height: region.height, newWidth, newHeight, max: maxSide } };
	return { code: 'image.note.downscaled', vars: { width: image.originalWidth, height: image.originalHeight, newWidth, newHeight, max: maxSide } };
}

/** `side` (the "Largest picture side" setting) as a whole number of pixels within MIN_PICTURE_SIDE..MAX_PICTURE_SIDE. */
export function pictureSide(side: number): number {
	return Number.isFinite(side) ? Math.min(MAX_PICTURE_SIDE, Math.max(MIN_PICTURE_SIDE, Math.round(side))) : MAX_IMAGE_SIDE;
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
 * in [0, 1], larger side at most opts.maxSide, default MAX_IMAGE_SIDE, pixels); a link that resolves to nothing gives
 * `image.error.missing`, other failures as loadImageFile.
 */
export async function resolveImage(deps: ImageDeps, linkpath: string, sourcePath: string, opts: LoadOptions = {}): Promise<ImageResult> {
	const file = deps.resolve(linkpath, sourcePath);
	if (!file) return imageFailure('image.error.missing', { link: clip(linkpath) });
	return loadImageFile(deps, file, opts);
}

/**
 * Loads a vault file as an image tensor (see resolveImage). Errors: `image.error.unsupported` (the
 * extension is not an image CNN Notes reads), `image.error.read` (the bytes could not be read),
 * `image.error.notImage` (the bytes are not any known image format), `image.error.corrupt` (the
 * decoder failed), `image.error.regionOutside` (opts.region does not fit inside the picture; its
 * vars give the region and the picture's size, height x width).
 */
export async function loadImageFile(deps: ImageDeps, file: TFile, opts: LoadOptions = {}): Promise<ImageResult> {
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
	let pixels: RgbaImage;
	try {
		pixels = await deps.decode(bytes, IMAGE_MIME[format], opts.region);
	} catch (e) {
		return imageFailure('image.error.corrupt', { file: name, reason: reasonOf(e) });
	}
	const region = opts.region;
	if (!region) return tensorOf(pixels, opts, file, format);
	const width = pixels.sourceWidth ?? pixels.width;
	const height = pixels.sourceHeight ?? pixels.height;
	if (!regionFits(region, width, height)) return imageFailure('image.error.regionOutside', { file: name, ...regionVars(region), width, height, lastRow: height - 1, lastCol: width - 1 });
	const sameRegion = pixels.crop !== undefined && (['row', 'col', 'height', 'width'] as const).every((k) => pixels.crop?.[k] === region[k]);
	const fullSize = pixels.width === width && pixels.height === height;
	if (!sameRegion && !fullSize) {
		return imageFailure('image.error.corrupt', { file: name, reason: `the decoder reduced the picture (${pixels.width}x${pixels.height} of ${width}x${height}) and did not crop it` });
	}
	const part = sameRegion ? { width: region.width, height: region.height, data: pixels.data } : cropRgba(pixels, region);
	const loaded = tensorOf(part, opts, file, format);
	if (!loaded.ok) return loaded;
	// A region larger than maxSide is reduced like a whole picture (and the widget says so).
	const [th = 0, tw = 0] = loaded.value.tensor.shape;
	return success({ ...loaded.value, originalWidth: width, originalHeight: height, downscaled: th < region.height || tw < region.width, region: { ...region } });
}

/** The pixels as a LoadedImage, or `image.error.corrupt` when they are inconsistent. */
function tensorOf(pixels: RgbaImage, opts: ToTensorOptions, file: TFile, format: ImageFormat): ImageResult {
	try {
		return success({ ...rgbaToTensor(pixels, opts), file, format });
	} catch (e) {
		return imageFailure('image.error.corrupt', { file: file.path, reason: reasonOf(e) });
	}
}

/** A region's bounds as message variables: first and last row and column (0-based, inclusive). */
export function regionVars(region: PixelRegion): MessageVars {
	return { top: region.row, bottom: region.row + region.height - 1, left: region.col, right: region.col + region.width - 1 };
}

/**
 * The note a widget shows with a region (`image.note.region`): its rows and columns in the picture's
 * pixels, the file, and the picture's size, height x width.
 */
export function regionNote(image: LoadedImage): { code: 'image.note.region'; vars: MessageVars } | null {
	if (!image.region) return null;
	return { code: 'image.note.region', vars: { ...regionVars(image.region), file: image.file.name, height: image.originalHeight, width: image.originalWidth } };
}
