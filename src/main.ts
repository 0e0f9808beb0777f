import { Plugin } from 'obsidian';
import { processClassifyBlock } from './blocks/classify-block';
import { processConvBlock } from './blocks/conv-block';
import { processPoolBlock } from './blocks/pool-block';
import { registerInsertCourse } from './commands/insert-course';
import { closeModelHost } from './model/host/start';
import { CnnNotesSettingTab, SettingsStore } from './settings';

/** CNN Notes: loads the settings, registers the code-block processors and the settings tab. Wiring only. */
export default class CnnNotesPlugin extends Plugin {
	settings: SettingsStore = new SettingsStore(this);

	async onload(): Promise<void> {
		const overrides = { prefs: this.settings };
		this.registerMarkdownCodeBlockProcessor('cnn-conv', (source, el, ctx) => processConvBlock(this.app, source, el, ctx, overrides));
		this.registerMarkdownCodeBlockProcessor('cnn-pool', (source, el, ctx) => processPoolBlock(this.app, source, el, ctx, overrides));
		this.registerMarkdownCodeBlockProcessor('cnn-classify', (source, el, ctx) => processClassifyBlock(this.app, source, el, ctx, overrides));
		this.addSettingTab(new CnnNotesSettingTab(this.app, this, this.settings));
		registerInsertCourse(this);
		// The model worker (started by the first classify block) stops with the plugin.
		this.register(() => closeModelHost());
		// Blocks rendered before the saved settings are read follow them once read (a change re-renders them).
		await this.settings.load();
	}
}
