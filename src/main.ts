import { Plugin } from 'obsidian';
import { processClassifyBlock } from './blocks/classify-block';
import { processConvBlock } from './blocks/conv-block';
import { processPoolBlock } from './blocks/pool-block';
import { closeModelHost } from './model/host/start';

/** CNN Notes: registers the code-block processors. Wiring only. */
export default class CnnNotesPlugin extends Plugin {
	onload(): void {
		this.registerMarkdownCodeBlockProcessor('cnn-conv', (source, el, ctx) => processConvBlock(this.app, source, el, ctx));
		this.registerMarkdownCodeBlockProcessor('cnn-pool', (source, el, ctx) => processPoolBlock(this.app, source, el, ctx));
		this.registerMarkdownCodeBlockProcessor('cnn-classify', (source, el, ctx) => processClassifyBlock(this.app, source, el, ctx));
		// The model worker (started by the first classify block) stops with the plugin.
		this.register(() => closeModelHost());
	}
}
