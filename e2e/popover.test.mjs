// Hover previews in the preview (preview/src/hover-popover.ts), in real Chromium on the real build:
// hovering [[Pooling]] opens Obsidian's 450 px popover holding the live Pooling note, whose widgets
// work there, start when scrolled near inside the popover, and end everything when it closes.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
	describeOverflow, liveResources, openNote, openPreview, screenshot, startPreview, trackLiveResources, widerThanColumn,
} from './helpers.mjs';

const NOTE = 'en/Fully connected layers.md'; // [[Pooling]] in its first paragraph
const POPOVER = '.popover.hover-popover';
const BLOCKS = `${POPOVER} [class*="block-language-cnn-"]`;

/** Hovers the note's [[Pooling]] link and waits until the popover's note has rendered and its first pooling widget is ready. */
async function hoverPooling(page, theme = 'light') {
	const link = page.locator('.preview-content a.internal-link[data-href="Pooling"]').first();
	await link.scrollIntoViewIfNeeded();
	await page.mouse.move(5, 890); // in from elsewhere, as a pointer comes to a link
	await link.hover();
	await page.locator(`${POPOVER} .markdown-preview-view[data-state="ready"]`).waitFor();
	const block = page.locator(`${POPOVER} .block-language-cnn-pool`).first();
	await page.waitForFunction((el) => el.getAttribute('data-state') === 'ready', await block.elementHandle());
	await screenshot(page, `popover/pooling-${theme}`, { fullPage: false });
	return block;
}

/** The popover's block components, remembered page-side (with its nodes) so their state can be read after it closed. */
async function rememberPopover(page) {
	return page.evaluate(() => {
		const shown = window.cnnPreview.popovers.current;
		window.__popoverSections = shown.view.blockSections().slice();
		window.__popoverNodes = new WeakSet([shown.el, ...shown.el.querySelectorAll('*')]);
		return window.__popoverSections.map((s) => s._loaded);
	});
}

const sectionsLoaded = (page) => page.evaluate(() => window.__popoverSections.map((s) => s._loaded));

describe('hover previews in the preview', () => {
	let preview;
	let page;
	before(async () => {
		preview = await startPreview();
		page = await preview.newPage();
		await trackLiveResources(page);
		await openPreview(page, preview.url, { language: 'en', theme: 'light', path: NOTE });
	});
	after(async () => {
		await preview?.close();
	});

	test('hovering [[Pooling]] opens a ~450 px popover, inside the viewport, holding a live pooling widget', async () => {
		const block = await hoverPooling(page);
		const box = await page.locator(POPOVER).evaluate((el) => {
			const r = el.getBoundingClientRect();
			return { left: r.left, right: r.right, top: r.top, bottom: r.bottom, width: r.width, vw: document.documentElement.clientWidth, vh: document.documentElement.clientHeight };
		});
		assert.ok(Math.abs(box.width - 450) <= 2, `popover width ${box.width}`);
		assert.ok(box.left >= 0 && box.top >= 0 && box.right <= box.vw && box.bottom <= box.vh, `popover ${JSON.stringify(box)} out of the viewport`);
		assert.equal(await page.locator(POPOVER).count(), 1);
		assert.equal(await page.locator(POPOVER).getAttribute('data-path'), 'en/Pooling.md');

		// The widget works in the popover: hovering an output cell explains it.
		await block.locator('.cnn-grid[data-role="output"] .cnn-cell[data-row="0"][data-col="0"]').hover();
		assert.equal(await block.locator('.cnn-explain-sum').textContent(), 'max(1, 3, 5, 6) = 6');
		assert.equal(await block.locator('.cnn-grid[data-role="input"] .cnn-cell.is-winner').count(), 1);
		await screenshot(page, 'popover/pooling-explained-light', { fullPage: false });
		const tooWide = await widerThanColumn(page, BLOCKS, POPOVER);
		assert.deepEqual(tooWide, [], `blocks wider than the popover's column:\n${describeOverflow(tooWide)}`);
		assert.deepEqual(page.problems, []);
	});

	test('blocks further down the popover wait until they are scrolled near inside it, then start', async () => {
		const last = page.locator(BLOCKS).last();
		assert.equal(await last.getAttribute('data-state'), 'loading'); // thousands of px below the popover's 400 px view
		const pageScroll = await page.evaluate(() => window.scrollY);
		await page.locator(`${POPOVER} .markdown-embed-content`).evaluate((el) => {
			el.scrollTop = el.scrollHeight;
		});
		await page.waitForFunction((el) => ['ready', 'error'].includes(el.getAttribute('data-state')), await last.elementHandle(), { timeout: 60000 });
		assert.equal(await last.getAttribute('data-state'), 'ready');
		assert.equal(await page.evaluate(() => window.scrollY), pageScroll, 'scrolling the popover does not scroll the page');
	});

	test('leaving link and popover closes it and unloads its widgets: no listener, observer, interval, frame or vault handler left', async () => {
		await page.mouse.move(5, 890); // away from link and popover
		await page.locator(POPOVER).waitFor({ state: 'detached' });
		const baseline = await liveResources(page);
		const vaultHandlers = () => page.evaluate(() => ['modify', 'rename', 'delete', 'create'].map((n) => window.cnnPreview.app.vault.listenerCount(n)));
		const vaultBefore = await vaultHandlers();

		await hoverPooling(page);
		const loadedWhileOpen = await rememberPopover(page);
		assert.ok(loadedWhileOpen.length > 0 && loadedWhileOpen.every(Boolean), `block sections while open: ${loadedWhileOpen}`);
		const open = await liveResources(page, '__popoverNodes');
		// The instrumentation sees the widgets: listeners on their elements and their observers.
		assert.ok(open.listenersIn > 0, `listeners on the popover's nodes while open: ${open.listenersIn}`);
		assert.ok(open.observers > baseline.observers, `observers while open ${open.observers}, before ${baseline.observers}`);
		const vaultOpen = await vaultHandlers();

		await page.mouse.move(5, 890);
		await page.locator(POPOVER).waitFor({ state: 'detached' });
		await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
		const closed = await liveResources(page, '__popoverNodes');
		assert.deepEqual(await sectionsLoaded(page), loadedWhileOpen.map(() => false));
		assert.equal(await page.locator('.cnn-notes.cnn-pool').count(), await page.locator('.preview-content .cnn-notes.cnn-pool').count());
		assert.deepEqual(closed, { ...baseline, listenersIn: 0 }, `after closing (while open: ${JSON.stringify(open)}, vault handlers ${vaultOpen})`);
		assert.deepEqual(await vaultHandlers(), vaultBefore);
		assert.deepEqual(page.problems, []);
	});

	test('Escape closes the popover, and so does a press elsewhere; both unload its blocks', async () => {
		await hoverPooling(page);
		await rememberPopover(page);
		await page.keyboard.press('Escape');
		await page.locator(POPOVER).waitFor({ state: 'detached' });
		assert.ok((await sectionsLoaded(page)).every((loaded) => !loaded));

		await hoverPooling(page);
		await rememberPopover(page);
		await page.mouse.click(1200, 120); // a press on the page beside the note
		await page.locator(POPOVER).waitFor({ state: 'detached' });
		assert.ok((await sectionsLoaded(page)).every((loaded) => !loaded));
		assert.deepEqual(page.problems, []);
	});

	test('a [[Note#Heading]] link previews the note scrolled to the heading', async () => {
		await openNote(page, 'en/Convolutional neural networks.md');
		const link = page.locator('.preview-content a.internal-link[data-href="Convolution#Preset kernels"]');
		await link.scrollIntoViewIfNeeded();
		await link.hover();
		await page.locator(`${POPOVER} .markdown-preview-view[data-state="ready"]`).waitFor();
		const where = await page.locator(POPOVER).evaluate((el) => {
			const scroller = el.querySelector('.markdown-embed-content');
			const heading = Array.from(el.querySelectorAll('h2, h3')).find((h) => h.textContent.trim() === 'Preset kernels');
			return { scrollTop: scroller.scrollTop, offset: heading.getBoundingClientRect().top - scroller.getBoundingClientRect().top, height: scroller.clientHeight };
		});
		assert.ok(where.scrollTop > 0, `the popover did not scroll (${JSON.stringify(where)})`);
		assert.ok(where.offset >= 0 && where.offset < where.height / 2, `the heading is not at the top of the popover (${JSON.stringify(where)})`);
		await screenshot(page, 'popover/heading-light', { fullPage: false });
		await page.keyboard.press('Escape');
		assert.deepEqual(page.problems, []);
	});

	test('the popover in the dark theme stays open while the pointer is over it; opening another note closes it', async () => {
		await page.evaluate(() => window.cnnPreview.setTheme('dark'));
		await openNote(page, 'en/ReLU.md');
		await hoverPooling(page, 'dark');
		await page.locator(`${POPOVER} .inline-title`).hover(); // over the popover: it stays open
		assert.equal(await page.locator(POPOVER).count(), 1);
		await page.evaluate(() => window.cnnPreview.setTheme('light'));
		await page.evaluate(() => window.cnnPreview.open('en/Pooling.md'));
		await page.locator(POPOVER).waitFor({ state: 'detached' });
		assert.deepEqual(page.problems, []);
	});
});
