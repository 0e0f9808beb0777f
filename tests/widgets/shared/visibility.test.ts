import { App, Component } from '../../../harness/obsidian';
import { parseConvBlock, convFit } from '../../../src/blocks/parse-conv';
import type { InputSpec } from '../../../src/blocks/types';
import { widgetDeps } from '../../../src/blocks/widget-deps';
import type { Problem } from '../../../src/result';
import { ConvWidget } from '../../../src/widgets/conv/conv-widget';
import { BlockWidget } from '../../../src/widgets/shared/block-widget';
import { NEAR_SCREEN_MARGIN, whenNearScreen, type WhenVisible } from '../../../src/widgets/shared/visibility';
import { readGrid } from '../../helpers/plugin';
import { asApp, decodeTestPng, encodePng, rgbaOf } from '../../vault/png';

const flush = async (): Promise<void> => {
	for (let i = 0; i < 5; i++) await new Promise((r) => setTimeout(r, 0));
};

const grayPng = (w: number, h: number, v: number): ArrayBuffer => encodePng(w, h, rgbaOf(w, h, () => [v, v, v, 255]));

/** A WhenVisible the test drives: `show()` is the block scrolling near the screen. */
interface ManualVisibility {
	whenVisible: WhenVisible;
	show(): void;
	watched: HTMLElement[];
	stopped: number;
}

function manualVisibility(): ManualVisibility {
	const starts: (() => void)[] = [];
	const state: ManualVisibility = {
		watched: [],
		stopped: 0,
		whenVisible: (el, start) => {
			state.watched.push(el);
			starts.push(start);
			return () => state.stopped++;
		},
		show: () => {
			for (const start of starts.splice(0)) start();
		},
	};
	return state;
}

/** A conv block on a vault picture, mounted with the test's visibility. */
function mountConv(app: App, whenVisible: WhenVisible, decode = jest.fn(decodeTestPng)) {
	const el = document.body.createDiv();
	const section = new Component();
	section.load();
	const parsed = parseConvBlock('image: "[[a.png]]"\nkernel: [[1]]\n');
	if (!parsed.ok) throw new Error('bad block');
	const deps = widgetDeps(asApp(app), 'note.md', { decode, whenVisible });
	section.addChild(new ConvWidget(el, parsed.value, deps, convFit(parsed.value)) as unknown as Component);
	return { el, section, decode };
}

describe('a block off screen waits', () => {
	it('reads, decodes and computes nothing until it comes near the screen, showing a loading line', async () => {
		const app = new App();
		app.vault.seed('a.png', grayPng(3, 3, 255));
		const read = jest.spyOn(app.vault, 'readBinary');
		const visibility = manualVisibility();
		const { el, decode } = mountConv(app, visibility.whenVisible);
		await flush();
		expect(visibility.watched).toEqual([el]);
		expect(read).not.toHaveBeenCalled();
		expect(decode).not.toHaveBeenCalled();
		expect(el.getAttribute('data-state')).toBe('loading');
		expect(el.querySelector('.cnn-notes-waiting')?.textContent).toBe('Loading…');
		expect(el.querySelector('.cnn-grid')).toBeNull();
		for (const name of ['modify', 'rename', 'delete', 'create']) expect(app.vault.listenerCount(name)).toBe(0);

		visibility.show();
		await flush();
		expect(read).toHaveBeenCalledTimes(1);
		expect(el.querySelector('.cnn-notes-waiting')).toBeNull();
		expect(readGrid(el, 'output')[0]?.[0]).toBe(1);
		expect(el.getAttribute('data-state')).toBe('ready');
	});

	it('unloaded before it came near the screen: stops waiting, never starts, leaves nothing behind', async () => {
		const app = new App();
		app.vault.seed('a.png', grayPng(3, 3, 255));
		const read = jest.spyOn(app.vault, 'readBinary');
		const visibility = manualVisibility();
		const { el, section } = mountConv(app, visibility.whenVisible);
		section.unload();
		expect(visibility.stopped).toBe(1);
		visibility.show(); // a late notification must not start it
		await flush();
		expect(read).not.toHaveBeenCalled();
		expect(el.childElementCount).toBe(0);
		for (const name of ['modify', 'rename', 'delete', 'create']) expect(app.vault.listenerCount(name)).toBe(0);
	});

	it('runs the prepare step (a model load) only once visible', async () => {
		const prepared = jest.fn(async (): Promise<Problem[] | null> => null);
		const rendered = jest.fn();
		class Prepared extends BlockWidget<null> {
			protected inputSpec(): InputSpec | null {
				return null;
			}
			protected prepare(): Promise<Problem[] | null> {
				return prepared();
			}
			protected render(): void {
				rendered();
				this.setState('ready');
			}
		}
		const visibility = manualVisibility();
		const el = document.body.createDiv();
		const section = new Component();
		section.load();
		const deps = widgetDeps(asApp(new App()), 'note.md', { whenVisible: visibility.whenVisible });
		section.addChild(new Prepared(el, null, deps, 'cnn-test') as unknown as Component);
		await flush();
		expect(prepared).not.toHaveBeenCalled();
		expect(rendered).not.toHaveBeenCalled();
		visibility.show();
		await flush();
		expect(prepared).toHaveBeenCalledTimes(1);
		expect(rendered).toHaveBeenCalledTimes(1);
		expect(el.getAttribute('data-state')).toBe('ready');
	});
});

/** A stand-in IntersectionObserver recording what it observes; `report` plays the browser. */
class FakeObserver {
	static made: FakeObserver[] = [];
	observed: Element[] = [];
	disconnected = false;
	constructor(
		readonly callback: IntersectionObserverCallback,
		readonly options: IntersectionObserverInit & { scrollMargin?: string },
	) {
		FakeObserver.made.push(this);
	}
	observe(el: Element): void {
		this.observed.push(el);
	}
	disconnect(): void {
		this.disconnected = true;
	}
	report(isIntersecting: boolean): void {
		const entries = this.observed.map((target) => ({ target, isIntersecting }) as IntersectionObserverEntry);
		this.callback(entries, this as unknown as IntersectionObserver);
	}
}

describe('whenNearScreen', () => {
	const win = window as unknown as { IntersectionObserver?: unknown };
	beforeEach(() => {
		FakeObserver.made = [];
		win.IntersectionObserver = FakeObserver;
	});
	afterEach(() => {
		delete win.IntersectionObserver;
	});

	it('observes the block with the near-screen margin (of the window and of scrolling views) and starts once when it intersects', () => {
		const el = document.body.createDiv();
		const start = jest.fn();
		whenNearScreen(el, start);
		const observer = FakeObserver.made[0];
		if (!observer) throw new Error('no observer');
		expect(observer.observed).toEqual([el]);
		expect(observer.options).toEqual({ rootMargin: NEAR_SCREEN_MARGIN, scrollMargin: NEAR_SCREEN_MARGIN });
		observer.report(false);
		expect(start).not.toHaveBeenCalled();
		observer.report(true);
		expect(start).toHaveBeenCalledTimes(1);
		expect(observer.disconnected).toBe(true);
		observer.report(true);
		expect(start).toHaveBeenCalledTimes(1);
	});

	it('stopping disconnects the observer; a report after that starts nothing', () => {
		const start = jest.fn();
		const stop = whenNearScreen(document.body.createDiv(), start);
		const observer = FakeObserver.made[0];
		stop();
		expect(observer?.disconnected).toBe(true);
		observer?.report(true);
		expect(start).not.toHaveBeenCalled();
	});

	it('where there is no IntersectionObserver, starts at once', () => {
		delete win.IntersectionObserver;
		const start = jest.fn();
		whenNearScreen(document.body.createDiv(), start);
		expect(start).toHaveBeenCalledTimes(1);
	});

	it('a block of the real plugin disconnects its observer when unloaded before it was seen', () => {
		const app = new App();
		app.vault.seed('a.png', grayPng(3, 3, 255));
		const read = jest.spyOn(app.vault, 'readBinary');
		const { section } = mountConv(app, whenNearScreen);
		const observer = FakeObserver.made[0];
		expect(observer?.observed).toHaveLength(1);
		section.unload();
		expect(observer?.disconnected).toBe(true);
		observer?.report(true);
		expect(read).not.toHaveBeenCalled();
	});
});
