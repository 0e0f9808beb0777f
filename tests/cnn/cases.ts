/** Random test cases for conv2d and explainConv, drawn from a seeded Rng and named like tfjs tests. */
import type { ConvOptions, Padding, PoolOptions, Tensor } from '../../src/cnn';
import { Rng } from './helpers';

/** One random conv2d case: input, filters and options, named like a tfjs test. */
export interface ConvCase {
	x: Tensor;
	f: Tensor;
	opts: ConvOptions & { stride: [number, number]; dilation: [number, number]; padding: Padding };
	name: string;
}

/** Largest sizes a random conv2d case draws: image side, channels (in and out) and kernel side. */
export interface ConvLimits {
	size: number;
	channels: number;
	kernel: number;
}

/** The small cases most tests draw: images up to 9x9, up to 4 channels, kernels up to 5x5. */
export const SMALL: ConvLimits = { size: 9, channels: 4, kernel: 5 };

/** Draws a random case whose kernel fits; `padding` and the stride/dilation ranges choose the family. */
export function randomConvCase(
	rng: Rng,
	paddings: readonly ('valid' | 'same' | 'full' | 'number' | 'pair')[],
	maxStride: number,
	maxDil: number,
	strideAndDilation: boolean,
	limits: ConvLimits = SMALL,
): ConvCase {
	for (;;) {
		const h = rng.int(1, limits.size);
		const w = rng.int(1, limits.size);
		const inC = rng.int(1, limits.channels);
		const outC = rng.int(1, limits.channels);
		const kh = rng.int(1, limits.kernel);
		const kw = rng.int(1, limits.kernel);
		let stride: [number, number] = [rng.int(1, maxStride), rng.int(1, maxStride)];
		let dilation: [number, number] = [rng.int(1, maxDil), rng.int(1, maxDil)];
		if (strideAndDilation) {
			stride = [rng.int(2, maxStride), rng.int(1, maxStride)];
			dilation = [rng.int(2, maxDil), rng.int(1, maxDil)];
			if (rng.chance(0.5)) {
				stride.reverse();
				dilation.reverse();
			}
		} else if (rng.chance(0.5)) stride = [1, 1];
		else dilation = [1, 1];
		const kind = rng.pick(paddings);
		const padding: Padding = kind === 'number' ? rng.int(0, 3) : kind === 'pair' ? [rng.int(0, 3), rng.int(0, 3)] : kind;
		const effH = (kh - 1) * dilation[0] + 1;
		const effW = (kw - 1) * dilation[1] + 1;
		const [pr, pc] = typeof padding === 'number' ? [padding, padding] : Array.isArray(padding) ? padding : padding === 'full' ? [effH - 1, effW - 1] : [0, 0];
		if (padding !== 'same' && (h + 2 * pr < effH || w + 2 * pc < effW)) continue;
		const bias = rng.chance(0.7) ? Array.from({ length: outC }, () => rng.float(-1, 1)) : undefined;
		const flip = rng.chance(0.3);
		const x = rng.tensor([h, w, inC]);
		const f = rng.tensor([kh, kw, inC, outC]);
		const p = Array.isArray(padding) ? `[${padding.join(',')}]` : String(padding);
		const name = `x=[${h},${w},${inC}] f=[${kh},${kw},${inC},${outC}] s=[${stride.join(',')}] d=[${dilation.join(',')}] p=${p}${bias ? ' bias' : ''}${flip ? ' flip' : ''}`;
		return { x, f, opts: { stride, dilation, padding, bias, flip }, name };
	}
}

/** One random pooling case with both axes' size and stride spelled out. */
export interface PoolCase {
	x: Tensor;
	opts: Required<PoolOptions> & { size: [number, number]; stride: [number, number] };
	name: string;
}

/** Random pooling cases: sizes and strides varied independently per axis. */
export function* poolCases(seed: number, count: number): Generator<PoolCase> {
	const rng = new Rng(seed);
	let n = 0;
	while (n < count) {
		const [h, w, c] = [rng.int(1, 9), rng.int(1, 9), rng.int(1, 4)];
		const size: [number, number] = [rng.int(1, 4), rng.int(1, 4)];
		const stride: [number, number] = [rng.int(1, 4), rng.int(1, 4)];
		const padding = rng.pick(['valid', 'same'] as const);
		if (padding === 'valid' && (size[0] > h || size[1] > w)) continue;
		n++;
		const type = rng.pick(['max', 'avg', 'min'] as const);
		const name = `x=[${h},${w},${c}] ${type} size=[${size.join(',')}] s=[${stride.join(',')}] p=${padding}`;
		yield { x: rng.tensor([h, w, c]), opts: { type, size, stride, padding }, name };
	}
}
