/**
 * The vault every fuzz case runs against: the example vault's picture names, good pictures of many
 * sizes, and hostile files (missing, empty, corrupt, truncated, not an image, a 20000x20000 header),
 * plus vault models for cnn-classify (fine, NaN or infinite weights, weights missing, model.json not
 * JSON, wrong input shape). Built once (the models need tfjs), seeded into a fresh App per case.
 */
import { deflateSync } from 'zlib';
import type { App } from '../../harness/obsidian';
import * as tfjs from '@tensorflow/tfjs';
import { loadTf } from '../../src/model/engine/tf';
import { bufferOf, encodePng, rgbaOf } from '../vault/png';

/** One vault file: its path and its content (text or bytes). */
export interface VaultFile {
	path: string;
	content: string | ArrayBuffer;
}

/** A gray PNG whose pixel (x, y) has brightness f(x, y) in 0..255. */
export function grayPng(w: number, h: number, f: (x: number, y: number) => number): ArrayBuffer {
	return encodePng(w, h, rgbaOf(w, h, (x, y) => {
		const v = f(x, y);
		return [v, v, v, 255];
	}));
}

/** A dark digit-like stroke (a 7) on white, side x side pixels. */
function sevenPng(side: number): ArrayBuffer {
	return grayPng(side, side, (x, y) => {
		const u = x / side;
		const v = y / side;
		const top = v > 0.2 && v < 0.3 && u > 0.25 && u < 0.75;
		const diagonal = v >= 0.2 && v < 0.85 && Math.abs(u - (0.75 - (v - 0.2) * 0.5)) < 0.06;
		return top || diagonal ? 20 : 245;
	});
}

/** PNG chunks by hand, for the damaged files. */
function pngWithHeader(width: number, height: number, idat: Uint8Array): ArrayBuffer {
	const chunk = (type: string, data: Uint8Array): Buffer => {
		const out = Buffer.alloc(12 + data.length);
		out.writeUInt32BE(data.length, 0);
		out.write(type, 4, 'ascii');
		Buffer.from(data).copy(out, 8);
		return out; // CRC left 0: browsers differ on checking it, the fake decoder ignores it
	};
	const ihdr = Buffer.alloc(13);
	ihdr.writeUInt32BE(width, 0);
	ihdr.writeUInt32BE(height, 4);
	ihdr.set([8, 6, 0, 0, 0], 8);
	const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
	return bufferOf(Buffer.concat([signature, chunk('IHDR', ihdr), chunk('IDAT', idat), chunk('IEND', new Uint8Array(0))]));
}

/** Deterministic pseudo-random bytes. */
function noiseBytes(n: number, seed: number): Uint8Array {
	const out = new Uint8Array(n);
	let s = seed >>> 0;
	for (let i = 0; i < n; i++) {
		s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
		out[i] = s >>> 24;
	}
	return out;
}

const ascii = (text: string): number[] => Array.from(text, (c) => c.charCodeAt(0));

/** Pictures that decode: [path, bytes]. Names of the example vault's pictures resolve too. */
function goodPictures(): VaultFile[] {
	const gradient = (w: number, h: number): ArrayBuffer => grayPng(w, h, (x, y) => Math.round((255 * (x + y)) / Math.max(1, w + h - 2)));
	const colour = (w: number, h: number): ArrayBuffer => encodePng(w, h, rgbaOf(w, h, (x, y) => [(x * 37) % 256, (y * 53) % 256, ((x ^ y) * 11) % 256, 255]));
	return [
		{ path: 'ok-8x8.png', content: gradient(8, 8) },
		{ path: 'ok-3x3.png', content: gradient(3, 3) },
		{ path: 'ok-1x1.png', content: gradient(1, 1) },
		{ path: 'big-256.png', content: gradient(256, 256) },
		{ path: 'big-600x400.png', content: colour(600, 400) },
		{ path: 'wide-300x1.png', content: gradient(300, 1) },
		{ path: 'tall-1x300.png', content: gradient(1, 300) },
		{ path: 'transparent.png', content: encodePng(4, 4, new Uint8Array(64)) },
		{ path: 'digit.png', content: sevenPng(28) },
		{ path: 'attachments/digit-seven.png', content: sevenPng(84) },
		{ path: 'attachments/edges.png', content: grayPng(32, 32, (x) => (x < 16 ? 0 : 255)) },
		{ path: 'attachments/checkerboard.png', content: grayPng(16, 16, (x, y) => (((x >> 2) + (y >> 2)) % 2 ? 255 : 0)) },
		{ path: 'photo.png', content: colour(24, 16) },
		{ path: 'Pasted image 20230626100021.png', content: colour(20, 20) },
		{ path: 'pics/photo.png', content: colour(12, 12) },
		{ path: 'notes/pics/photo.png', content: gradient(5, 5) },
		{ path: 'imágenes/ñandú 😀.png', content: gradient(6, 6) },
		{ path: 'صورة.png', content: gradient(7, 7) },
		{ path: 'png-named.jpg', content: gradient(9, 9) },
		// A training set (cnn-train's data): two classes of small pictures, and a class named like a prototype property.
		{ path: 'classes/dark/a.png', content: gradient(16, 16) },
		{ path: 'classes/dark/b.png', content: gradient(20, 12) },
		{ path: 'classes/light/a.png', content: colour(16, 16) },
		{ path: 'classes/light/b.png', content: colour(8, 24) },
		{ path: 'classes/constructor/a.png', content: gradient(4, 4) },
		{ path: 'classes/constructor/b.png', content: colour(5, 5) },
	];
}

/** Files that are not usable pictures. */
function badPictures(): VaultFile[] {
	const truncated = new Uint8Array(grayPng(64, 64, (x, y) => (x * y) % 256));
	return [
		{ path: 'empty.png', content: new ArrayBuffer(0) },
		{ path: 'corrupt.png', content: bufferOf(Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...noiseBytes(200, 7)])) },
		{ path: 'garbage.png', content: bufferOf(noiseBytes(300, 11)) },
		{ path: 'truncated.png', content: bufferOf(truncated.subarray(0, Math.floor(truncated.length / 2))) },
		{ path: 'huge-header.png', content: pngWithHeader(20000, 20000, deflateSync(Buffer.alloc(1 + 20000 * 4))) },
		{ path: 'zero-size.png', content: pngWithHeader(0, 0, deflateSync(Buffer.alloc(1))) },
		{ path: 'header-only.png', content: bufferOf(Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) },
		{ path: 'fake.jpg', content: bufferOf(Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, ...noiseBytes(100, 3)])) },
		{ path: 'fake.gif', content: bufferOf(Uint8Array.from([...ascii('GIF89a'), ...noiseBytes(50, 5)])) },
		{ path: 'fake.webp', content: bufferOf(Uint8Array.from([...ascii('RIFF'), 0, 0, 0, 0, ...ascii('WEBP'), ...noiseBytes(50, 9)])) },
		{ path: 'fake.bmp', content: bufferOf(Uint8Array.from([...ascii('BM'), ...noiseBytes(60, 13)])) },
		{ path: 'text.png', content: 'this is not a picture\n' },
		{ path: 'note.md', content: '# A note\n\n```cnn-conv\ninput: [[1]]\nkernel: [[1]]\n```\n' },
		{ path: 'data.json', content: '{"input": [[1, 2], [3, 4]]}' },
		{ path: 'noext', content: bufferOf(new Uint8Array(grayPng(2, 2, () => 0))) },
	];
}

/** The JSON of a vault model.json around a topology and its weight list. */
function modelJson(topology: unknown, weightSpecs: unknown, paths: string[] = ['weights.bin']): string {
	return JSON.stringify({ format: 'layers-model', generatedBy: 'fuzz fixtures', modelTopology: topology, weightsManifest: [{ paths, weights: weightSpecs }] });
}

/** A model's weights: count float32 values, each f(i). */
function weights(count: number, f: (i: number) => number): ArrayBuffer {
	const data = new Float32Array(count);
	for (let i = 0; i < count; i++) data[i] = f(i);
	return data.buffer;
}

/** Vault models for cnn-classify, built with tfjs: a 28x28x1 -> dense(10) softmax model in several states. */
async function vaultModels(): Promise<VaultFile[]> {
	await loadTf({ backends: ['cpu'] }); // the engine's tfjs set up (cpu, no Node banner); the umbrella package shares its core
	const tf = tfjs;
	const artifactsOf = async (inputShape: number[], units: number): Promise<{ topology: unknown; specs: { shape: number[] }[] }> => {
		const model = tf.sequential({ layers: [tf.layers.flatten({ inputShape }), tf.layers.dense({ units, activation: 'softmax' })] });
		let saved: { topology: unknown; specs: { shape: number[] }[] } | null = null;
		await model.save(
			tf.io.withSaveHandler(async (a) => {
				saved = { topology: a.modelTopology, specs: a.weightSpecs ?? [] };
				return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
			}),
		);
		model.dispose();
		if (!saved) throw new Error('the fixture model was not saved');
		return saved;
	};
	const digits = await artifactsOf([28, 28, 1], 10);
	const wrong = await artifactsOf([32, 32, 3], 10);
	const one = await artifactsOf([28, 28, 1], 1);
	const count = (specs: { shape: number[] }[]): number => specs.reduce((n, s) => n + s.shape.reduce((a, b) => a * b, 1), 0);
	const n = count(digits.specs);
	const files: VaultFile[] = [];
	const add = (folder: string, json: string, bin?: ArrayBuffer): void => {
		files.push({ path: `models/${folder}/model.json`, content: json });
		if (bin) files.push({ path: `models/${folder}/weights.bin`, content: bin });
	};
	add('ok', modelJson(digits.topology, digits.specs), weights(n, (i) => Math.sin(i) * 0.05));
	add('nan', modelJson(digits.topology, digits.specs), weights(n, () => NaN));
	add('inf', modelJson(digits.topology, digits.specs), weights(n, (i) => (i % 2 ? Infinity : -Infinity)));
	add('huge', modelJson(digits.topology, digits.specs), weights(n, () => 3e38));
	add('noweights', modelJson(digits.topology, digits.specs));
	add('short', modelJson(digits.topology, digits.specs), weights(10, () => 0));
	add('wrongshape', modelJson(wrong.topology, wrong.specs), weights(count(wrong.specs), () => 0.01));
	add('oneclass', modelJson(one.topology, one.specs), weights(count(one.specs), () => 0.01));
	add('notjson', '{ "modelTopology": [ this is not JSON');
	add('empty', '');
	add('array', '[1, 2, 3]');
	add('proto', '{"__proto__": {"modelTopology": {}}, "constructor": 1, "weightsManifest": "toString"}');
	add('notopology', JSON.stringify({ format: 'layers-model', weightsManifest: [] }));
	add('badtopology', modelJson({ class_name: 'constructor', config: { layers: 'toString' } }, []));
	add('bigmanifest', modelJson(digits.topology, [{ name: 'w', shape: [1e9, 1e9], dtype: 'float32' }]), weights(4, () => 0));
	add('escape', modelJson(digits.topology, digits.specs, ['../../ok-8x8.png']));
	return files;
}

let prepared: Promise<VaultFile[]> | null = null;

/** Every fixture file (built once; the vault models need tfjs). */
export function prepareFixtures(): Promise<VaultFile[]> {
	prepared ??= vaultModels().then((models) => [...goodPictures(), ...badPictures(), ...models]);
	return prepared;
}

/** Puts the fixture files into an app's vault (without events). */
export function seedVault(app: App, files: readonly VaultFile[]): void {
	for (const f of files) app.vault.seed(f.path, f.content);
}

/** Links the generators use, by what they point to. */
export const LINKS = {
	good: ['ok-8x8.png', 'ok-3x3.png', 'ok-1x1.png', 'big-256.png', 'big-600x400.png', 'wide-300x1.png', 'tall-1x300.png', 'transparent.png', 'digit.png', 'digit-seven.png', 'edges.png', 'checkerboard.png', 'photo.png', 'Pasted image 20230626100021.png', 'pics/photo.png', 'imágenes/ñandú 😀.png', 'صورة.png', 'png-named.jpg'],
	bad: ['missing.png', 'nowhere/missing.jpg', 'empty.png', 'corrupt.png', 'garbage.png', 'truncated.png', 'huge-header.png', 'zero-size.png', 'header-only.png', 'fake.jpg', 'fake.gif', 'fake.webp', 'fake.bmp', 'text.png', 'note.md', 'note', 'data.json', 'noext', 'models/ok/model.json', 'models/ok/weights.bin'],
	models: ['models/ok/model.json', 'models/nan/model.json', 'models/inf/model.json', 'models/huge/model.json', 'models/noweights/model.json', 'models/short/model.json', 'models/wrongshape/model.json', 'models/oneclass/model.json', 'models/notjson/model.json', 'models/empty/model.json', 'models/array/model.json', 'models/proto/model.json', 'models/notopology/model.json', 'models/badtopology/model.json', 'models/bigmanifest/model.json', 'models/escape/model.json', 'models/missing/model.json', 'ok-8x8.png', 'note.md'],
} as const;
