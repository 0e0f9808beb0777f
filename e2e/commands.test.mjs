// The preview's command palette, edit mode and settings view (preview/src/palette.ts,
// note-editor.ts, settings-panel.ts), in real Chromium on the real build: an editor command inserts
// a live block, and the plugin's settings change the open widgets at once.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { openNote, openPreview, SCREENS, screenshot, startPreview, waitRendered } from './helpers.mjs';

const NOTE = 'en/ReLU.md';
const CONTENT = '.preview-content';

/** The settings row named `name` (its name cell's text). */
const settingRow = (page, name) => page.locator('.preview-settings .setting-item').filter({ has: page.locator('.setting-item-name', { hasText: name }) });

/** Nothing is wider than the viewport (no sideways scrolling) and the open modal, if any, fits in it. */
async function fitsViewport(page) {
	return page.evaluate(() => {
		const vw = document.documentElement.clientWidth;
		const modal = document.querySelector('.preview-modal')?.getBoundingClientRect();
		const top = document.querySelector('.preview-topbar');
		return {
			vw,
			page: document.documentElement.scrollWidth,
			topbar: top ? top.scrollWidth - top.clientWidth : 0,
			modal: modal ? { left: modal.left, right: modal.right, top: modal.top, bottom: modal.bottom, vh: document.documentElement.clientHeight } : null,
		};
	});
}

function assertFits(box, label) {
	assert.ok(box.page <= box.vw, `${label}: the page is ${box.page} px wide in a ${box.vw} px viewport`);
	assert.ok(box.topbar <= 0, `${label}: the top bar overflows by ${box.topbar} px`);
	if (box.modal) assert.ok(box.modal.left >= 0 && box.modal.right <= box.vw && box.modal.top >= 0 && box.modal.bottom <= box.modal.vh, `${label}: modal ${JSON.stringify(box.modal)}`);
}

describe('command palette, edit mode and settings in the preview', () => {
	let preview;
	let page;
	before(async () => {
		preview = await startPreview();
		page = await preview.newPage();
		await openPreview(page, preview.url, { language: 'en', theme: 'light', path: NOTE });
		await waitRendered(page, NOTE);
	});
	after(async () => {
		await preview?.close();
	});

	test('outside edit mode the palette lists the insert commands, disabled (they need an editor)', async () => {
		await page.locator('[data-preview-action="commands"]').click();
		const item = page.locator('.preview-palette-item[data-command="insert-conv-block"]');
		assert.equal(await item.textContent(), 'CNN Notes: Insert a convolution blockedit mode');
		assert.equal(await item.getAttribute('aria-disabled'), 'true');
		await page.keyboard.press('Escape');
		assert.equal(await page.locator('.preview-palette').count(), 0);
	});

	test('edit mode, Ctrl+P, "Insert a convolution block", back to reading: a new live conv widget', async () => {
		const before = await page.locator(`${CONTENT} .block-language-cnn-conv`).count();
		await page.locator('[data-mode="edit"]').click();
		const textarea = page.locator('.preview-editor-text');
		await textarea.waitFor({ state: 'visible' });
		assert.match(await textarea.inputValue(), /# ReLU|ReLU/);
		await textarea.focus();
		await page.keyboard.press('Control+End');
		await page.keyboard.press('Control+p');
		await page.locator('.preview-palette-input').waitFor();
		await page.keyboard.type('convolution');
		const shown = await page.locator('.preview-palette-item').allTextContents();
		assert.deepEqual(shown, ['CNN Notes: Insert a convolution block']);
		await screenshot(page, 'commands/palette-1280-light', { fullPage: false });
		await page.keyboard.press('Enter');
		assert.equal(await page.locator('.preview-palette').count(), 0);
		const text = await textarea.inputValue();
		assert.match(text, /\n\n```cnn-conv\n# A 5x5 input and a 3x3 kernel[\s\S]*\n```\n$/);
		// The cursor is after the block, in the textarea (focused).
		const cursor = await textarea.evaluate((el) => ({ at: el.selectionStart, length: el.value.length, focused: document.activeElement === el }));
		assert.deepEqual(cursor, { at: text.length, length: text.length, focused: true });

		await page.locator('[data-mode="read"]').click();
		await waitRendered(page, NOTE);
		const blocks = page.locator(`${CONTENT} .block-language-cnn-conv`);
		assert.equal(await blocks.count(), before + 1);
		await blocks.last().scrollIntoViewIfNeeded(); // widgets start when scrolled near
		await page.waitForFunction((sel) => {
			const all = document.querySelectorAll(sel);
			return all[all.length - 1]?.getAttribute('data-state') === 'ready';
		}, `${CONTENT} .block-language-cnn-conv`);
		const output = await blocks.last().locator('.cnn-grid[data-role="output"] .cnn-cell').evaluateAll((cells) => cells.map((c) => Number(c.getAttribute('data-value'))));
		assert.deepEqual(output, [4, 3, 4, 2, 4, 3, 2, 3, 4]);
		assert.deepEqual(page.problems, []);
	});

	test('settings: "Show code" off removes every open code panel; "Code shown first" Keras puts Keras first', async () => {
		const panels = () => page.locator(`${CONTENT} .cnn-code`).count();
		assert.ok((await panels()) > 0, 'the note shows code panels');
		await page.locator('[data-preview-action="settings"]').click();
		await page.locator('.preview-settings .setting-item').first().waitFor();
		await screenshot(page, 'commands/settings-1280-light', { fullPage: false });
		await settingRow(page, 'Show code').locator('input[type="checkbox"]').click();
		await page.waitForFunction((sel) => document.querySelectorAll(sel).length === 0, `${CONTENT} .cnn-code`);
		assert.equal(await panels(), 0);
		assert.ok((await page.locator(`${CONTENT} .cnn-player`).count()) > 0, 'the widgets are still there');

		await settingRow(page, 'Show code').locator('input[type="checkbox"]').click();
		await settingRow(page, 'Code shown first').locator('select').selectOption('keras');
		await page.waitForFunction((sel) => {
			const bodies = Array.from(document.querySelectorAll(sel));
			return bodies.length > 0 && bodies.every((b) => b.querySelector('[role="tab"]')?.getAttribute('data-tab') === 'keras');
		}, `${CONTENT} .cnn-code-body`);
		const firsts = await page.locator(`${CONTENT} .cnn-code-body`).evaluateAll((bodies) =>
			bodies.map((b) => [b.querySelector('[role="tab"]')?.getAttribute('data-tab'), b.querySelector('[role="tab"][aria-selected="true"]')?.getAttribute('data-tab'), b.querySelector('[role="tabpanel"]:not([hidden])')?.getAttribute('data-tab')]),
		);
		for (const f of firsts) assert.deepEqual(f, ['keras', 'keras', 'keras']);
		await page.keyboard.press('Escape');
		assert.equal(await page.locator('.preview-settings').count(), 0);
		assert.deepEqual(page.problems, []);
	});
});

for (const [label, screen] of [
	['1280', SCREENS.desktop],
	['450', SCREENS.popover],
	['390', SCREENS.phone],
]) {
	describe(`palette and settings fit at ${label} px`, () => {
		let preview;
		let page;
		before(async () => {
			preview = await startPreview({}, screen);
			page = await preview.newPage();
		});
		after(async () => {
			await preview?.close();
		});

		for (const theme of ['light', 'dark']) {
			test(`${theme}: the tools are in the top bar; palette and settings open inside the viewport`, async () => {
				await openPreview(page, preview.url, { language: 'en', theme, path: NOTE });
				await openNote(page, NOTE);
				assertFits(await fitsViewport(page), `${label} ${theme} page`);
				for (const action of ['commands', 'settings']) {
					const box = await page.locator(`[data-preview-action="${action}"]`).boundingBox();
					assert.ok(box && box.x >= 0 && box.x + box.width <= screen.viewport.width && box.width >= (label === '390' ? 36 : 20), `${action} button ${JSON.stringify(box)}`);
				}
				await page.locator('[data-mode="edit"]').click();
				await page.locator('[data-preview-action="commands"]').click();
				await page.locator('.preview-palette-item').first().waitFor();
				assertFits(await fitsViewport(page), `${label} ${theme} palette`);
				if (label !== '450') await screenshot(page, `commands/palette-${label}-${theme}`, { fullPage: false });
				await page.keyboard.press('Escape');
				await page.locator('[data-mode="read"]').click();
				await waitRendered(page, NOTE);
				await page.locator('[data-preview-action="settings"]').click();
				await page.locator('.preview-settings .setting-item').first().waitFor();
				assertFits(await fitsViewport(page), `${label} ${theme} settings`);
				if (label !== '450') await screenshot(page, `commands/settings-${label}-${theme}`, { fullPage: false });
				await page.locator('.preview-modal-close').click();
				assert.deepEqual(page.problems, []);
			});
		}
	});
}
