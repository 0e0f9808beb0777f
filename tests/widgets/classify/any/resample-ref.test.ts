/** The resampling matches references: tfjs's bilinear resize (half-pixel centres) when enlarging, the exact area average when shrinking. */
import * as tf from '@tensorflow/tfjs';
import { resample } from '../../../../src/model/prepare-input';

const pic = (w: number, h: number) => ({ width: w, height: h, channels: 1, data: Float32Array.from({ length: w * h }, (_, i) => Math.sin(i * 1.7) * 0.5 + 0.5) });

it('enlarging equals tf.image.resizeBilinear with half-pixel centres', () => {
	for (const [w, h, W, H] of [[3, 3, 7, 7], [5, 4, 9, 13], [2, 7, 11, 8]] as const) {
		const p = pic(w, h);
		const ours = resample(p, { x: 0, y: 0, w, h }, W, H);
		const ref = tf.tidy(() => tf.image.resizeBilinear(tf.tensor3d(p.data, [h, w, 1]), [H, W], false, true).dataSync());
		let worst = 0;
		for (let i = 0; i < ref.length; i++) worst = Math.max(worst, Math.abs((ours[i] ?? 0) - (ref[i] ?? 0)));
		expect(worst).toBeLessThan(1e-5);
	}
});

it('shrinking equals the exact area average', () => {
	for (const [w, h, W, H] of [[7, 7, 3, 3], [10, 6, 4, 5], [13, 9, 5, 2]] as const) {
		const p = pic(w, h);
		const ours = resample(p, { x: 0, y: 0, w, h }, W, H);
		// Exact: upsample by W*H-ish integer factor with nearest, then box average.
		const fx = W, fy = H;
		const big = new Float32Array(w * fx * h * fy);
		for (let y = 0; y < h * fy; y++) for (let x = 0; x < w * fx; x++) big[y * w * fx + x] = p.data[Math.floor(y / fy) * w + Math.floor(x / fx)] ?? 0;
		const bw = w, bh = h; // each output cell covers w x h big cells
		for (let oy = 0; oy < H; oy++) for (let ox = 0; ox < W; ox++) {
			let s = 0;
			for (let y = oy * bh; y < (oy + 1) * bh; y++) for (let x = ox * bw; x < (ox + 1) * bw; x++) s += big[y * w * fx + x] ?? 0;
			expect(Math.abs((ours[oy * W + ox] ?? 0) - s / (bw * bh))).toBeLessThan(1e-5);
		}
	}
});
