/** Markdown files imported by the build (esbuild's `text` loader) and by jest (tests/esbuild-transform.cjs): their text. */
declare module '*.md' {
	const text: string;
	export default text;
}
