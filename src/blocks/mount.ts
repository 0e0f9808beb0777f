import type { MarkdownPostProcessorContext, MarkdownRenderChild } from 'obsidian';
import { BlockWidget, unexpectedProblem } from '../widgets/shared/block-widget';
import { renderErrorBox } from '../widgets/shared/error-box';
import { guard } from '../widgets/shared/guard';
import type { PrefsSource } from '../widgets/shared/prefs';
import type { Result } from './types';

/**
 * Turns a block's source into a widget: parse, then mount the widget through ctx.addChild, or
 * show the problems in the block. Never throws: anything unexpected becomes an error box too.
 * When `prefs` change (the settings tab), the widget is unloaded and a new one built, so every
 * open block follows the settings: from `latest()` when given (the block's source as last written
 * by the widget, so the new widget shows the saved edits), else from the same source.
 */
export function mountBlock<T>(
	source: string,
	el: HTMLElement,
	ctx: MarkdownPostProcessorContext,
	parse: (source: string) => Result<T>,
	createWidget: (el: HTMLElement, spec: T) => MarkdownRenderChild,
	prefs?: PrefsSource,
	latest?: () => string,
): void {
	try {
		const result = parse(source);
		if (!result.ok) {
			renderErrorBox(el, result.errors);
			el.setAttr('data-state', 'error');
			return;
		}
		let spec = result.value;
		let shown = source;
		const mount = (): void => {
			const now = latest?.() ?? shown;
			if (now !== shown) {
				const again = parse(now);
				if (again.ok) {
					spec = again.value;
					shown = now;
				}
			}
			const widget = createWidget(el, spec);
			if (widget instanceof BlockWidget) widget.source = shown;
			if (prefs) {
				const remount = guard(widget, () => {
					widget.unload();
					mount();
				});
				widget.register(prefs.onChange(remount));
			}
			ctx.addChild(widget);
		};
		mount();
	} catch (e) {
		renderErrorBox(el, [unexpectedProblem(e, source)]);
		el.setAttr('data-state', 'error');
	}
}
