/**
 * What "Insert the CNN course" will do in a folder: the folder name checked, every file of the
 * course with its vault path, and which of them already exist (kept, never overwritten).
 */
import { normalizePath, type TAbstractFile, TFile, type Vault } from 'obsidian';
import type { GlossaryLanguage, MessageKey, MessageVars } from '../../i18n';
import { COURSE_NOTES, type CourseNote } from './notes';
import { COURSE_PICTURES } from './pictures';

/** The subfolder of the course folder that holds the pictures. */
export const ATTACHMENTS = 'attachments';

/** Characters no file name may hold on some system, or that break a wiki-link (`#`, `^`, `|`, `[`, `]`); `\\` separates folders, as `/`. */
const ILLEGAL = [':', '*', '?', '"', '<', '>', '|', '#', '^', '[', ']'];

/** Control characters and the invisible bidirectional marks (a name that reads differently from what it is). */
// eslint-disable-next-line no-control-regex -- control characters are what is looked for
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu;

/** Names Windows reserves for devices, with or without an extension (`con`, `nul.md`, `com1`…). */
const RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(\..*)?$/i;

/** A folder name the user typed: normalised, or why it cannot be used. */
export type FolderCheck = { ok: true; folder: string } | { ok: false; key: MessageKey; vars?: MessageVars };

/**
 * The vault's files and folders by lower-cased path: macOS and Windows file systems ignore case,
 * so `cnn course/x.md` and `CNN course/x.md` are one file there.
 */
export function pathsByLowerCase(vault: Vault): Map<string, TAbstractFile> {
	const found = new Map<string, TAbstractFile>();
	for (const file of vault.getAllLoadedFiles()) if (file.path !== '/' && file.path !== '') found.set(file.path.toLowerCase(), file);
	return found;
}

/** What is at `path` in the vault, whatever the case of its letters; null when nothing is. */
export function findInsensitive(vault: Vault, path: string, index: Map<string, TAbstractFile> = pathsByLowerCase(vault)): TAbstractFile | null {
	const clean = normalizePath(path);
	return vault.getAbstractFileByPath(clean) ?? index.get(clean.toLowerCase()) ?? null;
}

/**
 * Checks and normalises a folder typed by the user (`a/b`, nested folders allowed). Each segment is
 * checked (`..`, hidden, characters no system allows, invisible marks, Windows device names, a
 * trailing dot), and each ancestor must not be a file. A folder that exists with other capitals is
 * taken with its own spelling.
 */
export function checkFolder(typed: string, vault: Vault): FolderCheck {
	const trimmed = typed.trim();
	if (trimmed === '' || normalizePath(trimmed) === '/') return { ok: false, key: 'course.folder.empty' };
	const segments = trimmed
		.split(/[\\/]+/)
		.map((s) => s.trim())
		.filter((s) => s !== '');
	if (segments.length === 0) return { ok: false, key: 'course.folder.empty' };
	if (segments.some((s) => s === '..')) return { ok: false, key: 'course.folder.parent' };
	if (segments.some((s) => s.startsWith('.'))) return { ok: false, key: 'course.folder.hidden' };
	const found = ILLEGAL.filter((c) => trimmed.includes(c));
	const invisible = [...new Set(trimmed.match(INVISIBLE) ?? [])].map((c) => `U+${(c.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`);
	found.push(...invisible);
	if (found.length > 0) return { ok: false, key: 'course.folder.illegal', vars: { chars: found.join(' ') } };
	const reserved = segments.find((s) => RESERVED.test(s));
	if (reserved !== undefined) return { ok: false, key: 'course.folder.reserved', vars: { name: reserved } };
	const dotted = segments.find((s) => s.endsWith('.'));
	if (dotted !== undefined) return { ok: false, key: 'course.folder.trailingDot', vars: { name: dotted } };
	// Each ancestor, the folder and its attachments: taken with the spelling already in the vault; none may be a file.
	const index = pathsByLowerCase(vault);
	const spelled: string[] = [];
	for (const segment of [...segments, ATTACHMENTS]) {
		const path = [...spelled, segment].join('/');
		const there = findInsensitive(vault, path, index);
		if (there instanceof TFile) return { ok: false, key: 'course.folder.notFolder', vars: { path: there.path } };
		spelled.push(there ? (there.path.split('/').pop() ?? segment) : segment);
	}
	return { ok: true, folder: normalizePath(spelled.slice(0, -1).join('/')) };
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
	const index = pathsByLowerCase(vault);
	// A file there with other capitals is the same file on macOS and Windows: kept, and named as it is spelled.
	const at = (wanted: string) => {
		const there = findInsensitive(vault, wanted, index);
		return { path: there?.path ?? normalizePath(wanted), exists: there !== null };
	};
	const attachments = findInsensitive(vault, `${folder}/${ATTACHMENTS}`, index)?.path ?? `${folder}/${ATTACHMENTS}`;
	const pictures = Object.keys(COURSE_PICTURES).map((name): PlannedFile => ({ ...at(`${attachments}/${name}`), kind: 'picture', name }));
	const notes = COURSE_NOTES[language].map((note): PlannedFile => ({ ...at(`${folder}/${note.name}`), kind: 'note', note, name: note.name }));
	return { folder, language, files: [...pictures, ...notes], firstNote: notes[0]?.path ?? folder };
}

/** A folder name not used yet: `base`, else `base 2`, `base 3`, … (the default the modal offers). */
export function freeFolder(vault: Vault, base: string): string {
	const index = pathsByLowerCase(vault);
	if (findInsensitive(vault, base, index) === null) return base;
	for (let n = 2; n < 100; n++) if (findInsensitive(vault, `${base} ${n}`, index) === null) return `${base} ${n}`;
	return base;
}
