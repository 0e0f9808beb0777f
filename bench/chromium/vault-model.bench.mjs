// A large model from the vault in Chromium: a MobileNet-v1-like model (alpha 0.5, 224x224x3, 3.5 MB of
// float32 weights in two shards, nested as Teachable Machine saves it; see big-model.mjs) on a picture,
// from opening the note to its prediction, the longest main-thread task meanwhile, and one prediction
// round trip through the model worker; the built-in digits model (`input: sample`) is the reference of
// each, in the same run. Then the vault's shapes model on the datasets/shapes folder. The big model
// lives in a temporary copy of the example vault served by a second preview server (big-model.mjs),
// opened in pages of the shared browser.
import { openPreview } from '../../e2e/helpers.mjs';
import { BIG_MODEL_DIR, bigModelVault } from './big-model.mjs';
import { installPageHelpers } from './page.mjs';

/** The block of the big model on a picture of the vault. */
const BIG = `\`\`\`cnn-classify\nmodel: "[[${BIG_MODEL_DIR}/model.json]]"\ninput: "[[pictures/shape-triangle.png]]"\n\`\`\`\n`;
/** The reference: the built-in digits model on its embedded samples. */
const DIGITS = '```cnn-classify\ninput: sample\n```\n';
/** The vault's shapes model on the folder of 12 pictures. */
const FOLDER = '```cnn-classify\nmodel: "[[models/shapes/model.json]]"\ninput: "[[datasets/shapes]]"\n```\n';
/** What "done" is for each block: ready with a prediction, or the folder's strip done. */
const READY = '.cnn-classify[data-state="ready"][data-prediction]';
const FOLDER_DONE = '.cnn-classify-folder[data-state="done"]';

let vault = null;
/** The temporary vault with the big model and its server, made once per process. */
const bigVault = () => (vault ??= bigModelVault());

/**
 * Before the page loads: wraps Worker so that the model host's requests and answers are logged
 * (`window.__host`: id -> { kind, start, end, ok, model }, the last widget's predict request kept for
 * replaying it) and the worker is reachable (`window.__hostWorker`). Only watches; the messages pass unchanged.
 */
function watchHost() {
	const sent = new Map();
	window.__host = { sent, predict: null };
	const Base = window.Worker;
	window.Worker = class extends Base {
		constructor(...args) {
			super(...args);
			window.__hostWorker = this;
			this.addEventListener('message', (e) => {
				const s = sent.get(e.data?.id);
				if (!s || s.end !== undefined) return;
				s.end = performance.now();
				s.ok = e.data.ok;
				if (s.kind === 'load' && e.data.ok) s.model = e.data.value.model;
			});
		}
		postMessage(message, transfer) {
			if (message && typeof message.id === 'number' && message.id > 0 && message.id < 1e9) {
				sent.set(message.id, { kind: message.kind, start: performance.now() });
				// The pixels are transferred: keep a copy to ask the same prediction again.
				if (message.kind === 'predict') window.__host.predict = { model: message.model, pixels: message.pixels.slice(), layers: message.layers };
			}
			return super.postMessage(message, transfer);
		}
	};
}

/** A fresh page of the temporary vault's preview (English, light), recording its problems like the runner's pages. */
async function vaultPage(ctx) {
	const { url, origin } = await bigVault();
	const page = await ctx.preview.context.newPage();
	page.problems = [];
	page.on('console', (msg) => msg.type() === 'error' && page.problems.push(`console error: ${msg.text()}`));
	page.on('pageerror', (err) => page.problems.push(`page error: ${err.message}`));
	page.on('requestfailed', (req) => page.problems.push(`request failed: ${req.url()}`));
	page.on('response', (res) => res.status() >= 400 && page.problems.push(`HTTP ${res.status()}: ${res.url()}`));
	page.on('request', (req) => {
		const u = new URL(req.url());
		if (u.origin !== origin && u.protocol !== 'data:' && !req.url().startsWith(`blob:${origin}/`)) page.problems.push(`request to another host: ${req.url()}`);
	});
	await page.addInitScript(watchHost);
	await openPreview(page, url, { language: 'en', theme: 'light' });
	await installPageHelpers(page);
	await page.bringToFront(); // a background tab's frames and timers are throttled
	return page;
}

/**
 * In the page: records long tasks, renders `markdown` as the open note and resolves once `done`
 * (a selector) matches: { ms from the render call, longest (the longest main-thread task meanwhile,
 * ms; 0 when none passed 50 ms), over50 (how many did), load and predict (the model host's load
 * and first prediction round trips, ms), error (an error box's text) }.
 */
async function openBlock([markdown, done]) {
	const tasks = [];
	const observer = new PerformanceObserver((list) => tasks.push(...list.getEntries()));
	observer.observe({ type: 'longtask' });
	const t0 = performance.now();
	let t1 = 0;
	const finished = new Promise((resolve) => {
		const check = () => {
			if (document.querySelector(`.markdown-preview-view ${done}`) || document.querySelector('.markdown-preview-view .cnn-notes-error')) {
				t1 = performance.now();
				watcher.disconnect();
				resolve(undefined);
			}
		};
		const watcher = new MutationObserver(check);
		watcher.observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-state', 'data-prediction'] });
	});
	await window.cnnPreview.renderSnippet(markdown);
	await Promise.race([finished, new Promise((r) => setTimeout(r, 60000))]);
	await new Promise((r) => setTimeout(r, 100)); // long tasks are reported after they end
	observer.disconnect();
	const during = tasks.filter((e) => e.startTime >= t0 && e.startTime < (t1 || performance.now()));
	const round = (kind) => {
		const s = [...window.__host.sent.values()].find((r) => r.kind === kind && r.start >= t0 && r.end !== undefined);
		return s ? s.end - s.start : NaN;
	};
	const error = document.querySelector('.markdown-preview-view .cnn-notes-error')?.textContent ?? (t1 ? null : 'not done within 60 s');
	return { ms: t1 - t0, longest: Math.max(0, ...during.map((e) => e.duration)), over50: during.length, load: round('load'), predict: round('predict'), error };
}

/** Opens `markdown` in a fresh page of the temporary vault and returns openBlock's findings (pushed onto `runs`). */
async function freshOpen(ctx, markdown, done, runs) {
	const page = await vaultPage(ctx);
	try {
		const found = await page.evaluate(openBlock, [markdown, done]);
		if (found.error) throw new Error(`the block shows: ${found.error}`);
		if (page.problems.length > 0) throw new Error(`the page reported: ${page.problems.join('; ')}`);
		if (page.workers().length !== 1) throw new Error(`expected one model worker, found ${page.workers().length}`);
		runs.push(found);
		return found;
	} finally {
		await page.close();
	}
}

/** In the page: the model worker's stats (backend, WebGL probe), asked with request `id`. */
function hostStats(id) {
	const worker = window.__hostWorker;
	return new Promise((resolve) => {
		const answer = (e) => {
			if (e.data?.id !== id) return;
			worker.removeEventListener('message', answer);
			resolve(e.data.ok ? e.data.value : { backend: '?', webgl: JSON.stringify(e.data.errors) });
		};
		worker.addEventListener('message', answer);
		worker.postMessage({ id, kind: 'stats' });
	});
}

/** In the page: asks the worker the widget's last prediction again (same model, pixels and layers; no layers when `bare`) and resolves with the round trip in ms. */
function predictAgain([id, bare]) {
	const worker = window.__hostWorker;
	const { model, pixels } = window.__host.predict;
	const layers = bare ? [] : window.__host.predict.layers;
	const copy = pixels.slice();
	return new Promise((resolve, reject) => {
		const t0 = performance.now();
		const answer = (e) => {
			if (e.data?.id !== id) return;
			worker.removeEventListener('message', answer);
			if (e.data.ok) resolve(performance.now() - t0);
			else reject(new Error(JSON.stringify(e.data.errors)));
		};
		worker.addEventListener('message', answer);
		worker.postMessage({ id, kind: 'predict', model, pixels: copy, layers }, [copy.buffer]);
	});
}

let asked = 1e9;

/** The median of `values`, rounded to ms. */
function median(values) {
	const v = values.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
	return v.length === 0 ? 'n/a' : v[v.length >> 1].toFixed(0);
}

/** Lines on the long tasks of a set of runs (openBlock's findings). */
function taskLines(what, runs) {
	const longest = runs.map((r) => r.longest);
	const over = runs.filter((r) => r.over50 > 0).length;
	return `${what}: ${over} of ${runs.length} runs (warm-up included) had a main-thread task over 50 ms; longest task median ${median(longest)} ms, max ${Math.max(0, ...longest).toFixed(0)} ms; tasks over 50 ms per run median ${median(runs.map((r) => r.over50))}, max ${Math.max(0, ...runs.map((r) => r.over50))}`;
}

/** Lines on the model host's round trips during the opens. */
function hostLines(what, runs) {
	return `${what}: model host round trips, median: load (read in the worker, built, probe prediction) ${median(runs.map((r) => r.load))} ms, the widget's first prediction ${median(runs.map((r) => r.predict))} ms`;
}

/** @type {import('./runner.mjs').ChromiumSuite} */
export default {
	title: 'Chromium: a large vault model (MobileNet-v1-like, 224x224x3, 3.5 MB) and a folder block',
	reference: 'built-in digits',
	cases: [
		{
			id: 'vault-model-open',
			name: 'cnn-classify, MobileNet-v1 0.5-like vault model (Sequential[functional base, Sequential head: Dense 100, Dense 3], 3.5 MB in 2 shards) on a 96x64 picture: note opened -> ready with a prediction (ms), a fresh page each run; reference: the built-in digits model, input: sample',
			setup: async () => ({ ours: [], reference: [] }),
			ours: async (ctx, runs) => (await freshOpen(ctx, BIG, READY, runs.ours)).ms,
			reference: async (ctx, runs) => (await freshOpen(ctx, DIGITS, READY, runs.reference)).ms,
			check: async (_ctx, runs) => {
				const v = await bigVault();
				return [
					`the big model: ${v.layers} layers (base and head), ${v.weights} weight tensors, ${(v.weightBytes / 1e6).toFixed(2)} MB of float32 weights`,
					hostLines('big model', runs.ours),
					hostLines('digits', runs.reference),
					taskLines('big model', runs.ours),
					taskLines('digits', runs.reference),
				];
			},
		},
		{
			id: 'vault-model-longest-task',
			name: 'the same opens: longest main-thread task until ready with a prediction (ms; 0 when none passed 50 ms), a fresh page each run; reference: the built-in digits model, input: sample',
			budgetMs: 50,
			setup: async () => ({ ours: [], reference: [] }),
			ours: async (ctx, runs) => (await freshOpen(ctx, BIG, READY, runs.ours)).longest,
			reference: async (ctx, runs) => (await freshOpen(ctx, DIGITS, READY, runs.reference)).longest,
			check: async (_ctx, runs) => [taskLines('big model', runs.ours), taskLines('digits', runs.reference)],
		},
		{
			id: 'vault-model-predict',
			name: 'one prediction of the open block asked again through the model worker (the widget\'s own request: model, pixels and the layers whose outputs it asked for): post -> answer (ms); reference: the built-in digits model, input: sample',
			setup: async (ctx) => {
				const pages = {};
				for (const [key, markdown] of [['big', BIG], ['digits', DIGITS]]) {
					const page = await vaultPage(ctx);
					const found = await page.evaluate(openBlock, [markdown, READY]);
					if (found.error) throw new Error(`the block shows: ${found.error}`);
					pages[key] = page;
				}
				return pages;
			},
			ours: async (_ctx, pages) => {
				await pages.big.bringToFront();
				return pages.big.evaluate(predictAgain, [asked++, false]);
			},
			reference: async (_ctx, pages) => {
				await pages.digits.bringToFront();
				return pages.digits.evaluate(predictAgain, [asked++, false]);
			},
			check: async (_ctx, pages) => {
				const lines = [];
				for (const [key, page] of Object.entries(pages)) {
					const r = await page.evaluate(() => ({ layers: window.__host.predict.layers.length, values: window.__host.predict.pixels.length }));
					await page.bringToFront();
					const bare = [];
					for (let i = 0; i < 7; i++) bare.push(await page.evaluate(predictAgain, [asked++, true]));
					const stats = await page.evaluate(hostStats, asked++);
					lines.push(`${key}: ${stats.backend} backend in the worker (WebGL: ${stats.webgl}), ${r.values} input values, outputs of ${r.layers} layers asked for (the widget's request); the same prediction asking no layer: median ${median(bare)} ms of 7`);
					const problems = page.problems;
					await page.close();
					if (problems.length > 0) throw new Error(`the ${key} page reported: ${problems.join('; ')}`);
				}
				return lines;
			},
		},
		{
			id: 'vault-model-folder',
			name: 'cnn-classify, the vault\'s shapes model (32x32x3) on datasets/shapes (12 pictures): note opened -> the strip done (ms), a fresh page each run',
			setup: async () => ({ ours: [] }),
			ours: async (ctx, runs) => (await freshOpen(ctx, FOLDER, FOLDER_DONE, runs.ours)).ms,
			check: async (_ctx, runs) => [taskLines('folder', runs.ours), hostLines('folder', runs.ours)],
		},
		{
			id: 'vault-model-folder-longest-task',
			name: 'the same folder opens: longest main-thread task until the strip is done (ms; 0 when none passed 50 ms), a fresh page each run',
			budgetMs: 50,
			setup: async () => ({ ours: [] }),
			ours: async (ctx, runs) => (await freshOpen(ctx, FOLDER, FOLDER_DONE, runs.ours)).longest,
			check: async (_ctx, runs) => [taskLines('folder', runs.ours)],
		},
	],
	notes: [
		'The big model is built in Node with tfjs (cpu, seeded He/Glorot initialisers: untrained, the same weights every run), saved as model.json + 2 weight shards + a Teachable Machine metadata.json into a temporary copy of the example vault, served by a second preview server; pages of the shared browser open it.',
		'Opens: from window.cnnPreview.renderSnippet(note) until the widget root has data-state="ready" and data-prediction (the folder: its strip data-state="done"); long tasks from the Long Tasks API while that lasts.',
		'The reference is another, much smaller model opened alike in the same run (a yardstick on a shared machine, not a former version): its speed-up columns are plain ratios.',
		'Longest task: the Long Tasks API reports only tasks over 50 ms, so a run without one counts as 0 (under budget).',
		'Round trips: a wrapper of Worker (installed before the page loads) timestamps the model host\'s messages; vault-model-predict posts the widget\'s last predict request again with a fresh id.',
	],
};
