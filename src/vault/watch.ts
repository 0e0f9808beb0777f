/** Following one vault file (an image a widget shows) through modifications, renames and deletion. */
import type { Component, TAbstractFile, Vault } from 'obsidian';

/** What to do when the watched file changes; each handler is optional. */
export interface WatchHandlers {
	/** The file's content changed (vault `modify`). */
	modified?: (file: TAbstractFile) => void;
	/** The file moved or was renamed to newPath (vault `rename`); getPath should return newPath from now on. */
	renamed?: (newPath: string, file: TAbstractFile) => void;
	/** The file was deleted (vault `delete`). */
	deleted?: (path: string) => void;
}

/** The vault events watchVaultFile listens to. */
export type WatchedVault = Pick<Vault, 'on'>;

/**
 * Calls `handlers` when the vault file whose path getPath() returns (read at each event, so it may
 * change, e.g. after a rename) is modified, renamed or deleted. The listeners are registered on
 * `component` and removed when it unloads.
 */
export function watchVaultFile(component: Component, vault: WatchedVault, getPath: () => string, handlers: WatchHandlers): void {
	component.registerEvent(
		vault.on('modify', (file) => {
			if (file.path === getPath()) handlers.modified?.(file);
		}),
	);
	component.registerEvent(
		vault.on('rename', (file, oldPath) => {
			if (oldPath === getPath()) handlers.renamed?.(file.path, file);
		}),
	);
	component.registerEvent(
		vault.on('delete', (file) => {
			if (file.path === getPath()) handlers.deleted?.(file.path);
		}),
	);
}
