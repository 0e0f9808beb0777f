import { setIcon, type Component } from 'obsidian';
import { t } from '../../i18n';
import { guard, listen } from './guard';

/** Playback speeds offered, in steps per second at 1x = 1.25 steps per second. */
export const SPEEDS = [0.5, 1, 2, 4, 16, 64] as const;
const BASE_DELAY_MS = 800;
const MIN_DELAY_MS = 50;

/** What the player reports: the step being written (0-based), or null when every step is done. */
export type StepListener = (index: number | null) => void;

/**
 * Play / pause / step back / step forward / scrub / speed controls over `count` steps.
 * `index` runs from 0 to count; count means "finished, everything shown". Its timer and listeners
 * are registered on `owner`, so unloading the owner stops everything.
 */
export class StepPlayer {
	readonly el: HTMLElement;
	private count: number;
	private position: number;
	private timer: number | null = null;
	private speed: number;
	private readonly playButton: HTMLButtonElement;
	private readonly scrubber: HTMLInputElement;
	private readonly status: HTMLElement;

	constructor(
		private readonly owner: Component,
		parent: HTMLElement,
		count: number,
		private readonly onStep: StepListener,
		reducedMotion = false,
		label = t('player.label'),
	) {
		this.count = count;
		this.position = count;
		this.speed = reducedMotion ? 0.5 : 1;
		this.el = parent.createDiv({ cls: 'cnn-player', attr: { role: 'group', 'aria-label': label } });
		this.button('skip-back', t('player.back'), () => this.stepBack());
		this.playButton = this.button('play', t('player.play'), () => this.toggle());
		this.button('skip-forward', t('player.forward'), () => this.stepForward());
		this.scrubber = this.el.createEl('input', {
			cls: 'cnn-player-scrub',
			type: 'range',
			attr: { min: 0, max: count, step: 1, 'aria-label': t('player.scrub') },
		});
		listen(this.owner, this.scrubber, 'input', () => {
			this.pause();
			this.seek(Number(this.scrubber.value));
		});
		const speedSelect = this.el.createEl('select', { cls: 'dropdown cnn-player-speed', attr: { 'aria-label': t('player.speed') } });
		for (const s of SPEEDS) speedSelect.createEl('option', { value: String(s), text: `${s}x` });
		speedSelect.value = String(this.speed);
		listen(this.owner, speedSelect, 'change', () => {
			this.speed = Number(speedSelect.value);
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
		const delay = Math.max(MIN_DELAY_MS, BASE_DELAY_MS / this.speed);
		const stepsPerTick = Math.max(1, Math.round((this.speed * MIN_DELAY_MS) / BASE_DELAY_MS));
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

	private button(icon: string, label: string, action: () => void): HTMLButtonElement {
		const b = this.el.createEl('button', { cls: 'clickable-icon cnn-player-button', attr: { 'aria-label': label, type: 'button' } });
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
		this.status.setText(
			this.position >= this.count ? t('player.done', { count: this.count }) : t('player.step', { step: this.position + 1, count: this.count }),
		);
	}
}
