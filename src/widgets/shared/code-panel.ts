import type { Component } from 'obsidian';
import { t } from '../../i18n';
import type { GeneratedCode } from '../conv/conv-code';
import { listen } from './guard';
import type { CodeTab } from './prefs';

const TABS: readonly CodeTab[] = ['pytorch', 'keras'];
const TAB_TITLES = { pytorch: 'widget.code.pytorch', keras: 'widget.code.keras' } as const;

/** The tabs in the order shown: `first`, then the other. */
function tabOrder(first: CodeTab): CodeTab[] {
	return [first, ...TABS.filter((tab) => tab !== first)];
}

/**
 * A collapsed "The same in code" panel: a tab per library (buttons with role=tab, aria-selected and
 * `data-action="code-tab"`, `first` leading and selected), one snippet showing at a time, then the
 * notes. Its listeners are registered on `owner`. Returns the body, for fillCodePanel.
 */
export function renderCodePanel(owner: Component, parent: HTMLElement, code: GeneratedCode, first: CodeTab = 'pytorch'): HTMLElement {
	const details = parent.createEl('details', { cls: 'cnn-code' });
	details.createEl('summary', { text: t('widget.code.title') });
	const body = details.createDiv({ cls: 'cnn-code-body', attr: { 'data-first': first, 'data-tab': first } });
	// One listener each on the body for every tab it will ever hold (fillCodePanel writes new buttons).
	listen(owner, body, 'click', (ev) => {
		const tab = tabOf(ev.target);
		if (tab) selectTab(body, tab, false);
	});
	listen(owner, body, 'keydown', (ev) => {
		const tab = tabOf(ev.target);
		if (!tab || !['ArrowLeft', 'ArrowRight', 'Home', 'End'].includes(ev.key)) return;
		ev.preventDefault();
		const order = tabOrder(firstOf(body));
		const at = order.indexOf(tab);
		const next = ev.key === 'Home' ? 0 : ev.key === 'End' ? order.length - 1 : (at + (ev.key === 'ArrowRight' ? 1 : order.length - 1)) % order.length;
		selectTab(body, order[next] ?? tab, true);
	});
	fillCodePanel(body, code);
	return body;
}

/** The tab a click or key event came from, or null. */
function tabOf(target: EventTarget | null): CodeTab | null {
	if (!(target instanceof HTMLElement)) return null;
	const button = target.closest('[role="tab"]');
	const tab = button?.getAttribute('data-tab');
	return TABS.find((name) => name === tab) ?? null;
}

function firstOf(body: HTMLElement): CodeTab {
	const first = body.getAttribute('data-first');
	return TABS.find((tab) => tab === first) ?? 'pytorch';
}

/** Shows `tab`'s snippet and marks its button selected (focused too, with `focus`). */
function selectTab(body: HTMLElement, tab: CodeTab, focus: boolean): void {
	body.setAttribute('data-tab', tab);
	for (const button of Array.from(body.querySelectorAll<HTMLElement>('[role="tab"]'))) {
		const selected = button.getAttribute('data-tab') === tab;
		button.setAttribute('aria-selected', String(selected));
		button.setAttribute('tabindex', selected ? '0' : '-1');
		button.toggleClass('is-active', selected);
		if (selected && focus) button.focus();
	}
	for (const panel of Array.from(body.querySelectorAll<HTMLElement>('[role="tabpanel"]'))) panel.hidden = panel.getAttribute('data-tab') !== tab;
}

let panels = 0;

/** Writes the tabs, snippets and notes into `body` (emptied first), keeping the tab shown; for a panel that updates in place. */
export function fillCodePanel(body: HTMLElement, code: GeneratedCode): void {
	body.empty();
	const id = `cnn-code-${++panels}`;
	const list = body.createDiv({ cls: 'cnn-code-tabs', attr: { role: 'tablist', 'aria-label': t('widget.code.title') } });
	const order = tabOrder(firstOf(body));
	for (const tab of order) {
		list.createEl('button', {
			cls: 'cnn-code-tab',
			text: t(TAB_TITLES[tab]),
			attr: { type: 'button', role: 'tab', id: `${id}-${tab}-tab`, 'aria-controls': `${id}-${tab}`, 'data-action': 'code-tab', 'data-tab': tab },
		});
	}
	for (const tab of order) {
		const panel = body.createDiv({ cls: 'cnn-code-snippet', attr: { role: 'tabpanel', tabindex: '0', id: `${id}-${tab}`, 'aria-labelledby': `${id}-${tab}-tab`, 'data-tab': tab } });
		panel.createEl('pre').createEl('code', { text: tab === 'pytorch' ? code.pytorch : code.keras, cls: 'language-python' });
	}
	for (const note of code.notes) body.createDiv({ cls: 'cnn-note', text: t(note) });
	const shown = body.getAttribute('data-tab');
	selectTab(body, TABS.find((tab) => tab === shown) ?? order[0] ?? 'pytorch', false);
}
