/** Jest transform: TypeScript/ESM -> CommonJS with esbuild (no type checking; `npm run typecheck` does that). */
const { transformSync } = require('esbuild');

module.exports = {
	process(source, filename) {
		// `.bin` imports (the digits model's weights): the file's bytes, as esbuild's `binary` loader gives the build.
		if (filename.endsWith('.bin')) {
			const base64 = require('fs').readFileSync(filename).toString('base64');
			return { code: `module.exports = Uint8Array.from(atob(${JSON.stringify(base64)}), (c) => c.charCodeAt(0));` };
		}
		// `.md` imports (the course's notes): the file's text, as esbuild's `text` loader gives the build.
		if (filename.endsWith('.md')) return { code: `module.exports = ${JSON.stringify(source)};` };
		const loader = /\.tsx?$/.test(filename) ? 'ts' : 'js';
		const out = transformSync(source, {
			loader,
			format: 'cjs',
			target: 'node20',
			// import() -> Promise.resolve().then(() => require(...)): jest's vm runs no native dynamic imports (lazy tfjs).
			supported: { 'dynamic-import': false },
			sourcemap: 'inline',
			sourcefile: filename,
		});
		return { code: out.code };
	},
};
