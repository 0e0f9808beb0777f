import { PluginSettingTab, Setting, type App, type Plugin } from 'obsidian';
import { t } from './i18n';
import { MAX_PICTURE_SIDE, MIN_PICTURE_SIDE } from './vault/pixels';
import { SPEEDS } from './widgets/shared/step-player';
import { DEFAULT_PREFS, type CodeTab, type PrefsSource, type WidgetPrefs } from './widgets/shared/prefs';

/** The plugin's settings: what every widget reads (WidgetPrefs). */
export type CnnNotesSettings = WidgetPrefs;

/** The smallest and largest allowed picture side, in pixels. */
export const PICTURE_SIDE_RANGE = { min: MIN_PICTURE_SIDE, max: MAX_PICTURE_SIDE } as const;

/** The picture sides offered in the settings tab. */
const PICTURE_SIDES = [64, 128, 192, 256, 384, 512] as const;

const CODE_TABS: readonly CodeTab[] = ['pytorch', 'keras'];

function bool(value: unknown, fallback: boolean): boolean {
	return typeof value === 'boolean' ? value : fallback;
}

/**
 * The settings from what loadData() returned (anything, a file edited by hand included): every
 * field checked and, when missing or wrong, the default. A new object: DEFAULT_PREFS is never changed.
 */
export function settingsFrom(data: unknown): CnnNotesSettings {
	const raw = typeof data === 'object' && data !== null ? (data as Record<string, unknown>) : {};
	const side = raw.maxPictureSide;
	const speed = raw.animationSpeed;
	const tab = raw.codeTab;
	return Object.assign({}, DEFAULT_PREFS, {
		writeBack: bool(raw.writeBack, DEFAULT_PREFS.writeBack),
		maxPictureSide:
			typeof side === 'number' && Number.isInteger(side) && side >= PICTURE_SIDE_RANGE.min && side <= PICTURE_SIDE_RANGE.max ? side : DEFAULT_PREFS.maxPictureSide,
		animationSpeed: typeof speed === 'number' && (SPEEDS as readonly number[]).includes(speed) ? speed : DEFAULT_PREFS.animationSpeed,
		codeTab: CODE_TABS.find((c) => c === tab) ?? DEFAULT_PREFS.codeTab,
		showFormulas: bool(raw.showFormulas, DEFAULT_PREFS.showFormulas),
		showCode: bool(raw.showCode, DEFAULT_PREFS.showCode),
	});
}

/** The settings in memory, saved with the plugin's data; widgets read them and hear their changes. */
export class SettingsStore implements PrefsSource {
	private values: CnnNotesSettings;
	private listeners = new Set<() => void>();

	constructor(
		private readonly plugin: Pick<Plugin, 'loadData' | 'saveData'>,
		initial: CnnNotesSettings = settingsFrom(null),
	) {
		this.values = initial;
	}

	/** Reads the saved settings (defaults for what is missing or wrong); blocks already open follow when they differ. */
	async load(): Promise<void> {
		const loaded = settingsFrom(await this.plugin.loadData());
		const changed = JSON.stringify(loaded) !== JSON.stringify(this.values);
		this.values = loaded;
		if (changed) this.notify();
	}

	get(): Readonly<CnnNotesSettings> {
		return this.values;
	}

	onChange(listener: () => void): () => void {
		this.listeners.add(listener);
		return () => this.listeners.delete(listener);
	}

	/** Changes some settings, saves them and tells every open block (which renders again). */
	async update(patch: Partial<CnnNotesSettings>): Promise<void> {
		this.values = settingsFrom({ ...this.values, ...patch });
		await this.plugin.saveData(this.values);
		this.notify();
	}

	private notify(): void {
		for (const listener of [...this.listeners]) {
			try {
				listener();
			} catch (e) {
				console.error('CNN Notes: a block failed to follow the settings', e);
			}
		}
	}
}

/** The settings tab: one row per setting, each saved and applied to open blocks at once. */
export class CnnNotesSettingTab extends PluginSettingTab {
	constructor(
		app: App,
		plugin: Plugin,
		private readonly store: SettingsStore,
	) {
		super(app, plugin);
	}

	display(): void {
		const { containerEl } = this;
		containerEl.empty();
		const s = this.store.get();
		const save = (patch: Partial<CnnNotesSettings>) => void this.store.update(patch);
		new Setting(containerEl)
			.setName(t('settings.writeBack.name'))
			.setDesc(t('settings.writeBack.desc'))
			.addToggle((toggle) => toggle.setValue(s.writeBack).onChange((writeBack) => save({ writeBack })));
		new Setting(containerEl)
			.setName(t('settings.maxPictureSide.name'))
			.setDesc(t('settings.maxPictureSide.desc'))
			.addDropdown((dropdown) => {
				for (const side of PICTURE_SIDES) dropdown.addOption(String(side), `${side} px`);
				dropdown.setValue(String(s.maxPictureSide)).onChange((v) => save({ maxPictureSide: Number(v) }));
			});
		new Setting(containerEl)
			.setName(t('settings.animationSpeed.name'))
			.setDesc(t('settings.animationSpeed.desc'))
			.addDropdown((dropdown) => {
				for (const speed of SPEEDS) dropdown.addOption(String(speed), `${speed}x`);
				dropdown.setValue(String(s.animationSpeed)).onChange((v) => save({ animationSpeed: Number(v) }));
			});
		new Setting(containerEl)
			.setName(t('settings.codeTab.name'))
			.setDesc(t('settings.codeTab.desc'))
			.addDropdown((dropdown) =>
				dropdown
					.addOption('pytorch', t('widget.code.pytorch'))
					.addOption('keras', t('widget.code.keras'))
					.setValue(s.codeTab)
					.onChange((v) => save({ codeTab: v === 'keras' ? 'keras' : 'pytorch' })),
			);
		new Setting(containerEl)
			.setName(t('settings.showFormulas.name'))
			.setDesc(t('settings.showFormulas.desc'))
			.addToggle((toggle) => toggle.setValue(s.showFormulas).onChange((showFormulas) => save({ showFormulas })));
		new Setting(containerEl)
			.setName(t('settings.showCode.name'))
			.setDesc(t('settings.showCode.desc'))
			.addToggle((toggle) => toggle.setValue(s.showCode).onChange((showCode) => save({ showCode })));
	}
}
