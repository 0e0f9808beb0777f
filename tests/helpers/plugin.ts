/** Test helpers: load the real plugin into the fake app and read what a block rendered. */
import type { App as ObsidianApp } from 'obsidian';
import { App, renderCodeBlock, type RenderedBlock } from '../../harness/obsidian';
import manifest from '../../manifest.json';
import CnnNotesPlugin from '../../src/main';

/** A loaded plugin and its app. */
export interface LoadedPlugin {
	app: App;
	plugin: CnnNotesPlugin;
	render(language: string, source: string, sourcePath?: string): Promise<RenderedBlock>;
}

/** The fake app typed as Obsidian's (jest maps `obsidian` to the fake, so they are one at run time). */
export function asObsidianApp(app: App): ObsidianApp {
	return app as unknown as ObsidianApp;
}

/** Creates a fake app, loads CNN Notes into it (as Obsidian does: construct, then load). */
export function loadPlugin(): LoadedPlugin {
	const app = new App();
	const plugin = new CnnNotesPlugin(asObsidianApp(app), manifest);
	plugin.load();
	return {
		app,
		plugin,
		render: (language, source, sourcePath) => renderCodeBlock(app, language, source, { sourcePath }),
	};
}

/** The numbers of the `index`-th grid with `role` (input/kernel/output), read from data-value. */
export function readGrid(el: HTMLElement, role: string, index = 0): number[][] {
	const grid = el.querySelectorAll(`.cnn-grid[data-role="${role}"]`)[index];
	if (!grid) throw new Error(`no ${role} grid #${index}`);
	const rows: number[][] = [];
	grid.querySelectorAll<HTMLElement>('.cnn-cell').forEach((cell) => {
		const r = Number(cell.dataset.row);
		const c = Number(cell.dataset.col);
		(rows[r] ??= [])[c] = Number(cell.dataset.value);
	});
	return rows;
}

/** The text a person reads in the grid cells, row by row. */
export function readGridText(el: HTMLElement, role: string, index = 0): string[][] {
	const grid = el.querySelectorAll(`.cnn-grid[data-role="${role}"]`)[index];
	if (!grid) throw new Error(`no ${role} grid #${index}`);
	return Array.from(grid.querySelectorAll('.cnn-grid-row')).map((row) =>
		Array.from(row.querySelectorAll('.cnn-cell')).map((c) => c.textContent ?? ''),
	);
}
