/**
 * The pictures of a vault folder, for `input: "[[folder]]"`: every picture inside it or its
 * subfolders (sorted by path), each with the name of the first subfolder it is in (its class when
 * that name is a label). A wiki-link names a folder by its vault path, or a path relative to the
 * note's folder.
 */
import { normalizePath, TFile, TFolder, type TAbstractFile } from 'obsidian';
import { IMAGE_EXTENSIONS } from './image-format';

/** Most pictures one block classifies; a folder with more is cut to the first ones (by path) and says so. */
export const MAX_FOLDER_PICTURES = 500;

/** One picture of the folder and the subfolder it is in (null: directly in the folder). */
export interface FolderPicture {
	file: TFile;
	group: string | null;
}

/** A folder's pictures (at most MAX_FOLDER_PICTURES) and how many it holds in all. */
export interface FolderListing {
	path: string;
	pictures: FolderPicture[];
	total: number;
}

/** What listing needs from the vault. */
export interface FolderDeps {
	getAbstractFileByPath(path: string): TAbstractFile | null;
}

/** The folder a link names (vault path first, then relative to the note's folder), or null when it names no folder. */
export function resolveFolder(deps: FolderDeps, linkpath: string, sourcePath: string): TFolder | null {
	const clean = linkpath.split('#')[0]?.trim().replace(/\/+$/, '') ?? '';
	if (clean === '') return null;
	const noteFolder = sourcePath.includes('/') ? sourcePath.slice(0, sourcePath.lastIndexOf('/')) : '';
	for (const path of [clean, noteFolder ? `${noteFolder}/${clean}` : null]) {
		if (path === null) continue;
		const found = deps.getAbstractFileByPath(normalizePath(path));
		if (found instanceof TFolder) return found;
	}
	return null;
}

/** true for a path whose extension the picture loader reads. */
export function isPicturePath(path: string): boolean {
	const name = path.slice(path.lastIndexOf('/') + 1);
	const dot = name.lastIndexOf('.');
	return dot > 0 && (IMAGE_EXTENSIONS as readonly string[]).includes(name.slice(dot + 1).toLowerCase());
}

/** true for a file the picture loader reads (by extension). */
function isPicture(file: TAbstractFile): file is TFile {
	return file instanceof TFile && isPicturePath(file.path);
}

/** Every picture under `folder`, sorted by path, with its first subfolder's name; at most `max`. */
export function listFolderPictures(folder: TFolder, max = MAX_FOLDER_PICTURES): FolderListing {
	const found: FolderPicture[] = [];
	const walk = (node: TFolder, group: string | null, depth: number): void => {
		for (const child of node.children) {
			if (child instanceof TFolder) {
				// Folders deeper than a few levels are unusual for a set of pictures; a cycle cannot occur in a vault.
				if (depth < 8) walk(child, group ?? child.name, depth + 1);
			} else if (isPicture(child)) found.push({ file: child, group });
		}
	};
	walk(folder, null, 0);
	found.sort((a, b) => (a.file.path < b.file.path ? -1 : a.file.path > b.file.path ? 1 : 0));
	return { path: folder.path, pictures: found.slice(0, max), total: found.length };
}
