/**
 * Settings: settingsFrom takes anything loadData may return (hand-edited files included) and keeps
 * only valid values; the store saves and tells its listeners; an open block follows a change.
 */
import { asObsidianApp, loadPlugin } from './helpers/plugin';
import { SEED } from './helpers/seed';
import { CnnNotesSettingTab, settingsFrom, SettingsStore, type CnnNotesSettings } from '../src/settings';
import { DEFAULT_PREFS } from '../src/widgets/shared/prefs';
import { shownNotices } from '../harness/obsidian';

describe('settingsFrom', () => {
	it.each([null, undefined, 'writeBack', 42, NaN, [], [true, 512], () => 1])('junk %p gives the defaults, in a new object', (junk) => {
		const s = settingsFrom(junk);
		expect(s).toEqual(DEFAULT_PREFS);
		expect(s).not.toBe(DEFAULT_PREFS);
	});

	it('wrong field values fall back one by one: NaN, strings, out of range, fractions, unknown tabs and speeds', () => {
		const s = settingsFrom({ writeBack: 'false', maxPictureSide: NaN, animationSpeed: '4', codeTab: 'KERAS', showFormulas: 0, showCode: null });
		expect(s).toEqual(DEFAULT_PREFS);
		for (const side of [63, 513, 128.5, Infinity, -256, '256', 100, 200, 500]) expect(settingsFrom({ maxPictureSide: side }).maxPictureSide).toBe(256);
		// Only the sides the dropdown offers: a hand-edited 100 would leave it blank.
		for (const side of [64, 128, 192, 256, 384, 512]) expect(settingsFrom({ maxPictureSide: side }).maxPictureSide).toBe(side);
		for (const speed of [3, 0, -1, 1000, Infinity]) expect(settingsFrom({ animationSpeed: speed }).animationSpeed).toBe(1);
	});

	it('valid values are kept', () => {
		const valid: CnnNotesSettings = { writeBack: false, maxPictureSide: 512, animationSpeed: 16, codeTab: 'keras', showFormulas: false, showCode: false };
		expect(settingsFrom(valid)).toEqual(valid);
		expect(settingsFrom({ maxPictureSide: 64 }).maxPictureSide).toBe(64);
	});

	it('`__proto__` and `constructor` keys (JSON of a hand-edited file) change nothing, not even Object.prototype', () => {
		const data: unknown = JSON.parse('{"__proto__": {"showCode": false, "polluted": true}, "constructor": {"prototype": {"polluted": true}}, "showFormulas": false}');
		const s = settingsFrom(data);
		expect(s).toEqual({ ...DEFAULT_PREFS, showFormulas: false });
		expect(Object.keys(s).sort()).toEqual(Object.keys(DEFAULT_PREFS).sort());
		expect(({} as Record<string, unknown>).polluted).toBeUndefined();
		expect(Object.getPrototypeOf(s)).toBe(Object.prototype);
	});

	it('never changes DEFAULT_PREFS', () => {
		settingsFrom({ showCode: false });
		expect(DEFAULT_PREFS.showCode).toBe(true);
		expect(Object.isFrozen(DEFAULT_PREFS)).toBe(true);
	});
});

/** A plugin stand-in whose data is held in memory. */
function dataHost(initial: unknown = null) {
	const saved: unknown[] = [];
	return {
		saved,
		loadData: () => Promise.resolve(initial),
		saveData: (data: unknown) => {
			saved.push(JSON.parse(JSON.stringify(data)));
			return Promise.resolve();
		},
	};
}

describe('SettingsStore', () => {
	it('update saves the checked values and tells every listener; an unsubscribed listener hears nothing', async () => {
		const host = dataHost();
		const store = new SettingsStore(host);
		const heard: string[] = [];
		const off = store.onChange(() => heard.push('a'));
		store.onChange(() => heard.push('b'));
		await store.update({ codeTab: 'keras', maxPictureSide: 9999 });
		expect(host.saved).toEqual([{ ...DEFAULT_PREFS, codeTab: 'keras' }]);
		expect(store.get().codeTab).toBe('keras');
		expect(heard).toEqual(['a', 'b']);
		off();
		await store.update({ showCode: false });
		expect(heard).toEqual(['a', 'b', 'b']);
	});

	it('a failed save: no rejection, a translated notice with the reason, and the open blocks still follow the change', async () => {
		const host = { loadData: () => Promise.resolve(null), saveData: () => Promise.reject(new Error('EACCES: permission denied')) };
		const store = new SettingsStore(host);
		let heard = 0;
		store.onChange(() => heard++);
		const before = shownNotices.length;
		const error = jest.spyOn(console, 'error').mockImplementation(() => undefined);
		await expect(store.update({ maxPictureSide: 512 })).resolves.toBeUndefined();
		error.mockRestore();
		expect(store.get().maxPictureSide).toBe(512);
		expect(heard).toBe(1);
		expect(shownNotices.slice(before)).toEqual(['The setting applies now, but it could not be saved and will be lost when Obsidian restarts. Details: EACCES: permission denied']);
	});

	it('load notifies only when the saved settings differ from those in memory', async () => {
		const same = new SettingsStore(dataHost({ ...DEFAULT_PREFS }));
		let n = 0;
		same.onChange(() => n++);
		await same.load();
		expect(n).toBe(0);
		const other = new SettingsStore(dataHost({ showFormulas: false }));
		other.onChange(() => n++);
		await other.load();
		expect(n).toBe(1);
		expect(other.get().showFormulas).toBe(false);
	});

	it('a listener that throws does not stop the others', async () => {
		const store = new SettingsStore(dataHost());
		const error = jest.spyOn(console, 'error').mockImplementation(() => {});
		let heard = false;
		store.onChange(() => {
			throw new Error('boom');
		});
		store.onChange(() => (heard = true));
		await store.update({ showCode: false });
		expect(heard).toBe(true);
		error.mockRestore();
	});
});

describe('an open block follows a changed setting', () => {
	it('cnn-conv rendered through the plugin (processConvBlock with prefs: the store) loses and regains its code and formulas, and opens Keras first', async () => {
		const { plugin, render } = loadPlugin();
		const { el } = await render('cnn-conv', SEED);
		const state = (): string | null => el.getAttribute('data-state');
		expect(state()).toBe('ready');
		expect(el.querySelectorAll('.cnn-code')).toHaveLength(1);
		expect(el.querySelectorAll('.cnn-formula')).toHaveLength(1);

		await plugin.settings.update({ showCode: false });
		expect(el.querySelector('.cnn-code')).toBeNull();
		expect(el.querySelectorAll('.cnn-formula')).toHaveLength(1);
		expect(state()).toBe('ready');
		// One widget, not a second one beside the first.
		expect(el.querySelectorAll('.cnn-player')).toHaveLength(1);

		await plugin.settings.update({ showCode: true, showFormulas: false, codeTab: 'keras' });
		expect(el.querySelector('.cnn-formula')).toBeNull();
		const tabs = Array.from(el.querySelectorAll('[data-action="code-tab"]'));
		expect(tabs.map((b) => b.getAttribute('data-tab'))).toEqual(['keras', 'pytorch']);
		expect(tabs.map((b) => b.getAttribute('aria-selected'))).toEqual(['true', 'false']);

		await plugin.settings.update({ animationSpeed: 4 });
		expect(el.querySelector<HTMLSelectElement>('[data-action="speed"]')?.value).toBe(String(4 * 1.25));
		expect(el.querySelectorAll('.cnn-notes.cnn-conv')).toHaveLength(1);
	});

	it('cnn-pool follows too', async () => {
		const { plugin, render } = loadPlugin();
		const { el } = await render('cnn-pool', 'input: |\n  1 3 2 4\n  5 6 1 2\n  7 2 9 0\n  1 4 3 8\ntype: max\nsize: 2\nstride: 2\n');
		expect(el.querySelector('.cnn-code')).not.toBeNull();
		await plugin.settings.update({ showCode: false, showFormulas: false });
		expect(el.querySelector('.cnn-code')).toBeNull();
		expect(el.querySelector('.cnn-formula')).toBeNull();
		expect(el.getAttribute('data-state')).toBe('ready');
	});
});

describe('the settings tab', () => {
	/** A tab on a store over an in-memory plugin. */
	function tab() {
		const host = dataHost();
		const store = new SettingsStore(host);
		const { app, plugin } = loadPlugin();
		return { host, store, tab: new CnnNotesSettingTab(asObsidianApp(app), plugin, store) };
	}

	it('getSettingDefinitions: the six settings, toggles and dropdowns, keyed by setting', () => {
		const defs = tab().tab.getSettingDefinitions();
		expect(defs.map((d) => ('control' in d && d.control ? [d.name, d.control.type, d.control.key] : null))).toEqual([
			['Save widget edits into the note', 'toggle', 'writeBack'],
			['Largest picture side', 'dropdown', 'maxPictureSide'],
			['Animation speed', 'dropdown', 'animationSpeed'],
			['Code shown first', 'dropdown', 'codeTab'],
			['Show formulas', 'toggle', 'showFormulas'],
			['Show code', 'toggle', 'showCode'],
		]);
		const side = defs[1];
		expect(side && 'control' in side && side.control?.type === 'dropdown' && side.control.options).toEqual({ '64': '64 px', '128': '128 px', '192': '192 px', '256': '256 px', '384': '384 px', '512': '512 px' });
	});

	it('getControlValue / setControlValue: dropdown strings become numbers; wrong values and unknown keys change nothing', async () => {
		const { tab: t, store, host } = tab();
		expect(t.getControlValue('maxPictureSide')).toBe('256');
		expect(t.getControlValue('showCode')).toBe(true);
		expect(t.getControlValue('__proto__')).toBeUndefined();
		await t.setControlValue('maxPictureSide', '512');
		await t.setControlValue('animationSpeed', '16');
		expect(store.get()).toMatchObject({ maxPictureSide: 512, animationSpeed: 16 });
		await t.setControlValue('maxPictureSide', '9999');
		await t.setControlValue('codeTab', 'fortran');
		await t.setControlValue('__proto__', { showCode: false });
		await t.setControlValue('constructor', 'x');
		expect(store.get()).toEqual({ ...DEFAULT_PREFS, maxPictureSide: 512, animationSpeed: 16 });
		expect(host.saved).toHaveLength(2);
	});

	it('display(): one row per setting; a toggle change is saved', async () => {
		const { tab: t, store } = tab();
		// What Obsidian before 1.13 (minAppVersion 1.8.7) and the preview call to draw the tab.
		const drawn: { display(): void } = t;
		drawn.display();
		const rows = Array.from(t.containerEl.querySelectorAll('.setting-item'));
		expect(rows.map((r) => r.querySelector('.setting-item-name')?.textContent)).toEqual([
			'Save widget edits into the note',
			'Largest picture side',
			'Animation speed',
			'Code shown first',
			'Show formulas',
			'Show code',
		]);
		const select = rows[3]?.querySelector('select');
		if (!select) throw new Error('no dropdown');
		select.value = 'keras';
		select.dispatchEvent(new Event('change'));
		await Promise.resolve();
		expect(store.get().codeTab).toBe('keras');
	});
});
