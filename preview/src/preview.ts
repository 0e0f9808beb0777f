/**
 * The browser preview of a vault (`npm run demo [-- path/to/vault]`): lists the vault's files in the
 * preview runtime's Vault (contents fetched when first read, see lazy-vault.ts), runs the plugin's
 * real main.js against it, and shows notes with a file list, a language switch (es/en), a theme
 * switch (light/dark), a command palette (Ctrl/Cmd+P), the plugin's settings, and a Read/Edit switch
 * (edit mode: the note's text in a harness editor, where editor commands run). Preview
 * infrastructure, not part of the plugin.
 */
import { installDomHelpers } from '../../harness/dom';
import { App, getLanguage, MetadataCache, type Plugin, processorRegistry, setLanguage, setNoticeContainer } from '../../harness/obsidian';
import { LazyVault } from './lazy-vault';
import { createMarkdown, noteHref, parseNoteHref, vaultUrl } from './markdown';
import { NoteView } from './note-view';
import { HoverPopovers } from './hover-popover';
import { loadPluginBundle } from './plugin-loader';
import { NoteEditor } from './note-editor';
import { CommandPalette } from './palette';
import { SettingsPanel } from './settings-panel';

const HOME = 'Start here.md';
const LANGUAGES = ['en', 'es'] as const;
const THEMES = ['light', 'dark'] as const;
const TEXT_EXTENSIONS = new Set(['md', 'txt', 'json', 'csv', 'yaml', 'yml', 'canvas']);

type Theme = (typeof THEMES)[number];

/** What the page exposes to people poking around in devtools and to the e2e tests. */
export interface PreviewApi {
	app: App;
	plugin: Plugin | null;
	view: NoteView;
	/** The hover previews of the links in the note shown (`popovers.current` is the open one). */
	popovers: HoverPopovers;
	open(path: string, heading?: string): Promise<void>;
	setLanguage(code: string): Promise<void>;
	setTheme(theme: Theme): void;
	renderSnippet(markdown: string): Promise<void>;
	/** Read mode renders the note; edit mode shows its text in an editor (resolves once shown). */
	setMode(mode: 'read' | 'edit'): Promise<void>;
	editor: NoteEditor;
	palette: CommandPalette;
	settings: SettingsPanel;
}

declare global {
	interface Window {
		cnnPreview?: PreviewApi;
	}
}

/** What the server says about the vault: its folder name and every file path (names only). */
interface VaultListing {
	name: string;
	files: string[];
}

/** Fetches one vault file: text for notes and other text formats, bytes otherwise. */
async function fetchVaultFile(path: string): Promise<string | ArrayBuffer> {
	const res = await fetch(vaultUrl(path));
	if (!res.ok) throw new Error(`${path}: HTTP ${res.status}`);
	const ext = path.split('.').pop()?.toLowerCase() ?? '';
	return TEXT_EXTENSIONS.has(ext) ? res.text() : res.arrayBuffer();
}

/** An App on a LazyVault holding the server's listing; no file content is fetched here. */
async function openVault(): Promise<{ app: App; listing: VaultListing }> {
	const listing = (await (await fetch('/api/vault')).json()) as VaultListing;
	const vault = new LazyVault(fetchVaultFile);
	for (const path of listing.files) vault.list(path);
	const app = new App();
	app.vault = vault;
	app.metadataCache = new MetadataCache(vault);
	return { app, listing };
}

/** The note opened first: "Start here.md", else the first note at the top, else the first note. */
function homeNote(files: string[]): string {
	const notes = files.filter((f) => f.endsWith('.md')).sort((a, b) => a.localeCompare(b));
	return notes.find((f) => f === HOME) ?? notes.find((f) => !f.includes('/')) ?? notes[0] ?? HOME;
}

function stored(key: string, allowed: readonly string[], fallback: string): string {
	const fromQuery = new URLSearchParams(location.search).get(key);
	const value = fromQuery ?? localStorage.getItem(`cnn-preview-${key}`) ?? fallback;
	return allowed.includes(value) ? value : fallback;
}

function segmented(parent: HTMLElement, label: string, options: [string, string][], attr: string, onPick: (v: string) => void): HTMLElement[] {
	const group = parent.createDiv({ cls: 'preview-switch', attr: { role: 'group', 'aria-label': label } });
	group.createSpan({ cls: 'preview-switch-label', text: label });
	return options.map(([value, text]) => {
		const button = group.createEl('button', { text, attr: { type: 'button', [attr]: value } });
		button.addEventListener('click', () => onPick(value));
		return button;
	});
}

function buildFileList(nav: HTMLElement, files: string[]): void {
	const notes = files.filter((f) => f.endsWith('.md')).sort((a, b) => a.localeCompare(b));
	const folders = new Map<string, string[]>();
	for (const path of notes) {
		const folder = path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '';
		folders.set(folder, [...(folders.get(folder) ?? []), path]);
	}
	for (const folder of [...folders.keys()].sort()) {
		const section = nav.createDiv({ cls: 'nav-folder' });
		if (folder) section.createDiv({ cls: 'nav-folder-title', text: folder });
		for (const path of folders.get(folder) ?? []) {
			const name = path.split('/').pop()?.replace(/\.md$/, '') ?? path;
			section.createEl('a', { cls: 'nav-file-title', text: name, href: noteHref(path), attr: { 'data-path': path } });
		}
	}
}

function parseRoute(home: string): { path: string; heading?: string } {
	return parseNoteHref(location.hash) ?? { path: home };
}

async function main(): Promise<void> {
	installDomHelpers(window);
	const body = document.body;
	const top = body.createDiv({ cls: 'preview-topbar' });
	// Below 760 px the file list is a drawer behind this button (preview.css); above, the button is hidden.
	const navToggle = top.createEl('button', {
		cls: 'preview-nav-toggle',
		text: 'Notes',
		attr: { type: 'button', 'aria-expanded': 'false', 'aria-controls': 'preview-nav' },
	});
	const brand = top.createDiv({ cls: 'preview-brand', text: 'CNN Notes · vault preview' });
	const controls = top.createDiv({ cls: 'preview-controls' });
	const tools = controls.createDiv({ cls: 'preview-tools' });
	const tool = (text: string, icon: string, action: string): HTMLButtonElement =>
		tools.createEl('button', { cls: 'preview-tool', attr: { type: 'button', 'aria-label': text, 'data-icon': icon, 'data-preview-action': action } }, (b) =>
			b.createSpan({ cls: 'preview-tool-text', text }),
		);
	const commandsButton = tool('Commands', '⌘', 'commands');
	const settingsButton = tool('Settings', '⚙', 'settings');
	const shell = body.createDiv({ cls: 'preview-shell' });
	const nav = shell.createDiv({ cls: 'preview-nav nav-files-container', attr: { id: 'preview-nav' } });
	const content = shell.createDiv({ cls: 'preview-content' });
	const status = nav.createDiv({ cls: 'preview-status' });
	setNoticeContainer(body.createDiv({ cls: 'notice-container' }));

	const { app, listing } = await openVault();
	const files = listing.files;
	const home = homeNote(files);
	brand.setText(`CNN Notes · preview of ${listing.name}`);
	buildFileList(nav, files);
	nav.appendChild(status);

	let plugin: Plugin | null = null;
	try {
		plugin = await loadPluginBundle(app);
		status.setText(`Plugin loaded: ${plugin.manifest.name} ${plugin.manifest.version}`);
	} catch (e) {
		status.setText(`Plugin not loaded: ${e instanceof Error ? e.message : String(e)}`);
		status.addClass('is-error');
		console.error(e);
	}

	const md = createMarkdown((language) => processorRegistry.get(app)?.has(language) ?? false);
	const view = new NoteView(app, md, content);
	// Above the note: the Read / Edit switch, as Obsidian's view header has; edit mode's textarea below it.
	const viewbar = createDiv({ cls: 'preview-viewbar' });
	content.prepend(viewbar);
	const editor = new NoteEditor(app, content);
	let mode: 'read' | 'edit' = 'read';
	const popovers = new HoverPopovers(app, md, content);

	const setNavOpen = (open: boolean) => {
		body.toggleClass('is-nav-open', open);
		navToggle.setAttr('aria-expanded', open ? 'true' : 'false');
	};
	navToggle.addEventListener('click', () => setNavOpen(!body.hasClass('is-nav-open')));
	nav.addEventListener('click', (ev) => {
		if ((ev.target as HTMLElement).closest('.nav-file-title')) setNavOpen(false);
	});
	document.addEventListener('keydown', (ev) => {
		if (ev.key === 'Escape') setNavOpen(false);
	});
	document.addEventListener('pointerdown', (ev) => {
		const target = ev.target as Node;
		if (body.hasClass('is-nav-open') && !nav.contains(target) && !navToggle.contains(target)) setNavOpen(false);
	});

	const languageButtons = segmented(controls, 'Language', [['es', 'ES'], ['en', 'EN']], 'data-language', (v) => void api.setLanguage(v));
	const themeButtons = segmented(controls, 'Theme', [['light', 'Light'], ['dark', 'Dark']], 'data-theme', (v) => api.setTheme(v as Theme));
	const mark = (buttons: HTMLElement[], attr: string, value: string) =>
		buttons.forEach((b) => b.setAttr('aria-pressed', b.getAttribute(attr) === value));
	const modeButtons = segmented(viewbar, 'Mode', [['read', 'Read'], ['edit', 'Edit']], 'data-mode', (v) => void api.setMode(v === 'edit' ? 'edit' : 'read'));
	mark(modeButtons, 'data-mode', 'read');

	const palette = new CommandPalette({
		pluginName: plugin?.manifest.name ?? 'CNN Notes',
		commands: () => plugin?.commands ?? [],
		editor: () => {
			const e = mode === 'edit' ? editor.editor : null;
			return e && editor.markdownView ? { editor: e, view: editor.markdownView } : null;
		},
		ran: () => editor.refresh(),
	});
	const settings = new SettingsPanel(() => plugin?.settingTabs[0] ?? null, `${plugin?.manifest.name ?? 'CNN Notes'} settings`);
	commandsButton.addEventListener('click', () => palette.open());
	settingsButton.addEventListener('click', () => settings.open());
	document.addEventListener('keydown', (ev) => {
		if ((ev.ctrlKey || ev.metaKey) && !ev.altKey && !ev.shiftKey && ev.key.toLowerCase() === 'p') {
			ev.preventDefault(); // not the browser's print dialog
			if (!settings.isOpen) palette.open();
		}
	});

	const open = async (path: string, heading?: string) => {
		if (mode === 'edit') await api.setMode('read');
		for (const a of Array.from(nav.querySelectorAll<HTMLElement>('.nav-file-title'))) a.toggleClass('is-active', a.dataset.path === path);
		document.title = `${path.split('/').pop()?.replace(/\.md$/, '') ?? path} · CNN Notes preview`;
		await view.show(path, heading);
	};

	const api: PreviewApi = {
		app,
		plugin,
		view,
		popovers,
		open: (path, heading) => {
			const target = noteHref(path, heading);
			if (location.hash === target) return open(path, heading);
			return new Promise((resolve) => {
				content.addEventListener('preview-rendered', () => resolve(), { once: true });
				location.hash = target;
			});
		},
		async setLanguage(code) {
			setLanguage(code);
			localStorage.setItem('cnn-preview-language', code);
			document.documentElement.lang = code;
			mark(languageButtons, 'data-language', code);
			popovers.close(); // its widgets speak the old language
			await view.rerender();
		},
		setTheme(theme) {
			body.removeClass('theme-light', 'theme-dark');
			body.addClass(`theme-${theme}`);
			localStorage.setItem('cnn-preview-theme', theme);
			mark(themeButtons, 'data-theme', theme);
		},
		renderSnippet: (markdown) => view.showSnippet(markdown),
		async setMode(next) {
			if (next === 'edit' && view.path && (await editor.open(view.path))) {
				mode = 'edit';
				view.clear(); // the widgets end while their text is edited, as switching views does in Obsidian
			} else if (next === 'read' && mode === 'edit') {
				mode = 'read';
				await view.rerender();
			}
			body.toggleClass('is-editing', mode === 'edit');
			mark(modeButtons, 'data-mode', mode);
			if (mode === 'edit') editor.refresh();
		},
		editor,
		palette,
		settings,
	};
	window.cnnPreview = api;

	setLanguage(stored('language', LANGUAGES, 'en'));
	document.documentElement.lang = getLanguage();
	mark(languageButtons, 'data-language', getLanguage());
	api.setTheme(stored('theme', THEMES, matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light') as Theme);

	// Links inside notes navigate through the hash; a write to the open note re-renders it.
	content.addEventListener('click', (ev) => {
		const link = (ev.target as HTMLElement).closest('a.internal-link');
		if (link?.hasClass('is-unresolved')) ev.preventDefault();
	});
	app.vault.on('modify', (file: { path: string }) => {
		if (file.path === view.path && mode === 'read') void view.rerender();
	});
	window.addEventListener('hashchange', () => {
		popovers.close();
		const { path, heading } = parseRoute(home);
		void open(path, heading);
	});
	const { path, heading } = parseRoute(home);
	await open(path, heading);
	body.dataset.previewReady = 'true';
}

void main().catch((e: unknown) => {
	console.error(e);
	document.body.dataset.previewReady = 'failed';
});
