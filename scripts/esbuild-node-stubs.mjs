// esbuild plugin for the plugin build (esbuild.options.mjs, used by esbuild.config.mjs) and its bundle test: the Node built-ins
// that tfjs and its seedrandom require only when running under Node (util, crypto, fs, ...) become
// empty modules, so main.js requires nothing but `obsidian` and loads on mobile, where no Node
// built-in exists. Under Obsidian tfjs always takes its browser paths, so the stubs are never read.

/** Built-ins required by tfjs (core, backends, data) and seedrandom behind Node-only branches. */
export const TFJS_NODE_MODULES = ['util', 'crypto', 'fs', 'string_decoder', 'worker_threads', 'node-fetch', 'path', 'os', 'perf_hooks'];

/** The plugin: `require('util')` from node_modules/@tensorflow/* or seedrandom resolves to `module.exports = {}`. */
export function tfjsNodeStubs(names = TFJS_NODE_MODULES) {
	const filter = new RegExp(`^(node:)?(${names.map((n) => n.replace(/[-/]/g, '\\$&')).join('|')})$`);
	return {
		name: 'tfjs-node-stubs',
		setup(build) {
			build.onResolve({ filter }, (args) =>
				/node_modules[\\/](@tensorflow[\\/]|seedrandom[\\/])/.test(args.importer) ? { path: args.path, namespace: 'tfjs-node-stub' } : undefined,
			);
			build.onLoad({ filter: /.*/, namespace: 'tfjs-node-stub' }, () => ({ contents: 'module.exports = {};', loader: 'js' }));
		},
	};
}
