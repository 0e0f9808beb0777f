/** Binary files imported by the build (esbuild's `binary` loader) and by jest (tests/binary-transform.cjs): their bytes. */
declare module '*.bin' {
	const bytes: Uint8Array;
	export default bytes;
}
