import type { App, TFile } from 'obsidian';
import { acquireModelHost } from '../model/host/start';
import { readModelMeta } from '../model/model-meta';
import { vaultModelArtifacts } from '../model/vault-model';
import { listFolderPictures, resolveFolder } from '../vault/folder-pictures';
import { success } from '../result';
import { noBlockWriter, type BlockWriter } from '../vault/block-writer';
import { decodeImage, imageDeps, type ImageDecoder } from '../vault/image';
import { imageSaver } from '../vault/save-image';
import { prefersReducedMotion } from '../widgets/shared/block-input';
import type { ModelDeps, WidgetDeps } from '../widgets/shared/block-widget';
import { fixedPrefs, type PrefsSource } from '../widgets/shared/prefs';
import { whenNearScreen, type WhenVisible } from '../widgets/shared/visibility';

/** Replaceable parts of the dependencies (tests inject an image decoder, a model host or when blocks count as visible). */
export interface DepsOverrides {
	decode?: ImageDecoder;
	host?: ModelDeps['host'];
	whenVisible?: WhenVisible;
	/** The plugin's settings; the defaults when not given. */
	prefs?: PrefsSource;
	/** Where the widget's edits are written; by default nowhere (the widget says its edits are not saved). */
	writer?: BlockWriter;
}

/** What a widget needs from the running app for a block of the note at sourcePath. */
export function widgetDeps(app: App, sourcePath: string, overrides: DepsOverrides = {}): WidgetDeps {
	const images = imageDeps(app, overrides.decode ?? decodeImage);
	const models: ModelDeps = {
		host: overrides.host ?? (() => acquireModelHost()),
		loadModel: async (choice, progress) => {
			// The built-in model's files live inside the model worker: only its name travels.
			if (choice.kind === 'builtin') return success({ source: { kind: 'builtin', name: 'digits' }, name: choice.name, meta: {} });
			let count = 0;
			let bytes = 0;
			const readBinary = async (file: TFile): Promise<ArrayBuffer> => {
				const data = await images.readBinary(file);
				count += 1;
				bytes += data.byteLength;
				progress?.(count, bytes);
				return data;
			};
			const files = { ...images, readBinary, readText: (file: TFile) => app.vault.cachedRead(file) };
			const read = await vaultModelArtifacts(files, choice.link.path, sourcePath);
			if (!read.ok) return read;
			const meta = await readModelMeta(files, read.value.file);
			return meta.ok ? success({ source: { kind: 'files', files: read.value.files }, name: read.value.file.path, meta: meta.value }) : meta;
		},
		folder: (linkpath) => {
			const folder = resolveFolder(app.vault, linkpath, sourcePath);
			return folder ? listFolderPictures(folder) : null;
		},
		loadSamples: async () => (await import('../model/digits')).digitSamples(),
	};
	const whenVisible = overrides.whenVisible ?? whenNearScreen;
	return {
		sourcePath,
		images,
		vault: app.vault,
		models,
		reducedMotion: prefersReducedMotion(),
		whenVisible,
		prefs: overrides.prefs ?? fixedPrefs(),
		writer: overrides.writer ?? noBlockWriter(),
		saver: imageSaver(app, sourcePath),
	};
}
