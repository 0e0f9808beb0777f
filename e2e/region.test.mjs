// Pictures in real Chromium: a `region:` block shows the region of a slide at full resolution (its
// pixels compared with the file decoded at full size), the lens shows the patch's real numbers and
// the kernel on hover, and Play sweeps row by row. Screenshots at 1280 and 390 px, light and dark.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { shootWidget, usePreview } from './helpers.mjs';

// cnn-pipeline.png is 960x330: far larger than the 256 px a widget works on.
const CONV = '```cnn-conv\nimage: "[[cnn-pipeline.png]]"\nregion: [100, 400, 48, 64]\nkernel: sobel-x\n```\n';
const POOL = '```cnn-pool\nimage: "[[cnn-pipeline.png]]"\nregion: [100, 400, 48, 64]\ntype: max\nsize: 2\n```\n';

/** Renders the two blocks and waits until both are ready; returns the conv and pool widgets. */
async function render(page) {
	await page.evaluate((md) => window.cnnPreview.renderSnippet(md), CONV + '\n' + POOL);
	await page.waitForFunction(() => {
		const blocks = document.querySelectorAll('.block-language-cnn-conv, .block-language-cnn-pool');
		return blocks.length === 2 && Array.from(blocks).every((b) => b.getAttribute('data-state') === 'ready');
	}, null, { timeout: 30000 });
	return { conv: page.locator('.block-language-cnn-conv .cnn-notes.cnn-conv'), pool: page.locator('.block-language-cnn-pool .cnn-notes.cnn-pool') };
}

/** The luma (as the plugin computes it, alpha on white) of picture pixels (x, y), decoded at full size in the page. */
async function fullResolutionLuma(page, points) {
	return page.evaluate(async (pts) => {
		const app = window.cnnPreview.app;
		const file = app.metadataCache.getFirstLinkpathDest('cnn-pipeline.png', '');
		const bitmap = await createImageBitmap(new Blob([await app.vault.readBinary(file)], { type: 'image/png' }));
		const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
		const ctx = canvas.getContext('2d');
		ctx.drawImage(bitmap, 0, 0);
		return {
			size: [bitmap.height, bitmap.width],
			values: pts.map(([x, y]) => {
				const [r, g, b, a] = ctx.getImageData(x, y, 1, 1).data;
				const al = a / 255;
				const ch = (v) => (v * al) / 255 + 1 - al;
				return 0.299 * ch(r) + 0.587 * ch(g) + 0.114 * ch(b);
			}),
		};
	}, points);
}

/** Moves the mouse over cell (row, col) of a map canvas of `rows` x `cols` cells. */
async function hoverCell(page, canvas, row, col, rows, cols) {
	const box = await canvas.boundingBox();
	await page.mouse.move(box.x + ((col + 0.5) * box.width) / cols, box.y + ((row + 0.5) * box.height) / rows);
}

const lensValues = (widget, kind) => widget.locator(`.cnn-lens-grid[data-kind="${kind}"] .cnn-lens-cell`).evaluateAll((cells) => cells.map((c) => c.getAttribute('data-value')));

for (const theme of ['light', 'dark']) {
	describe(`region and lens (${theme})`, () => {
		const ctx = usePreview({ theme, note: 'en/Convolution.md' });

		test('a region block shows the region at full resolution, and the lens the real numbers with the kernel', async () => {
			const page = ctx.page;
			await page.setViewportSize({ width: 1280, height: 900 });
			const { conv, pool } = await render(page);
			assert.match(await conv.textContent(), /Region: rows 100–147, columns 400–463 of “cnn-pipeline.png” \(330x960 pixels, height x width\), at full resolution/);
			const input = conv.locator('.cnn-fmap[data-role="input"] canvas');
			const cells = [[0, 0], [10, 20], [47, 63], [30, 5]];
			const truth = await fullResolutionLuma(page, cells.map(([r, c]) => [400 + c, 100 + r]));
			assert.deepEqual(truth.size, [330, 960]);
			for (const [i, [r, c]] of cells.entries()) {
				await hoverCell(page, input, r, c, 48, 64);
				await conv.locator('.cnn-lens').waitFor({ state: 'visible' });
				const patch = await lensValues(conv, 'patch');
				// The centre of the 3x3 patch is the hovered pixel; its neighbours off the region are padding.
				assert.ok(Math.abs(Number(patch[4]) - truth.values[i]) < 1e-4, `pixel (${r}, ${c}): lens ${patch[4]}, picture ${truth.values[i]}`);
			}
			assert.deepEqual((await lensValues(conv, 'kernel')).map(Number), [-1, 0, 1, -2, 0, 2, -1, 0, 1]);

			// An output cell: its receptive field, row by row, is the picture's pixels.
			const output = conv.locator('.cnn-fmap[data-role="output"] canvas');
			await hoverCell(page, output, 10, 20, 46, 62);
			const field = await lensValues(conv, 'patch');
			const fieldTruth = await fullResolutionLuma(page, [0, 1, 2].flatMap((i) => [0, 1, 2].map((j) => [420 + j, 110 + i])));
			field.forEach((v, k) => assert.ok(Math.abs(Number(v) - fieldTruth.values[k]) < 1e-4, `field ${k}: ${v} vs ${fieldTruth.values[k]}`));
			const lensBox = await conv.locator('.cnn-lens').boundingBox();
			const outBox = await output.boundingBox();
			assert.ok(lensBox.y < outBox.y + outBox.height + 40 && lensBox.y + lensBox.height > outBox.y - 40, 'the lens is next to the output map');
			await shootWidget(conv, `region-lens-1280-${theme}`);

			// Play sweeps rows: 46 output rows, the counter in rows.
			await conv.locator('.cnn-player-button[aria-label="Step forward"]').click();
			assert.equal(await conv.locator('.cnn-player-status').textContent(), 'Row 1 of 46');
			await pool.locator('.cnn-player-button[aria-label="Step forward"]').click();
			assert.equal(await pool.locator('.cnn-player-status').textContent(), 'Row 1 of 24');
			await hoverCell(page, pool.locator('.cnn-fmap[data-role="output"] canvas'), 3, 4, 24, 32);
			assert.equal((await lensValues(pool, 'patch')).length, 4);
			await shootWidget(pool, `region-pool-1280-${theme}`);
		});

		test('at 390 px the widget and its lens stay inside the column', async () => {
			const page = ctx.page;
			await page.setViewportSize({ width: 390, height: 844 });
			const { conv } = await render(page);
			const output = conv.locator('.cnn-fmap[data-role="output"] canvas');
			// In the middle of the screen: at the bottom edge, the explanation (a sheet at the foot of a
			// narrow screen) would open over the hovered cell and take the pointer off the map.
			await output.evaluate((el) => el.scrollIntoView({ block: 'center' }));
			await hoverCell(page, output, 40, 60, 46, 62);
			await conv.locator('.cnn-lens').waitFor({ state: 'visible' });
			const lens = await conv.locator('.cnn-lens').boundingBox();
			assert.ok(lens.x >= 0 && lens.x + lens.width <= 390, `lens ${lens.x}..${lens.x + lens.width} inside 390 px`);
			await shootWidget(conv, `region-lens-390-${theme}`);
		});
	});
}
