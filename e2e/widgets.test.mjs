// The widgets of the real plugin build, in real Chromium: the numbers they show, links between
// notes, error boxes, the language switch and the theme switch.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { blocksOf, noteText, openNote, openPreview, readGrids, screenshot, scrollThroughBlocks, startPreview, waitRendered } from './helpers.mjs';
import { blockOptions, close, conv2d, pool2d } from './reference.mjs';

describe('CNN Notes widgets in the preview', () => {
	let preview;
	let page;
	before(async () => {
		preview = await startPreview();
		page = await preview.newPage();
		await openPreview(page, preview.url, { language: 'es', theme: 'light' });
	});
	after(async () => {
		await preview?.close();
	});

	test('the installed build loads as the plugin', async () => {
		const status = await page.locator('.preview-status').textContent();
		assert.match(status, /Plugin loaded: CNN Notes/);
		const registered = await page.evaluate(() => window.cnnPreview.plugin !== null);
		assert.equal(registered, true);
		assert.deepEqual(page.problems, []);
	});

	test('the seed convolution in Convolución shows [[4,3,4],[2,4,3],[2,3,4]]', async () => {
		await openNote(page, 'es/Convolución.md');
		const widget = page.locator('.block-language-cnn-conv .cnn-notes.cnn-conv').first();
		const grids = await readGrids(widget);
		assert.deepEqual(grids.find((g) => g.role === 'input')?.cells, [
			[1, 1, 1, 0, 0],
			[0, 1, 1, 1, 0],
			[0, 0, 1, 1, 1],
			[0, 0, 1, 1, 0],
			[0, 1, 1, 0, 0],
		]);
		assert.deepEqual(grids.find((g) => g.role === 'output')?.cells, [
			[4, 3, 4],
			[2, 4, 3],
			[2, 3, 4],
		]);
		assert.match(await widget.locator('.cnn-shape').textContent(), /3\s*[x×]\s*3/);
		assert.deepEqual(page.problems, []);
	});

	for (const [overview, pooling] of [
		['es/Redes Neuronales Convolucionales.md', 'es/Pooling.md'],
		['en/Convolutional neural networks.md', 'en/Pooling.md'],
	]) {
		test(`[[Pooling]] in ${overview} opens a live pooling widget that pools its input`, async () => {
			await openNote(page, overview);
			await page.locator('a.internal-link[data-href="Pooling"]').first().click();
			await waitRendered(page, pooling);
			await scrollThroughBlocks(page); // blocks below the fold load when scrolled to
			const sources = blocksOf(noteText(pooling), 'cnn-pool');
			const widgets = page.locator('.block-language-cnn-pool');
			assert.equal(await widgets.count(), sources.length);
			let maxChecked = 0;
			for (let i = 0; i < sources.length; i++) {
				// Pictures and samples (canvases) and global pooling: e2e/pool.test.mjs and the jest tests check those.
				if (/^(image|sample|global):/m.test(sources[i])) continue;
				const opts = blockOptions(sources[i]);
				const grids = await readGrids(widgets.nth(i).locator('.cnn-notes.cnn-pool'));
				const input = grids.find((g) => g.role === 'input')?.cells;
				const output = grids.find((g) => g.role === 'output')?.cells;
				assert.ok(input && output, `pool block ${i + 1} shows an input and an output grid`);
				const expected = pool2d(input, { type: opts.type, size: opts.size, stride: opts.poolStride, padding: opts.padding });
				assert.ok(close(output, expected), `pool block ${i + 1} (${opts.type}): shows ${JSON.stringify(output)}, expected ${JSON.stringify(expected)}`);
				if (opts.type === 'max') maxChecked++;
			}
			assert.ok(maxChecked > 0, 'the pooling note has a max-pooling widget');
			const first = await readGrids(widgets.first().locator('.cnn-notes.cnn-pool'));
			assert.deepEqual(first.find((g) => g.role === 'output')?.cells, [
				[6, 4],
				[7, 9],
			]);
			assert.deepEqual(page.problems, []);
		});
	}

	test('every convolution widget of the Convolution note matches a reference convolution', async () => {
		await openNote(page, 'en/Convolution.md');
		await scrollThroughBlocks(page); // blocks below the fold load when scrolled to
		const sources = blocksOf(noteText('en/Convolution.md'), 'cnn-conv');
		const blocks = page.locator('.block-language-cnn-conv');
		assert.equal(await blocks.count(), sources.length);
		let checked = 0;
		let other = 0;
		for (let i = 0; i < sources.length; i++) {
			const widget = blocks.nth(i).locator('.cnn-notes.cnn-conv');
			if ((await widget.count()) === 0) continue; // the deliberate error example
			// Pictures and samples are drawn on canvases, transposed convolutions on a stretched input:
			// e2e/conv.test.mjs and the jest tests check those.
			if (/^(image|sample|transpose):/m.test(sources[i])) {
				other++;
				continue;
			}
			const opts = blockOptions(sources[i]);
			const grids = await readGrids(widget);
			const input = grids.find((g) => g.role === 'input').cells;
			const kernels = grids.filter((g) => g.role === 'kernel').map((g) => g.cells);
			const outputs = grids.filter((g) => g.role === 'output').map((g) => g.cells);
			const activation = /^activation:/m.test(sources[i]);
			assert.equal(outputs.length, kernels.length * (activation ? 2 : 1), `conv block ${i + 1}: one output per kernel (and its activation)`);
			kernels.forEach((kernel, f) => {
				const expected = conv2d(input, kernel, {
					stride: opts.convStride,
					padding: opts.padding,
					dilation: opts.dilation,
					flip: opts.flip,
					bias: opts.bias[f] ?? opts.bias[0] ?? 0,
				});
				assert.ok(close(outputs[f], expected), `conv block ${i + 1} filter ${f + 1}: shows ${JSON.stringify(outputs[f])}, expected ${JSON.stringify(expected)}`);
			});
			checked++;
		}
		assert.equal(checked + other, sources.length - 1);
		assert.ok(checked >= 14, `only ${checked} matrix convolutions checked`);
		assert.deepEqual(page.problems, []);
	});

	test('a broken block shows the error box, in the vault and when injected', async () => {
		await openNote(page, 'en/Convolution.md');
		const box = page.locator('.block-language-cnn-conv .cnn-notes-error');
		assert.equal(await box.count(), 1);
		assert.match(await box.textContent(), /strid/);
		assert.match(await box.textContent(), /stride/);

		await page.evaluate(() => window.cnnPreview.renderSnippet('```cnn-pool\ninput: |\n  1 2\n  3 4\ntype: biggest\n```\n'));
		await waitRendered(page, 'snippet.md');
		const injected = page.locator('.block-language-cnn-pool .cnn-notes-error');
		assert.equal(await injected.count(), 1);
		assert.match(await injected.textContent(), /type/);
		assert.equal(await page.locator('.cnn-notes.cnn-pool').count(), 0);
		assert.deepEqual(page.problems, []);
	});

	test('the error box is readable in light and dark (text contrast of at least 3:1)', async () => {
		await openNote(page, 'en/Convolution.md');
		const failures = [];
		for (const theme of ['light', 'dark']) {
			await page.evaluate((t) => window.cnnPreview.setTheme(t), theme);
			const found = await page.evaluate(() => {
				const parse = (c) => {
					const m = /rgba?\(([^)]+)\)/.exec(c);
					const [r, g, b, a = 1] = m ? m[1].split(/[,\s/]+/).filter(Boolean).map(Number) : [0, 0, 0, 0];
					return { r, g, b, a };
				};
				const over = (top, bottom) => ({
					r: top.r * top.a + bottom.r * (1 - top.a),
					g: top.g * top.a + bottom.g * (1 - top.a),
					b: top.b * top.a + bottom.b * (1 - top.a),
					a: 1,
				});
				const background = (el) => {
					const layers = [];
					for (let e = el; e; e = e.parentElement) layers.push(parse(getComputedStyle(e).backgroundColor));
					return layers.reverse().reduce((acc, layer) => over(layer, acc), { r: 255, g: 255, b: 255, a: 1 });
				};
				const luminance = ({ r, g, b }) => {
					const f = (v) => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
					return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
				};
				const box = document.querySelector('.cnn-notes-error');
				const out = [];
				for (const el of [box, ...box.querySelectorAll('*')]) {
					const text = Array.from(el.childNodes).filter((n) => n.nodeType === 3).map((n) => n.textContent).join('').trim();
					if (!text) continue;
					const bg = background(el);
					const fg = over(parse(getComputedStyle(el).color), bg);
					const [l1, l2] = [luminance(fg), luminance(bg)].sort((a, b) => b - a);
					out.push({ text: text.slice(0, 40), ratio: (l1 + 0.05) / (l2 + 0.05) });
				}
				return out;
			});
			for (const { text, ratio } of found) if (ratio < 3) failures.push(`${theme}: "${text}" has contrast ${ratio.toFixed(2)}:1`);
		}
		await page.evaluate(() => window.cnnPreview.setTheme('light'));
		assert.deepEqual(failures, []);
	});

	test('the language switch re-renders the widgets in Spanish and English', async () => {
		await page.evaluate(() => window.cnnPreview.setLanguage('en'));
		await openNote(page, 'en/Convolution.md');
		const widget = page.locator('.cnn-notes.cnn-conv').first();
		const english = await widget.textContent();
		assert.match(english, /Output/);
		assert.match(english, /Input/);
		const errorEn = await page.locator('.cnn-notes-error').textContent();

		await page.locator('button[data-language="es"]').click();
		await page.waitForFunction(() => document.querySelector('.cnn-notes.cnn-conv')?.textContent.includes('Salida'), null, { timeout: 10000 });
		const spanish = await page.locator('.cnn-notes.cnn-conv').first().textContent();
		assert.match(spanish, /Entrada/);
		assert.doesNotMatch(spanish, /Output/);
		const errorEs = await page.locator('.cnn-notes-error').textContent();
		assert.notEqual(errorEs, errorEn);
		assert.match(errorEs, /Línea/);
		assert.match(errorEn, /Line/);
		assert.equal(await page.locator('button[data-language="es"]').getAttribute('aria-pressed'), 'true');
		assert.equal(await page.evaluate(() => document.documentElement.lang), 'es');

		await page.locator('button[data-language="en"]').click();
		await page.waitForFunction(() => document.querySelector('.cnn-notes.cnn-conv')?.textContent.includes('Output'), null, { timeout: 10000 });
		assert.deepEqual(page.problems, []);
	});

	test('the theme switch swaps Obsidian\'s variables and the widgets follow', async () => {
		await openNote(page, 'es/Pooling.md');
		const read = () =>
			page.evaluate(() => {
				const cell = document.querySelector('.cnn-notes.cnn-pool .cnn-cell');
				const style = getComputedStyle(document.body);
				return {
					cls: document.body.className,
					background: style.getPropertyValue('--background-primary').trim(),
					text: style.getPropertyValue('--text-normal').trim(),
					cellColor: getComputedStyle(cell).color,
					bodyBackground: style.backgroundColor,
				};
			});
		await page.locator('button[data-theme="light"]').click();
		const light = await read();
		await screenshot(page, 'widgets/pooling-light');
		await page.locator('button[data-theme="dark"]').click();
		const dark = await read();
		await screenshot(page, 'widgets/pooling-dark');
		assert.match(light.cls, /theme-light/);
		assert.match(dark.cls, /theme-dark/);
		assert.equal(light.background, '#ffffff');
		assert.equal(dark.background, '#1e1e1e');
		assert.notEqual(light.text, dark.text);
		assert.notEqual(light.cellColor, dark.cellColor, 'widget text follows --text-normal');
		assert.notEqual(light.bodyBackground, dark.bodyBackground);
		assert.deepEqual(page.problems, []);
	});
});
