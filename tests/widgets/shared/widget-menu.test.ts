/**
 * The widget menu (widget-menu.ts): a button on every widget opening Obsidian's Menu with three
 * items in the user's language; "Copy block" puts the exact fenced block on the clipboard; "Copy
 * as image" falls back to an offer to save when the clipboard refuses; "Save as image to vault"
 * writes a free name and links it in a notice, or says why it could not.
 */
import { Component } from 'obsidian';
import { App, setLanguage, setNoticeContainer, shownNotices } from '../../../harness/obsidian';
import { asObsidianApp, loadPlugin } from '../../helpers/plugin';
import { SEED } from '../../helpers/seed';
import { imageSaver } from '../../../src/vault/save-image';
import { WidgetMenu, fencedBlock, type MenuClipboard } from '../../../src/widgets/shared/widget-menu';

const POOL = 'input: |\n  1 3\n  5 6\ntype: max\nsize: 2\n';

/** A clipboard that keeps what it was given (or refuses images). */
function fakeClipboard(refuseImages = false): MenuClipboard & { text: string[]; items: ClipboardItem[] } {
	const text: string[] = [];
	const items: ClipboardItem[] = [];
	return {
		text,
		items,
		writeText: async (t: string) => void text.push(t),
		write: async (i: ClipboardItem[]) => {
			if (refuseImages) throw new DOMException('Write permission denied.', 'NotAllowedError');
			items.push(...i);
		},
	};
}

/** A PNG blob whose bytes can be read under jsdom (its Blob has no arrayBuffer). */
function pngBlob(): Blob {
	const bytes = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
	return Object.assign(new Blob([bytes], { type: 'image/png' }), { arrayBuffer: async () => bytes.buffer });
}

/** Lets the menu's promises (clipboard, vault) finish. */
async function settle(): Promise<void> {
	for (let i = 0; i < 10; i++) await Promise.resolve();
}

/** The open menu's items: [data-action, title text]. */
function menuItems(): [string, string][] {
	return Array.from(document.querySelectorAll('.menu .menu-item'), (item) => {
		const title = item.querySelector('.menu-item-title [data-action]');
		return [title?.getAttribute('data-action') ?? '', title?.textContent ?? ''];
	});
}

function click(action: string): void {
	const el = document.querySelector<HTMLElement>(`.menu [data-action="${action}"]`);
	if (!el) throw new Error(`no menu item ${action}`);
	el.click();
}

const lastNotice = (): string => shownNotices[shownNotices.length - 1] ?? '';

afterEach(() => {
	document.querySelectorAll('.menu').forEach((m) => m.remove());
	Reflect.deleteProperty(navigator, 'clipboard');
	Reflect.deleteProperty(globalThis, 'ClipboardItem');
});

describe('the menu button on every widget', () => {
	it.each([
		['cnn-conv', SEED],
		['cnn-pool', POOL],
	])('%s: a labelled button, data-action="menu", first in the widget; it opens the three items', async (language, source) => {
		const { render } = loadPlugin();
		const { el, section } = await render(language, source);
		const button = el.querySelector<HTMLButtonElement>(`.${language} > .cnn-menu-button`);
		expect(button?.tagName).toBe('BUTTON');
		expect(button?.getAttribute('data-action')).toBe('menu');
		expect(button?.getAttribute('aria-label')).toBe('Widget menu');
		expect(button?.parentElement?.firstElementChild).toBe(button);
		button?.click();
		expect(button?.getAttribute('aria-expanded')).toBe('true');
		expect(menuItems()).toEqual([
			['copy-block', 'Copy block'],
			['copy-image', 'Copy as image'],
			['save-image', 'Save as image to vault'],
		]);
		// Unloading the block closes its menu and takes the button away.
		section.unload();
		expect(document.querySelector('.menu')).toBeNull();
		expect(el.querySelector('.cnn-menu-button')).toBeNull();
	});

	it('cnn-classify has one too', async () => {
		const { render } = loadPlugin();
		const { el, section } = await render('cnn-classify', 'model: digits\ninput: draw\n');
		expect(el.querySelectorAll('[data-action="menu"]')).toHaveLength(1);
		section.unload();
	});

	it('in Spanish: the button and the items, the vault called by its glossary name', async () => {
		setLanguage('es');
		const { render } = loadPlugin();
		const { el, section } = await render('cnn-conv', SEED);
		const button = el.querySelector<HTMLButtonElement>('[data-action="menu"]');
		expect(button?.getAttribute('aria-label')).toBe('Menú del widget');
		button?.click();
		expect(menuItems()).toEqual([
			['copy-block', 'Copiar bloque'],
			['copy-image', 'Copiar como imagen'],
			['save-image', 'Guardar como imagen en la bóveda'],
		]);
		section.unload();
	});

	it('a second click on the button closes the menu; a mouse press that closed it does not reopen it on its click', () => {
		const owner = new Component();
		owner.load();
		const menu = new WidgetMenu(owner, document.body.createDiv({ cls: 'cnn-notes' }), { blockClass: 'cnn-conv', source: SEED, saver: imageSaver(asObsidianApp(new App()), 'n.md') });
		menu.button.click();
		expect(document.querySelectorAll('.menu')).toHaveLength(1);
		menu.button.click();
		expect(document.querySelectorAll('.menu')).toHaveLength(0);
		expect(menu.button.getAttribute('aria-expanded')).toBe('false');
		menu.button.click();
		expect(document.querySelectorAll('.menu')).toHaveLength(1);
		// A real mouse: the press (outside the menu) closes it first, then the click comes.
		menu.button.dispatchEvent(new MouseEvent('mousedown', { bubbles: true }));
		expect(document.querySelectorAll('.menu')).toHaveLength(0);
		menu.button.dispatchEvent(new MouseEvent('click', { bubbles: true, detail: 1 }));
		expect(document.querySelectorAll('.menu')).toHaveLength(0);
		// Closed by Escape, the next click opens it at once.
		menu.button.click();
		expect(document.querySelectorAll('.menu')).toHaveLength(1);
		document.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
		expect(document.querySelectorAll('.menu')).toHaveLength(0);
		menu.button.dispatchEvent(new MouseEvent('mousedown', { bubbles: true }));
		menu.button.dispatchEvent(new MouseEvent('click', { bubbles: true, detail: 1 }));
		expect(document.querySelectorAll('.menu')).toHaveLength(1);
		owner.unload();
		expect(document.querySelectorAll('.menu')).toHaveLength(0);
	});

	it('one button after a re-render (a kernel preset), not two', async () => {
		const { render } = loadPlugin();
		const { el, section } = await render('cnn-conv', SEED);
		const select = el.querySelector<HTMLSelectElement>('[data-action="preset"]');
		if (!select) throw new Error('no preset menu');
		select.value = 'identity';
		select.dispatchEvent(new Event('change'));
		expect(el.querySelectorAll('[data-action="menu"]')).toHaveLength(1);
		section.unload();
	});

	it('keyboard: arrow down twice and Enter run "Copy as image"; Escape closes and gives the focus back', async () => {
		const { render } = loadPlugin();
		const { el, section } = await render('cnn-conv', SEED);
		const button = el.querySelector<HTMLButtonElement>('[data-action="menu"]');
		button?.focus();
		button?.click();
		const key = (k: string) => document.dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true }));
		key('ArrowDown');
		key('ArrowDown');
		key('Enter');
		// The picture is read and painted in tasks of their own (figurePng): a few real timer turns.
		for (let i = 0; i < 3; i++) await new Promise((resolve) => setTimeout(resolve, 0));
		await settle();
		// jsdom has no 2D canvas: no picture can be made, and the notice says so.
		expect(lastNotice()).toBe('Could not make an image of this widget.');
		expect(document.querySelector('.menu')).toBeNull();
		button?.click();
		key('Escape');
		expect(document.querySelector('.menu')).toBeNull();
		expect(document.activeElement).toBe(button);
		section.unload();
	});
});

describe('Copy block', () => {
	it('puts the exact fenced block on the clipboard and says "Copied"', async () => {
		const clipboard = fakeClipboard();
		Object.defineProperty(navigator, 'clipboard', { value: clipboard, configurable: true });
		const { render } = loadPlugin();
		const { el, section } = await render('cnn-conv', SEED);
		el.querySelector<HTMLButtonElement>('[data-action="menu"]')?.click();
		click('copy-block');
		await settle();
		expect(clipboard.text).toEqual(['```cnn-conv\n' + SEED + '```']);
		expect(lastNotice()).toBe('Copied');
		section.unload();
	});

	it('after a kernel edit (a preset, not saved yet): the block as the widget shows it now, not as rendered', async () => {
		const clipboard = fakeClipboard();
		Object.defineProperty(navigator, 'clipboard', { value: clipboard, configurable: true });
		const { render } = loadPlugin();
		const { el, section } = await render('cnn-conv', SEED);
		const select = el.querySelector<HTMLSelectElement>('[data-action="preset"]');
		if (!select) throw new Error('no preset menu');
		select.value = 'identity';
		select.dispatchEvent(new Event('change'));
		el.querySelector<HTMLButtonElement>('[data-action="menu"]')?.click();
		click('copy-block');
		await settle();
		expect(clipboard.text).toHaveLength(1);
		expect(clipboard.text[0]).not.toBe('```cnn-conv\n' + SEED + '```');
		expect(clipboard.text[0]).toMatch(/^```cnn-conv\n[\s\S]*\n```$/);
		expect(SEED).not.toContain('kernel: identity');
		expect(clipboard.text[0]).toContain('kernel: identity');
		section.unload();
	});

	it('a source given as a function is read at each click', async () => {
		const clipboard = fakeClipboard();
		const owner = new Component();
		owner.load();
		let now = 'a: 1\n';
		const menu = new WidgetMenu(owner, document.body.createDiv({ cls: 'cnn-notes' }), { blockClass: 'cnn-pool', source: () => now, saver: imageSaver(asObsidianApp(new App()), 'n.md'), clipboard });
		await menu.copyBlock();
		now = 'a: 2\n';
		await menu.copyBlock();
		expect(clipboard.text).toEqual(['```cnn-pool\na: 1\n```', '```cnn-pool\na: 2\n```']);
		owner.unload();
	});

	it('fencedBlock: a newline before the closing fence, and a longer fence around a source with backticks', () => {
		expect(fencedBlock('cnn-pool', 'size: 2')).toBe('```cnn-pool\nsize: 2\n```');
		expect(fencedBlock('cnn-pool', 'note: ```x```\n')).toBe('````cnn-pool\nnote: ```x```\n````');
	});

	it('no clipboard: a translated notice instead of a throw', async () => {
		setLanguage('es');
		const owner = new Component();
		owner.load();
		const menu = new WidgetMenu(owner, document.body.createDiv({ cls: 'cnn-notes' }), { blockClass: 'cnn-conv', source: SEED, saver: imageSaver(asObsidianApp(new App()), 'n.md') });
		await menu.copyBlock();
		expect(lastNotice()).toBe('No se pudo copiar al portapapeles.');
		owner.unload();
	});
});

describe('Copy as image and Save as image to vault', () => {
	function setup(opts: { clipboard?: MenuClipboard; readOnly?: boolean } = {}) {
		const app = new App();
		app.vault.seed('en/Convolution.md', '# Convolution\n');
		app.vault.setConfig('attachmentFolderPath', './');
		if (opts.readOnly) app.vault.readOnly.add('en');
		const owner = new Component();
		owner.load();
		const figures = document.body.createDiv({ cls: 'cnn-notes cnn-conv' });
		const saver = imageSaver(asObsidianApp(app), 'en/Convolution.md');
		const open = jest.spyOn(saver, 'open').mockResolvedValue();
		const menu = new WidgetMenu(owner, figures, { blockClass: 'cnn-conv', source: SEED, saver, clipboard: opts.clipboard, png: async () => pngBlob() });
		return { app, owner, menu, open };
	}

	it('the clipboard takes the PNG: one image/png item, "Image copied"', async () => {
		const written: Record<string, Blob>[] = [];
		Object.defineProperty(globalThis, 'ClipboardItem', {
			configurable: true,
			value: class {
				constructor(items: Record<string, Blob>) {
					written.push(items);
				}
			},
		});
		const clipboard = fakeClipboard();
		const { owner, menu } = setup({ clipboard });
		const done = menu.copyImage();
		// WebKit takes the write only within the click: it starts before anything is awaited, the PNG still being made.
		expect(clipboard.items).toHaveLength(1);
		await done;
		expect(clipboard.items).toHaveLength(1);
		expect(Object.keys(written[0] ?? {})).toEqual(['image/png']);
		expect((await (written[0]?.['image/png'] as unknown as Promise<Blob>))?.type).toBe('image/png');
		expect(lastNotice()).toBe('Image copied');
		owner.unload();
	});

	it('where ClipboardItem refuses a promise (an older system), the finished PNG is written', async () => {
		const written: Record<string, Blob>[] = [];
		Object.defineProperty(globalThis, 'ClipboardItem', {
			configurable: true,
			value: class {
				constructor(items: Record<string, Blob>) {
					if (items['image/png'] instanceof Promise) throw new TypeError('Failed to convert value to Blob');
					written.push(items);
				}
			},
		});
		const clipboard = fakeClipboard();
		const { owner, menu } = setup({ clipboard });
		await menu.copyImage();
		expect(clipboard.items).toHaveLength(1);
		expect(written[0]?.['image/png']?.type).toBe('image/png');
		expect(lastNotice()).toBe('Image copied');
		owner.unload();
	});

	it('no picture could be made: the translated failure, nothing on the clipboard', async () => {
		Object.defineProperty(globalThis, 'ClipboardItem', { configurable: true, value: class {} });
		const clipboard = fakeClipboard();
		const owner = new Component();
		owner.load();
		const menu = new WidgetMenu(owner, document.body.createDiv({ cls: 'cnn-notes' }), { blockClass: 'cnn-conv', source: SEED, saver: imageSaver(asObsidianApp(new App()), 'n.md'), clipboard, png: async () => null });
		await menu.copyImage();
		await settle();
		expect(lastNotice()).toBe('Could not make an image of this widget.');
		owner.unload();
	});

	/** Shows notices on the page (the fake keeps them detached otherwise), so their links can be clicked. */
	function onPage(): HTMLElement {
		jest.useFakeTimers();
		const container = document.body.createDiv({ cls: 'notice-container' });
		setNoticeContainer(container);
		return container;
	}

	afterEach(() => {
		setNoticeContainer(null);
		jest.clearAllTimers();
		jest.useRealTimers();
	});

	it('the clipboard refuses: a notice offering to save, whose link saves the same picture', async () => {
		const notices = onPage();
		const { app, owner, menu } = setup({ clipboard: fakeClipboard(true) });
		await menu.copyImage();
		expect(lastNotice()).toBe('The clipboard does not accept images here. Save as image to vault');
		notices.querySelector<HTMLElement>('.notice [data-action="save-image"]')?.click();
		for (let i = 0; i < 10; i++) await Promise.resolve();
		expect(app.vault.writes).toEqual(['en/Convolution - conv 1.png']);
		expect(lastNotice()).toBe('Saved as en/Convolution - conv 1.png');
		owner.unload();
	});

	it('no ClipboardItem (an older system): the same offer, in Spanish', async () => {
		setLanguage('es');
		const { owner, menu } = setup({ clipboard: fakeClipboard() });
		await menu.copyImage();
		expect(lastNotice()).toBe('El portapapeles no acepta imágenes aquí. Guardar como imagen en la bóveda');
		owner.unload();
	});

	it('Save as image to vault: a new PNG next to the note, a notice with its link (which opens it); a second save takes the next number', async () => {
		const notices = onPage();
		const { app, owner, menu, open } = setup();
		await menu.saveImage();
		expect(lastNotice()).toBe('Saved as en/Convolution - conv 1.png');
		const file = app.vault.getFileByPath('en/Convolution - conv 1.png');
		expect(file).not.toBeNull();
		expect(new Uint8Array(await app.vault.readBinary(file!)).slice(0, 4)).toEqual(new Uint8Array([0x89, 0x50, 0x4e, 0x47]));
		const link = notices.querySelector<HTMLElement>('.notice a.internal-link');
		expect(link?.getAttribute('data-href')).toBe('en/Convolution - conv 1.png');
		// The widget's view re-rendered meanwhile (a kernel edit): the link still opens the file.
		owner.unload();
		link?.click();
		expect(open).toHaveBeenCalledWith('en/Convolution - conv 1.png');
		await menu.saveImage();
		expect(lastNotice()).toBe('Saved as en/Convolution - conv 2.png');
		expect(app.vault.writes).toEqual(['en/Convolution - conv 1.png', 'en/Convolution - conv 2.png']);
		owner.unload();
	});

	it('a read-only folder: a translated notice naming the path, nothing written', async () => {
		setLanguage('es');
		const { app, owner, menu } = setup({ readOnly: true });
		await menu.saveImage();
		expect(lastNotice()).toBe('No se pudo guardar la imagen en la bóveda: en/Convolution - conv 1.png es de solo lectura o no se puede escribir.');
		expect(app.vault.writes).toEqual([]);
		owner.unload();
	});
});
