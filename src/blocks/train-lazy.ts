/**
 * The `cnn-train` processor the plugin registers: the block's code (widget, dataset reader, saving,
 * messages) is a lazily loaded module (src/blocks/lazy-module.ts), unpacked and run by the first
 * training block a note shows, so loading the plugin does not pay for it. A module that cannot load
 * shows the translated "something went wrong" box with the reason, as any unexpected failure does.
 */
import type { App, MarkdownPostProcessorContext } from 'obsidian';
import loadTrainModule from 'cnn-notes-train-module';
import { unexpectedProblem } from '../widgets/shared/block-widget';
import { renderErrorBox } from '../widgets/shared/error-box';
import type { DepsOverrides } from './widget-deps';

/** Loads the training block's code (once) and runs its processor; never throws. */
export async function processTrainBlockLazily(app: App, source: string, el: HTMLElement, ctx: MarkdownPostProcessorContext, overrides: DepsOverrides): Promise<void> {
	el.setAttr('data-state', 'loading');
	try {
		const { processTrainBlock } = await loadTrainModule();
		processTrainBlock(app, source, el, ctx, overrides);
	} catch (e) {
		el.empty();
		renderErrorBox(el, [unexpectedProblem(e, source)]);
		el.setAttr('data-state', 'error');
	}
}
