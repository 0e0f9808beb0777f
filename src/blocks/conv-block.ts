import type { App, MarkdownPostProcessorContext } from 'obsidian';
import { ConvWidget } from '../widgets/conv/conv-widget';
import { mountBlock } from './mount';
import { convFit, parseConvBlock } from './parse-conv';
import { widgetDeps, type DepsOverrides } from './widget-deps';

/** The `cnn-conv` code-block processor: parse, then mount a ConvWidget with what it needs from the app. */
export function processConvBlock(app: App, source: string, el: HTMLElement, ctx: MarkdownPostProcessorContext, overrides: DepsOverrides = {}): void {
	mountBlock(source, el, ctx, parseConvBlock, (container, spec) => new ConvWidget(container, spec, widgetDeps(app, ctx.sourcePath, overrides), convFit(spec)), overrides.prefs);
}
