// A phone (390x844, touch, pointer: coarse) in Spanish: every control of the conv and pool widgets
// is a tap target of at least 32x32 px, the hint speaks of tapping, and nothing widens the page.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { SCREENSHOT_DIR, openNote, openPreview, showBlock, usePreview } from './helpers.mjs';

/**
 * Saves what the phone's screen shows with the widget's player in the middle, under
 * output/screenshots/widgets/<name>.png. Not a whole-element shot: Chromium captures an element
 * taller than the screen with the mobile emulation switched off, i.e. with a fine pointer.
 */
async function shootScreen(widget, name) {
	await widget.locator('.cnn-player').evaluate((el) => el.scrollIntoView({ block: 'center' }));
	mkdirSync(join(SCREENSHOT_DIR, 'widgets'), { recursive: true });
	await widget.page().screenshot({ path: join(SCREENSHOT_DIR, 'widgets', `${name}.png`) });
}

/** Obsidian mobile shows the note at the full width of the phone: fold the preview's file list away. */
const phoneLayout = (page) => page.addStyleTag({ content: '.preview-nav { display: none !important; }' });

/** The controls a finger uses, with their size: [selector, width, height] of every visible one. */
async function controlSizes(widget) {
	return widget.evaluate((root) =>
		Array.from(root.querySelectorAll('button, select, input, summary'))
			.filter((el) => el.getClientRects().length > 0)
			.map((el) => {
				const r = el.getBoundingClientRect();
				return [`${el.tagName.toLowerCase()}.${Array.from(el.classList).join('.')}`, Math.round(r.width), Math.round(r.height)];
			}),
	);
}

/** The page's horizontal overflow in px (0 when nothing is wider than the screen). */
const overflow = (page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

/**
 * The overflow the touch section of styles.css adds: the page's overflow with it, minus the
 * overflow with its targets set to 0 px (the widgets as on a desktop). The preview's own chrome
 * (file list, switches) is not made for phones and may overflow by itself.
 */
async function overflowFromTouchStyles(page) {
	const withTouch = await overflow(page);
	const off = await page.addStyleTag({ content: '.cnn-notes { --cnn-touch-target: 0px !important; }' });
	const without = await overflow(page);
	await off.evaluate((el) => el.remove());
	return withTouch - without;
}

/** Player controls sticking out of the widget's own box: [name, px past its right edge] (the player wraps its row). */
async function outsideWidget(widget) {
	return widget.evaluate((root) => {
		const right = root.getBoundingClientRect().right;
		return Array.from(root.querySelectorAll('.cnn-player button, .cnn-player select, .cnn-player input'))
			.map((el) => [el.className, Math.round(el.getBoundingClientRect().right - right)])
			.filter(([, past]) => past > 0);
	});
}

describe('the conv and pool widgets on a touch screen', () => {
	const ctx = usePreview({ language: 'es', theme: 'light', touch: true });

	test('the phone is emulated: a coarse pointer, 390 px wide', async () => {
		assert.equal(await ctx.page.evaluate(() => window.matchMedia('(pointer: coarse)').matches), true);
		assert.equal(await ctx.page.evaluate(() => document.documentElement.clientWidth), 390);
	});

	for (const [note, kind, kinds] of [
		['es/Convolución.md', 'conv', ['button.clickable-icon.cnn-player-button', 'select.dropdown.cnn-player-speed', 'input.cnn-player-scrub', 'select.dropdown.cnn-preset', 'input.cnn-weight']],
		['es/Pooling.md', 'pool', ['button.clickable-icon.cnn-player-button', 'select.dropdown.cnn-player-speed', 'input.cnn-player-scrub']],
	]) {
		test(`${note}: every control of the first cnn-${kind} is at least 32x32 px; the hint says tap`, async () => {
			await openNote(ctx.page, note);
			await phoneLayout(ctx.page);
			const block = ctx.page.locator(`.block-language-cnn-${kind}`).first();
			await showBlock(block);
			const widget = block.locator(`.cnn-notes.cnn-${kind}`);
			const sizes = await controlSizes(widget);
			for (const k of kinds) assert.ok(sizes.some(([name]) => name === k), `${k} is on screen: ${JSON.stringify(sizes)}`);
			const small = sizes.filter(([, w, h]) => w < 32 || h < 32);
			assert.deepEqual(small, [], `tap targets under 32 px: ${JSON.stringify(small)}`);
			const hint = await widget.locator('.cnn-explain').textContent();
			assert.match(hint, /Toca una celda de salida/);
			assert.doesNotMatch(hint, /ratón|puntero|flechas/);
			assert.ok((await overflowFromTouchStyles(ctx.page)) <= 0, 'the touch targets widen the page');
			assert.deepEqual(await outsideWidget(widget), []);
			await shootScreen(widget, `touch-${kind}-390-light`);
			await openPreview(ctx.page, ctx.preview.url, { language: 'es', theme: 'dark', path: note });
			await phoneLayout(ctx.page);
			await showBlock(ctx.page.locator(`.block-language-cnn-${kind}`).first());
			await shootScreen(ctx.page.locator(`.block-language-cnn-${kind} .cnn-notes.cnn-${kind}`).first(), `touch-${kind}-390-dark`);
			await openPreview(ctx.page, ctx.preview.url, { language: 'es', theme: 'light' });
			assert.deepEqual(ctx.page.problems, []);
		});
	}

	test('tapping an output cell explains it', async () => {
		await openNote(ctx.page, 'es/Pooling.md');
		const widget = ctx.page.locator('.block-language-cnn-pool .cnn-notes.cnn-pool').first();
		await widget.locator('.cnn-grid[data-role="output"] .cnn-cell[data-row="0"][data-col="0"]').tap();
		assert.match(await widget.locator('.cnn-explain-title').textContent(), /^Salida del pooling, fila 1, columna 1$/);
		assert.match(await widget.locator('.cnn-summary').textContent(), /^Pooling máximo, ventana 2, paso 2, relleno: ninguno \(valid\)$/);
	});
});
