import type { Component } from 'obsidian';
import { kernelPresets, presetKernel, VALUE_LIMIT, withinValueLimit } from '../../cnn';
import { clip, currentLanguage, presetLabel, t } from '../../i18n';
import { formatNumber } from '../shared/format';
import type { CellRef } from '../shared/matrix-grid';
import { listen } from '../shared/guard';

/** Called with the new weights (a fresh copy) and the preset name, or null for hand-edited weights. */
export type KernelListener = (rows: number[][], preset: string | null) => void;

/** Reads a typed weight: a finite number (a Unicode minus and a decimal comma are accepted), or null. */
export function readWeight(text: string): number | 'notNumber' | 'outOfRange' {
	const clean = text.trim().replace('\u2212', '-').replace(',', '.');
	if (clean === '' || clean.length > 40 || !/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(clean)) return 'notNumber';
	const value = Number(clean);
	return withinValueLimit(value) ? value : 'outOfRange';
}

/**
 * An editable kernel: a grid of number inputs (Tab, arrow keys and typing work without a mouse)
 * and a preset menu (only presets of the same size unless `allowResize`). Each cell carries
 * data-row, data-col and data-value like the other grids.
 */
export class KernelEditor {
	readonly el: HTMLElement;
	private readonly inputs: HTMLInputElement[][] = [];
	private readonly message: HTMLElement;
	private marked: HTMLElement[] = [];

	constructor(
		private readonly owner: Component,
		parent: HTMLElement,
		private rows: number[][],
		label: string,
		preset: string | null,
		allowResize: boolean,
		private readonly onChange: KernelListener,
	) {
		this.el = parent.createDiv({ cls: 'cnn-figure cnn-kernel-editor' });
		const head = this.el.createDiv({ cls: 'cnn-figure-label' });
		head.createSpan({ text: label });
		const select = head.createEl('select', { cls: 'dropdown cnn-preset', attr: { 'aria-label': t('widget.kernel.preset'), 'data-action': 'preset' } });
		select.createEl('option', { value: '', text: t('widget.kernel.custom') });
		for (const [name, weights] of Object.entries(kernelPresets)) {
			const fits = allowResize || (weights.length === rows.length && weights[0]?.length === rows[0]?.length);
			if (fits) select.createEl('option', { value: name, text: presetLabel(name, currentLanguage()) });
		}
		select.value = preset ?? '';
		listen(owner, select, 'change', () => {
			const chosen = presetKernel(select.value);
			if (chosen) this.onChange(chosen.map((r) => r.slice()), select.value);
		});
		const grid = this.el.createDiv({ cls: 'cnn-grid cnn-grid-kernel', attr: { 'data-role': 'kernel', role: 'grid', 'aria-label': label } });
		rows.forEach((row, r) => {
			const rowEl = grid.createDiv({ cls: 'cnn-grid-row', attr: { role: 'row' } });
			this.inputs.push(
				row.map((value, c) => {
					const cell = rowEl.createDiv({ cls: 'cnn-cell', attr: { role: 'gridcell', 'data-row': r, 'data-col': c, 'data-value': String(value) } });
					const input = cell.createEl('input', {
						cls: 'cnn-weight',
						type: 'text',
						value: formatNumber(value),
						attr: { inputmode: 'decimal', 'aria-label': t('widget.kernel.cell', { row: r + 1, col: c + 1 }) },
					});
					listen(owner, input, 'input', () => this.edit(r, c, false));
					listen(owner, input, 'change', () => this.edit(r, c, true));
					listen(owner, input, 'keydown', (ev) => this.move(ev, r, c));
					return input;
				}),
			);
		});
		this.message = this.el.createDiv({ cls: 'cnn-kernel-message', attr: { 'aria-live': 'polite' } });
		this.select = select;
	}

	private readonly select: HTMLSelectElement;

	/** Gives the focus to the preset menu (after a re-render, when the old menu had it). */
	focusPreset(): void {
		this.select.focus();
	}

	/** The input element of a weight, for tests and focus handling. */
	input(at: CellRef): HTMLInputElement | undefined {
		return this.inputs[at.row]?.[at.col];
	}

	/** Puts the class `is-tap` on these weights (and removes it elsewhere). */
	markTaps(cells: readonly CellRef[]): void {
		for (const el of this.marked) el.removeClass('is-tap');
		this.marked = [];
		for (const at of cells) {
			const cell = this.input(at)?.parentElement;
			if (cell) {
				cell.addClass('is-tap');
				this.marked.push(cell);
			}
		}
	}

	/** Shows a message under the kernel (empty string clears it). */
	setMessage(text: string): void {
		this.message.setText(text);
	}

	private edit(r: number, c: number, committed: boolean): void {
		const input = this.input({ row: r, col: c });
		const row = this.rows[r];
		if (!input || !row) return;
		const value = readWeight(input.value);
		input.toggleClass('is-invalid', typeof value !== 'number');
		if (value === 'outOfRange') {
			this.setMessage(t('widget.kernel.outOfRange', { text: clip(input.value), limit: VALUE_LIMIT, value: formatNumber(row[c] ?? 0) }));
			return;
		}
		if (value === 'notNumber') {
			if (committed) this.setMessage(t('widget.kernel.invalid', { text: clip(input.value), value: formatNumber(row[c] ?? 0) }));
			return;
		}
		this.setMessage('');
		if (value === row[c]) return;
		this.rows = this.rows.map((rr) => rr.slice());
		(this.rows[r] ?? [])[c] = value;
		input.parentElement?.setAttr('data-value', String(value));
		this.select.value = '';
		this.onChange(this.rows.map((rr) => rr.slice()), null);
	}

	private move(ev: KeyboardEvent, r: number, c: number): void {
		const delta: Record<string, [number, number]> = { ArrowUp: [-1, 0], ArrowDown: [1, 0] };
		const d = delta[ev.key];
		if (ev.key === 'Enter') {
			this.edit(r, c, true);
			return;
		}
		if (!d) return;
		const next = this.input({ row: r + d[0], col: c + d[1] });
		if (next) {
			ev.preventDefault();
			next.focus();
			next.select();
		}
	}
}
