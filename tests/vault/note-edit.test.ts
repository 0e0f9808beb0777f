import type { App as ObsidianApp, TFile as ObsidianTFile } from 'obsidian';
import { App, type TFile } from '../../harness/obsidian';
import { changedRange, editNote } from '../../src/vault/note-edit';

const asApp = (app: App) => app as unknown as ObsidianApp;
const asFile = (file: TFile) => file as unknown as ObsidianTFile;
const NOTE = 'one\ntwo\nthree\n';
const upper = (line: string) => (text: string) => (text.includes(line) ? text.replace(line, line.toUpperCase()) : null);

function setup(): { app: App; file: TFile } {
	const app = new App();
	return { app, file: app.vault.seed('notes/a.md', NOTE) };
}

describe('changedRange', () => {
	it('covers only what differs', () => {
		expect(changedRange('abcdef', 'abXYef')).toEqual({ from: 2, to: 4, text: 'XY' });
		expect(changedRange('aaa', 'aaaa')).toEqual({ from: 3, to: 3, text: 'a' });
		expect(changedRange('same', 'same')).toEqual({ from: 4, to: 4, text: '' });
	});
});

describe('editNote', () => {
	it('writes through vault.process when the note is not open', async () => {
		const { app, file } = setup();
		expect(await editNote(asApp(app), asFile(file), upper('two'))).toEqual({ status: 'written', via: 'vault' });
		expect(await app.vault.read(file)).toBe('one\nTWO\nthree\n');
		expect(app.vault.writes).toEqual(['notes/a.md']);
	});

	it('writes nothing when the text would not change, or when the edit refuses', async () => {
		const { app, file } = setup();
		expect(await editNote(asApp(app), asFile(file), (t) => t)).toEqual({ status: 'unchanged' });
		expect(await editNote(asApp(app), asFile(file), upper('four'))).toEqual({ status: 'conflict' });
		expect(app.vault.writes).toEqual([]);
		expect(await app.vault.read(file)).toBe(NOTE);
	});

	it('writes through the open editor in one transaction that Ctrl/Cmd+Z undoes', async () => {
		const { app, file } = setup();
		const view = await app.workspace.openNote(file);
		expect(await editNote(asApp(app), asFile(file), upper('three'))).toEqual({ status: 'written', via: 'editor' });
		expect(view.editor.getValue()).toBe('one\ntwo\nTHREE\n');
		expect(view.editor.transactions).toBe(1);
		expect(await app.vault.read(file)).toBe('one\ntwo\nTHREE\n');
		view.editor.undo();
		expect(view.editor.getValue()).toBe(NOTE);
	});

	it('edits what the editor holds, not an older copy on disk', async () => {
		const { app, file } = setup();
		const view = await app.workspace.openNote(file);
		view.editor.replaceRange('zero\n', { line: 0, ch: 0 });
		expect(await editNote(asApp(app), asFile(file), upper('one'))).toMatchObject({ status: 'written' });
		expect(view.editor.getValue()).toBe('zero\nONE\ntwo\nthree\n');
	});

	it('fails without changing anything on a read-only note', async () => {
		const { app, file } = setup();
		app.vault.readOnly.add('notes/a.md');
		const outcome = await editNote(asApp(app), asFile(file), upper('two'));
		expect(outcome.status).toBe('failed');
		expect(await app.vault.read(file)).toBe(NOTE);
	});

	it('follows a note renamed before the write, and says when the note was deleted', async () => {
		const { app, file } = setup();
		await app.vault.rename(file, 'moved/b.md');
		expect(await editNote(asApp(app), asFile(file), upper('one'))).toMatchObject({ status: 'written' });
		expect(await app.vault.read(file)).toBe('ONE\ntwo\nthree\n');
		expect(app.vault.getFileByPath('notes/a.md')).toBeNull();
		await app.vault.delete(file);
		expect((await editNote(asApp(app), asFile(file), upper('two'))).status).toBe('deleted');
	});

	it('applies the edit to the text process() sees when the note changed after the first look', async () => {
		const { app, file } = setup();
		const read = app.vault.read.bind(app.vault);
		let calls = 0;
		// A sync tool rewrites the note between the first look and the atomic write.
		app.vault.read = async (f: TFile) => {
			const text = await read(f);
			if (++calls === 1) app.vault.seed('notes/a.md', 'one\ntwo\n');
			return text;
		};
		expect(await editNote(asApp(app), asFile(file), upper('three'))).toEqual({ status: 'conflict' });
		expect(await read(file)).toBe('one\ntwo\n');
	});
});
