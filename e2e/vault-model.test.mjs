// A model from the vault in real Chromium, on the real build: the notes "Classifying colour
// pictures" and "Clasificar imágenes en color" run examples/vault/models/shapes/ (a tfjs Layers model
// with Teachable Machine's metadata.json, 32x32x3, scaled to -1..1; made by scripts/make-shapes-model.mjs)
// on a stand-alone picture, on the drawing pad and on a whole folder of pictures. Screenshots at
// the desktop, 450 px and phone widths, light and dark, go to output/screenshots/widgets/.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { ROOT, SCREENS, assertWidgetFits as assertFits, openNote, screenshot, shootWidget, showBlock, usePreview } from './helpers.mjs';

const EN_NOTE = 'en/Classifying colour pictures.md';
const ES_NOTE = 'es/Clasificar imágenes en color.md';
const METADATA = JSON.parse(readFileSync(join(ROOT, 'examples', 'vault', 'models', 'shapes', 'metadata.json'), 'utf8'));
const SPANISH = ['círculo', 'cuadrado', 'triángulo'];
/** The pictures in datasets/shapes (and datasets/formas): 4 a class. */
const FOLDER_PICTURES = 12;

// The folder's strip carries data-state (running, done) and, once done, data-accuracy (0..1).
const FOLDER = '.cnn-classify-folder';
const FOLDER_DONE = '.cnn-classify-folder[data-state="done"]';
const ACCURACY = '.cnn-classify-accuracy';

/** The widget roots of a note's classify blocks, in order. */
const widgets = (page) => page.locator('.block-language-cnn-classify .cnn-notes.cnn-classify');

/**
 * Scrolls block `index` into view and waits until its widget root says `data-state="ready"` (and,
 * with `prediction`, carries a `data-prediction`); returns the widget root. A block refused with an
 * error box fails here, with the box's text.
 */
async function ready(page, index, { prediction = false, timeout = 60000 } = {}) {
	const block = page.locator('.block-language-cnn-classify').nth(index);
	await showBlock(block, timeout);
	const error = block.locator('.cnn-notes-error');
	if ((await error.count()) > 0) assert.fail(`classify block ${index + 1} shows an error: ${await error.first().textContent()}`);
	const widget = widgets(page).nth(index);
	await widget.waitFor({ timeout });
	await page.waitForFunction(([el, p]) => el.getAttribute('data-state') === 'ready' && (!p || el.hasAttribute('data-prediction')), [await widget.elementHandle(), prediction], { timeout });
	return widget;
}

/** ready() with a prediction. */
const predicted = (page, index) => ready(page, index, { prediction: true });

describe('a model from the vault classifies colour pictures', () => {
	const ctx = usePreview({ language: 'en', theme: 'light' });

	test('the metadata the notes rely on: three labels, 32 px, -1..1, and the held-out accuracy', () => {
		assert.deepEqual(METADATA.labels, ['circle', 'square', 'triangle']);
		assert.equal(METADATA.imageSize, 32);
		assert.equal(METADATA.scale, '-1..1');
		assert.ok(METADATA.heldOutAccuracy >= 0.9, `held-out accuracy ${METADATA.heldOutAccuracy}`);
	});

	test('the stand-alone picture (96x64, centre-cropped) is a triangle, with every layer shown', async () => {
		await openNote(ctx.page, EN_NOTE);
		const widget = await predicted(ctx.page, 0);
		assert.equal(await widget.getAttribute('data-prediction'), 'triangle');
		const confidence = Number(await widget.getAttribute('data-confidence'));
		assert.ok(Number.isFinite(confidence) && confidence > 0.5 && confidence <= 1, `data-confidence ${await widget.getAttribute('data-confidence')}`);
		// show: all -> the two convolutions, each with one map canvas per filter (8 and 16).
		const conv = widget.locator('.cnn-classify-layer[data-kind="conv"]');
		assert.equal(await conv.count(), 2);
		assert.equal(await conv.nth(0).locator('.cnn-classify-map canvas').count(), 8);
		assert.equal(await conv.nth(1).locator('.cnn-classify-map canvas').count(), 16);
		const shapes = await widget.locator('.cnn-classify-layer-shape').allTextContents();
		assert.ok(shapes.includes('30x30x8') && shapes.includes('13x13x16'), `layer shapes: ${shapes.join(', ')}`);
		await shootWidget(widget, 'vault-model-picture-light');
		assert.deepEqual(ctx.page.problems, []);
	});

	test('the pad block waits for a drawing with the model loaded', async () => {
		const widget = await ready(ctx.page, 1);
		assert.equal(await widget.locator('.cnn-classify-pad-canvas').count(), 1);
		assert.equal(await widget.getAttribute('data-prediction'), null, 'nothing drawn, nothing predicted');
	});

	test('the dataset folder: a strip of its 12 pictures and an accuracy line', async () => {
		const widget = await ready(ctx.page, 2);
		const folder = widget.locator(FOLDER_DONE);
		await folder.waitFor();
		assert.ok((await folder.locator('canvas').count()) >= FOLDER_PICTURES, 'one picture a file of datasets/shapes');
		const accuracy = widget.locator(ACCURACY);
		assert.match((await accuracy.textContent()).trim(), /^Accuracy: \d+ of 12 pictures right/);
		const figure = await folder.getAttribute('data-accuracy');
		assert.ok(Number(figure) >= 0.75, `data-accuracy ${figure}`);
		// The first picture is shown below the strip: a prediction and the layers.
		assert.notEqual(await widget.getAttribute('data-prediction'), null);
		await shootWidget(widget, 'vault-model-folder-light');
		assert.deepEqual(ctx.page.problems, []);
	});

	test('in Spanish the labels of the block name the classes: the picture is a “triángulo”', async () => {
		await ctx.page.evaluate(() => window.cnnPreview.setLanguage('es'));
		try {
			await openNote(ctx.page, ES_NOTE);
			const widget = await predicted(ctx.page, 0);
			assert.equal(await widget.getAttribute('data-prediction'), 'triángulo');
			assert.deepEqual(await widget.locator('.cnn-classify-probs .cnn-classify-bar-label').allTextContents(), SPANISH);
			const folder = await ready(ctx.page, 2);
			await folder.locator(FOLDER_DONE).waitFor();
			// The folder's pictures are named by the block's labels: Spanish ones, never the metadata's English.
			const text = await folder.locator(FOLDER).textContent();
			assert.ok(SPANISH.some((l) => text.includes(l)), `folder view: ${text}`);
			assert.doesNotMatch(text, /\b(circle|square|triangle)\b/);
			await shootWidget(widget, 'vault-model-picture-es-light');
		} finally {
			await ctx.page.evaluate(() => window.cnnPreview.setLanguage('en'));
		}
		assert.deepEqual(ctx.page.problems, []);
	});
});

for (const [name, screen] of Object.entries(SCREENS)) {
	describe(`the vault model's notes at ${screen.viewport.width} px (${name}), light and dark`, () => {
		const ctx = usePreview({ language: 'en', theme: 'light', screen });

		for (const [language, note, label] of [['en', EN_NOTE, 'triangle'], ['es', ES_NOTE, 'triángulo']]) {
			test(`${note}: every block fits its column; screenshots`, async () => {
				const page = ctx.page;
				await page.evaluate((code) => window.cnnPreview.setLanguage(code), language);
				await page.evaluate(() => window.cnnPreview.setTheme('light'));
				await openNote(page, note);
				const picture = await predicted(page, 0);
				assert.equal(await picture.getAttribute('data-prediction'), label);
				await ready(page, 1);
				const folder = await ready(page, 2);
				await folder.locator(FOLDER_DONE).waitFor();
				for (const theme of ['light', 'dark']) {
					await page.evaluate((t) => window.cnnPreview.setTheme(t), theme);
					for (let i = 0; i < 3; i++) {
						const widget = widgets(page).nth(i);
						await widget.scrollIntoViewIfNeeded();
						await assertFits(widget, `${note} block ${i + 1}, ${screen.viewport.width} px, ${theme}`);
						await shootWidget(widget, `vault-model-${language}-${i + 1}-${screen.viewport.width}-${theme}`);
					}
					await screenshot(page, `vault-model/${language}-${screen.viewport.width}-${theme}`);
				}
				await page.evaluate(() => window.cnnPreview.setTheme('light'));
				assert.deepEqual(page.problems, []);
			});
		}
	});
}
