// `npm run demo [-- path/to/vault]`: builds the plugin and serves the browser preview of a vault on
// http://127.0.0.1:$PORT (default 5173) until interrupted. Without a path: the example vault, with
// the plugin installed into it (for Obsidian too). With a path: any vault folder, read-only — the
// plugin is served from the repository's build and nothing is written into that vault.
import { realpathSync } from 'node:fs';
import { resolve } from 'node:path';
import { BUILD_DIR, PLUGIN_DIR, VAULT_DIR, startServer, vaultProblem } from '../preview/server.mjs';
import { prepareDemo } from './prepare-demo.mjs';

const args = process.argv.slice(2);
if (args.length > 1 || args[0] === '-h' || args[0] === '--help') {
	console.error('Usage: npm run demo [-- path/to/vault]   (one folder, quoted if its name has spaces; PORT=8080 for another port)');
	process.exit(args[0] === '-h' || args[0] === '--help' ? 0 : 1);
}
// npm runs scripts from the package folder; INIT_CWD is where `npm run demo` was typed.
const vault = args[0] === undefined ? VAULT_DIR : resolve(process.env.INIT_CWD ?? process.cwd(), args[0]);
const problem = vaultProblem(vault);
if (problem) {
	console.error(`CNN Notes preview: ${problem}. Give the path of a vault folder: npm run demo -- path/to/vault`);
	process.exit(1);
}
const example = realpathSync(vault) === realpathSync(VAULT_DIR);

await prepareDemo({ exampleVault: example });
const port = Number(process.env.PORT ?? 5173);
try {
	const { url } = await startServer({ port, vault, plugin: example ? PLUGIN_DIR : BUILD_DIR });
	console.log(
		example
			? `\nCNN Notes preview of examples/vault: ${url}\n(open examples/vault in Obsidian to use the installed plugin there; Ctrl+C stops the preview)`
			: `\nCNN Notes preview of ${vault}: ${url}\n(read-only: nothing is written into the vault; Ctrl+C stops the preview)`,
	);
} catch (e) {
	console.error(`Could not serve on port ${port}: ${e instanceof Error ? e.message : String(e)}. Try PORT=5174 npm run demo`);
	process.exit(1);
}
