/** Hovering maps in jsdom, shared by the widget tests and the hover benchmark. */

/** Hovers cell (row, col) of a canvas map as a pointer would (jsdom lays nothing out: the frame gets one CSS pixel per cell). */
export function hoverCanvas(map: HTMLElement, row: number, col: number): void {
	const frame = map.querySelector<HTMLElement>('.cnn-fmap-frame');
	if (!frame) throw new Error('no canvas frame');
	const rows = Number(map.style.getPropertyValue('--cnn-fmap-rows'));
	const cols = Number(map.style.getPropertyValue('--cnn-fmap-cols'));
	frame.getBoundingClientRect = () => ({ left: 0, top: 0, width: cols, height: rows, right: cols, bottom: rows, x: 0, y: 0, toJSON: () => ({}) });
	const top = Number(map.style.getPropertyValue('--cnn-fmap-top'));
	const left = Number(map.style.getPropertyValue('--cnn-fmap-left'));
	frame.dispatchEvent(new MouseEvent('pointermove', { clientX: col + left + 0.5, clientY: row + top + 0.5, bubbles: true }));
}
