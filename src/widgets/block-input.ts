import type { Component, TAbstractFile } from 'obsidian';
import type { Tensor } from '../cnn';
import type { BlockError, InputSpec } from '../blocks/types';
import { t } from '../i18n';
import { downscaleNote, resolveImage, type ImageDeps } from '../vault/image';
import { watchVaultFile, type WatchedVault } from '../vault/watch';

/** What a widget with an input needs from Obsidian, passed in so it runs under jest with fakes. */
export interface WidgetDeps {
	/** The note the block is in, for resolving links. */
	sourcePath: string;
	/** Link resolution, file reading and image decoding. */
	images: ImageDeps;
	/** Vault events, to follow the linked image. */
	vault: WatchedVault & { on(name: 'create', cb: (file: TAbstractFile) => unknown): ReturnType<WatchedVault['on']> };
	/** The user asked the system for reduced motion: slower default playback, no transitions. */
	reducedMotion: boolean;
}

/** Reads the system's reduced-motion preference (false where matchMedia is missing). */
export function prefersReducedMotion(): boolean {
	return typeof window.matchMedia === 'function' && window.matchMedia('(prefers-reduced-motion: reduce)').matches;
}

/** What the widget is told: the input is ready (with notes to show, translated), or it failed. */
export interface InputHandlers {
	ready(tensor: Tensor, notes: string[]): void;
	failed(errors: BlockError[]): void;
}

/**
 * A block's input: a matrix or sample (ready at once) or a vault image, loaded, downscaled and
 * followed through edits, renames and deletion (and retried when a missing file appears).
 * Its vault listeners are registered on `owner` and end with it.
 */
export class BlockInput {
	private imagePath: string | null = null;
	private loaded = false;
	private alive = true;

	constructor(
		private readonly owner: Component,
		private readonly spec: InputSpec,
		private readonly deps: WidgetDeps,
		private readonly handlers: InputHandlers,
	) {
		owner.register(() => {
			this.alive = false;
		});
	}

	/** Starts: calls `ready` at once for a matrix or sample; for an image, shows a loading line in `el` and loads. */
	start(el: HTMLElement, blockClass: string): void {
		const spec = this.spec;
		if (spec.kind !== 'image') {
			this.handlers.ready(spec.tensor, spec.kind === 'sample' ? [t('image.sample', { name: spec.name })] : []);
			return;
		}
		el.createDiv({ cls: `cnn-notes ${blockClass} is-loading`, text: t('widget.loading', { file: spec.link.path }) });
		this.watch();
		void this.load();
	}

	private async load(): Promise<void> {
		const spec = this.spec;
		if (spec.kind !== 'image') return;
		const result = await resolveImage(this.deps.images, this.imagePath ?? spec.link.path, this.deps.sourcePath, { channels: spec.channels });
		if (!this.alive) return;
		if (!result.ok) {
			this.loaded = false;
			this.handlers.failed([{ code: result.error.code, vars: result.error.vars, key: 'image' }]);
			return;
		}
		const image = result.image;
		this.imagePath = image.file.path;
		this.loaded = true;
		const notes: string[] = [];
		const reduced = downscaleNote(image);
		if (reduced) notes.push(t(reduced.code, reduced.vars));
		if (spec.channels === 'rgb') notes.push(t('widget.rgb.note'));
		this.handlers.ready(image.tensor, notes);
	}

	private watch(): void {
		watchVaultFile(this.owner, this.deps.vault, () => this.imagePath ?? '', {
			modified: () => void this.load(),
			renamed: (newPath) => {
				this.imagePath = newPath;
				void this.load();
			},
			deleted: (path) => {
				this.imagePath = null;
				this.loaded = false;
				this.handlers.failed([{ code: 'image.error.deleted', vars: { file: path }, key: 'image' }]);
			},
		});
		// A link that did not resolve (or whose file was deleted) may resolve once a file appears.
		this.owner.registerEvent(
			this.deps.vault.on('create', () => {
				if (!this.loaded) void this.load();
			}),
		);
	}
}
