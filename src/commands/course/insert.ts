/**
 * Carries out a CoursePlan through the vault API: creates the folders, draws and encodes the
 * pictures, writes the notes with their links pointing into the course folder. Never overwrites:
 * a file found at a path (before or while inserting) is kept and reported; a write that fails is
 * reported and the others still go ahead.
 */
import { normalizePath, type Vault } from 'obsidian';
import { defaultDeflate, type Deflate } from '../../vault/png-encode';
import { rewriteCourseLinks, shortestLinkPath, type CourseLinkTargets } from './links';
import { pictureBytes } from './pictures';
import { findInsensitive, type CoursePlan, type PlannedFile } from './plan';

/** A write that failed: the vault path and the error's message. */
export interface FailedFile {
	path: string;
	reason: string;
}

/** What inserting did: vault paths created, kept (already there) and failed. */
export interface InsertReport {
	created: string[];
	kept: string[];
	failed: FailedFile[];
}

/** Options of insertCourse: the compressor (tests pass one) and a pause between files and drawing steps (the UI yields to the page). */
export interface InsertOptions {
	deflate?: Deflate;
	pause?: () => Promise<void>;
}

/**
 * How the notes name the course's files in this vault: link names -> paths, and each file's link
 * path (its name when unique among the vault's files and the course's, else its full path).
 */
export function linkTargets(vault: Vault, plan: CoursePlan): CourseLinkTargets {
	const byName = new Map<string, string>();
	for (const file of plan.files) {
		const lower = file.name.toLowerCase();
		byName.set(lower, file.path);
		if (file.kind === 'note') byName.set(lower.replace(/\.md$/, ''), file.path);
	}
	const counts = new Map<string, number>();
	const paths = new Set([...vault.getFiles().map((f) => f.path), ...plan.files.map((f) => f.path)]);
	for (const path of paths) {
		const name = path.slice(path.lastIndexOf('/') + 1).toLowerCase();
		counts.set(name, (counts.get(name) ?? 0) + 1);
	}
	return { byName, linkPath: (path) => shortestLinkPath(path, (name) => counts.get(name) ?? 0) };
}

function messageOf(e: unknown): string {
	return e instanceof Error ? e.message : String(e);
}

/** Creates `path` (and its parents) unless something is there; false when that failed. */
async function ensureFolder(vault: Vault, path: string): Promise<void> {
	const clean = normalizePath(path);
	if (findInsensitive(vault, clean) !== null) return;
	const parent = clean.includes('/') ? clean.slice(0, clean.lastIndexOf('/')) : '';
	if (parent) await ensureFolder(vault, parent);
	await vault.createFolder(clean);
}

/** Writes one planned file; throws what the vault threw. */
async function writeFile(vault: Vault, file: PlannedFile, targets: CourseLinkTargets, deflate: Deflate, pause?: () => Promise<void>): Promise<void> {
	if (file.kind === 'picture') {
		const bytes = await pictureBytes(file.name, deflate, pause);
		await vault.createBinary(file.path, bytes);
		return;
	}
	await vault.create(file.path, rewriteCourseLinks(file.note?.text ?? '', targets));
}

/** Inserts the course as planned; resolves with what was created, kept and failed (it never throws). */
export async function insertCourse(vault: Vault, plan: CoursePlan, options: InsertOptions = {}): Promise<InsertReport> {
	const deflate = options.deflate ?? defaultDeflate();
	const report: InsertReport = { created: [], kept: [], failed: [] };
	const targets = linkTargets(vault, plan);
	let folderError: string | null = null;
	try {
		await ensureFolder(vault, plan.folder);
		const picture = plan.files.find((f) => f.kind === 'picture' && findInsensitive(vault, f.path) === null);
		if (picture) await ensureFolder(vault, picture.path.slice(0, picture.path.lastIndexOf('/')));
	} catch (e) {
		folderError = messageOf(e);
	}
	for (const file of plan.files) {
		// Looked at again just before writing (whatever its capitals): a file that appeared since the plan is kept too.
		if (findInsensitive(vault, file.path) !== null) {
			report.kept.push(file.path);
			continue;
		}
		if (folderError !== null) {
			report.failed.push({ path: file.path, reason: folderError });
			continue;
		}
		try {
			await writeFile(vault, file, targets, deflate, options.pause);
			report.created.push(file.path);
		} catch (e) {
			report.failed.push({ path: file.path, reason: messageOf(e) });
		}
		if (options.pause) await options.pause();
	}
	return report;
}
