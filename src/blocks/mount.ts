import type { MarkdownPostProcessorContext, MarkdownRenderChild } from 'obsidian';
import { BlockWidget, unexpectedProblem } from '../widgets/shared/block-widget';
import { renderErrorBox } from '../widgets/shared/error-box';
import type { Result } from './types';

/**
 * Turns a block's source into a widget: parse, then mount the widget through ctx.addChild, or
 * show the problems in the block. Never throws: anything unexpected becomes an error box too.
 */
export function mountBlock<T>(
	source: string,
	el: HTMLElement,
	ctx: MarkdownPostProcessorContext,
	parse: (source: string) => Result<T>,
	createWidget: (el: HTMLElement, spec: T) => MarkdownRenderChild,
): void {
	try {
		const result = parse(source);
		if (!result.ok) {
			renderErrorBox(el, result.errors);
			el.setAttr('data-state', 'error');
			return;
		}
		const widget = createWidget(el, result.value);
		if (widget instanceof BlockWidget) widget.source = source;
		ctx.addChild(widget);
	} catch (e) {
		renderErrorBox(el, [unexpectedProblem(e, source)]);
		el.setAttr('data-state', 'error');
	}
}
