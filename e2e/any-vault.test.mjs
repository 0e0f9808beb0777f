// `npm run demo -- path/to/vault`: the preview of a vault that is not the example vault, in real
// Chromium. A temporary vault (spaces and accents in its names, nested folders, a picture linked
// from a cnn-conv block, a wiki-link to a note in another folder, 300 notes and a 4 MB file nobody
// opens, hidden folders) is served with the plugin from the repository's build; the page fetches
// only what it shows, and nothing is written into the vault. Screenshots go to output/screenshots/any-vault/.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { BUILD_DIR, listVault } from '../preview/server.mjs';
import { pictureModule } from '../scripts/make-images.mjs';
import { ROOT, openPreview, readGrids, screenshot, startPreview, waitRendered } from './helpers.mjs';
import { conv2d } from './reference.mjs';

const CONV_NOTE = 'Curso de redes/Convolución con imágenes.md';
const LINKED_NOTE = 'Curso de redes/Temas avanzados/Clasificación.md';
const PICTURE = 'Some folder/my picture 1.png';
const ARCHIVE_NOTES = 300;
const KERNEL = [
	[1, 0, -1],
	[1, 0, -1],
	[1, 0, -1],
];

/** The 0/1 gray matrix of the 8x8 picture: black, with a white 4x3 block. */
const GRAY = Array.from({ length: 8 }, (_, y) => Array.from({ length: 8 }, (_, x) => (x >= 2 && x < 6 && y >= 3 && y < 6 ? 1 : 0)));

/** The 8x8 picture's PNG bytes, drawn and encoded with the plugin's own raster and PNG encoder. */
async function picturePng() {
	const { Raster, encodePng } = await pictureModule();
	const raster = new Raster(8, 8, [0, 0, 0]);
	raster.fillRect(2, 3, 4, 3, [255, 255, 255]);
	return encodePng(raster);
}

/** Writes the temporary vault; returns its folder (with a space in its own name too). */
async function makeVault() {
	const dir = mkdtempSync(join(tmpdir(), 'cnn notes vault '));
	const write = (path, content) => {
		mkdirSync(dirname(join(dir, path)), { recursive: true });
		writeFileSync(join(dir, path), content);
	};
	write(
		CONV_NOTE,
		[
			'Los bordes verticales de una imagen de la bóveda:',
			'',
			'![[my picture 1.png|64]]',
			'',
			'```cnn-conv',
			'image: "[[Some folder/my picture 1.png]]"',
			'kernel: |',
			...KERNEL.map((row) => '  ' + row.join(' ')),
			'```',
			'',
			'Siguiente: [[Clasificación]].',
			'',
		].join('\n'),
	);
	write(LINKED_NOTE, '```cnn-pool\ninput: |\n  1 3 2 4\n  5 6 1 2\n  7 2 9 0\n  1 4 3 8\ntype: max\nsize: 2\n```\n\nVolver a [[Convolución con imágenes]].\n');
	write(PICTURE, await picturePng());
	write('Some folder/big photo.png', randomBytes(4 * 1024 * 1024));
	for (let i = 1; i <= ARCHIVE_NOTES; i++) write(`Archivo/Apuntes ${String(i).padStart(3, '0')}.md`, `Apunte ${i}: [[Clasificación]]\n`);
	write('.obsidian/app.json', '{}\n');
	write('.trash/borrada.md', 'borrada\n');
	write('.git/HEAD', 'ref: refs/heads/main\n');
	write('node_modules/some-package/README.md', 'not a note\n');
	// A link out of the vault: neither listed nor served.
	writeFileSync(join(dirname(dir), `${dir.split('/').pop()}-outside.md`), 'outside\n');
	symlinkSync(join(dirname(dir), `${dir.split('/').pop()}-outside.md`), join(dir, 'Some folder', 'outside.md'));
	return dir;
}

/** Every entry under `dir` (hidden ones too) with its type, size and modification time. */
function snapshot(dir) {
	const out = [];
	const walk = (d, prefix) => {
		for (const name of readdirSync(d).sort()) {
			const stat = lstatSync(join(d, name));
			out.push(`${prefix}${name} ${stat.isDirectory() ? 'dir' : stat.isSymbolicLink() ? 'link' : 'file'} ${stat.isDirectory() ? '' : stat.size} ${stat.mtimeMs}`);
			if (stat.isDirectory()) walk(join(d, name), `${prefix}${name}/`);
		}
	};
	walk(dir, '');
	return out;
}

/** Vault paths the page fetched from the server (its /vault/ requests), decoded and sorted. */
function vaultRequests(page) {
	const paths = page.requests.filter((u) => new URL(u).pathname.startsWith('/vault/')).map((u) => decodeURIComponent(new URL(u).pathname.slice('/vault/'.length)));
	return [...new Set(paths)].sort();
}

describe('the preview of any vault (npm run demo -- path/to/vault)', () => {
	let vault;
	let before_;
	let preview;
	before(async () => {
		vault = await makeVault();
		before_ = snapshot(vault);
		preview = await startPreview({ vault, plugin: BUILD_DIR });
	});
	after(async () => {
		await preview?.close();
		if (vault) rmSync(vault, { recursive: true, force: true });
		if (vault) rmSync(`${vault}-outside.md`, { force: true });
	});

	test('the listing walks names only and leaves out hidden folders, node_modules and links out of the vault', (t) => {
		const start = performance.now();
		const files = listVault(vault);
		const ms = performance.now() - start;
		t.diagnostic(`listVault: ${files.length} files in ${ms.toFixed(1)} ms`);
		const archive = Array.from({ length: ARCHIVE_NOTES }, (_, i) => `Archivo/Apuntes ${String(i + 1).padStart(3, '0')}.md`);
		assert.deepEqual(files, [...archive, CONV_NOTE, LINKED_NOTE, 'Some folder/big photo.png', PICTURE]);
	});

	test('the server serves names with spaces and accents, and refuses hidden files, other files and paths out of the vault', async () => {
		const get = (path, init) => fetch(new URL(path, preview.url), init);
		const encoded = (path) => '/vault/' + path.split('/').map(encodeURIComponent).join('/');
		const picture = await get(encoded(PICTURE));
		assert.equal(picture.status, 200);
		assert.equal(picture.headers.get('content-type'), 'image/png');
		assert.deepEqual(Buffer.from(await picture.arrayBuffer()), readFileSync(join(vault, PICTURE)));
		assert.equal((await get(encoded(LINKED_NOTE))).status, 200);
		const listing = await (await get('/api/vault')).json();
		assert.equal(listing.name, vault.split('/').pop());
		assert.equal(listing.files.length, ARCHIVE_NOTES + 4);
		for (const path of ['/vault/.obsidian/app.json', '/vault/.git/HEAD', '/vault/node_modules/some-package/README.md', encoded('Some folder/outside.md'), '/vault/..%2F..%2Fetc%2Fpasswd', '/vault/Some%20folder/..%2F..%2F..%2Fpackage.json', '/plugin/package.json', '/plugin/..%2Fpackage.json']) {
			assert.equal((await get(path)).status, 404, path);
		}
		assert.equal((await get('/plugin/main.js')).status, 200);
		assert.equal((await get(encoded(CONV_NOTE), { method: 'POST', body: 'x' })).status, 405);
	});

	test('a note renders a live convolution of its linked picture, and its wiki-link leads to a live pooling widget', async () => {
		const page = await preview.newPage();
		await openPreview(page, preview.url, { path: CONV_NOTE });
		await waitRendered(page, CONV_NOTE);
		// Only the note and its picture were fetched: not the 300 other notes, not the 4 MB photo.
		assert.deepEqual(vaultRequests(page), [CONV_NOTE, PICTURE].sort());

		const nav = await page.locator('.nav-file-title').evaluateAll((links) => links.map((a) => a.getAttribute('data-path')));
		assert.equal(nav.length, ARCHIVE_NOTES + 2);
		assert.ok(nav.includes(CONV_NOTE) && nav.includes(LINKED_NOTE));
		assert.equal(await page.locator('.preview-brand').textContent(), `CNN Notes · preview of ${vault.split('/').pop()}`);
		assert.equal(await page.locator('.internal-embed img').evaluate((img) => img.naturalWidth), 8);

		const block = page.locator('.block-language-cnn-conv');
		await page.waitForFunction(() => {
			const el = document.querySelector('.block-language-cnn-conv');
			return el && !el.querySelector('.is-loading') && el.getAttribute('data-state') !== 'loading';
		});
		assert.equal(await block.locator('.cnn-notes-error').count(), 0, await block.textContent());
		const widget = block.locator('.cnn-notes.cnn-conv');
		const state = await block.evaluate((el) => el.getAttribute('data-state') ?? el.querySelector('.cnn-notes')?.getAttribute('data-state') ?? null);
		assert.equal(state, 'ready', `data-state ${state}`);
		const grids = await readGrids(widget);
		const input = grids.find((g) => g.role === 'input')?.cells;
		const output = grids.find((g) => g.role === 'output')?.cells;
		assert.deepEqual(input, GRAY, 'the picture, decoded from the vault, as the input grid');
		assert.deepEqual(output, conv2d(GRAY, KERNEL));
		assert.ok(output.flat().some((v) => v !== 0), 'the vertical edges of the block are found');
		await screenshot(page, 'any-vault/convolution');

		await page.locator('a.internal-link', { hasText: 'Clasificación' }).click();
		await waitRendered(page, LINKED_NOTE);
		const pool = page.locator('.block-language-cnn-pool .cnn-notes.cnn-pool');
		const pooled = (await readGrids(pool)).find((g) => g.role === 'output')?.cells;
		assert.deepEqual(pooled, [
			[6, 4],
			[7, 9],
		]);
		assert.equal(await page.locator('a.internal-link.is-unresolved').count(), 0);
		await screenshot(page, 'any-vault/linked-note');
		assert.deepEqual(vaultRequests(page), [CONV_NOTE, LINKED_NOTE, PICTURE].sort());
		assert.deepEqual(page.problems, []);
		await page.close();
	});

	test('npm run demo -- <vault> serves that vault; a missing or non-folder path is one line and exit 1', async () => {
		const demo = join(ROOT, 'scripts', 'demo.mjs');
		for (const [arg, expected] of [
			['no such vault', `${join(vault, 'no such vault')} does not exist`],
			[PICTURE, `${join(vault, PICTURE)} is not a folder`],
		]) {
			// As npm runs it: from the repository, with INIT_CWD the folder the command was typed in.
			const run = spawnSync(process.execPath, [demo, arg], { cwd: ROOT, env: { ...process.env, INIT_CWD: vault }, encoding: 'utf8' });
			assert.equal(run.status, 1);
			assert.equal(run.stdout, '');
			assert.equal(run.stderr.trim().split('\n').length, 1, run.stderr);
			assert.ok(run.stderr.includes(expected), run.stderr);
		}

		const child = spawn(process.execPath, [demo, vault], { cwd: ROOT, env: { ...process.env, PORT: '0' }, stdio: ['ignore', 'pipe', 'pipe'] });
		try {
			const url = await new Promise((resolve, reject) => {
				let out = '';
				child.stdout.on('data', (d) => {
					out += d;
					const m = /preview of .*: (http:\/\/127\.0\.0\.1:\d+\/)/.exec(out);
					if (m) resolve(m[1]);
				});
				child.on('exit', (code) => reject(new Error(`demo exited (${code}): ${out}`)));
			});
			const listing = await (await fetch(new URL('/api/vault', url))).json();
			assert.equal(listing.files.length, ARCHIVE_NOTES + 4);
			assert.equal((await fetch(new URL('/plugin/manifest.json', url))).status, 200);
		} finally {
			child.kill();
		}
	});

	test('nothing was written into the vault', async () => {
		await preview.close();
		preview = undefined;
		assert.deepEqual(snapshot(vault), before_);
	});
});
