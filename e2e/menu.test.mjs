// The widget menu in real Chromium on the real build: open a widget's menu, "Copy as image" (the
// clipboard holds a PNG of the widget's figures: read back and decoded), "Save as image to vault"
// (a PNG file in the preview's vault, linked in a notice), and the print styles (emulated print
// media at 1280 px in the light and dark themes, and a PDF of the note).
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { SCREENSHOT_DIR, openNote, screenshot, scrollThroughBlocks, shootWidget, showBlock, usePreview } from './helpers.mjs';

/** Width and height of a PNG from its IHDR chunk; throws when the bytes are not a PNG. */
function pngSize(bytes) {
	const signature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
	assert.deepEqual(Array.from(bytes.subarray(0, 8)), signature, 'not a PNG');
	const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	return { width: view.getUint32(16), height: view.getUint32(20) };
}

describe('the widget menu in Chromium', () => {
	const ctx = usePreview({ language: 'en', theme: 'light', note: 'en/Convolution.md' });
	const block = () => ctx.page.locator('.block-language-cnn-conv').first();

	test('the menu opens from its button with the three items, by mouse and by keyboard', async () => {
		await showBlock(block());
		const button = block().locator('[data-action="menu"]');
		assert.equal(await button.getAttribute('aria-label'), 'Widget menu');
		await button.click();
		const items = ctx.page.locator('.menu .menu-item-title [data-action]');
		assert.deepEqual(await items.evaluateAll((els) => els.map((e) => e.getAttribute('data-action'))), ['copy-block', 'copy-image', 'save-image']);
		// Under the button, inside the window.
		const [b, m] = await Promise.all([button.boundingBox(), ctx.page.locator('.menu').boundingBox()]);
		assert.ok(m && b && m.y >= b.y + b.height - 1 && m.x + m.width <= 1280, `menu at ${JSON.stringify(m)}, button ${JSON.stringify(b)}`);
		await screenshot(ctx.page, 'menu-open-light', { fullPage: false });
		await ctx.page.keyboard.press('Escape');
		assert.equal(await ctx.page.locator('.menu').count(), 0);
		await button.focus();
		await ctx.page.keyboard.press('Enter');
		assert.equal(await ctx.page.locator('.menu').count(), 1);
		await ctx.page.keyboard.press('Escape');
	});

	test('"Copy block" puts the block\'s fenced text on the clipboard', async () => {
		await ctx.preview.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: ctx.preview.origin });
		await block().locator('[data-action="menu"]').click();
		await ctx.page.locator('.menu [data-action="copy-block"]').click();
		await ctx.page.locator('.notice', { hasText: 'Copied' }).first().waitFor();
		const text = await ctx.page.evaluate(() => navigator.clipboard.readText());
		assert.match(text, /^```cnn-conv\n[\s\S]*\n```$/);
		assert.ok(text.includes('kernel:'), text);
	});

	test('"Copy as image" puts a PNG of the widget on the clipboard, at 2 device pixels per CSS pixel', async () => {
		await ctx.preview.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: ctx.preview.origin });
		await block().locator('[data-action="menu"]').click();
		// Timed in the page: from the click on the item to the notice (the PNG made and written).
		await ctx.page.evaluate(() => {
			window.__longTasks = [];
			new PerformanceObserver((list) => window.__longTasks.push(...list.getEntries().map((e) => Math.round(e.duration)))).observe({ type: 'longtask' });
			window.__copyTimes = {};
			document.addEventListener('click', () => (window.__copyTimes.click ??= performance.now()), { capture: true, once: true });
			new MutationObserver((_, observer) => {
				if (Array.from(document.querySelectorAll('.notice')).some((n) => n.textContent === 'Image copied')) {
					window.__copyTimes.notice = performance.now();
					observer.disconnect();
				}
			}).observe(document.body, { childList: true, subtree: true, characterData: true });
		});
		await ctx.page.locator('.menu [data-action="copy-image"]').click();
		await ctx.page.locator('.notice', { hasText: 'Image copied' }).first().waitFor();
		const took = await ctx.page.evaluate(() => Math.round(window.__copyTimes.notice - window.__copyTimes.click));
		const longTasks = await ctx.page.evaluate(() => window.__longTasks);
		const read = await ctx.page.evaluate(async () => {
			const items = await navigator.clipboard.read();
			const item = items.find((i) => i.types.includes('image/png'));
			if (!item) return null;
			const blob = await item.getType('image/png');
			return Array.from(new Uint8Array(await blob.arrayBuffer()));
		});
		assert.ok(read && read.length > 0, 'no image/png on the clipboard');
		const bytes = Uint8Array.from(read);
		const size = pngSize(bytes);
		const widget = await block().locator('.cnn-notes').boundingBox();
		// Cropped to the figures: no wider than the widget (+ margins), and at scale 2 more than its half.
		assert.ok(size.width <= (widget.width + 24) * 2 + 2 && size.width > widget.width, `png ${size.width}x${size.height}, widget ${widget.width}x${widget.height}`);
		const file = join(SCREENSHOT_DIR, 'menu-copied-image.png');
		mkdirSync(SCREENSHOT_DIR, { recursive: true });
		writeFileSync(file, bytes);
		console.log(`copy as image: ${size.width}x${size.height} px, ${bytes.length} bytes, ${took} ms from click to notice, main-thread tasks over 50 ms: ${JSON.stringify(longTasks)}`);
		// What it drew: the cells' values (the canvas' pixels are not text, so check colours differ from the background).
		const distinct = await ctx.page.evaluate(async (arr) => {
			const blob = new Blob([new Uint8Array(arr)], { type: 'image/png' });
			const bitmap = await createImageBitmap(blob);
			const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
			const c = canvas.getContext('2d');
			c.drawImage(bitmap, 0, 0);
			const data = c.getImageData(0, 0, bitmap.width, bitmap.height).data;
			const colours = new Set();
			for (let i = 0; i < data.length; i += 4 * 97) colours.add(`${data[i]},${data[i + 1]},${data[i + 2]}`);
			return colours.size;
		}, read);
		assert.ok(distinct > 10, `only ${distinct} colours in the picture`);
		assert.deepEqual(ctx.page.problems, []);
	});

	test('"Save as image to vault" writes a PNG into the vault and links it in a notice', async () => {
		await block().locator('[data-action="menu"]').click();
		await ctx.page.locator('.menu [data-action="save-image"]').click();
		const notice = ctx.page.locator('.notice', { hasText: 'Saved as' }).first();
		await notice.waitFor();
		const path = await notice.locator('a.internal-link').getAttribute('data-href');
		assert.match(path, /Convolution - conv 1\.png$/);
		const saved = await ctx.page.evaluate(async (p) => {
			const { app } = window.cnnPreview;
			const file = app.vault.getFileByPath(p);
			if (!file) return null;
			return Array.from(new Uint8Array(await app.vault.readBinary(file)).subarray(0, 24));
		}, path);
		assert.ok(saved, `no file at ${path}`);
		assert.ok(pngSize(Uint8Array.from(saved)).width > 0);
		// A second save never overwrites: the next number.
		await block().locator('[data-action="menu"]').click();
		await ctx.page.locator('.menu [data-action="save-image"]').click();
		await ctx.page.locator('.notice a.internal-link', { hasText: 'conv 2.png' }).first().waitFor();
		assert.deepEqual(ctx.page.problems, []);
	});
});

/**
 * Saves a widget (the first of `language`, or the block `locator`) through its menu; returns the PNG's
 * bytes read back from the vault, the ms from click to notice and the main-thread tasks over 50 ms meanwhile.
 */
async function saveThroughMenu(page, language, locator) {
	const block = locator ?? page.locator(`.block-language-${language}`).first();
	if (locator) await scrollThroughBlocks(page, locator);
	await showBlock(block);
	await page.evaluate(() => {
		window.__longTasks = [];
		new PerformanceObserver((list) => window.__longTasks.push(...list.getEntries().map((e) => Math.round(e.duration)))).observe({ type: 'longtask' });
	});
	await page.waitForFunction((el) => el.getAttribute('data-state') === 'ready', await block.elementHandle(), { timeout: 60000 });
	const before = await page.locator('.notice a.internal-link').count();
	await block.locator('[data-action="menu"]').click();
	const started = Date.now();
	await page.locator('.menu [data-action="save-image"]').click();
	await page.waitForFunction((n) => document.querySelectorAll('.notice a.internal-link').length > n, before, { timeout: 30000 });
	const took = Date.now() - started;
	const longTasks = await page.evaluate(() => window.__longTasks);
	const path = await page.locator('.notice a.internal-link').last().getAttribute('data-href');
	const bytes = await page.evaluate(async (p) => {
		const { app } = window.cnnPreview;
		const file = app.vault.getFileByPath(p);
		return file ? Array.from(new Uint8Array(await app.vault.readBinary(file))) : [];
	}, path);
	return { path, bytes: Uint8Array.from(bytes), took, longTasks };
}

describe('pictures of every widget kind, dark theme', () => {
	const ctx = usePreview({ language: 'es', theme: 'dark', note: 'es/Pooling.md' });

	test('pool and classify widgets save their figures as PNGs (notices in Spanish)', async () => {
		const pool = await saveThroughMenu(ctx.page, 'cnn-pool');
		assert.match(pool.path, /Pooling - pool 1\.png$/);
		writeFileSync(join(SCREENSHOT_DIR, 'menu-image-pool-dark.png'), pool.bytes);
		assert.ok(await ctx.page.locator('.notice', { hasText: 'Guardada como' }).count() > 0);
		await openNote(ctx.page, 'es/Clasificación.md');
		const classify = await saveThroughMenu(ctx.page, 'cnn-classify');
		writeFileSync(join(SCREENSHOT_DIR, 'menu-image-classify-dark.png'), classify.bytes);
		await openNote(ctx.page, 'es/Convolución.md');
		const pictureBlock = ctx.page.locator('.block-language-cnn-conv').filter({ has: ctx.page.locator('.cnn-fmap-canvas') }).first();
		const picture = await saveThroughMenu(ctx.page, 'cnn-conv', pictureBlock);
		writeFileSync(join(SCREENSHOT_DIR, 'menu-image-conv-picture-dark.png'), picture.bytes);
		const sizes = [pool, classify, picture].map((s) => ({ ...pngSize(s.bytes), ms: s.took, bytes: s.bytes.length, longTasks: s.longTasks }));
		console.log(`saved pictures (pool, classify, conv of a picture): ${JSON.stringify(sizes)}`);
		assert.ok(sizes.every((s) => s.width > 0 && s.height > 0));
		assert.deepEqual(ctx.page.problems, []);
	});
});

describe('printing a note (Export to PDF)', () => {
	for (const theme of ['light', 'dark']) {
		const ctx = usePreview({ language: 'en', theme, note: 'en/Convolution.md' });

		test(`${theme}: print media hides the controls and keeps the figures`, async () => {
			const page = ctx.page;
			await scrollThroughBlocks(page);
			const canvasSizes = () => page.evaluate(() => Array.from(document.querySelectorAll('.cnn-fmap-canvas'), (c) => {
				const r = c.getBoundingClientRect();
				return `${Math.round(r.width)}x${Math.round(r.height)}`;
			}));
			const onScreen = await canvasSizes();
			await page.emulateMedia({ media: 'print' });
			// The feature maps print at the sizes they have on screen.
			assert.deepEqual(await canvasSizes(), onScreen);
			const shown = await page.evaluate(() => {
				const visible = (sel) => Array.from(document.querySelectorAll(sel)).filter((el) => el.getClientRects().length > 0).length;
				return {
					menus: visible('.cnn-menu-button'),
					players: visible('.cnn-player'),
					grids: visible('.cnn-grid'),
					canvases: Array.from(document.querySelectorAll('.cnn-fmap-canvas')).filter((c) => c.getBoundingClientRect().width > 0).length,
					sticky: Array.from(document.querySelectorAll('.cnn-explain')).filter((el) => getComputedStyle(el).position === 'sticky').length,
					adjust: getComputedStyle(document.querySelector('.cnn-notes')).printColorAdjust,
				};
			});
			assert.equal(shown.menus, 0);
			assert.equal(shown.players, 0);
			assert.equal(shown.sticky, 0);
			assert.ok(shown.grids > 0 && shown.canvases > 0, JSON.stringify(shown));
			assert.equal(shown.adjust, 'exact');
			await screenshot(page, `menu-print-${theme}`);
			await page.locator('.block-language-cnn-conv').first().scrollIntoViewIfNeeded();
			await screenshot(page, `menu-print-${theme}-first-widget`, { fullPage: false });
			if (theme === 'light') {
				const pdf = await page.pdf({ format: 'A4', printBackground: true });
				const file = join(SCREENSHOT_DIR, 'menu-print-convolution.pdf');
				writeFileSync(file, pdf);
				assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
				console.log(`pdf: ${pdf.length} bytes`);
			}
			await page.emulateMedia({ media: 'screen' });
			// The classification note: its feature maps and sample digits (canvases in buttons) print; its control buttons do not.
			await openNote(page, 'en/Classification.md');
			await scrollThroughBlocks(page);
			await page.locator('.cnn-classify-map-canvas').first().waitFor({ timeout: 60000 });
			await page.emulateMedia({ media: 'print' });
			const classify = await page.evaluate(() => {
				const visible = (sel) => Array.from(document.querySelectorAll(sel)).filter((el) => el.getBoundingClientRect().width > 0).length;
				return {
					maps: visible('.cnn-classify-map-canvas'),
					samples: visible('.cnn-classify-sample canvas'),
					sampleButtons: document.querySelectorAll('.cnn-classify-sample').length,
					controls: visible('.cnn-notes button:not(.cnn-classify-map):not(.cnn-classify-sample)'),
					saveBars: visible('.cnn-save-bar'),
				};
			});
			await screenshot(page, `menu-print-${theme}-classify`);
			await page.emulateMedia({ media: 'screen' });
			assert.ok(classify.maps > 0, JSON.stringify(classify));
			assert.ok(classify.sampleButtons === 0 || classify.samples > 0, JSON.stringify(classify));
			assert.equal(classify.controls, 0, JSON.stringify(classify));
			assert.equal(classify.saveBars, 0, JSON.stringify(classify));
			assert.deepEqual(page.problems, []);
		});
	}
});

describe('the largest widget of the example vault', () => {
	const ctx = usePreview({ language: 'en', theme: 'light', note: 'en/Convolution.md' });

	test('its picture: the canvas stays within 8192 px a side and 16 M pixels; the encode time at that size and at the limit', async () => {
		const page = ctx.page;
		const notes = ['Artificial neural networks', 'Classification', 'Convolution', 'Convolutional neural networks', 'Fully connected layers', 'Pooling', 'ReLU'];
		let largest = { note: '', index: -1, area: 0, w: 0, h: 0 };
		for (const note of notes) {
			await openNote(page, `en/${note}.md`);
			await scrollThroughBlocks(page);
			const sizes = await page.evaluate(() => Array.from(document.querySelectorAll('.markdown-preview-view [class*="block-language-cnn-"]'), (b) => {
				const r = b.querySelector('.cnn-notes')?.getBoundingClientRect();
				return r ? [r.width, r.height] : [0, 0];
			}));
			sizes.forEach(([w, h], index) => {
				if (w * h > largest.area) largest = { note, index, area: w * h, w, h };
			});
		}
		await openNote(page, `en/${largest.note}.md`);
		const block = page.locator('.markdown-preview-view [class*="block-language-cnn-"]').nth(largest.index);
		await scrollThroughBlocks(page, page.locator('.nothing-matches-this'));
		const saved = await saveThroughMenu(page, '', block);
		const size = pngSize(saved.bytes);
		assert.ok(size.width <= 8192 && size.height <= 8192 && size.width * size.height <= 16_100_000, JSON.stringify(size));
		writeFileSync(join(SCREENSHOT_DIR, 'menu-image-largest.png'), saved.bytes);
		// The synchronous fallback encode (toDataURL, used when toBlob waits past 200 ms): at this size, and at the clamp's most (16 M pixels).
		const timing = await page.evaluate(async (arr) => {
			const bitmap = await createImageBitmap(new Blob([new Uint8Array(arr)], { type: 'image/png' }));
			const time = (w, h, draw) => {
				const c = document.createElement('canvas');
				c.width = w;
				c.height = h;
				draw(c.getContext('2d'));
				const t0 = performance.now();
				const url = c.toDataURL('image/png');
				return { ms: Math.round(performance.now() - t0), bytes: url.length };
			};
			const picture = time(bitmap.width, bitmap.height, (g) => g.drawImage(bitmap, 0, 0));
			// The limit: the same picture tiled over 2000x8000 pixels.
			const limit = time(2000, 8000, (g) => {
				for (let y = 0; y < 8000; y += bitmap.height) for (let x = 0; x < 2000; x += bitmap.width) g.drawImage(bitmap, x, y);
			});
			const blobMs = await new Promise((resolve) => {
				const c = document.createElement('canvas');
				c.width = bitmap.width;
				c.height = bitmap.height;
				c.getContext('2d').drawImage(bitmap, 0, 0);
				const t0 = performance.now();
				c.toBlob(() => resolve(Math.round(performance.now() - t0)), 'image/png');
			});
			return { picture, limit, blobMs };
		}, Array.from(saved.bytes));
		console.log(`largest widget: ${largest.note} #${largest.index} ${Math.round(largest.w)}x${Math.round(largest.h)} CSS px -> PNG ${size.width}x${size.height}, ${saved.bytes.length} bytes, ${saved.took} ms click to notice, long tasks ${JSON.stringify(saved.longTasks)}; toDataURL ${timing.picture.ms} ms at that size, ${timing.limit.ms} ms at 2000x8000 (16 M px); toBlob ${timing.blobMs} ms (async)`);
		assert.deepEqual(page.problems, []);
	});
});

describe('the menu button at 390 px with a coarse pointer', () => {
	const ctx = usePreview({ language: 'en', theme: 'light', note: 'en/Convolution.md', screen: { viewport: { width: 390, height: 844 }, hasTouch: true } });

	test('the 44x44 button covers neither the summary text nor the line under it', async () => {
		const page = ctx.page;
		const cdp = await page.context().newCDPSession(page);
		await cdp.send('Emulation.setTouchEmulationEnabled', { enabled: true, maxTouchPoints: 5 });
		assert.equal(await page.evaluate(() => matchMedia('(pointer: coarse)').matches), true);
		for (const language of ['cnn-conv', 'cnn-pool']) {
			if (language === 'cnn-pool') await openNote(page, 'en/Pooling.md');
			const block = page.locator(`.block-language-${language}`).first();
			await showBlock(block);
			const overlap = await block.evaluate((el) => {
				const button = el.querySelector('.cnn-menu-button').getBoundingClientRect();
				const summary = el.querySelector('.cnn-summary');
				const style = getComputedStyle(summary);
				const r = summary.getBoundingClientRect();
				const textRight = r.right - parseFloat(style.paddingRight);
				const next = summary.nextElementSibling?.getBoundingClientRect();
				return {
					button: [Math.round(button.width), Math.round(button.height)],
					overText: textRight > button.left + 0.5,
					overNext: next ? next.top < button.bottom - 0.5 && next.right > button.left : false,
				};
			});
			assert.deepEqual(overlap, { button: [44, 44], overText: false, overNext: false }, language);
			await shootWidget(block, `menu-button-390-touch-${language}`);
		}
		assert.deepEqual(page.problems, []);
	});
});

