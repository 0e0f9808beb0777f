import { Notice, PluginSettingTab, Setting, type App, type Plugin, type SettingDefinitionItem } from 'obsidian';
import { t } from './i18n';
import { MAX_PICTURE_SIDE, MIN_PICTURE_SIDE } from './vault/pixels';
import { SPEEDS } from './widgets/shared/step-player';
import { DEFAULT_PREFS, type CodeTab, type PrefsSource, type WidgetPrefs } from './widgets/shared/prefs';

/** The plugin's settings: what every widget reads (WidgetPrefs). */
export type CnnNotesSettings = WidgetPrefs;

/** The smallest and largest allowed picture side, in pixels. */
export const PICTURE_SIDE_RANGE = { min: MIN_PICTURE_SIDE, max: MAX_PICTURE_SIDE } as const;

/** The picture sides offered in the settings tab: the only ones accepted (a hand-edited 100 would leave the dropdown blank). */
export const PICTURE_SIDES: readonly number[] = [64, 128, 192, 256, 384, 512];

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
			typeof side === 'number' && PICTURE_SIDES.includes(side) ? side : DEFAULT_PREFS.maxPictureSide,
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

	/**
	 * Changes some settings, saves them and tells every open block (which renders again). When saving
	 * fails the change still applies for this session and a notice says it was not saved; it never rejects.
	 */
	async update(patch: Partial<CnnNotesSettings>): Promise<void> {
		this.values = settingsFrom({ ...this.values, ...patch });
		try {
			await this.plugin.saveData(this.values);
		} catch (e) {
			console.error('CNN Notes: the settings could not be saved', e);
			new Notice(t('settings.saveFailed', { reason: e instanceof Error ? e.message : String(e) }), 0);
		}
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

/** One row of the settings tab: the setting it edits, its control, and (dropdowns) the values offered with their labels. */
interface SettingRow {
	key: keyof CnnNotesSettings;
	control: 'toggle' | 'dropdown';
	options?: () => [string, string][];
}

/** The rows of the settings tab, in order: display() and getSettingDefinitions() both read this table. */
const ROWS: readonly SettingRow[] = [
	{ key: 'writeBack', control: 'toggle' },
	{ key: 'maxPictureSide', control: 'dropdown', options: () => PICTURE_SIDES.map((side) => [String(side), `${side} px`]) },
	{ key: 'animationSpeed', control: 'dropdown', options: () => SPEEDS.map((speed) => [String(speed), `${speed}x`]) },
	{
		key: 'codeTab',
		control: 'dropdown',
		options: () => [
			['pytorch', t('widget.code.pytorch')],
			['keras', t('widget.code.keras')],
		],
	},
	{ key: 'showFormulas', control: 'toggle' },
	{ key: 'showCode', control: 'toggle' },
];

/** The settings tab: one row per setting, each saved and applied to open blocks at once. */
export class CnnNotesSettingTab extends PluginSettingTab {
	constructor(
		app: App,
		plugin: Plugin,
		private readonly store: SettingsStore,
	) {
		super(app, plugin);
	}

	/** The rows for Obsidian 1.13+ (declarative, found by the settings search); display() draws the same rows on older versions. */
	getSettingDefinitions(): SettingDefinitionItem[] {
		return ROWS.map((row): SettingDefinitionItem => {
			const base = { name: t(`settings.${row.key}.name`), desc: t(`settings.${row.key}.desc`) };
			if (row.control === 'toggle') return { ...base, control: { type: 'toggle', key: row.key } };
			return { ...base, control: { type: 'dropdown', key: row.key, options: Object.fromEntries(row.options?.() ?? []) } };
		});
	}

	/** A setting's value as its control shows it: booleans for toggles, strings for dropdowns; undefined for an unknown key. */
	getControlValue(key: string): unknown {
		const row = ROWS.find((r) => r.key === key);
		if (!row) return undefined;
		const value = this.store.get()[row.key];
		return row.control === 'toggle' ? value : String(value);
	}

	/** Saves what a control chose (checked by settingsFrom: a wrong value keeps the setting as it was); an unknown key changes nothing. */
	setControlValue(key: string, value: unknown): Promise<void> {
		const row = ROWS.find((r) => r.key === key);
		if (!row) return Promise.resolve();
		const numeric = row.key === 'maxPictureSide' || row.key === 'animationSpeed';
		const next = numeric && typeof value === 'string' ? Number(value) : value;
		// settingsFrom gives back exactly `next` only when it is a valid value of the setting.
		if (settingsFrom({ [row.key]: next })[row.key] !== next) return Promise.resolve();
		return this.store.update({ [row.key]: next });
	}

	display(): void {
		const { containerEl } = this;
		containerEl.empty();
		for (const row of ROWS) {
			const setting = new Setting(containerEl).setName(t(`settings.${row.key}.name`)).setDesc(t(`settings.${row.key}.desc`));
			const value = this.getControlValue(row.key);
			if (row.control === 'toggle') {
				setting.addToggle((toggle) => toggle.setValue(value === true).onChange((on) => void this.setControlValue(row.key, on)));
			} else {
				setting.addDropdown((dropdown) => {
					for (const [option, label] of row.options?.() ?? []) dropdown.addOption(option, label);
					dropdown.setValue(String(value)).onChange((v) => void this.setControlValue(row.key, v));
				});
			}
		}
	}
}
