import { readFileSync } from 'fs';
import { join } from 'path';
import { setLanguage, shownNotices, TFile } from '../../harness/obsidian';
import { appWithPlugin, confirm, filesUnder, noteText, openDialog } from './course/run-command';

const EXAMPLES = join(__dirname, '..', '..', 'examples', 'vault');
const PICTURES = ['checkerboard.png', 'cnn-pipeline.png', 'convolution.png', 'digit-seven.png', 'edges.png', 'max-pooling.png', 'neural-network.png', 'relu.png'];
const NOTES = {
	en: ['Convolutional neural networks', 'Artificial neural networks', 'Convolution', 'ReLU', 'Pooling', 'Fully connected layers', 'Classification'],
	es: ['Redes Neuronales Convolucionales', 'Redes Neuronales Artificiales', 'Convolución', 'ReLU', 'Pooling', 'Capas completamente conectadas', 'Clasificación'],
};
const courseFiles = (folder: string, language: 'en' | 'es'): string[] =>
	[...PICTURES.map((p) => `${folder}/attachments/${p}`), ...NOTES[language].map((n) => `${folder}/${n}.md`)].sort();

afterEach(() => {
	document.body.empty();
});

describe('Insert the CNN course into this vault', () => {
	it.each([
		['en', 'Insert the CNN course into this vault', 'CNN course'],
		['es', 'Insertar el curso de CNN en esta bóveda', 'Curso de CNN'],
	] as const)('in %s: the command “%s” offers “%s”, lists the 15 files and creates them, the notes as in the example vault', async (language, name, folder) => {
		setLanguage(language);
		const { app, plugin } = appWithPlugin();
		const command = plugin.commands.find((c) => c.id === 'insert-course');
		expect(command?.name).toBe(name);
		expect(command).not.toHaveProperty('hotkeys');
		const dialog = openDialog(plugin);
		expect(dialog.input.value).toBe(folder);
		expect([...dialog.listed('create')].sort()).toEqual(courseFiles(folder, language));
		expect(dialog.listed('keep')).toEqual([]);
		const notice = await confirm(dialog);
		expect(filesUnder(app, folder)).toEqual(courseFiles(folder, language));
		for (const note of NOTES[language]) {
			// No other file has these names: every link stays as the course wrote it.
			expect(await noteText(app, `${folder}/${note}.md`)).toBe(readFileSync(join(EXAMPLES, language, `${note}.md`), 'utf8'));
		}
		expect(notice).toBe(language === 'en' ? '15 files created in “CNN course”.' : '15 archivos creados en «Curso de CNN».');
		// The overview note opens.
		expect(app.workspace.leaves.at(-1)?.view.file?.path).toBe(`${folder}/${NOTES[language][0]}.md`);
	});

	it('offers “CNN course 2” when “CNN course” is taken, and creates nested folders', async () => {
		const { app, plugin } = appWithPlugin();
		app.vault.seed('CNN course/mine.md', 'my notes');
		const dialog = openDialog(plugin);
		expect(dialog.input.value).toBe('CNN course 2');
		dialog.type(' Teaching/2026\\CNN ');
		expect(dialog.listed('create')).toContain('Teaching/2026/CNN/Convolution.md');
		await confirm(dialog);
		expect(filesUnder(app, 'Teaching/2026/CNN')).toEqual(courseFiles('Teaching/2026/CNN', 'en'));
		expect(app.vault.getFolderByPath('Teaching/2026/CNN/attachments')).not.toBeNull();
	});

	it('overwrites nothing: files already in the folder are listed, kept byte for byte and counted', async () => {
		const { app, plugin } = appWithPlugin();
		const mine = new Uint8Array([1, 2, 3, 4]).buffer;
		app.vault.seed('CNN course/Pooling.md', 'My own pooling notes');
		app.vault.seed('CNN course/attachments/relu.png', mine);
		const dialog = openDialog(plugin);
		dialog.type('CNN course');
		expect(dialog.listed('keep').sort()).toEqual(['CNN course/Pooling.md', 'CNN course/attachments/relu.png']);
		expect(dialog.listed('create')).toHaveLength(13);
		expect(dialog.summary.textContent).toContain('2 files already exist and are kept:');
		const notice = await confirm(dialog);
		expect(await noteText(app, 'CNN course/Pooling.md')).toBe('My own pooling notes');
		const relu = app.vault.getFileByPath('CNN course/attachments/relu.png');
		if (!(relu instanceof TFile)) throw new Error('relu.png is gone');
		expect(new Uint8Array(await app.vault.readBinary(relu))).toEqual(new Uint8Array([1, 2, 3, 4]));
		expect(app.vault.writes).not.toContain('CNN course/Pooling.md');
		expect(app.vault.writes).not.toContain('CNN course/attachments/relu.png');
		expect(notice).toBe('13 files created in “CNN course”; 2 files already existed and were kept.');
	});

	it('with every file already there, says there is nothing to create and cannot insert', async () => {
		const { app, plugin } = appWithPlugin();
		await confirm(openDialog(plugin));
		const writes = app.vault.writes.length;
		const dialog = openDialog(plugin);
		dialog.type('CNN course');
		expect(dialog.summary.textContent).toContain('Every file of the course is already in this folder');
		expect(dialog.listed('keep')).toHaveLength(15);
		expect(dialog.insert.disabled).toBe(true);
		dialog.insert.click();
		expect(app.vault.writes.length).toBe(writes);
	});

	it.each([
		['../outside', 'A folder name cannot contain “..”.'],
		['a/../../b', 'A folder name cannot contain “..”.'],
		['.hidden', 'A folder name cannot start with a dot'],
		['Course: 2026', 'A folder name cannot contain :.'],
		['CNN [1] #x', 'A folder name cannot contain # [ ].'],
		['   ', 'Type the name of a folder.'],
		['/', 'Type the name of a folder.'],
		['notes.md', '“notes.md” is a file, not a folder.'],
	])('refuses the folder “%s”: %s', async (folder, message) => {
		const { app, plugin } = appWithPlugin();
		app.vault.seed('notes.md', 'a note');
		const dialog = openDialog(plugin);
		dialog.type(folder);
		expect(dialog.summary.querySelector('[role="alert"]')?.textContent).toContain(message);
		expect(dialog.insert.disabled).toBe(true);
		dialog.insert.click();
		dialog.input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter' }));
		await new Promise((resolve) => setTimeout(resolve, 0));
		expect(app.vault.writes).toEqual([]);
	});

	it('tells the refusal in Spanish too', () => {
		setLanguage('es');
		const { plugin } = appWithPlugin();
		const dialog = openDialog(plugin);
		dialog.type('../fuera');
		expect(dialog.summary.textContent).toBe('El nombre de una carpeta no puede contener «..».');
	});

	it('Enter in the folder field inserts, as the button does', async () => {
		const { app, plugin } = appWithPlugin();
		const dialog = openDialog(plugin);
		const before = shownNotices.length;
		dialog.input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter' }));
		for (let i = 0; i < 5000 && shownNotices.length === before; i++) await new Promise((resolve) => setTimeout(resolve, 0));
		expect(filesUnder(app, 'CNN course')).toHaveLength(15);
	});

	it('while inserting, the field and the button are disabled, and a second click or typing starts nothing', async () => {
		const { app, plugin } = appWithPlugin();
		const dialog = openDialog(plugin);
		dialog.insert.click();
		expect(dialog.insert.disabled).toBe(true);
		expect(dialog.insert.textContent).toBe('Creating the course…');
		expect(dialog.input.disabled).toBe(true);
		dialog.type('Elsewhere');
		expect(dialog.insert.disabled).toBe(true);
		dialog.insert.click();
		const before = shownNotices.length;
		for (let i = 0; i < 5000 && shownNotices.length === before; i++) await new Promise((resolve) => setTimeout(resolve, 0));
		expect(shownNotices.length).toBe(before + 1);
		expect(filesUnder(app, 'CNN course')).toHaveLength(15);
		expect(app.vault.getAbstractFileByPath('Elsewhere')).toBeNull();
	});

	it('a read-only failure mid-way reports what was created and what failed, and writes the rest', async () => {
		const { app, plugin } = appWithPlugin();
		for (const note of ['Convolution', 'ReLU', 'Pooling', 'Classification']) app.vault.readOnly.add(`CNN course/${note}.md`);
		const notice = await confirm(openDialog(plugin));
		expect(notice).toMatch(/^11 files created in “CNN course”\. 4 files could not be created: Convolution\.md, ReLU\.md, Pooling\.md, …\. EACCES: permission denied/);
		expect(filesUnder(app, 'CNN course')).toHaveLength(11);
		expect(app.vault.getFileByPath('CNN course/Fully connected layers.md')).not.toBeNull();
		// The overview was created: it opens.
		expect(app.workspace.leaves.at(-1)?.view.file?.path).toBe('CNN course/Convolutional neural networks.md');
	});

	it('when nothing can be written, says so with the reason', async () => {
		setLanguage('es');
		const { app, plugin } = appWithPlugin();
		const dialog = openDialog(plugin);
		for (const path of dialog.listed('create')) app.vault.readOnly.add(path);
		const notice = await confirm(dialog);
		expect(notice).toMatch(/^No se ha podido crear el curso en «Curso de CNN»: EACCES/);
		expect(app.vault.getFiles()).toEqual([]);
		expect(app.workspace.leaves).toHaveLength(0);
	});

	it('a file that appears between the dialog and the insert is kept, not overwritten', async () => {
		const { app, plugin } = appWithPlugin();
		const dialog = openDialog(plugin);
		app.vault.seed('CNN course/ReLU.md', 'written meanwhile');
		const notice = await confirm(dialog);
		expect(await noteText(app, 'CNN course/ReLU.md')).toBe('written meanwhile');
		expect(notice).toContain('1 file already existed and was kept');
	});
});
