import { App } from '../../harness/obsidian';
import { PathIndex } from '../../src/vault/link-resolve';

const PATHS = [
	'a.png',
	'pics/a.png',
	'pics/deep/a.png',
	'notes/a.png',
	'notes/Note.md',
	'Note.md',
	'other/note.md',
	'models/m/model.json',
	'models/n/model.json',
	'Pics/B.PNG',
	'x/y/z/c.png',
	'x/c.png',
];

describe('PathIndex.resolve', () => {
	it('answers as metadataCache.getFirstLinkpathDest does, for every link from every note', () => {
		const app = new App();
		for (const p of PATHS) app.vault.seed(p, '');
		const index = new PathIndex(PATHS);
		const links = ['a.png', 'A.PNG', 'pics/a.png', 'deep/a.png', 'Note', 'note', 'Note.md', 'other/note', 'model.json', 'm/model.json', 'b.png', 'c.png', 'y/z/c.png', 'nothing.png', 'a.png#part', '', '/pics/a.png', './a.png', '../a.png', '../../pics/a.png', './deep/a.png', '../../../a.png'];
		const sources = ['root.md', 'notes/n.md', 'pics/n.md', 'pics/deep/n.md', 'x/y/n.md', 'other/n.md', 'models/m/n.md'];
		const differences: string[] = [];
		for (const link of links) {
			for (const source of sources) {
				const ours = index.resolve(link, source);
				const obsidian = app.metadataCache.getFirstLinkpathDest(link, source)?.path ?? null;
				if (ours !== obsidian && !link.startsWith('/')) differences.push(`${link} from ${source}: ${ours} vs ${obsidian}`);
			}
		}
		expect(differences).toEqual([]);
	});

	it('prefers the exact vault path, then the note’s folder, then the shortest path', () => {
		const index = new PathIndex(PATHS);
		// As Obsidian: `a.png` is the vault's a.png even from notes/, where another a.png lies.
		expect(index.resolve('a.png', 'notes/n.md')).toBe('a.png');
		expect(index.resolve('deep/a.png', 'pics/n.md')).toBe('pics/deep/a.png');
		expect(index.resolve('Note', 'notes/n.md')).toBe('Note.md');
		expect(index.resolve('c.png', 'root.md')).toBe('x/c.png');
		expect(index.resolve('model.json', 'root.md')).toBe('models/m/model.json');
		expect(index.resolve('nothing.png', 'root.md')).toBeNull();
		expect(index.has('pics/a.png')).toBe(true);
	});
});
