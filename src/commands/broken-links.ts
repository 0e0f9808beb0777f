/**
 * The command "Find CNN blocks with broken links": every wiki-link inside a CNN block that leads to
 * no file (or folder) of the vault, listed in a dialog by note and line; choosing one opens the
 * note at that line. A notice says so when there is none.
 */
import { Modal, Notice, TFolder, normalizePath, type App, type Command, type TFile } from 'obsidian';
import { t } from '../i18n';
import { findCnnBlocks, type BlockLink } from '../vault/block-links';

/** A link in a CNN block that resolves to nothing: its note, the 0-based line, and the link as written. */
export interface BrokenLink {
	note: TFile;
	line: number;
	link: BlockLink;
}

/** Most links listed in the dialog (the count above the list says how many there are). */
const MAX_LISTED = 500;

/** A line holding a `save:` key (inside a quote or callout too). */
const SAVE_KEY = /^[\s>]*save\s*:/;

/** True when `linkpath` leads to a file from `sourcePath`, or names a folder (future blocks link folders of pictures). */
function resolves(app: App, linkpath: string, sourcePath: string): boolean {
	if (app.metadataCache.getFirstLinkpathDest(linkpath, sourcePath) !== null) return true;
	const clean = (linkpath.split('#')[0] ?? '').trim();
	return clean !== '' && app.vault.getAbstractFileByPath(normalizePath(clean)) instanceof TFolder;
}

/** The broken links of every CNN block of every note, by note path and line. Notes that cannot be read are skipped. */
export async function findBrokenLinks(app: App): Promise<BrokenLink[]> {
	const found: BrokenLink[] = [];
	const notes = [...app.vault.getMarkdownFiles()].sort((a, b) => a.path.localeCompare(b.path));
	for (const note of notes) {
		let text: string;
		try {
			text = await app.vault.cachedRead(note);
		} catch {
			continue;
		}
		if (!text.includes('cnn-')) continue;
		const lines = text.split('\n');
		for (const block of findCnnBlocks(text)) {
			// `[[#heading]]` and `[[|x]]` name no file: the block itself says it is not a link it can read.
			// A training block's `save:` folder is made by "Save model": not there yet is not broken.
			const target = (link: BlockLink): boolean => block.language === 'cnn-train' && SAVE_KEY.test(lines[link.line] ?? '');
			for (const link of block.links) if (link.linkpath !== '' && !target(link) && !resolves(app, link.linkpath, note.path)) found.push({ note, line: link.line, link });
		}
	}
	return found;
}

/** Opens `note` at `line` (0-based) in the active leaf. */
async function openAt(app: App, note: TFile, line: number): Promise<void> {
	await app.workspace.getLeaf(false).openFile(note, { eState: { line } });
}

/** The dialog listing broken links; each row is a button that opens its note at its line. */
export class BrokenLinksModal extends Modal {
	constructor(app: App, private readonly broken: readonly BrokenLink[]) {
		super(app);
	}

	onOpen(): void {
		this.setTitle(t('links.broken.title'));
		this.modalEl.addClass('cnn-links-modal');
		this.contentEl.createEl('p', { text: t('links.broken.summary', { count: this.broken.length }) });
		const list = this.contentEl.createEl('ul', { cls: 'cnn-broken-links' });
		for (const item of this.broken.slice(0, MAX_LISTED)) {
			const row = list.createEl('li');
			const button = row.createEl('button', {
				cls: 'cnn-broken-link',
				attr: { type: 'button', 'data-action': 'open-broken-link', 'data-path': item.note.path, 'data-line': String(item.line) },
			});
			button.createSpan({ cls: 'cnn-broken-link-note', text: item.note.path });
			button.createSpan({ cls: 'cnn-broken-link-line', text: t('links.broken.line', { line: item.line + 1 }) });
			button.createEl('code', { cls: 'cnn-broken-link-text', text: item.link.text });
			button.addEventListener('click', () => {
				this.close();
				void openAt(this.app, item.note, item.line).catch(() => {});
			});
		}
		if (this.broken.length > MAX_LISTED) list.createEl('li', { text: t('links.more', { count: this.broken.length - MAX_LISTED }) });
	}

	onClose(): void {
		this.contentEl.empty();
	}
}

/** Looks for broken links and shows them (a dialog), or a notice when there is none. Never throws. */
export async function showBrokenLinks(app: App): Promise<void> {
	try {
		const broken = await findBrokenLinks(app);
		if (broken.length === 0) new Notice(t('links.broken.none'));
		else new BrokenLinksModal(app, broken).open();
	} catch (e) {
		console.error('CNN Notes: could not look for broken links', e);
		new Notice(t('links.broken.failed'));
	}
}

/** The command (no default hotkey). */
export function brokenLinksCommand(app: App): Command {
	return { id: 'find-broken-links', name: t('links.broken.command'), callback: () => void showBrokenLinks(app) };
}
