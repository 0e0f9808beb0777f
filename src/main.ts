import { Plugin } from 'obsidian';

/** CNN Notes: registers the code-block processors. Wiring only. */
export default class CnnNotesPlugin extends Plugin {
	onload(): void {
		this.registerMarkdownCodeBlockProcessor('cnn-conv', (source, el) => {
			el.createEl('pre', { text: source });
		});
	}
}
