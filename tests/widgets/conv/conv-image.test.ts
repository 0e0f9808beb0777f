import { App, Component } from '../../../harness/obsidian';
import { conv2d, makeSample, toArray } from '../../../src/cnn';
import { convFit, parseConvBlock } from '../../../src/blocks/parse-conv';
import type { ConvSpec } from '../../../src/blocks/types';
import { widgetDeps } from '../../../src/blocks/widget-deps';
import type { ImageDecoder } from '../../../src/vault/image';
import { ConvWidget } from '../../../src/widgets/conv/conv-widget';
import { asApp, bufferOf, decodeTestPng, encodePng, rgbaOf } from '../../vault/png';
import { readGrid } from '../../helpers/plugin';
import { saveAndWaitQuiet } from '../../helpers/save';
import { MODIFY_QUIET_MS } from '../../../src/widgets/shared/block-input';

const flush = async (): Promise<void> => {
	for (let i = 0; i < 5; i++) await new Promise((r) => setTimeout(r, 0));
};

/** A gray PNG whose pixel (x, y) has brightness f(x, y) in 0..255. */
const grayPng = (w: number, h: number, f: (x: number, y: number) => number): ArrayBuffer =>
	encodePng(w, h, rgbaOf(w, h, (x, y) => [f(x, y), f(x, y), f(x, y), 255]));

function spec(source: string): ConvSpec {
	const r = parseConvBlock(source);
	if (!r.ok) throw new Error(JSON.stringify(r.errors));
	return r.value;
}

/** Mounts a ConvWidget as the processor would, with the fake vault and a test decoder. */
function mount(app: App, source: string, decode: ImageDecoder = decodeTestPng): { el: HTMLElement; section: Component; widget: ConvWidget } {
	const el = document.body.createDiv();
	const section = new Component();
	section.load();
	const deps = { ...widgetDeps(asApp(app), 'notes/lesson.md', { decode }), reducedMotion: false };
	const parsed = spec(source);
	const widget = new ConvWidget(el, parsed, deps, convFit(parsed));
	section.addChild(widget as unknown as Component);
	return { el, section, widget };
}

describe('cnn-conv on a vault image', () => {
	it('resolves the link from the note, decodes the PNG and convolves its brightness', async () => {
		const app = new App();
		app.vault.seed('notes/pics/photo.png', grayPng(4, 4, (x, y) => (x + y) * 30));
		const { el } = mount(app, 'image: "[[pics/photo.png]]"\nkernel: [[1, -1]]\n');
		await flush();
		const input = readGrid(el, 'input');
		expect(input.length).toBe(4);
		expect(input[1]?.[2]).toBeCloseTo(90 / 255, 5);
		const output = readGrid(el, 'output');
		expect(output).toHaveLength(4);
		for (const row of output) for (const v of row) expect(v).toBeCloseTo(-30 / 255, 5);
	});

	it('keeps three channels with channels: rgb, on a canvas, summing the channels', async () => {
		const app = new App();
		app.vault.seed('photo.png', encodePng(20, 20, rgbaOf(20, 20, (x) => [x * 10, 0, 255, 255])));
		const { el } = mount(app, 'image: "[[photo.png]]"\nchannels: rgb\nkernel: [[2]]\n');
		await flush();
		expect(el.querySelector('.cnn-fmap[data-role="input"]')).not.toBeNull();
		expect(el.textContent).toContain('applied to the red, green and blue channels and the three results are added');
		expect(el.querySelector('.cnn-shape')?.textContent).toBe('Shape 20x20x1');
	});

	it('reduces a large picture to 256 pixels per side and says so', async () => {
		const app = new App();
		app.vault.seed('big.png', grayPng(600, 300, () => 128));
		const { el } = mount(app, 'image: "[[big.png]]"\nkernel: box-blur\n');
		await flush();
		expect(el.textContent).toContain('The image is 300x600 pixels (height x width); it is shown reduced to 128x256');
		expect(el.querySelector('.cnn-shape')?.textContent).toBe('Shape 126x254x1');
	});

	it('follows the file: an edit re-renders, a rename keeps it, a deletion shows a message', async () => {
		const app = new App();
		const file = app.vault.seed('a.png', grayPng(3, 3, () => 0));
		const { el } = mount(app, 'image: "[[a.png]]"\nkernel: [[1]]\n');
		await flush();
		expect(readGrid(el, 'output')[0]?.[0]).toBe(0);
		await saveAndWaitQuiet(app.vault, file, grayPng(3, 3, () => 255));
		await flush();
		expect(readGrid(el, 'output')[0]?.[0]).toBe(1);
		await app.vault.rename(file, 'moved/b.png');
		await flush();
		expect(readGrid(el, 'output')[0]?.[0]).toBe(1);
		await saveAndWaitQuiet(app.vault, file, grayPng(3, 3, () => 51));
		await flush();
		expect(readGrid(el, 'output')[0]?.[0]).toBeCloseTo(0.2, 5);
		await app.vault.delete(file);
		await flush();
		expect(el.querySelector('.cnn-notes-error')?.textContent).toContain('The image “moved/b.png” was deleted from the vault.');
	});

	it('says when the link finds no file, and renders once the file appears', async () => {
		const app = new App();
		const { el } = mount(app, 'image: "[[later.png]]"\nkernel: [[1]]\n');
		await flush();
		expect(el.querySelector('.cnn-notes-error')?.textContent).toContain('The image “later.png” was not found in the vault.');
		await app.vault.createBinary('later.png', grayPng(2, 2, () => 255));
		await flush();
		expect(el.querySelector('.cnn-notes-error')).toBeNull();
		expect(readGrid(el, 'output')).toEqual([
			[1, 1],
			[1, 1],
		]);
	});

	it('reports an unsupported format and a corrupt image, translated', async () => {
		const app = new App();
		app.vault.seed('notes.txt', bufferOf(new Uint8Array([1, 2, 3])));
		app.vault.seed('broken.png', bufferOf(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0])));
		const txt = mount(app, 'image: "[[notes.txt]]"\nkernel: [[1]]\n');
		const broken = mount(app, 'image: "[[broken.png]]"\nkernel: [[1]]\n');
		await flush();
		expect(txt.el.querySelector('.cnn-notes-error')?.textContent).toContain('is not an image CNN Notes can read');
		expect(broken.el.querySelector('.cnn-notes-error')?.textContent).toContain('could not be decoded as an image');
	});

	it('refuses a kernel larger than a small image, with the sizes', async () => {
		const app = new App();
		app.vault.seed('tiny.png', grayPng(2, 2, () => 0));
		const { el } = mount(app, 'image: "[[tiny.png]]"\nkernel: sobel-x\n');
		await flush();
		expect(el.querySelector('.cnn-notes-error')?.textContent).toMatch(/3x3.*2x2/);
		expect(el.querySelector('.cnn-notes-error-doc')?.textContent).toBe('kernel: The kernel that slides over the input: rows of weights, or a preset name such as sobel-x.');
	});

	it('removes its vault listeners when unloaded', async () => {
		const app = new App();
		app.vault.seed('a.png', grayPng(3, 3, () => 0));
		const { section } = mount(app, 'image: "[[a.png]]"\nkernel: [[1]]\n');
		await flush();
		expect(app.vault.listenerCount('modify')).toBe(1);
		section.unload();
		for (const name of ['modify', 'rename', 'delete', 'create']) expect(app.vault.listenerCount(name)).toBe(0);
	});
});

describe('cnn-conv on a built-in sample', () => {
	it('draws the sample and its output on canvases; arrow keys on the output explain cells', () => {
		const app = new App();
		const { el } = mount(app, 'sample: circle\nkernel: sobel-x\n');
		expect(el.querySelector('.cnn-fmap[data-role="input"]')).not.toBeNull();
		const out = el.querySelector<HTMLElement>('.cnn-fmap[data-role="output"]');
		if (!out) throw new Error('no output canvas');
		out.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true }));
		out.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true }));
		expect(el.querySelector('.cnn-explain-title')?.textContent).toBe('Output row 1, column 2');
		const sample = makeSample('circle');
		const expected = toArray(conv2d(sample, { shape: [3, 3, 1, 1], data: Float32Array.from([-1, 0, 1, -2, 0, 2, -1, 0, 1]) })) as number[][];
		expect(Number(el.querySelector('.cnn-explain-result')?.textContent)).toBeCloseTo(expected[0]?.[1] ?? NaN, 2);
		expect(el.querySelectorAll('.cnn-legend').length).toBeGreaterThanOrEqual(2);
	});
});

describe('cnn-conv while a picture loads', () => {
	it('shows at once which file it is loading', () => {
		const app = new App();
		app.vault.seed('a.png', grayPng(3, 3, () => 0));
		const { el } = mount(app, 'image: "[[a.png]]"\nkernel: [[1]]\n');
		expect(el.querySelector('.cnn-conv.is-loading')?.textContent).toBe('Loading “a.png”…');
	});
});

describe('data-state of a cnn-conv block', () => {
	it('loading while the picture loads, ready once drawn, error when the picture is deleted, ready when a matrix renders', async () => {
		const app = new App();
		const file = app.vault.seed('a.png', grayPng(3, 3, () => 0));
		const { el } = mount(app, 'image: "[[a.png]]"\nkernel: [[1]]\n');
		expect(el.getAttribute('data-state')).toBe('loading');
		await flush();
		expect(el.getAttribute('data-state')).toBe('ready');
		await app.vault.delete(file);
		await flush();
		expect(el.getAttribute('data-state')).toBe('error');
		expect(mount(new App(), 'input: [[1, 2], [3, 4]]\nkernel: [[1]]\n').el.getAttribute('data-state')).toBe('ready');
	});
});

describe('cnn-conv follows only the latest version of its picture', () => {
	afterEach(() => jest.useRealTimers());

	it('two edits a quiet period apart: the slower first read does not replace the second; a deletion during a read stays shown', async () => {
		jest.useFakeTimers();
		const app = new App();
		const file = app.vault.seed('a.png', grayPng(3, 3, () => 0));
		// The 100-gray version decodes slowly (longer than the quiet period); the others at once.
		const slow = 2 * MODIFY_QUIET_MS;
		const decode: ImageDecoder = async (bytes, mime) => {
			const image = await decodeTestPng(bytes, mime);
			if (image.data[0] === 100) await new Promise((r) => setTimeout(r, slow));
			return image;
		};
		const { el } = mount(app, 'image: "[[a.png]]"\nkernel: [[1]]\n', decode);
		await jest.advanceTimersByTimeAsync(0);
		expect(readGrid(el, 'output')[0]?.[0]).toBe(0);
		await app.vault.modifyBinary(file, grayPng(3, 3, () => 100));
		await jest.advanceTimersByTimeAsync(MODIFY_QUIET_MS); // the slow read starts
		await app.vault.modifyBinary(file, grayPng(3, 3, () => 255));
		await jest.advanceTimersByTimeAsync(MODIFY_QUIET_MS); // the white read starts and finishes
		expect(readGrid(el, 'output')[0]?.[0]).toBe(1);
		await jest.advanceTimersByTimeAsync(slow); // the slow read finishes, too late
		expect(readGrid(el, 'output')[0]?.[0]).toBe(1);

		await app.vault.modifyBinary(file, grayPng(3, 3, () => 100));
		await jest.advanceTimersByTimeAsync(MODIFY_QUIET_MS); // another slow read starts
		await app.vault.delete(file);
		await jest.advanceTimersByTimeAsync(slow);
		expect(el.querySelector('.cnn-notes-error')?.textContent).toContain('was deleted from the vault');
		expect(el.getAttribute('data-state')).toBe('error');
	});
});
