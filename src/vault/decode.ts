/** The browser's image decoder: file bytes -> RGBA pixels, through createImageBitmap and a 2d canvas. */
import { fitSize, regionFits, type PixelRegion, type RgbaImage } from './pixels';

/**
 * Decodes an image file's bytes (`mime` such as image/png) into RGBA pixels; rejects when the bytes
 * cannot be decoded. Injected into the image loader so tests and other hosts can supply their own.
 * With `crop`, a decoder may return only that region at full resolution (then it sets `crop` in the
 * result, and sourceWidth/sourceHeight to the file's size); a decoder that ignores `crop` returns the
 * whole picture at full resolution, and the loader crops it.
 */
export type ImageDecoder = (bytes: ArrayBuffer, mime: string, crop?: PixelRegion) => Promise<RgbaImage>;

/**
 * Largest side (pixels) read back at full resolution by the default decoder: bigger pictures are
 * first reduced by the canvas (high-quality smoothing), keeping memory bounded (1024^2 * 4 bytes),
 * before the exact area averaging down to MAX_IMAGE_SIDE.
 */
export const DECODE_MAX_SIDE = 1024;

/** A 2d context able to draw a bitmap and read pixels back. */
type Context2d = OffscreenCanvasRenderingContext2D | CanvasRenderingContext2D;

/** A width x height 2d context: an OffscreenCanvas where available, else a detached canvas element; null without 2d support. */
function context2d(width: number, height: number): Context2d | null {
	if (typeof OffscreenCanvas === 'function') {
		return new OffscreenCanvas(width, height).getContext('2d', { willReadFrequently: true });
	}
	const canvas = createEl('canvas', { attr: { width, height } });
	return canvas.getContext('2d', { willReadFrequently: true });
}

/**
 * Default decoder: createImageBitmap(new Blob([bytes], { type: mime })) then getImageData on a 2d
 * canvas; handles PNG, JPEG, WebP, GIF (first frame) and BMP as the browser does. The bitmap is
 * closed after use. Images larger than DECODE_MAX_SIDE are reduced while drawing, and the result
 * then carries the file's size in sourceWidth/sourceHeight. A `crop` inside the picture is read at
 * full resolution instead (a crop outside it is ignored: the loader reports it).
 */
export const decodeImage: ImageDecoder = async (bytes, mime, crop) => {
	if (typeof createImageBitmap !== 'function') throw new Error('createImageBitmap is not available');
	const bitmap = await createImageBitmap(new Blob([bytes], { type: mime }));
	try {
		const sourceWidth = bitmap.width;
		const sourceHeight = bitmap.height;
		if (sourceWidth < 1 || sourceHeight < 1) throw new Error(`the image is ${sourceWidth}x${sourceHeight} pixels`);
		if (crop && regionFits(crop, sourceWidth, sourceHeight)) {
			// Only the region is read back, pixel for pixel: memory bounded by the region, whatever the file's size.
			const ctx = context2d(crop.width, crop.height);
			if (!ctx) throw new Error('no 2d canvas context');
			ctx.imageSmoothingEnabled = false;
			ctx.drawImage(bitmap, crop.col, crop.row, crop.width, crop.height, 0, 0, crop.width, crop.height);
			const { data } = ctx.getImageData(0, 0, crop.width, crop.height);
			return { width: crop.width, height: crop.height, data, sourceWidth, sourceHeight, crop: { ...crop } };
		}
		const { width, height } = fitSize(sourceWidth, sourceHeight, DECODE_MAX_SIDE);
		const ctx = context2d(width, height);
		if (!ctx) throw new Error('no 2d canvas context');
		ctx.imageSmoothingEnabled = true;
		ctx.imageSmoothingQuality = 'high';
		ctx.drawImage(bitmap, 0, 0, width, height);
		const { data } = ctx.getImageData(0, 0, width, height);
		return { width, height, data, sourceWidth, sourceHeight };
	} finally {
		bitmap.close();
	}
};
