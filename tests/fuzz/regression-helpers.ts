/**
 * Helpers of issue 10's regression tests: render a block through its real processor (as the fuzz
 * property does, with the fixture vault and the fake browser decoder), watch what escapes, and check
 * that an error box is translated: every line one of the active language's messages, no internal
 * message, naming what the student wrote.
 */
import { setLanguage } from '../../harness/obsidian';
import { installBrowserFakes } from './browser';
import { prepareFixtures, type VaultFile } from './fixtures';
import { mountBlock, settle, type BlockKind, type Mounted } from './property';
import { textProblems, type Language } from './texts';
import { UncaughtWatch, type Escaped } from './uncaught';

/** A rendered block, what escaped while rendering it, and how long it took (ms). */
export interface Shown extends Mounted {
	watch: UncaughtWatch;
	ms: number;
	/** Stops watching and unloads the block; returns what escaped (uncaught errors, console.error). */
	end(): Promise<Escaped[]>;
}

/** Timings of the regression tests, printed when REGRESSION_TIMINGS=1. */
export const timings: string[] = [];

let files: VaultFile[] = [];
let restore: () => void = () => {};

/** beforeAll / afterAll of a regression file: the fake browser and the fixture vault. */
export function useFixtures(): void {
	beforeAll(async () => {
		restore = installBrowserFakes();
		files = await prepareFixtures();
	}, 60_000);
	afterAll(() => {
		restore();
		if (process.env.REGRESSION_TIMINGS === '1') process.stdout.write(`${timings.join('\n')}\n`);
	});
}

/** Renders a block in a language and waits (up to 60 s) until it settles. */
export async function show(kind: BlockKind, source: string, language: Language, label = ''): Promise<Shown> {
	setLanguage(language);
	const watch = new UncaughtWatch();
	watch.start();
	const started = performance.now();
	const mounted = mountBlock(kind, source, files);
	await settle(mounted, started, 60_000);
	const ms = performance.now() - started;
	if (label) timings.push(`${label} [${language}]: ${ms.toFixed(0)} ms`);
	return {
		...mounted,
		watch,
		ms,
		end: async () => {
			mounted.section.unload();
			await new Promise((resolve) => setTimeout(resolve, 0));
			mounted.el.remove();
			return watch.stop();
		},
	};
}

/** Only the uncaught errors among what escaped. */
export function uncaught(escaped: readonly Escaped[]): string[] {
	return escaped.filter((e) => e.kind === 'uncaught').map((e) => e.text);
}

/** The block shows a translated error box (and no raw or internal message) mentioning each of `names`. */
export function expectTranslatedError(el: HTMLElement, language: Language, ...names: string[]): void {
	const box = el.querySelector('.cnn-notes-error');
	expect(box?.textContent ?? 'no error box').not.toBe('no error box');
	expect(textProblems(el, language).filter((p) => p.kind !== 'foreignDetail')).toEqual([]);
	for (const name of names) expect(box?.textContent).toContain(name);
}

/** Every number the block shows in data attributes is finite. */
export function expectFiniteValues(el: HTMLElement): void {
	const values = Array.from(el.querySelectorAll<HTMLElement>('[data-value], [data-confidence]'), (n) => n.dataset.value ?? n.dataset.confidence ?? '');
	expect(values.filter((v) => v !== '' && !Number.isFinite(Number(v)))).toEqual([]);
}

/** Both languages the plugin ships. */
export const LANGUAGES: readonly Language[] = ['en', 'es'];
