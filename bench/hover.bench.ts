/**
 * Hover -> explanation on the worst documented inputs, in jsdom, through the widgets' own listeners:
 * the cell's arithmetic written, its window or receptive field highlighted, the other maps cleared.
 * "ours" is the view of src/widgets (explanations with budgets); the reference, "before", is the
 * same view as it was before budgets: frozen copies of the views and their map views in bench/before/
 * (one line changed, see feature-map.ts there), explaining each cell with the public explainPool /
 * explainConv as they did then. Budget: one frame.
 *
 * jsdom does no layout and no painting (its canvases have no 2d context): the times are the
 * script and DOM work of a hover, what blocks the page before the browser can draw.
 */
import { JSDOM } from 'jsdom';
import { Component } from 'obsidian';
import { installDomHelpers } from '../harness/dom';
import { parsePoolBlock } from '../src/blocks/parse-pool';
import type { PoolSpec } from '../src/blocks/types';
import { computeConv, computePool, explainConv, explainPool, type ConvComputation, type ConvSetup, type PoolComputation, type Tensor } from '../src/cnn';
import { ConvView } from '../src/widgets/conv/conv-view';
import { PoolView } from '../src/widgets/pool/pool-view';
import { ConvView as ConvViewBefore } from './before/conv-view';
import { PoolView as PoolViewBefore } from './before/pool-view';
import { hoverCanvas } from '../tests/helpers/hover';
import type { BenchCase, BenchSuite } from './harness';

/** One frame at 60 Hz, in ms: a hover must be answered within it. */
const FRAME_MS = 1000 / 60;
/** Side of the largest picture a block works on (larger ones are downscaled to it). */
const SIDE = 256;

/** Makes jsdom's window the global one, with Obsidian's DOM helpers (createDiv, setText, ...) and no 2d canvas, as under jest. */
function installDom(): void {
	const dom = new JSDOM('<!doctype html><html><body></body></html>', { pretendToBeVisual: true }).window;
	const g = globalThis as Record<string, unknown>;
	const names = ['window', 'document', 'navigator', 'Node', 'Element', 'HTMLElement', 'HTMLCanvasElement', 'HTMLInputElement', 'HTMLButtonElement', 'HTMLSelectElement', 'SVGElement', 'DocumentFragment', 'Event', 'MouseEvent', 'KeyboardEvent', 'FocusEvent', 'getComputedStyle', 'matchMedia', 'requestAnimationFrame', 'cancelAnimationFrame'];
	for (const name of names) g[name] = Reflect.get(dom, name);
	installDomHelpers(window); // jsdom's window, now the global one
	dom.HTMLCanvasElement.prototype.getContext = () => null;
}

/** A tensor of this shape with values uniform in [0, 1) (a picture), from a fixed seed. */
function picture(shape: number[], seed: number): Tensor {
	const n = shape.reduce((a, b) => a * b, 1);
	const data = new Float32Array(n);
	let s = seed >>> 0;
	for (let i = 0; i < n; i++) {
		s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
		data[i] = s / 2 ** 32;
	}
	return { shape, data };
}

/** n random kxk kernels with weights in [-1, 1), two decimals. */
function kernels(n: number, k: number, seed: number): number[][][] {
	const t = picture([n, k, k], seed).data;
	return Array.from({ length: n }, (_, f) => Array.from({ length: k }, (_, r) => Array.from({ length: k }, (_, c) => Math.round((t[(f * k + r) * k + c] ?? 0) * 200 - 100) / 100)));
}

/** A loaded component in a fresh element of the page. */
function mount<V extends Component>(make: (parent: HTMLElement) => V): { root: HTMLElement; view: V } {
	const root = document.body.createDiv();
	const view = make(root);
	view.load();
	return { root, view };
}

/** The `index`-th map with this role (grid or canvas) of a mounted view. */
function mapOf(root: HTMLElement, role: string, index: number): HTMLElement {
	const maps = root.querySelectorAll<HTMLElement>(`.cnn-grid[data-role="${role}"], .cnn-fmap[data-role="${role}"]`);
	const map = maps[index];
	if (!map) throw new Error(`no ${role} map #${index}`);
	return map;
}

/** Hovers cell (row, col) of a map as a pointer would: pointerover on a grid cell, pointermove over a canvas (its frame given a size: jsdom lays nothing out). */
function hover(map: HTMLElement, row: number, col: number): void {
	if (map.hasClass('cnn-grid')) {
		const cell = map.querySelector(`.cnn-cell[data-row="${row}"][data-col="${col}"]`);
		if (!cell) throw new Error(`no cell ${row},${col}`);
		cell.dispatchEvent(new MouseEvent('pointerover', { bubbles: true }));
		return;
	}
	hoverCanvas(map, row, col);
}

/** What one hover left for a person to read: characters of explanation and highlight elements shown. */
function footprint(root: HTMLElement): string {
	const text = root.querySelector('.cnn-explain')?.textContent ?? '';
	const marks = root.querySelectorAll('.cnn-fmap-mark:not(.is-hidden), .cnn-cell.is-tap').length;
	return `${text.length.toLocaleString('en')} characters, ${marks.toLocaleString('en')} highlight elements, ${Math.round(root.querySelectorAll('*').length).toLocaleString('en')} elements in the block`;
}

/** A case hovering two cells in turn (so nothing is answered from a cache) on our view and on the one before budgets. */
function hoverCase(name: string, ours: HTMLElement, before: HTMLElement, map: (root: HTMLElement) => HTMLElement, cells: [number, number][], notes: string[]): BenchCase {
	const run = (root: HTMLElement): (() => void) => {
		const target = map(root);
		let i = 0;
		return () => {
			const [row, col] = cells[i++ % cells.length] ?? [0, 0];
			hover(target, row, col);
		};
	};
	const oursRun = run(ours);
	const beforeRun = run(before);
	oursRun();
	beforeRun();
	notes.push(`- ${name}: ours ${footprint(ours)}; before ${footprint(before)}`);
	return { name, ours: oursRun, reference: beforeRun, budgetMs: FRAME_MS };
}

/** A pool spec for a picture from block source (the keys after `image:`). */
function poolSpec(keys: string): PoolSpec {
	const parsed = parsePoolBlock(`image: "[[picture.png]]"\nchannels: rgb\n${keys}`);
	if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
	return parsed.value;
}

/** Our pool view and the one before budgets on the same input; the reference explains each cell as before (explainPool, checking the input each time). */
function poolPair(keys: string, values: Tensor): { ours: HTMLElement; before: HTMLElement } {
	const spec = poolSpec(keys);
	const comp = computePool(values, spec, spec.globalType);
	const old: PoolComputation = { ...comp, explain: (at) => explainPool(values, comp.options, at) };
	const opts = { notes: [], reducedMotion: false };
	return {
		ours: mount((root) => new PoolView(root, spec, values, comp, opts)).root,
		before: mount((root) => new PoolViewBefore(root, spec, values, old, opts)).root,
	};
}

/** Our conv view and the one before budgets on one computation; the reference explains as before (explainConv, explainPool on each call). */
function convPair(setup: ConvSetup, comp: ConvComputation): { ours: HTMLElement; before: HTMLElement } {
	const opts = { stride: setup.stride, padding: setup.padding, dilation: setup.dilation, bias: setup.bias, flip: setup.flip };
	const pool = comp.pool;
	const pooled = comp.activated ?? comp.output;
	const old: ConvComputation = {
		...comp,
		explain: (at) => explainConv(comp.view, comp.filters, opts, at),
		pool: pool ? { ...pool, explain: (at) => explainPool(pooled, pool.options, at) } : null,
	};
	const viewOpts = { kernelNames: setup.kernels.map(() => null), notes: [], reducedMotion: false, onKernelChange: () => {} };
	return {
		ours: mount((root) => new ConvView(root, setup, comp, viewOpts)).root,
		before: mount((root) => new ConvViewBefore(root, setup, old, viewOpts)).root,
	};
}

/** What one hover of each case writes and highlights, ours and before (filled as the cases are built). */
const footprints: string[] = [];

const suite: BenchSuite = {
	title: 'hover -> explanation (jsdom, through the widgets\' listeners), worst documented inputs: ours vs before budgets',
	reference: 'before',
	cases: () => {
		installDom();
		footprints.push('What one hover writes and highlights:');
		const rgb = picture([SIDE, SIDE, 3], 7);
		const gray = picture([SIDE, SIDE, 1], 8);
		const cases: BenchCase[] = [];

		const globalAvg = poolPair('global: avg\n', rgb);
		cases.push(hoverCase(`cnn-pool global: avg, ${SIDE}x${SIDE}x3 picture`, globalAvg.ours, globalAvg.before, (r) => mapOf(r, 'output', 0), [[0, 0]], footprints));
		const globalMax = poolPair('global: max\n', gray);
		cases.push(hoverCase(`cnn-pool global: max, ${SIDE}x${SIDE}x1 picture (winner, the rest dimmed)`, globalMax.ours, globalMax.before, (r) => mapOf(r, 'output', 0), [[0, 0]], footprints));
		const window64 = poolPair('type: avg\nsize: 64\n', rgb);
		cases.push(hoverCase(`cnn-pool avg size 64, ${SIDE}x${SIDE}x3 picture`, window64.ours, window64.before, (r) => mapOf(r, 'output', 0), [[1, 2], [2, 1]], footprints));

		const setup: ConvSetup = {
			input: rgb,
			kernels: kernels(16, 15, 11),
			bias: undefined,
			stride: [1, 1],
			padding: 'same',
			dilation: [4, 4],
			flip: false,
			transpose: false,
			activation: 'relu',
			pool: { type: 'max', size: [64, 64], stride: [64, 64], padding: 'valid' },
		};
		const conv = convPair(setup, computeConv(setup));
		cases.push(
			hoverCase(`cnn-conv ${SIDE}x${SIDE}x3 picture, 16 filters 15x15, dilation 4, same, relu: an output cell`, conv.ours, conv.before, (r) => mapOf(r, 'output', 0), [[128, 128], [40, 200]], footprints),
		);
		cases.push(
			hoverCase('  the same chain, max pool 64: a pooled cell traced back (64x64 window, 120x120 input cells)', conv.ours, conv.before, (r) => mapOf(r, 'output', 32), [[1, 1], [2, 2]], footprints),
		);
		return cases;
	},
	notes: () => footprints,
};

export default suite;
