/**
 * A budget of DOM insertions, counted on Node.prototype.appendChild and insertBefore (every element
 * the plugin creates goes through them, via Obsidian's createEl helpers). Past the limit the next
 * insertion throws, which ends the runaway work at once: jsdom inserts into a long child list in
 * time proportional to its length, so a hover that highlights 65,536 cells of a 256x256 window would
 * otherwise take a quarter of an hour here (3-4 s in Chromium). The throw is recognised by its
 * message (BUDGET_MARK) wherever it surfaces: an error box, a window error, a rejection.
 */

/** Starts the message of the budget's exception. */
export const BUDGET_MARK = 'fuzz DOM budget';

/** Counts insertions between start() and stop(); `tripped` once the limit was passed. */
export class DomBudget {
	inserted = 0;
	tripped = false;
	private restore: (() => void) | null = null;

	constructor(private readonly limit: number) {}

	/** Starts counting from zero (patches Node.prototype until stop()). */
	start(): void {
		this.stop();
		this.inserted = 0;
		this.tripped = false;
		const proto = Node.prototype;
		const { appendChild, insertBefore } = proto;
		const count = (): void => {
			if (++this.inserted > this.limit) {
				this.tripped = true;
				throw new Error(`${BUDGET_MARK}: more than ${this.limit} DOM nodes inserted`);
			}
		};
		proto.appendChild = function <T extends Node>(this: Node, node: T): T {
			count();
			return appendChild.call(this, node) as T;
		};
		proto.insertBefore = function <T extends Node>(this: Node, node: T, child: Node | null): T {
			count();
			return insertBefore.call(this, node, child) as T;
		};
		this.restore = () => {
			proto.appendChild = appendChild;
			proto.insertBefore = insertBefore;
		};
	}

	/** Stops counting (the counts stay readable). */
	stop(): void {
		this.restore?.();
		this.restore = null;
	}
}
