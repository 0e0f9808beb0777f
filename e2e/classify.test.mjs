// The classification widget in real Chromium, on the real build: tfjs runs only in the model
// worker (e2e/model-worker.test.mjs has its start, stop and fallback), a digit drawn with pointer
// events is recognised, held-out samples and a vault picture are classified, and every layer is drawn.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { drawStrokes as draw, openNote, ROOT, shootWidget, showBlock, usePreview } from './helpers.mjs';

const STROKES = JSON.parse(readFileSync(join(ROOT, 'assets', 'digits', 'strokes.json'), 'utf8')).strokes;

describe('the classification widget in Chromium', () => {
	const ctx = usePreview({ language: 'en', theme: 'light' });

	test('a note without a classify block never evaluates tfjs', async () => {
		await openNote(ctx.page, 'en/Convolution.md');
		assert.equal(await ctx.page.evaluate(() => Boolean(globalThis._tfengine)), false);
	});

	test('digits drawn with pointer events are recognised, live, with every layer shown', async () => {
		await openNote(ctx.page, 'en/Classification.md');
		const widget = ctx.page.locator('.block-language-cnn-classify .cnn-notes.cnn-classify').first();
		const canvas = widget.locator('.cnn-classify-pad-canvas');
		await canvas.waitFor();
		await ctx.page.waitForFunction(() => document.querySelector('.cnn-classify')?.textContent?.includes('parameters'), null, { timeout: 60000 });
		const recognised = [];
		for (const digit of ['3', '7', '0']) {
			const clear = widget.getByRole('button', { name: 'Clear' });
			if (await clear.isEnabled()) await clear.click();
			await draw(ctx.page, canvas, STROKES[digit]);
			await ctx.page.waitForFunction(
				(el) => el.querySelector('.cnn-classify-prediction')?.hasAttribute('data-label'),
				await widget.elementHandle(),
				{ timeout: 30000 },
			);
			await ctx.page.waitForTimeout(100);
			recognised.push(await widget.locator('.cnn-classify-prediction').getAttribute('data-label'));
			if (digit === '3') await shootWidget(widget, 'classify-drawn-3-light');
		}
		assert.deepEqual(recognised, ['3', '7', '0']);
		assert.equal(await widget.locator('.cnn-classify-bar-row.is-winner').getAttribute('data-label'), '0');
		const shapes = await widget.locator('.cnn-classify-layer-shape').allTextContents();
		assert.ok(shapes.includes('26x26x16') && shapes.includes('5x5x32'), `layer shapes: ${shapes.join(', ')}`);
		assert.equal(await ctx.page.evaluate(() => Boolean(globalThis._tfengine)), false, 'tfjs never runs in the page: the model worker has it');
		assert.equal(ctx.page.workers().length, 1, 'one model worker serves the note');
	});

	test('held-out samples and a vault picture are classified', async () => {
		const samples = ctx.page.locator('.block-language-cnn-classify .cnn-notes.cnn-classify').nth(1);
		const right = [];
		for (const label of ['2', '5', '8']) {
			await samples.locator(`.cnn-classify-sample[data-label="${label}"]`).first().click();
			// The answer comes back from the model worker: wait for it (a wrong answer times out here and fails below).
			await ctx.page
				.waitForFunction(([el, l]) => el.querySelector('.cnn-classify-prediction')?.getAttribute('data-label') === l, [await samples.elementHandle(), label], { timeout: 10000 })
				.catch(() => {});
			right.push(await samples.locator('.cnn-classify-prediction').getAttribute('data-label'));
		}
		assert.deepEqual(right, ['2', '5', '8']);
		const picture = ctx.page.locator('.block-language-cnn-classify .cnn-notes.cnn-classify').nth(2);
		await ctx.page.waitForFunction((el) => el.querySelector('.cnn-classify-prediction')?.hasAttribute('data-label'), await picture.elementHandle(), { timeout: 30000 });
		assert.equal(await picture.locator('.cnn-classify-prediction').getAttribute('data-label'), '7');
		assert.equal(await picture.getAttribute('data-prediction'), '7');
		// attachments/digit-seven.png is light ink on black, as MNIST: not inverted, so no inversion note
		// (tests/widgets/classify/classify-readable.test.ts has the light picture that gets one).
		assert.equal(await picture.locator('.cnn-classify-inverted').count(), 0);
		await shootWidget(picture, 'classify-picture-light');
		assert.deepEqual(ctx.page.problems, []);
	});

	test('a classify block follows its picture: renamed in the vault, it keeps classifying under the new name', async () => {
		const picture = ctx.page.locator('.block-language-cnn-classify').nth(2);
		const label = picture.locator('.cnn-classify-image .cnn-figure-label');
		const before = await label.textContent();
		assert.match(before ?? '', /digit-seven\.png/);
		const from = before.slice(before.indexOf(':') + 1).trim();
		const to = 'Renamed folder/my seven.png';
		await ctx.page.evaluate(
			async ([a, b]) => {
				const vault = window.cnnPreview.app.vault;
				await vault.rename(vault.getFileByPath(a), b);
			},
			[from, to],
		);
		await ctx.page.waitForFunction((el) => el.querySelector('.cnn-classify-image .cnn-figure-label')?.textContent?.includes('my seven.png'), await picture.elementHandle(), { timeout: 30000 });
		assert.equal(await label.textContent(), `Image: ${to}`);
		await ctx.page.waitForFunction((el) => el.querySelector('.cnn-classify-prediction')?.hasAttribute('data-label'), await picture.elementHandle(), { timeout: 30000 });
		assert.equal(await picture.locator('.cnn-classify-prediction').getAttribute('data-label'), '7');
		assert.equal(await picture.getAttribute('data-state'), 'ready');
		await ctx.page.evaluate(
			async ([a, b]) => {
				const vault = window.cnnPreview.app.vault;
				await vault.delete(vault.getFileByPath(b));
			},
			[from, to],
		);
		await ctx.page.waitForFunction((el) => el.getAttribute('data-state') === 'error', await picture.elementHandle());
		assert.match(await picture.locator('.cnn-notes-error').textContent(), /my seven\.png/);
		assert.deepEqual(ctx.page.problems, []);
	});
});

/** The widget's box against its column (the block's element) and the page: widths in CSS px. */
function widths(widget) {
	return widget.evaluate((el) => {
		const column = el.parentElement.getBoundingClientRect();
		const box = el.getBoundingClientRect();
		return {
			widget: box.width,
			column: column.width,
			right: box.right,
			columnRight: column.right,
			overflow: el.scrollWidth - el.clientWidth,
			// (the preview's own top bar and code blocks are not the widget's business)
			offScreen: box.right - window.innerWidth,
		};
	});
}

/** Asserts the widget fits its column, its content fits the widget, and it ends inside the window. */
async function assertFits(widget, where) {
	const w = await widths(widget);
	assert.ok(w.widget <= w.column + 0.5 && w.right <= w.columnRight + 0.5, `${where}: widget ${w.widget} px wide in a ${w.column} px column`);
	assert.ok(w.overflow <= 0, `${where}: the widget's content overflows it by ${w.overflow} px`);
	assert.ok(w.offScreen <= 0, `${where}: the widget ends ${w.offScreen} px past the window's right edge`);
}

/**
 * Sets the window size; below 500 px the preview's 250 px file list is hidden, as a phone shows the
 * note at the screen's width (Obsidian mobile folds its sidebars away).
 */
async function setWidth(page, width, height) {
	await page.setViewportSize({ width, height });
	if (width < 500 && !page.phoneStyle) {
		page.phoneStyle = await page.addStyleTag({ content: '.preview-nav { display: none; } .preview-shell { background: var(--background-primary); }' });
	} else if (width >= 500 && page.phoneStyle) {
		await page.phoneStyle.evaluate((el) => el.remove());
		page.phoneStyle = undefined;
	}
}

describe('the classification widget is readable at 1280 px and on a 390 px phone, light and dark', () => {
	const ctx = usePreview({ language: 'en', theme: 'light' });

	for (const [width, height] of [
		[1280, 900],
		[390, 844],
	]) {
		test(`${width}x${height}: an empty state, no wider than its column, the enlarged map in the viewport`, async () => {
			const page = ctx.page;
			await setWidth(page, width, height);
			await page.evaluate(() => window.cnnPreview.setTheme('light'));
			await openNote(page, 'en/Classification.md');
			const block = page.locator('.block-language-cnn-classify').first();
			await showBlock(block);
			const widget = block.locator('.cnn-notes.cnn-classify');
			await page.waitForFunction((el) => el.querySelector('.cnn-summary')?.textContent !== '', await widget.elementHandle(), { timeout: 60000 });
			// Empty: the prompt, no maps and no softmax numbers; the backend only in the details line.
			assert.equal(await widget.locator('.cnn-classify-empty').isVisible(), true);
			assert.equal(await widget.locator('.cnn-classify-map').count(), 0);
			assert.equal(await widget.locator('.cnn-classify-softmax-row').count(), 0);
			assert.doesNotMatch(await widget.locator('.cnn-summary').textContent(), /webgl|cpu|wasm/);
			assert.match(await widget.locator('.cnn-classify-details').textContent(), /backend: (webgl|cpu|wasm)/);
			await assertFits(widget, `${width} px, empty`);
			for (const theme of ['light', 'dark']) {
				await page.evaluate((t) => window.cnnPreview.setTheme(t), theme);
				await shootWidget(widget, `classify-empty-${width}-${theme}`);
			}

			// Drawn in the light theme (the pad keeps the ink colour of the theme it was drawn in).
			await page.evaluate(() => window.cnnPreview.setTheme('light'));
			const canvas = widget.locator('.cnn-classify-pad-canvas');
			await canvas.scrollIntoViewIfNeeded();
			const padBefore = await canvas.boundingBox();
			const topBefore = await widget.locator('.cnn-classify-top').boundingBox();
			await draw(page, canvas, STROKES['3']);
			await page.waitForFunction((el) => el.getAttribute('data-prediction') === '3', await widget.elementHandle(), { timeout: 30000 });
			const confidence = Number(await widget.getAttribute('data-confidence'));
			assert.ok(confidence > 0.5 && confidence <= 1, `data-confidence ${confidence}`);
			// The first stroke does not move the pad nor resize the row it sits in.
			const padAfter = await canvas.boundingBox();
			const topAfter = await widget.locator('.cnn-classify-top').boundingBox();
			assert.deepEqual([padAfter.x, padAfter.y, padAfter.width], [padBefore.x, padBefore.y, padBefore.width]);
			assert.equal(topAfter.height, topBefore.height, 'the pad row keeps its height on the first stroke');
			assert.equal(await widget.locator('.cnn-classify-empty').isVisible(), false);
			assert.equal(await widget.locator('.cnn-classify-softmax-row').count(), 3);
			assert.doesNotMatch(await widget.locator('.cnn-classify-softmax').textContent(), /\de[+-]\d/, 'plain notation in the softmax');
			await assertFits(widget, `${width} px, drawn`);
			for (const theme of ['light', 'dark']) {
				await page.evaluate((t) => window.cnnPreview.setTheme(t), theme);
				await shootWidget(widget, `classify-drawn-${width}-${theme}`);
				await shootWidget(widget.locator('.cnn-classify-top'), `classify-drawn-top-${width}-${theme}`);
				await shootWidget(widget.locator('.cnn-classify-softmax'), `classify-softmax-${width}-${theme}`);
			}
			await page.evaluate(() => window.cnnPreview.setTheme('light'));

			// A map far down the widget: its enlargement opens next to it, inside the viewport.
			const map = widget.locator('[data-layer="relu2"] .cnn-classify-map').nth(5);
			await map.scrollIntoViewIfNeeded();
			await map.click();
			const enlarged = widget.locator('.cnn-classify-detail-canvas');
			await enlarged.waitFor();
			const box = await enlarged.boundingBox();
			assert.ok(box.y >= 0 && box.y + box.height <= height && box.x >= 0 && box.x + box.width <= width, `enlarged map at ${JSON.stringify(box)} in a ${width}x${height} viewport`);
			const mapBox = await map.boundingBox();
			assert.ok(mapBox.y + mapBox.height > 0 && mapBox.y < height, 'the map clicked stays on screen with its enlargement');
			await assertFits(widget, `${width} px, map enlarged`);
			if (width < 500) await shootWidget(widget.locator('[data-layer="relu2"]'), `classify-enlarged-${width}-light`);
			await widget.getByRole('button', { name: 'Close' }).click();
			assert.deepEqual(page.problems, []);
		});
	}

	test('390 px on Obsidian mobile (body.is-mobile): the pad fills the column, buttons of 32 px and more, hints speak of tapping', async () => {
		const page = ctx.page;
		await setWidth(page, 390, 844);
		await page.evaluate(() => document.body.classList.add('is-mobile'));
		await openNote(page, 'en/Classification.md');
		const block = page.locator('.block-language-cnn-classify').first();
		await showBlock(block);
		const widget = block.locator('.cnn-notes.cnn-classify');
		const pad = await widget.locator('.cnn-classify-pad-canvas').boundingBox();
		const column = await block.boundingBox();
		assert.ok(pad.width >= column.width - 2, `pad ${pad.width} px in a ${column.width} px column`);
		for (const button of await widget.locator('.cnn-classify-pad-buttons button').all()) {
			const b = await button.boundingBox();
			assert.ok(b.width >= 32 && b.height >= 32, `undo/clear ${b.width}x${b.height}`);
		}
		const samples = page.locator('.block-language-cnn-classify').nth(1);
		await showBlock(samples);
		const sample = await samples.locator('.cnn-classify-sample').first().boundingBox();
		assert.ok(sample.width >= 32 && sample.height >= 32, `sample button ${sample.width}x${sample.height}`);
		assert.match(await samples.locator('.cnn-classify-samples .cnn-figure-label').textContent(), /tap one/);
		assert.doesNotMatch(await samples.textContent(), /click|hover|mouse/i);
		await assertFits(samples.locator('.cnn-notes.cnn-classify'), '390 px mobile, samples');
		await shootWidget(samples.locator('.cnn-notes.cnn-classify'), 'classify-samples-390-mobile-light');
		await page.evaluate(() => document.body.classList.remove('is-mobile'));
		assert.deepEqual(page.problems, []);
	});

	test('390 px with a coarse pointer (touch emulated, no is-mobile): the same 32 px controls and tap hints', async () => {
		const page = ctx.page;
		await setWidth(page, 390, 844);
		const cdp = await page.context().newCDPSession(page);
		await cdp.send('Emulation.setTouchEmulationEnabled', { enabled: true, maxTouchPoints: 5 });
		try {
			assert.equal(await page.evaluate(() => matchMedia('(pointer: coarse)').matches), true);
			await openNote(page, 'en/Classification.md');
			const samples = page.locator('.block-language-cnn-classify').nth(1);
			await showBlock(samples);
			const widget = samples.locator('.cnn-notes.cnn-classify');
			for (const control of [widget.locator('.cnn-classify-sample').first(), widget.locator('.cnn-classify-sample').last()]) {
				const b = await control.boundingBox();
				assert.ok(b.width >= 32 && b.height >= 32, `sample button ${b.width}x${b.height}`);
			}
			assert.match(await widget.locator('.cnn-classify-samples .cnn-figure-label').textContent(), /tap one/);
			const drawn = page.locator('.block-language-cnn-classify').first();
			await showBlock(drawn);
			const pad = await drawn.locator('.cnn-classify-pad-canvas').boundingBox();
			assert.ok(pad.width >= (await drawn.boundingBox()).width - 2, `pad ${pad.width} px wide`);
			for (const button of await drawn.locator('.cnn-classify-pad-buttons button').all()) {
				const b = await button.boundingBox();
				assert.ok(b.width >= 32 && b.height >= 32, `undo/clear ${b.width}x${b.height}`);
			}
		} finally {
			await cdp.send('Emulation.setTouchEmulationEnabled', { enabled: false });
			await cdp.detach();
		}
		assert.deepEqual(page.problems, []);
	});
});
