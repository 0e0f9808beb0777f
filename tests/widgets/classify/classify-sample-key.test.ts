/**
 * `sample:` of a `cnn-classify` block with `input: sample`: the widget starts on that held-out
 * digit, and the digit the user picks is written back into the block (the real plugin on the
 * harness: the fake vault, getSectionInfo as Obsidian answers it), through the same WriteBack and
 * block writer as the conv widget's kernels.
 */
import { App, renderCodeBlock, setLanguage, shownNotices, type TFile } from '../../../harness/obsidian';
import manifest from '../../../manifest.json';
import { SAMPLE_COUNT } from '../../../src/blocks/classify-keys';
import CnnNotesPlugin from '../../../src/main';
import { digitSamples } from '../../../src/model/digits';
import { QUIET_MS } from '../../../src/widgets/shared/write-back';
import { asObsidianApp } from '../../helpers/plugin';
import { installFakeCanvas, mountClassify, rootPrediction } from './classify-helpers';

const SOURCE = 'model: digits\ninput: sample\nshow: [input, probabilities]\n';
const NOTE = `# Classify\n\nSome text.\n\n\`\`\`cnn-classify\n${SOURCE}\`\`\`\n\nMore text.\n`;
const LABELS = digitSamples().map((s) => s.label);

interface Setup {
	app: App;
	plugin: CnnNotesPlugin;
	file: TFile;
}

async function setup(path = 'notes/Classify.md', text = NOTE): Promise<Setup> {
	const app = new App();
	const plugin = new CnnNotesPlugin(asObsidianApp(app), manifest);
	plugin.load();
	await plugin.settings.load();
	return { app, plugin, file: app.vault.seed(path, text) };
}

/** Waits (real timers: the model runs in the page's model host) until `done` holds. */
async function until(done: () => boolean, what: string, ms = 20000): Promise<void> {
	const end = Date.now() + ms;
	while (!done()) {
		if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
		await new Promise((resolve) => setTimeout(resolve, 5));
	}
}

/** The number of the digit marked in the strip (data-sample of the pressed button), or null. */
const pressed = (el: HTMLElement): number | null => {
	const button = el.querySelector<HTMLElement>('[data-action="sample"][aria-pressed="true"]');
	return button ? Number(button.dataset.sample) : null;
};
const state = (el: HTMLElement) => el.getAttribute('data-save-state');
const message = (el: HTMLElement) => el.querySelector('.cnn-save-message')?.textContent ?? '';
/** The prediction shown is for held-out digit `n`: its button is pressed and the prediction is its label. */
const showsSample = (el: HTMLElement, n: number): boolean => pressed(el) === n && rootPrediction(el).label === String(LABELS[n - 1]);

/** Renders the block as the reading view does (getSectionInfo answering from `note`) and waits for its first prediction. */
async function render(s: Setup, note: string, source = SOURCE): Promise<HTMLElement> {
	const { el } = await renderCodeBlock(s.app, 'cnn-classify', source, { sourcePath: s.file.path, note });
	await until(() => rootPrediction(el).label !== null, 'the first prediction');
	return el;
}

/** Clicks held-out digit `n` (1-based) and waits for its prediction. */
async function pick(el: HTMLElement, n: number): Promise<void> {
	const button = el.querySelector<HTMLButtonElement>(`[data-action="sample"][data-sample="${n}"]`);
	if (!button) throw new Error(`no sample ${n}`);
	button.click();
	await until(() => showsSample(el, n), `sample ${n}`);
}

/** The focus leaves the widget: a pending pick is written now; waits until the write is done. */
async function leave(el: HTMLElement): Promise<void> {
	el.dispatchEvent(new FocusEvent('focusout', { relatedTarget: null }));
	await until(() => state(el) !== 'pending', 'the write');
	await new Promise((resolve) => setTimeout(resolve, 20));
}

beforeEach(() => {
	installFakeCanvas();
	shownNotices.length = 0;
});
afterEach(() => jest.restoreAllMocks());

describe('the sample a block starts on', () => {
	it('the strip holds SAMPLE_COUNT digits, numbered 1.. in data-sample and in their labels', async () => {
		expect(LABELS).toHaveLength(SAMPLE_COUNT);
		const { el, section } = await mountClassify('input: sample\n');
		const buttons = Array.from(el.querySelectorAll<HTMLElement>('[data-action="sample"]'));
		expect(buttons.map((b) => Number(b.dataset.sample))).toEqual(Array.from({ length: SAMPLE_COUNT }, (_, i) => i + 1));
		expect(buttons[11]?.getAttribute('aria-label')).toBe(`Held-out digit 12 of ${SAMPLE_COUNT}, labelled ${LABELS[11]} (sample: 12)`);
		section.unload();
	});

	it('without sample: the first digit, as before', async () => {
		const { el, section } = await mountClassify('input: sample\n');
		expect(showsSample(el, 1)).toBe(true);
		section.unload();
	});

	it.each([12, SAMPLE_COUNT])('sample: %i starts on that digit, classified', async (n) => {
		const { el, section } = await mountClassify(`input: sample\nsample: ${n}\n`);
		expect(showsSample(el, n)).toBe(true);
		expect(el.querySelectorAll('[data-action="sample"][aria-pressed="true"]')).toHaveLength(1);
		section.unload();
	});

	it('sample: with another input is an error in the block, not a widget', async () => {
		const { el, section } = await mountClassify('input: draw\nsample: 3\n', { waitForModel: false });
		expect(el.getAttribute('data-state')).toBe('error');
		expect(el.textContent).toContain('sample picks one of the held-out digits of input: sample');
		section.unload();
	});

	it('a pad or a picture has nothing to write back: no save line', async () => {
		const { el, section } = await mountClassify('input: draw\n', { waitForModel: false });
		expect(el.querySelector('.cnn-save-bar')).toBeNull();
		expect(el.hasAttribute('data-save-state')).toBe(false);
		section.unload();
	});
});

describe('the picked sample written back into the block', () => {
	it('adds `sample: N` right after the input line; the widget says it is saved', async () => {
		const s = await setup();
		const el = await render(s, NOTE);
		expect(state(el)).toBe('saved');
		expect(el.querySelector('.cnn-classify .cnn-save-bar')).not.toBeNull();
		await pick(el, 12);
		expect(state(el)).toBe('pending');
		await leave(el);
		expect(s.app.vault.writes).toEqual(['notes/Classify.md']);
		expect(await s.app.vault.read(s.file)).toBe(NOTE.replace('input: sample\n', 'input: sample\nsample: 12\n'));
		expect(state(el)).toBe('saved');
		expect(showsSample(el, 12)).toBe(true);
	});

	it('while a digit of the strip has the focus (keyboard), the write waits until the focus leaves the widget', async () => {
		const s = await setup();
		const el = await render(s, NOTE);
		el.querySelector<HTMLButtonElement>('[data-action="sample"][data-sample="3"]')?.focus();
		await pick(el, 3);
		await new Promise((resolve) => setTimeout(resolve, QUIET_MS + 200));
		expect(s.app.vault.writes).toEqual([]);
		expect(state(el)).toBe('pending');
		(el.ownerDocument.activeElement as HTMLElement | null)?.blur();
		await leave(el);
		expect(await s.app.vault.read(s.file)).toBe(NOTE.replace('input: sample\n', 'input: sample\nsample: 3\n'));
	});

	it('without the focus in the widget, the pick is written after the quiet time', async () => {
		const s = await setup();
		const el = await render(s, NOTE);
		await pick(el, 11);
		await until(() => state(el) === 'saved', 'the write after the quiet time', QUIET_MS + 5000);
		expect(await s.app.vault.read(s.file)).toBe(NOTE.replace('input: sample\n', 'input: sample\nsample: 11\n'));
	});

	it('replaces the number where it is written, keeping its comment', async () => {
		const source = 'input: sample   # held-out digits\nsample: 4  # a one\nshow: [probabilities]\n';
		const note = `Intro\n\n\`\`\`cnn-classify\n${source}\`\`\`\n`;
		const s = await setup('notes/Classify.md', note);
		const el = await render(s, note, source);
		expect(showsSample(el, 4)).toBe(true);
		await pick(el, 17);
		await leave(el);
		expect(await s.app.vault.read(s.file)).toBe(note.replace('sample: 4  # a one', 'sample: 17  # a one'));
	});

	it('CRLF line endings are kept', async () => {
		const crlf = NOTE.replace(/\n/g, '\r\n');
		const s = await setup('notes/Classify.md', crlf);
		const el = await render(s, crlf);
		await pick(el, 8);
		await leave(el);
		expect(await s.app.vault.read(s.file)).toBe(NOTE.replace('input: sample\n', 'input: sample\nsample: 8\n').replace(/\n/g, '\r\n'));
	});

	it('a block inside a callout keeps its `> ` prefixes; the new line gets them too', async () => {
		const quoted = (src: string) => src.trimEnd().split('\n').map((l) => `> ${l}`).join('\n');
		const note = `Intro\n\n> [!example] Pick a digit\n> \`\`\`cnn-classify\n${quoted(SOURCE)}\n> \`\`\`\n> After.\n\nEnd\n`;
		const s = await setup('notes/Classify.md', note);
		const el = await render(s, note);
		await pick(el, 20);
		await leave(el);
		expect(await s.app.vault.read(s.file)).toBe(note.replace('> input: sample\n', '> input: sample\n> sample: 20\n'));
	});

	it('writes through the open editor in one transaction that Ctrl/Cmd+Z undoes', async () => {
		const s = await setup();
		const view = await s.app.workspace.openNote(s.file);
		const el = await render(s, NOTE);
		await pick(el, 7);
		await leave(el);
		expect(view.editor.getValue()).toBe(NOTE.replace('input: sample\n', 'input: sample\nsample: 7\n'));
		expect(view.editor.transactions).toBe(1);
		view.editor.undo();
		expect(view.editor.getValue()).toBe(NOTE);
	});

	it('Reset goes back to the saved sample (the last one written), writing nothing more', async () => {
		const s = await setup();
		const el = await render(s, NOTE);
		await pick(el, 12);
		await leave(el);
		const saved = await s.app.vault.read(s.file);
		await pick(el, 25);
		expect(state(el)).toBe('pending');
		el.querySelector<HTMLButtonElement>('[data-action="reset"]')?.click();
		await until(() => showsSample(el, 12), 'the saved sample');
		expect(state(el)).toBe('saved');
		await leave(el);
		expect(s.app.vault.writes).toEqual(['notes/Classify.md']);
		expect(await s.app.vault.read(s.file)).toBe(saved);
	});

	it('picking the saved digit again writes nothing', async () => {
		const s = await setup();
		const el = await render(s, NOTE);
		await pick(el, 9);
		await pick(el, 1);
		expect(state(el)).toBe('saved');
		await leave(el);
		expect(s.app.vault.writes).toEqual([]);
	});

	it('with write-back off in the settings, writes nothing and says so', async () => {
		const s = await setup();
		await s.plugin.settings.update({ writeBack: false });
		const el = await render(s, NOTE);
		expect(state(el)).toBe('off');
		await pick(el, 12);
		await leave(el);
		expect(s.app.vault.writes).toEqual([]);
		expect(state(el)).toBe('off');
		expect(message(el)).toMatch(/not saved/);
	});

	it('turning write-back off rebuilds the widget on the digit picked (unsaved), and nothing is written', async () => {
		const s = await setup();
		const el = await render(s, NOTE);
		await pick(el, 14);
		await s.plugin.settings.update({ writeBack: false });
		await until(() => state(el) === 'off' && showsSample(el, 14), 'the rebuilt widget on sample 14');
		await leave(el);
		expect(s.app.vault.writes).toEqual([]);
		expect(message(el)).toMatch(/not saved/);
	});

	it('a settings change the widget reads after a write builds it again on the written sample', async () => {
		const s = await setup();
		const el = await render(s, NOTE);
		await pick(el, 21);
		await leave(el);
		await s.plugin.settings.update({ maxPictureSide: 128 });
		await until(() => showsSample(el, 21) && state(el) === 'saved', 'the rebuilt widget on sample 21');
		// And it keeps writing into the block as it is now.
		await pick(el, 22);
		await leave(el);
		expect(await s.app.vault.read(s.file)).toBe(NOTE.replace('input: sample\n', 'input: sample\nsample: 22\n'));
	});

	it('the block changed in the note since it was shown: nothing written, conflict said', async () => {
		const s = await setup();
		const el = await render(s, NOTE);
		const synced = NOTE.replace('show: [input, probabilities]', 'show: all');
		await s.app.vault.modify(s.file, synced);
		await pick(el, 12);
		await leave(el);
		expect(await s.app.vault.read(s.file)).toBe(synced);
		expect(state(el)).toBe('conflict');
		expect(shownNotices.join()).toContain('the block changed in the note');
		expect(showsSample(el, 12)).toBe(true);
	});

	it('messages follow the language (Spanish)', async () => {
		setLanguage('es');
		try {
			const s = await setup();
			await s.plugin.settings.update({ writeBack: false });
			const el = await render(s, NOTE);
			expect(message(el)).toContain('no se guardan en la nota');
		} finally {
			setLanguage('en');
		}
	});
});
