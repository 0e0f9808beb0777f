// The model worker in real Chromium, on the real build: a note of three classify blocks and ten
// conv blocks on a picture opens with no main-thread task over 200 ms (PerformanceObserver
// 'longtask'), its conv blocks showing before the models are ready; the worker stops after the
// last classify block unloads; and where no Worker exists the model runs in the page instead.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { openNote, openPreview, scrollThroughBlocks, startPreview } from './helpers.mjs';

/** Three classify blocks (pad, samples, picture) among ten conv blocks on the vault's checkerboard with ReLU and max pooling. */
export function heavyNote() {
	const conv = (i) => '```cnn-conv\nimage: "[[checkerboard.png]]"\nkernel: ' + ['sobel-x', 'sharpen', 'box-blur', 'emboss', 'outline'][i % 5] + '\nactivation: relu\npool: max 2\n```\n';
	const classify = ['```cnn-classify\ninput: draw\n```\n', '```cnn-classify\ninput: sample\n```\n', '```cnn-classify\ninput: "[[digit-seven.png]]"\n```\n'];
	const parts = [];
	for (let i = 0; i < 10; i++) {
		parts.push(`## Block ${i}\n`, conv(i));
		if (i % 3 === 0 && classify.length) parts.push(classify.shift());
	}
	return parts.join('\n');
}

/** Starts recording long tasks (over 50 ms) from the page's start; read with longTasks(page). */
async function recordLongTasks(page) {
	await page.addInitScript(() => {
		window.__longTasks = [];
		new PerformanceObserver((list) => {
			for (const e of list.getEntries()) window.__longTasks.push({ start: e.startTime, duration: e.duration });
		}).observe({ type: 'longtask', buffered: true });
	});
}

describe('the model worker', () => {
	let preview;
	before(async () => {
		preview = await startPreview();
	});
	after(async () => {
		await preview?.close();
	});

	test('a note of three classify and ten conv blocks opens with no long task over 200 ms; conv blocks show before the models are ready', async () => {
		const page = await preview.newPage();
		await recordLongTasks(page);
		await openPreview(page, preview.url, { language: 'en', theme: 'light' });
		const t0 = await page.evaluate(() => performance.now());
		// Notes the state of every conv block the moment the first classify block gets its model.
		await page.evaluate(() => {
			window.__convAtModel = null;
			new MutationObserver((_, observer) => {
				if (document.querySelector('.cnn-classify[data-state="ready"]')) {
					window.__convAtModel = Array.from(document.querySelectorAll('.block-language-cnn-conv'), (el) => el.getAttribute('data-state'));
					observer.disconnect();
				}
			}).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-state'] });
		});
		await page.evaluate((md) => window.cnnPreview.renderSnippet(md), heavyNote());
		await scrollThroughBlocks(page);
		await page.waitForFunction(() => document.querySelectorAll('.cnn-classify .cnn-classify-prediction').length === 3, null, { timeout: 60000 });
		const tasks = (await page.evaluate(() => window.__longTasks)).filter((t) => t.start >= t0);
		const longest = Math.max(0, ...tasks.map((t) => t.duration));
		assert.ok(longest <= 200, `longest main-thread task ${longest.toFixed(0)} ms (tasks over 50 ms: ${tasks.map((t) => t.duration.toFixed(0)).join(', ')})`);
		const atModel = await page.evaluate(() => window.__convAtModel);
		assert.ok(atModel && atModel.filter((s) => s === 'ready').length >= 1, `conv blocks when the first model was ready: ${JSON.stringify(atModel)}`);
		assert.equal(await page.evaluate(() => Boolean(globalThis._tfengine)), false, 'tfjs never ran in the page');
		assert.equal(page.workers().length, 1);
		assert.deepEqual(page.problems, []);

		// Leaving the note unloads every classify block: the worker is terminated shortly after.
		await openNote(page, 'en/Convolution.md');
		await page.waitForFunction(() => true);
		const deadline = Date.now() + 10000;
		while (page.workers().length > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
		assert.equal(page.workers().length, 0, 'the model worker stopped after the last classify block unloaded');
		await page.close();
	});

	test('where no Worker can start, the model runs in the page behind the same messages', async () => {
		const page = await preview.newPage();
		await page.addInitScript(() => {
			Object.defineProperty(window, 'Worker', { value: undefined });
		});
		await openPreview(page, preview.url, { language: 'en', theme: 'light' });
		await openNote(page, 'en/Classification.md');
		const samples = page.locator('.block-language-cnn-classify').nth(1);
		await samples.scrollIntoViewIfNeeded();
		await page.waitForFunction((el) => el.querySelector('.cnn-classify-prediction')?.hasAttribute('data-label'), await samples.elementHandle(), { timeout: 60000 });
		await samples.locator('.cnn-classify-sample[data-label="5"]').first().click();
		await page.waitForFunction((el) => el.querySelector('.cnn-classify-prediction')?.getAttribute('data-label') === '5', await samples.elementHandle(), { timeout: 30000 });
		assert.equal(page.workers().length, 0);
		assert.equal(await page.evaluate(() => Boolean(globalThis._tfengine)), true, 'the engine ran in the page');
		assert.deepEqual(page.problems, []);
		await page.close();
	});
});
