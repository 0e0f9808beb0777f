import { Plugin } from 'obsidian';
import { processClassifyBlock } from './blocks/classify-block';
import { processConvBlock } from './blocks/conv-block';
import { processPoolBlock } from './blocks/pool-block';
import { processTrainBlockLazily } from './blocks/train-lazy';
import { insertBlockCommands } from './commands/insert-block';
import { brokenLinksCommand } from './commands/broken-links';
import { registerInsertCourse } from './commands/insert-course';
import { closeModelHost } from './model/host/start';
import { CnnNotesSettingTab, SettingsStore } from './settings';
import { LinkUpdater } from './vault/link-updater';

/** CNN Notes: loads the settings, registers the code-block processors, the settings tab, the editor commands and the link updater with its command. Wiring only. */
export default class CnnNotesPlugin extends Plugin {
	settings: SettingsStore = new SettingsStore(this);

	async onload(): Promise<void> {
		const overrides = { prefs: this.settings };
		this.registerMarkdownCodeBlockProcessor('cnn-conv', (source, el, ctx) => processConvBlock(this.app, source, el, ctx, overrides));
		this.registerMarkdownCodeBlockProcessor('cnn-pool', (source, el, ctx) => processPoolBlock(this.app, source, el, ctx, overrides));
		this.registerMarkdownCodeBlockProcessor('cnn-classify', (source, el, ctx) => processClassifyBlock(this.app, source, el, ctx, overrides));
		// Training blocks load their code (and messages) on first use: loading the plugin does not parse it.
		this.registerMarkdownCodeBlockProcessor('cnn-train', (source, el, ctx) => processTrainBlockLazily(this.app, source, el, ctx, overrides));
		this.addSettingTab(new CnnNotesSettingTab(this.app, this, this.settings));
		for (const command of insertBlockCommands()) this.addCommand(command);
		// Links inside CNN blocks follow renamed and moved files (Obsidian does not index code blocks).
		const links = new LinkUpdater(this.app);
		this.registerEvent(this.app.vault.on('rename', (file, oldPath) => links.onRename(file, oldPath)));
		this.register(() => links.stop());
		this.addCommand(brokenLinksCommand(this.app));
		registerInsertCourse(this);
		// The model worker (started by the first classify block) stops with the plugin.
		this.register(() => closeModelHost());
		// Blocks rendered before the saved settings are read follow them once read (a change re-renders them).
		await this.settings.load();
	}
}
