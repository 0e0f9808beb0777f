import type { App, MarkdownPostProcessorContext } from 'obsidian';
import { imageDeps } from '../vault/image';
import { prefersReducedMotion, type WidgetDeps } from '../widgets/block-input';

/** What a widget needs from the running app for a block of the note ctx.sourcePath. */
export function widgetDeps(app: App, ctx: MarkdownPostProcessorContext): WidgetDeps {
	return { sourcePath: ctx.sourcePath, images: imageDeps(app), vault: app.vault, reducedMotion: prefersReducedMotion() };
}
