/**
 * What "Insert the CNN course" will do in a folder: the folder name checked, every file of the
 * course with its vault path, and which of them already exist (kept, never overwritten).
 */
import { normalizePath, TFile, type Vault } from 'obsidian';
import type { GlossaryLanguage, MessageKey, MessageVars } from '../../i18n';
import { COURSE_NOTES, type CourseNote } from './notes';
import { COURSE_PICTURES } from './pictures';

/** The subfolder of the course folder that holds the pictures. */
export const ATTACHMENTS = 'attachments';

/** Characters no file name may hold on some system, or that break a wiki-link (`#`, `^`, `|`, `[`, `]`); `\\` separates folders, as `/`. */
const ILLEGAL = [':', '*', '?', '"', '<', '>', '|', '#', '^', '[', ']'];

/** A folder name the user typed: normalised, or why it cannot be used. */
export type FolderCheck = { ok: true; folder: string } | { ok: false; key: MessageKey; vars?: MessageVars };

/** Checks and normalises a folder typed by the user (`a/b`, nested folders allowed). */
export function checkFolder(typed: string, vault: Vault): FolderCheck {
	const trimmed = typed.trim();
	if (trimmed === '' || normalizePath(trimmed) === '/') return { ok: false, key: 'course.folder.empty' };
	const segments = trimmed.split(/[\\/]+/).filter((s) => s !== '');
	if (segments.some((s) => s.includes('..'))) return { ok: false, key: 'course.folder.parent' };
	if (segments.some((s) => s.startsWith('.'))) return { ok: false, key: 'course.folder.hidden' };
	const found = ILLEGAL.filter((c) => trimmed.includes(c));
	// eslint-disable-next-line no-control-regex -- control characters are what is looked for
	if (/[\u0000-\u001f]/.test(trimmed)) found.push('U+0000–U+001F');
	if (found.length > 0) return { ok: false, key: 'course.folder.illegal', vars: { chars: found.join(' ') } };
	const folder = normalizePath(segments.map((s) => s.trim()).join('/'));
	// A file where a folder of the course should be (the folder itself, or its attachments).
	for (const path of [folder, `${folder}/${ATTACHMENTS}`]) {
		if (vault.getAbstractFileByPath(path) instanceof TFile) return { ok: false, key: 'course.folder.notFolder', vars: { path } };
	}
	return { ok: true, folder };
}

/** One file of the course, where it goes, and whether something is already there. */
export interface PlannedFile {
	path: string;
	kind: 'note' | 'picture';
	/** The note (for notes) or the picture's file name. */
	note?: CourseNote;
	name: string;
	exists: boolean;
}

/** Every file of the course in `folder`: the pictures first (the notes embed them), then the notes, the overview first. */
export interface CoursePlan {
	folder: string;
	language: GlossaryLanguage;
	files: PlannedFile[];
	/** Vault path of the note to open afterwards (the overview). */
	firstNote: string;
}

/** The plan of the course in `language` for an already checked `folder`. */
export function planCourse(vault: Vault, folder: string, language: GlossaryLanguage): CoursePlan {
	const exists = (path: string) => vault.getAbstractFileByPath(path) !== null;
	const pictures = Object.keys(COURSE_PICTURES).map((name): PlannedFile => {
		const path = normalizePath(`${folder}/${ATTACHMENTS}/${name}`);
		return { path, kind: 'picture', name, exists: exists(path) };
	});
	const notes = COURSE_NOTES[language].map((note): PlannedFile => {
		const path = normalizePath(`${folder}/${note.name}`);
		return { path, kind: 'note', note, name: note.name, exists: exists(path) };
	});
	return { folder, language, files: [...pictures, ...notes], firstNote: notes[0]?.path ?? folder };
}

/** A folder name not used yet: `base`, else `base 2`, `base 3`, … (the default the modal offers). */
export function freeFolder(vault: Vault, base: string): string {
	if (vault.getAbstractFileByPath(base) === null) return base;
	for (let n = 2; n < 100; n++) if (vault.getAbstractFileByPath(`${base} ${n}`) === null) return `${base} ${n}`;
	return base;
}
