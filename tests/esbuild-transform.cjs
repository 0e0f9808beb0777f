/** Jest transform: TypeScript/ESM -> CommonJS with esbuild (no type checking; `npm run typecheck` does that). */
const { transformSync } = require('esbuild');

module.exports = {
	process(source, filename) {
		const loader = /\.tsx?$/.test(filename) ? 'ts' : 'js';
		const out = transformSync(source, {
			loader,
			format: 'cjs',
			target: 'node20',
			sourcemap: 'inline',
			sourcefile: filename,
		});
		return { code: out.code };
	},
};
