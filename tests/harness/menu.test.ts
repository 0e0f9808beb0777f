/** The fake's Menu (harness/menu.ts) behaves as Obsidian's does for the plugin: DOM, clicks, keys, closing. */
import { Menu } from '../../harness/obsidian';

afterEach(() => document.body.empty());

function build(log: string[]): Menu {
	return new Menu()
		.addItem((item) => item.setTitle('First').setIcon('copy').onClick(() => log.push('first')))
		.addSeparator()
		.addItem((item) => item.setTitle('Off').setDisabled(true).onClick(() => log.push('off')))
		.addItem((item) => item.setTitle('Last').onClick(() => log.push('last')));
}

describe('the fake Menu', () => {
	it('shows Obsidian\'s DOM at the position, runs a clicked item and closes, calling onHide', () => {
		const log: string[] = [];
		const menu = build(log);
		menu.onHide(() => log.push('hidden'));
		menu.showAtPosition({ x: 10, y: 20 });
		const dom = document.querySelector<HTMLElement>('body > .menu');
		expect(dom?.querySelector('.menu-scroll')).not.toBeNull();
		expect(Array.from(dom?.querySelectorAll('.menu-item-title') ?? [], (t) => t.textContent)).toEqual(['First', 'Off', 'Last']);
		expect(dom?.querySelectorAll('.menu-separator')).toHaveLength(1);
		expect(dom?.querySelector('.menu-item-icon')?.getAttribute('data-icon')).toBe('copy');
		expect(dom?.style.top).toBe('20px');
		dom?.querySelectorAll<HTMLElement>('.menu-item')[2]?.click();
		expect(log).toEqual(['hidden', 'last']);
		expect(document.querySelector('.menu')).toBeNull();
	});

	it('a disabled item does nothing; a press outside closes the menu', () => {
		const log: string[] = [];
		const menu = build(log);
		menu.showAtPosition({ x: 0, y: 0 });
		document.querySelectorAll<HTMLElement>('.menu-item')[1]?.click();
		expect(log).toEqual([]);
		expect(document.querySelector('.menu')).not.toBeNull();
		document.body.createDiv().dispatchEvent(new MouseEvent('mousedown', { bubbles: true }));
		expect(document.querySelector('.menu')).toBeNull();
	});

	it('arrow keys move the selection (wrapping), Enter runs it, Escape closes', () => {
		const log: string[] = [];
		const menu = build(log);
		const key = (k: string) => document.dispatchEvent(new KeyboardEvent('keydown', { key: k }));
		menu.showAtPosition({ x: 0, y: 0 });
		key('ArrowUp');
		expect(document.querySelector('.menu-item.selected .menu-item-title')?.textContent).toBe('Last');
		key('ArrowDown');
		expect(document.querySelector('.menu-item.selected .menu-item-title')?.textContent).toBe('First');
		key('Enter');
		expect(log).toEqual(['first']);
		menu.showAtPosition({ x: 0, y: 0 });
		key('Escape');
		expect(document.querySelector('.menu')).toBeNull();
		// Closed menus leave no key listener behind.
		key('Enter');
		expect(log).toEqual(['first']);
	});
});
