/**
 * "Save as image to vault" (the widget menu): a widget's picture written as a PNG next to its note,
 * or, when the user chose an attachment folder (Settings > Files and links, anything but the
 * vault's top, which is Obsidian's default), where that setting puts a note's attachments (through
 * `fileManager.getAvailablePathForAttachment`); named after the note and the block,
 * `<note name> - <block kind> <n>.png` (a long note name shortened to NOTE_NAME_MAX characters),
 * with the first `n` (from 1) no file has, letter case aside (a case-insensitive disk would take
 * `a.png` for `A.png`): nothing is ever overwritten.
 */
import type { App, TFile } from 'obsidian';

/** What became of a save: the new file's vault path, or why nothing was written (`path`: where it tried). */
export type SaveImageOutcome = { ok: true; path: string } | { ok: false; reason: 'no-note' | 'read-only' | 'not-written'; path: string; message: string };

/** What a widget needs to save its picture and show it: `save` writes, `open` opens a saved file (the Notice's link). */
export interface ImageSaver {
	/** Writes `png` (the bytes of a PNG) for a block of `kind` (`conv`, `pool`, `classify`). */
	save(png: ArrayBuffer, kind: string): Promise<SaveImageOutcome>;
	/** Opens the file at `path` (a saved picture) in a new tab (the file itself, never a link that could resolve to another). */
	open(path: string): Promise<void>;
}

/** Tries past names already taken between the look and the write (another save at the same moment). */
const MAX_TRIES = 1000;

/** The most characters of the note's name in a picture's name: file systems refuse names over 255 bytes. */
export const NOTE_NAME_MAX = 100;

/** The note's name without its folder and `.md`: `en/Convolution.md` -> `Convolution`; past NOTE_NAME_MAX characters, cut there (trailing spaces and dots dropped). */
export function noteName(sourcePath: string): string {
	const file = sourcePath.slice(sourcePath.lastIndexOf('/') + 1).replace(/\.md$/i, '');
	const chars = Array.from(file);
	return chars.length <= NOTE_NAME_MAX ? file : chars.slice(0, NOTE_NAME_MAX).join('').replace(/[\s.]+$/, '');
}

/** True for an error a read-only file, folder or disk gives. */
function readOnlyError(message: string): boolean {
	return /EACCES|EPERM|EROFS|read-only|permission denied/i.test(message);
}

/** True when a file or folder at `path` exists, letter case aside. */
function taken(app: App, path: string): boolean {
	if (app.vault.getAbstractFileByPath(path)) return true;
	const folder = app.vault.getFolderByPath(folderOf(path) || '/');
	const lower = path.toLowerCase();
	return folder?.children.some((f) => f.path.toLowerCase() === lower) ?? false;
}

/** The `n`-th candidate name: `<folder>/<note> - <kind> <n>.png` (no folder at the vault's top). */
export function imagePath(folder: string, note: string, kind: string, n: number): string {
	const name = `${note} - ${kind} ${n}.png`;
	return folder === '' || folder === '/' ? name : `${folder}/${name}`;
}

/** The folder of a vault path ('' at the top). */
function folderOf(path: string): string {
	return path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '';
}

/** The vault's (unofficial) config, where Obsidian keeps the attachment folder setting. */
interface VaultConfig {
	getConfig?(key: string): unknown;
}

/** True when the user set an attachment folder other than the vault's top (Obsidian's default, `/`). */
function chosenAttachmentFolder(app: App): boolean {
	const vault: VaultConfig = app.vault as VaultConfig;
	const setting = typeof vault.getConfig === 'function' ? vault.getConfig('attachmentFolderPath') : null;
	return typeof setting === 'string' && setting !== '' && setting !== '/';
}

/** Writes `png` for a block of `kind` in the note at `sourcePath` under the first free name; never overwrites, never throws. */
export async function saveWidgetImage(app: App, sourcePath: string, kind: string, png: ArrayBuffer): Promise<SaveImageOutcome> {
	const note = noteName(sourcePath);
	if (!sourcePath || !app.vault.getFileByPath(sourcePath)) return { ok: false, reason: 'no-note', path: sourcePath, message: 'no note' };
	let folder = folderOf(sourcePath);
	let path = imagePath(folder, note, kind, 1);
	try {
		// The attachment folder the user chose (it may create that folder); by default, next to the note.
		if (chosenAttachmentFolder(app)) folder = folderOf(await app.fileManager.getAvailablePathForAttachment(imagePath('', note, kind, 1), sourcePath));
		for (let n = 1; n <= MAX_TRIES; n++) {
			path = imagePath(folder, note, kind, n);
			if (taken(app, path)) continue;
			try {
				const file = await app.vault.createBinary(path, png);
				return { ok: true, path: file.path };
			} catch (e) {
				// Taken since we looked: try the next name; anything else (read-only, disk) is final.
				if (!taken(app, path)) throw e;
			}
		}
		return { ok: false, reason: 'not-written', path, message: 'no free name' };
	} catch (e) {
		const message = e instanceof Error ? e.message : String(e);
		return { ok: false, reason: readOnlyError(message) ? 'read-only' : 'not-written', path, message };
	}
}

/** The ImageSaver of a block in the note at `sourcePath`: saves with saveWidgetImage, opens with the workspace. */
export function imageSaver(app: App, sourcePath: string): ImageSaver {
	return {
		save: (png, kind) => saveWidgetImage(app, sourcePath, kind, png),
		open: async (path) => {
			const file: TFile | null = app.vault.getFileByPath(path);
			if (!file) throw new Error(`no file ${path}`);
			await app.workspace.getLeaf(true).openFile(file);
		},
	};
}
