import type { MarkdownPostProcessorContext } from 'obsidian';
import { PoolWidget } from '../widgets/pool-widget';
import { mountBlock } from './mount';
import { parsePoolBlock } from './parse-pool';

/** The `cnn-pool` code-block processor. */
export function processPoolBlock(source: string, el: HTMLElement, ctx: MarkdownPostProcessorContext): void {
	mountBlock(source, el, ctx, parsePoolBlock, (container, spec) => new PoolWidget(container, spec));
}
