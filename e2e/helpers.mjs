// Shared setup of the end-to-end tests: Debian's Chromium driven by playwright-core against the
// preview server, with every request, console error and page error recorded.
import assert from 'node:assert/strict';
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

/** The screens the layout checks run at: desktop, Obsidian's hover preview width, a phone (touch). */
export const SCREENS = {
	desktop: { viewport: { width: 1280, height: 900 } },
	popover: { viewport: { width: 450, height: 900 } },
	phone: { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true, deviceScaleFactor: 3 },
};

/**
 * Starts the preview server (of the example vault, or of `serverOptions.vault` with the plugin
 * from `serverOptions.plugin`, as startServer takes them) and a headless Chromium with a fresh
 * profile. `screen` sets the browser's `viewport` ({ width, height } in CSS px, default 1280x900),
 * `hasTouch`, `isMobile` (a phone's meta-viewport and user agent) and `deviceScaleFactor` (default 1),
 * as playwright's context options (SCREENS holds the three the layout checks use). Returns
 * { url, context, newPage, close }; pages from newPage() record `problems` (console errors, page
 * errors, failed requests, requests to any other host) and `requests`.
 */
export async function startPreview(serverOptions = {}, screen = {}) {
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
		viewport: screen.viewport ?? { width: 1280, height: 900 },
		deviceScaleFactor: screen.deviceScaleFactor ?? 1,
		hasTouch: screen.hasTouch ?? false,
		isMobile: screen.isMobile ?? false,
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
 * language and theme (and a note), on a `screen` as startPreview takes it (`touch: true`: the phone of
 * SCREENS at scale 1), close everything after. Returns { page, preview }, filled in
 * before the first test runs.
 */
export function usePreview({ language = 'en', theme = 'light', note, screen, touch = false } = {}) {
	const ctx = { page: undefined, preview: undefined };
	before(async () => {
		ctx.preview = await startPreview({}, screen ?? (touch ? { ...SCREENS.phone, deviceScaleFactor: 1 } : {}));
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

/** Saves a full-page screenshot (or, with fullPage false, what the viewport shows) under output/screenshots/<name>.png; returns the path. */
export async function screenshot(page, name, { fullPage = true } = {}) {
	const file = join(SCREENSHOT_DIR, `${name}.png`);
	mkdirSync(dirname(file), { recursive: true });
	await page.screenshot({ path: file, fullPage });
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

/**
 * Measures every element matching `selector` (on the page, or inside `within`, a selector) against
 * its column: the content box of the nearest `.markdown-preview-sizer`, the note's text column (in
 * the reading view or in a hover popover). Returns the elements that do not fit, each as
 * { index, path (the note, from the reading view's data-path or the popover's), cls, kind, width,
 * column }: kind 'box' when the element's border box reaches out of the column, 'content' when its
 * content is wider than its box (scrolled or clipped sideways), with `width` the wider of the two.
 * Elements not rendered (display: none) are left out.
 */
export async function widerThanColumn(page, selector, within) {
	return page.evaluate(
		([sel, root]) => {
			const scope = root ? document.querySelector(root) : document;
			if (!scope) return [];
			const out = [];
			Array.from(scope.querySelectorAll(sel)).forEach((el, index) => {
				const sizer = el.closest('.markdown-preview-sizer');
				if (!sizer || el.getClientRects().length === 0) return;
				const box = el.getBoundingClientRect();
				const s = sizer.getBoundingClientRect();
				const style = getComputedStyle(sizer);
				const left = s.left + parseFloat(style.paddingLeft);
				const right = s.right - parseFloat(style.paddingRight);
				const column = right - left;
				const contentWidth = el.scrollWidth - el.clientWidth > 1 ? box.width + (el.scrollWidth - el.clientWidth) : box.width;
				const view = el.closest('[data-path]');
				const base = { index, path: view?.getAttribute('data-path') ?? '', cls: String(el.className).split(/\s+/).slice(0, 3).join('.'), column: Math.round(column * 10) / 10 };
				if (box.left < left - 0.5 || box.right > right + 0.5) out.push({ ...base, kind: 'box', width: Math.round(box.width * 10) / 10 });
				else if (contentWidth > box.width + 1) out.push({ ...base, kind: 'content', width: Math.round(contentWidth * 10) / 10 });
			});
			return out;
		},
		[selector, within ?? null],
	);
}

/** The page's horizontal overflow: { scrollWidth, clientWidth, overflow } of the document (overflow = px scrollable sideways). */
export async function pageOverflow(page) {
	return page.evaluate(() => {
		const doc = document.documentElement;
		return { scrollWidth: doc.scrollWidth, clientWidth: doc.clientWidth, overflow: Math.max(0, doc.scrollWidth - doc.clientWidth) };
	});
}

/** One line per element of widerThanColumn's answer, for assertion messages and reports. */
export function describeOverflow(found) {
	return found.map((f) => `${f.path} #${f.index} ${f.cls}: ${f.kind} ${f.width} px > column ${f.column} px`).join('\n');
}

/**
 * Before the page loads (call it before openPreview), counts what the page holds alive: event
 * listeners (added and not removed, per target), observers (Intersection/Resize/Mutation, observing
 * and not disconnected), intervals (set and not cleared) and animation frames (requested, neither
 * run nor cancelled). Read them with liveResources. Page-side instrumentation for checks that a
 * component ended everything it started; the preview and the plugin do not know about it.
 */
export async function trackLiveResources(page) {
	await page.addInitScript(() => {
		const live = { listeners: new Map(), observers: new Set(), intervals: new Set(), frames: new Set() };
		window.__cnnLive = live;
		const capture = (opts) => (typeof opts === 'boolean' ? opts : Boolean(opts?.capture));
		const add = EventTarget.prototype.addEventListener;
		const remove = EventTarget.prototype.removeEventListener;
		EventTarget.prototype.addEventListener = function (type, cb, opts) {
			if (cb) {
				const list = live.listeners.get(this) ?? [];
				const c = capture(opts);
				if (!list.some((l) => l.type === type && l.cb === cb && l.capture === c)) list.push({ type, cb, capture: c });
				live.listeners.set(this, list);
			}
			return add.call(this, type, cb, opts);
		};
		EventTarget.prototype.removeEventListener = function (type, cb, opts) {
			const list = live.listeners.get(this);
			if (list) {
				const c = capture(opts);
				const i = list.findIndex((l) => l.type === type && l.cb === cb && l.capture === c);
				if (i >= 0) list.splice(i, 1);
				if (list.length === 0) live.listeners.delete(this);
			}
			return remove.call(this, type, cb, opts);
		};
		for (const name of ['IntersectionObserver', 'ResizeObserver', 'MutationObserver']) {
			const Base = window[name];
			if (!Base) continue;
			window[name] = class extends Base {
				observe(...args) {
					live.observers.add(this);
					return super.observe(...args);
				}
				disconnect() {
					live.observers.delete(this);
					return super.disconnect();
				}
			};
		}
		const setI = window.setInterval;
		const clearI = window.clearInterval;
		window.setInterval = function (...args) {
			const id = setI.apply(this, args);
			live.intervals.add(id);
			return id;
		};
		window.clearInterval = function (id) {
			live.intervals.delete(id);
			return clearI.call(this, id);
		};
		const raf = window.requestAnimationFrame;
		const caf = window.cancelAnimationFrame;
		window.requestAnimationFrame = function (cb) {
			const id = raf.call(this, (t) => {
				live.frames.delete(id);
				cb(t);
			});
			live.frames.add(id);
			return id;
		};
		window.cancelAnimationFrame = function (id) {
			live.frames.delete(id);
			return caf.call(this, id);
		};
	});
}

/**
 * What trackLiveResources counted as alive now: { windowListeners, documentListeners, observers,
 * intervals, frames, listenersIn } where listenersIn counts the listeners on the nodes of the
 * WeakSet `window[nodesKey]` (for example the nodes a popover had before it closed).
 */
export async function liveResources(page, nodesKey) {
	return page.evaluate((key) => {
		const live = window.__cnnLive;
		if (!live) throw new Error('call trackLiveResources before the page loads');
		const nodes = key ? window[key] : null;
		let listenersIn = 0;
		for (const [target, list] of live.listeners) if (nodes?.has(target)) listenersIn += list.length;
		return {
			windowListeners: live.listeners.get(window)?.length ?? 0,
			documentListeners: live.listeners.get(document)?.length ?? 0,
			observers: live.observers.size,
			intervals: live.intervals.size,
			frames: live.frames.size,
			listenersIn,
		};
	}, nodesKey ?? null);
}

/** Draws stroke paths (pad units, 0..1) on a pad canvas with real mouse events. */
export async function drawStrokes(page, canvas, strokes) {
	await canvas.scrollIntoViewIfNeeded();
	const box = await canvas.boundingBox();
	for (const stroke of strokes) {
		const point = (i) => [box.x + stroke[i] * box.width, box.y + stroke[i + 1] * box.height];
		await page.mouse.move(...point(0));
		await page.mouse.down();
		for (let i = 2; i < stroke.length; i += 2) await page.mouse.move(...point(i), { steps: 2 });
		await page.mouse.up();
	}
}

/** Asserts a widget (a locator) fits its column (the block's element), its content fits it, and it ends inside the window. */
export async function assertWidgetFits(widget, where) {
	const w = await widget.evaluate((el) => {
		const column = el.parentElement.getBoundingClientRect();
		const box = el.getBoundingClientRect();
		return { widget: box.width, column: column.width, right: box.right, columnRight: column.right, overflow: el.scrollWidth - el.clientWidth, offScreen: box.right - window.innerWidth };
	});
	assert.ok(w.widget <= w.column + 0.5 && w.right <= w.columnRight + 0.5, `${where}: widget ${w.widget} px wide in a ${w.column} px column`);
	assert.ok(w.overflow <= 0, `${where}: the widget's content overflows it by ${w.overflow} px`);
	assert.ok(w.offScreen <= 0, `${where}: the widget ends ${w.offScreen} px past the window's right edge`);
}
