/**
 * Kernel edits saved into the block's note, on the harness (the real plugin, the fake vault,
 * getSectionInfo as Obsidian answers it): debounced, through the open editor when there is one,
 * never to the wrong place, and nothing lost when the write is refused or fails.
 */
import { App, renderCodeBlock, shownNotices, type TFile } from '../../../harness/obsidian';
import manifest from '../../../manifest.json';
import CnnNotesPlugin from '../../../src/main';
import { QUIET_MS } from '../../../src/widgets/shared/write-back';
import { asObsidianApp } from '../../helpers/plugin';

const SOURCE = 'input: |\n  1 2 3\n  4 5 6\n  7 8 9\nkernel: |  # a diagonal\n  1 0\n  0 1\nstride: 1\n';
const NOTE = `# Conv\n\nSome text.\n\n\`\`\`cnn-conv\n${SOURCE}\`\`\`\n\nMore text.\n`;
const EDITED_NOTE = NOTE.replace('  0 1\nstride', '  0 5\nstride');

interface Setup {
	app: App;
	plugin: CnnNotesPlugin;
	file: TFile;
}

async function setup(path = 'notes/Conv.md', text = NOTE): Promise<Setup> {
	const app = new App();
	const plugin = new CnnNotesPlugin(asObsidianApp(app), manifest);
	plugin.load();
	await plugin.settings.load(); // after the load onload started, so a test's settings change is not undone by it
	return { app, plugin, file: app.vault.seed(path, text) };
}

/** Renders the block as the reading view does, with getSectionInfo answering from `note` as it is now. */
async function render(s: Setup, note: string, source = SOURCE, line?: number): Promise<HTMLElement> {
	const { el } = await renderCodeBlock(s.app, 'cnn-conv', source, { sourcePath: s.file.path, note, ...(line === undefined ? {} : { line }) });
	return el;
}

/** Types `value` into weight (row, col) of the first kernel, as a person does. */
function typeWeight(el: HTMLElement, row: number, col: number, value: string): void {
	const input = el.querySelector<HTMLInputElement>(`.cnn-kernel-editor .cnn-cell[data-row="${row}"][data-col="${col}"] input`);
	if (!input) throw new Error(`no weight ${row},${col}`);
	input.value = value;
	input.dispatchEvent(new Event('input'));
}

/** Lets the quiet time pass and every write finish. */
async function quiet(): Promise<void> {
	await jest.advanceTimersByTimeAsync(QUIET_MS);
	await jest.runAllTimersAsync();
}

const state = (el: HTMLElement) => el.getAttribute('data-save-state');
const message = (el: HTMLElement) => el.querySelector('.cnn-save-message')?.textContent ?? '';

beforeEach(() => {
	jest.useFakeTimers();
	shownNotices.length = 0;
});
afterEach(() => {
	jest.useRealTimers();
});

describe('kernel edits written back into the block', () => {
	it('a burst of typing is one write, after the quiet time, changing only the edited line', async () => {
		const s = await setup();
		const el = await render(s, NOTE);
		expect(state(el)).toBe('saved');
		typeWeight(el, 1, 1, '3');
		typeWeight(el, 1, 1, '4');
		typeWeight(el, 1, 1, '5');
		expect(state(el)).toBe('pending');
		await jest.advanceTimersByTimeAsync(QUIET_MS - 1);
		expect(s.app.vault.writes).toEqual([]);
		await quiet();
		expect(s.app.vault.writes).toEqual(['notes/Conv.md']);
		expect(await s.app.vault.read(s.file)).toBe(EDITED_NOTE);
		expect(state(el)).toBe('saved');
	});

	it('waits while a weight has the focus and writes when the focus leaves the widget', async () => {
		const s = await setup();
		const el = await render(s, NOTE);
		const input = el.querySelector<HTMLInputElement>('.cnn-kernel-editor input');
		input?.focus();
		typeWeight(el, 1, 1, '5');
		await quiet();
		expect(s.app.vault.writes).toEqual([]);
		input?.blur();
		el.dispatchEvent(new FocusEvent('focusout', { relatedTarget: null }));
		await quiet();
		expect(await s.app.vault.read(s.file)).toBe(EDITED_NOTE);
	});

	it('writes a pending edit when the widget unloads (the note closes)', async () => {
		const s = await setup();
		const { el, section } = await renderCodeBlock(s.app, 'cnn-conv', SOURCE, { sourcePath: s.file.path, note: NOTE });
		typeWeight(el, 1, 1, '5');
		section.unload();
		await quiet();
		expect(await s.app.vault.read(s.file)).toBe(EDITED_NOTE);
	});

	it('writes a pending edit when the block re-renders (its element leaves the page first)', async () => {
		const s = await setup();
		const { el, section } = await renderCodeBlock(s.app, 'cnn-conv', SOURCE, { sourcePath: s.file.path, note: NOTE });
		typeWeight(el, 1, 1, '5');
		el.remove();
		section.unload();
		await quiet();
		expect(await s.app.vault.read(s.file)).toBe(EDITED_NOTE);
	});

	it('a pending edit that cannot be written when the note closes is said in a Notice', async () => {
		const s = await setup();
		const { el, section } = await renderCodeBlock(s.app, 'cnn-conv', SOURCE, { sourcePath: s.file.path, note: NOTE });
		typeWeight(el, 1, 1, '5');
		const synced = NOTE.replace('stride: 1', 'stride: 2');
		await s.app.vault.modify(s.file, synced);
		section.unload();
		await quiet();
		expect(await s.app.vault.read(s.file)).toBe(synced);
		expect(shownNotices.join()).toContain('the block changed in the note');
		shownNotices.length = 0;
		// A view without section information: the widget's line is gone with it, so a Notice says so.
		const other = await renderCodeBlock(s.app, 'cnn-conv', SOURCE, { sourcePath: s.file.path });
		typeWeight(other.el, 1, 1, '5');
		other.section.unload();
		await quiet();
		expect(shownNotices.join()).toContain('could no longer be found');
	});

	it('writes through the open editor in one transaction that Ctrl/Cmd+Z undoes', async () => {
		const s = await setup();
		const view = await s.app.workspace.openNote(s.file);
		const el = await render(s, NOTE);
		typeWeight(el, 1, 1, '5');
		await quiet();
		expect(view.editor.getValue()).toBe(EDITED_NOTE);
		expect(view.editor.transactions).toBe(1);
		view.editor.undo();
		expect(view.editor.getValue()).toBe(NOTE);
	});

	it('writes a chosen preset as its name; Reset restores the saved kernel, not the rendered one', async () => {
		const s = await setup();
		const el = await render(s, NOTE);
		const select = el.querySelector<HTMLSelectElement>('[data-action="preset"]');
		if (!select) throw new Error('no preset menu');
		select.value = select.options[1]?.value ?? '';
		select.dispatchEvent(new Event('change'));
		await quiet();
		const name = select.options[1]?.value ?? '';
		const withPreset = NOTE.replace('kernel: |  # a diagonal\n  1 0\n  0 1\n', `kernel: ${name}  # a diagonal\n`);
		expect(await s.app.vault.read(s.file)).toBe(withPreset);
		el.querySelector<HTMLButtonElement>('[data-action="reset"]')?.click();
		await quiet();
		expect(await s.app.vault.read(s.file)).toBe(withPreset);
		expect(state(el)).toBe('saved');
	});

	it('Reset after a saved edit and a newer unsaved one goes back to the saved edit', async () => {
		const s = await setup();
		const el = await render(s, NOTE);
		typeWeight(el, 1, 1, '5');
		await quiet();
		expect(await s.app.vault.read(s.file)).toBe(EDITED_NOTE);
		typeWeight(el, 0, 0, '7');
		el.querySelector<HTMLButtonElement>('[data-action="reset"]')?.click();
		await quiet();
		expect(await s.app.vault.read(s.file)).toBe(EDITED_NOTE);
		const cell = (r: number, c: number) => el.querySelector(`.cnn-kernel-editor .cnn-cell[data-row="${r}"][data-col="${c}"]`)?.getAttribute('data-value');
		expect([cell(0, 0), cell(1, 1)]).toEqual(['1', '5']);
		expect(state(el)).toBe('saved');
	});

	it('writes nothing when the edit returns to the saved value', async () => {
		const s = await setup();
		const el = await render(s, NOTE);
		typeWeight(el, 1, 1, '5');
		typeWeight(el, 1, 1, '1');
		await quiet();
		expect(s.app.vault.writes).toEqual([]);
		expect(state(el)).toBe('saved');
	});

	it('with write-back turned off while an edit waits, the edit is not written', async () => {
		const s = await setup();
		const el = await render(s, NOTE);
		typeWeight(el, 1, 1, '5');
		await s.plugin.settings.update({ writeBack: false });
		await quiet();
		expect(s.app.vault.writes.filter((p) => p.endsWith('.md'))).toEqual([]);
		expect(await s.app.vault.read(s.file)).toBe(NOTE);
		expect(state(el)).toBe('off');
	});

	it('a settings change after a write builds the widget again from the written source', async () => {
		const s = await setup();
		const el = await render(s, NOTE);
		typeWeight(el, 1, 1, '5');
		await quiet();
		expect(await s.app.vault.read(s.file)).toBe(EDITED_NOTE);
		await s.plugin.settings.update({ showCode: false });
		await quiet();
		expect(el.querySelector('.cnn-kernel-editor .cnn-cell[data-row="1"][data-col="1"]')?.getAttribute('data-value')).toBe('5');
		expect(state(el)).toBe('saved');
		// And it keeps writing into the block as it is now.
		typeWeight(el, 0, 0, '2');
		await quiet();
		expect(await s.app.vault.read(s.file)).toBe(EDITED_NOTE.replace('  1 0\n  0 5', '  2 0\n  0 5'));
	});

	it('with write-back off, the line says so at once, before any edit', async () => {
		const s = await setup();
		await s.plugin.settings.update({ writeBack: false });
		const el = await render(s, NOTE);
		expect(state(el)).toBe('off');
		expect(message(el)).toMatch(/not saved/);
	});

	it('a preset chosen while the menu keeps the focus is written when the focus leaves the widget', async () => {
		const s = await setup();
		const el = await render(s, NOTE);
		const select = el.querySelector<HTMLSelectElement>('[data-action="preset"]');
		if (!select) throw new Error('no preset menu');
		select.focus();
		select.value = select.options[1]?.value ?? '';
		select.dispatchEvent(new Event('change'));
		await quiet();
		expect(s.app.vault.writes.filter((p) => p.endsWith('.md'))).toEqual([]);
		// The view was built again with the preset: its new menu has the focus.
		const menu = el.querySelector<HTMLSelectElement>('[data-action="preset"]');
		expect(menu && el.ownerDocument.activeElement === menu).toBe(true);
		menu?.blur();
		menu?.dispatchEvent(new FocusEvent('focusout', { bubbles: true, relatedTarget: null }));
		await quiet();
		expect(await s.app.vault.read(s.file)).not.toBe(NOTE);
	});

	it('with write-back off in the settings, writes nothing and says so', async () => {
		const s = await setup();
		await s.plugin.settings.update({ writeBack: false });
		const el = await render(s, NOTE);
		typeWeight(el, 1, 1, '5');
		await quiet();
		expect(s.app.vault.writes.filter((p) => p.endsWith('.md'))).toEqual([]);
		expect(state(el)).toBe('off');
		expect(message(el)).toMatch(/not saved/);
	});
});

describe('bad input and safety', () => {
	it('a read-only note: nothing written, the edit kept on screen, a translated notice and line', async () => {
		const s = await setup();
		s.app.vault.readOnly.add(s.file.path);
		const el = await render(s, NOTE);
		typeWeight(el, 1, 1, '5');
		await quiet();
		expect(await s.app.vault.read(s.file)).toBe(NOTE);
		expect(state(el)).toBe('failed');
		expect(message(el)).toContain('“notes/Conv.md” could not be written');
		expect(shownNotices).toEqual([message(el)]);
		expect(el.querySelector('.cnn-kernel-editor .cnn-cell[data-row="1"][data-col="1"]')?.getAttribute('data-value')).toBe('5');
	});

	it('a deleted note: nothing written anywhere, the deletion said', async () => {
		const s = await setup();
		const el = await render(s, NOTE);
		await s.app.vault.delete(s.file);
		typeWeight(el, 1, 1, '5');
		await quiet();
		expect(s.app.vault.writes).toEqual([]);
		expect(state(el)).toBe('failed');
		expect(shownNotices.join()).toContain('was deleted');
	});

	it('a block shown from a file that is not a markdown note is never written', async () => {
		const s = await setup('notes/Conv.txt');
		const el = await render(s, NOTE);
		typeWeight(el, 1, 1, '5');
		await quiet();
		expect(s.app.vault.writes).toEqual([]);
		expect(state(el)).toBe('unsaved-here');
	});

	it('the block changed on disk since it rendered (a sync tool): nothing written, conflict said', async () => {
		const s = await setup();
		const el = await render(s, NOTE);
		const synced = NOTE.replace('stride: 1', 'stride: 2');
		await s.app.vault.modify(s.file, synced);
		typeWeight(el, 1, 1, '5');
		await quiet();
		expect(await s.app.vault.read(s.file)).toBe(synced);
		expect(state(el)).toBe('conflict');
		expect(shownNotices.join()).toContain('the block changed in the note');
	});

	it('lines added above the block since it rendered: the only block holding the source is written where it is now', async () => {
		const s = await setup();
		const el = await render(s, NOTE);
		const synced = `New line\n\n${NOTE}`;
		await s.app.vault.modify(s.file, synced);
		typeWeight(el, 1, 1, '5');
		await quiet();
		expect(await s.app.vault.read(s.file)).toBe(`New line\n\n${EDITED_NOTE}`);
		expect(state(el)).toBe('saved');
	});

	it('lines added above put an identical block where the edited one was: nothing written, ambiguity said', async () => {
		const block = `\`\`\`cnn-conv\n${SOURCE}\`\`\`\n`;
		const note = `# A\n\n${block}\n# B\n\n${block}`;
		const s = await setup('notes/Conv.md', note);
		const lines = note.split('\n');
		const second = lines.lastIndexOf('```cnn-conv');
		const el = await render(s, note, SOURCE, second);
		// Lines above the first block move it to where the second one was when it rendered.
		const inserted = `${Array.from({ length: second - lines.indexOf('```cnn-conv') }, (_, i) => `inserted ${i}`).join('\n')}\n`;
		await s.app.vault.modify(s.file, inserted + note);
		typeWeight(el, 1, 1, '5');
		await quiet();
		expect(await s.app.vault.read(s.file)).toBe(inserted + note);
		expect(state(el)).toBe('conflict');
		expect(shownNotices.join()).toContain('same text');
	});

	it('a change elsewhere in the note is kept: only the block lines change', async () => {
		const s = await setup();
		const el = await render(s, NOTE);
		await s.app.vault.modify(s.file, `${NOTE}Added by sync.\n`);
		typeWeight(el, 1, 1, '5');
		await quiet();
		expect(await s.app.vault.read(s.file)).toBe(`${EDITED_NOTE}Added by sync.\n`);
	});

	it('two top-level blocks with the same source: the one edited is the one written', async () => {
		const twice = `${NOTE}\n\`\`\`cnn-conv\n${SOURCE}\`\`\`\n`;
		const s = await setup('notes/Conv.md', twice);
		const second = twice.split('\n').lastIndexOf('```cnn-conv');
		const el = await render(s, twice, SOURCE, second);
		typeWeight(el, 1, 1, '5');
		await quiet();
		const after = await s.app.vault.read(s.file);
		expect(after.slice(0, NOTE.length)).toBe(NOTE);
		expect(after.slice(NOTE.length)).toBe(`\n\`\`\`cnn-conv\n${SOURCE.replace('  0 1\nstride', '  0 5\nstride')}\`\`\`\n`);
	});

	it('two blocks with the same source in one callout: which one cannot be told, nothing written', async () => {
		const quoted = SOURCE.trimEnd().split('\n').map((l) => `> ${l}`).join('\n');
		const note = `> [!example]\n> \`\`\`cnn-conv\n${quoted}\n> \`\`\`\n> \`\`\`cnn-conv\n${quoted}\n> \`\`\`\n`;
		const s = await setup('notes/Conv.md', note);
		const el = await render(s, note, SOURCE, 1);
		typeWeight(el, 1, 1, '5');
		await quiet();
		expect(await s.app.vault.read(s.file)).toBe(note);
		expect(state(el)).toBe('conflict');
		expect(message(el)).toContain('same text');
	});

	it('a block inside a callout keeps its `> ` prefixes', async () => {
		const quoted = (src: string) => src.trimEnd().split('\n').map((l) => `> ${l}`).join('\n');
		const note = `Intro\n\n> [!example] Try it\n> \`\`\`cnn-conv\n${quoted(SOURCE)}\n> \`\`\`\n> After.\n\nEnd\n`;
		const s = await setup('notes/Conv.md', note);
		const el = await render(s, note);
		typeWeight(el, 1, 1, '5');
		await quiet();
		expect(await s.app.vault.read(s.file)).toBe(note.replace('>   0 1\n> stride', '>   0 5\n> stride'));
	});

	it('a block inside a list keeps its indentation', async () => {
		const indented = (src: string) => src.trimEnd().split('\n').map((l) => `   ${l}`).join('\n');
		const note = `1. First\n   \`\`\`cnn-conv\n${indented(SOURCE)}\n   \`\`\`\n2. Second\n`;
		const s = await setup('notes/Conv.md', note);
		const el = await render(s, note);
		typeWeight(el, 0, 0, '-1');
		await quiet();
		expect(await s.app.vault.read(s.file)).toBe(note.replace('     1 0\n', '     -1 0\n'));
	});

	it('a block on a list item line inside a callout, with more words after the language, is written', async () => {
		const body = (src: string) => src.trimEnd().split('\n').map((l) => `>   ${l}`).join('\n');
		const note = `> [!example]\n> - \`\`\`cnn-conv Try it\n${body(SOURCE)}\n>   \`\`\`\n\nEnd\n`;
		const s = await setup('notes/Conv.md', note);
		const el = await render(s, note);
		typeWeight(el, 1, 1, '5');
		await quiet();
		expect(await s.app.vault.read(s.file)).toBe(note.replace('>     0 1\n>   stride', '>     0 5\n>   stride'));
		expect(state(el)).toBe('saved');
	});

	it('CRLF line endings are kept', async () => {
		const crlf = NOTE.replace(/\n/g, '\r\n');
		const s = await setup('notes/Conv.md', crlf);
		const el = await render(s, crlf);
		typeWeight(el, 1, 1, '5');
		await quiet();
		expect(await s.app.vault.read(s.file)).toBe(EDITED_NOTE.replace(/\n/g, '\r\n'));
	});

	it('a note renamed while the write waits: the renamed note is written, no other file', async () => {
		const s = await setup();
		const el = await render(s, NOTE);
		typeWeight(el, 1, 1, '5');
		await s.app.vault.rename(s.file, 'moved/Convolution.md');
		await quiet();
		expect(s.app.vault.writes).toEqual(['moved/Convolution.md']);
		expect(await s.app.vault.read(s.file)).toBe(EDITED_NOTE);
		expect(s.app.vault.getFileByPath('notes/Conv.md')).toBeNull();
	});

	it('no section information (an embed, a popover): nothing written, the widget says edits are not saved here', async () => {
		const s = await setup();
		const { el } = await renderCodeBlock(s.app, 'cnn-conv', SOURCE, { sourcePath: s.file.path });
		typeWeight(el, 1, 1, '5');
		await quiet();
		expect(s.app.vault.writes).toEqual([]);
		expect(state(el)).toBe('unsaved-here');
		expect(message(el)).toContain('not saved here');
	});

	it('messages follow the language (Spanish)', async () => {
		const { setLanguage } = await import('../../../harness/obsidian');
		setLanguage('es');
		try {
			const s = await setup();
			s.app.vault.readOnly.add(s.file.path);
			const el = await render(s, NOTE);
			typeWeight(el, 1, 1, '5');
			await quiet();
			expect(message(el)).toContain('no se pudo escribir «notes/Conv.md»');
		} finally {
			setLanguage('en');
		}
	});
});

describe('edits while a write is under way', () => {
	it('going back to the old value while the write runs writes the old value again (the note ends as the widget shows)', async () => {
		const s = await setup();
		const el = await render(s, NOTE);
		// The vault holds the write back until the test lets it go.
		let release: () => void = () => {};
		const gate = new Promise<void>((resolve) => (release = resolve));
		const process = s.app.vault.process.bind(s.app.vault);
		let started = false;
		s.app.vault.process = async (file, fn) => {
			started = true;
			await gate;
			return process(file, fn);
		};
		typeWeight(el, 1, 1, '5');
		el.dispatchEvent(new FocusEvent('focusout', { relatedTarget: null })); // the write starts now
		while (!started) await Promise.resolve();
		typeWeight(el, 1, 1, '1'); // back to the saved value before that write finished
		release();
		await quiet();
		expect(s.app.vault.writes).toEqual(['notes/Conv.md', 'notes/Conv.md']);
		expect(await s.app.vault.read(s.file)).toBe(NOTE);
		expect(state(el)).toBe('saved');
	});
});
