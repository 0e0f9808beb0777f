/** mountBlock's BlockHost: a settings change rebuilds the widget once, without piling up widgets or listeners, keeping unsaved edits. */
import { Component, MarkdownRenderChild, App, renderCodeBlock } from '../../harness/obsidian';
import manifest from '../../manifest.json';
import { mountBlock } from '../../src/blocks/mount';
import CnnNotesPlugin from '../../src/main';
import { SettingsStore } from '../../src/settings';
import { asObsidianApp } from '../helpers/plugin';

function store(): SettingsStore {
	return new SettingsStore({ loadData: () => Promise.resolve(null), saveData: () => Promise.resolve() });
}

const listeners = (s: SettingsStore): number => (s as unknown as { listeners: Set<unknown> }).listeners.size;
const kids = (c: Component): Component[] => (c as unknown as { children: Component[] }).children;
const loaded = (c: Component): boolean => (c as unknown as { _loaded: boolean })._loaded;
const parse = (src: string) => ({ ok: true as const, value: src });

describe('mountBlock with settings', () => {
	it('ten settings changes: one live widget, one listener, eleven widgets built', async () => {
		const s = store();
		const section = new Component();
		section.load();
		const el = document.body.createDiv();
		let built = 0;
		const ctx = { addChild: (c: MarkdownRenderChild) => section.addChild(c) } as never;
		mountBlock('x', el, ctx, parse, (e) => (built++, new MarkdownRenderChild(e) as never), { prefs: s, uses: ['showCode'] });
		for (let i = 0; i < 10; i++) await s.update({ showCode: i % 2 === 1 });
		const [host] = kids(section);
		expect(kids(section)).toHaveLength(1);
		expect(kids(host!)).toHaveLength(1);
		expect(kids(host!).filter(loaded)).toHaveLength(1);
		expect(built).toBe(11);
		expect(listeners(s)).toBe(1);
		section.unload();
		expect(listeners(s)).toBe(0);
	});

	it('a block never loaded neither listens nor builds on a change; a setting it does not read changes nothing', async () => {
		const s = store();
		const el = document.body.createDiv();
		let built = 0;
		mountBlock('x', el, { addChild: () => undefined } as never, parse, (e) => (built++, new MarkdownRenderChild(e) as never), { prefs: s, uses: ['showCode'] });
		await s.update({ showCode: false });
		expect(listeners(s)).toBe(0);
		expect(built).toBe(0);
		const section = new Component();
		section.load();
		mountBlock('x', el, { addChild: (c: MarkdownRenderChild) => section.addChild(c) } as never, parse, (e) => (built++, new MarkdownRenderChild(e) as never), { prefs: s, uses: ['maxPictureSide'] });
		await s.update({ codeTab: 'keras', showCode: true });
		expect(built).toBe(1);
		await s.update({ maxPictureSide: 128 });
		expect(built).toBe(2);
	});
});

describe('a conv block through a settings change', () => {
	const SOURCE = 'input: |\n  1 2 3\n  4 5 6\n  7 8 9\nkernel: |\n  1 0\n  0 1\n';
	const NOTE = `# Conv\n\n\`\`\`cnn-conv\n${SOURCE}\`\`\`\n`;
	const weight = (el: HTMLElement) => el.querySelector<HTMLInputElement>('.cnn-kernel-editor .cnn-cell[data-row="1"][data-col="1"] input');
	const flush = async () => {
		for (let i = 0; i < 10; i++) await new Promise((r) => setTimeout(r, 0));
	};

	it.each([false, true])('write-back %p: a typed weight is still shown after an unrelated setting changes', async (writeBack) => {
		const app = new App();
		const plugin = new CnnNotesPlugin(asObsidianApp(app), manifest);
		plugin.load();
		await plugin.settings.load();
		const file = app.vault.seed('n.md', NOTE);
		await plugin.settings.update({ writeBack });
		const { el } = await renderCodeBlock(app, 'cnn-conv', SOURCE, { sourcePath: file.path, note: NOTE });
		await flush();
		const input = weight(el)!;
		input.focus();
		input.value = '7';
		input.dispatchEvent(new Event('input'));
		await plugin.settings.update({ codeTab: 'keras' });
		await flush();
		expect(weight(el)?.value).toBe('7');
		const text = await app.vault.read(file);
		// Saving on: the pending edit was written when the old widget went; off: the note is untouched.
		expect(text).toBe(writeBack ? NOTE.replace('  0 1\n```', '  0 7\n```') : NOTE);
	});
});
