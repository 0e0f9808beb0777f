import { prepareSource } from '../../../../src/widgets/classify/classify-prepare';
import { doubtOf } from '../../../../src/model/doubt';
import { fitPicture } from '../../../../src/model/prepare-input';

const pic = (w: number, h: number, c: number, v: (i: number) => number) => ({ width: w, height: h, channels: c, data: Float32Array.from({ length: w * h * c }, (_, i) => v(i)) });

describe.each([[1, 1], [1, 7], [9, 1], [2, 2], [3000, 2]])('%ix%i picture', (w, h) => {
	it('mnist path', () => {
		const p = prepareSource({ kind: 'picture', picture: pic(w, h, 1, (i) => (i % 2 ? 0 : 1)) }, { shape: [28, 28, 1], fit: 'crop', scale: '0..1', mnistPictures: true });
		if (p) {
			expect(p.pixels.every(Number.isFinite)).toBe(true);
			const d = doubtOf(new Float32Array([0.9, 0.1]), p.digit);
			expect(d === null || typeof d.kind === 'string').toBe(true);
		}
	});
	it.each(['crop', 'pad'] as const)('fit %s to 32x64x3', (fit) => {
		const f = fitPicture(pic(w, h, 3, (i) => (i % 5) / 4), [32, 64, 3], fit, '-1..1');
		expect(f.pixels.length).toBe(32 * 64 * 3);
		expect(f.pixels.every((v) => Number.isFinite(v) && v >= -1 && v <= 1)).toBe(true);
	});
});
