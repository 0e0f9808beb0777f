// Every note of the example vault, opened in the preview in real Chromium, light and dark: no
// console or page error, no request to another host, every block a widget (or the one deliberate
// error box), every picture loaded, every link resolved. Screenshots go to output/screenshots/.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { load } from 'js-yaml';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, blocksOf, noteText, notes, openNote, openPreview, screenshot, scrollThroughBlocks, startPreview } from './helpers.mjs';

/** Notes with a deliberately broken block (their "common mistakes" section), and how many. */
const EXPECTED_ERROR_BOXES = { 'es/Convolución.md': 1, 'en/Convolution.md': 1 };
const LANGUAGES = ['cnn-conv', 'cnn-pool'];

const languageOf = (path) => (path.startsWith('es/') ? 'es' : 'en');

describe('example vault notes in the preview', () => {
	let preview;
	before(async () => {
		preview = await startPreview();
	});
	after(async () => {
		await preview?.close();
	});

	test('the vault has the course in both languages', () => {
		const all = notes();
		for (const name of ['Redes Neuronales Convolucionales', 'Convolución', 'Pooling', 'ReLU', 'Capas completamente conectadas', 'Clasificación', 'Redes Neuronales Artificiales']) {
			assert.ok(all.includes(`es/${name}.md`), `es/${name}.md is missing`);
		}
		for (const name of ['Convolutional neural networks', 'Convolution', 'Pooling', 'ReLU', 'Fully connected layers', 'Classification', 'Artificial neural networks']) {
			assert.ok(all.includes(`en/${name}.md`), `en/${name}.md is missing`);
		}
	});

	test('the vault uses every block kind and every documented option', () => {
		const seen = new Set();
		for (const path of notes()) {
			for (const lang of LANGUAGES) {
				for (const source of blocksOf(noteText(path), lang)) {
					let y;
					try {
						y = load(source.replace(/^(\s*\w+:\s*)(!\[\[[^\]]*\]\])\s*$/gm, '$1"$2"'));
					} catch {
						continue;
					}
					for (const [key, value] of Object.entries(y ?? {})) {
						seen.add(`${lang} ${key}`);
						const kind = typeof value === 'string' ? (value.includes('\n') ? 'rows' : value) : Array.isArray(value) ? (Array.isArray(value[0]) ? 'list of lists' : 'list') : typeof value;
						seen.add(`${lang} ${key}: ${kind}`);
						if (key === 'filters') for (const f of value) seen.add(`${lang} kernel: ${typeof f === 'string' && !f.includes('\n') ? f : 'rows'}`);
						if (key === 'flip' || key === 'transpose') seen.add(`${lang} ${key}: ${value}`);
					}
				}
			}
		}
		const wanted = [
			'cnn-conv input: rows', 'cnn-conv input: list of lists', 'cnn-conv kernel: rows', 'cnn-conv kernel: list of lists',
			...['identity', 'box-blur', 'gaussian-blur', 'sharpen', 'sobel-x', 'sobel-y', 'laplacian', 'emboss', 'outline'].map((p) => `cnn-conv kernel: ${p}`),
			'cnn-conv filters: list', 'cnn-conv bias: number', 'cnn-conv bias: list', 'cnn-conv stride: number', 'cnn-conv stride: list',
			'cnn-conv padding: valid', 'cnn-conv padding: same', 'cnn-conv padding: full', 'cnn-conv padding: number', 'cnn-conv padding: list',
			'cnn-conv dilation: number', 'cnn-conv flip: true', 'cnn-conv flip: false',
			'cnn-conv image: [[edges.png]]', 'cnn-conv image: list of lists', 'cnn-conv image: ![[digit-seven.png]]', 'cnn-conv channels: rgb', 'cnn-conv channels: gray',
			'cnn-conv sample: circle', 'cnn-conv sample: digit',
			...['relu', 'leaky-relu', 'sigmoid', 'tanh'].map((a) => `cnn-conv activation: ${a}`), 'cnn-conv transpose: true',
			'cnn-pool input: rows', 'cnn-pool type: max', 'cnn-pool type: avg', 'cnn-pool type: min', 'cnn-pool size: number', 'cnn-pool size: list',
			'cnn-pool stride: number', 'cnn-pool padding: valid', 'cnn-pool padding: same',
			'cnn-pool global: avg', 'cnn-pool image: [[checkerboard.png]]', 'cnn-pool channels: rgb', 'cnn-pool sample: digit',
			'cnn-conv pool: max 2', 'cnn-conv pool: object',
		];
		assert.deepEqual(wanted.filter((w) => !seen.has(w)), []);
	});

	test('"Start here" names every block kind the README lists and the vault uses, and links the classification notes', () => {
		const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
		const listed = [...readme.matchAll(/^\| `(cnn-[a-z]+)` \|/gm)].map((m) => m[1]).sort();
		const used = [...new Set(notes().flatMap((path) => [...noteText(path).matchAll(/^```(cnn-[a-z]+)\s*$/gm)].map((m) => m[1])))].sort();
		assert.deepEqual(used, listed);
		const start = noteText('Start here.md');
		assert.deepEqual(listed.filter((kind) => !start.includes(`\`${kind}\``)), []);
		for (const link of ['[[Clasificación]]', '[[Classification]]']) assert.ok(start.includes(link), `Start here links ${link}`);
	});

	for (const theme of ['light', 'dark']) {
		test(`every note renders cleanly (${theme} theme)`, async () => {
			const page = await preview.newPage();
			await openPreview(page, preview.url, { theme });
			const failures = [];
			for (const path of notes()) {
				const before = page.problems.length;
				await page.evaluate((code) => window.cnnPreview.setLanguage(code), languageOf(path));
				await openNote(page, path);
				await scrollThroughBlocks(page); // blocks below the fold load when scrolled to
				const info = await page.evaluate(() => {
					const view = document.querySelector('.markdown-preview-view');
					const blocks = (lang) =>
						Array.from(view.querySelectorAll(`.block-language-${lang}`)).map((el) => ({
							widget: el.querySelector(`.cnn-notes.${lang}`) !== null,
							error: el.querySelector('.cnn-notes-error') !== null,
						}));
					return {
						blocks: { 'cnn-conv': blocks('cnn-conv'), 'cnn-pool': blocks('cnn-pool') },
						brokenImages: Array.from(view.querySelectorAll('img'))
							.filter((img) => !img.complete || img.naturalWidth === 0)
							.map((img) => img.getAttribute('src')),
						unresolved: Array.from(view.querySelectorAll('a.is-unresolved')).map((a) => a.getAttribute('data-href')),
						bodyClass: document.body.className,
					};
				});
				const problems = page.problems.slice(before);
				if (problems.length) failures.push(`${path}: ${problems.join('; ')}`);
				if (info.brokenImages.length) failures.push(`${path}: pictures not loaded: ${info.brokenImages.join(', ')}`);
				if (info.unresolved.length) failures.push(`${path}: unresolved links: ${info.unresolved.join(', ')}`);
				assert.ok(info.bodyClass.includes(`theme-${theme}`));
				let errors = 0;
				for (const lang of LANGUAGES) {
					const expected = blocksOf(noteText(path), lang).length;
					const got = info.blocks[lang];
					if (got.length !== expected) failures.push(`${path}: ${expected} ${lang} blocks in the note, ${got.length} processed`);
					got.forEach((b, i) => {
						if (!b.widget && !b.error) failures.push(`${path}: ${lang} block ${i + 1} rendered neither a widget nor an error box`);
						if (b.error) errors++;
					});
				}
				const wanted = EXPECTED_ERROR_BOXES[path] ?? 0;
				if (errors !== wanted) failures.push(`${path}: ${errors} error boxes, expected ${wanted}`);
				await screenshot(page, `${theme}/${path.replace(/\.md$/, '')}`);
			}
			// blob: URLs of this origin are the plugin's own model worker.
			const foreign = page.requests.filter((u) => !u.startsWith(preview.origin) && !u.startsWith(`blob:${preview.origin}/`) && !u.startsWith('data:'));
			assert.deepEqual(foreign, [], 'requests to other hosts');
			assert.deepEqual(failures, []);
			await page.close();
		});
	}
});
