/**
 * The preview's reading view: renders one note's Markdown, runs the plugin's code-block
 * processors on its blocks (through the harness's renderCodeBlock, as Obsidian's reading view
 * would), and unloads them when the note changes. Preview infrastructure, not part of the plugin.
 */
import type { MarkdownIt } from 'markdown-it';
import { type App, type Component, parseYaml, renderCodeBlock, renderMath } from '../../harness/obsidian';
import { type RenderEnv, splitFrontmatter } from './markdown';
import { typesetMath } from './tex';

/**
 * Renders notes into `containerEl`: the page's reading view (scrolling with the window), or a hover
 * popover's (scrolling inside `scrollEl`, its own scroll container).
 */
export class NoteView {
	/** Vault path of the note shown, or null for a snippet. */
	path: string | null = null;
	private sections: Component[] = [];
	/** Object URLs of pictures written in the page (shown from memory), revoked when the note changes. */
	private objectUrls: string[] = [];
	private renderId = 0;
	private sizerEl: HTMLElement;
	private typesetter: MutationObserver;

	constructor(
		private app: App,
		private md: MarkdownIt,
		private containerEl: HTMLElement,
		/** The element the note scrolls in; null: the window (the page's reading view). */
		private scrollEl: HTMLElement | null = null,
	) {
		containerEl.addClass('markdown-preview-view', 'markdown-rendered');
		this.sizerEl = containerEl.createDiv({ cls: 'markdown-preview-sizer' });
		// Formulas from the note and from widgets (renderMath) are typeset whenever they appear.
		this.typesetter = new MutationObserver(() => typesetMath(this.sizerEl));
		this.typesetter.observe(this.sizerEl, { childList: true, subtree: true });
	}

	/** The components that own the blocks of the note shown (each block's MarkdownRenderChild is their child). */
	blockSections(): readonly Component[] {
		return this.sections;
	}

	/** Unloads every block and stops everything the view started; a render still running unloads its blocks as they finish. */
	destroy(): void {
		this.renderId++;
		this.clear();
		this.typesetter.disconnect();
	}

	/** Shows the note at `path` (scrolling to `heading` when given); resolves when its blocks ran. */
	async show(path: string, heading?: string): Promise<void> {
		const file = this.app.vault.getFileByPath(path);
		this.path = path;
		if (!file) {
			await this.render(null, path, `# ${path}\n\nThis note does not exist in this vault.`);
			return;
		}
		await this.render(path, file.basename, await this.app.vault.read(file));
		if (heading) this.scrollToHeading(heading);
		else this.scrollTo(0);
	}

	/** Renders Markdown that is not in the vault (tests use it to inject blocks). */
	async showSnippet(markdown: string, sourcePath = 'snippet.md'): Promise<void> {
		this.path = null;
		await this.render(sourcePath, 'Snippet', markdown);
	}

	/** Renders the current note again (after a language change or a vault write). */
	async rerender(): Promise<void> {
		const top = this.scrollEl ? this.scrollEl.scrollTop : window.scrollY;
		if (this.path) await this.show(this.path);
		this.scrollTo(top);
	}

	/** Unloads every block of the note shown. */
	clear(): void {
		for (const section of this.sections) section.unload();
		this.sections = [];
		for (const url of this.objectUrls) URL.revokeObjectURL(url);
		this.objectUrls = [];
		this.sizerEl.empty();
	}

	private async render(sourcePath: string | null, title: string, text: string): Promise<void> {
		const id = ++this.renderId;
		this.containerEl.dataset.state = 'rendering';
		this.clear();
		const { yaml, body } = splitFrontmatter(text);
		const frontmatter = yaml ? parseYaml(yaml) : null;
		const env: RenderEnv = {
			sourcePath: sourcePath ?? '',
			resolve: (linkpath) => this.app.metadataCache.getFirstLinkpathDest(linkpath, sourcePath ?? '')?.path ?? null,
			blocks: [],
		};
		const html = this.md.render(body, env);
		// Block lines count from the note's first line, frontmatter included (getSectionInfo's numbers).
		const bodyOffset = text.split('\n').length - body.split('\n').length;
		this.sizerEl.createDiv({ cls: 'inline-title', text: title });
		const parsed = new DOMParser().parseFromString(html, 'text/html');
		// Before the pictures join the page (a parsed document fetches nothing), so no request goes to the server for them.
		await this.showWrittenPictures(parsed.body);
		if (id !== this.renderId) return;
		this.sizerEl.append(...Array.from(parsed.body.childNodes));
		this.renderMath();
		this.renderCallouts();

		const placeholders = Array.from(this.sizerEl.querySelectorAll<HTMLElement>('.preview-block'));
		for (const el of placeholders) {
			const block = env.blocks[Number(el.dataset.block)];
			if (!block || id !== this.renderId) continue;
			el.removeClass('preview-block');
			try {
				const rendered = await renderCodeBlock(this.app, block.language, block.source, {
					el,
					sourcePath: sourcePath ?? 'snippet.md',
					note: text,
					...(block.line === undefined ? {} : { line: block.line + bodyOffset }),
					frontmatter,
				});
				if (id === this.renderId) this.sections.push(rendered.section);
				else rendered.section.unload();
			} catch (e) {
				// Obsidian logs a processor's exception and leaves the block empty; so does the preview.
				console.error(`Code block processor for ${block.language} failed`, e);
			}
		}
		if (id !== this.renderId) return;
		this.containerEl.dataset.path = sourcePath ?? '';
		this.containerEl.dataset.state = 'ready';
		this.containerEl.dispatchEvent(new CustomEvent('preview-rendered', { bubbles: true }));
	}

	/** Pictures the page wrote (e.g. "Insert the CNN course") exist only in memory: shown from their bytes, not the server. */
	private async showWrittenPictures(root: HTMLElement): Promise<void> {
		const written = new Set(this.app.vault.writes);
		for (const img of Array.from(root.querySelectorAll<HTMLImageElement>('img[data-path]'))) {
			const file = this.app.vault.getFileByPath(img.dataset.path ?? '');
			if (!file || !written.has(file.path)) continue;
			const url = URL.createObjectURL(new Blob([await this.app.vault.readBinary(file)], { type: `image/${file.extension === 'jpg' ? 'jpeg' : file.extension}` }));
			this.objectUrls.push(url);
			img.src = url;
		}
	}

	private renderMath(): void {
		for (const el of Array.from(this.sizerEl.querySelectorAll<HTMLElement>('.preview-math'))) {
			const display = el.dataset.display === 'true';
			const math = renderMath(el.dataset.tex ?? '', display);
			el.replaceWith(math);
		}
	}

	/** Turns `> [!type] Title` blockquotes into Obsidian-style callouts. */
	private renderCallouts(): void {
		for (const quote of Array.from(this.sizerEl.querySelectorAll('blockquote'))) {
			const first = quote.firstElementChild;
			const match = first?.tagName === 'P' ? /^\[!(\w+)\][+-]?\s*([^\n]*)/.exec(first.textContent ?? '') : null;
			if (!first || !match) continue;
			const type = (match[1] ?? 'note').toLowerCase();
			const callout = createDiv({ cls: 'callout', attr: { 'data-callout': type } });
			callout.createDiv({ cls: 'callout-title', text: match[2] || type.charAt(0).toUpperCase() + type.slice(1) });
			const content = callout.createDiv({ cls: 'callout-content' });
			// The title line ends at the first <br>; everything after it is the callout's body.
			const br = first.querySelector('br');
			if (br) {
				const rest = createEl('p');
				let node = br.nextSibling;
				while (node) {
					const next = node.nextSibling;
					rest.appendChild(node);
					node = next;
				}
				content.appendChild(rest);
			}
			first.remove();
			content.append(...Array.from(quote.childNodes));
			quote.replaceWith(callout);
		}
	}

	private scrollToHeading(heading: string): void {
		const wanted = heading.trim().toLowerCase();
		const target = Array.from(this.sizerEl.querySelectorAll<HTMLElement>('h1, h2, h3, h4, h5, h6')).find(
			(h) => (h.textContent ?? '').trim().toLowerCase() === wanted,
		);
		if (!target) return;
		const top = target.getBoundingClientRect().top;
		// The page scrolls under its 40 px top bar; a popover has none.
		if (this.scrollEl) this.scrollTo(top - this.scrollEl.getBoundingClientRect().top + this.scrollEl.scrollTop - 8);
		else this.scrollTo(top + window.scrollY - 48);
	}

	private scrollTo(top: number): void {
		if (this.scrollEl) this.scrollEl.scrollTop = top;
		else window.scrollTo(0, top);
	}
}
