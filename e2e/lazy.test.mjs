// Blocks off screen wait: in a long note, a block far below the fold shows a loading line, reads no
// picture (the page requests nothing for it) and computes nothing until it is scrolled near the screen.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { openPreview, shootWidget, showBlock, usePreview, waitRendered } from './helpers.mjs';

/** Paragraphs of text that push what follows far below the fold (thousands of pixels). */
const FILLER = Array.from({ length: 80 }, (_, i) => `Paragraph ${i + 1} of a long lesson about feature maps, kernels and strides.`).join('\n\n');

const block = (picture) => '```cnn-conv\nimage: "[[' + picture + ']]"\nkernel: sobel-x\n```';

const NOTE = [block('edges.png'), FILLER, block('checkerboard.png'), FILLER, block('digit-seven.png')].join('\n\n') + '\n';

describe('blocks far below the fold wait until scrolled to', () => {
	// Start here links no picture: every picture request below comes from the note rendered here.
	const ctx = usePreview({ language: 'en', theme: 'light' });

	const requested = (name) => ctx.page.requests.some((url) => url.includes(`/vault/attachments/${name}`));
	const state = (locator) => locator.getAttribute('data-state');

	test('the block on screen loads its picture; the two below the fold stay loading and request nothing until scrolled to', async () => {
		const page = ctx.page;
		await page.evaluate((md) => window.cnnPreview.renderSnippet(md), NOTE);
		await waitRendered(page, 'snippet.md');
		const blocks = page.locator('.block-language-cnn-conv');
		assert.equal(await blocks.count(), 3);
		const [top, middle, bottom] = [blocks.nth(0), blocks.nth(1), blocks.nth(2)];

		await showBlock(top);
		assert.equal(await state(top), 'ready');
		assert.equal(requested('edges.png'), true);
		for (const far of [middle, bottom]) {
			assert.equal(await state(far), 'loading');
			assert.equal(await far.locator('.cnn-notes-waiting').textContent(), 'Loading…');
			assert.equal(await far.locator('.cnn-fmap, .cnn-grid').count(), 0);
			const box = await far.boundingBox();
			assert.ok(box.y > 900 + 600, `the block waits far below the fold (at y = ${box.y})`);
			assert.ok(box.height >= 300, `the waiting block keeps a widget's room (${box.height} px)`);
		}
		assert.equal(requested('checkerboard.png'), false);
		assert.equal(requested('digit-seven.png'), false);

		await showBlock(middle);
		assert.equal(await state(middle), 'ready');
		assert.equal(requested('checkerboard.png'), true);
		assert.match(await middle.locator('.cnn-shape').textContent(), /^Shape \d+x\d+x1$/);
		assert.equal(await state(bottom), 'loading');
		assert.equal(requested('digit-seven.png'), false);

		await showBlock(bottom);
		assert.equal(await state(bottom), 'ready');
		assert.equal(requested('digit-seven.png'), true);
		assert.equal(await bottom.locator('.cnn-notes-waiting').count(), 0);

		// Once started a block stays started: back at the top, the blocks below keep their widgets.
		await page.evaluate(() => window.scrollTo(0, 0));
		await top.locator('.cnn-shape').waitFor();
		for (const b of [middle, bottom]) assert.equal(await state(b), 'ready');
		assert.deepEqual(page.problems, []);
	});

	test('the waiting line, light and dark (screenshots; an observer that never reports keeps it on screen)', async () => {
		const page = await ctx.preview.newPage();
		// Scrolling a block into view starts it at once; to look at the waiting line, this page's
		// IntersectionObserver watches but never reports.
		await page.addInitScript(() => {
			window.IntersectionObserver = class {
				observe() {}
				unobserve() {}
				disconnect() {}
				takeRecords() {
					return [];
				}
			};
		});
		await openPreview(page, ctx.preview.url, { language: 'en', theme: 'light' });
		await page.evaluate((md) => window.cnnPreview.renderSnippet(md), 'A block waiting to come near the screen:\n\n' + block('edges.png') + '\n');
		await waitRendered(page, 'snippet.md');
		const waiting = page.locator('.block-language-cnn-conv');
		assert.equal(await waiting.getAttribute('data-state'), 'loading');
		assert.equal(await waiting.locator('.cnn-notes-waiting').textContent(), 'Loading…');
		await shootWidget(waiting, 'waiting-light');
		await page.evaluate(() => window.cnnPreview.setTheme('dark'));
		await shootWidget(waiting, 'waiting-dark');
		assert.equal(page.requests.some((url) => url.includes('/vault/attachments/edges.png')), false);
		assert.deepEqual(page.problems, []);
		await page.close();
	});
});
