// `npm run demo`: builds and installs the plugin into examples/vault, then serves the browser
// preview of the vault on http://127.0.0.1:$PORT (default 5173) until interrupted.
import { startServer } from '../preview/server.mjs';
import { prepareDemo } from './prepare-demo.mjs';

await prepareDemo();
const port = Number(process.env.PORT ?? 5173);
try {
	const { url } = await startServer({ port });
	console.log(`\nCNN Notes preview of examples/vault: ${url}\n(open examples/vault in Obsidian to use the installed plugin there; Ctrl+C stops the preview)`);
} catch (e) {
	console.error(`Could not serve on port ${port}: ${e instanceof Error ? e.message : String(e)}. Try PORT=5174 npm run demo`);
	process.exit(1);
}
