import type { App as ObsidianApp, TAbstractFile as ObsidianAbstractFile, TFile as ObsidianTFile } from 'obsidian';
import { App, TFolder, shownNotices, type TFile } from '../../harness/obsidian';
import { ConfirmLinkUpdateModal } from '../../src/vault/link-update-modal';
import { loadPlugin } from '../helpers/plugin';
import { LinkUpdater, updatesLinksAutomatically, type Confirm } from '../../src/vault/link-updater';
import { MovePlanner, type Moves } from '../../src/vault/move-planner';

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

describe('renames that arrive while a batch is working', () => {
	/** Lets pending promises and 0-ms timers run a few turns. */
	const turns = async () => {
		for (let i = 0; i < 20; i++) await new Promise((r) => setTimeout(r, 0));
	};

	it('never points a link at another file when the note moves while the question is open', async () => {
		const answers: ((v: boolean) => void)[] = [];
		const s = setup({ auto: false, confirm: () => new Promise((r) => answers.push(r)) });
		s.picture('X/a.png');
		const ya = s.picture('Y/a.png');
		// `[[a.png]]` is X/a.png (the note's folder); the other link is Y/a.png.
		const n = s.note('X/n.md', block('cnn-conv', 'image: "[[a.png]]"', 'other: "[[Y/a.png]]"'));
		await s.app.vault.rename(ya, 'Y/c.png');
		const first = s.updater.flush();
		await until(() => answers[0]);
		await s.app.vault.rename(n, 'Y/n.md');
		const second = s.updater.flush();
		answers[0]?.(true);
		expect((await first)?.deferred).toBe(true);
		expect(s.app.vault.writes).toEqual([]);
		(await until(() => answers[1]))(true);
		await second;
		const text = await s.text(n);
		expect(s.app.metadataCache.getFirstLinkpathDest('a.png', n.path)?.path).toBe('X/a.png');
		expect(text).toBe(block('cnn-conv', 'image: "[[a.png]]"', 'other: "[[c.png]]"'));
		expect(answers).toHaveLength(2);
	});

	it('never points a link at another file when the note moves while the batch reads the notes', async () => {
		const s = setup();
		s.picture('X/a.png');
		const ya = s.picture('Y/a.png');
		const n = s.note('X/n.md', block('cnn-conv', 'image: "[[a.png]]"', 'other: "[[Y/a.png]]"'));
		const last = s.note('zz.md', 'read last');
		const read = s.app.vault.cachedRead.bind(s.app.vault);
		let moved = false;
		s.app.vault.cachedRead = async (f: TFile) => {
			if (f === last && !moved) {
				moved = true;
				await s.app.vault.rename(n, 'Y/n.md');
			}
			return read(f);
		};
		await s.app.vault.rename(ya, 'Y/c.png');
		const first = await s.updater.flush();
		expect(first?.deferred).toBe(true);
		await s.updater.flush();
		expect(await s.text(n)).toBe(block('cnn-conv', 'image: "[[a.png]]"', 'other: "[[c.png]]"'));
	});

	it('writes what the vault was at the batch start when a note moves between two writes; the next batch takes it from there', async () => {
		const s = setup();
		s.picture('X/a.png');
		const ya = s.picture('Y/a.png');
		const text = block('cnn-conv', 'image: "[[a.png]]"', 'other: "[[Y/a.png]]"');
		const n1 = s.note('X/n1.md', text);
		const n2 = s.note('X/n2.md', text);
		const process = s.app.vault.process.bind(s.app.vault);
		let moved = false;
		s.app.vault.process = async (f: TFile, fn: (data: string) => string) => {
			const out = await process(f, fn);
			if (!moved) {
				moved = true;
				await s.app.vault.rename(f === n1 ? n2 : n1, 'Y/moved.md');
			}
			return out;
		};
		await s.app.vault.rename(ya, 'Y/c.png');
		const first = await s.updater.flush();
		expect(first?.updated.notes).toBe(2);
		await s.updater.flush();
		for (const n of [n1, n2]) expect(await s.text(n)).toBe(block('cnn-conv', 'image: "[[a.png]]"', 'other: "[[c.png]]"'));
		expect(s.app.metadataCache.getFirstLinkpathDest('a.png', 'Y/moved.md')?.path).toBe('X/a.png');
	});

	it('plans a rename that arrives while the question is open together with the first: one more question, the shortest link', async () => {
		const answers: ((v: boolean) => void)[] = [];
		const s = setup({ auto: false, confirm: () => new Promise((r) => answers.push(r)) });
		const a = s.picture('pics/a.png');
		const n = s.note('n.md', block('cnn-conv', 'image: "[[a.png]]"'));
		await s.app.vault.rename(a, 'pics/b.png');
		const first = s.updater.flush();
		await until(() => answers[0]);
		await s.app.vault.rename(a, 'pics/c.png');
		const second = s.updater.flush();
		answers[0]?.(true);
		await first;
		(await until(() => answers[1]))(true);
		await second;
		expect(await s.text(n)).toBe(block('cnn-conv', 'image: "[[c.png]]"'));
		expect(s.app.vault.writes).toEqual(['n.md']);
	});

	it('writes nothing once stopped while the question is open, and closes the question', async () => {
		const s = setup({ auto: false, confirm: undefined });
		const app = s.app;
		const updater = new LinkUpdater(asApp(app), 60_000);
		app.vault.on('rename', (file: ObsidianAbstractFile, old: string) => updater.onRename(file, old));
		const a = s.picture('a.png');
		const n = s.note('n.md', block('cnn-conv', 'image: "[[a.png]]"'));
		await app.vault.rename(a, 'b.png');
		const done = updater.flush();
		await until(() => document.querySelector('.modal-container'));
		updater.stop();
		expect(document.querySelector('.modal-container')).toBeNull();
		const report = await done;
		expect(report?.confirmed).toBe(false);
		await turns();
		expect(await s.text(n)).toBe(block('cnn-conv', 'image: "[[a.png]]"'));
		expect(app.vault.writes).toEqual([]);
	});

	it('writes nothing once stopped after the answer came, before the writes', async () => {
		let stopNow = () => {};
		const s = setup({
			auto: false,
			confirm: async () => {
				stopNow();
				return true;
			},
		});
		stopNow = () => s.updater.stop();
		const a = s.picture('a.png');
		const n = s.note('n.md', block('cnn-conv', 'image: "[[a.png]]"'));
		await s.app.vault.rename(a, 'b.png');
		await s.updater.flush();
		expect(await s.text(n)).toBe(block('cnn-conv', 'image: "[[a.png]]"'));
	});
});

describe('what the batch reads and follows', () => {
	it('plans from the open editor’s text, not the file on disk', async () => {
		const s = setup();
		const a = s.picture('a.png');
		const n = s.note('n.md', block('cnn-conv', 'kernel: sobel-x'));
		const view = await s.app.workspace.openNote(n);
		view.editor.setValue(block('cnn-conv', 'image: "[[a.png]]"', 'kernel: sobel-x'));
		await s.app.vault.rename(a, 'b.png');
		const report = await s.updater.flush();
		expect(report?.planned.map((p) => p.note.path)).toEqual(['n.md']);
		expect(view.editor.getValue()).toBe(block('cnn-conv', 'image: "[[b.png]]"', 'kernel: sobel-x'));
	});

	it('reads notes that are not open with cachedRead, and looks into those only that may hold a moved name', async () => {
		const s = setup();
		const a = s.picture('a.png');
		s.note('n.md', block('cnn-conv', 'image: "[[a.png]]"'));
		s.note('other.md', block('cnn-conv', 'image: "[[z.png]]"'));
		const read = jest.spyOn(s.app.vault, 'cachedRead');
		await s.app.vault.rename(a, 'b.png');
		const planner = new MovePlanner(asApp(s.app), { files: new Map([[a, 'a.png']]), folders: [] } as unknown as Moves);
		const other = s.app.vault.getFileByPath('other.md') as unknown as ObsidianTFile;
		expect(planner.mayConcern(other, block('cnn-conv', 'image: "[[z.png]]"'))).toBe(false);
		await s.updater.flush();
		expect(read.mock.calls.map(([f]) => f.path).sort()).toEqual(['n.md', 'other.md']);
	});

	it('follows a folder moved twice in one batch to where it ends', async () => {
		const s = setup();
		s.picture('X/a.png');
		const n = s.note('n.md', block('cnn-train', 'data: "[[X]]"', 'image: "[[X/a.png]]"', 'sub: "[[X/a.png]]"'));
		const folder = s.app.vault.getFolderByPath('X');
		if (!folder) throw new Error('no folder');
		await s.app.vault.rename(folder, 'Y');
		await s.app.vault.rename(folder, 'Z');
		await s.updater.flush();
		expect(await s.text(n)).toBe(block('cnn-train', 'data: "[[Z]]"', 'image: "[[a.png]]"', 'sub: "[[a.png]]"'));
	});

	it('keeps the .md of a note link its writer gave it', async () => {
		const s = setup();
		const m = s.note('models/old.md', 'model');
		const n = s.note('n.md', block('cnn-classify', 'model: "[[old.md]]"', 'other: "[[models/old]]"'));
		await s.app.vault.rename(m, 'models/new.md');
		await s.updater.flush();
		expect(await s.text(n)).toBe(block('cnn-classify', 'model: "[[new.md]]"', 'other: "[[new]]"'));
	});

	it('leaves links a rename cannot write, and says so: part of a longer text, or a name a wiki-link cannot hold', async () => {
		const s = setup();
		const a = s.picture('a.png');
		const b = s.picture('b.png');
		const n = s.note('n.md', block('cnn-conv', 'image: "[[a.png]]"', 'caption: "see [[a.png]] here"', 'x: "[[b.png]]"'));
		await s.app.vault.rename(a, '{draft} a.png');
		await s.app.vault.rename(b, 'b#1.png');
		const notices = await noticesDuring(() => s.updater.flush());
		expect(await s.text(n)).toBe(block('cnn-conv', 'image: "[[{draft} a.png]]"', 'caption: "see [[a.png]] here"', 'x: "[[b.png]]"'));
		expect(notices).toHaveLength(1);
		expect(notices[0]).toContain('Updated 1 link in 1 CNN block of 1 note.');
		expect(notices[0]).toContain('2 links to a moved file left as written');
	});
});
