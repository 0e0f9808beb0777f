import type { App, MarkdownPostProcessorContext } from 'obsidian';
import type { WidgetPrefs } from '../widgets/shared/prefs';
import { PoolWidget } from '../widgets/pool/pool-widget';
import { mountBlock } from './mount';
import { parsePoolBlock, poolFit } from './parse-pool';
import { widgetDeps, type DepsOverrides } from './widget-deps';

/** The settings a pool widget reads. */
const POOL_PREFS: readonly (keyof WidgetPrefs)[] = ['maxPictureSide', 'animationSpeed', 'codeTab', 'showFormulas', 'showCode'];

/** The `cnn-pool` code-block processor: parse, then mount a PoolWidget with what it needs from the app. */
export function processPoolBlock(app: App, source: string, el: HTMLElement, ctx: MarkdownPostProcessorContext, overrides: DepsOverrides = {}): void {
	mountBlock(source, el, ctx, parsePoolBlock, (container, spec) => new PoolWidget(container, spec, widgetDeps(app, ctx.sourcePath, overrides), poolFit(spec)), overrides.prefs && { prefs: overrides.prefs, uses: POOL_PREFS });
}
