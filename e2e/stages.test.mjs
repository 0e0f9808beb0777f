// The stage tables of cnn-conv and cnn-pool in Chromium at the three widths that matter: the note
// (1280x900, a 700 px column), Obsidian's hover preview (a 450 px column) and a phone (390x844).
// The preview's own file list does not collapse at narrow widths yet, so a small page style hides it
// and sets the note column's width; the widgets only see their column (container queries).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { openNote, showBlock, shootWidget, usePreview } from './helpers.mjs';

const CHAIN = '```cnn-conv\nsample: digit\nfilters: [sobel-x, sobel-y]\nactivation: relu\npool: max 2\n```\n';
const MATRIX = '```cnn-conv\ninput: |\n  1 1 1 0 0\n  0 1 1 1 0\n  0 0 1 1 1\n  0 0 1 1 0\n  0 1 1 0 0\nkernel: |\n  1 0 1\n  0 1 0\n  1 0 1\n```\n';
const MATRIX_CHAIN = '```cnn-conv\ninput: |\n  0 0 9 9 0 0 1 2\n  0 0 9 9 0 0 3 4\n  0 0 9 9 0 0 5 6\n  0 0 9 9 0 0 7 8\n  0 0 9 9 0 0 9 9\n  0 0 9 9 0 0 1 1\n  0 0 9 9 0 0 2 2\n  0 0 9 9 0 0 3 3\npadding: same\nfilters: [sobel-x, sobel-y, laplacian]\nactivation: relu\npool: max 2\n```\n';
const POOL = '```cnn-pool\ninput: |\n  1 3 2 4\n  5 6 1 2\n  7 2 9 0\n  1 4 3 8\ntype: max\nsize: 2\nstride: 2\n```\n';

/** [name, viewport, column width (null: the preview's own 700 px note column)]. */
const WIDTHS = [
	['700', { width: 1280, height: 900 }, null],
	['450', { width: 1280, height: 900 }, 450],
	['390', { width: 390, height: 844 }, 390],
];

/** The page style that narrows the note column, per page (replaced at each width). */
const widthStyles = new WeakMap();

/** Sets the viewport and the note column's width (hiding the preview's file list when narrowed). */
async function setWidth(page, viewport, column) {
	await page.setViewportSize(viewport);
	await widthStyles.get(page)?.evaluate((el) => el.remove());
	widthStyles.delete(page);
	if (!column) return;
	const css = `.preview-nav { display: none; } .preview-shell { background: none; } .markdown-preview-sizer { max-width: ${column}px; padding-left: 0; padding-right: 0; box-sizing: border-box; }`;
	widthStyles.set(page, await page.addStyleTag({ content: css }));
}

/** Renders one block as the note's content and waits until it is ready; returns its `.block-language-…` locator. */
async function renderBlock(page, markdown) {
	await page.evaluate((md) => window.cnnPreview.renderSnippet(md), markdown);
	const block = page.locator('.markdown-preview-view [class*="block-language-cnn-"]').first();
	await showBlock(block);
	return block;
}

/** Problems of layout in a block: the widget wider than its column, or an arrow not on a line with its map. */
function layoutProblems(block) {
	return block.evaluate((el) => {
		const problems = [];
		const root = el.querySelector('.cnn-notes');
		const column = el.getBoundingClientRect();
		const box = root.getBoundingClientRect();
		if (box.right > column.right + 0.5 || box.left < column.left - 0.5) problems.push(`widget ${box.width} px in a ${column.width} px column`);
		for (const part of [root, ...root.querySelectorAll('.cnn-stages, .cnn-stage-table, .cnn-stage-rows, .cnn-stage-row, .cnn-stage-cell')]) {
			if (part.scrollWidth > part.clientWidth + 1) problems.push(`${part.className} overflows: ${part.scrollWidth} > ${part.clientWidth}`);
			const r = part.getBoundingClientRect();
			if (r.right > box.right + 0.5) problems.push(`${part.className} ends ${r.right - box.right} px past the widget`);
		}
		for (const figure of root.querySelectorAll('.cnn-stages .cnn-figure')) {
			const r = figure.getBoundingClientRect();
			if (r.right > box.right + 0.5 || r.left < box.left - 0.5) problems.push(`a map (${figure.textContent.slice(0, 30)}) leaves the widget`);
		}
		// Every arrow shares a line with the map it produces: side by side (glyph →, vertical overlap),
		// or above it (glyph ↓, horizontal overlap), with no more than 24 px between them.
		for (const arrow of root.querySelectorAll('.cnn-stage-arrow')) {
			const body = arrow.nextElementSibling;
			const what = arrow.textContent;
			if (!body?.classList.contains('cnn-stage-body')) {
				problems.push(`arrow "${what}" has no map after it`);
				continue;
			}
			const a = arrow.getBoundingClientRect();
			const b = body.getBoundingClientRect();
			const glyph = getComputedStyle(arrow, '::after').content;
			const vertical = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
			const horizontal = Math.min(a.right, b.right) - Math.max(a.left, b.left);
			const side = vertical > 0 && b.left - a.right >= -1 && b.left - a.right <= 24;
			const above = horizontal > 0 && b.top - a.bottom >= -1 && b.top - a.bottom <= 24;
			if (glyph.includes('→') && !side) problems.push(`arrow "${what}" → is not beside its map`);
			else if (glyph.includes('↓') && !above) problems.push(`arrow "${what}" ↓ is not above its map`);
			else if (!side && !above) problems.push(`operator "${what}" is alone on its line`);
			// Nothing else of the block on the arrow's line between it and its map.
			for (const other of root.querySelectorAll('.cnn-stage-arrow, .cnn-stage-body')) {
				if (other === arrow || other === body) continue;
				const o = other.getBoundingClientRect();
				const between = side
					? o.left >= a.right - 1 && o.right <= b.left + 1 && Math.min(o.bottom, a.bottom) > Math.max(o.top, a.top)
					: o.top >= a.bottom - 1 && o.bottom <= b.top + 1 && Math.min(o.right, a.right) > Math.max(o.left, a.left);
				if (between) problems.push(`something lies between arrow "${what}" and its map`);
			}
		}
		return problems;
	});
}

/** The block's height. */
const heightOf = (block) => block.evaluate((el) => el.getBoundingClientRect().height);

/** Whether an element's box intersects the viewport. */
const onScreen = (locator) =>
	locator.evaluate((el) => {
		const r = el.getBoundingClientRect();
		return r.bottom > 0 && r.top < innerHeight && r.right > 0 && r.left < innerWidth && r.height > 0;
	});

/** On screen and not covered (e.g. by the sticky explanation): the element at the cell's centre is the cell or inside it. */
const uncovered = (locator) =>
	locator.evaluate((el) => {
		const r = el.getBoundingClientRect();
		const top = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
		return r.bottom > 0 && r.top < innerHeight && top !== null && el.contains(top);
	});

/** Scrolls an element to the top of the screen (the explanation's own place then lies far below). */
const toTop = (locator) => locator.evaluate((el) => el.scrollIntoView({ block: 'start' }));

for (const theme of ['light', 'dark']) {
	describe(`stage tables, ${theme}`, () => {
		const ctx = usePreview({ language: theme === 'light' ? 'en' : 'es', theme });

		for (const [name, viewport, column] of WIDTHS) {
			test(`${name} px: no conv or pool widget wider than its column, no arrow or operator away from its map; screenshots`, async () => {
				const { page } = ctx;
				await setWidth(page, viewport, column);
				for (const [label, md] of [['chain', CHAIN], ['matrix', MATRIX], ['matrix-chain', MATRIX_CHAIN], ['pool', POOL]]) {
					const block = await renderBlock(page, md);
					assert.deepEqual(await layoutProblems(block), [], `${label} at ${name} px`);
					const arrows = await block.locator('.cnn-stage-arrow').count();
					assert.ok(arrows >= 1, `${label} has arrows`);
					if (label === 'chain' || label === 'matrix') await shootWidget(block, `stages-${label}-${name}-${theme}`);
				}
				assert.deepEqual(page.problems, []);
			});

			test(`${name} px: every conv and pool block of the course notes fits its column with its arrows beside or above their maps`, async () => {
				const { page } = ctx;
				await setWidth(page, viewport, column);
				const notes = theme === 'light' ? ['en/Convolution.md', 'en/Pooling.md'] : ['es/Convolución.md', 'es/Pooling.md'];
				for (const note of notes) {
					await openNote(page, note);
					const blocks = page.locator('.markdown-preview-view .block-language-cnn-conv, .markdown-preview-view .block-language-cnn-pool');
					const count = await blocks.count();
					assert.ok(count >= 5, `${note} has conv or pool blocks`);
					for (let i = 0; i < count; i++) {
						const block = blocks.nth(i);
						await showBlock(block);
						if ((await block.getAttribute('data-state')) !== 'ready') continue; // the notes show some error boxes on purpose
						assert.deepEqual(await layoutProblems(block), [], `${note}, block ${i + 1}, at ${name} px`);
					}
				}
				assert.deepEqual(page.problems, []);
			});

			test(`${name} px: the explanation of a hovered cell is on screen with the cell, and the block keeps its height across cells`, async () => {
				const { page } = ctx;
				await setWidth(page, viewport, column);
				// A matrix chain: every output cell of filter 1's first map, then pooled cells of the last filter.
				let block = await renderBlock(page, MATRIX_CHAIN);
				const before = await heightOf(block);
				const first = block.locator('.cnn-stage-row').first().locator('.cnn-grid[data-role="output"]').first();
				await toTop(first);
				const heights = new Set();
				for (const [r, c] of [[0, 0], [0, 7], [3, 3], [7, 0], [7, 7], [4, 5]]) {
					const cell = first.locator(`.cnn-cell[data-row="${r}"][data-col="${c}"]`);
					await cell.hover();
					assert.ok(await uncovered(cell), `cell ${r},${c} on screen and not covered`);
					assert.ok(await onScreen(block.locator('.cnn-explain')), `explanation of ${r},${c} on screen with it`);
					heights.add(await heightOf(block));
				}
				const pooled = block.locator('.cnn-stage-row').last().locator('.cnn-grid[data-role="output"]').last();
				for (const [r, c] of [[0, 0], [3, 3], [1, 2]]) {
					const cell = pooled.locator(`.cnn-cell[data-row="${r}"][data-col="${c}"]`);
					await cell.hover();
					assert.ok(await uncovered(cell) && (await onScreen(block.locator('.cnn-explain'))), `pooled ${r},${c} (not covered) and its explanation on screen`);
					heights.add(await heightOf(block));
				}
				assert.deepEqual([...heights], [before], 'block height while hovering across cells');

				// A picture chain: canvases, hovered at several places of filter 1's conv map and filter 2's pooled map.
				block = await renderBlock(page, CHAIN);
				const unhovered = await heightOf(block);
				const map = block.locator('.cnn-stage-row').first().locator('.cnn-fmap[data-role="output"] .cnn-fmap-frame').first();
				await toTop(map);
				const seen = new Set();
				const size = await map.boundingBox();
				for (const [fx, fy] of [[0.1, 0.1], [0.5, 0.5], [0.9, 0.2], [0.3, 0.8]]) {
					await map.hover({ position: { x: size.width * fx, y: size.height * fy } });
					assert.match(await block.locator('.cnn-explain-title').textContent(), /(row|fila) \d+/);
					assert.ok(await onScreen(map), 'the hovered map is on screen');
					assert.ok(await onScreen(block.locator('.cnn-explain')), 'its explanation is on screen with it');
					seen.add(await heightOf(block));
				}
				const last = block.locator('.cnn-stage-row').last().locator('.cnn-fmap[data-role="output"] .cnn-fmap-frame').last();
				await last.hover({ position: { x: 3, y: 3 } });
				assert.ok((await onScreen(last)) && (await onScreen(block.locator('.cnn-explain'))), 'pooled map and its explanation on screen');
				seen.add(await heightOf(block));
				assert.deepEqual([...seen], [unhovered], 'picture chain height while hovering');
				if (name !== '700') await shootWidget(block, `stages-chain-hover-${name}-${theme}`);
				assert.deepEqual(page.problems, []);
			});
		}
	});
}
