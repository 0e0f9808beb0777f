/**
 * What a person does with a rendered block, replayed through DOM events: hover or focus an output
 * cell (or walk a heatmap with the arrow keys), type into a kernel weight, pick a preset, play and
 * step, draw on the classify pad, click any control, or change the linked vault file underneath.
 * Only what the block shows is touched; an interaction with nothing to act on does not run.
 */
import type { TFile } from '../../harness/obsidian';
import { bufferOf } from '../vault/png';
import type { VaultFile } from './fixtures';
import type { Mounted } from './property';

/** One interaction; `pick` chooses among the candidate elements (modulo their number). */
export type Interaction =
	| { kind: 'hover'; pick: number; keys: number }
	| { kind: 'kernel'; pick: number; text: string }
	| { kind: 'preset'; pick: number }
	| { kind: 'play'; steps: number }
	| { kind: 'vault'; action: 'modify' | 'delete' | 'rename' | 'create'; pick: number }
	| { kind: 'draw'; points: number[] }
	| { kind: 'click'; pick: number };

/** What an interaction did: whether it ran, the longest explanation it showed, the time it deliberately waited (ms). */
export interface InteractResult {
	ran: boolean;
	explainChars: number;
	waitedMs: number;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** The element picked among candidates, or undefined when there are none. */
function pickOf<T>(list: ArrayLike<T>, pick: number): T | undefined {
	return list.length === 0 ? undefined : list[Math.abs(pick) % list.length];
}

/** A pointer event (jsdom has no PointerEvent: a MouseEvent carrying pointerId). */
function pointer(target: Element, type: string, x = 0, y = 0): void {
	const ev = new MouseEvent(type, { clientX: x, clientY: y, bubbles: true, cancelable: true, button: 0 });
	Object.defineProperty(ev, 'pointerId', { value: 1 });
	target.dispatchEvent(ev);
}

function key(target: Element, name: string): void {
	target.dispatchEvent(new KeyboardEvent('keydown', { key: name, bubbles: true, cancelable: true }));
}

/** Length of the hover/step explanation shown now. */
function explainLength(el: HTMLElement): number {
	return Array.from(el.querySelectorAll('.cnn-explain'), (e) => (e.textContent ?? '').length).reduce((a, b) => Math.max(a, b), 0);
}

/** Hover or focus an output cell; on a heatmap, walk it with the keyboard. */
function hover(el: HTMLElement, pick: number, keys: number): number {
	const cells = el.querySelectorAll<HTMLElement>('.cnn-grid[data-role="output"] .cnn-cell');
	const maps = el.querySelectorAll<HTMLElement>('.cnn-fmap[data-role="output"]');
	let longest = 0;
	const cell = pickOf(cells, pick);
	if (cell) {
		pointer(cell, 'pointerover');
		longest = Math.max(longest, explainLength(el));
		cell.dispatchEvent(new FocusEvent('focusin', { bubbles: true }));
		longest = Math.max(longest, explainLength(el));
		key(cell, pick % 2 ? 'ArrowRight' : 'ArrowDown');
		longest = Math.max(longest, explainLength(el));
	}
	const map = pickOf(maps, pick);
	if (map) {
		const walk = ['ArrowRight', 'End', 'ArrowDown', 'ArrowDown', 'Home', 'ArrowUp'];
		for (let i = 0; i < Math.max(1, keys); i++) {
			key(map, walk[i % walk.length] ?? 'ArrowRight');
			longest = Math.max(longest, explainLength(el));
		}
	}
	return cell || map ? longest : -1;
}

/** Types text into a kernel weight and commits it (input, change, Enter). */
function typeWeight(el: HTMLElement, pick: number, text: string): boolean {
	const input = pickOf(el.querySelectorAll<HTMLInputElement>('input.cnn-weight'), pick);
	if (!input) return false;
	input.focus();
	input.value = text;
	input.dispatchEvent(new Event('input', { bubbles: true }));
	input.dispatchEvent(new Event('change', { bubbles: true }));
	key(input, 'Enter');
	key(input, 'ArrowDown');
	return true;
}

/** Picks a preset from a kernel's menu. */
function preset(el: HTMLElement, pick: number): boolean {
	const select = pickOf(el.querySelectorAll<HTMLSelectElement>('select.cnn-preset'), pick);
	const option = select && pickOf(select.options, pick >> 3);
	if (!select || !option) return false;
	select.value = option.value;
	select.dispatchEvent(new Event('change', { bubbles: true }));
	return true;
}

/** Plays at top speed for a moment, steps forward and back, scrubs, pauses with space. */
async function play(el: HTMLElement, steps: number): Promise<number> {
	const buttons = el.querySelectorAll<HTMLButtonElement>('.cnn-player-button');
	const [back, playButton, forward] = [buttons[0], buttons[1], buttons[2]];
	if (!back || !playButton || !forward) return -1;
	const speed = el.querySelector<HTMLSelectElement>('select.cnn-player-speed');
	if (speed) {
		speed.value = '64';
		speed.dispatchEvent(new Event('change', { bubbles: true }));
	}
	playButton.click();
	await sleep(120);
	for (let i = 0; i < steps; i++) forward.click();
	back.click();
	const scrub = el.querySelector<HTMLInputElement>('input.cnn-player-scrub');
	if (scrub) {
		scrub.value = String(Math.floor(Number(scrub.max || '0') / 2));
		scrub.dispatchEvent(new Event('input', { bubbles: true }));
	}
	const cell = el.querySelector('.cnn-grid[data-role="output"] .cnn-cell, .cnn-fmap[data-role="output"]');
	if (cell) key(cell, ' ');
	playButton.click();
	return 120;
}

/** Draws a stroke on the classify pad (points in pad units) and uses undo once in a while. */
async function draw(el: HTMLElement, points: number[]): Promise<number> {
	const pad = el.querySelector<HTMLCanvasElement>('.cnn-classify-pad-canvas');
	if (!pad) return -1;
	const side = 280;
	pad.getBoundingClientRect = () => ({ left: 0, top: 0, right: side, bottom: side, width: side, height: side, x: 0, y: 0, toJSON: () => ({}) });
	pointer(pad, 'pointerdown', (points[0] ?? 0.5) * side, (points[1] ?? 0.5) * side);
	for (let i = 2; i + 1 < points.length; i += 2) pointer(pad, 'pointermove', (points[i] ?? 0) * side, (points[i + 1] ?? 0) * side);
	await sleep(50);
	pointer(pad, 'pointerup', (points[points.length - 2] ?? 0) * side, (points[points.length - 1] ?? 0) * side);
	return 50;
}

/** Clicks any control (a button, a sample, a layer map) or changes a menu. */
function click(el: HTMLElement, pick: number): boolean {
	const target = pickOf(el.querySelectorAll<HTMLElement>('button:not([disabled]), select, [role="button"], [tabindex]'), pick);
	if (!target) return false;
	if (target instanceof HTMLSelectElement) {
		const option = pickOf(target.options, pick >> 4);
		if (option) target.value = option.value;
		target.dispatchEvent(new Event('change', { bubbles: true }));
		return true;
	}
	target.click();
	key(target, 'Enter');
	return true;
}

/** Changes the vault under the block: the file it links (or a fixture) is modified, deleted, renamed, or a missing one created. */
async function changeVault(m: Mounted, source: string, action: 'modify' | 'delete' | 'rename' | 'create', pick: number, files: readonly VaultFile[]): Promise<boolean> {
	const vault = m.app.vault;
	if (action === 'create') {
		const missing = /\[\[([^\]|#]*missing[^\]|#]*)/.exec(source)?.[1]?.trim() ?? 'missing.png';
		const bytes = files.find((f) => f.path === 'ok-8x8.png')?.content;
		if (!(bytes instanceof ArrayBuffer) || vault.getFileByPath(missing)) return false;
		await vault.createBinary(missing, bytes);
		return true;
	}
	const linked = files.filter((f) => source.includes(f.path) || source.includes(f.path.split('/').pop() ?? f.path));
	const target = pickOf(linked.length > 0 ? linked : files, pick);
	const file: TFile | null = target ? vault.getFileByPath(target.path) : null;
	if (!target || !file) return false;
	if (action === 'delete') await vault.delete(file);
	else if (action === 'rename') await vault.rename(file, `renamed/${pick % 2 ? 'x ' : ''}${file.name}`);
	else {
		const other = pickOf(files, pick >> 2)?.content ?? new ArrayBuffer(0);
		await vault.modifyBinary(file, typeof other === 'string' ? bufferOf(Buffer.from(other, 'utf8')) : other);
	}
	return true;
}

/** Runs an interaction on a mounted block, then lets its timers and promises run. */
export async function interact(m: Mounted, what: Interaction, files: readonly VaultFile[], source: string): Promise<InteractResult> {
	const el = m.el;
	let ran = true;
	let explainChars = 0;
	let waitedMs = 0;
	switch (what.kind) {
		case 'hover': {
			const n = hover(el, what.pick, what.keys);
			ran = n >= 0;
			explainChars = Math.max(0, n);
			break;
		}
		case 'kernel':
			ran = typeWeight(el, what.pick, what.text);
			break;
		case 'preset':
			ran = preset(el, what.pick);
			break;
		case 'play': {
			const waited = await play(el, what.steps);
			ran = waited >= 0;
			waitedMs = Math.max(0, waited);
			explainChars = explainLength(el);
			break;
		}
		case 'draw': {
			const waited = await draw(el, what.points);
			ran = waited >= 0;
			waitedMs = Math.max(0, waited);
			break;
		}
		case 'click':
			ran = click(el, what.pick);
			explainChars = explainLength(el);
			break;
		case 'vault':
			ran = await changeVault(m, source, what.action, what.pick, files);
			break;
	}
	await sleep(0);
	for (let i = 0; i < 400 && el.getAttribute('data-state') === 'loading'; i++) await sleep(5);
	return { ran, explainChars, waitedMs };
}
