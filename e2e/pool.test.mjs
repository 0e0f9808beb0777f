// The pooling widget and the conv -> activation -> pool chain in real Chromium, on the real build:
// stepping, the winner / average explanations, a pooled picture, and tracing a pooled cell back.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { openNote, scrollThroughBlocks, showBlock, shootWidget, usePreview } from './helpers.mjs';

describe('the pooling widget and the chain in Chromium', () => {
	const ctx = usePreview({ language: 'en', theme: 'light', note: 'en/Pooling.md' });

	const first = () => ctx.page.locator('.block-language-cnn-pool .cnn-notes.cnn-pool').first();

	test('stepping writes the four maxima in turn', async () => {
		const widget = first();
		const results = [];
		for (let i = 0; i < 4; i++) {
			await widget.getByRole('button', { name: 'Step forward' }).click();
			results.push(await widget.locator('.cnn-explain-result').textContent());
		}
		assert.deepEqual(results, ['6', '4', '7', '9']);
		assert.equal(await widget.locator('.cnn-grid[data-role="input"] .cnn-cell.is-winner').count(), 1);
		assert.equal(await widget.locator('.cnn-grid[data-role="input"] .cnn-cell.is-dimmed').count(), 3);
		await shootWidget(widget, 'pool-stepping-light');
	});

	test('hovering explains the winner for max and the sum and count for avg', async () => {
		const widget = first();
		await widget.locator('.cnn-grid[data-role="output"] .cnn-cell[data-row="0"][data-col="0"]').hover();
		assert.equal(await widget.locator('.cnn-explain-sum').textContent(), 'max(1, 3, 5, 6) = 6');
		const winner = await widget.locator('.cnn-grid[data-role="input"] .cnn-cell.is-winner').evaluate((c) => `${c.dataset.row},${c.dataset.col}`);
		assert.equal(winner, '1,1');
		const avg = ctx.page.locator('.cnn-notes.cnn-pool').filter({ hasText: 'Average pooling' }).first();
		await avg.locator('.cnn-grid[data-role="output"] .cnn-cell[data-row="0"][data-col="0"]').hover();
		assert.equal(await avg.locator('.cnn-explain-sum').textContent(), '(1 + 3 + 5 + 6) / 4 = 3.75');
		await shootWidget(avg, 'pool-average-light');
	});

	test('a colour picture is pooled channel by channel on canvases', async () => {
		const widget = ctx.page.locator('.block-language-cnn-pool').filter({ has: ctx.page.locator('.cnn-fmap') }).first().locator('.cnn-notes.cnn-pool');
		await scrollThroughBlocks(ctx.page, widget); // the picture block is below the fold
		await widget.waitFor();
		assert.match(await widget.locator('.cnn-shape').textContent(), /^Shape \d+x\d+x3$/);
		await shootWidget(widget, 'pool-picture-light');
		assert.deepEqual(ctx.page.problems, []);
	});

	test('hovering a global pooling does not change the block\'s height (the 4x4 matrix, and a 256x256 rgb picture)', async () => {
		const height = (block) => block.evaluate((el) => el.getBoundingClientRect().height);
		await scrollThroughBlocks(ctx.page, ctx.page.locator('.block-language-cnn-pool').filter({ hasText: 'Global average pooling: each channel' }));
		const global = ctx.page.locator('.block-language-cnn-pool').filter({ hasText: 'Global average pooling: each channel' }).first();
		await showBlock(global);
		const before = await height(global);
		await global.locator('.cnn-grid[data-role="output"] .cnn-cell[data-row="0"][data-col="0"]').hover();
		assert.equal(await global.locator('.cnn-explain-sum').textContent(), '(1 + 3 + 2 + 4 + 5 + 6 + 1 + 2 + 7 + 2 + 9 + 0 + 1 + 4 + 3 + 8) / 16 = 3.63');
		assert.equal(await height(global), before);
		await ctx.page.evaluate((md) => window.cnnPreview.renderSnippet(md), '```cnn-pool\nimage: "[[checkerboard.png]]"\nchannels: rgb\nglobal: avg\n```\n');
		const picture = ctx.page.locator('.block-language-cnn-pool');
		await picture.locator('.cnn-fmap[data-role="output"]').waitFor();
		await shootWidget(picture, 'pool-global-rgb-before-hover-light');
		const unhovered = await height(picture);
		await picture.locator('.cnn-fmap[data-role="output"] .cnn-fmap-frame').hover();
		assert.equal(await picture.locator('.cnn-explain-sum').count(), 3);
		assert.equal(await height(picture), unhovered);
		await shootWidget(picture, 'pool-global-rgb-hover-light');
		assert.deepEqual(ctx.page.problems, []);
		await openNote(ctx.page, 'en/Pooling.md');
	});

	test('the chain shows every shape and traces a pooled cell back to the input', async () => {
		await scrollThroughBlocks(ctx.page); // the last chain of the note is below the fold
		const chain = ctx.page.locator('.cnn-notes.cnn-conv').filter({ has: ctx.page.locator('.cnn-chain') }).last();
		assert.equal(await chain.locator('.cnn-chain').textContent(), 'Chain: 4x6x1 → conv 3x3 x1 → 2x4x1 → ReLU → 2x4x1 → average pooling 3 → 1x2x1');
		const pooled = chain.locator('.cnn-grid[data-role="output"]').nth(2);
		await pooled.locator('.cnn-cell[data-row="0"][data-col="0"]').hover();
		assert.match(await chain.locator('.cnn-explain-sum').textContent(), /^\(.*\) \/ \d = /);
		assert.ok((await chain.locator('.cnn-grid[data-role="input"] .cnn-cell.is-tap').count()) > 9);
		await shootWidget(chain, 'chain-light');
	});
});
