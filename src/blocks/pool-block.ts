import type { App, MarkdownPostProcessorContext } from 'obsidian';
import { PoolWidget } from '../widgets/pool/pool-widget';
import { mountBlock } from './mount';
import { parsePoolBlock, poolFit } from './parse-pool';
import { widgetDeps, type DepsOverrides } from './widget-deps';

/** The `cnn-pool` code-block processor: parse, then mount a PoolWidget with what it needs from the app. */
export function processPoolBlock(app: App, source: string, el: HTMLElement, ctx: MarkdownPostProcessorContext, overrides: DepsOverrides = {}): void {
	mountBlock(source, el, ctx, parsePoolBlock, (container, spec) => new PoolWidget(container, spec, widgetDeps(app, ctx.sourcePath, overrides), poolFit(spec)), overrides.prefs);
}
