/** The `cnn-train` block's code, loaded on first use (esbuild.options.mjs, src/blocks/lazy-module.ts): the loader resolves with the module's exports. */
declare module 'cnn-notes-train-module' {
	const load: () => Promise<typeof import('./train-block')>;
	export default load;
}
