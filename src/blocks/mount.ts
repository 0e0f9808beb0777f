import { MarkdownRenderChild, type MarkdownPostProcessorContext } from 'obsidian';
import { BlockWidget, unexpectedProblem } from '../widgets/shared/block-widget';
import { renderErrorBox } from '../widgets/shared/error-box';
import type { PrefsSource, WidgetPrefs } from '../widgets/shared/prefs';
import type { Result } from './types';

/** How a block kind follows the settings: which of them its widget reads, and the source holding its current values. */
export interface Remount {
	prefs: PrefsSource;
	/** The settings the widget reads: a change of any other one leaves the widget alone (a drawing, a chosen tab, stay). */
	uses: readonly (keyof WidgetPrefs)[];
	/** The source with the widget's current values (saved or not), or null: the last one rendered. */
	latest?: (widget: MarkdownRenderChild) => string | null;
}

/**
 * One block's widget under a component of its own: when a setting the widget reads changes, the
 * widget is unloaded, taken out and a new one built from the source holding its current values
 * (unsaved edits included), so every open block follows the settings without piling up old widgets.
 */
class BlockHost<T> extends MarkdownRenderChild {
	private widget: MarkdownRenderChild | null = null;
	private seen = '';

	constructor(
		el: HTMLElement,
		private source: string,
		private spec: T,
		private readonly parse: (source: string) => Result<T>,
		private readonly build: (spec: T, source: string) => MarkdownRenderChild,
		private readonly remount: Remount,
	) {
		super(el);
	}

	onload(): void {
		this.seen = this.usedPrefs();
		this.widget = this.addChild(this.build(this.spec, this.source));
		this.register(this.remount.prefs.onChange(() => this.prefsChanged()));
	}

	private usedPrefs(): string {
		const prefs = this.remount.prefs.get();
		return JSON.stringify(this.remount.uses.map((key) => prefs[key]));
	}

	private prefsChanged(): void {
		try {
			const now = this.usedPrefs();
			if (now === this.seen || !this.widget) return;
			this.seen = now;
			const latest = this.remount.latest?.(this.widget) ?? null;
			if (latest !== null && latest !== this.source) {
				const again = this.parse(latest);
				if (again.ok) {
					this.spec = again.value;
					this.source = latest;
				}
			}
			this.removeChild(this.widget);
			this.widget = this.addChild(this.build(this.spec, this.source));
		} catch (e) {
			this.containerEl.empty();
			renderErrorBox(this.containerEl, [unexpectedProblem(e, this.source)]);
			this.containerEl.setAttr('data-state', 'error');
		}
	}
}

/**
 * Turns a block's source into a widget: parse, then mount the widget through ctx.addChild, or
 * show the problems in the block. Never throws: anything unexpected becomes an error box too.
 * With `remount` (the plugin's blocks), the widget lives under a BlockHost that rebuilds it when a
 * setting it reads changes; without (widgets built by tests), ctx.addChild gets the widget itself.
 */
export function mountBlock<T>(
	source: string,
	el: HTMLElement,
	ctx: MarkdownPostProcessorContext,
	parse: (source: string) => Result<T>,
	createWidget: (el: HTMLElement, spec: T) => MarkdownRenderChild,
	remount?: Remount,
): void {
	try {
		const result = parse(source);
		if (!result.ok) {
			renderErrorBox(el, result.errors);
			el.setAttr('data-state', 'error');
			return;
		}
		const build = (spec: T, shown: string): MarkdownRenderChild => {
			const widget = createWidget(el, spec);
			if (widget instanceof BlockWidget) widget.source = shown;
			return widget;
		};
		ctx.addChild(remount ? new BlockHost(el, source, result.value, parse, build, remount) : build(result.value, source));
	} catch (e) {
		renderErrorBox(el, [unexpectedProblem(e, source)]);
		el.setAttr('data-state', 'error');
	}
}
