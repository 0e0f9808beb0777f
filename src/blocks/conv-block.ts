import type { MarkdownPostProcessorContext } from 'obsidian';
import { ConvWidget } from '../widgets/conv-widget';
import { mountBlock } from './mount';
import { parseConvBlock } from './parse-conv';

/** The `cnn-conv` code-block processor. */
export function processConvBlock(source: string, el: HTMLElement, ctx: MarkdownPostProcessorContext): void {
	mountBlock(source, el, ctx, parseConvBlock, (container, spec) => new ConvWidget(container, spec));
}
