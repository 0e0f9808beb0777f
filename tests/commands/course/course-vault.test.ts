/**
 * The inserted course in a teacher's vault that already has files of the same names: every link
 * of every note reaches the course's own file, and every cnn-* block renders (pictures decoded).
 */
import type { MarkdownPostProcessorContext, MarkdownRenderChild } from 'obsidian';
import { type App, Component, setLanguage, TFile } from '../../../harness/obsidian';
import { processConvBlock } from '../../../src/blocks/conv-block';
import { processPoolBlock } from '../../../src/blocks/pool-block';
import { asObsidianApp } from '../../helpers/plugin';
import { decodeTestPng } from '../../vault/png';
import { installFakeCanvas, mountClassify } from '../../widgets/classify/classify-helpers';
import { appWithPlugin, confirm, filesUnder, noteText, openDialog, turns, until } from './run-command';

/** Files of the teacher's vault named like course files; the pictures are not PNGs, so a block reaching one fails. */
const DECOYS: [string, string][] = [
	['Pooling.md', 'my pooling'],
	['ReLU.md', 'my relu'],
	['Teaching/Convolution.md', 'my convolution'],
	['Convolución.md', 'mi convolución'],
	['Clasificación.md', 'mi clasificación'],
	['convolution.png', 'not a png'],
	['edges.png', 'not a png'],
	['attachments/digit-seven.png', 'not a png'],
	['Pictures/checkerboard.png', 'not a png'],
	['CNN course.md', 'a note named like the folder'],
];

/** Every wiki-link of a note: whole text, link path (before # and |), and whether it sits in a cnn-* block. */
function linksOf(text: string): { link: string; path: string; inBlock: boolean }[] {
	const out: { link: string; path: string; inBlock: boolean }[] = [];
	let inBlock = false;
	for (const line of text.split('\n')) {
		if (/^```cnn-/.test(line)) inBlock = true;
		else if (/^```\s*$/.test(line)) inBlock = false;
		for (const m of line.matchAll(/!?\[\[([^[\]|#]*)[^[\]]*\]\]/g)) {
			const path = (m[1] ?? '').trim();
			if (/^[\d\s.,-]+$/.test(path)) continue; // a matrix such as [[2, 1, -1]]
			out.push({ link: m[0], path, inBlock });
		}
	}
	return out;
}

/** The fenced cnn-* blocks of a note: language and source. */
function blocksOf(text: string): { language: string; source: string }[] {
	return Array.from(text.matchAll(/^```(cnn-[\w-]+)\n([\s\S]*?)^```/gm), (m) => ({ language: m[1] ?? '', source: m[2] ?? '' }));
}

/** Runs a conv or pool processor on a block of `sourcePath` (pictures decoded by the test decoder) and waits until it is ready or failed. */
async function renderBlock(app: App, language: string, source: string, sourcePath: string): Promise<HTMLElement> {
	const el = document.body.createDiv();
	const section = new Component();
	section.load();
	const ctx = {
		docId: 'course',
		sourcePath,
		frontmatter: null,
		addChild: (child: MarkdownRenderChild) => section.addChild(child as unknown as Component),
		getSectionInfo: () => null,
	} as unknown as MarkdownPostProcessorContext;
	const process = language === 'cnn-pool' ? processPoolBlock : processConvBlock;
	process(asObsidianApp(app), source, el, ctx, { decode: decodeTestPng, whenVisible: (_el, start) => (start(), () => {}) });
	await until(() => ['ready', 'error'].includes(el.getAttribute('data-state') ?? ''), `${language} block of ${sourcePath}`);
	await turns(3);
	return el;
}

describe.each([
	['en', 'CNN course', 'Convolution.md'],
	['es', 'Curso de CNN', 'Convolución.md'],
] as const)('the course in %s inserted among same-named files', (language, folder, mistakes) => {
	let app: App;
	let notes: string[];

	beforeAll(async () => {
		setLanguage(language);
		const loaded = appWithPlugin();
		app = loaded.app;
		for (const [path, content] of DECOYS) app.vault.seed(path, content);
		await confirm(openDialog(loaded.plugin));
		notes = filesUnder(app, folder).filter((p) => p.endsWith('.md'));
		expect(notes).toHaveLength(7);
	});

	beforeEach(() => setLanguage(language));

	it('every link of every note resolves to a file inside the course folder, written as Obsidian would write it', async () => {
		let checked = 0;
		for (const note of notes) {
			for (const { link, path } of linksOf(await noteText(app, note))) {
				const dest = app.metadataCache.getFirstLinkpathDest(path, note);
				expect(`${note}: ${link} -> ${dest?.path ?? 'nothing'}`).toMatch(new RegExp(` -> ${folder}/`));
				// The same link text as Obsidian's own ("shortest path when possible").
				if (dest instanceof TFile) expect(path).toBe(app.metadataCache.fileToLinktext(dest, note));
				checked++;
			}
		}
		expect(checked).toBeGreaterThan(50);
	});

	it('links to same-named files became full paths, the others stayed short', async () => {
		const all = (await Promise.all(notes.map((n) => noteText(app, n)))).join('\n');
		expect(all).toContain(`![[${folder}/attachments/convolution.png]]`);
		expect(all).toContain(`image: "[[${folder}/attachments/edges.png]]"`);
		// Written unquoted in the example vault; quoted now that it holds a path.
		expect(all).toContain(`image: "[[${folder}/attachments/checkerboard.png]]"`);
		expect(all).toContain(`[[${folder}/ReLU|ReLU]]`);
		expect(all).toContain('![[relu.png]]');
		expect(all).toContain('![[max-pooling.png]]');
		expect(all).not.toMatch(/\[\[(Pooling|ReLU|edges\.png|convolution\.png|checkerboard\.png|digit-seven\.png)[\]|#]/);
	});

	it('the decoys are untouched', async () => {
		for (const [path, content] of DECOYS) {
			const file = app.vault.getFileByPath(path);
			if (!(file instanceof TFile)) throw new Error(`${path} is gone`);
			expect(await app.vault.read(file)).toBe(content);
		}
	});

	it('every cnn-conv and cnn-pool block renders; the only error box is the deliberate one in the mistakes section', async () => {
		const errors: string[] = [];
		let count = 0;
		for (const note of notes) {
			for (const { language: kind, source } of blocksOf(await noteText(app, note))) {
				if (kind === 'cnn-classify') continue;
				const el = await renderBlock(app, kind, source, note);
				if (el.getAttribute('data-state') !== 'ready') errors.push(`${note}: ${source.split('\n')[0] ?? ''} -> ${el.textContent?.slice(0, 120) ?? ''}`);
				count++;
			}
		}
		expect(count).toBeGreaterThan(30);
		expect(errors).toHaveLength(1);
		expect(errors[0]).toContain(`${folder}/${mistakes}`);
		expect(errors[0]).toContain('strid');
	});

	it('every cnn-classify block of the classification note renders; the picture of a seven is read as 7', async () => {
		installFakeCanvas();
		const note = notes.find((n) => /Classification|Clasificación/.test(n)) ?? '';
		const blocks = blocksOf(await noteText(app, note)).filter((b) => b.language === 'cnn-classify');
		expect(blocks).toHaveLength(3);
		for (const { source } of blocks) {
			const { el, section } = await mountClassify(source, { app, sourcePath: note, overrides: { decode: decodeTestPng } });
			expect({ source, state: el.getAttribute('data-state') }).toEqual({ source, state: 'ready' });
			if (source.includes('digit-seven.png')) expect(el.querySelector('.cnn-classify')?.getAttribute('data-prediction')).toBe('7');
			section.unload();
		}
	});
});
