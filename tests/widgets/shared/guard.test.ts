/**
 * The last net (src/widgets/shared/guard.ts and the widget base): what a callback throws ends as the
 * block's translated "something went wrong" box, the technical detail and the source folded away,
 * and never reaches `window` as an error or an unhandled rejection.
 */
import { Component } from 'obsidian';
import { App, setLanguage } from '../../../harness/obsidian';
import { widgetDeps } from '../../../src/blocks/widget-deps';
import type { InputSpec } from '../../../src/blocks/types';
import { BlockWidget } from '../../../src/widgets/shared/block-widget';
import { crash, guard, listen, onCrash } from '../../../src/widgets/shared/guard';
import { asObsidianApp } from '../../helpers/plugin';

/** A widget whose button throws when clicked and whose timer rejects, like a bug would. */
class FaultyWidget extends BlockWidget<{ input: InputSpec }> {
	protected inputSpec(): InputSpec {
		return this.spec.input;
	}

	protected render(): void {
		const view = new Component();
		const button = this.containerEl.createEl('button', { text: 'go' });
		listen(view, button, 'click', () => {
			throw new Error('conv2d: filters must contain only finite numbers, got Infinity');
		});
		this.showView(view);
	}
}

/** Collects window errors and unhandled rejections while a test runs. */
function escapes(): { list: unknown[]; stop(): void } {
	const list: unknown[] = [];
	const onError = (e: ErrorEvent): void => void list.push(e.error);
	const onRejection = (e: unknown): void => void list.push(e);
	window.addEventListener('error', onError);
	process.on('unhandledRejection', onRejection);
	return {
		list,
		stop: () => {
			window.removeEventListener('error', onError);
			process.off('unhandledRejection', onRejection);
		},
	};
}

describe('guard', () => {
	it('reports a throw and a rejected promise to the owner, and returns normally', async () => {
		const owner = new Component();
		const seen: unknown[] = [];
		onCrash(owner, (e) => seen.push(e));
		expect(() =>
			guard(owner, () => {
				throw new Error('sync');
			})(),
		).not.toThrow();
		guard(owner, () => Promise.reject(new Error('async')))();
		await new Promise((r) => setTimeout(r, 0));
		expect(seen.map((e) => (e as Error).message)).toEqual(['sync', 'async']);
	});

	it('a component without a handler drops the error instead of throwing it into the page', () => {
		expect(() => crash(new Component(), new Error('lost'))).not.toThrow();
	});
});

describe('a widget whose event handler throws', () => {
	afterEach(() => setLanguage('en'));

	it.each([
		['en', 'Something went wrong while drawing this block.', 'Technical details'],
		['es', 'Algo falló al dibujar este bloque.', 'Detalles técnicos'],
	])('shows the translated box (%s) with the detail and the source folded away; nothing reaches window', async (language, text, summary) => {
		setLanguage(language);
		const watch = escapes();
		const el = document.body.createDiv();
		const section = new Component();
		section.load();
		const widget = new FaultyWidget(el, { input: { kind: 'matrix', tensor: { shape: [1, 1, 1], data: new Float32Array(1) } } }, widgetDeps(asObsidianApp(new App()), 'n.md'), 'cnn-conv');
		widget.source = 'input: [[1]]\nkernel: [[1e39]]\n';
		section.addChild(widget);
		expect(el.getAttribute('data-state')).toBe('ready');
		el.querySelector('button')?.click();
		await new Promise((r) => setTimeout(r, 0));
		watch.stop();
		expect(watch.list).toEqual([]);
		expect(el.getAttribute('data-state')).toBe('error');
		const box = el.querySelector('.cnn-notes-error');
		const item = box?.querySelector('li');
		expect(item?.firstElementChild?.textContent).toContain(text);
		expect(item?.textContent).not.toMatch(/^conv2d/);
		const details = box?.querySelector('details');
		expect(details?.open).toBe(false);
		expect(details?.querySelector('summary')?.textContent).toBe(summary);
		expect(details?.querySelector('code')?.textContent).toContain('conv2d: filters must contain only finite numbers');
		expect(details?.querySelector('pre')?.textContent).toBe('input: [[1]]\nkernel: [[1e39]]\n');
		section.unload();
	});
});
