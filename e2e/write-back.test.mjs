// Kernel edits saved into the note, in real Chromium on the real build: a weight typed in the
// preview's reading view is written into the block (the preview's vault keeps writes in memory),
// and is there when the note is opened again. Screenshots of the save line, light and dark, at the
// hover-popover width, go to output/screenshots/widgets/.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { SCREENS, openNote, shootWidget, usePreview } from './helpers.mjs';

const NOTE = 'en/Convolution.md';
const seedBlock = (page) => page.locator('.block-language-cnn-conv').first();
const weight = (page, row, col) => seedBlock(page).locator(`.cnn-grid[data-role="kernel"] .cnn-cell[data-row="${row}"][data-col="${col}"] input`);

/** The note's text as the preview's vault holds it now. */
function vaultText(page, path) {
	return page.evaluate((p) => window.cnnPreview.app.vault.read(window.cnnPreview.app.vault.getFileByPath(p)), path);
}

/** The first cnn-conv block's source in a note's text. */
function firstConvBlock(text) {
	return /```cnn-conv\n([\s\S]*?)```/.exec(text)?.[1] ?? '';
}

describe('kernel edits written back into the note, in Chromium', () => {
	const ctx = usePreview({ language: 'en', theme: 'light', note: NOTE, screen: SCREENS.popover });

	test('an edited weight is in the block text and in the widget after the note is opened again', async () => {
		const before = await vaultText(ctx.page, NOTE);
		assert.match(firstConvBlock(before), /kernel: \|\n {2}1 0 1\n {2}0 1 0\n {2}1 0 1\n/);
		await weight(ctx.page, 1, 1).fill('-3');
		// The focus stays in the weight: the write waits (the widget says the edit is not saved yet).
		assert.equal(await seedBlock(ctx.page).getAttribute('data-save-state'), 'pending');
		await shootWidget(seedBlock(ctx.page), 'write-back-pending-light-450');
		await openNote(ctx.page, 'en/Pooling.md');
		await openNote(ctx.page, NOTE);
		const after = await vaultText(ctx.page, NOTE);
		assert.equal(after, before.replace('kernel: |\n  1 0 1\n  0 1 0\n', 'kernel: |\n  1 0 1\n  0 -3 0\n'));
		const shown = seedBlock(ctx.page).locator('.cnn-grid[data-role="kernel"] .cnn-cell[data-row="1"][data-col="1"]');
		await shown.waitFor();
		assert.equal(await shown.getAttribute('data-value'), '-3');
		assert.equal(await seedBlock(ctx.page).getAttribute('data-save-state'), 'saved');
	});

	test('leaving the widget writes at once; the note re-renders with the new text; Reset goes back', async () => {
		await weight(ctx.page, 0, 0).fill('2');
		await ctx.page.locator('.inline-title').click(); // the focus leaves the widget
		await ctx.page.waitForFunction(async (p) => (await window.cnnPreview.app.vault.read(window.cnnPreview.app.vault.getFileByPath(p))).includes('  2 0 1\n  0 -3 0\n'), NOTE);
		// The note rendered again from the new text: the new widget has the edit as its saved value.
		await seedBlock(ctx.page).locator('.cnn-grid[data-role="kernel"] .cnn-cell[data-row="0"][data-col="0"][data-value="2"]').waitFor();
		await weight(ctx.page, 2, 2).fill('7');
		await ctx.page.locator('.inline-title').click();
		await seedBlock(ctx.page).locator('.cnn-grid[data-role="kernel"] .cnn-cell[data-row="2"][data-col="2"][data-value="7"]').waitFor();
		await ctx.page.evaluate(() => document.body.classList.replace('theme-light', 'theme-dark'));
		await weight(ctx.page, 2, 2).fill('8');
		await shootWidget(seedBlock(ctx.page), 'write-back-pending-dark-450');
		await seedBlock(ctx.page).locator('[data-action="reset"]').click();
		await seedBlock(ctx.page).locator('.cnn-grid[data-role="kernel"] .cnn-cell[data-row="2"][data-col="2"][data-value="7"]').waitFor();
		assert.match(firstConvBlock(await vaultText(ctx.page, NOTE)), /kernel: \|\n {2}2 0 1\n {2}0 -3 0\n {2}1 0 7\n/);
		assert.deepEqual(ctx.page.problems, []);
	});
});
