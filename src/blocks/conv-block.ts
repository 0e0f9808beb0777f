import type { App, MarkdownPostProcessorContext, MarkdownRenderChild } from 'obsidian';
import type { WidgetPrefs } from '../widgets/shared/prefs';
import { blockWriter } from '../vault/block-writer';
import { ConvWidget } from '../widgets/conv/conv-widget';
import { mountBlock } from './mount';
import { convFit, parseConvBlock } from './parse-conv';
import { widgetDeps, type DepsOverrides } from './widget-deps';

/** The settings a conv widget reads (all of them). */
const CONV_PREFS: readonly (keyof WidgetPrefs)[] = ['writeBack', 'maxPictureSide', 'animationSpeed', 'codeTab', 'showFormulas', 'showCode'];

/**
 * The `cnn-conv` code-block processor: parse, then mount a ConvWidget with what it needs from the
 * app, including the writer of this block (kernel edits are saved into it; one writer for every
 * re-mount, so it knows the block's source after a write).
 */
export function processConvBlock(app: App, source: string, el: HTMLElement, ctx: MarkdownPostProcessorContext, overrides: DepsOverrides = {}): void {
	const writer = overrides.writer ?? blockWriter(app, el, ctx, 'cnn-conv', source);
	const remount = overrides.prefs && {
		prefs: overrides.prefs,
		uses: CONV_PREFS,
		// Unsaved edits survive a settings change: the new widget starts from the kernels shown.
		latest: (widget: MarkdownRenderChild) => (widget instanceof ConvWidget ? widget.currentSource() : null) ?? writer.source,
	};
	mountBlock(source, el, ctx, parseConvBlock, (container, spec) => new ConvWidget(container, spec, widgetDeps(app, ctx.sourcePath, { ...overrides, writer }), convFit(spec)), remount);
}
