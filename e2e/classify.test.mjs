// The classification widget in real Chromium, on the real build: tfjs runs only in the model
// worker (e2e/model-worker.test.mjs has its start, stop and fallback), a digit drawn with pointer
// events is recognised, held-out samples and a vault picture are classified, and every layer is drawn.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { openNote, ROOT, shootWidget, usePreview } from './helpers.mjs';

const STROKES = JSON.parse(readFileSync(join(ROOT, 'assets', 'digits', 'strokes.json'), 'utf8')).strokes;

/** Draws stroke paths (pad units, 0..1) on the pad canvas with real mouse events. */
async function draw(page, canvas, strokes) {
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
