/**
 * The model worker's bundle is embedded gzipped, as base64 (esbuild.options.mjs): unpacked in the page
 * (unpackWorker) or in the worker (workerBootstrap). jsdom has no DecompressionStream, Response or
 * Blob.stream: Node's stand in (Response by a few lines reading the stream). The real ones run in
 * Chromium: `npm run bench -- model` (a worker and the in-page engine) and the e2e tests.
 */
import { Blob as NodeBlob, resolveObjectURL } from 'buffer';
import { DecompressionStream as NodeDecompressionStream, type ReadableStream as NodeReadableStream } from 'stream/web';
import { URL as NodeURL } from 'url';
import { TextDecoder as NodeTextDecoder } from 'util';
import { Script } from 'vm';
import { gzipSync } from 'zlib';
import { unpackWorker, workerBootstrap } from '../../src/model/host/start';

/** Runs `code` as the body of a function of the named parameters, with `args` for them (a worker script's globals). */
function run(code: string, params: string[], ...args: unknown[]): void {
	const fn = new Script(`(function (${params.join(', ')}) {${code}\n})`).runInThisContext() as (...a: unknown[]) => void;
	fn(...args);
}

/** Response as far as the unpacking uses it: the text of a byte stream. */
class StreamResponse {
	constructor(private readonly body: NodeReadableStream<Uint8Array>) {}
	async text(): Promise<string> {
		const chunks: Uint8Array[] = [];
		for await (const chunk of this.body) chunks.push(chunk);
		return Buffer.concat(chunks).toString('utf8');
	}
}

const nodeGlobals = { Blob: NodeBlob, DecompressionStream: NodeDecompressionStream, Response: StreamResponse, TextDecoder: NodeTextDecoder };
const saved = Object.fromEntries(Object.keys(nodeGlobals).map((k) => [k, Object.getOwnPropertyDescriptor(globalThis, k)]));
beforeAll(() => {
	for (const [k, v] of Object.entries(nodeGlobals)) Object.defineProperty(globalThis, k, { value: v, configurable: true, writable: true });
});
afterAll(() => {
	for (const [k, d] of Object.entries(saved)) {
		if (d) Object.defineProperty(globalThis, k, d);
		else delete (globalThis as Record<string, unknown>)[k];
	}
});

/** What esbuild.options.mjs embeds: the bundle's text gzipped, as base64. */
const pack = (code: string): string => gzipSync(code, { level: 9 }).toString('base64');

describe('the packed model worker bundle', () => {
	const code = 'self.ran = (self.ran || 0) + 1; /* ' + 'é→ '.repeat(2000) + ' */';

	it('unpackWorker gives back the bundle\'s text', async () => {
		await expect(unpackWorker(pack(code))).resolves.toBe(code);
	});

	it('without DecompressionStream (iOS before 16.4) unpackWorker gunzips in the page (inflate.ts): the same text, tfjs-core\'s 0.5 MB too', async () => {
		await expect(unpackWorker(pack(code), false)).resolves.toBe(code);
		const { readFileSync } = await import('fs');
		const big = readFileSync(require.resolve('@tensorflow/tfjs-core/dist/tf-core.min.js'), 'utf8');
		await expect(unpackWorker(pack(big), false)).resolves.toBe(big);
	});

	it('workerBootstrap unpacks the bundle and runs it with importScripts, as a worker does', async () => {
		const scope = { ran: 0 };
		const imported: string[] = [];
		const done = new Promise<void>((resolve, reject) => {
			const importScripts = (url: string): void => {
				const blob = resolveObjectURL(url);
				if (!blob) return reject(new Error(`no Blob at ${url}`));
				imported.push(url);
				void blob.text().then((text) => {
					run(text, ['self'], scope);
					resolve();
				}, reject);
			};
			run(workerBootstrap(pack(code)), ['importScripts', 'URL'], importScripts, NodeURL);
		});
		await done;
		expect(scope.ran).toBe(1);
		expect(imported).toHaveLength(1);
	});

	it('a bundle that cannot be unpacked is an error thrown from a timer (the worker\'s error event)', async () => {
		const thrown = new Promise<unknown>((resolve) => {
			const timer = (f: () => void): void => {
				try {
					f();
				} catch (e) {
					resolve(e);
				}
			};
			run(workerBootstrap(Buffer.from('not gzip').toString('base64')), ['importScripts', 'setTimeout'], () => {}, timer);
		});
		// An error of Node's realm (the gzip stream's), not jsdom's: checked by its message.
		expect(String(await thrown)).toMatch(/Error/);
	});
});
