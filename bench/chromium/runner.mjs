// The Chromium part of `npm run bench`: cases timed in headless Chromium on the preview (the real
// production build against the fake Obsidian runtime, as the e2e tests run it). The preview and the
// browser start once; each case gets a fresh page. A case measures one run in the page (e.g. input
// event -> the frame after it painted) and returns that time; the runner warms up, times ours and
// the reference in alternating rounds and prints a table per suite like the Node suites.
import { prepareDemo } from '../../scripts/prepare-demo.mjs';
import { openPreview, startPreview } from '../../e2e/helpers.mjs';
import { installPageHelpers } from './page.mjs';

/**
 * @typedef {object} ChromiumContext What a case gets: a page of the preview and helpers.
 * @property {import('playwright-core').Page} page A fresh page of the preview (English, light theme,
 *   the first note open), with `window.cnnBench` (see page.mjs) installed.
 * @property {{ url: string, context: import('playwright-core').BrowserContext, newPage: () => Promise<import('playwright-core').Page> }} preview
 *   The running preview (startPreview in e2e/helpers.mjs), for cases that need pages of their own.
 * @property {(markdown: string) => Promise<void>} render Renders Markdown in the page (as a note) and
 *   waits until every block has left its loading state.
 * @property {(page: import('playwright-core').Page) => Promise<void>} preparePage Opens the preview in
 *   another page and installs `window.cnnBench` there.
 * @property {boolean} quick True under --quick (a case may shorten its own work).
 */

/**
 * @typedef {object} ChromiumCase One row of a Chromium table.
 * @property {string} id Short name that selects the case: `npm run bench -- <id>`.
 * @property {string} name Row label spelling the case out.
 * @property {(ctx: ChromiumContext) => Promise<unknown>} [setup] Runs once before timing; its result is passed on as `state`.
 * @property {(ctx: ChromiumContext, state: unknown) => Promise<number>} ours One run of ours: the time measured in the page, ms.
 * @property {(ctx: ChromiumContext, state: unknown) => Promise<number>} [reference] One run of the reference, measured alike.
 * @property {(ctx: ChromiumContext, state: unknown) => Promise<string[] | void>} [check] After timing: lines for under the
 *   table (what one run did, a sanity check); throw to report the case as broken.
 * @property {number} [budgetMs] Time one run of ours must fit in (met / MISSED).
 * @property {number} [goal] Speed-up over the reference aimed for (met / MISSED).
 * @property {number} [runs] Timed runs per implementation, in place of the runner's timing (for runs that take seconds or minutes).
 * @property {number} [warmupRuns] Untimed runs before them (with `runs`; default 0).
 */

/**
 * @typedef {object} ChromiumSuite The default export of a bench/chromium/<name>.bench.mjs module: one table.
 * @property {string} title Table title.
 * @property {string} [reference] Name of the reference column.
 * @property {ChromiumCase[]} cases
 * @property {string[]} [notes] Lines printed under the table (what is measured, how).
 */

/** Runs and timings per implementation: full, and --quick (a smoke run). */
const FULL = { warmupRuns: 5, timeMs: 4000, minRuns: 24 };
const QUICK = { warmupRuns: 2, timeMs: 600, minRuns: 6 };

/** Runs `fn` until `ms` of wall time passed and at least `minRuns` ran, pushing each measured time. */
async function sample(fn, ms, minRuns, samples) {
	const start = performance.now();
	for (let n = 0; n < minRuns || performance.now() - start < ms; n++) samples.push(await fn());
}

/** Warms both implementations up, then times them in alternating rounds. */
async function timeCase(c, ctx, state, o, rounds) {
	const fns = [() => c.ours(ctx, state)];
	if (c.reference) fns.push(() => c.reference(ctx, state));
	const samples = fns.map(() => []);
	for (const fn of fns) for (let i = 0; i < o.warmupRuns; i++) await fn();
	for (let r = 0; r < rounds; r++) {
		for (let i = 0; i < fns.length; i++) await sample(fns[i], o.timeMs / rounds, Math.ceil(o.minRuns / rounds), samples[i]);
	}
	return samples;
}

/**
 * Runs the Chromium suites: builds the plugin and the preview (scripts/prepare-demo.mjs), starts the
 * preview server and Chromium once, and prints one table per suite through the harness's
 * `report` functions (the same formatting as the Node suites).
 * @param {{ file: string, suite: ChromiumSuite, cases: ChromiumCase[] }[]} selected
 * @param {{ quick: boolean, report: { timing: Function, resultRow: Function, printTable: Function, ROUNDS: number }, print: (line: string) => void }} opts
 */
export async function runChromium(selected, { quick, report, print }) {
	await prepareDemo();
	const preview = await startPreview();
	const o = quick ? QUICK : FULL;
	const browser = preview.context.browser();
	print(`Chromium ${browser?.version() ?? '(persistent context)'}, headless, software rendering${quick ? ', --quick' : ''}`);
	try {
		for (const { suite, cases } of selected) {
			const rows = [];
			const notes = [...(suite.notes ?? [])];
			for (const c of cases) {
				const page = await preview.newPage();
				try {
					await preparePage(page, preview.url);
					const ctx = { page, preview, quick, render: (md) => render(page, md), preparePage: (p) => preparePage(p, preview.url) };
					const state = await c.setup?.(ctx);
					const timing = c.runs ? { warmupRuns: c.warmupRuns ?? 0, timeMs: 0, minRuns: c.runs } : o;
					const [ours, reference] = await timeCase(c, ctx, state, timing, Math.min(report.ROUNDS, timing.minRuns));
					const lines = (await c.check?.(ctx, state)) ?? [];
					if (page.problems.length > 0) throw new Error(`the page reported: ${page.problems.join('; ')}`);
					rows.push(report.resultRow(`${c.name} [${c.id}]`, report.timing(ours), reference ? report.timing(reference) : undefined, { goal: c.goal, budgetMs: c.budgetMs }));
					notes.push(...lines.map((l) => `${c.id}: ${l}`));
				} catch (e) {
					rows.push([`${c.name} [${c.id}]`, '', '', '', '', '', '', '', '', `FAILED: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`]);
					process.exitCode = 1;
				} finally {
					await page.close();
				}
			}
			report.printTable(suite.title, suite.reference, rows, notes, print);
		}
	} finally {
		await preview.close();
	}
}

/** Opens the preview in `page` and installs window.cnnBench. */
async function preparePage(page, url) {
	await openPreview(page, url, { language: 'en', theme: 'light' });
	await installPageHelpers(page);
}

/** Renders Markdown as the open note and waits until no block is loading any more. */
async function render(page, markdown) {
	await page.evaluate((md) => window.cnnPreview.renderSnippet(md), markdown);
	await page.waitForFunction(() => {
		const view = document.querySelector('.markdown-preview-view');
		return view?.getAttribute('data-state') === 'ready' && view.querySelectorAll('[data-state="loading"]').length === 0;
	}, null, { timeout: 30000 });
}
