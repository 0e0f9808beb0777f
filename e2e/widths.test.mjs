// The preview at the three widths that matter (issue 12): a 1280x900 desktop, Obsidian's 450 px
// hover preview width, and a 390x844 touch phone. The preview's own layout (the file list beside
// the note, or collapsed into the top bar's drawer) is checked strictly; every widget of every note
// of the example vault is measured against its column, and the page against horizontal overflow.
// Screenshots in light and dark go to output/screenshots/widths/.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
	SCREENS, describeOverflow, notes, openNote, openPreview, pageOverflow, screenshot, scrollThroughBlocks, startPreview, widerThanColumn,
} from './helpers.mjs';

const WIDGETS = '.preview-content [class*="block-language-cnn-"]';
const SCREENSHOT_NOTES = ['en/Pooling.md', 'es/Convolución.md', 'en/Classification.md'];

/**
 * Widgets known not to fit their column, by screen: "note #index (block class)" as widerThanColumn
 * reports them. Their layouts are being redone (issue 12, stage layouts and touch); the check stays
 * strict for everything else, and whatever is listed is printed as TODO with its measurements.
 * Remove entries as the widgets are fixed (the test says which ones fit now); empty = fully strict.
 * Empty: every widget of every note fits at every width (the classify widget's 2 px overflow, 702 > 700,
 * was its flatten strip's border; the stage tables replaced the wrapping conv and pool layouts).
 */
const KNOWN_TOO_WIDE = { desktop: [], popover: [], phone: [] };

const key = (f) => `${f.path} #${f.index} ${f.cls}`;

for (const [screenName, screen] of Object.entries(SCREENS)) {
	describe(`the preview at ${screen.viewport.width}x${screen.viewport.height}${screen.hasTouch ? ' (touch)' : ''}`, () => {
		let preview;
		let page;
		before(async () => {
			preview = await startPreview({}, screen);
			page = await preview.newPage();
			await openPreview(page, preview.url, { language: 'en', theme: 'light' });
		});
		after(async () => {
			await preview?.close();
		});

		test('the file list sits beside the note on the desktop and collapses into the top bar below 760 px', async () => {
			const layout = await page.evaluate(() => {
				const nav = document.querySelector('.preview-nav');
				const toggle = document.querySelector('.preview-nav-toggle');
				const sizer = document.querySelector('.preview-content .markdown-preview-sizer');
				const style = getComputedStyle(sizer);
				const navBox = nav.getBoundingClientRect();
				return {
					navShown: getComputedStyle(nav).visibility === 'visible' && navBox.right > 0,
					navWidth: navBox.width,
					toggleShown: getComputedStyle(toggle).display !== 'none',
					column: sizer.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight),
					viewport: document.documentElement.clientWidth,
				};
			});
			if (screenName === 'desktop') {
				assert.equal(layout.navShown, true);
				assert.equal(layout.navWidth, 250);
				assert.equal(layout.toggleShown, false);
				assert.equal(layout.column, 700); // Obsidian's --file-line-width
				return;
			}
			assert.equal(layout.navShown, false, 'the file list takes no width');
			assert.equal(layout.toggleShown, true);
			assert.equal(layout.column, layout.viewport - 32, 'the note column gets the width');
			const toggle = page.locator('.preview-nav-toggle');
			if (screen.hasTouch) await toggle.tap();
			else await toggle.click();
			await page.locator('.preview-nav').waitFor({ state: 'visible' });
			assert.equal(await toggle.getAttribute('aria-expanded'), 'true');
			await screenshot(page, `widths/${screenName}-file-list-light`, { fullPage: false });
			const target = page.locator('.preview-nav .nav-file-title[data-path="en/Pooling.md"]');
			if (screen.hasTouch) await target.tap();
			else await target.click();
			await page.locator('.preview-content.markdown-preview-view[data-path="en/Pooling.md"][data-state="ready"]').waitFor();
			assert.equal(await toggle.getAttribute('aria-expanded'), 'false', 'choosing a note closes the drawer');
			await page.locator('.preview-nav').waitFor({ state: 'hidden' });
			// The top bar itself (toggle, name, switches) fits a 360 px phone.
			const small = await page.evaluate(() => {
				const bar = document.querySelector('.preview-topbar');
				return { scroll: bar.scrollWidth, client: bar.clientWidth };
			});
			assert.ok(small.scroll <= small.client, `top bar overflows: ${JSON.stringify(small)}`);
			assert.deepEqual(page.problems, []);
		});

		test('no widget of any note is wider than its column, and the page never scrolls sideways', async (t) => {
			const found = [];
			const overflowing = [];
			for (const path of notes()) {
				await openNote(page, path);
				await scrollThroughBlocks(page);
				found.push(...(await widerThanColumn(page, WIDGETS)));
				const page_ = await pageOverflow(page);
				if (page_.overflow > 0) overflowing.push(`${path}: the page scrolls ${page_.overflow} px sideways`);
				if (SCREENSHOT_NOTES.includes(path)) {
					await screenshot(page, `widths/${screenName}-${path.replace(/[/ ]/g, '-').replace(/\.md$/, '')}-light`);
					await page.evaluate(() => window.cnnPreview.setTheme('dark'));
					await screenshot(page, `widths/${screenName}-${path.replace(/[/ ]/g, '-').replace(/\.md$/, '')}-dark`);
					await page.evaluate(() => window.cnnPreview.setTheme('light'));
				}
			}
			const known = new Set(KNOWN_TOO_WIDE[screenName]);
			const unexpected = found.filter((f) => !known.has(key(f)));
			const stillKnown = found.filter((f) => known.has(key(f)));
			const fixed = [...known].filter((k) => !found.some((f) => key(f) === k));
			if (stillKnown.length) t.diagnostic(`known, still too wide (KNOWN_TOO_WIDE.${screenName}):\n${describeOverflow(stillKnown)}`);
			if (fixed.length) t.diagnostic(`fit now, remove from KNOWN_TOO_WIDE.${screenName}: ${fixed.join('; ')}`);
			assert.deepEqual(unexpected, [], `widgets wider than their column at ${screenName}:\n${describeOverflow(unexpected)}`);
			if (stillKnown.length === 0) assert.deepEqual(overflowing, [], overflowing.join('\n'));
			else if (overflowing.length) t.diagnostic(`page overflow while known widgets are too wide:\n${overflowing.join('\n')}`);
			assert.deepEqual(page.problems, []);
		});
	});
}
