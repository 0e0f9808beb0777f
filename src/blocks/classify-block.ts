import type { App, MarkdownPostProcessorContext } from 'obsidian';
import type { WidgetPrefs } from '../widgets/shared/prefs';
import { ClassifyWidget } from '../widgets/classify/classify-widget';
import { mountBlock } from './mount';
import { parseClassifyBlock } from './parse-classify';
import { widgetDeps, type DepsOverrides } from './widget-deps';

/** The settings a classify widget reads: a picture's largest side (a drawing is kept when others change). */
const CLASSIFY_PREFS: readonly (keyof WidgetPrefs)[] = ['maxPictureSide'];

/**
 * The `cnn-classify` code-block processor (registered in main.ts with the app): parse, then mount a
 * ClassifyWidget with what it needs from the app; tests may replace the image decoder or tfjs loader.
 */
export function processClassifyBlock(app: App, source: string, el: HTMLElement, ctx: MarkdownPostProcessorContext, overrides: DepsOverrides = {}): void {
	mountBlock(source, el, ctx, parseClassifyBlock, (container, spec) => new ClassifyWidget(container, spec, widgetDeps(app, ctx.sourcePath, overrides)), overrides.prefs && { prefs: overrides.prefs, uses: CLASSIFY_PREFS });
}
