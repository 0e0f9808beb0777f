import type { App as ObsidianApp } from 'obsidian';
import { App, setLanguage, shownNotices, type Plugin } from '../../harness/obsidian';
import { brokenLinksCommand, findBrokenLinks, showBrokenLinks } from '../../src/commands/broken-links';
import { loadPlugin } from '../helpers/plugin';

const asApp = (app: App) => app as unknown as ObsidianApp;
const block = (lang: string, ...lines: string[]) => ['```' + lang, ...lines, '```'].join('\n');
const PNG = new Uint8Array([137, 80, 78, 71]).buffer;

function vault(): App {
	const app = new App();
	app.vault.seed('pics/a.png', PNG);
	app.vault.seed('models/m/model.json', '{}');
	app.vault.seed('data/cats/1.png', PNG);
	app.vault.seed('ok.md', block('cnn-conv', 'image: "[[a.png]]"') + '\n' + block('cnn-classify', 'model: "[[models/m/model.json]]"', 'input: draw'));
	app.vault.seed(
		'b/broken.md',
		['Outside [[gone.png]] is Obsidian’s to report.', block('cnn-conv', 'image: "[[gone.png]]"'), '', '> ```cnn-pool', '> image: ![[pics/missing.png|x]]', '> ```', block('cnn-train', 'data: "[[data]]"', 'note: "[[#heading]]"', 'save: "[[models/not-yet]]"', 'layers: "[[nowhere]]"'), '> ```cnn-train', '> save: "[[models/quoted]]"', '> ```'].join('\n'),
	);
	app.vault.seed('a/also.md', block('cnn-classify', 'model: "[[old/model.json]]"', 'input: "[[a.png]]"'));
	return app;
}

afterEach(() => document.body.replaceChildren());

describe('Find CNN blocks with broken links', () => {
	it('finds the links of CNN blocks that reach no file or folder, by note and line; a training block\'s save: folder (made by "Save model") is not broken', async () => {
		const found = await findBrokenLinks(asApp(vault()));
		expect(found.map((b) => [b.note.path, b.line, b.link.text])).toEqual([
			['a/also.md', 1, '"[[old/model.json]]"'],
			['b/broken.md', 2, '"[[gone.png]]"'],
			['b/broken.md', 6, '![[pics/missing.png|x]]'],
			['b/broken.md', 12, '"[[nowhere]]"'],
		]);
	});

	it('lists them in a dialog; choosing one opens its note at that line', async () => {
		const app = vault();
		await showBrokenLinks(asApp(app));
		const modal = document.querySelector('.modal-container');
		expect(modal?.querySelector('.modal-title')?.textContent).toBe('CNN blocks with broken links');
		expect(modal?.textContent).toContain('4 links in CNN blocks lead to no file of the vault.');
		const rows = Array.from(modal?.querySelectorAll<HTMLElement>('[data-action="open-broken-link"]') ?? []);
		expect(rows.map((r) => r.textContent)).toEqual(['a/also.mdline 2"[[old/model.json]]"', 'b/broken.mdline 3"[[gone.png]]"', 'b/broken.mdline 7![[pics/missing.png|x]]', 'b/broken.mdline 13"[[nowhere]]"']);
		rows[2]?.click();
		expect(document.querySelector('.modal-container')).toBeNull();
		await new Promise((r) => setTimeout(r, 0));
		const leaf = app.workspace.leaves[app.workspace.leaves.length - 1];
		expect(leaf?.view.file?.path).toBe('b/broken.md');
		expect(leaf?.openedAt).toBe(6);
	});

	it('says one link leads, and several lead', async () => {
		const app = new App();
		app.vault.seed('n.md', block('cnn-conv', 'image: "[[gone.png]]"'));
		await showBrokenLinks(asApp(app));
		expect(document.querySelector('.modal-container')?.textContent).toContain('1 link in CNN blocks leads to no file of the vault.');
	});

	it('says so in a notice when there is none', async () => {
		const app = new App();
		app.vault.seed('pics/a.png', PNG);
		app.vault.seed('n.md', block('cnn-conv', 'image: "[[a.png]]"') + '\n[[nowhere.png]]');
		const before = shownNotices.length;
		await showBrokenLinks(asApp(app));
		expect(shownNotices.slice(before)).toEqual(['No CNN block has a broken link.']);
		expect(document.querySelector('.modal-container')).toBeNull();
	});

	it('speaks Spanish, and a failure becomes a notice', async () => {
		setLanguage('es');
		const app = vault();
		await showBrokenLinks(asApp(app));
		expect(document.querySelector('.modal-container')?.textContent).toContain('4 enlaces de bloques CNN no llevan a ningún archivo de la bóveda.');
		app.vault.getMarkdownFiles = () => {
			throw new Error('boom');
		};
		const error = jest.spyOn(console, 'error').mockImplementation(() => {});
		const before = shownNotices.length;
		await showBrokenLinks(asApp(app));
		expect(shownNotices.slice(before)).toEqual(['No se pudo buscar enlaces rotos en los bloques CNN. Tus notas no han cambiado.']);
		error.mockRestore();
	});

	it('is a command without a default hotkey, registered by the plugin, which also follows renames until unloaded', async () => {
		const command = brokenLinksCommand(asApp(new App()));
		expect(command).toMatchObject({ id: 'find-broken-links', name: 'Find CNN blocks with broken links' });
		expect(command).not.toHaveProperty('hotkeys');
		const { app, plugin } = loadPlugin();
		// The fake records what a plugin registered.
		expect((plugin as unknown as Plugin).commands.map((c) => c.id)).toContain('find-broken-links');
		expect(app.vault.listenerCount('rename')).toBe(1);
		plugin.unload();
		expect(app.vault.listenerCount('rename')).toBe(0);
	});
});
