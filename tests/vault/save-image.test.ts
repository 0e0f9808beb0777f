/**
 * "Save as image to vault" (src/vault/save-image.ts) on the fake vault: a free name next to the
 * note (or where the attachment setting says), never an overwrite, and a refusal instead of a
 * throw when the folder is read-only or there is no note.
 */
import { App } from '../../harness/obsidian';
import { asObsidianApp } from '../helpers/plugin';
import { imageSaver, saveWidgetImage } from '../../src/vault/save-image';

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]).buffer;

function vault(setting?: string): App {
	const app = new App();
	app.vault.seed('notes/Convolution.md', '# Convolution\n');
	if (setting !== undefined) app.vault.setConfig('attachmentFolderPath', setting);
	return app;
}

describe('saveWidgetImage', () => {
	it('writes `<note> - <kind> 1.png` next to the note when attachments go to the note\'s folder', async () => {
		const app = vault('./');
		const out = await saveWidgetImage(asObsidianApp(app), 'notes/Convolution.md', 'conv', PNG);
		expect(out).toEqual({ ok: true, path: 'notes/Convolution - conv 1.png' });
		const file = app.vault.getFileByPath('notes/Convolution - conv 1.png');
		expect(file).not.toBeNull();
		expect(new Uint8Array(await app.vault.readBinary(file!))).toEqual(new Uint8Array(PNG));
	});

	it('picks the next free number and never overwrites a file that is there', async () => {
		const app = vault('./');
		const old = app.vault.seed('notes/Convolution - pool 1.png', 'old picture');
		app.vault.seed('notes/Convolution - pool 2.png', 'older picture');
		const out = await saveWidgetImage(asObsidianApp(app), 'notes/Convolution.md', 'pool', PNG);
		expect(out).toEqual({ ok: true, path: 'notes/Convolution - pool 3.png' });
		expect(await app.vault.read(old)).toBe('old picture');
		const again = await saveWidgetImage(asObsidianApp(app), 'notes/Convolution.md', 'pool', PNG);
		expect(again).toEqual({ ok: true, path: 'notes/Convolution - pool 4.png' });
		expect(app.vault.writes).toEqual(['notes/Convolution - pool 3.png', 'notes/Convolution - pool 4.png']);
	});

	it('next to the note by default (no setting, or the vault\'s top: Obsidian\'s default); else where the attachment setting says: a folder (created), a subfolder of the note\'s', async () => {
		const unset = vault();
		expect(await saveWidgetImage(asObsidianApp(unset), 'notes/Convolution.md', 'conv', PNG)).toEqual({ ok: true, path: 'notes/Convolution - conv 1.png' });
		const top = vault('/');
		expect(await saveWidgetImage(asObsidianApp(top), 'notes/Convolution.md', 'conv', PNG)).toEqual({ ok: true, path: 'notes/Convolution - conv 1.png' });
		const folder = vault('Attachments');
		expect(await saveWidgetImage(asObsidianApp(folder), 'notes/Convolution.md', 'conv', PNG)).toEqual({ ok: true, path: 'Attachments/Convolution - conv 1.png' });
		expect(folder.vault.getFolderByPath('Attachments')).not.toBeNull();
		const sub = vault('./img');
		expect(await saveWidgetImage(asObsidianApp(sub), 'notes/Convolution.md', 'classify', PNG)).toEqual({ ok: true, path: 'notes/img/Convolution - classify 1.png' });
	});

	it('a read-only folder: a refusal naming the path, nothing written, no throw', async () => {
		const app = vault('./');
		app.vault.readOnly.add('notes');
		const out = await saveWidgetImage(asObsidianApp(app), 'notes/Convolution.md', 'conv', PNG);
		expect(out).toEqual(expect.objectContaining({ ok: false, reason: 'read-only', path: 'notes/Convolution - conv 1.png' }));
		expect(app.vault.writes).toEqual([]);
		expect(app.vault.getFileByPath('notes/Convolution - conv 1.png')).toBeNull();
	});

	it('a read-only vault with an attachment folder still to create: a refusal, nothing written', async () => {
		const app = vault('Attachments');
		app.vault.readOnly.add('/');
		const out = await saveWidgetImage(asObsidianApp(app), 'notes/Convolution.md', 'conv', PNG);
		expect(out.ok).toBe(false);
		expect(app.vault.getFolderByPath('Attachments')).toBeNull();
	});

	it('no note behind the block (an embed of nothing, a note deleted meanwhile): no-note', async () => {
		const app = vault('./');
		expect(await saveWidgetImage(asObsidianApp(app), 'gone.md', 'conv', PNG)).toEqual(expect.objectContaining({ ok: false, reason: 'no-note' }));
		expect(await saveWidgetImage(asObsidianApp(app), '', 'conv', PNG)).toEqual(expect.objectContaining({ ok: false, reason: 'no-note' }));
	});

	it('imageSaver opens the saved file itself in a new tab (not a link, which could resolve to another note)', async () => {
		const app = vault('./');
		app.vault.seed('Convolution - conv 1.png.md', '# a note a link could resolve to\n');
		const saver = imageSaver(asObsidianApp(app), 'notes/Convolution.md');
		const out = await saver.save(PNG, 'conv');
		expect(out.ok).toBe(true);
		const link = jest.spyOn(app.workspace, 'openLinkText');
		const leaf = app.workspace.getLeaf(true);
		const getLeaf = jest.spyOn(app.workspace, 'getLeaf').mockReturnValue(leaf);
		const openFile = jest.spyOn(leaf, 'openFile').mockResolvedValue();
		await saver.open('notes/Convolution - conv 1.png');
		expect(getLeaf).toHaveBeenCalledWith(true);
		expect(openFile).toHaveBeenCalledWith(app.vault.getFileByPath('notes/Convolution - conv 1.png'));
		expect(link).not.toHaveBeenCalled();
		await expect(saver.open('notes/gone.png')).rejects.toThrow();
	});

	it('a long note name is cut to 100 characters in the picture\'s name', async () => {
		const long = 'N'.repeat(240);
		const app = vault('./');
		app.vault.seed(`notes/${long}.md`, '# long\n');
		const out = await saveWidgetImage(asObsidianApp(app), `notes/${long}.md`, 'conv', PNG);
		expect(out).toEqual({ ok: true, path: `notes/${'N'.repeat(100)} - conv 1.png` });
	});

	it('a name taken in another letter case (a case-insensitive disk) is skipped', async () => {
		const app = vault('./');
		app.vault.seed('notes/convolution - CONV 1.png', 'x');
		const out = await saveWidgetImage(asObsidianApp(app), 'notes/Convolution.md', 'conv', PNG);
		expect(out).toEqual({ ok: true, path: 'notes/Convolution - conv 2.png' });
	});

	it('a failure that is not a read-only one (a name too long for the disk) is not called read-only', async () => {
		const app = vault('./');
		jest.spyOn(app.vault, 'createBinary').mockRejectedValue(new Error("ENAMETOOLONG: name too long, open 'x'"));
		const out = await saveWidgetImage(asObsidianApp(app), 'notes/Convolution.md', 'conv', PNG);
		expect(out).toEqual(expect.objectContaining({ ok: false, reason: 'not-written' }));
	});
});
