/**
 * Links inside CNN blocks following renames, on a large vault held in memory (the harness's Vault):
 * 4,000 notes of about 3 KB (a quarter with CNN blocks, a tenth of those linking the renamed
 * picture) and 2,000 pictures. Timed: the synchronous work of planning a batch (path indexes,
 * the cheap look at each note, scanning and rewriting the notes that may be concerned), for one
 * renamed picture and for a folder of 500 pictures, and scanning one 1 MB note. The reads
 * (`cachedRead`, awaited between notes, so the page never waits on one long task) are left out:
 * Obsidian answers them from memory. Budgets: one picture within the 50 ms of a long task, a folder
 * of 500 pictures within half a second (the wait before the question or the notice). The harness's
 * fileToLinktext looks at every file on each call (Obsidian's has an index): about a third of the
 * folder case's time.
 */
import type { App as ObsidianApp, TFile as ObsidianFile } from 'obsidian';
import { App, type TFile } from '../harness/obsidian';
import { findCnnBlocks, rewriteBlockLinks } from '../src/vault/block-links';
import { MovePlanner, type Moves } from '../src/vault/move-planner';
import type { BenchCase, BenchSuite } from './harness';

const NOTES = 4000;
const PICTURES = 2000;
const LONG_TASK_MS = 50;
const FOLDER_MS = 500;

const PROSE = 'A convolution slides a kernel over the picture; each output cell sums the products of the weights and the pixels under them. '.repeat(20);

/** A note: prose, and for every fourth one a few CNN blocks (one in a callout) linking pictures. */
function noteText(i: number): string {
	const parts = [`# Note ${i}`, PROSE, `See [[Note ${(i + 1) % NOTES}]].`];
	if (i % 4 === 0) {
		const picture = i % 40 === 0 ? 'renamed.png' : `pic-${i % PICTURES}.png`;
		parts.push('```cnn-conv', `image: "[[${picture}]]"`, 'kernel: sobel-x', '```');
		parts.push('> [!example]', '> ```cnn-pool', `> image: [[folder/pic-${(i * 7) % 500}.png]]`, '> type: max', '> size: 2', '> ```');
		parts.push('```cnn-conv', 'input: [[2, 1, -1]]', 'kernel: [[0.5, 1, 2]]', '```');
	}
	parts.push(PROSE);
	return parts.join('\n');
}

interface Vault {
	app: App;
	texts: Map<TFile, string>;
}

function makeVault(): Vault {
	const app = new App();
	const texts = new Map<TFile, string>();
	for (let i = 0; i < NOTES; i++) {
		const text = noteText(i);
		texts.set(app.vault.seed(`notes/${i % 20}/Note ${i}.md`, text), text);
	}
	for (let i = 0; i < PICTURES; i++) app.vault.seed(i < 500 ? `folder/pic-${i}.png` : `pictures/pic-${i}.png`, new ArrayBuffer(8));
	app.vault.seed('pictures/renamed.png', new ArrayBuffer(8));
	return { app, texts };
}

/** Plans a batch as updateLinks does, minus the awaited reads: returns how many links would change. */
function plan(vault: Vault, moves: Moves): number {
	const planner = new MovePlanner(vault.app as unknown as ObsidianApp, moves);
	let links = 0;
	for (const [note, text] of vault.texts) {
		const file = note as unknown as ObsidianFile;
		if (!planner.mayConcern(file, text)) continue;
		links += rewriteBlockLinks(text, planner.rewriteFor(file)).links;
	}
	return links;
}

let planned: string[] = [];

const suite: BenchSuite = {
	title: 'links inside CNN blocks: planning a rename batch (4,000 notes, 2,000 pictures)',
	cases: () => {
		const one = makeVault();
		const picture = one.app.vault.getFileByPath('pictures/renamed.png');
		if (!picture) throw new Error('no picture');
		// The rename has happened (the planner reads the vault as it is after it).
		void one.app.vault.rename(picture, 'archive/renamed now.png');
		const oneMove: Moves = { files: new Map([[picture as unknown as ObsidianFile, 'pictures/renamed.png']]), folders: [] };

		const folder = makeVault();
		const files = new Map<ObsidianFile, string>();
		for (const f of folder.app.vault.getFiles().filter((x) => x.path.startsWith('folder/'))) {
			const old = f.path;
			void folder.app.vault.rename(f, `moved/${old.slice('folder/'.length)}`);
			files.set(f as unknown as ObsidianFile, old);
		}
		const folderMoves: Moves = { files, folders: [{ oldPath: 'folder', newPath: 'moved' }] };

		const unit = noteText(0);
		const big = Array.from({ length: Math.round(1_000_000 / unit.length) }, (_, i) => noteText(i * 4)).join('\n');
		planned = [
			`one picture: ${plan(one, oneMove)} links to change`,
			`folder of 500 pictures: ${plan(folder, folderMoves)} links to change`,
			`1 MB note: ${(big.length / 1e6).toFixed(2)} MB, ${findCnnBlocks(big).length} CNN blocks`,
		];
		const cases: BenchCase[] = [
			{ name: 'one picture renamed and moved', ours: () => void plan(one, oneMove), budgetMs: LONG_TASK_MS },
			{ name: 'a folder of 500 pictures renamed', ours: () => void plan(folder, folderMoves), budgetMs: FOLDER_MS },
			{ name: 'findCnnBlocks on one 1 MB note', ours: () => void findCnnBlocks(big), budgetMs: LONG_TASK_MS },
		];
		return cases;
	},
	notes: () => planned,
};

export default suite;
