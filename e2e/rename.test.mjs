// Links inside CNN blocks follow the vault, with the real plugin build in real Chromium: a picture
// that blocks link to is renamed and moved, the notes' block text names its new path (after the
// question, since the example vault does not update links on its own), and the block still loads
// it; then, a picture deleted, "Find CNN blocks with broken links" lists the blocks that link to it.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { blocksOf, noteText, openNote, screenshot, showBlock, usePreview } from './helpers.mjs';

const NOTE = 'en/Convolution.md';

/** The text of a note as the page's vault holds it now. */
const vaultText = (page, path) => page.evaluate((p) => window.cnnPreview.app.vault.read(window.cnnPreview.app.vault.getFileByPath(p)), path);

/** Polls `check` (an async function of nothing) until it returns something truthy; gives up after `timeout` ms. */
async function eventually(check, what, timeout = 15000) {
	const end = Date.now() + timeout;
	for (;;) {
		const value = await check();
		if (value) return value;
		if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
		await new Promise((r) => setTimeout(r, 100));
	}
}

describe('links inside CNN blocks follow renames', () => {
	const ctx = usePreview({ note: NOTE });

	test('a renamed, moved picture: the blocks of every note name the new path and still load it', async () => {
		const page = ctx.page;
		// The `[[edges.png]]` block of the note, by its place among the note's cnn-conv blocks.
		const index = blocksOf(noteText(NOTE), 'cnn-conv').findIndex((b) => b.includes('[[edges.png]]'));
		assert.ok(index >= 0, 'the example note links edges.png from a cnn-conv block');
		const block = () => page.locator('.markdown-preview-view .block-language-cnn-conv').nth(index);
		await showBlock(block());
		assert.equal(await block().getAttribute('data-state'), 'ready');

		const from = await page.evaluate((note) => window.cnnPreview.app.metadataCache.getFirstLinkpathDest('edges.png', note)?.path, NOTE);
		assert.ok(from, 'edges.png is in the vault');
		const linking = await page.evaluate(async () => {
			const { vault } = window.cnnPreview.app;
			const out = [];
			for (const f of vault.getMarkdownFiles()) if ((await vault.read(f)).includes('[[edges.png]]')) out.push(f.path);
			return out.sort();
		});
		assert.ok(linking.length >= 2, `both languages link edges.png: ${linking}`);

		await page.evaluate((path) => {
			const { vault } = window.cnnPreview.app;
			return vault.rename(vault.getFileByPath(path), 'moved pictures/edges of a drawing.png');
		}, from);
		// The vault does not update links on its own here: the plugin asks first.
		const update = page.locator('.modal-container [data-action="update-links"]');
		await update.waitFor({ state: 'attached', timeout: 15000 });
		assert.match(await page.locator('.modal-container').textContent(), new RegExp(`Update \\d+ links in CNN blocks in ${linking.length} notes\\?`));
		await screenshot(page, 'links/rename-question', { fullPage: false });
		await update.click();

		for (const path of linking) {
			const text = await eventually(async () => {
				const t = await vaultText(page, path);
				return t.includes('[[edges of a drawing.png]]') ? t : null;
			}, `${path} to name the new path`);
			assert.ok(!blocksOf(text, 'cnn-conv').some((b) => b.includes('[[edges.png]]')), `${path} keeps no old link inside its blocks`);
			// Links outside the blocks are Obsidian's to update: the preview's vault leaves them.
			assert.equal(text.split('![[edges.png]]').length, noteText(path).split('![[edges.png]]').length, `${path}: links outside blocks untouched`);
			assert.equal(text.split('\n').length, noteText(path).split('\n').length, `${path}: only link text changed`);
		}
		const notice = await page.locator('.notice').filter({ hasText: 'Updated' }).first().textContent();
		assert.match(notice, new RegExp(`in \\d+ CNN blocks of ${linking.length} notes\\.`));

		await openNote(page, NOTE);
		await showBlock(block());
		assert.equal(await block().getAttribute('data-state'), 'ready');
		assert.deepEqual(page.problems, []);
	});

	test('a deleted picture: the command lists the blocks that link to it and opens a note at the line', async () => {
		const page = ctx.page;
		const deleted = await page.evaluate(async () => {
			const { app } = window.cnnPreview;
			const file = app.metadataCache.getFirstLinkpathDest('checkerboard.png', 'en/Convolution.md');
			await app.vault.delete(file);
			return file.path;
		});
		assert.ok(deleted);
		await page.evaluate(() => window.cnnPreview.plugin.commands.find((c) => c.id === 'find-broken-links').callback());
		const rows = page.locator('.modal-container [data-action="open-broken-link"]');
		await rows.first().waitFor({ state: 'attached', timeout: 15000 });
		const listed = await rows.evaluateAll((els) => els.map((el) => [el.getAttribute('data-path'), Number(el.getAttribute('data-line')), el.querySelector('code')?.textContent]));
		const expected = [];
		for (const path of ['en/Convolution.md', 'en/Pooling.md', 'es/Convolución.md', 'es/Pooling.md']) {
			noteText(path)
				.split('\n')
				.forEach((line, i) => {
					if (/^image: .*\[\[checkerboard\.png\]\]/.test(line)) expected.push([path, i, line.slice('image: '.length)]);
				});
		}
		assert.ok(expected.length >= 4);
		for (const row of expected) assert.ok(listed.some((l) => JSON.stringify(l) === JSON.stringify(row)), `listed: ${JSON.stringify(row)}`);
		assert.equal(listed.length, expected.length, `only the checkerboard links are broken: ${JSON.stringify(listed)}`);
		await screenshot(page, 'links/broken-links', { fullPage: false });

		const [path, line] = expected[0];
		await rows.filter({ hasText: path }).first().click();
		const opened = await eventually(
			() => page.evaluate(() => {
				const leaf = window.cnnPreview.app.workspace.leaves.at(-1);
				return leaf ? { path: leaf.view.file?.path, line: leaf.openedAt } : null;
			}),
			'the note to open',
		);
		assert.deepEqual(opened, { path, line });
		assert.equal(await page.locator('.modal-container').count(), 0);
		assert.deepEqual(page.problems, []);
	});
});
