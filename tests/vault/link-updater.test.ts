import type { App as ObsidianApp, TAbstractFile as ObsidianAbstractFile } from 'obsidian';
import { App, TFolder, shownNotices, type TFile } from '../../harness/obsidian';
import { ConfirmLinkUpdateModal } from '../../src/vault/link-update-modal';
import { loadPlugin } from '../helpers/plugin';
import { LinkUpdater, updatesLinksAutomatically, type Confirm } from '../../src/vault/link-updater';

const asApp = (app: App) => app as unknown as ObsidianApp;
const block = (lang: string, ...lines: string[]) => ['```' + lang, ...lines, '```'].join('\n');
const PNG = new Uint8Array([137, 80, 78, 71]).buffer;

/** A vault with the setting `alwaysUpdateLinks` (on unless said), an updater listening to renames, and the questions it asked. */
function setup(opts: { auto?: boolean; confirm?: Confirm } = {}) {
	const app = new App();
	if (opts.auto !== false) app.vault.setConfig('alwaysUpdateLinks', true);
	const asked: { links: number; blocks: number; notes: number; names: readonly string[] }[] = [];
	const confirm: Confirm =
		opts.confirm ??
		(async (_app, counts, names) => {
			asked.push({ ...counts, names });
			return true;
		});
	const updater = new LinkUpdater(asApp(app), 60_000, confirm);
	app.vault.on('rename', (file: ObsidianAbstractFile, oldPath: string) => updater.onRename(file, oldPath));
	const note = (path: string, text: string) => app.vault.seed(path, text);
	const picture = (path: string) => app.vault.seed(path, PNG);
	const text = (file: TFile) => app.vault.read(file);
	return { app, updater, asked, note, picture, text };
}

/** Notices shown while `run` ran. */
async function noticesDuring(run: () => Promise<unknown>): Promise<string[]> {
	const before = shownNotices.length;
	await run();
	return shownNotices.slice(before);
}

/** Lets pending promises and 0-ms timers run until `found` returns something (a bounded number of turns). */
async function until<T>(found: () => T | null | undefined): Promise<T> {
	for (let i = 0; i < 200; i++) {
		const value = found();
		if (value) return value;
		await new Promise((r) => setTimeout(r, 0));
	}
	throw new Error('never happened');
}

afterEach(() => document.body.replaceChildren());

describe('links inside CNN blocks follow a renamed picture', () => {
	it('rewrites every link form in every note, keeping the rest of each note, and reports blocks and notes', async () => {
		const { app, updater, note, picture, text } = setup();
		const a = picture('pics/a.png');
		const one = note(
			'one.md',
			[
				'Outside [[a.png]] and ![[pics/a.png]] stay for Obsidian.',
				block('cnn-conv', 'image: "[[a.png]]"', 'kernel: sobel-x'),
				'> [!tip]',
				'> ```cnn-pool',
				"> image: '[[pics/a.png|the picture]]'",
				'> ```',
				'- item',
				'  ```cnn-conv',
				'  image: [[a.png]]',
				'  ```',
			].join('\n'),
		);
		const two = note('notes/two.md', [block('cnn-conv', 'image: ![[a.png]]'), block('cnn-classify', 'input: "![[a.png]]"', 'model: digits'), ''].join('\r\n'));
		const untouched = note('three.md', block('cnn-conv', 'image: "[[other.png]]"'));
		await app.vault.rename(a, 'pics/b b.png');
		const notices = await noticesDuring(() => updater.flush());
		expect(await text(one)).toBe(
			[
				'Outside [[a.png]] and ![[pics/a.png]] stay for Obsidian.',
				block('cnn-conv', 'image: "[[b b.png]]"', 'kernel: sobel-x'),
				'> [!tip]',
				'> ```cnn-pool',
				"> image: '[[b b.png|the picture]]'",
				'> ```',
				'- item',
				'  ```cnn-conv',
				'  image: [[b b.png]]',
				'  ```',
			].join('\n'),
		);
		expect(await text(two)).toBe([block('cnn-conv', 'image: ![[b b.png]]'), block('cnn-classify', 'input: "![[b b.png]]"', 'model: digits'), ''].join('\r\n'));
		expect(await text(untouched)).toBe(block('cnn-conv', 'image: "[[other.png]]"'));
		expect(app.vault.writes.sort()).toEqual(['notes/two.md', 'one.md']);
		expect(notices).toEqual(['Updated 5 links in 5 CNN blocks of 2 notes.']);
	});

	it('writes the shortest link text that still reaches the file', async () => {
		const { app, updater, note, picture, text } = setup();
		const a = picture('pics/a.png');
		picture('elsewhere/b.png');
		const n = note('n.md', block('cnn-conv', 'image: "[[pics/a.png]]"') + '\n' + block('cnn-conv', 'image: "[[a.png]]"'));
		await app.vault.rename(a, 'archive/a.png');
		await updater.flush();
		// Moved: the path link becomes the name (unique); the name link still reaches it and stays.
		expect(await text(n)).toBe(block('cnn-conv', 'image: "[[a.png]]"') + '\n' + block('cnn-conv', 'image: "[[a.png]]"'));
		await app.vault.rename(a, 'archive/b.png');
		await updater.flush();
		// Now two files are named b.png: the full path is the unambiguous link.
		expect(await text(n)).toBe(block('cnn-conv', 'image: "[[archive/b.png]]"') + '\n' + block('cnn-conv', 'image: "[[archive/b.png]]"'));
	});

	it('follows relative links (./ and ../) too', async () => {
		const { app, updater, note, picture, text } = setup();
		const a = picture('pics/a.png');
		picture('elsewhere/a.png');
		const n = note('notes/n.md', block('cnn-conv', 'image: "[[../pics/a.png]]"'));
		await app.vault.rename(a, 'pics/b.png');
		await updater.flush();
		expect(await text(n)).toBe(block('cnn-conv', 'image: "[[b.png]]"'));
	});

	it('follows two pictures that swap names in one batch', async () => {
		const { app, updater, note, picture, text } = setup();
		const a = picture('a.png');
		const b = picture('b.png');
		const n = note('n.md', block('cnn-conv', 'image: "[[a.png]]"') + '\n' + block('cnn-pool', 'image: [[b.png]]'));
		await app.vault.rename(a, 'tmp.png');
		await app.vault.rename(b, 'a.png');
		await app.vault.rename(a, 'b.png');
		await updater.flush();
		expect(await text(n)).toBe(block('cnn-conv', 'image: "[[b.png]]"') + '\n' + block('cnn-pool', 'image: [[a.png]]'));
	});

	it('leaves a link that reaches another file of the same name', async () => {
		const { app, updater, note, picture, text } = setup();
		picture('notes/a.png');
		const far = picture('other/deep/a.png');
		picture('x/c.png');
		const c = picture('longer/path/c.png');
		const local = note('notes/n.md', block('cnn-conv', 'image: "[[a.png]]"', '') + '\n' + block('cnn-pool', 'image: "[[c.png]]"'));
		const there = note('other/deep/m.md', block('cnn-conv', 'image: "[[a.png]]"'));
		await app.vault.rename(far, 'other/deep/z.png');
		await app.vault.rename(c, 'longer/path/d.png');
		await updater.flush();
		// notes/n.md: a.png is its own folder's, c.png the shortest path's: neither moved.
		expect(await text(local)).toBe(block('cnn-conv', 'image: "[[a.png]]"', '') + '\n' + block('cnn-pool', 'image: "[[c.png]]"'));
		// other/deep/m.md reached its own folder's a.png, which moved.
		expect(await text(there)).toBe(block('cnn-conv', 'image: "[[z.png]]"'));
	});

	it('leaves the blocks alone when the picture is deleted', async () => {
		const { app, updater, note, picture, text } = setup();
		const a = picture('a.png');
		const n = note('n.md', block('cnn-conv', 'image: "[[a.png]]"'));
		await app.vault.delete(a);
		expect(await updater.flush()).toBeNull();
		expect(await text(n)).toBe(block('cnn-conv', 'image: "[[a.png]]"'));
		expect(app.vault.writes).toEqual([]);
	});

	it('follows a model and its folder: a moved model.json keeps its folder in the link when the name is shared', async () => {
		const { app, updater, note, text } = setup();
		app.vault.seed('models/digits/model.json', '{}');
		app.vault.seed('models/shapes/model.json', '{}');
		const n = note('n.md', block('cnn-classify', 'model: "[[models/digits/model.json]]"', 'input: draw'));
		const folder = app.vault.getFolderByPath('models/digits');
		if (!folder) throw new Error('no folder');
		await app.vault.rename(folder, 'models/mnist');
		await updater.flush();
		expect(await text(n)).toBe(block('cnn-classify', 'model: "[[models/mnist/model.json]]"', 'input: draw'));
	});
});

describe('renamed folders and notes', () => {
	it('handles a folder rename as one batch: one question, one notice, folder links too', async () => {
		const { app, updater, asked, note, picture, text } = setup({ auto: false });
		picture('pics/a.png');
		picture('pics/sub/b.png');
		picture('elsewhere/b.png');
		const n = note('n.md', block('cnn-conv', 'image: "[[pics/a.png]]"') + '\n' + block('cnn-train', 'data: "[[pics/sub]]"', 'picture: "[[pics/sub/b.png]]"'));
		const folder = app.vault.getFolderByPath('pics');
		if (!folder) throw new Error('no folder');
		const notices = await noticesDuring(async () => {
			await app.vault.rename(folder, 'images');
			await updater.flush();
		});
		expect(await text(n)).toBe(block('cnn-conv', 'image: "[[a.png]]"') + '\n' + block('cnn-train', 'data: "[[images/sub]]"', 'picture: "[[images/sub/b.png]]"'));
		expect(asked).toEqual([{ links: 3, blocks: 2, notes: 1, names: ['n.md'] }]);
		expect(notices).toEqual(['Updated 3 links in 2 CNN blocks of 1 note.']);
	});

	it('handles a folder event that comes without events for the files inside', async () => {
		const app = new App();
		app.vault.setConfig('alwaysUpdateLinks', true);
		const updater = new LinkUpdater(asApp(app), 60_000);
		const a = app.vault.seed('pics/a.png', PNG);
		app.vault.seed('other/a.png', PNG);
		const n = app.vault.seed('n.md', block('cnn-conv', 'image: "[[pics/a.png]]"'));
		// Only the folder's event arrives, before its files have their new paths; they move unheard.
		const moved = new TFolder();
		moved.path = 'images';
		moved.name = 'images';
		updater.onRename(moved as unknown as ObsidianAbstractFile, 'pics');
		await app.vault.rename(a, 'images/a.png');
		await updater.flush();
		expect(await app.vault.read(n)).toBe(block('cnn-conv', 'image: "[[images/a.png]]"'));
	});

	it.each([1, 30])('finds links written in another case, in a folder of %i pictures', async (count) => {
		const { app, updater, note, picture, text } = setup();
		for (let i = 0; i < count; i++) picture(`pics/p${i}.png`);
		picture('other/p0.png');
		const n = note('n.md', block('cnn-conv', 'image: "[[PICS/P0.PNG]]"') + '\n' + block('cnn-conv', 'image: "[[pics/p0.png|zero]]"'));
		const skipped = note('m.md', block('cnn-conv', 'image: "[[unrelated.png]]"'));
		const folder = app.vault.getFolderByPath('pics');
		if (!folder) throw new Error('no folder');
		await app.vault.rename(folder, 'images');
		const report = await updater.flush();
		expect(await text(n)).toBe(block('cnn-conv', 'image: "[[images/p0.png]]"') + '\n' + block('cnn-conv', 'image: "[[images/p0.png|zero]]"'));
		expect(await text(skipped)).toBe(block('cnn-conv', 'image: "[[unrelated.png]]"'));
		expect(report?.planned.map((p) => p.note.path)).toEqual(['n.md']);
	});

	it('fixes the links of a moved note that reached a file through its old folder', async () => {
		const { app, updater, note, picture, text } = setup();
		picture('course/figs/a.png');
		picture('other/figs/a.png');
		const n = note('course/n.md', block('cnn-conv', 'image: "[[figs/a.png]]"'));
		await app.vault.rename(n, 'archive/n.md');
		await updater.flush();
		expect(await text(n)).toBe(block('cnn-conv', 'image: "[[course/figs/a.png]]"'));
	});
});

describe('the plugin follows renames by itself', () => {
	it('handles renames that come together as one batch, once the renames stop, and stops with the plugin', async () => {
		jest.useFakeTimers();
		try {
			const { app, plugin } = loadPlugin();
			app.vault.setConfig('alwaysUpdateLinks', true);
			const a = app.vault.seed('a.png', PNG);
			const b = app.vault.seed('b.png', PNG);
			const n = app.vault.seed('n.md', block('cnn-conv', 'image: "[[a.png]]"') + '\n' + block('cnn-pool', 'image: "[[b.png]]"'));
			const before = shownNotices.length;
			await app.vault.rename(a, 'x/a2.png');
			await jest.advanceTimersByTimeAsync(100);
			await app.vault.rename(b, 'x/b2.png');
			await jest.advanceTimersByTimeAsync(100);
			expect(await app.vault.read(n)).toContain('[[a.png]]');
			await jest.advanceTimersByTimeAsync(1000);
			expect(await app.vault.read(n)).toBe(block('cnn-conv', 'image: "[[a2.png]]"') + '\n' + block('cnn-pool', 'image: "[[b2.png]]"'));
			expect(shownNotices.slice(before)).toEqual(['Updated 2 links in 2 CNN blocks of 1 note.']);
			plugin.unload();
			await app.vault.rename(a, 'a3.png');
			await jest.advanceTimersByTimeAsync(1000);
			expect(await app.vault.read(n)).toContain('[[a2.png]]');
			expect(jest.getTimerCount()).toBe(0);
		} finally {
			jest.useRealTimers();
		}
	});
});

describe('asking, editors and failures', () => {
	async function renamed(opts: { auto?: boolean }) {
		const s = setup({ auto: opts.auto, confirm: undefined });
		const a = s.picture('a.png');
		const n1 = s.note('n1.md', block('cnn-conv', 'image: "[[a.png]]"'));
		const n2 = s.note('n2.md', block('cnn-pool', 'image: [[a.png]]') + '\n' + block('cnn-conv', 'image: [[a.png]]'));
		await s.app.vault.rename(a, 'b.png');
		return { ...s, n1, n2 };
	}

	it('asks when the vault does not update links on its own: update writes', async () => {
		const app = new App();
		const updater = new LinkUpdater(asApp(app), 60_000);
		const a = app.vault.seed('a.png', PNG);
		const n1 = app.vault.seed('n1.md', block('cnn-conv', 'image: "[[a.png]]"'));
		app.vault.seed('n2.md', block('cnn-pool', 'image: [[a.png]]') + '\n' + block('cnn-conv', 'image: [[a.png]]'));
		app.vault.on('rename', (file: ObsidianAbstractFile, old: string) => updater.onRename(file, old));
		await app.vault.rename(a, 'b.png');
		const done = updater.flush();
		const modal = await until(() => document.querySelector('.modal-container'));
		expect(modal.querySelector('.modal-title')?.textContent).toBe('Update links in CNN blocks');
		expect(modal.textContent).toContain('Update 3 links in CNN blocks in 2 notes?');
		expect(app.vault.writes).toEqual([]);
		modal.querySelector<HTMLElement>('[data-action="update-links"]')?.click();
		const report = await done;
		expect(report?.updated).toEqual({ links: 3, blocks: 3, notes: 2 });
		expect(await app.vault.read(n1)).toBe(block('cnn-conv', 'image: "[[b.png]]"'));
		expect(document.querySelector('.modal-container')).toBeNull();
	});

	it('asks when the vault does not update links on its own: skip writes nothing', async () => {
		const app = new App();
		app.vault.setConfig('alwaysUpdateLinks', false);
		const updater = new LinkUpdater(asApp(app), 60_000);
		const a = app.vault.seed('a.png', PNG);
		const n = app.vault.seed('n.md', block('cnn-conv', 'image: "[[a.png]]"'));
		app.vault.on('rename', (file: ObsidianAbstractFile, old: string) => updater.onRename(file, old));
		await app.vault.rename(a, 'b.png');
		const notices = await noticesDuring(async () => {
			const done = updater.flush();
			const modal = await until(() => document.querySelector('.modal-container'));
			modal.querySelector<HTMLElement>('[data-action="skip-links"]')?.click();
			expect((await done)?.confirmed).toBe(false);
		});
		expect(await app.vault.read(n)).toBe(block('cnn-conv', 'image: "[[a.png]]"'));
		expect(app.vault.writes).toEqual([]);
		expect(notices).toEqual([]);
	});

	it('takes a dialog closed without a choice as skip, and answers once', () => {
		const answers: boolean[] = [];
		const modal = new ConfirmLinkUpdateModal(asApp(new App()), { links: 1, blocks: 1, notes: 1 }, ['n.md'], (u) => answers.push(u));
		modal.open();
		modal.close();
		expect(answers).toEqual([false]);
		const again = new ConfirmLinkUpdateModal(asApp(new App()), { links: 1, blocks: 1, notes: 1 }, ['n.md'], (u) => answers.push(u));
		again.open();
		again.contentEl.querySelector<HTMLElement>('[data-action="update-links"]')?.click();
		again.close();
		expect(answers).toEqual([false, true]);
		expect(document.querySelector('.modal-container')).toBeNull();
	});

	it('does not ask when "Automatically update internal links" is on', async () => {
		const { asked, updater, n2, text } = await renamed({ auto: true });
		await updater.flush();
		expect(asked).toEqual([]);
		expect(await text(n2)).toBe(block('cnn-pool', 'image: [[b.png]]') + '\n' + block('cnn-conv', 'image: [[b.png]]'));
	});

	it('reads the setting defensively', () => {
		const app = new App();
		expect(updatesLinksAutomatically(asApp(app))).toBe(false);
		app.vault.setConfig('alwaysUpdateLinks', true);
		expect(updatesLinksAutomatically(asApp(app))).toBe(true);
		const broken = { vault: { getConfig: () => { throw new Error('gone'); } } };
		expect(updatesLinksAutomatically(broken as unknown as ObsidianApp)).toBe(false);
		expect(updatesLinksAutomatically({ vault: {} } as unknown as ObsidianApp)).toBe(false);
	});

	it('writes a note open in an editor through it, in one step that undo reverts', async () => {
		const s = setup();
		const a = s.picture('a.png');
		const n = s.note('n.md', 'Intro\n' + block('cnn-conv', 'image: "[[a.png]]"') + '\n' + block('cnn-pool', 'image: "[[a.png]]"'));
		const view = await s.app.workspace.openNote(n);
		view.editor.replaceRange('typed ', { line: 0, ch: 0 });
		await s.app.vault.rename(a, 'b.png');
		await s.updater.flush();
		const after = 'typed Intro\n' + block('cnn-conv', 'image: "[[b.png]]"') + '\n' + block('cnn-pool', 'image: "[[b.png]]"');
		expect(view.editor.getValue()).toBe(after);
		expect(view.editor.transactions).toBe(2);
		view.editor.undo();
		expect(view.editor.getValue()).toBe('typed Intro\n' + block('cnn-conv', 'image: "[[a.png]]"') + '\n' + block('cnn-pool', 'image: "[[a.png]]"'));
	});

	it('reports a read-only note and still updates the others', async () => {
		const { app, updater, n1, n2, text } = await renamed({ auto: true });
		app.vault.readOnly.add('n1.md');
		const notices = await noticesDuring(() => updater.flush());
		expect(await text(n1)).toBe(block('cnn-conv', 'image: "[[a.png]]"'));
		expect(await text(n2)).toBe(block('cnn-pool', 'image: [[b.png]]') + '\n' + block('cnn-conv', 'image: [[b.png]]'));
		expect(notices).toEqual([
			'Updated 2 links in 2 CNN blocks of 1 note.',
			'Could not update the links in CNN blocks of 1 note (read-only or gone): n1.md. Their blocks still name the old path.',
		]);
	});

	it('speaks Spanish when Obsidian does', async () => {
		const { setLanguage } = await import('../../harness/obsidian');
		setLanguage('es');
		const { updater } = await renamed({ auto: true });
		const notices = await noticesDuring(() => updater.flush());
		expect(notices).toEqual(['Se actualizaron 3 enlaces en 3 bloques CNN de 2 notas.']);
	});

	it('never throws from the event handler, and a failing batch ends quietly', async () => {
		const app = new App();
		const updater = new LinkUpdater(asApp(app), 60_000);
		expect(() => updater.onRename(null as unknown as ObsidianAbstractFile, 'x')).not.toThrow();
		const a = app.vault.seed('a.png', PNG);
		updater.onRename(a as unknown as ObsidianAbstractFile, 'old.png');
		app.vault.getMarkdownFiles = () => {
			throw new Error('boom');
		};
		const error = jest.spyOn(console, 'error').mockImplementation(() => {});
		await expect(updater.flush()).resolves.toBeNull();
		expect(error).toHaveBeenCalled();
		error.mockRestore();
		updater.stop();
	});
});
