import type { Component } from 'obsidian';
import type { Tensor } from '../../cnn';
import type { Problem, InputSpec } from '../../blocks/types';
import { t } from '../../i18n';
import { downscaleNote, pictureSide, regionNote, resolveImage } from '../../vault/image';
import { watchVaultFile } from '../../vault/watch';
import type { WidgetDeps } from './block-widget';
import { guard } from './guard';

/** Reads the system's reduced-motion preference (false where matchMedia is missing). */
export function prefersReducedMotion(): boolean {
	return typeof window.matchMedia === 'function' && window.matchMedia('(prefers-reduced-motion: reduce)').matches;
}

/**
 * How long a picture must stay unmodified before the block reads it again (ms): an app that saves a
 * picture several times in a row, or a sync client writing it in pieces, costs one read and one render.
 */
export const MODIFY_QUIET_MS = 300;

/** What the widget is told: the input is ready (with notes to show, translated), or it failed. */
export interface InputHandlers {
	/** `path` is the vault picture's current path (null for a matrix or sample). */
	ready(tensor: Tensor, notes: string[], path: string | null, original?: { width: number; height: number }): void;
	failed(errors: Problem[]): void;
}

/**
 * A block's input: a matrix or sample (ready at once) or a vault image, loaded, downscaled and
 * followed through edits (re-read once a burst of modifications has been quiet for MODIFY_QUIET_MS),
 * renames and deletion (both at once, a deletion cancelling a pending re-read), and retried when a
 * missing file appears. Its vault listeners and its timer are registered on `owner` and end with it.
 */
export class BlockInput {
	private imagePath: string | null = null;
	private loaded = false;
	private alive = true;
	/** Counts loads and deletions; a load whose number is no longer the latest is dropped. */
	private generation = 0;
	/** The re-read waiting for modifications to stop, or null. */
	private reread: number | null = null;
	/** The widget's class (`cnn-conv`, `cnn-pool`, ...): pooling explains colour channels its own way. */
	private blockClass = '';

	constructor(
		private readonly owner: Component,
		private readonly spec: InputSpec,
		private readonly deps: WidgetDeps,
		private readonly handlers: InputHandlers,
		/** The block key its problems are reported under (`image` for conv and pool, `input` for classify). */
		private readonly key = 'image',
	) {
		owner.register(() => {
			this.alive = false;
			this.cancelReread();
		});
	}

	/** Starts: calls `ready` at once for a matrix or sample; for an image, shows a loading line in `el` and loads. */
	start(el: HTMLElement, blockClass: string): void {
		this.blockClass = blockClass;
		const spec = this.spec;
		if (spec.kind !== 'image') {
			this.handlers.ready(spec.tensor, spec.kind === 'sample' ? [t('image.sample', { name: spec.name })] : [], null);
			return;
		}
		el.createDiv({ cls: `cnn-notes ${blockClass} is-loading`, text: t('widget.loading', { file: spec.link.path }) });
		this.watch();
		guard(this.owner, () => this.load())();
	}

	private async load(): Promise<void> {
		const spec = this.spec;
		if (spec.kind !== 'image') return;
		// Only the latest load (or deletion) counts: an earlier, slower read of the file must not win.
		const generation = ++this.generation;
		// The settings' largest picture side, read at each load (a change of it re-mounts the block).
		const maxSide = Math.max(pictureSide(this.deps.prefs.get().maxPictureSide), spec.minSide ?? 0);
		const opts = spec.region ? { channels: spec.channels, region: spec.region, maxSide } : { channels: spec.channels, maxSide };
		const result = await resolveImage(this.deps.images, this.imagePath ?? spec.link.path, this.deps.sourcePath, opts);
		if (!this.alive || generation !== this.generation) return;
		if (!result.ok) {
			this.loaded = false;
			// A region outside the picture is the region's problem, not the link's.
			this.handlers.failed(result.errors.map((e) => ({ ...e, key: e.code === 'image.error.regionOutside' ? 'region' : this.key })));
			return;
		}
		const image = result.value;
		this.imagePath = image.file.path;
		this.loaded = true;
		const notes: string[] = [];
		const reduced = downscaleNote(image, maxSide);
		if (reduced) notes.push(t(reduced.code, reduced.vars));
		const region = regionNote(image);
		if (region) notes.push(t(region.code, region.vars));
		if (spec.channels === 'rgb') notes.push(t(this.blockClass === 'cnn-pool' ? 'widget.rgb.notePool' : 'widget.rgb.note'));
		this.handlers.ready(image.tensor, notes, image.file.path, { width: image.originalWidth, height: image.originalHeight });
	}

	/** Reads the picture again once it has not been modified for MODIFY_QUIET_MS (each modification restarts the wait). */
	private rereadWhenQuiet(): void {
		this.cancelReread();
		this.reread = window.setTimeout(
			guard(this.owner, () => {
				this.reread = null;
				return this.alive ? this.load() : undefined;
			}),
			MODIFY_QUIET_MS,
		);
	}

	private cancelReread(): void {
		if (this.reread !== null) window.clearTimeout(this.reread);
		this.reread = null;
	}

	private watch(): void {
		const owner = this.owner;
		watchVaultFile(owner, this.deps.vault, () => this.imagePath ?? '', {
			modified: guard(owner, () => this.rereadWhenQuiet()),
			renamed: guard(owner, (newPath: string) => {
				this.imagePath = newPath;
				this.cancelReread(); // the read below sees every modification so far
				return this.load();
			}),
			deleted: guard(owner, (path: string) => {
				this.cancelReread();
				this.generation++;
				this.imagePath = null;
				this.loaded = false;
				this.handlers.failed([{ code: 'image.error.deleted', vars: { file: path }, key: this.key }]);
			}),
		});
		// A link that did not resolve (or whose file was deleted) may resolve once a file appears.
		this.owner.registerEvent(
			this.deps.vault.on(
				'create',
				guard(owner, () => (this.loaded ? undefined : this.load())),
			),
		);
	}
}
