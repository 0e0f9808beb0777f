import { setIcon, type Component } from 'obsidian';
import { t, type MessageKey, type MessageVars } from '../../i18n';
import { guard, listen } from './guard';

/** Playback speeds offered for cell steps, as multiples of 1x = 1.25 steps per second. */
export const SPEEDS = [0.5, 1, 2, 4, 16, 64] as const;
/** Playback speeds offered for row steps (pictures), in rows per second. */
export const ROW_SPEEDS = [1, 2, 5, 10, 20, 50] as const;
/** Cell steps per second at 1x. */
const BASE_RATE = 1.25;
const MIN_DELAY_MS = 50;

/**
 * What one step is: one output cell (matrices), or one output row of every map (pictures, whose
 * outputs have thousands of cells: a sweep row by row is watchable, cell by cell it takes hours).
 */
export type StepUnit = 'cells' | 'rows';

/** The step unit of a block's input: rows for a vault picture, cells for a matrix or sample. */
export function stepUnitOf(input: { kind: string }): StepUnit {
	return input.kind === 'image' ? 'rows' : 'cells';
}

/** The player's status line: the step being shown (1-based) of `count`, or everything done (step null); singular for one step. */
export function playerStatus(unit: StepUnit, step: number | null, count: number): string {
	const pick = (one: MessageKey, other: MessageKey, vars: MessageVars): string => t(count === 1 ? one : other, vars);
	if (step === null) return unit === 'rows' ? pick('player.rowsDone.one', 'player.rowsDone', { count }) : pick('player.done.one', 'player.done', { count });
	return t(unit === 'rows' ? 'player.row' : 'player.step', { step, count });
}


/**
 * The rate (steps per second) a player starts at: the settings' `speed` (a multiple of 1x, one of
 * SPEEDS) for cell steps; for row steps the ROW_SPEEDS entry nearest to 5 rows per second times
 * `speed`. Reduced motion wins: 0.5x, or 1 row per second.
 */
export function initialRate(unit: StepUnit, speed: number, reducedMotion: boolean): number {
	if (unit === 'rows') {
		if (reducedMotion) return ROW_SPEEDS[0];
		const wanted = 5 * speed;
		return ROW_SPEEDS.reduce((best, r) => (Math.abs(r - wanted) < Math.abs(best - wanted) ? r : best), ROW_SPEEDS[0] as number);
	}
	return (reducedMotion ? SPEEDS[0] : speed) * BASE_RATE;
}

/** How a player starts: the motion preference, its label, what a step is, and the speed (a multiple of 1x). */
export interface PlayerOptions {
	reducedMotion?: boolean;
	label?: string;
	unit?: StepUnit;
	/** The settings' animation speed, a multiple of 1x (one of SPEEDS); default 1. */
	speed?: number;
}

/** What the player reports: the step being written (0-based), or null when every step is done. */
export type StepListener = (index: number | null) => void;

/**
 * Play / pause / step back / step forward / scrub / speed controls over `count` steps (cells, or
 * rows with `unit: 'rows'`, whose speeds are in rows per second), starting at initialRate.
 * `index` runs from 0 to count; count means "finished, everything shown". Its timer and listeners
 * are registered on `owner`, so unloading the owner stops everything.
 */
export class StepPlayer {
	readonly el: HTMLElement;
	private count: number;
	private position: number;
	private timer: number | null = null;
	/** Steps per second. */
	private rate: number;
	private readonly unit: StepUnit;
	private readonly playButton: HTMLButtonElement;
	private readonly scrubber: HTMLInputElement;
	private readonly status: HTMLElement;

	constructor(
		private readonly owner: Component,
		parent: HTMLElement,
		count: number,
		private readonly onStep: StepListener,
		options: PlayerOptions = {},
	) {
		const { reducedMotion = false, label = t('player.label'), unit = 'cells', speed = 1 } = options;
		this.count = count;
		this.position = count;
		this.unit = unit;
		this.el = parent.createDiv({ cls: 'cnn-player', attr: { role: 'group', 'aria-label': label } });
		this.button('skip-back', 'step-back', t('player.back'), () => this.stepBack());
		this.playButton = this.button('play', 'play', t('player.play'), () => this.toggle());
		this.button('skip-forward', 'step-forward', t('player.forward'), () => this.stepForward());
		this.scrubber = this.el.createEl('input', {
			cls: 'cnn-player-scrub',
			type: 'range',
			attr: { min: 0, max: count, step: 1, 'aria-label': t(unit === 'rows' ? 'player.rowScrub' : 'player.scrub'), 'data-action': 'scrub' },
		});
		listen(this.owner, this.scrubber, 'input', () => {
			this.pause();
			this.seek(Number(this.scrubber.value));
		});
		const rows = unit === 'rows';
		const speedSelect = this.el.createEl('select', {
			cls: 'dropdown cnn-player-speed',
			attr: { 'aria-label': t(rows ? 'player.rowSpeed' : 'player.speed'), 'data-unit': unit, 'data-action': 'speed' },
		});
		// Values are steps per second; cell speeds are written as multiples of 1x, row speeds in rows per second.
		const rates = rows ? ROW_SPEEDS.map((r) => [r, t('player.rowsPerSecond', { count: r })] as const) : SPEEDS.map((s) => [s * BASE_RATE, `${s}x`] as const);
		for (const [rate, text] of rates) speedSelect.createEl('option', { value: String(rate), text });
		this.rate = initialRate(unit, speed, reducedMotion);
		speedSelect.value = String(this.rate);
		listen(this.owner, speedSelect, 'change', () => {
			this.rate = Number(speedSelect.value);
		});
		this.status = this.el.createSpan({ cls: 'cnn-player-status', attr: { 'aria-live': 'polite' } });
		this.owner.register(() => this.stopTimer());
		this.sync();
	}

	/** The current step (0-based), or null when finished. */
	get index(): number | null {
		return this.position >= this.count ? null : this.position;
	}

	/** true while playing. */
	get playing(): boolean {
		return this.timer !== null;
	}

	/** Changes the number of steps (after an edit changed the output size) and shows everything. */
	setCount(count: number): void {
		this.pause();
		this.count = count;
		this.scrubber.max = String(count);
		this.position = count;
		this.sync();
	}

	/** Starts playing from the current step (from the first one when finished). */
	play(): void {
		if (this.playing || this.count === 0) return;
		if (this.position >= this.count) this.seek(0);
		this.schedule();
		this.sync();
	}

	/** Stops playing, keeping the current step. */
	pause(): void {
		this.stopTimer();
		this.sync();
	}

	/** Play when paused, pause when playing. */
	toggle(): void {
		if (this.playing) this.pause();
		else this.play();
	}

	/** One step forward (from "finished" back to the first step). */
	stepForward(): void {
		this.pause();
		this.seek(this.position >= this.count ? 0 : this.position + 1);
	}

	/** One step back (from "finished" to the last step). */
	stepBack(): void {
		this.pause();
		this.seek(Math.max(0, (this.position >= this.count ? this.count : this.position) - 1));
	}

	/** Jumps to step `index` (count = finished). */
	seek(index: number): void {
		this.position = Math.max(0, Math.min(this.count, Math.round(index)));
		this.sync();
		this.onStep(this.index);
	}

	private schedule(): void {
		const delay = Math.max(MIN_DELAY_MS, 1000 / this.rate);
		const stepsPerTick = Math.max(1, Math.round((this.rate * delay) / 1000));
		this.timer = window.setTimeout(
			guard(this.owner, () => {
				this.timer = null;
				const next = Math.min(this.count, this.position + stepsPerTick);
				this.seek(next);
				if (next < this.count) this.schedule();
				this.sync();
			}),
			delay,
		);
	}

	private stopTimer(): void {
		if (this.timer !== null) window.clearTimeout(this.timer);
		this.timer = null;
	}

	/** A player button: its icon, `data-action` (what checks click: play, step-back, step-forward), label and action. */
	private button(icon: string, name: string, label: string, action: () => void): HTMLButtonElement {
		const b = this.el.createEl('button', { cls: 'clickable-icon cnn-player-button', attr: { 'aria-label': label, type: 'button', 'data-action': name } });
		setIcon(b, icon);
		listen(this.owner, b, 'click', action);
		return b;
	}

	private sync(): void {
		this.scrubber.value = String(this.position);
		const playing = this.playing;
		setIcon(this.playButton, playing ? 'pause' : 'play');
		this.playButton.setAttribute('aria-label', playing ? t('player.pause') : t('player.play'));
		this.playButton.toggleClass('is-active', playing);
		this.status.setText(playerStatus(this.unit, this.position >= this.count ? null : this.position + 1, this.count));
		this.el.setAttr('data-unit', this.unit);
	}
}
