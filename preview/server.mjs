// The preview's static server: the page, its bundle, the installed plugin and the example vault.
// Binds 127.0.0.1 only. Run directly (`node preview/server.mjs`, PORT overrides 5173) or import
// startServer (the demo script and the e2e tests do). Preview infrastructure, not the plugin.
import { createServer } from 'node:http';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, extname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = join(HERE, '..');
export const VAULT_DIR = join(ROOT, 'examples', 'vault');
export const PLUGIN_DIR = join(VAULT_DIR, '.obsidian', 'plugins', 'cnn-notes');

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

/** Every file of the vault except hidden folders (.obsidian), as vault paths with '/'. */
export function listVault(dir = VAULT_DIR) {
	const out = [];
	const walk = (d) => {
		for (const name of readdirSync(d).sort()) {
			if (name.startsWith('.')) continue;
			const full = join(d, name);
			if (statSync(full).isDirectory()) walk(full);
			else out.push(relative(dir, full).split(sep).join('/'));
		}
	};
	walk(dir);
	return out;
}

/** The file under `base` named by URL path `rest`, or null when it escapes `base` or is missing. */
function inside(base, rest) {
	let decoded;
	try {
		decoded = decodeURIComponent(rest);
	} catch {
		return null;
	}
	const full = resolve(base, '.' + '/' + decoded);
	if (full !== base && !full.startsWith(base + sep)) return null;
	return existsSync(full) && statSync(full).isFile() ? full : null;
}

function send(res, status, body, type = 'text/plain; charset=utf-8') {
	res.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store' });
	res.end(body);
}

function sendFile(res, file) {
	send(res, 200, readFileSync(file), TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream');
}

function handle(req, res) {
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
	if (path === '/api/files') return send(res, 200, JSON.stringify(listVault()), TYPES['.json']);
	if (path === '/plugin-module/main.js') {
		// The installed CommonJS build inside a module wrapper, as Node would run it.
		const file = inside(PLUGIN_DIR, 'main.js');
		if (!file) return send(res, 404, 'not installed: main.js (run `npm run demo`)');
		const wrapped = `window.__cnnPreviewDefine(function (require, module, exports) {\n${readFileSync(file, 'utf8')}\n});\n//# sourceURL=plugin:cnn-notes/main.js\n`;
		return send(res, 200, wrapped, TYPES['.js']);
	}
	if (path.startsWith('/plugin/')) {
		const file = inside(PLUGIN_DIR, path.slice('/plugin/'.length));
		if (file) return sendFile(res, file);
		// A plugin without styles.css is valid: serve an empty sheet instead of a 404.
		if (path === '/plugin/styles.css') return send(res, 200, '/* the plugin has no styles.css */', TYPES['.css']);
		return send(res, 404, `not installed: ${path} (run \`npm run demo\`)`);
	}
	if (path.startsWith('/vault/')) {
		const file = inside(VAULT_DIR, path.slice('/vault/'.length));
		if (file && !relative(VAULT_DIR, file).split(sep).some((part) => part.startsWith('.'))) return sendFile(res, file);
	}
	return send(res, 404, 'not found');
}

/** Starts the server on host:port (port 0 = any free port); resolves to { url, close }. */
export function startServer({ port = 5173, host = '127.0.0.1' } = {}) {
	const server = createServer((req, res) => {
		try {
			handle(req, res);
		} catch (e) {
			send(res, 500, String(e));
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
	const { url } = await startServer({ port: Number(process.env.PORT ?? 5173) });
	console.log(`CNN Notes preview: ${url}`);
}
