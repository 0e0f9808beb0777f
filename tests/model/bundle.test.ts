/**
 * main.js as the production build makes it (esbuild.options.mjs, the options esbuild.config.mjs
 * builds with: bundle, cjs, tfjs's Node-only requires stubbed): it requires nothing but `obsidian`
 * (so it loads on mobile, where no Node built-in exists), and loading it and running onload
 * evaluates no tfjs.
 */
import { spawnSync } from 'child_process';
import { mkdtempSync, readFileSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { Script } from 'vm';
import * as obsidian from '../../harness/obsidian';
import manifest from '../../manifest.json';

const ROOT = join(__dirname, '..', '..');

/**
 * The plugin bundled with exactly the production options of esbuild.options.mjs (what
 * `npm run build` ships), only written to a temporary file and quieter, in a child process
 * (esbuild refuses to run inside jsdom).
 */
function bundle(): string {
	const dir = mkdtempSync(join(tmpdir(), 'cnn-notes-bundle-'));
	const outfile = join(dir, 'main.js');
	const script = `
		import { build } from 'esbuild';
		import { pluginBuildOptions } from './esbuild.options.mjs';
		await build({ ...pluginBuildOptions(true), outfile: ${JSON.stringify(outfile)}, logLevel: 'error' });`;
	try {
		const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: ROOT, encoding: 'utf8' });
		if (run.status !== 0) throw new Error(`esbuild failed: ${run.stderr}`);
		return readFileSync(outfile, 'utf8');
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}

describe('main.js', () => {
	let code = '';
	beforeAll(() => {
		code = bundle();
	});

	it('requires only obsidian: no Node built-in (tfjs util / crypto / fs included)', () => {
		const required = new Set(Array.from(code.matchAll(/\brequire\(["'`]([^"'`]+)["'`]\)/g), (m) => m[1]));
		expect([...required]).toEqual(['obsidian']);
	});

	it('embeds tfjs and the digits model, yet loading it and running onload evaluates no tfjs', () => {
		expect(code).toContain('tfjs-layers');
		const requested: string[] = [];
		const fakeRequire = (name: string): unknown => {
			requested.push(name);
			if (name === 'obsidian') return obsidian;
			throw new Error(`main.js required ${name}`);
		};
		const module = { exports: {} as { default?: new (app: unknown, m: unknown) => obsidian.Plugin } };
		// Evaluated as Obsidian does, as a CommonJS function of (require, module, exports); it also returns the global it ran in.
		const wrapped = `(function (require, module, exports) {${code}\n;return globalThis;})`;
		const run = new Script(wrapped, { filename: 'main.js' }).runInThisContext() as (r: typeof fakeRequire, m: typeof module, e: object) => { _tfengine?: unknown };
		const global = run(fakeRequire, module, module.exports);
		const Plugin = module.exports.default;
		expect(Plugin).toBeDefined();
		const app = new obsidian.App();
		const plugin = new Plugin!(app, manifest);
		plugin.load();
		expect([...(obsidian.processorRegistry.get(app)?.keys() ?? [])]).toContain('cnn-classify');
		expect(global._tfengine).toBeUndefined();
		expect(Object.keys(global)).not.toContain('_tfengine');
		expect([...new Set(requested)]).toEqual(['obsidian']);
		plugin.unload();
	});
});
