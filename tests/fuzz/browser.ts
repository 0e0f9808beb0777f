/**
 * The browser pieces jsdom lacks, faked so the real block processors run unchanged under jest:
 * createImageBitmap (decodes the PNGs of tests/vault/png.ts, reads any PNG's header for its size,
 * rejects everything else as Chromium does) and a 2d canvas context (drawImage + getImageData for the
 * plugin's decoder, ImageData for the heatmaps, no-op paths for the drawing pad). install() returns
 * the function that puts jsdom's originals back. TextEncoder and TextDecoder (which the harness vault
 * uses to read text files as bytes and back) come from Node where jsdom has none.
 */
import { TextDecoder as NodeTextDecoder, TextEncoder as NodeTextEncoder } from 'util';
import { inflateSync } from 'zlib';

/** What Chromium's createImageBitmap says when bytes cannot be decoded. */
export const UNDECODABLE = 'The source image could not be decoded.';

/**
 * Time spent in the fakes (ms, accumulated): work a browser does natively or off the main thread,
 * which the property subtracts from the time it charges to the plugin.
 */
export const fakeBrowserTime = { ms: 0 };

/** Pictures larger than this many pixels are kept as their header only (rows sampled as transparent). */
const FULL_DECODE_PIXELS = 4096 * 4096;

/** A decoded picture: its size and its inflated PNG rows (a filter byte, then RGBA bytes). */
interface FakeBitmap {
	width: number;
	height: number;
	/** Rows that hold decoded pixels (the rest is transparent). */
	rows: number;
	raw: Uint8Array;
	close(): void;
}

/** The bytes of a jsdom Blob (jsdom's Blob has no arrayBuffer()). */
function blobBytes(blob: Blob): Promise<ArrayBuffer> {
	return new Promise((resolve, reject) => {
		const reader = new FileReader();
		reader.onload = () => resolve(reader.result as ArrayBuffer);
		reader.onerror = () => reject(new DOMException(UNDECODABLE, 'InvalidStateError'));
		reader.readAsArrayBuffer(blob);
	});
}

/**
 * Decodes an 8-bit RGBA, filter-None PNG (what tests/vault/png.ts writes) as a browser would:
 * a bad signature, header or stream rejects; missing rows of a truncated stream stay transparent;
 * a huge header (e.g. 20000x20000) decodes to its size without holding its pixels.
 */
function decodePng(bytes: ArrayBuffer): FakeBitmap {
	const buf = Buffer.from(bytes);
	const fail = (): never => {
		throw new DOMException(UNDECODABLE, 'InvalidStateError');
	};
	if (buf.length < 33 || buf.readUInt32BE(0) !== 0x89504e47 || buf.toString('ascii', 12, 16) !== 'IHDR') fail();
	const width = buf.readUInt32BE(16);
	const height = buf.readUInt32BE(20);
	if (width < 1 || height < 1 || width > 0x7fffffff || height > 0x7fffffff || buf[24] !== 8 || buf[25] !== 6) fail();
	const idat: Buffer[] = [];
	for (let p = 8; p + 8 <= buf.length; ) {
		const len = buf.readUInt32BE(p);
		if (buf.toString('ascii', p + 4, p + 8) === 'IDAT') idat.push(buf.subarray(p + 8, Math.min(buf.length, p + 8 + len)));
		p += 12 + len;
	}
	if (idat.length === 0) fail();
	const stride = 1 + width * 4;
	let raw: Buffer = Buffer.alloc(0);
	if (width * height <= FULL_DECODE_PIXELS) {
		try {
			raw = inflateSync(Buffer.concat(idat), { finishFlush: 2 /* Z_SYNC_FLUSH: keep what a truncated stream holds */ });
		} catch {
			fail();
		}
	}
	return { width, height, rows: Math.floor(raw.length / stride), raw, close() {} };
}

/** The fake createImageBitmap: PNG bytes only (the test vault holds no other decodable format). */
async function fakeCreateImageBitmap(source: unknown): Promise<FakeBitmap> {
	if (!(source instanceof Blob)) throw new TypeError('fake createImageBitmap takes a Blob');
	const bytes = await blobBytes(source);
	const started = performance.now();
	try {
		return decodePng(bytes);
	} finally {
		fakeBrowserTime.ms += performance.now() - started;
	}
}

/** Draws a bitmap scaled to w x h (nearest pixel) into RGBA bytes; rows the bitmap lacks stay transparent. */
function scaleInto(bitmap: FakeBitmap, w: number, h: number): Uint8ClampedArray<ArrayBuffer> {
	const out = new Uint8ClampedArray(w * h * 4);
	const stride = 1 + bitmap.width * 4;
	const columns = new Int32Array(w);
	for (let x = 0; x < w; x++) columns[x] = 1 + Math.min(bitmap.width - 1, Math.floor(((x + 0.5) * bitmap.width) / w)) * 4;
	for (let y = 0; y < h; y++) {
		const sy = Math.min(bitmap.height - 1, Math.floor(((y + 0.5) * bitmap.height) / h));
		if (sy >= bitmap.rows) continue;
		const row = sy * stride;
		for (let x = 0; x < w; x++) {
			const from = row + (columns[x] ?? 1);
			const to = (y * w + x) * 4;
			out[to] = bitmap.raw[from] ?? 0;
			out[to + 1] = bitmap.raw[from + 1] ?? 0;
			out[to + 2] = bitmap.raw[from + 2] ?? 0;
			out[to + 3] = bitmap.raw[from + 3] ?? 0;
		}
	}
	return out;
}

/** A 2d context: ImageData kept per canvas, drawImage samples a FakeBitmap (nearest pixel), paths do nothing. */
function fakeContext(canvas: { width: number; height: number }): CanvasRenderingContext2D {
	let pixels = new Uint8ClampedArray(0);
	let w = 0;
	let h = 0;
	const noop = (): void => {};
	const ctx = {
		canvas,
		imageSmoothingEnabled: true,
		imageSmoothingQuality: 'low',
		lineCap: 'butt',
		lineJoin: 'miter',
		lineWidth: 1,
		strokeStyle: '#000',
		fillStyle: '#000',
		globalAlpha: 1,
		createImageData: (cw: number, ch: number) => ({ width: cw, height: ch, data: new Uint8ClampedArray(cw * ch * 4), colorSpace: 'srgb' }),
		putImageData: noop,
		drawImage: (bitmap: FakeBitmap, _x: number, _y: number, dw: number = bitmap.width, dh: number = bitmap.height) => {
			const started = performance.now();
			w = Math.max(0, Math.round(dw));
			h = Math.max(0, Math.round(dh));
			pixels = scaleInto(bitmap, w, h);
			fakeBrowserTime.ms += performance.now() - started;
		},
		getImageData: (_x: number, _y: number, gw: number, gh: number) => {
			const data = gw === w && gh === h ? pixels : new Uint8ClampedArray(gw * gh * 4);
			return { width: gw, height: gh, data, colorSpace: 'srgb' };
		},
		beginPath: noop,
		closePath: noop,
		moveTo: noop,
		lineTo: noop,
		arc: noop,
		rect: noop,
		stroke: noop,
		fill: noop,
		fillRect: noop,
		clearRect: noop,
		save: noop,
		restore: noop,
		scale: noop,
		translate: noop,
		setTransform: noop,
		resetTransform: noop,
	};
	return ctx as unknown as CanvasRenderingContext2D;
}

/** Installs the fakes on jsdom's window; returns the function that removes them. */
export function installBrowserFakes(): () => void {
	const proto = HTMLCanvasElement.prototype;
	const originalGetContext = Object.getOwnPropertyDescriptor(proto, 'getContext');
	const hadBitmap = Object.prototype.hasOwnProperty.call(globalThis, 'createImageBitmap');
	const originalBitmap: unknown = (globalThis as unknown as Record<string, unknown>).createImageBitmap;
	const contexts = new WeakMap<HTMLCanvasElement, CanvasRenderingContext2D>();
	Object.defineProperty(proto, 'getContext', {
		configurable: true,
		writable: true,
		value: function getContext(this: HTMLCanvasElement, kind: string) {
			if (kind !== '2d') return null;
			let ctx = contexts.get(this);
			if (!ctx) contexts.set(this, (ctx = fakeContext(this)));
			return ctx;
		},
	});
	const globals = globalThis as unknown as Record<string, unknown>;
	globals.createImageBitmap = fakeCreateImageBitmap;
	const added = (['TextEncoder', 'TextDecoder'] as const).filter((name) => globals[name] === undefined);
	for (const name of added) globals[name] = name === 'TextEncoder' ? NodeTextEncoder : NodeTextDecoder;
	return () => {
		for (const name of added) Reflect.deleteProperty(globals, name);
		if (originalGetContext) Object.defineProperty(proto, 'getContext', originalGetContext);
		if (hadBitmap) globals.createImageBitmap = originalBitmap;
		else Reflect.deleteProperty(globals, 'createImageBitmap');
	};
}
