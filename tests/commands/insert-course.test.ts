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
		['../outside', 'A folder name cannot be “..”'],
		['a/../../b', 'A folder name cannot be “..”'],
		['a/./b', 'A folder name cannot start with a dot'],
		['con', '“con” cannot be a folder name: Windows keeps it for a device.'],
		['Course/NUL.txt/x', '“NUL.txt” cannot be a folder name'],
		['com1', '“com1” cannot be a folder name'],
		['trail./x', 'A folder name cannot end with a dot (“trail.”)'],
		['\u202eevil', 'A folder name cannot contain U+202E.'],
		['a\u0007b\u200f', 'A folder name cannot contain U+0007 U+200F.'],
		['notes.md/course', '“notes.md” is a file, not a folder.'],
		['NOTES.MD/course', '“notes.md” is a file, not a folder.'],
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
		expect(dialog.summary.textContent).toBe('El nombre de una carpeta no puede ser «..» (la carpeta de encima).');
		dialog.type('aux');
		expect(dialog.summary.textContent).toBe('«aux» no puede ser el nombre de una carpeta: Windows lo reserva para un dispositivo.');
	});

	it.each(['a..b', 'v1.2 notes', 'naïve/x y'])('accepts “%s” (dots inside a name, accents, spaces)', (folder) => {
		const { plugin } = appWithPlugin();
		const dialog = openDialog(plugin);
		dialog.type(folder);
		expect(dialog.summary.querySelector('[role="alert"]')).toBeNull();
		expect(dialog.insert.disabled).toBe(false);
	});

	it('a folder that exists with other capitals is the same folder (macOS, Windows): its files are kept, the rest go into it as it is spelled', async () => {
		const { app, plugin } = appWithPlugin();
		app.vault.seed('cnn course/Convolution.md', 'mine');
		app.vault.seed('cnn course/Attachments/RELU.png', new Uint8Array([1]).buffer);
		const dialog = openDialog(plugin);
		expect(dialog.input.value).toBe('CNN course 2');
		dialog.type('CNN Course');
		expect(dialog.listed('keep').sort()).toEqual(['cnn course/Attachments/RELU.png', 'cnn course/Convolution.md']);
		expect(dialog.listed('create')).toHaveLength(13);
		expect(dialog.listed('create').every((p) => p.startsWith('cnn course/'))).toBe(true);
		expect(dialog.listed('create')).toContain('cnn course/Attachments/edges.png');
		const notice = await confirm(dialog);
		expect(notice).toBe('13 files created in “cnn course”; 2 files already existed and were kept.');
		expect(await noteText(app, 'cnn course/Convolution.md')).toBe('mine');
		expect(app.vault.getFiles().filter((f) => f.path.toLowerCase().startsWith('cnn course/'))).toHaveLength(15);
		expect(app.vault.getAbstractFileByPath('CNN Course')).toBeNull();
	});

	it('a file put where the folder goes after the list was shown: nothing is written, the dialog says why', async () => {
		const { app, plugin } = appWithPlugin();
		const dialog = openDialog(plugin);
		dialog.type('Later');
		app.vault.seed('Later', 'a file without extension');
		dialog.insert.click();
		await new Promise((resolve) => setTimeout(resolve, 0));
		expect(app.vault.writes).toEqual([]);
		expect(dialog.root.isConnected).toBe(true);
		expect(dialog.summary.querySelector('[role="alert"]')?.textContent).toBe('“Later” is a file, not a folder.');
	});

	it('a second copy elsewhere: the dialog warns that short links to the same names in other notes become ambiguous; the first copy is not edited', async () => {
		const { app, plugin } = appWithPlugin();
		await confirm(openDialog(plugin));
		const first = await noteText(app, 'CNN course/Convolution.md');
		const dialog = openDialog(plugin);
		expect(dialog.input.value).toBe('CNN course 2');
		expect(dialog.summary.querySelector('.cnn-course-warning')?.textContent).toMatch(/^15 files of the course have the same name as a file elsewhere in this vault \(for example “[^”]+”\): short links/);
		await confirm(dialog);
		expect(await noteText(app, 'CNN course/Convolution.md')).toBe(first);
		expect(await noteText(app, 'CNN course 2/Convolution.md')).toContain('[[CNN course 2/');
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
		expect(notice).toMatch(/^11 files created in “CNN course”\. 4 files could not be created: Convolution\.md, ReLU\.md, Pooling\.md, …\. The vault or the folder cannot be written to \(read-only or no permission\)\. Details: EACCES: permission denied/);
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
		expect(notice).toMatch(/^No se ha podido crear el curso en «Curso de CNN»: No se puede escribir en la bóveda o en la carpeta \(solo lectura o sin permiso\)\. Detalles: EACCES/);
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
