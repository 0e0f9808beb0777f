/**
 * The `cnn-classify` code-block processor: parses the block and mounts a ClassifyWidget whose
 * environment reaches Obsidian (links, vault bytes, image decoding) through the app it is given,
 * and tfjs and the embedded digits model through lazy imports.
 */
import type { App, MarkdownPostProcessorContext, TFile } from 'obsidian';
import { loadTf } from '../model/tf';
import { vaultModelArtifacts } from '../model/vault-model';
import { decodeImage, imageDeps, resolveImage, type ImageDecoder } from '../vault/image';
import { ClassifyWidget, type ClassifyEnv, type ModelLoad } from '../widgets/classify-widget';
import type { ModelChoice } from './classify-keys';
import { mountBlock } from './mount';
import { parseClassifyBlock } from './parse-classify';

/** Replaceable parts of the environment (tests inject an image decoder or a tfjs loader). */
export interface ClassifyOverrides {
	decode?: ImageDecoder;
	loadTf?: ClassifyEnv['loadTf'];
}

/** The environment of the widgets of the note at sourcePath. */
export function classifyEnv(app: App, sourcePath: string, overrides: ClassifyOverrides = {}): ClassifyEnv {
	const deps = imageDeps(app, overrides.decode ?? decodeImage);
	return {
		loadTf: overrides.loadTf ?? (() => loadTf()),
		loadModel: async (choice: ModelChoice): Promise<ModelLoad> => {
			if (choice.kind === 'builtin') {
				const digits = await import('../model/digits');
				return { ok: true, artifacts: await digits.digitsArtifacts(), name: choice.name };
			}
			const files = { ...deps, readText: (file: TFile) => app.vault.cachedRead(file) };
			const read = await vaultModelArtifacts(files, choice.link.path, sourcePath);
			return read.ok ? { ok: true, artifacts: read.artifacts, name: read.file.path } : { ok: false, error: read.error };
		},
		loadImage: (link) => resolveImage(deps, link.path, sourcePath, { channels: 'gray' }),
		loadSamples: async () => (await import('../model/digits')).digitSamples(),
	};
}

/** The `cnn-classify` code-block processor (registered in main.ts with the app). */
export function processClassifyBlock(app: App, source: string, el: HTMLElement, ctx: MarkdownPostProcessorContext, overrides: ClassifyOverrides = {}): void {
	mountBlock(source, el, ctx, parseClassifyBlock, (container, spec) => new ClassifyWidget(container, spec, classifyEnv(app, ctx.sourcePath, overrides)));
}
