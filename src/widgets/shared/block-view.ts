import { Component } from 'obsidian';
import type { CellRef } from './matrix-grid';
import type { StepPlayer } from './step-player';

const MOVES: Record<string, [number, number]> = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1] };

/** The DOM of one computed block (a child component of its widget): a root element, built on load and removed on unload. */
export abstract class BlockView extends Component {
	protected readonly root: HTMLElement;

	/** Creates the root `div.cnn-notes.<blockClass>` in `parent`; the content is built when the view loads. */
	constructor(parent: HTMLElement, blockClass: string) {
		super();
		this.root = parent.createDiv({ cls: `cnn-notes ${blockClass}` });
	}

	onload(): void {
		this.build();
	}

	onunload(): void {
		this.root.detach();
	}

	/** Builds the view's content inside `root`. */
	protected abstract build(): void;

	/**
	 * The keyboard of an output map: space plays or pauses `player`; an arrow key returns the
	 * neighbour of `from` inside a rows x cols map (the caller moves its cursor there); other keys give null.
	 */
	protected keyToCell(ev: KeyboardEvent, from: CellRef, rows: number, cols: number, player: StepPlayer): CellRef | null {
		if (ev.key === ' ') {
			ev.preventDefault();
			player.toggle();
			return null;
		}
		const d = MOVES[ev.key];
		if (!d) return null;
		ev.preventDefault();
		return { row: Math.max(0, Math.min(rows - 1, from.row + d[0])), col: Math.max(0, Math.min(cols - 1, from.col + d[1])) };
	}
}
