/** Binary files imported by the build (esbuild's `binary` loader) and by jest (tests/binary-transform.cjs): their bytes. */
declare module '*.bin' {
	const bytes: Uint8Array;
	export default bytes;
}

/** The model worker's bundle (src/model/engine/worker.ts built by esbuild.options.mjs): its JavaScript source text gzipped, as base64. */
declare module 'cnn-notes-model-worker' {
	const code: string;
	export default code;
}
