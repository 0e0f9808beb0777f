/**
 * A small, faithful fake of the Obsidian API surface CNN Notes uses.
 *
 * Test and preview infrastructure only: jest maps `obsidian` here (tests/__mocks__/obsidian.ts)
 * and the browser preview (`npm run demo`) bundles it as the `obsidian` module. The plugin never
 * imports this file directly. Signatures follow node_modules/obsidian/obsidian.d.ts; the helpers
 * at the end (setLanguage, FakeApp, renderCodeBlock) exist only here.
 */
import { load as loadYaml } from 'js-yaml';
import { Events } from './events';
import { Workspace, type Editor, type MarkdownView } from './editor';
import { Component, type MarkdownRenderChild } from './component';

export { Events, type EventRef } from './events';
export { Editor, MarkdownView, Workspace, WorkspaceLeaf, type EditorChange, type EditorPosition, type EditorTransaction } from './editor';

// ---------------------------------------------------------------------------------------------
// Components (harness/component.ts) and menus (harness/menu.ts)

export { Component, MarkdownRenderChild } from './component';
export { Menu, MenuItem, type MenuPositionDef } from './menu';

// ---------------------------------------------------------------------------------------------
// Vault, files, metadata

/** A file or folder of the vault. */
export abstract class TAbstractFile {
	path = '';
	name = '';
}

/** A file of the vault. */
export class TFile extends TAbstractFile {
	basename = '';
	extension = '';
}

/** A folder of the vault. */
export class TFolder extends TAbstractFile {
	/** Files and folders directly inside (the fake fills it when asked, see Vault.getAbstractFileByPath). */
	children: TAbstractFile[] = [];
	isRoot(): boolean {
		return this.path === '/';
	}
}

type Content = string | ArrayBuffer;

function setFilePath(file: TFile, path: string): void {
	file.path = path;
	file.name = path.split('/').pop() ?? path;
	const dot = file.name.lastIndexOf('.');
	file.basename = dot > 0 ? file.name.slice(0, dot) : file.name;
	file.extension = dot > 0 ? file.name.slice(dot + 1) : '';
}

/** An in-memory vault: files by path, with Obsidian's read/write methods and events. */
export class Vault extends Events {
	private files = new Map<string, TFile>();
	private contents = new Map<string, Content>();
	/** Test helper: every write the plugin made, in order. */
	writes: string[] = [];

	/** Test/preview helper: put a file into the vault without firing events. */
	seed(path: string, content: Content): TFile {
		const file = this.files.get(path) ?? new TFile();
		setFilePath(file, path);
		this.files.set(path, file);
		this.contents.set(path, content);
		return file;
	}

	getFileByPath(path: string): TFile | null {
		return this.files.get(normalizePath(path)) ?? null;
	}

	getFiles(): TFile[] {
		return [...this.files.values()];
	}

	/** Every file and folder (the folders of the files' paths and those made with createFolder), as Obsidian's getAllLoadedFiles. */
	getAllLoadedFiles(): TAbstractFile[] {
		const folders = new Set(this.folders);
		for (const path of this.files.keys()) {
			const parts = path.split('/');
			for (let i = 1; i < parts.length; i++) folders.add(parts.slice(0, i).join('/'));
		}
		const found: TAbstractFile[] = [];
		for (const folder of folders) {
			const f = this.getAbstractFileByPath(folder);
			if (f) found.push(f);
		}
		return [...found, ...this.getFiles()];
	}

	getMarkdownFiles(): TFile[] {
		return this.getFiles().filter((f) => f.extension === 'md');
	}

	/** A file, or a folder that holds files (or was created with createFolder), at `path`; null when nothing is there. */
	getAbstractFileByPath(path: string): TAbstractFile | null {
		const clean = normalizePath(path);
		const file = this.files.get(clean);
		if (file) return file;
		const prefix = clean === '/' ? '' : `${clean}/`;
		const inside = this.getFiles().filter((f) => f.path.startsWith(prefix));
		if (inside.length === 0 && !this.folders.has(clean)) return null;
		const folder = new TFolder();
		folder.path = clean;
		folder.name = clean.split('/').pop() ?? clean;
		const direct: TAbstractFile[] = inside.filter((f) => !f.path.slice(prefix.length).includes('/'));
		// Subfolders directly inside (of files below, or made with createFolder), built the same way.
		const subfolders = new Set<string>();
		for (const f of inside) {
			const rest = f.path.slice(prefix.length);
			if (rest.includes('/')) subfolders.add(rest.slice(0, rest.indexOf('/')));
		}
		for (const path of this.folders) {
			const rest = path.startsWith(prefix) ? path.slice(prefix.length) : '';
			if (rest !== '') subfolders.add(rest.split('/')[0] ?? rest);
		}
		for (const name of [...subfolders].sort()) {
			const sub = this.getAbstractFileByPath(`${prefix}${name}`);
			if (sub instanceof TFolder) direct.push(sub);
		}
		folder.children = direct;
		return folder;
	}

	getFolderByPath(path: string): TFolder | null {
		const found = this.getAbstractFileByPath(path);
		return found instanceof TFolder ? found : null;
	}

	async create(path: string, data: string): Promise<TFile> {
		const clean = normalizePath(path);
		if (this.files.has(clean)) throw new Error('File already exists.');
		this.refuseReadOnly(clean);
		const file = this.seed(clean, data);
		this.writes.push(clean);
		this.trigger('create', file);
		return file;
	}

	/** A path no file has yet: `path.ext`, else `path 1.ext`, `path 2.ext`, ... (Obsidian's own, outside its public API). */
	getAvailablePath(path: string, extension: string): string {
		const dotted = extension ? `.${extension}` : '';
		for (let i = 0; ; i++) {
			const candidate = normalizePath(i === 0 ? `${path}${dotted}` : `${path} ${i}${dotted}`);
			if (!this.getAbstractFileByPath(candidate)) return candidate;
		}
	}

	async createFolder(path: string): Promise<TFolder> {
		const clean = normalizePath(path);
		if (this.getAbstractFileByPath(clean)) throw new Error('Folder already exists.');
		this.refuseReadOnly(clean);
		this.folders.add(clean);
		const folder = this.getFolderByPath(clean);
		if (!folder) throw new Error(`No folder at ${clean}`);
		this.trigger('create', folder);
		return folder;
	}

	async modify(file: TFile, data: string): Promise<void> {
		this.write(file, data);
	}

	/** Obsidian's (unofficial) vault settings, e.g. `alwaysUpdateLinks`; null when not set. */
	getConfig(key: string): unknown {
		return this.config.get(key) ?? null;
	}

	/** Fake-only: sets a vault setting (Settings > Files and links). */
	setConfig(key: string, value: unknown): void {
		this.config.set(key, value);
	}

	/** Fake-only: paths whose writes fail as a read-only file's do on disk (a folder's path: everything inside it; `/`: the whole vault). */
	readOnly = new Set<string>();
	private folders = new Set<string>();
	private config = new Map<string, unknown>();

	private refuseReadOnly(path: string): void {
		const parts = path.split('/');
		const held = parts.some((_, i) => this.readOnly.has(parts.slice(0, i + 1).join('/')));
		if (held || this.readOnly.has('/')) throw new Error(`EACCES: permission denied, open '${path}'`);
	}

	async read(file: TFile): Promise<string> {
		const c = this.contentOf(file);
		return typeof c === 'string' ? c : new TextDecoder().decode(c);
	}

	cachedRead(file: TFile): Promise<string> {
		return this.read(file);
	}

	async readBinary(file: TFile): Promise<ArrayBuffer> {
		const c = this.contentOf(file);
		if (typeof c !== 'string') return c.slice(0);
		const bytes = new TextEncoder().encode(c);
		return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
	}

	async createBinary(path: string, data: ArrayBuffer): Promise<TFile> {
		if (this.files.has(path)) throw new Error('File already exists.');
		this.refuseReadOnly(path);
		const file = this.seed(path, data);
		this.writes.push(path);
		this.trigger('create', file);
		return file;
	}

	async modifyBinary(file: TFile, data: ArrayBuffer): Promise<void> {
		this.write(file, data);
	}

	async process(file: TFile, fn: (data: string) => string): Promise<string> {
		const next = fn(await this.read(file));
		this.write(file, next);
		return next;
	}

	async delete(file: TAbstractFile): Promise<void> {
		this.files.delete(file.path);
		this.contents.delete(file.path);
		this.trigger('delete', file);
	}

	/**
	 * Renames or moves a file, or a folder with everything in it. As Obsidian does, `rename` fires
	 * with (file, oldPath) for the file; for a folder, first for the folder, then for each file
	 * inside it, each already at its new path.
	 */
	async rename(file: TAbstractFile, newPath: string): Promise<void> {
		const old = file.path;
		const target = normalizePath(newPath);
		if (file instanceof TFolder) return this.renameFolder(file, target);
		const content = this.contents.get(old);
		if (!(file instanceof TFile) || content === undefined) throw new Error(`No file at ${old}`);
		if (this.files.has(target)) throw new Error('Destination file already exists!');
		this.moveFile(file, target, content);
		this.trigger('rename', file, old);
	}

	private moveFile(file: TFile, newPath: string, content: Content): void {
		const old = file.path;
		this.files.delete(old);
		this.contents.delete(old);
		setFilePath(file, newPath);
		this.files.set(newPath, file);
		this.contents.set(newPath, content);
		this.moved(old, newPath);
	}

	private renameFolder(folder: TFolder, newPath: string): void {
		const old = folder.path;
		const prefix = `${old}/`;
		if (this.getAbstractFileByPath(newPath)) throw new Error('Destination file already exists!');
		const inside = this.getFiles().filter((f) => f.path.startsWith(prefix));
		if (inside.length === 0 && !this.folders.has(old)) throw new Error(`No folder at ${old}`);
		const moved: [TFile, string][] = [];
		for (const f of inside) {
			const from = f.path;
			this.moveFile(f, `${newPath}/${from.slice(prefix.length)}`, this.contents.get(from) ?? '');
			moved.push([f, from]);
		}
		for (const path of [...this.folders]) {
			if (path !== old && !path.startsWith(prefix)) continue;
			this.folders.delete(path);
			this.folders.add(newPath + path.slice(old.length));
		}
		folder.path = newPath;
		folder.name = newPath.split('/').pop() ?? newPath;
		this.trigger('rename', folder, old);
		for (const [f, from] of moved) this.trigger('rename', f, from);
	}

	/** Hook for subclasses (the preview's lazy vault): a file moved from `oldPath` to `newPath`. */
	protected moved(oldPath: string, newPath: string): void {
		void oldPath;
		void newPath;
	}

	private write(file: TFile, data: Content): void {
		if (!this.files.has(file.path)) throw new Error(`No file at ${file.path}`);
		this.refuseReadOnly(file.path);
		this.contents.set(file.path, data);
		this.writes.push(file.path);
		this.trigger('modify', file);
	}

	private contentOf(file: TFile): Content {
		const c = this.contents.get(file.path);
		if (c === undefined) throw new Error(`ENOENT: no such file ${file.path}`);
		return c;
	}
}

/** Link resolution as Obsidian does it: exact path, relative path, then shortest match by name. */
export class MetadataCache extends Events {
	constructor(private vault: Vault) {
		super();
	}

	getFirstLinkpathDest(linkpath: string, sourcePath: string): TFile | null {
		const clean = linkpath.split('#')[0]?.trim() ?? '';
		if (!clean) return null;
		const folder = sourcePath.includes('/') ? sourcePath.slice(0, sourcePath.lastIndexOf('/')) : '';
		if (/^\.\.?\//.test(clean)) {
			// "Relative path to file" links: `./` and `../` from the note's folder.
			const parts = folder ? folder.split('/') : [];
			for (const part of clean.split('/')) {
				if (part === '..') {
					if (parts.length === 0) return null;
					parts.pop();
				} else if (part !== '.' && part !== '') parts.push(part);
			}
			const joined = parts.join('/');
			return this.vault.getFileByPath(joined) ?? this.vault.getFileByPath(`${joined}.md`);
		}
		const candidates = [clean, `${clean}.md`];
		// The exact vault path first, then relative to the note's folder (as Obsidian does).
		for (const c of candidates) {
			const abs = this.vault.getFileByPath(c);
			if (abs) return abs;
		}
		for (const c of folder ? candidates : []) {
			const rel = this.vault.getFileByPath(`${folder}/${c}`);
			if (rel) return rel;
		}
		const lower = clean.toLowerCase();
		const matches = this.vault
			.getFiles()
			.filter((f) => {
				const p = f.path.toLowerCase();
				return p === lower || p.endsWith(`/${lower}`) || p === `${lower}.md` || p.endsWith(`/${lower}.md`);
			})
			.sort((a, b) => {
				const aLocal = folder && a.path.startsWith(`${folder}/`) ? 0 : 1;
				const bLocal = folder && b.path.startsWith(`${folder}/`) ? 0 : 1;
				return aLocal - bLocal || a.path.length - b.path.length;
			});
		return matches[0] ?? null;
	}

	/**
	 * The link text Obsidian writes for `file` from a note at `sourcePath` with the default "shortest
	 * path when possible": the name alone when no other file has it, else the full path (`.md` left
	 * out of notes when omitMdExtension, the default).
	 */
	fileToLinktext(file: TFile, sourcePath: string, omitMdExtension = true): string {
		void sourcePath;
		const strip = (p: string) => (omitMdExtension && file.extension === 'md' ? p.slice(0, -3) : p);
		const twins = this.vault.getFiles().filter((f) => f.name.toLowerCase() === file.name.toLowerCase());
		return strip(twins.length <= 1 ? file.name : file.path);
	}
}

/** Link generation as Obsidian's file manager does it (wiki-links, shortest link text). */
export class FileManager {
	constructor(private app: App) {}

	/** `[[linktext#subpath|alias]]`, with `!` in front for files that are not notes (embeds). */
	generateMarkdownLink(file: TFile, sourcePath: string, subpath = '', alias = ''): string {
		const text = this.app.metadataCache.fileToLinktext(file, sourcePath);
		const embed = file.extension === 'md' ? '' : '!';
		return `${embed}[[${text}${subpath}${alias ? `|${alias}` : ''}]]`;
	}

	/**
	 * Where a new attachment `filename` (e.g. `Pasted image.png`) of the note at `sourcePath` goes, as
	 * Obsidian decides it: the vault setting `attachmentFolderPath` (Settings > Files and links;
	 * `/`, Obsidian's default, is the vault's top; `./` the note's folder; `./sub` a folder under the
	 * note's; anything else a folder of the vault, created when missing), and a name no file has
	 * yet (`name.png`, else `name 1.png`, `name 2.png`, ...).
	 */
	async getAvailablePathForAttachment(filename: string, sourcePath?: string): Promise<string> {
		const configured = this.app.vault.getConfig('attachmentFolderPath');
		const setting = typeof configured === 'string' ? configured : '/';
		const note = sourcePath ?? '';
		const noteFolder = note.includes('/') ? note.slice(0, note.lastIndexOf('/')) : '';
		let folder: string;
		if (setting === '/' || setting === '') folder = '';
		else if (setting === '.' || setting === './') folder = noteFolder;
		else if (setting.startsWith('./')) folder = [noteFolder, setting.slice(2)].filter((p) => p !== '').join('/');
		else folder = setting;
		folder = folder === '' ? '' : normalizePath(folder);
		if (folder !== '' && !this.app.vault.getAbstractFileByPath(folder)) await this.app.vault.createFolder(folder);
		const dot = filename.lastIndexOf('.');
		const base = dot > 0 ? filename.slice(0, dot) : filename;
		const ext = dot > 0 ? filename.slice(dot + 1) : '';
		return this.app.vault.getAvailablePath(folder === '' ? base : `${folder}/${base}`, ext);
	}
}

/** The app object plugins receive. */
export class App {
	vault: Vault;
	metadataCache: MetadataCache;
	workspace: Workspace;
	fileManager: FileManager;
	constructor() {
		this.vault = new Vault();
		this.metadataCache = new MetadataCache(this.vault);
		this.workspace = new Workspace(this);
		this.fileManager = new FileManager(this);
	}
}

// ---------------------------------------------------------------------------------------------
// Plugins, processors, settings

/** Plugin manifest fields the plugin reads. */
export interface PluginManifest {
	id: string;
	name: string;
	version: string;
	minAppVersion: string;
	description: string;
	author: string;
	isDesktopOnly?: boolean;
	dir?: string;
}

/** Where a block lies in its note (0-based line numbers of the fences). */
export interface MarkdownSectionInformation {
	text: string;
	lineStart: number;
	lineEnd: number;
}

/** Context given to code-block processors. */
export interface MarkdownPostProcessorContext {
	docId: string;
	sourcePath: string;
	frontmatter: unknown;
	addChild(child: MarkdownRenderChild): void;
	getSectionInfo(el: HTMLElement): MarkdownSectionInformation | null;
}

/** A code-block processor as registered by a plugin. */
export type CodeBlockHandler = (
	source: string,
	el: HTMLElement,
	ctx: MarkdownPostProcessorContext,
) => Promise<unknown> | void;

/** A command shown in the palette. */
export interface Command {
	id: string;
	name: string;
	callback?: () => unknown;
	checkCallback?: (checking: boolean) => boolean | void;
	/** Runs with the active editor (the preview's command palette offers it in edit mode). */
	editorCallback?: (editor: Editor, view: MarkdownView) => unknown;
	editorCheckCallback?: (checking: boolean, editor: Editor, view: MarkdownView) => boolean | void;
	hotkeys?: unknown[];
}

/** Fake-only registry shared by the plugins loaded into one FakeApp. */
export const processorRegistry = new WeakMap<App, Map<string, CodeBlockHandler>>();
const pluginData = new WeakMap<App, Map<string, unknown>>();

/** Base class of every plugin. */
export class Plugin extends Component {
	app: App;
	manifest: PluginManifest;
	/** Fake-only: what the plugin registered. */
	commands: Command[] = [];
	settingTabs: PluginSettingTab[] = [];

	constructor(app: App, manifest: PluginManifest) {
		super();
		this.app = app;
		this.manifest = manifest;
	}

	registerMarkdownCodeBlockProcessor(language: string, handler: CodeBlockHandler): void {
		const map = processorRegistry.get(this.app) ?? new Map<string, CodeBlockHandler>();
		map.set(language, handler);
		processorRegistry.set(this.app, map);
		this.register(() => map.delete(language));
	}

	addCommand(command: Command): Command {
		this.commands.push(command);
		return command;
	}

	addSettingTab(tab: PluginSettingTab): void {
		this.settingTabs.push(tab);
	}

	async loadData(): Promise<unknown> {
		return pluginData.get(this.app)?.get(this.manifest.id) ?? null;
	}

	async saveData(data: unknown): Promise<void> {
		const map = pluginData.get(this.app) ?? new Map<string, unknown>();
		map.set(this.manifest.id, JSON.parse(JSON.stringify(data)));
		pluginData.set(this.app, map);
	}
}

/** A settings tab. */
export abstract class PluginSettingTab {
	containerEl: HTMLElement;
	constructor(public app: App, public plugin: Plugin) {
		this.containerEl = document.createElement('div');
	}
	abstract display(): void;
	hide(): void {
		this.containerEl.replaceChildren();
	}
}

/** A row of the settings tab with a name, description and controls. */
export class Setting {
	settingEl: HTMLElement;
	nameEl: HTMLElement;
	descEl: HTMLElement;
	controlEl: HTMLElement;
	constructor(containerEl: HTMLElement) {
		this.settingEl = containerEl.createDiv({ cls: 'setting-item' });
		this.nameEl = this.settingEl.createDiv({ cls: 'setting-item-name' });
		this.descEl = this.settingEl.createDiv({ cls: 'setting-item-description' });
		this.controlEl = this.settingEl.createDiv({ cls: 'setting-item-control' });
	}
	setName(name: string): this {
		this.nameEl.setText(name);
		return this;
	}
	setDesc(desc: string): this {
		this.descEl.setText(desc);
		return this;
	}
	setHeading(): this {
		this.settingEl.addClass('setting-item-heading');
		return this;
	}
	addToggle(cb: (toggle: ToggleComponent) => unknown): this {
		cb(new ToggleComponent(this.controlEl));
		return this;
	}
	addDropdown(cb: (dropdown: DropdownComponent) => unknown): this {
		cb(new DropdownComponent(this.controlEl));
		return this;
	}
	addText(cb: (text: TextComponent) => unknown): this {
		cb(new TextComponent(this.controlEl));
		return this;
	}
}

/** A checkbox control. */
export class ToggleComponent {
	toggleEl: HTMLInputElement;
	constructor(containerEl: HTMLElement) {
		this.toggleEl = containerEl.createEl('input', { type: 'checkbox' });
	}
	setValue(on: boolean): this {
		this.toggleEl.checked = on;
		return this;
	}
	getValue(): boolean {
		return this.toggleEl.checked;
	}
	onChange(cb: (value: boolean) => unknown): this {
		this.toggleEl.addEventListener('change', () => cb(this.toggleEl.checked));
		return this;
	}
}

/** A select control. */
export class DropdownComponent {
	selectEl: HTMLSelectElement;
	constructor(containerEl: HTMLElement) {
		this.selectEl = containerEl.createEl('select', { cls: 'dropdown' });
	}
	addOption(value: string, display: string): this {
		this.selectEl.createEl('option', { value, text: display });
		return this;
	}
	addOptions(options: Record<string, string>): this {
		for (const [v, d] of Object.entries(options)) this.addOption(v, d);
		return this;
	}
	setValue(value: string): this {
		this.selectEl.value = value;
		return this;
	}
	getValue(): string {
		return this.selectEl.value;
	}
	onChange(cb: (value: string) => unknown): this {
		this.selectEl.addEventListener('change', () => cb(this.selectEl.value));
		return this;
	}
}

/** A text input control. */
export class TextComponent {
	inputEl: HTMLInputElement;
	constructor(containerEl: HTMLElement) {
		this.inputEl = containerEl.createEl('input', { type: 'text' });
	}
	setValue(value: string): this {
		this.inputEl.value = value;
		return this;
	}
	getValue(): string {
		return this.inputEl.value;
	}
	setPlaceholder(p: string): this {
		this.inputEl.placeholder = p;
		return this;
	}
	onChange(cb: (value: string) => unknown): this {
		this.inputEl.addEventListener('input', () => cb(this.inputEl.value));
		return this;
	}
}

/** A dialog. */
export class Modal {
	containerEl: HTMLElement;
	modalEl: HTMLElement;
	titleEl: HTMLElement;
	contentEl: HTMLElement;
	constructor(public app: App) {
		this.containerEl = document.createElement('div');
		this.containerEl.className = 'modal-container';
		this.modalEl = this.containerEl.createDiv({ cls: 'modal' });
		this.titleEl = this.modalEl.createDiv({ cls: 'modal-title' });
		this.contentEl = this.modalEl.createDiv({ cls: 'modal-content' });
	}
	open(): void {
		document.body.appendChild(this.containerEl);
		this.onOpen();
	}
	close(): void {
		this.onClose();
		this.containerEl.remove();
	}
	onOpen(): void {}
	onClose(): void {}
	setTitle(title: string): this {
		this.titleEl.setText(title);
		return this;
	}
}

/** Fake-only: every notice shown, newest last. */
export const shownNotices: string[] = [];

let noticeContainer: HTMLElement | null = null;

/**
 * Fake-only: where notices appear. null (the default, used by jest) keeps them detached; the
 * preview passes an element so notices show on the page and leave after their duration.
 */
export function setNoticeContainer(el: HTMLElement | null): void {
	noticeContainer = el;
}

/** A transient message. */
export class Notice {
	noticeEl: HTMLElement;
	constructor(message: string | DocumentFragment, duration?: number) {
		this.noticeEl = document.createElement('div');
		this.noticeEl.className = 'notice';
		this.setMessage(message);
		if (noticeContainer) {
			noticeContainer.appendChild(this.noticeEl);
			if (duration !== 0) setTimeout(() => this.hide(), duration ?? 5000);
		}
	}
	setMessage(message: string | DocumentFragment): this {
		this.noticeEl.replaceChildren(message);
		shownNotices.push(this.noticeEl.textContent ?? '');
		return this;
	}
	hide(): void {
		this.noticeEl.remove();
	}
}

// ---------------------------------------------------------------------------------------------
// Functions

/** Parses YAML as Obsidian does (js-yaml, core schema). */
export function parseYaml(yaml: string): unknown {
	return loadYaml(yaml);
}

let language = 'en';

/** The app language's ISO code. */
export function getLanguage(): string {
	return language;
}

/** Fake-only: change what getLanguage returns. */
export function setLanguage(code: string): void {
	language = code;
}

/** Renders TeX; the fake keeps the source as text in a `.math` element. */
export function renderMath(source: string, display: boolean): HTMLElement {
	const el = document.createElement(display ? 'div' : 'span');
	el.className = display ? 'math math-block' : 'math math-inline';
	el.setAttribute('data-tex', source);
	el.textContent = source;
	return el;
}

/** Completes pending math rendering (nothing to do in the fake). */
export async function finishRenderMath(): Promise<void> {}

let mathJaxGate: Promise<void> = Promise.resolve();

/** Loads MathJax: at once in the fake, unless a test holds it back with holdMathJax. */
export async function loadMathJax(): Promise<void> {
	await mathJaxGate;
}

/** Test hook: makes loadMathJax wait until the returned function is called (MathJax still loading). */
export function holdMathJax(): () => void {
	let release: () => void = () => {};
	mathJaxGate = new Promise<void>((resolve) => (release = resolve));
	return () => {
		release();
		mathJaxGate = Promise.resolve();
	};
}

/** Glyphs standing in for the Lucide icons the plugin uses, so buttons are visible in the preview. */
const ICON_GLYPHS: Record<string, string> = { play: '▶', pause: '❚❚', 'skip-back': '«', 'skip-forward': '»', 'more-horizontal': '⋯', copy: '❐', image: '▧', download: '⤓' };

/** Adds an icon: the fake records its id on the element and shows a glyph in place of the SVG. */
export function setIcon(parent: HTMLElement, iconId: string): void {
	parent.setAttribute('data-icon', iconId);
	parent.replaceChildren();
	const glyph = document.createElement('span');
	glyph.className = 'svg-icon';
	glyph.setAttribute('aria-hidden', 'true');
	glyph.textContent = ICON_GLYPHS[iconId] ?? iconId;
	parent.appendChild(glyph);
}

/** Normalises a vault path: forward slashes, no leading/trailing or doubled slashes. */
export function normalizePath(path: string): string {
	const p = path.replace(/\\/g, '/').replace(/\/+/g, '/').replace(/^\/|\/$/g, '');
	return p === '' ? '/' : p;
}

// ---------------------------------------------------------------------------------------------
// Fake-only helpers: render a code block as Obsidian's reading view would

/** One rendered code block: its element, the note component that owns its children. */
export interface RenderedBlock {
	el: HTMLElement;
	section: Component;
	ctx: MarkdownPostProcessorContext;
}

/**
 * Runs the processor registered for `language` on `source`, as the reading view does: a fresh
 * `div` (attached to `parent` or document.body) or the given `el`, a loaded section component for
 * ctx.addChild, and getSectionInfo answering from `note` (the whole note text, as it was when the
 * block rendered) when given, for the block whose opening fence is on `line` when given, and null
 * once the section is unloaded or the element is no longer in the document.
 */
export async function renderCodeBlock(
	app: App,
	language: string,
	source: string,
	opts: { sourcePath?: string; parent?: HTMLElement; note?: string; line?: number; el?: HTMLElement; frontmatter?: unknown } = {},
): Promise<RenderedBlock> {
	const handler = processorRegistry.get(app)?.get(language);
	if (!handler) throw new Error(`No processor registered for ${language}`);
	const el = opts.el ?? document.createElement('div');
	el.addClass(`block-language-${language}`);
	if (!opts.el) (opts.parent ?? document.body).appendChild(el);
	const section = new Component();
	section.load();
	const ctx: MarkdownPostProcessorContext = {
		docId: Math.random().toString(36).slice(2),
		sourcePath: opts.sourcePath ?? 'note.md',
		frontmatter: opts.frontmatter ?? null,
		addChild: (child) => {
			section.addChild(child);
		},
		// As Obsidian: nothing to say once the block's section is unloaded or its element left the page.
		getSectionInfo: () => (opts.note === undefined || !section._loaded || !el.isConnected ? null : findSection(opts.note, language, source, opts.line)),
	};
	await handler(source, el, ctx);
	return { el, section, ctx };
}

/**
 * The container prefix of an opening fence line and the rest: whitespace, `>` marks and list
 * markers (`-`, `*`, `+`, `1.`, `1)`) before the fence, as in `> - ```cnn-conv`.
 */
function splitPrefix(line: string): { prefix: string; rest: string } {
	const m = /^((?:[ \t]|>|(?:[-*+]|\d{1,9}[.)])(?=[ \t]))*)(.*)$/.exec(line.replace(/\r$/, ''));
	return { prefix: m?.[1] ?? '', rest: m?.[2] ?? line };
}

/**
 * Finds the fenced block of `language` whose body equals `source` in a note (CRLF or LF; inside a
 * callout, quote or list the body is read without the container's prefix), the one whose opening
 * fence is on line `line` when given (two blocks with the same source). As Obsidian's reading view
 * reports it: a top-level block is its own section (lineStart on the opening fence, lineEnd on the
 * closing one); a block inside a callout, quote or list belongs to that container's section (the
 * lines around it up to a blank line).
 */
export function findSection(note: string, language: string, source: string, line?: number): MarkdownSectionInformation | null {
	const lines = note.split('\n');
	const want = source.replace(/\n$/, '');
	for (let i = line ?? 0; i < (line === undefined ? lines.length : line + 1); i++) {
		const open = splitPrefix(lines[i] ?? '');
		// The info string's first word is the language (`cnn-conv title` is a cnn-conv block).
		if (open.rest.trim().split(/\s+/)[0] !== '```' + language) continue;
		// Body lines are indented to the list item's content column: a marker becomes spaces.
		const prefix = open.prefix.replace(/(?:[-*+]|\d{1,9}[.)])(?=[ \t])/g, (marker) => ' '.repeat(marker.length));
		const strip = (l: string) => {
			const bare = l.replace(/\r$/, '');
			if (bare.startsWith(prefix)) return bare.slice(prefix.length);
			return bare.trimEnd() === prefix.trimEnd() ? '' : bare.trimStart();
		};
		const end = lines.findIndex((l, j) => j > i && strip(l).trim() === '```');
		if (end < 0) return null;
		if (lines.slice(i + 1, end).map(strip).join('\n') !== want) continue;
		if (open.prefix === '') return { text: note, lineStart: i, lineEnd: end };
		let start = i;
		while (start > 0 && (lines[start - 1] ?? '').trim() !== '') start--;
		let stop = end;
		while (stop < lines.length - 1 && (lines[stop + 1] ?? '').trim() !== '') stop++;
		return { text: note, lineStart: start, lineEnd: stop };
	}
	return null;
}

/**
 * Fake-only: loads a plugin as Obsidian does when it enables one, waiting for an async onload.
 * Resolves once onload (and anything it awaited) has finished.
 */
export async function loadPlugin(plugin: Plugin): Promise<void> {
	const own = Object.prototype.hasOwnProperty.call(plugin, 'onload');
	const method = plugin.onload;
	let result: unknown;
	plugin.onload = () => {
		// onload is typed void, but a plugin may declare it async: keep whatever it returns.
		result = method.call(plugin);
	};
	try {
		plugin.load();
		await result;
	} finally {
		if (own) plugin.onload = method;
		else Reflect.deleteProperty(plugin, 'onload');
	}
}
