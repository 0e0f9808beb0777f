import { TFolder } from 'obsidian';
import { App } from '../../harness/obsidian';
import { asObsidianApp } from '../helpers/plugin';
import { listFolderPictures, resolveFolder } from '../../src/vault/folder-pictures';

async function vault(paths: string[]): Promise<App> {
	const app = new App();
	for (const path of paths) await app.vault.createBinary(path, new ArrayBuffer(1));
	return app;
}

describe('folder pictures', () => {
	it('lists every picture inside, sorted, with its first subfolder as group; other files are left out', async () => {
		const app = await vault(['data/shapes/square/b.png', 'data/shapes/circle/a.JPG', 'data/shapes/circle/deep/c.webp', 'data/shapes/loose.gif', 'data/shapes/notes.md', 'data/other/x.png']);
		const folder = resolveFolder(asObsidianApp(app).vault, 'data/shapes', 'notes/n.md');
		expect(folder).toBeInstanceOf(TFolder);
		if (!(folder instanceof TFolder)) throw new Error('not a folder');
		const listing = listFolderPictures(folder);
		expect(listing.pictures.map((p) => [p.file.path, p.group])).toEqual([
			['data/shapes/circle/a.JPG', 'circle'],
			['data/shapes/circle/deep/c.webp', 'circle'],
			['data/shapes/loose.gif', null],
			['data/shapes/square/b.png', 'square'],
		]);
		expect(listing.total).toBe(4);
	});

	it('a link to a file or to nothing is not a folder; a trailing slash and a path relative to the note work', async () => {
		const app = await vault(['notes/pics/a.png', 'b.png']);
		expect(resolveFolder(asObsidianApp(app).vault, 'b.png', 'n.md')).toBeNull();
		expect(resolveFolder(asObsidianApp(app).vault, 'nowhere', 'n.md')).toBeNull();
		expect(resolveFolder(asObsidianApp(app).vault, '', 'n.md')).toBeNull();
		expect(resolveFolder(asObsidianApp(app).vault, 'notes/pics/', 'n.md')?.path).toBe('notes/pics');
		expect(resolveFolder(asObsidianApp(app).vault, 'pics', 'notes/n.md')?.path).toBe('notes/pics');
	});

	it('caps the list and keeps the total', async () => {
		const app = await vault(Array.from({ length: 12 }, (_, i) => `p/${String(i).padStart(2, '0')}.png`));
		const folder = resolveFolder(asObsidianApp(app).vault, 'p', '');
		if (!(folder instanceof TFolder)) throw new Error('not a folder');
		const listing = listFolderPictures(folder, 5);
		expect(listing.pictures).toHaveLength(5);
		expect(listing.total).toBe(12);
		expect(listing.pictures[0]?.file.path).toBe('p/00.png');
	});
});
