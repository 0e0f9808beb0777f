// The preview's static server: the page, its bundle, the plugin's build and one vault (the example
// vault unless told otherwise). Read-only, binds 127.0.0.1 only. Run directly (`node
// preview/server.mjs [vault]`, PORT overrides 5173) or import startServer (the demo script and the
// e2e tests do). Preview infrastructure, not the plugin.
import { createServer } from 'node:http';
import { createReadStream, existsSync, readFileSync, readdirSync, realpathSync, statSync } from 'node:fs';
import { basename, dirname, extname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = join(HERE, '..');
export const VAULT_DIR = join(ROOT, 'examples', 'vault');
/** The plugin as installed into the example vault (what Obsidian loads there). */
export const PLUGIN_DIR = join(VAULT_DIR, '.obsidian', 'plugins', 'cnn-notes');
/** The repository's own build (`node esbuild.config.mjs production` writes main.js here). */
export const BUILD_DIR = ROOT;
/** The plugin's files, the only ones served from the plugin folder. */
const PLUGIN_FILES = new Set(['main.js', 'manifest.json', 'styles.css']);

const TYPES = {
	'.html': 'text/html; charset=utf-8',
	'.js': 'text/javascript; charset=utf-8',
	'.css': 'text/css; charset=utf-8',
	'.json': 'application/json; charset=utf-8',
	'.md': 'text/markdown; charset=utf-8',
	'.svg': 'image/svg+xml',
	'.png': 'image/png',
	'.jpg': 'image/jpeg',
	'.jpeg': 'image/jpeg',
	'.gif': 'image/gif',
	'.webp': 'image/webp',
};

/** A folder or file name the preview leaves out: hidden ones (.obsidian, .git, .trash) and node_modules. */
function skipped(name) {
	return name.startsWith('.') || name === 'node_modules';
}

/**
 * Every file of the vault except those under skipped names, as sorted vault paths with '/'. Walks
 * names only: no file is opened or stat'ed, except symbolic links, listed when they lead to a file
 * inside the vault (links to folders are not followed).
 */
export function listVault(dir = VAULT_DIR) {
	const realBase = realpathSync(dir);
	const out = [];
	const walk = (d, prefix) => {
		for (const entry of readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
			if (skipped(entry.name)) continue;
			if (entry.isDirectory()) walk(join(d, entry.name), prefix + entry.name + '/');
			else if (entry.isFile() || (entry.isSymbolicLink() && fileWithin(realBase, join(d, entry.name)))) out.push(prefix + entry.name);
		}
	};
	walk(dir, '');
	return out;
}

/** True when `path` is a file whose real path (symbolic links followed) lies inside `realBase`. */
function fileWithin(realBase, path) {
	try {
		return statSync(path).isFile() && realpathSync(path).startsWith(realBase + sep);
	} catch {
		return false;
	}
}

/**
 * The file under `base` named by URL path `rest`, or null when it is missing, not a file, or
 * escapes `base` (by `..` or through a symbolic link), or when `listed` and a part of its path is
 * one listVault leaves out.
 */
function inside(base, rest, { listed = false } = {}) {
	let decoded;
	try {
		decoded = decodeURIComponent(rest);
	} catch {
		return null;
	}
	if (decoded.includes('\0')) return null;
	const full = resolve(base, '.' + '/' + decoded);
	if (full !== base && !full.startsWith(base + sep)) return null;
	if (listed && relative(base, full).split(sep).some(skipped)) return null;
	return fileWithin(realpathSync(base), full) ? full : null;
}

function send(res, status, body, type = 'text/plain; charset=utf-8') {
	res.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store' });
	res.end(body);
}

function sendFile(res, file) {
	send(res, 200, readFileSync(file), TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream');
}

/** Streams a file (vault pictures may be several MB). */
function streamFile(req, res, file) {
	res.writeHead(200, {
		'Content-Type': TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
		'Content-Length': statSync(file).size,
		'Cache-Control': 'no-store',
	});
	if (req.method === 'HEAD') return res.end();
	createReadStream(file)
		.on('error', () => res.destroy())
		.pipe(res);
}

/** Why `dir` cannot be previewed as a vault (one sentence), or null when it can. */
export function vaultProblem(dir) {
	if (!existsSync(dir)) return `${dir} does not exist`;
	if (!statSync(dir).isDirectory()) return `${dir} is not a folder`;
	try {
		readdirSync(dir);
	} catch (e) {
		return `${dir} cannot be read (${e instanceof Error && 'code' in e ? String(e.code) : String(e)})`;
	}
	return null;
}

/** How the page names the vault: its folder's name ("examples/vault" for the example vault). */
function vaultName(dir) {
	return dir === VAULT_DIR ? 'examples/vault' : basename(dir);
}

/** Answers one request: the page, the plugin from `pluginDir`, files of `vaultDir`. */
function handle(req, res, { vaultDir, pluginDir }) {
	const url = new URL(req.url ?? '/', 'http://127.0.0.1');
	const path = url.pathname;
	if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'read-only preview');
	if (path === '/' || path === '/index.html') return sendFile(res, join(HERE, 'index.html'));
	if (path === '/preview.css') return sendFile(res, join(HERE, 'preview.css'));
	if (path === '/favicon.svg' || path === '/favicon.ico') return sendFile(res, join(HERE, 'favicon.svg'));
	if (path === '/preview.js') {
		const bundle = join(HERE, 'dist', 'preview.js');
		if (!existsSync(bundle)) return send(res, 500, 'preview/dist/preview.js is missing: run `npm run demo` (or node preview/build.mjs)');
		return sendFile(res, bundle);
	}
	// The vault's name and file paths, names only: the page fetches a file when it is read.
	if (path === '/api/vault') return send(res, 200, JSON.stringify({ name: vaultName(vaultDir), files: listVault(vaultDir) }), TYPES['.json']);
	const pluginFile = (name) => (PLUGIN_FILES.has(name) ? inside(pluginDir, name) : null);
	if (path === '/plugin-module/main.js') {
		// The built CommonJS main.js inside a module wrapper, as Node would run it.
		const file = pluginFile('main.js');
		if (!file) return send(res, 404, 'not built: main.js (run `npm run demo`)');
		const wrapped = `window.__cnnPreviewDefine(function (require, module, exports) {\n${readFileSync(file, 'utf8')}\n});\n//# sourceURL=plugin:cnn-notes/main.js\n`;
		return send(res, 200, wrapped, TYPES['.js']);
	}
	if (path.startsWith('/plugin/')) {
		const file = pluginFile(path.slice('/plugin/'.length));
		if (file) return sendFile(res, file);
		// A plugin without styles.css is valid: serve an empty sheet instead of a 404.
		if (path === '/plugin/styles.css') return send(res, 200, '/* the plugin has no styles.css */', TYPES['.css']);
		return send(res, 404, `not built: ${path} (run \`npm run demo\`)`);
	}
	if (path.startsWith('/vault/')) {
		const file = inside(vaultDir, path.slice('/vault/'.length), { listed: true });
		if (file) return streamFile(req, res, file);
	}
	return send(res, 404, 'not found');
}

/**
 * Starts the server on host:port (port 0 = any free port) for the vault at `vault` (default: the
 * example vault), serving the plugin's main.js, manifest.json and styles.css from `plugin` (default:
 * the copy installed into the example vault; BUILD_DIR for the repository's build). Nothing is ever
 * written: not into the vault, not anywhere. Resolves to { url, server, close }.
 */
export function startServer({ port = 5173, host = '127.0.0.1', vault = VAULT_DIR, plugin = PLUGIN_DIR } = {}) {
	const options = { vaultDir: resolve(vault), pluginDir: resolve(plugin) };
	const server = createServer((req, res) => {
		try {
			handle(req, res, options);
		} catch (e) {
			if (res.headersSent) res.destroy();
			else send(res, 500, String(e));
		}
	});
	return new Promise((resolvePromise, reject) => {
		server.once('error', reject);
		server.listen(port, host, () => {
			const address = server.address();
			const url = `http://${host}:${typeof address === 'object' && address ? address.port : port}/`;
			resolvePromise({
				url,
				server,
				close: () =>
					new Promise((done) => {
						server.close(() => done());
						server.closeAllConnections();
					}),
			});
		});
	});
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
	// `node preview/server.mjs [vault]`: another vault gets the repository's build (run it first).
	const vault = process.argv[2] ? resolve(process.argv[2]) : VAULT_DIR;
	const problem = vaultProblem(vault);
	if (problem) {
		console.error(`CNN Notes preview: ${problem}.`);
		process.exit(1);
	}
	const { url } = await startServer({ port: Number(process.env.PORT ?? 5173), vault, plugin: vault === VAULT_DIR ? PLUGIN_DIR : BUILD_DIR });
	console.log(`CNN Notes preview of ${vault}: ${url}`);
}
