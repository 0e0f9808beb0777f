/** Test helpers: run "Insert the CNN course" as a person would (palette, dialog, button) on the fake app. */
import { App, type Plugin, shownNotices, TFile } from '../../../harness/obsidian';
import { loadPlugin } from '../../helpers/plugin';

/** Lets timers and promises run, `times` turns of the event loop. */
export async function turns(times = 1): Promise<void> {
	for (let i = 0; i < times; i++) await new Promise((resolve) => setTimeout(resolve, 0));
}

/** Waits (in event-loop turns, not time) until `done()` holds; throws after `limit` turns. */
export async function until(done: () => boolean, what: string, limit = 5000): Promise<void> {
	for (let i = 0; i < limit; i++) {
		if (done()) return;
		await turns();
	}
	throw new Error(`still waiting for ${what}`);
}

/** The open course dialog's parts. */
export interface CourseDialog {
	root: HTMLElement;
	input: HTMLInputElement;
	insert: HTMLButtonElement;
	summary: HTMLElement;
	/** Paths listed under "will be created" and "already exist". */
	listed(kind: 'create' | 'keep'): string[];
	/** Types a folder name into the field (an input event, as typing fires). */
	type(folder: string): void;
}

/** Runs the command from the plugin's command list and returns the dialog it opened. */
export function openDialog(plugin: Plugin): CourseDialog {
	const command = plugin.commands.find((c) => c.id === 'insert-course');
	if (!command?.callback) throw new Error('no insert-course command');
	command.callback();
	const root = Array.from(document.body.querySelectorAll<HTMLElement>('.modal-container')).pop();
	if (!root) throw new Error('the command opened no dialog');
	const input = root.querySelector<HTMLInputElement>('input[data-action="course-folder"]');
	const insert = root.querySelector<HTMLButtonElement>('button[data-action="course-insert"]');
	const summary = root.querySelector<HTMLElement>('.cnn-course-summary');
	if (!input || !insert || !summary) throw new Error('the dialog lacks its field, button or summary');
	return {
		root,
		input,
		insert,
		summary,
		listed: (kind) => Array.from(summary.querySelectorAll(`ul[data-kind="${kind}"] li`), (li) => li.textContent ?? ''),
		type(folder) {
			input.value = folder;
			input.dispatchEvent(new Event('input'));
		},
	};
}

/** Clicks "Insert the course" and waits until the dialog closed and its notice showed; returns the notice. */
export async function confirm(dialog: CourseDialog): Promise<string> {
	const before = shownNotices.length;
	dialog.insert.click();
	await until(() => !dialog.root.isConnected && shownNotices.length > before, 'the course to be inserted');
	await turns(5);
	return shownNotices[shownNotices.length - 1] ?? '';
}

/** A fake app with CNN Notes loaded, and its plugin. */
export function appWithPlugin(): { app: App; plugin: Plugin } {
	const { app, plugin } = loadPlugin();
	return { app, plugin: plugin as unknown as Plugin };
}

/** Every file of the vault under `folder/`, by path. */
export function filesUnder(app: App, folder: string): string[] {
	return app.vault
		.getFiles()
		.map((f) => f.path)
		.filter((p) => p.startsWith(`${folder}/`))
		.sort();
}

/** A note's text, or throws. */
export async function noteText(app: App, path: string): Promise<string> {
	const file = app.vault.getFileByPath(path);
	if (!(file instanceof TFile)) throw new Error(`no note at ${path}`);
	return app.vault.read(file);
}
