import type { App, TFile } from 'obsidian';
import { loadTf } from '../model/tf';
import { vaultModelArtifacts } from '../model/vault-model';
import { success } from '../result';
import { decodeImage, imageDeps, type ImageDecoder } from '../vault/image';
import { prefersReducedMotion } from '../widgets/shared/block-input';
import type { ModelDeps, WidgetDeps } from '../widgets/shared/block-widget';
import { whenNearScreen, type WhenVisible } from '../widgets/shared/visibility';

/** Replaceable parts of the dependencies (tests inject an image decoder, a tfjs loader or when blocks count as visible). */
export interface DepsOverrides {
	decode?: ImageDecoder;
	loadTf?: ModelDeps['loadTf'];
	whenVisible?: WhenVisible;
}

/** What a widget needs from the running app for a block of the note at sourcePath. */
export function widgetDeps(app: App, sourcePath: string, overrides: DepsOverrides = {}): WidgetDeps {
	const images = imageDeps(app, overrides.decode ?? decodeImage);
	const models: ModelDeps = {
		loadTf: overrides.loadTf ?? (() => loadTf()),
		loadModel: async (choice) => {
			if (choice.kind === 'builtin') {
				const digits = await import('../model/digits');
				return success({ artifacts: await digits.digitsArtifacts(), name: choice.name });
			}
			const files = { ...images, readText: (file: TFile) => app.vault.cachedRead(file) };
			const read = await vaultModelArtifacts(files, choice.link.path, sourcePath);
			return read.ok ? success({ artifacts: read.value.artifacts, name: read.value.file.path }) : read;
		},
		loadSamples: async () => (await import('../model/digits')).digitSamples(),
	};
	const whenVisible = overrides.whenVisible ?? whenNearScreen;
	return { sourcePath, images, vault: app.vault, models, reducedMotion: prefersReducedMotion(), whenVisible };
}
