import { App, Component } from '../../../harness/obsidian';
import { parsePoolBlock, poolFit } from '../../../src/blocks/parse-pool';
import type { PoolSpec } from '../../../src/blocks/types';
import { widgetDeps } from '../../../src/blocks/widget-deps';
import { PoolWidget } from '../../../src/widgets/pool/pool-widget';
import { asApp, decodeTestPng, encodePng, rgbaOf } from '../../vault/png';
import { readGrid } from '../../helpers/plugin';
import { saveAndWaitQuiet } from '../../helpers/save';

const flush = async (): Promise<void> => {
	for (let i = 0; i < 5; i++) await new Promise((r) => setTimeout(r, 0));
};

/** A gray PNG whose pixel (x, y) has brightness f(x, y) in 0..255. */
const grayPng = (w: number, h: number, f: (x: number, y: number) => number): ArrayBuffer =>
	encodePng(w, h, rgbaOf(w, h, (x, y) => [f(x, y), f(x, y), f(x, y), 255]));

function spec(source: string): PoolSpec {
	const r = parsePoolBlock(source);
	if (!r.ok) throw new Error(JSON.stringify(r.errors));
	return r.value;
}

/** Mounts a PoolWidget as the pool processor does (with the block's poolFit), on the fake vault and a test decoder. */
function mount(app: App, source: string): HTMLElement {
	const el = document.body.createDiv();
	const section = new Component();
	section.load();
	const deps = { ...widgetDeps(asApp(app), 'notes/lesson.md', { decode: decodeTestPng }), reducedMotion: false };
	const parsed = spec(source);
	section.addChild(new PoolWidget(el, parsed, deps, poolFit(parsed)) as unknown as Component);
	return el;
}

describe('cnn-pool on a vault picture (its size known only once loaded)', () => {
	it('a 3x3 window on a 2x2 picture: the error box names both sizes; a 4x4 version of the file then renders', async () => {
		const app = new App();
		const file = app.vault.seed('small.png', grayPng(2, 2, () => 255));
		const el = mount(app, 'image: "[[small.png]]"\nsize: 3\n');
		await flush();
		expect(el.querySelector('.cnn-pool')).toBeNull();
		expect(el.querySelector('.cnn-notes-error')?.textContent).toContain(
			'The pooling window (3x3) is larger than the input (2x2); use a smaller size or “padding: same”.',
		);
		expect(el.querySelector('.cnn-notes-error-doc')?.textContent).toBe('size: The window size: a number, or [rows, cols].');
		await saveAndWaitQuiet(app.vault, file, grayPng(4, 4, (x, y) => (x + y) * 20));
		await flush();
		expect(el.querySelector('.cnn-notes-error')).toBeNull();
		expect(readGrid(el, 'output')).toHaveLength(1);
	});

	it("the same window with padding 'same' pools the 2x2 picture into one cell, its brightest pixel", async () => {
		const app = new App();
		app.vault.seed('small.png', grayPng(2, 2, (x, y) => x * y * 255));
		const el = mount(app, 'image: "[[small.png]]"\nsize: 3\npadding: same\n');
		await flush();
		expect(el.querySelector('.cnn-notes-error')).toBeNull();
		expect(readGrid(el, 'output')).toEqual([[1]]);
	});

	it('global pooling takes a 1x1 picture, which the default 2x2 window does not fit', async () => {
		const app = new App();
		app.vault.seed('dot.png', grayPng(1, 1, () => 255));
		const global = mount(app, 'image: "[[dot.png]]"\nglobal: avg\n');
		const windowed = mount(app, 'image: "[[dot.png]]"\n');
		await flush();
		expect(global.querySelector('.cnn-notes-error')).toBeNull();
		expect(readGrid(global, 'output')).toEqual([[1]]);
		expect(windowed.querySelector('.cnn-notes-error')?.textContent).toContain('The pooling window (2x2) is larger than the input (1x1)');
	});
});
