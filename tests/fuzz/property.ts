/**
 * The property of issue 10, "no block source can break a note", for one generated case: mount the
 * block through its real processor (jsdom, the harness App with the fixture vault, the fake browser
 * decoder of browser.ts; cnn-classify on the real tfjs cpu backend), wait until it settles, optionally
 * interact with it, unload it, and classify what happened. Shared by blocks.fuzz.test.ts and
 * `npm run fuzz` (which runs that test file with FUZZ_* variables).
 */
import type { MarkdownPostProcessorContext, MarkdownRenderChild } from 'obsidian';
import { App, Component, findSection, setLanguage } from '../../harness/obsidian';
import { processClassifyBlock } from '../../src/blocks/classify-block';
import { processTrainBlock } from '../../src/blocks/train-block';
import { processConvBlock } from '../../src/blocks/conv-block';
import { processPoolBlock } from '../../src/blocks/pool-block';
import { asObsidianApp } from '../helpers/plugin';
import { fakeBrowserTime } from './browser';
import { BUDGET_MARK, DomBudget } from './dom-budget';
import { seedVault, type VaultFile } from './fixtures';
import { interact, type Interaction } from './interact';
import type { Preflight } from './preflight';
import { textProblems, withoutQuotes, type Language } from './texts';
import { UncaughtWatch } from './uncaught';

/** The block kinds a case can be. */
export type BlockKind = 'cnn-conv' | 'cnn-pool' | 'cnn-classify' | 'cnn-train';

/** One generated case: a block's source, the language it is shown in, and what a person then does with it. */
export interface FuzzCase {
	kind: BlockKind;
	source: string;
	/** The generator family that made it (for the report). */
	family: string;
	language: Language;
	interaction: Interaction | null;
}

/** Failures of the property. */
export const FAILURE_CLASSES = ['threw', 'uncaught', 'raw', 'hang', 'slow', 'blank', 'nonFinite', 'explain', 'longText'] as const;
/** Findings reported but not failing the property: the last net caught something, data-state disagrees with the content, console.error, English library details in Spanish. */
export const INFO_CLASSES = ['net', 'noState', 'console', 'foreignDetail'] as const;
export type FailureClass = (typeof FAILURE_CLASSES)[number];
export type InfoClass = (typeof INFO_CLASSES)[number];

/** Limits of the property (ms; characters of an explanation and of an error box; DOM nodes inserted by one render or one interaction). */
export interface Limits {
	slowMs: number;
	hangMs: number;
	explainChars: number;
	errorChars: number;
	domNodes: number;
}

export const DEFAULT_LIMITS: Limits = { slowMs: 250, hangMs: 2000, explainChars: 5000, errorChars: 20_000, domNodes: 20_000 };

/** What happened to one case. */
export interface Outcome {
	failures: FailureClass[];
	info: InfoClass[];
	/** Processor call + settle, ms. */
	renderMs: number;
	/** The interaction, ms (null when none ran). */
	interactionMs: number | null;
	/** data-state after settling. */
	state: string | null;
	/** One line per finding, "class: detail". */
	details: string[];
	/** What the block shows (truncated), for reports. */
	text: string;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Lets timers, promise chains and Node's unhandled-rejection pass (after every macrotask) run. */
async function macrotasks(n = 1): Promise<void> {
	for (let i = 0; i < n; i++) await sleep(0);
}

/** A mounted block: its element, the note component owning its widgets, and the widgets added. */
export interface Mounted {
	app: App;
	el: HTMLElement;
	section: Component;
	children: MarkdownRenderChild[];
}

/** Runs a block's real processor on source inside a fresh element of document.body, in a note at notes/fuzz.md. */
export function mountBlock(kind: BlockKind, source: string, files: readonly VaultFile[], app = new App()): Mounted {
	seedVault(app, files);
	const note = `# Fuzz\n\n\`\`\`${kind}\n${source}\n\`\`\`\n`;
	app.vault.seed('notes/fuzz.md', note);
	const el = document.body.createDiv({ cls: `block-language-${kind}` });
	const section = new Component();
	section.load();
	const children: MarkdownRenderChild[] = [];
	const ctx = {
		docId: 'fuzz',
		sourcePath: 'notes/fuzz.md',
		frontmatter: null,
		addChild: (child: MarkdownRenderChild) => {
			children.push(child);
			section.addChild(child as unknown as Component);
		},
		getSectionInfo: () => findSection(note, kind, source),
	} as unknown as MarkdownPostProcessorContext;
	const obsidianApp = asObsidianApp(app);
	if (kind === 'cnn-conv') processConvBlock(obsidianApp, source, el, ctx);
	else if (kind === 'cnn-pool') processPoolBlock(obsidianApp, source, el, ctx);
	else if (kind === 'cnn-train') processTrainBlock(obsidianApp, source, el, ctx); // reads and plans; nothing trains unless Start is pressed
	else processClassifyBlock(obsidianApp, source, el, ctx); // the model host's engine in the page, tfjs on its cpu backend
	return { app, el, section, children };
}

/** Waits until every widget's `ready` settled and the block left data-state loading, or until hangMs after `started`; false on timeout. */
export async function settle(mounted: Mounted, started: number, hangMs: number): Promise<boolean> {
	const readies = mounted.children.map((c) => (c as { ready?: unknown }).ready).filter((r): r is Promise<void> => r instanceof Promise);
	if (readies.length > 0) await Promise.race([Promise.all(readies), sleep(hangMs)]);
	await macrotasks();
	while (mounted.el.getAttribute('data-state') === 'loading' || mounted.el.querySelector('[data-state="loading"]')) {
		if (performance.now() - started > hangMs) return false;
		await sleep(5);
	}
	return true;
}

/** Non-finite numbers the widget shows: data attributes and visible text of a ready block. */
function nonFiniteShown(el: HTMLElement): string | null {
	for (const node of Array.from(el.querySelectorAll<HTMLElement>('[data-value], [data-confidence]'))) {
		const raw = node.dataset.value ?? node.dataset.confidence ?? '';
		if (raw !== '' && !Number.isFinite(Number(raw))) return `data-${node.dataset.value === undefined ? 'confidence' : 'value'}="${raw}"`;
	}
	// Quoted text is what the student typed (“NaN” is not a number), and kernel messages quote it too.
	const texts = Array.from(el.querySelectorAll('.cnn-notes'), (n) => {
		const copy = n.cloneNode(true) as HTMLElement;
		copy.querySelectorAll('.cnn-kernel-message').forEach((m) => m.remove());
		return withoutQuotes(copy.textContent ?? '');
	});
	const text = texts.join(' ');
	const m = /\bNaN\b|-?Infinity|∞/.exec(text);
	return m ? `text “…${text.slice(Math.max(0, m.index - 40), m.index + 20)}…”` : null;
}

/** true when the block shows nothing a person can see: no error box, no text, no canvas or control. */
function isBlank(el: HTMLElement): boolean {
	if (el.querySelector('.cnn-notes-error')) return false;
	if ((el.textContent ?? '').trim() !== '') return false;
	return el.querySelector('canvas, input, select, button, svg, img') === null;
}

/** The block's visible text, whitespace collapsed, cut to max characters. */
export function shownText(el: HTMLElement, max = 300): string {
	const text = (el.textContent ?? '').replace(/\s+/g, ' ').trim();
	return text.length > max ? `${text.slice(0, max)}…` : text;
}

/** Records findings without duplicates. */
class Findings {
	readonly failures = new Set<FailureClass>();
	readonly info = new Set<InfoClass>();
	readonly details: string[] = [];
	add(kind: FailureClass | InfoClass, detail: string): void {
		if ((FAILURE_CLASSES as readonly string[]).includes(kind)) this.failures.add(kind as FailureClass);
		else this.info.add(kind as InfoClass);
		const line = `${kind}: ${detail.length > 400 ? `${detail.slice(0, 400)}…` : detail}`;
		if (!this.details.includes(line) && this.details.length < 12) this.details.push(line);
	}
	time(ms: number, limits: Limits, what: string): void {
		if (ms > limits.hangMs) this.add('hang', `${what} took ${ms.toFixed(0)} ms`);
		else if (ms > limits.slowMs) this.add('slow', `${what} took ${ms.toFixed(0)} ms`);
	}
}

/** Checks what the block shows now (after a render or an interaction). */
function inspect(el: HTMLElement, language: Language, findings: Findings, phase: string, limits: Limits): void {
	for (const p of textProblems(el, language)) if (!p.text.includes(BUDGET_MARK)) findings.add(p.kind, `${phase}: ${p.text}`);
	el.querySelectorAll('.cnn-notes-error').forEach((box) => {
		const length = (box.textContent ?? '').length;
		if (length > limits.errorChars) findings.add('longText', `${phase}: error box of ${length} characters`);
	});
	const hasError = el.querySelector('.cnn-notes-error') !== null;
	const state = el.getAttribute('data-state');
	if (isBlank(el)) findings.add('blank', `${phase}: nothing shown (data-state ${String(state)})`);
	if (!hasError) {
		const shown = nonFiniteShown(el);
		if (shown) findings.add('nonFinite', `${phase}: shows ${shown}`);
	}
	if (hasError && state !== 'error') findings.add('noState', `${phase}: error box with data-state ${String(state)}`);
	if (!hasError && state !== 'ready' && !isBlank(el)) findings.add('noState', `${phase}: widget with data-state ${String(state)}`);
}

/** How runCase runs: its limits, and the worker that parses first (null: mount every source directly). */
export interface RunOptions {
	limits?: Limits;
	preflight?: Preflight | null;
}

/**
 * Runs one case and classifies the outcome. Never throws for anything the plugin does; the caller
 * gets the failures (FAILURE_CLASSES) and findings (INFO_CLASSES) with a line of detail each. With a
 * preflight, a source whose parsing alone passes limits.hangMs (or runs out of memory) in the worker
 * is a hang and is not mounted in the page.
 */
export async function runCase(c: FuzzCase, files: readonly VaultFile[], opts: RunOptions = {}): Promise<Outcome> {
	const limits = opts.limits ?? DEFAULT_LIMITS;
	const findings = new Findings();
	if (opts.preflight) {
		const pre = await opts.preflight.check(c.kind, c.source, limits.hangMs);
		if (pre.kind !== 'parsed') {
			findings.add('hang', pre.kind === 'timeout' ? `parsing alone took over ${limits.hangMs} ms (stopped in a worker, not mounted)` : `parsing ran out of memory or crashed in a worker after ${pre.ms.toFixed(0)} ms: ${pre.reason}`);
			return { failures: [...findings.failures], info: [], renderMs: pre.ms, interactionMs: null, state: null, details: findings.details, text: '' };
		}
	}
	setLanguage(c.language);
	const watch = new UncaughtWatch();
	watch.start();
	const budget = new DomBudget(limits.domNodes);
	const overBudget = (phase: string): void => {
		budget.stop();
		if (budget.tripped) findings.add('hang', `${phase}: more than ${limits.domNodes} DOM nodes inserted (stopped there)`);
	};
	let mounted: Mounted | null = null;
	let renderMs = 0;
	let interactionMs: number | null = null;
	let state: string | null = null;
	let text = '';
	try {
		const started = performance.now();
		const fakeBefore = fakeBrowserTime.ms;
		budget.start();
		try {
			mounted = mountBlock(c.kind, c.source, files);
		} catch (e) {
			if (!String(e).includes(BUDGET_MARK)) findings.add('threw', `processor: ${String(e)}`);
		}
		if (mounted) {
			const settled = await settle(mounted, started, limits.hangMs);
			// Decoding pictures is the browser's work (native, off the page's thread): not charged to the plugin.
			renderMs = performance.now() - started - (fakeBrowserTime.ms - fakeBefore);
			overBudget('render');
			if (!settled) findings.add('hang', `still loading after ${renderMs.toFixed(0)} ms`);
			findings.time(renderMs, limits, 'render');
			state = mounted.el.getAttribute('data-state');
			text = shownText(mounted.el);
			inspect(mounted.el, c.language, findings, 'render', limits);
			if (c.interaction) {
				const t0 = performance.now();
				const fakeAtInteraction = fakeBrowserTime.ms;
				budget.start();
				const result = await interact(mounted, c.interaction, files, c.source);
				interactionMs = performance.now() - t0 - result.waitedMs - (fakeBrowserTime.ms - fakeAtInteraction);
				overBudget(c.interaction.kind);
				if (result.ran) {
					findings.time(interactionMs, limits, `${c.interaction.kind} interaction`);
					if (result.explainChars > limits.explainChars) findings.add('explain', `${c.interaction.kind}: explanation of ${result.explainChars} characters`);
					inspect(mounted.el, c.language, findings, c.interaction.kind, limits);
				} else interactionMs = null;
			}
			try {
				mounted.section.unload();
			} catch (e) {
				findings.add('threw', `unload: ${String(e)}`);
			}
			await macrotasks();
		}
	} finally {
		budget.stop();
		for (const e of watch.stop()) if (!e.text.includes(BUDGET_MARK)) findings.add(e.kind, e.text);
		mounted?.el.remove();
		setLanguage('en');
	}
	return { failures: [...findings.failures], info: [...findings.info], renderMs, interactionMs, state, details: findings.details, text };
}
