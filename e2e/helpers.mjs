// Shared setup of the end-to-end tests: Debian's Chromium driven by playwright-core against the
// preview server, with every request, console error and page error recorded.
import { after, before } from 'node:test';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { VAULT_DIR, listVault, startServer } from '../preview/server.mjs';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const SCREENSHOT_DIR = join(ROOT, 'output', 'screenshots');

/** Chromium's path: CHROME_PATH, else /usr/bin/chromium; throws a how-to-install message when absent. */
export function chromiumPath() {
	const candidates = process.env.CHROME_PATH ? [process.env.CHROME_PATH] : ['/usr/bin/chromium', '/usr/bin/chromium-browser'];
	const found = candidates.find((p) => existsSync(p));
	if (!found) {
		throw new Error(
			`No Chromium for the end-to-end tests (looked at ${candidates.join(', ')}). ` +
				'Install Debian\'s: `apt-get install -y chromium` (or set CHROME_PATH to a Chromium/Chrome binary).',
		);
	}
	return found;
}

/** The vault's notes (vault paths), Start here first. */
export function notes() {
	return listVault().filter((p) => p.endsWith('.md'));
}

/** A note's text from disk. */
export function noteText(path) {
	return readFileSync(join(VAULT_DIR, path), 'utf8');
}

/** The fenced blocks of `language` in a note's text, as their source strings, in order. */
export function blocksOf(text, language) {
	const out = [];
	const re = new RegExp('^```' + language + '\\s*\\n([\\s\\S]*?)^```', 'gm');
	for (let m = re.exec(text); m; m = re.exec(text)) out.push(m[1]);
	return out;
}

/**
 * Starts the preview server (of the example vault, or of `serverOptions.vault` with the plugin
 * from `serverOptions.plugin`, as startServer takes them) and a headless Chromium with a fresh
 * profile. Returns { url, context, newPage, close }; pages from newPage() record `problems`
 * (console errors, page errors, failed requests, requests to any other host) and `requests`.
 * `{ touch: true }` as the second argument emulates a phone: 390x844, touch, a mobile viewport
 * (`pointer: coarse` matches), as Obsidian mobile is on a small phone.
 */
export async function startPreview(serverOptions = {}, { touch = false } = {}) {
	const executablePath = chromiumPath();
	const { url, close: closeServer } = await startServer({ ...serverOptions, port: 0 });
	const origin = new URL(url).origin;
	const userDataDir = mkdtempSync(join(tmpdir(), 'cnn-notes-e2e-'));
	const context = await chromium.launchPersistentContext(userDataDir, {
		executablePath,
		headless: true,
		args: [
			'--headless',
			'--no-sandbox',
			'--disable-gpu',
			'--disable-background-networking',
			'--disable-component-update',
			'--no-first-run',
			'--disable-sync',
		],
		viewport: touch ? { width: 390, height: 844 } : { width: 1280, height: 900 },
		deviceScaleFactor: 1,
		...(touch ? { hasTouch: true, isMobile: true } : {}),
	});

	const newPage = async () => {
		const page = await context.newPage();
		page.problems = [];
		page.requests = [];
		page.on('console', (msg) => {
			if (msg.type() === 'error') page.problems.push(`console error: ${msg.text()}`);
		});
		page.on('pageerror', (err) => page.problems.push(`page error: ${err.message}`));
		page.on('request', (req) => {
			page.requests.push(req.url());
			const u = new URL(req.url());
			const sameOrigin = u.origin === origin || (u.protocol === 'blob:' && u.href.startsWith(`blob:${origin}/`));
			if (!sameOrigin && u.protocol !== 'data:') page.problems.push(`request to another host: ${req.url()}`);
		});
		page.on('requestfailed', (req) => page.problems.push(`request failed: ${req.url()} ${req.failure()?.errorText ?? ''}`));
		page.on('response', (res) => {
			if (res.status() >= 400) page.problems.push(`HTTP ${res.status()}: ${res.url()}`);
		});
		return page;
	};

	const close = async () => {
		await context.close().catch(() => {});
		await closeServer();
		rmSync(userDataDir, { recursive: true, force: true });
	};
	return { url, origin, context, newPage, close };
}

/**
 * Registers before/after hooks in the current describe: start the preview, open a page with a
 * language and theme (and a note; `touch: true` for a phone, see startPreview), close everything after. Returns { page, preview }, filled in
 * before the first test runs.
 */
export function usePreview({ language = 'en', theme = 'light', note, touch = false } = {}) {
	const ctx = { page: undefined, preview: undefined };
	before(async () => {
		ctx.preview = await startPreview({}, { touch });
		ctx.page = await ctx.preview.newPage();
		await openPreview(ctx.page, ctx.preview.url, { language, theme });
		if (note) await openNote(ctx.page, note);
	});
	after(async () => {
		await ctx.preview?.close();
	});
	return ctx;
}

/** Loads the preview at `url` with a language and theme, waits until the first note rendered. */
export async function openPreview(page, url, { language = 'en', theme = 'light', path } = {}) {
	const hash = path ? '#/' + path.split('/').map(encodeURIComponent).join('/') : '';
	await page.goto(`${url}?language=${language}&theme=${theme}${hash}`);
	await page.waitForFunction(() => document.body.dataset.previewReady !== undefined, null, { timeout: 30000 });
	const state = await page.evaluate(() => document.body.dataset.previewReady);
	if (state !== 'true') throw new Error(`preview failed to start: ${page.problems.join('; ')}`);
}

/** Opens a note through the page's API (as a click on a link would) and waits for its blocks. */
export async function openNote(page, path, heading) {
	await page.evaluate(([p, h]) => window.cnnPreview.open(p, h), [path, heading]);
	await waitRendered(page, path);
}

/** Waits until the reading view shows `path` fully rendered, its pictures loaded (or failed). */
export async function waitRendered(page, path) {
	await page.waitForFunction(
		(p) => {
			const view = document.querySelector('.markdown-preview-view');
			if (!view || view.getAttribute('data-state') !== 'ready' || view.getAttribute('data-path') !== p) return false;
			return Array.from(view.querySelectorAll('img')).every((img) => img.complete);
		},
		path,
		{ timeout: 30000 },
	);
}

/**
 * Scrolls a CNN block (a locator of its `.block-language-…` element) into view, as a reader would,
 * and waits until it has loaded: `data-state` ready or error. Blocks far from the screen wait, showing
 * a loading line, until they are scrolled near it.
 */
export async function showBlock(block, timeout = 60000) {
	await block.scrollIntoViewIfNeeded();
	await block.page().waitForFunction((el) => ['ready', 'error'].includes(el.getAttribute('data-state')), await block.elementHandle(), { timeout });
}

/**
 * Scrolls down the note shown block by block (showBlock on each CNN block, top to bottom), as a
 * reader going through it would; with `until` (a locator), stops as soon as it matches something.
 */
export async function scrollThroughBlocks(page, until) {
	const blocks = page.locator('.markdown-preview-view [class*="block-language-cnn-"]');
	const count = await blocks.count();
	for (let i = 0; i < count; i++) {
		if (until && (await until.count()) > 0) return;
		await showBlock(blocks.nth(i));
	}
}

/** Saves a full-page screenshot under output/screenshots/<name>.png; returns the path. */
export async function screenshot(page, name) {
	const file = join(SCREENSHOT_DIR, `${name}.png`);
	mkdirSync(dirname(file), { recursive: true });
	await page.screenshot({ path: file, fullPage: true });
	return file;
}

/** Saves a screenshot of one widget (a locator) under output/screenshots/widgets/<name>.png. */
export async function shootWidget(locator, name) {
	const file = join(SCREENSHOT_DIR, 'widgets', `${name}.png`);
	mkdirSync(dirname(file), { recursive: true });
	await locator.screenshot({ path: file });
}

/** Reads every `.cnn-grid` of `root` as { role, cells: number[][] } via data-row/col/value (padding ghost cells left out). */
export async function readGrids(locator) {
	return locator.evaluate((root) =>
		Array.from(root.querySelectorAll('.cnn-grid')).map((grid) => {
			const cells = [];
			for (const cell of Array.from(grid.querySelectorAll('.cnn-cell:not(.is-padding)'))) {
				const r = Number(cell.getAttribute('data-row'));
				const c = Number(cell.getAttribute('data-col'));
				(cells[r] ??= [])[c] = Number(cell.getAttribute('data-value'));
			}
			return { role: grid.getAttribute('data-role'), cells };
		}),
	);
}
