import { App, Component } from '../../../harness/obsidian';
import { parseConvBlock, convFit } from '../../../src/blocks/parse-conv';
import { widgetDeps } from '../../../src/blocks/widget-deps';
import { ConvWidget } from '../../../src/widgets/conv/conv-widget';
import { MODIFY_QUIET_MS } from '../../../src/widgets/shared/block-input';
import { readGrid } from '../../helpers/plugin';
import { asApp, decodeTestPng, encodePng, rgbaOf } from '../../vault/png';

const grayPng = (v: number): ArrayBuffer => encodePng(3, 3, rgbaOf(3, 3, () => [v, v, v, 255]));

/** Lets pending promises (the read and decode of a picture) run without moving the fake clock. */
const settle = async (): Promise<void> => {
	for (let i = 0; i < 10; i++) await Promise.resolve();
};

/** A conv block on `a.png` (gray 0), loaded, with a spy on each read of the picture. */
async function mounted() {
	const app = new App();
	const file = app.vault.seed('a.png', grayPng(0));
	const read = jest.spyOn(app.vault, 'readBinary');
	const el = document.body.createDiv();
	const section = new Component();
	section.load();
	const parsed = parseConvBlock('image: "[[a.png]]"\nkernel: [[1]]\n');
	if (!parsed.ok) throw new Error('bad block');
	const deps = widgetDeps(asApp(app), 'note.md', { decode: decodeTestPng });
	section.addChild(new ConvWidget(el, parsed.value, deps, convFit(parsed.value)) as unknown as Component);
	await settle();
	expect(read).toHaveBeenCalledTimes(1);
	read.mockClear();
	const shown = (): number | undefined => readGrid(el, 'output')[0]?.[0];
	expect(shown()).toBe(0);
	return { app, file, read, el, section, shown };
}

describe(`a burst of modifications of a block's picture is read once, ${MODIFY_QUIET_MS} ms after the last`, () => {
	beforeEach(() => jest.useFakeTimers());
	afterEach(() => jest.useRealTimers());

	it('five saves 100 ms apart: no read until the picture has been quiet, then one read showing the last version', async () => {
		const { app, file, read, shown } = await mounted();
		for (const v of [51, 102, 153, 204, 255]) {
			await app.vault.modifyBinary(file, grayPng(v));
			await jest.advanceTimersByTimeAsync(100);
		}
		expect(read).not.toHaveBeenCalled();
		expect(shown()).toBe(0);
		await jest.advanceTimersByTimeAsync(MODIFY_QUIET_MS - 100 - 1);
		expect(read).not.toHaveBeenCalled();
		await jest.advanceTimersByTimeAsync(1);
		await settle();
		expect(read).toHaveBeenCalledTimes(1);
		expect(shown()).toBe(1);
		await jest.advanceTimersByTimeAsync(10 * MODIFY_QUIET_MS);
		expect(read).toHaveBeenCalledTimes(1);
	});

	it('a rename is followed at once, and its read replaces a pending re-read', async () => {
		const { app, file, read, el, shown } = await mounted();
		await app.vault.modifyBinary(file, grayPng(255));
		await app.vault.rename(file, 'moved/b.png');
		await settle();
		expect(read).toHaveBeenCalledTimes(1);
		expect(read.mock.calls[0]?.[0]?.path).toBe('moved/b.png');
		expect(shown()).toBe(1);
		await jest.advanceTimersByTimeAsync(10 * MODIFY_QUIET_MS);
		expect(read).toHaveBeenCalledTimes(1);
		expect(el.getAttribute('data-state')).toBe('ready');
	});

	it('a deletion is shown at once and cancels a pending re-read', async () => {
		const { app, file, read, el } = await mounted();
		await app.vault.modifyBinary(file, grayPng(255));
		await app.vault.delete(file);
		expect(el.querySelector('.cnn-notes-error')?.textContent).toContain('The image “a.png” was deleted from the vault.');
		await jest.advanceTimersByTimeAsync(10 * MODIFY_QUIET_MS);
		expect(read).not.toHaveBeenCalled();
		expect(el.querySelector('.cnn-notes-error')?.textContent).toContain('The image “a.png” was deleted from the vault.');
		expect(el.getAttribute('data-state')).toBe('error');
	});

	it('unloading cancels a pending re-read and leaves no timer', async () => {
		const { app, file, read, section } = await mounted();
		await app.vault.modifyBinary(file, grayPng(255));
		expect(jest.getTimerCount()).toBe(1);
		section.unload();
		expect(jest.getTimerCount()).toBe(0);
		await jest.advanceTimersByTimeAsync(10 * MODIFY_QUIET_MS);
		expect(read).not.toHaveBeenCalled();
	});
});
