import { decodeImage, DECODE_MAX_SIDE } from '../../src/vault/decode';

/** A stand-in for ImageBitmap that records whether it was closed. */
class FakeBitmap {
	closed = false;
	constructor(public width: number, public height: number) {}
	close(): void {
		this.closed = true;
	}
}

/** Installs fake createImageBitmap and OffscreenCanvas globals; returns what they saw. */
function installBrowser(bitmap: FakeBitmap | Error) {
	const seen = { blobType: '', blobSize: 0, canvas: [0, 0], drawn: [] as number[] };
	const g = globalThis as Record<string, unknown>;
	g.createImageBitmap = async (blob: Blob) => {
		seen.blobType = blob.type;
		seen.blobSize = blob.size;
		if (bitmap instanceof Error) throw bitmap;
		return bitmap;
	};
	g.OffscreenCanvas = class {
		constructor(public width: number, public height: number) {
			seen.canvas = [width, height];
		}
		getContext() {
			const { width, height } = this;
			return {
				imageSmoothingEnabled: false,
				imageSmoothingQuality: 'low',
				drawImage: (_b: unknown, x: number, y: number, w: number, h: number) => seen.drawn.push(x, y, w, h),
				getImageData: (_x: number, _y: number, w: number, h: number) => ({ width, height, data: new Uint8ClampedArray(w * h * 4).fill(7) }),
			};
		}
	};
	return seen;
}

afterEach(() => {
	const g = globalThis as Record<string, unknown>;
	delete g.createImageBitmap;
	delete g.OffscreenCanvas;
});

describe('decodeImage (the default browser decoder)', () => {
	it('decodes through createImageBitmap(Blob of the given type) and getImageData, then closes the bitmap', async () => {
		const bitmap = new FakeBitmap(3, 2);
		const seen = installBrowser(bitmap);
		const image = await decodeImage(new ArrayBuffer(10), 'image/webp');
		expect(seen.blobType).toBe('image/webp');
		expect(seen.blobSize).toBe(10);
		expect(seen.canvas).toEqual([3, 2]);
		expect(seen.drawn).toEqual([0, 0, 3, 2]);
		expect(image).toMatchObject({ width: 3, height: 2, sourceWidth: 3, sourceHeight: 2 });
		expect(image.data).toHaveLength(3 * 2 * 4);
		expect(bitmap.closed).toBe(true);
	});

	it(`reduces pictures larger than ${DECODE_MAX_SIDE} px while drawing, keeping the file size in sourceWidth/sourceHeight`, async () => {
		const seen = installBrowser(new FakeBitmap(4000, 3000));
		const image = await decodeImage(new ArrayBuffer(4), 'image/jpeg');
		expect(seen.canvas).toEqual([1024, 768]);
		expect(image).toMatchObject({ width: 1024, height: 768, sourceWidth: 4000, sourceHeight: 3000 });
	});

	it('closes the bitmap even when reading the pixels fails (an empty image)', async () => {
		const bitmap = new FakeBitmap(0, 0);
		installBrowser(bitmap);
		await expect(decodeImage(new ArrayBuffer(4), 'image/gif')).rejects.toThrow(/0x0/);
		expect(bitmap.closed).toBe(true);
	});

	it('rejects with the browser error when the bytes cannot be decoded', async () => {
		installBrowser(new Error('The source image could not be decoded.'));
		await expect(decodeImage(new ArrayBuffer(4), 'image/png')).rejects.toThrow('could not be decoded');
	});

	it('rejects where createImageBitmap does not exist (jsdom)', async () => {
		await expect(decodeImage(new ArrayBuffer(4), 'image/png')).rejects.toThrow(/createImageBitmap is not available/);
	});
});
