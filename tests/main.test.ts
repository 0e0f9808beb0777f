import { App, processorRegistry } from '../harness/obsidian';
import manifest from '../manifest.json';
import CnnNotesPlugin from '../src/main';
import { asObsidianApp } from './helpers/plugin';

describe('plugin lifecycle', () => {
	it('registers cnn-conv, cnn-pool, cnn-classify and cnn-train, and removes them on unload', () => {
		const app = new App();
		const plugin = new CnnNotesPlugin(asObsidianApp(app), manifest);
		plugin.load();
		expect([...(processorRegistry.get(app)?.keys() ?? [])].sort()).toEqual(['cnn-classify', 'cnn-conv', 'cnn-pool', 'cnn-train']);
		plugin.unload();
		expect(processorRegistry.get(app)?.size).toBe(0);
	});

	it('has a manifest Obsidian accepts', () => {
		expect(manifest.id).toBe('cnn-notes');
		expect(manifest.isDesktopOnly).toBe(false);
		expect(manifest.description.length).toBeLessThanOrEqual(250);
		expect(manifest.description.endsWith('.')).toBe(true);
	});
});
