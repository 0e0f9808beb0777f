/**
 * Lazily loaded page code: a part of the plugin that most notes never use (the `cnn-train` block)
 * is bundled on its own by esbuild.options.mjs and embedded into main.js gzipped, as a base64
 * string, like the model worker. Loading the plugin then only scans a string instead of
 * pre-parsing the code's functions; the code is unpacked and run when the first block needs it,
 * as a script from a Blob URL (as the model engine runs in the page where no worker starts). The
 * bundle is our own build output, never user text: a CommonJS module body handed to
 * LAZY_MODULE_CALLBACK, whose `require` finds only what the plugin shares with it (obsidian, and
 * the modules whose state must be one for the whole plugin, such as the model host).
 */
import { unpackWorker } from '../model/host/start';

/** The global the lazily loaded bundle calls with its module body (esbuild.options.mjs wraps it so). */
export const LAZY_MODULE_CALLBACK = 'cnnNotesLazyModule';

/** A CommonJS module body: what a lazily loaded bundle is. */
type ModuleBody = (require: (name: string) => unknown, module: { exports: unknown }, exports: unknown) => void;

/** Loads run one after another: a bundle finds its callback under one global name while it runs. */
let loads: Promise<unknown> = Promise.resolve();

/** Unpacks `packed` (a bundle, gzipped, base64) and runs it as a CommonJS module whose `require` is answered from `modules`; its exports. */
export function loadLazyModule<T>(packed: string, modules: ReadonlyMap<string, unknown>): Promise<T> {
	const run = loads.then(async () => runBundle(await unpackWorker(packed), modules));
	loads = run.catch(() => undefined);
	return run as Promise<T>;
}

/** Runs `code` (a bundle wrapped in a call of LAZY_MODULE_CALLBACK) from a Blob URL script; its exports. */
function runBundle(code: string, modules: ReadonlyMap<string, unknown>): Promise<unknown> {
	return new Promise((resolve, reject) => {
		const global = window as unknown as Record<string, unknown>;
		let exports: { value: unknown } | null = null;
		let failure: unknown = null;
		global[LAZY_MODULE_CALLBACK] = (body: ModuleBody) => {
			const module = { exports: {} as unknown };
			const require = (name: string): unknown => {
				if (!modules.has(name)) throw new Error(`the lazily loaded code asks for ${name}, which the plugin does not share`);
				return modules.get(name);
			};
			try {
				body(require, module, module.exports);
				exports = { value: module.exports };
			} catch (e) {
				failure = e;
			}
		};
		const url = URL.createObjectURL(new Blob([code], { type: 'text/javascript' }));
		const script = document.head.createEl('script', { attr: { src: url } });
		const done = (error: unknown): void => {
			delete global[LAZY_MODULE_CALLBACK];
			URL.revokeObjectURL(url);
			script.remove();
			if (error !== null) reject(error instanceof Error ? error : new Error('the lazily loaded code failed'));
			else if (exports === null) reject(new Error('the lazily loaded code did not start'));
			else resolve(exports.value);
		};
		script.onload = () => done(failure);
		script.onerror = () => done(new Error('the lazily loaded code could not be loaded in this app'));
	});
}
