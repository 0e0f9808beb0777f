// The convolution widget's interactions in real Chromium, on the real build: stepping, hovering an
// output cell for its arithmetic, editing a kernel weight, keyboard control, and a vault image
// decoded by the browser. Screenshots of the widgets go to output/screenshots/widgets/.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { openNote, readGrids, scrollThroughBlocks, shootWidget, usePreview } from './helpers.mjs';
import { conv2d } from './reference.mjs';

const SEED_INPUT = [
	[1, 1, 1, 0, 0],
	[0, 1, 1, 1, 0],
	[0, 0, 1, 1, 1],
	[0, 0, 1, 1, 0],
	[0, 1, 1, 0, 0],
];


describe('the convolution widget in Chromium', () => {
	const ctx = usePreview({ language: 'en', theme: 'light', note: 'en/Convolution.md' });

	const seed = () => ctx.page.locator('.block-language-cnn-conv .cnn-notes.cnn-conv').first();

	test('stepping writes each of the 9 sums of the seed example in turn', async () => {
		const widget = seed();
		const sums = [];
		for (let i = 0; i < 9; i++) {
			await widget.getByRole('button', { name: 'Step forward' }).click();
			sums.push(await widget.locator('.cnn-explain-result').textContent());
			const pending = await widget.locator('.cnn-grid[data-role="output"] .cnn-cell.is-pending').count();
			assert.equal(pending, 8 - i);
		}
		assert.deepEqual(sums, ['4', '3', '4', '2', '4', '3', '2', '3', '4']);
		assert.equal(await widget.locator('.cnn-player-status').textContent(), 'Step 9 of 9');
		await shootWidget(widget, 'conv-stepping-light');
		await widget.getByRole('button', { name: 'Step forward' }).click();
		assert.equal(await widget.locator('.cnn-player-status').textContent(), 'All 9 steps done');
	});

	test('hovering an output cell shows its arithmetic and its input patch', async () => {
		const widget = seed();
		await widget.locator('.cnn-grid[data-role="output"] .cnn-cell[data-row="1"][data-col="2"]').hover();
		assert.equal(await widget.locator('.cnn-explain-sum').textContent(), '1×1 + 1×0 + 0×1 + 1×0 + 1×1 + 1×0 + 1×1 + 1×0 + 0×1 = 3');
		const taps = await widget.locator('.cnn-grid[data-role="input"] .cnn-cell.is-tap').evaluateAll((cells) => cells.map((c) => `${c.dataset.row},${c.dataset.col}`));
		assert.deepEqual(taps.sort(), ['1,2', '1,3', '1,4', '2,2', '2,3', '2,4', '3,2', '3,3', '3,4']);
		await shootWidget(widget, 'conv-hover-light');
	});

	test('the keyboard moves the output cursor and space plays', async () => {
		const widget = seed();
		await widget.locator('.cnn-grid[data-role="output"] .cnn-cell[data-row="0"][data-col="0"]').focus();
		await ctx.page.keyboard.press('ArrowDown');
		await ctx.page.keyboard.press('ArrowRight');
		assert.equal(await widget.locator('.cnn-explain-title').textContent(), 'Output row 2, column 2');
		await ctx.page.keyboard.press(' ');
		assert.equal(await widget.getByRole('button', { name: 'Pause' }).count(), 1);
		await ctx.page.keyboard.press(' ');
		assert.equal(await widget.getByRole('button', { name: 'Play' }).count(), 1);
	});

	test('typing a kernel weight changes the output at once', async () => {
		const widget = seed();
		const weight = widget.locator('.cnn-grid[data-role="kernel"] .cnn-cell[data-row="1"][data-col="1"] input');
		await weight.fill('-3');
		const grids = await readGrids(widget);
		const expected = conv2d(SEED_INPUT, [[1, 0, 1], [0, -3, 0], [1, 0, 1]]);
		assert.deepEqual(grids.find((g) => g.role === 'output')?.cells, expected);
		await shootWidget(widget, 'conv-edited-light');
		// The edit is saved into the note once the focus leaves the widget, and the note renders again
		// (a new widget, its save line quiet): wait for that before the next test uses the note.
		await ctx.page.locator('.inline-title').click();
		await ctx.page.waitForFunction(() => {
			const block = document.querySelector('.block-language-cnn-conv');
			const ready = document.querySelector('.markdown-preview-view')?.getAttribute('data-state') === 'ready';
			return ready && block?.getAttribute('data-save-state') === 'saved' && block.querySelector('.cnn-save-bar.is-quiet') !== null;
		});
	});

	test('a vault image is decoded by the browser and convolved on canvases', async () => {
		const widget = ctx.page.locator('.block-language-cnn-conv').filter({ has: ctx.page.locator('.cnn-fmap') }).first().locator('.cnn-notes.cnn-conv');
		await scrollThroughBlocks(ctx.page, widget); // the first picture block is below the fold
		await widget.waitFor();
		const painted = await widget.locator('.cnn-fmap[data-role="input"] canvas').evaluate((canvas) => {
			const ctx = canvas.getContext('2d');
			const { data } = ctx.getImageData(0, 0, canvas.width, canvas.height);
			let opaque = 0;
			const colours = new Set();
			for (let i = 0; i < data.length; i += 4) {
				if (data[i + 3] > 0) opaque++;
				colours.add(`${data[i]},${data[i + 1]},${data[i + 2]}`);
			}
			return { width: canvas.width, height: canvas.height, opaque, colours: colours.size };
		});
		assert.ok(painted.width > 12 && painted.height > 12, `input canvas is ${painted.width}x${painted.height}`);
		assert.equal(painted.opaque, painted.width * painted.height);
		assert.ok(painted.colours > 1, 'the picture has more than one colour');
		const output = widget.locator('.cnn-fmap[data-role="output"]').first();
		await output.focus();
		await ctx.page.keyboard.press('ArrowRight');
		assert.match(await widget.locator('.cnn-explain-title').textContent(), /Output row 1, column/);
		assert.match(await widget.locator('.cnn-explain-sum').textContent(), /= -?\d/);
		await shootWidget(widget, 'conv-image-light');
		assert.deepEqual(ctx.page.problems, []);
	});

	test('real JPEG and WebP bytes (made by the browser) are decoded; corrupt and missing files get messages', async () => {
		await ctx.page.evaluate(async () => {
			const canvas = document.createElement('canvas');
			canvas.width = 40;
			canvas.height = 30;
			const ctx = canvas.getContext('2d');
			ctx.fillStyle = '#fff';
			ctx.fillRect(0, 0, 40, 30);
			ctx.fillStyle = '#000';
			ctx.fillRect(10, 5, 20, 20);
			const bytes = async (type) => (await new Promise((resolve) => canvas.toBlob(resolve, type, 0.95))).arrayBuffer();
			const vault = window.cnnPreview.app.vault;
			await vault.createBinary('e2e/square.jpg', await bytes('image/jpeg'));
			await vault.createBinary('e2e/square.webp', await bytes('image/webp'));
			await vault.createBinary('e2e/broken.png', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]).buffer);
		});
		const blocks = ['square.jpg', 'square.webp', 'broken.png', 'nowhere.png'].map((f) => '```cnn-conv\nimage: "[[e2e/' + f + ']]"\nkernel: sobel-x\n```\n');
		await ctx.page.evaluate((md) => window.cnnPreview.renderSnippet(md), blocks.join('\n'));
		const all = ctx.page.locator('.block-language-cnn-conv');
		await ctx.page.waitForFunction(() => document.querySelectorAll('.block-language-cnn-conv .is-loading').length === 0);
		for (const i of [0, 1]) {
			const widget = all.nth(i).locator('.cnn-notes.cnn-conv');
			assert.equal(await widget.locator('.cnn-shape').textContent(), 'Shape 28x38x1');
			const dark = await widget.locator('.cnn-fmap[data-role="input"] canvas').evaluate((canvas) => {
				const { data } = canvas.getContext('2d').getImageData(20, 15, 1, 1);
				return data[0];
			});
			assert.ok(dark < 40, `the centre of the decoded square is dark (${dark})`);
		}
		assert.match(await all.nth(2).locator('.cnn-notes-error').textContent(), /could not be decoded as an image/);
		assert.match(await all.nth(3).locator('.cnn-notes-error').textContent(), /was not found in the vault/);
		await openNote(ctx.page, 'en/Convolution.md');
	});

	test('a kernel edit on the rgb picture chain repaints only the edited filter, exactly as the edited block renders afresh', async () => {
		const block = (second) => '```cnn-conv\nimage: "[[checkerboard.png]]"\nchannels: rgb\nfilters:\n  - sobel-x\n  - ' + second + '\nactivation: relu\npool: max 2\n```\n';
		const pixels = () =>
			ctx.page.evaluate(() =>
				Array.from(document.querySelectorAll('.cnn-conv .cnn-fmap[data-role="output"] canvas'), (canvas) => {
					const { data } = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height);
					let hash = 0;
					for (let i = 0; i < data.length; i++) hash = (Math.imul(hash, 31) + data[i]) | 0;
					return `${canvas.width}x${canvas.height}:${hash}`;
				}),
			);
		const legends = () => ctx.page.locator('.cnn-conv .cnn-legend').evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')));
		await ctx.page.evaluate((md) => window.cnnPreview.renderSnippet(md), block('sobel-y'));
		const widget = ctx.page.locator('.block-language-cnn-conv .cnn-notes.cnn-conv');
		await widget.waitFor();
		const before = await pixels();
		assert.equal(before.length, 6); // maps of filters 1 and 2: output, relu, pooled
		await widget.locator('.cnn-kernel-editor').nth(1).locator('.cnn-cell[data-row="1"][data-col="1"] input').fill('3');
		const edited = await pixels();
		const editedLegends = await legends();
		await shootWidget(widget, 'chain-rgb-edited-light');
		// One row per filter: filter 1's output, relu and pooled maps first, then filter 2's.
		assert.deepEqual([0, 1, 2].map((i) => edited[i]), [0, 1, 2].map((i) => before[i]), "filter 1's maps keep their pixels");
		assert.notDeepEqual([3, 4, 5].map((i) => edited[i]), [3, 4, 5].map((i) => before[i]), "filter 2's maps changed");
		await ctx.page.evaluate((md) => window.cnnPreview.renderSnippet(md), block('|\n    -1 -2 -1\n    0 3 0\n    1 2 1'));
		await widget.waitFor();
		assert.deepEqual(edited, await pixels(), 'the edited widget draws what the edited block draws from scratch');
		assert.deepEqual(editedLegends, await legends());
		assert.deepEqual(ctx.page.problems, []);
		await openNote(ctx.page, 'en/Convolution.md');
	});

	test('a transposed convolution shows the stretched input and the formulas', async () => {
		const widget = ctx.page.locator('.cnn-notes.cnn-conv').filter({ hasText: 'A transposed convolution spreads the input cells 2 apart' }).first();
		await scrollThroughBlocks(ctx.page, widget);
		assert.equal(await widget.locator('.cnn-shape').textContent(), 'Shape 5x5x1');
		assert.equal(await widget.locator('.cnn-grid[data-role="input"] .cnn-cell.is-inserted').count(), 45);
		await shootWidget(widget, 'conv-transpose-light');
	});

	test('dark theme and Spanish: the same widget reads in Spanish with dark colours', async () => {
		await ctx.page.evaluate(() => window.cnnPreview.setTheme('dark'));
		await ctx.page.evaluate(() => window.cnnPreview.setLanguage('es'));
		await openNote(ctx.page, 'es/Convolución.md');
		const widget = seed();
		await widget.locator('.cnn-grid[data-role="output"] .cnn-cell[data-row="0"][data-col="0"]').hover();
		assert.equal(await widget.locator('.cnn-explain-title').textContent(), 'Salida fila 1, columna 1');
		await shootWidget(widget, 'conv-hover-dark-es');
	});
});
