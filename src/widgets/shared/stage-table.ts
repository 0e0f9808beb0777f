/**
 * A chain of stages as one table: the input once, then one row per filter, one cell per stage.
 * Every cell is an arrow (the operation, and the shape it outputs) glued to the map it produces,
 * so no layout can leave an operator alone on a line. Wide blocks show each row left to right;
 * narrow ones (CSS container queries on `.cnn-stages`) put the rows side by side as columns with
 * the arrows turned down. The arrow's glyph comes from CSS, the words from here.
 */

/** What an arrow says: the operation (e.g. "ReLU", "⊛") and the shape of what it outputs, h x w x c. */
export interface StageArrow {
	op: string;
	shape?: string;
	/** A math symbol (⊛, =) rather than a named operation: drawn without an arrow glyph at wide widths. */
	symbol?: boolean;
}

/** One row of the table (one filter): titled cells, each an arrow and the element its map goes into. */
export class StageRow {
	readonly el: HTMLElement;
	private readonly cells: HTMLElement;

	constructor(parent: HTMLElement, index: number, title: string | null) {
		this.el = parent.createDiv({ cls: 'cnn-stage-row', attr: { 'data-filter': index, role: 'group' } });
		if (title !== null) {
			this.el.addClass('has-title');
			this.el.createDiv({ cls: 'cnn-stage-row-title', text: title });
			this.el.setAttr('aria-label', title);
		}
		this.cells = this.el.createDiv({ cls: 'cnn-stage-cells' });
	}

	/** The body of the last stage added, or null. */
	last: HTMLElement | null = null;
	/** How many stages the row has. */
	count = 0;

	/** Adds a stage (`data-stage` = `stage`): its arrow, and returns the body to draw the map into. */
	cell(stage: string, arrow: StageArrow | null): HTMLElement {
		const cell = this.cells.createDiv({ cls: 'cnn-stage-cell', attr: { 'data-stage': stage } });
		if (arrow) renderArrow(cell, arrow);
		this.count++;
		this.last = cell.createDiv({ cls: 'cnn-stage-body' });
		return this.last;
	}
}

/** Writes an arrow: `.cnn-stage-arrow` holding `.cnn-stage-op` and, when given, `.cnn-stage-arrow-shape`. */
export function renderArrow(parent: HTMLElement, arrow: StageArrow): HTMLElement {
	const el = parent.createDiv({ cls: arrow.symbol ? 'cnn-stage-arrow is-symbol' : 'cnn-stage-arrow' });
	el.createSpan({ cls: 'cnn-stage-op', text: arrow.op });
	if (arrow.shape) el.createSpan({ cls: 'cnn-stage-arrow-shape', text: arrow.shape });
	return el;
}

/** The table: `.cnn-stages` (the container the layout adapts to) > `.cnn-stage-table` > input cell + rows. */
export class StageTable {
	readonly el: HTMLElement;
	/** Where the input map goes (drawn once, left of or above the rows). */
	readonly input: HTMLElement;
	private readonly rowsEl: HTMLElement;
	readonly rows: StageRow[] = [];

	constructor(parent: HTMLElement) {
		this.el = parent.createDiv({ cls: 'cnn-stages' });
		const table = this.el.createDiv({ cls: 'cnn-stage-table' });
		this.input = table.createDiv({ cls: 'cnn-stage-input', attr: { 'data-stage': 'input' } });
		this.rowsEl = table.createDiv({ cls: 'cnn-stage-rows' });
	}

	/** Adds the row of filter `index` (0-based), titled (e.g. "Filter 2") or untitled when there is one filter. */
	row(index: number, title: string | null): StageRow {
		const row = new StageRow(this.rowsEl, index, title);
		this.rows.push(row);
		return row;
	}

	/**
	 * Ends the table: writes a caption under the last map of the last row (e.g. the shape of the
	 * whole output), and marks a chain of more than two stages `is-long` (its input goes above the
	 * rows, leaving the width to the maps).
	 */
	finish(cls: string, text: string): HTMLElement {
		const stages = this.rows[0]?.count ?? 0;
		this.el.toggleClass('is-long', stages > 2);
		const under = this.rows[this.rows.length - 1]?.last ?? this.el;
		return under.createDiv({ cls: `cnn-stage-caption ${cls}`, text });
	}
}
