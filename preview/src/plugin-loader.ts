/**
 * Loads the plugin's real build (main.js, CommonJS) in the page, as Obsidian does: the bundle's
 * `require('obsidian')` gets the preview runtime (harness/obsidian.ts). The server wraps main.js in
 * a CommonJS module wrapper (like Node's) so it runs as an ordinary script, without eval.
 * Preview infrastructure, not part of the plugin.
 */
import * as obsidian from '../../harness/obsidian';

type PluginClass = new (app: obsidian.App, manifest: obsidian.PluginManifest) => obsidian.Plugin;

/** A CommonJS module body, as wrapped by the preview server. */
export type ModuleFactory = (require: (name: string) => unknown, module: { exports: unknown }, exports: unknown) => void;

declare global {
	interface Window {
		/** Called by the wrapped script with its module body. */
		__cnnPreviewDefine?: (factory: ModuleFactory) => void;
	}
}

/** Runs a CommonJS module body with a `require` that knows only `modules`; returns module.exports. */
export function runModule(factory: ModuleFactory, modules: Record<string, unknown>, filename: string): unknown {
	const module: { exports: unknown } = { exports: {} };
	const require = (name: string): unknown => {
		if (Object.prototype.hasOwnProperty.call(modules, name)) return modules[name];
		throw new Error(`${filename}: cannot find module '${name}' (the preview runtime provides ${Object.keys(modules).join(', ')})`);
	};
	factory(require, module, module.exports);
	return module.exports;
}

/** Loads the wrapped script at `src` and returns its module.exports. */
function loadWrappedScript(src: string, modules: Record<string, unknown>): Promise<unknown> {
	return new Promise((resolve, reject) => {
		window.__cnnPreviewDefine = (factory) => {
			try {
				resolve(runModule(factory, modules, src));
			} catch (e) {
				reject(e instanceof Error ? e : new Error(String(e)));
			}
		};
		const script = document.head.createEl('script', { attr: { src } });
		script.addEventListener('error', () => reject(new Error(`${src} did not load — run \`npm run demo\` to build and install the plugin`)));
	});
}

/** Loads the installed build and manifest, instantiates the plugin and loads it. */
export async function loadPluginBundle(app: obsidian.App): Promise<obsidian.Plugin> {
	const manifestResponse = await fetch('/plugin/manifest.json');
	if (!manifestResponse.ok) throw new Error('manifest.json is not installed — run `npm run demo`');
	const manifest = (await manifestResponse.json()) as obsidian.PluginManifest;
	const exports = (await loadWrappedScript('/plugin-module/main.js', { obsidian })) as { default?: PluginClass } | PluginClass;
	const Cls = typeof exports === 'function' ? exports : exports.default;
	if (typeof Cls !== 'function') throw new Error('main.js does not export a plugin class');
	const plugin = new Cls(app, { ...manifest, dir: '.obsidian/plugins/cnn-notes' });
	await obsidian.loadPlugin(plugin);
	return plugin;
}
