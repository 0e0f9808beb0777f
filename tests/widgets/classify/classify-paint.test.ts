/** The bar strip of the flatten layer on values that are not numbers: no bar, and no endless loop. */
import { BarStrip } from '../../../src/widgets/classify/classify-paint';
import { installFakeCanvas, painted } from './classify-helpers';

beforeEach(() => installFakeCanvas());
afterEach(() => jest.restoreAllMocks());

/** Heights (painted pixels) of each column of a strip's last image. */
function heights(canvas: HTMLCanvasElement, count: number, height: number): number[] {
	const data = painted.get(canvas)?.data ?? new Uint8ClampedArray(0);
	return Array.from({ length: count }, (_, x) => {
		let n = 0;
		for (let y = 0; y < height; y++) if ((data[(y * count + x) * 4 + 3] ?? 0) > 0) n++;
		return n;
	});
}

describe('BarStrip', () => {
	it('NaN and ±Infinity (what tfjs max-pooling makes of NaN weights) draw no bar; finite values draw theirs', () => {
		const strip = new BarStrip(document.body.createDiv(), 5, 40, 'strip');
		// The range a layer of only non-finite values gets: chooseScale(0, 0) = [0, 1].
		strip.paint(Float32Array.from([NaN, -Infinity, Infinity, 1, 0.5]), { kind: 'sequential', range: { min: 0, max: 1 } });
		expect(heights(strip.el, 5, 40)).toEqual([0, 0, 0, 40, 20]);
	});

	it('a whole layer of -Infinity paints an empty strip at once', () => {
		const strip = new BarStrip(document.body.createDiv(), 800, 40, 'strip');
		strip.paint(new Float32Array(800).fill(-Infinity), { kind: 'sequential', range: { min: 0, max: 1 } });
		expect(heights(strip.el, 800, 40).every((h) => h === 0)).toBe(true);
	});
});
