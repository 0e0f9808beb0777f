/**
 * The canvas MapView while a sweep plays: a step repaints only the maps whose written part changed,
 * from a reused buffer of the shown channel, so a step costs one map, not every filter's maps.
 */
import { Component } from 'obsidian';
import type { Tensor } from '../../../src/cnn';
import { FeatureMapView } from '../../../src/widgets/shared/feature-map';
import { createMapView } from '../../../src/widgets/shared/map-view';
import { loadPlugin } from '../../helpers/plugin';

// jsdom has no 2d canvas: answer null quietly (restoreAllMocks would undo tests/setup.ts's stub).
beforeEach(() => jest.spyOn(HTMLCanvasElement.prototype, 'getContext').mockImplementation(() => null));
afterEach(() => jest.restoreAllMocks());

/** A [h, w, c] tensor whose value at flat index i is i. */
const ramp = (h: number, w: number, c: number): Tensor => ({ shape: [h, w, c], data: Float32Array.from({ length: h * w * c }, (_, i) => i) });

function canvasView(values: Tensor, channel: number, rgb = false) {
	const owner = new Component();
	owner.load();
	const redraw = jest.spyOn(FeatureMapView.prototype, 'redraw');
	const view = createMapView(owner, document.body.createDiv(), values, { role: 'output', label: 'Output', channel, rgb });
	redraw.mockClear();
	return { view, redraw };
}

describe('CanvasView.setPendingFrom', () => {
	it('draws the written cells of its channel and blanks the rest (NaN), from one reused buffer; an unchanged step draws nothing', () => {
		const { view, redraw } = canvasView(ramp(20, 20, 2), 1);
		view.setPendingFrom(3);
		expect(redraw).toHaveBeenCalledTimes(1);
		const first = redraw.mock.calls[0]?.[0];
		expect(first?.shape).toEqual([20, 20, 1]);
		expect(Array.from(first?.data.subarray(0, 5) ?? [])).toEqual([1, 3, 5, NaN, NaN]);
		view.setPendingFrom(3);
		expect(redraw).toHaveBeenCalledTimes(1);
		view.setPendingFrom(4);
		expect(redraw.mock.calls[1]?.[0].data).toBe(first?.data);
		view.setPendingFrom(null);
		expect(redraw.mock.calls[2]?.[0].shape).toEqual([20, 20, 2]);
	});

	it('an rgb output blanks all three channels of the cells not written yet', () => {
		const { view, redraw } = canvasView(ramp(13, 13, 3), 0, true);
		view.setPendingFrom(1);
		expect(Array.from(redraw.mock.calls[0]?.[0].data.subarray(0, 6) ?? [])).toEqual([0, 1, 2, NaN, NaN, NaN]);
	});
});

describe('a conv sweep on canvases repaints only the maps being written', () => {
	it('sample: digit, 4 filters, relu (8 output canvases): the first step paints all 8, each next step only filter 1\'s 2', async () => {
		const { render } = loadPlugin();
		const { el } = await render('cnn-conv', 'sample: digit\nfilters: [sobel-x, sobel-y, laplacian, sharpen]\nactivation: relu\n');
		const forward = el.querySelector<HTMLButtonElement>('button[aria-label="Step forward"]');
		const redraw = jest.spyOn(FeatureMapView.prototype, 'redraw');
		forward?.click();
		expect(redraw).toHaveBeenCalledTimes(8);
		for (let i = 0; i < 5; i++) {
			redraw.mockClear();
			forward?.click();
			expect(redraw).toHaveBeenCalledTimes(2);
		}
	});
});
