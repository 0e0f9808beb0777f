/**
 * The user's settings as widgets read them (src/settings.ts stores and edits them): one object,
 * read when a widget renders, and a change signal on which every open block renders again.
 */

/** Which code snippet a code panel shows first. */
export type CodeTab = 'pytorch' | 'keras';

/** What the settings tab decides for every widget. */
export interface WidgetPrefs {
	/** Write what the user changes in a widget (kernel weights, preset, sample) back into its block. */
	writeBack: boolean;
	/** Largest side, in pixels, a vault picture is reduced to before the maths (64-512). */
	maxPictureSide: number;
	/** The step players' default speed, as a multiple of 1x (one of step-player's SPEEDS). */
	animationSpeed: number;
	/** The code panel's first snippet. */
	codeTab: CodeTab;
	/** Show the output-size formulas under the widgets. */
	showFormulas: boolean;
	/** Show the "The same in code" panel. */
	showCode: boolean;
}

/** The settings a new vault starts with. */
export const DEFAULT_PREFS: Readonly<WidgetPrefs> = Object.freeze({
	writeBack: true,
	maxPictureSide: 256,
	animationSpeed: 1,
	codeTab: 'pytorch',
	showFormulas: true,
	showCode: true,
});

/** Where widgets read the settings: the current values, and a subscription to their changes (returns the unsubscribe). */
export interface PrefsSource {
	get(): Readonly<WidgetPrefs>;
	onChange(listener: () => void): () => void;
}

/** Settings that never change (the defaults, or `overrides` on them): tests and widgets built outside the plugin. */
export function fixedPrefs(overrides: Partial<WidgetPrefs> = {}): PrefsSource {
	const prefs = Object.freeze({ ...DEFAULT_PREFS, ...overrides });
	return { get: () => prefs, onChange: () => () => {} };
}
