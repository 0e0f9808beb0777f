// The held-out digit picked in a `cnn-classify` block with `input: sample` is saved into the note,
// in real Chromium on the real build: clicking a digit of the strip in the preview's reading view
// writes `sample: N` into the block (the preview's vault keeps writes in memory), and the note
// opened again starts on that digit.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { SCREENS, openNote, showBlock, usePreview } from './helpers.mjs';

const NOTE = 'en/Classification.md';
/** The note's block with the strip of held-out digits (its second cnn-classify block). */
const sampleBlock = (page) => page.locator('.block-language-cnn-classify').nth(1);

/** The note's text as the preview's vault holds it now. */
function vaultText(page, path) {
	return page.evaluate((p) => window.cnnPreview.app.vault.read(window.cnnPreview.app.vault.getFileByPath(p)), path);
}

/** Waits until the block's widget shows a prediction for held-out digit `n`: its button pressed, data-prediction set. */
async function waitForSample(block, n) {
	await block.locator(`[data-action="sample"][data-sample="${n}"][aria-pressed="true"]`).waitFor({ timeout: 30000 });
	await block.locator('.cnn-classify[data-prediction]').waitFor({ timeout: 60000 });
}

describe('the picked held-out digit written back into the note, in Chromium', () => {
	const ctx = usePreview({ language: 'en', theme: 'light', note: NOTE, screen: SCREENS.desktop });

	test('a clicked digit is `sample: N` in the block text, and the note opened again starts on it', async () => {
		const before = await vaultText(ctx.page, NOTE);
		assert.match(before, /```cnn-classify\ninput: sample\nshow: \[input, probabilities, softmax\]\n```/);
		const block = sampleBlock(ctx.page);
		await showBlock(block);
		await waitForSample(block, 1);
		assert.equal(await block.getAttribute('data-save-state'), 'saved');
		const label = await block.locator('[data-action="sample"][data-sample="12"]').getAttribute('data-label');
		await block.locator('[data-action="sample"][data-sample="12"]').click();
		await block.locator(`.cnn-classify[data-prediction="${label}"]`).waitFor({ timeout: 30000 });
		assert.equal(await block.getAttribute('data-save-state'), 'pending');
		await openNote(ctx.page, 'en/Pooling.md');
		await openNote(ctx.page, NOTE);
		const after = await vaultText(ctx.page, NOTE);
		assert.equal(after, before.replace('```cnn-classify\ninput: sample\nshow:', '```cnn-classify\ninput: sample\nsample: 12\nshow:'));
		const again = sampleBlock(ctx.page);
		await showBlock(again);
		await waitForSample(again, 12);
		assert.equal(await again.locator('.cnn-classify').getAttribute('data-prediction'), label);
		assert.equal(await again.locator('[data-action="sample"][aria-pressed="true"]').count(), 1);
		assert.equal(await again.getAttribute('data-save-state'), 'saved');
	});

	test('leaving the widget writes at once; Reset goes back to the saved digit', async () => {
		const block = sampleBlock(ctx.page);
		await block.locator('[data-action="sample"][data-sample="20"]').click();
		await ctx.page.locator('.inline-title').click(); // the focus leaves the widget
		await ctx.page.waitForFunction(async (p) => (await window.cnnPreview.app.vault.read(window.cnnPreview.app.vault.getFileByPath(p))).includes('input: sample\nsample: 20\n'), NOTE);
		// The note rendered again from the new text: the new widget starts on digit 20, saved.
		await showBlock(sampleBlock(ctx.page));
		await waitForSample(sampleBlock(ctx.page), 20);
		await sampleBlock(ctx.page).locator('[data-action="sample"][data-sample="26"]').click();
		await sampleBlock(ctx.page).locator('[data-action="reset"]').click();
		await waitForSample(sampleBlock(ctx.page), 20);
		assert.equal(await sampleBlock(ctx.page).getAttribute('data-save-state'), 'saved');
		assert.match(await vaultText(ctx.page, NOTE), /input: sample\nsample: 20\nshow:/);
		assert.deepEqual(ctx.page.problems, []);
	});
});
