/**
 * The box that explains the hovered, focused or stepped cell. Until the first cell is explained it
 * holds the hint laid over invisible explanations (the tallest kinds the block can show, plus a
 * spare line), so it has an explanation's height from the start; on the first explanation that
 * height is kept as the box's minimum (`--cnn-explain-min`), so moving across cells never makes the
 * block jump. CSS keeps the box in view with the maps (sticky at the bottom of the screen).
 */
import { explainHint } from './pointer';

/** Writes one explanation into an element (emptied first by the writer or by the box). */
export type ExplainWriter = (el: HTMLElement) => void;

/** An explanation box: `.cnn-explain`, with reserve layers until the first `show`. */
export class ExplainBox {
	readonly el: HTMLElement;
	private reserved = true;

	constructor(parent: HTMLElement, reserves: readonly ExplainWriter[]) {
		this.el = parent.createDiv({ cls: 'cnn-explain is-reserved', attr: { 'aria-live': 'polite' } });
		for (const write of reserves) {
			const layer = this.el.createDiv({ cls: 'cnn-explain-reserve', attr: { 'aria-hidden': 'true' } });
			write(layer);
			layer.createDiv({ cls: 'cnn-explain-spare', text: '\u00a0' });
		}
		this.el.createDiv({ cls: 'cnn-explain-hint', text: explainHint(this.el) });
	}

	/** Whether no cell was explained yet (the hint shows). */
	get isReserved(): boolean {
		return this.reserved;
	}

	/** Replaces the content by one explanation; the first time, keeps the reserved height as the minimum. */
	show(write: ExplainWriter): void {
		if (this.reserved) {
			this.reserved = false;
			const height = this.el.getBoundingClientRect().height;
			if (height > 0) this.el.setCssProps({ '--cnn-explain-min': `${height}px` });
			this.el.removeClass('is-reserved');
		}
		this.el.empty();
		write(this.el);
	}
}
