import type { App, MarkdownPostProcessorContext, MarkdownRenderChild } from 'obsidian';
import type { WidgetPrefs } from '../widgets/shared/prefs';
import { blockWriter } from '../vault/block-writer';
import { ClassifyWidget } from '../widgets/classify/classify-widget';
import type { ClassifySpec } from './classify-keys';
import { mountBlock } from './mount';
import { parseClassifyBlock } from './parse-classify';
import type { Result } from './types';
import { widgetDeps, type DepsOverrides } from './widget-deps';

/** The settings a classify widget reads: a picture's largest side (a drawing is kept when others change). */
const CLASSIFY_PREFS: readonly (keyof WidgetPrefs)[] = ['maxPictureSide'];
/** With `input: sample` also whether edits are saved: the chosen digit is written into the block, and its save line follows the setting. */
const SAMPLE_PREFS: readonly (keyof WidgetPrefs)[] = ['writeBack', 'maxPictureSide'];

/**
 * The `cnn-classify` code-block processor (registered in main.ts with the app): parse, then mount a
 * ClassifyWidget with what it needs from the app, including the writer of this block (the held-out
 * digit picked in the strip of `input: sample` is saved into it as `sample: N`; one writer for every
 * re-mount, so it knows the block's source after a write); tests may replace the image decoder,
 * the model host or the writer.
 */
export function processClassifyBlock(app: App, source: string, el: HTMLElement, ctx: MarkdownPostProcessorContext, overrides: DepsOverrides = {}): void {
	const writer = overrides.writer ?? blockWriter(app, el, ctx, 'cnn-classify', source);
	// The block's input kind, known once parsed: a drawing is not rebuilt when the saving setting changes.
	let spec: ClassifySpec | null = null;
	const parse = (text: string): Result<ClassifySpec> => {
		const result = parseClassifyBlock(text);
		if (result.ok) spec = result.value;
		return result;
	};
	const remount = overrides.prefs && {
		prefs: overrides.prefs,
		get uses() {
			return spec?.input.kind === 'sample' ? SAMPLE_PREFS : CLASSIFY_PREFS;
		},
		// The digit picked (saved or not) survives a settings change: the new widget starts on it.
		latest: (widget: MarkdownRenderChild) => (widget instanceof ClassifyWidget ? widget.currentSource() : null) ?? writer.source,
	};
	mountBlock(source, el, ctx, parse, (container, parsed) => new ClassifyWidget(container, parsed, widgetDeps(app, ctx.sourcePath, { ...overrides, writer })), remount);
}
