/**
 * Test helpers for training sets on the harness vault: PNG-signed bytes whose byte 11 names the
 * picture a fake decoder gives (and whose IHDR announces a size), and a vault seeded with them.
 */
import { App } from '../../harness/obsidian';
import type { DatasetDeps } from '../../src/train/dataset';
import type { RgbaImage } from '../../src/vault/pixels';
import { asObsidianApp } from '../helpers/plugin';

/** 24 bytes: the PNG signature, byte 11 = n (which picture), an IHDR announcing width x height. */
export function png(n: number, width = 16, height = 16): ArrayBuffer {
	const b = new Uint8Array(24);
	b.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
	b[11] = n;
	b.set([0x49, 0x48, 0x44, 0x52], 12);
	new DataView(b.buffer).setUint32(16, width);
	new DataView(b.buffer).setUint32(20, height);
	return b.buffer;
}

/** A w x h RGBA picture whose colours vary with `seed`. */
export function rgba(w: number, h: number, seed: number): RgbaImage {
	const data = new Uint8ClampedArray(w * h * 4);
	for (let y = 0; y < h; y++) {
		for (let x = 0; x < w; x++) {
			const i = (y * w + x) * 4;
			data[i] = (x * 13 + seed * 31) % 256;
			data[i + 1] = (y * 7 + seed * 17) % 256;
			data[i + 2] = ((x + y) * 5 + seed * 3) % 256;
			data[i + 3] = 255;
		}
	}
	return { width: w, height: h, data };
}

/** A vault with `files` (path -> picture number, or text for other files) and deps whose decoder gives `pictures[n]` (throws for unknown n). */
export function vaultWith(files: Record<string, number | string>, pictures: Record<number, RgbaImage>): { app: App; deps: DatasetDeps; decode: jest.Mock } {
	const app = new App();
	for (const [path, content] of Object.entries(files)) app.vault.seed(path, typeof content === 'number' ? png(content, pictures[content]?.width, pictures[content]?.height) : content);
	const decode = jest.fn((bytes: ArrayBuffer): Promise<RgbaImage> => {
		const picture = pictures[new Uint8Array(bytes)[11] ?? -1];
		return picture ? Promise.resolve(picture) : Promise.reject(new Error('bad picture data'));
	});
	const vault = asObsidianApp(app).vault;
	const deps: DatasetDeps = {
		getAbstractFileByPath: (path) => vault.getAbstractFileByPath(path),
		readBinary: (file) => vault.readBinary(file),
		decode,
	};
	return { app, deps, decode };
}
