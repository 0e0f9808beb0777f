import * as tf from '@tensorflow/tfjs';
import { explainPool, pool2d, tensor, type PoolOptions, type Tensor } from '../../src/cnn';
import { batch, CaseLog, diff, Rng, runTf, unbatch, useTfCpu } from './helpers';

beforeAll(useTfCpu);
afterAll(() => expect(tf.memory().numTensors).toBe(0));

type Opts = PoolOptions & { type: 'max' | 'avg' | 'min'; size: [number, number]; stride: [number, number]; padding: 'valid' | 'same' };

/**
 * The plain reading of pooling, written apart from src/cnn: TensorFlow's padding, padded cells
 * skipped, max/min keep the first of equal values (so 0 before -0 gives 0), the mean is a double
 * sum from 0 in row-major window order divided by the real cells, rounded to float32 once.
 */
function reference(x: Tensor, o: Opts): Tensor {
	const [h = 1, w = 1, c = 1] = x.shape;
	const axis = (size: number, k: number, s: number): { out: number; before: number } => {
		if (o.padding === 'valid') return { out: Math.floor((size - k) / s) + 1, before: 0 };
		const out = Math.ceil(size / s);
		return { out, before: Math.floor(Math.max((out - 1) * s + k - size, 0) / 2) };
	};
	const r = axis(h, o.size[0], o.stride[0]);
	const q = axis(w, o.size[1], o.stride[1]);
	const data = new Float32Array(r.out * q.out * c);
	for (let oy = 0; oy < r.out; oy++)
		for (let ox = 0; ox < q.out; ox++)
			for (let ch = 0; ch < c; ch++) {
				let best: number | undefined;
				let sum = 0;
				let count = 0;
				for (let ky = 0; ky < o.size[0]; ky++)
					for (let kx = 0; kx < o.size[1]; kx++) {
						const y = oy * o.stride[0] - r.before + ky;
						const xx = ox * o.stride[1] - q.before + kx;
						if (y < 0 || y >= h || xx < 0 || xx >= w) continue;
						const v = x.data[(y * w + xx) * c + ch]!;
						sum += v;
						count++;
						if (best === undefined || (o.type === 'min' ? v < best : v > best)) best = v;
					}
				data[(oy * q.out + ox) * c + ch] = o.type === 'avg' ? sum / count : best!;
			}
	return { shape: [r.out, q.out, c], data };
}

/** The first flat index where two tensors differ bit for bit (Object.is, so 0 and -0 differ), or null. */
function firstDifference(a: Tensor, b: Tensor): string | null {
	if (a.shape.join(',') !== b.shape.join(',')) return `shape [${a.shape.join(',')}] but expected [${b.shape.join(',')}]`;
	for (let i = 0; i < b.data.length; i++) {
		if (!Object.is(a.data[i], b.data[i])) return `value ${Object.is(a.data[i], -0) ? '-0' : a.data[i]} but expected ${Object.is(b.data[i], -0) ? '-0' : b.data[i]} at flat index ${i}`;
	}
	return null;
}

/** Values that stress the loops: ties, both zeros, float32 extremes and subnormals, plain floats. */
function awkward(rng: Rng, n: number, zeros: number): Float32Array {
	const data = new Float32Array(n);
	const pool = [0, -0, 1, -1, 2, 3.4e38, -3.4e38, 1e-40, -1e-40, 1.5e-45, -1.5e-45];
	for (let i = 0; i < n; i++) {
		const u = rng.next();
		data[i] = u < zeros ? rng.pick([0, -0]) : u < zeros + 0.25 ? rng.pick(pool) : rng.float(-1, 1);
	}
	return data;
}

/** A random case: shape with channel counts 1, 3 or 16 and odd or even sides, window, stride, padding. */
function randomCase(rng: Rng): { x: Tensor; opts: Opts; name: string } {
	for (;;) {
		const c = rng.pick([1, 1, 2, 3, 7, 16]);
		const [h, w] = [rng.int(1, 23), rng.int(1, 23)];
		const size: [number, number] = rng.chance(0.3) ? [2, 2] : rng.chance(0.3) ? [3, 3] : [rng.int(1, 5), rng.int(1, 5)];
		const stride: [number, number] = rng.chance(0.4) ? [2, 2] : [rng.int(1, 6), rng.int(1, 6)];
		const padding = rng.pick(['valid', 'same'] as const);
		if (padding === 'valid' && (size[0] > h || size[1] > w)) continue;
		const type = rng.pick(['max', 'avg', 'min'] as const);
		const x = { shape: [h, w, c], data: awkward(rng, h * w * c, rng.pick([0, 0.1, 0.6])) };
		const name = `x=[${h},${w},${c}] ${type} size=[${size.join(',')}] s=[${stride.join(',')}] p=${padding}`;
		return { x, opts: { type, size, stride, padding }, name };
	}
}

describe('pool2d, signed zeros (fixed cases)', () => {
	const z = (rows: number[][]): Tensor => tensor(rows);
	const one = (t: Tensor): number => t.data[0]!;

	it('x=[2,2,1] max size=2: of equal zeros the first in row-major order wins (0 before -0 gives 0, -0 before 0 gives -0)', () => {
		expect(Object.is(one(pool2d(z([[0, -0], [-0, 0]]), { type: 'max', size: 2 })), 0)).toBe(true);
		expect(Object.is(one(pool2d(z([[-0, 0], [0, 0]]), { type: 'max', size: 2 })), -0)).toBe(true);
		expect(Object.is(one(pool2d(z([[-1, -0], [0, -2]]), { type: 'max', size: 2 })), -0)).toBe(true);
	});

	it('x=[2,2,1] min size=2: of equal zeros the first wins too', () => {
		expect(Object.is(one(pool2d(z([[0, -0], [-0, 0]]), { type: 'min', size: 2 })), 0)).toBe(true);
		expect(Object.is(one(pool2d(z([[1, -0], [0, 2]]), { type: 'min', size: 2 })), -0)).toBe(true);
	});

	it('x=[2,2,1] avg size=2 of four -0: the sum starts from 0, so the mean is 0, not -0', () => {
		expect(Object.is(one(pool2d(z([[-0, -0], [-0, -0]]), { type: 'avg', size: 2 })), 0)).toBe(true);
	});

	it('x=[1,1,3] max and min size=1 keep -0 as it is', () => {
		const x: Tensor = { shape: [1, 1, 3], data: Float32Array.from([-0, 0, -0]) };
		for (const type of ['max', 'min'] as const) {
			expect(Array.from(pool2d(x, { type, size: 1 }).data).map((v) => Object.is(v, -0))).toEqual([true, false, true]);
		}
	});
});

describe('pool2d refuses NaN and ±Infinity with the message naming the first one, read by a window or not', () => {
	const cases: [string, number[], number, PoolOptions, string][] = [
		['NaN in a window, max 2x2 s2', [6, 6, 1], 7, { type: 'max', size: 2 }, 'got NaN at [1, 1, 0]'],
		['Infinity in a window, avg 2x2 s2', [6, 6, 1], 14, { type: 'avg', size: 2 }, 'got Infinity at [2, 2, 0]'],
		['-Infinity in a window, min 3x3 s2 same, 16 channels', [5, 5, 16], 77, { type: 'min', size: 3, stride: 2, padding: 'same' }, 'got -Infinity at [0, 4, 13]'],
		['-Infinity that max would never pick, max 2x2 s2, 3 channels', [4, 4, 3], 5, { type: 'max', size: 2 }, 'got -Infinity at [0, 1, 2]'],
		['-Infinity that max would never pick, max 2x2 s2, 1 channel', [4, 6, 1], 9, { type: 'max', size: 2 }, 'got -Infinity at [1, 3, 0]'],
		['Infinity that min would never pick, min 2x2 s2, 1 channel', [4, 4, 1], 15, { type: 'min', size: 2 }, 'got Infinity at [3, 3, 0]'],
		['NaN in the last row, outside every valid 2x2 s2 window', [5, 4, 1], 18, { type: 'max', size: 2 }, 'got NaN at [4, 2, 0]'],
		['Infinity in a stride gap (size 1, stride 3)', [7, 7, 2], 3, { type: 'avg', size: 1, stride: 3 }, 'got Infinity at [0, 1, 1]'],
		['NaN with invalid options: the value error comes first', [3, 3, 1], 0, { type: 'max', size: 4 }, 'got NaN at [0, 0, 0]'],
	];
	it.each(cases)('%s', (_name, shape, at, opts, message) => {
		const data = new Float32Array(shape.reduce((a, b) => a * b, 1)).fill(0.5);
		data[at] = message.includes('-Infinity') ? -Infinity : message.includes('Infinity') ? Infinity : NaN;
		expect(() => pool2d({ shape, data }, opts)).toThrow(`pool2d: input must contain only finite numbers, ${message}`);
	});

	it('x=[4,4,1] avg 2x2, -Infinity then NaN: the first in row-major order is named', () => {
		const data = new Float32Array(16).fill(1);
		data[3] = -Infinity;
		data[9] = NaN;
		expect(() => pool2d({ shape: [4, 4, 1], data }, { type: 'avg', size: 2 })).toThrow('got -Infinity at [0, 3, 0]');
	});
});

describe('pool2d equals a plain reference bit for bit, and explainPool cell by cell (seeded random cases)', () => {
	it('x=[1..23,1..23,{1,2,3,7,16}] max/avg/min size=1..5 s=1..6 valid/same, with ±0, ties, extremes, subnormals: 500 cases', () => {
		const rng = new Rng(90210);
		const log = new CaseLog();
		for (let n = 0; n < 500; n++) {
			const { x, opts, name } = randomCase(rng);
			const out = pool2d(x, opts);
			let problem = firstDifference(out, reference(x, opts));
			const [oh = 1, ow = 1, c = 1] = out.shape;
			for (let k = 0; k < 8 && problem === null; k++) {
				const at = { row: rng.int(0, oh - 1), col: rng.int(0, ow - 1), channel: rng.int(0, c - 1) };
				const shown = explainPool(x, opts, at).output;
				const got = out.data[(at.row * ow + at.col) * c + at.channel]!;
				if (!Object.is(shown, got)) problem = `explainPool shows ${shown} at ${JSON.stringify(at)} but pool2d gives ${got}`;
			}
			log.check(name, problem);
		}
		expect(log.failures).toEqual([]);
		expect(log.count).toBe(500);
	});
});

describe('pool2d vs tf.maxPool / tf.avgPool on larger maps (seeded random cases)', () => {
	it('x=[16..40,16..40,{1,3,16}] 2x2 s2 valid, 3x3 s2 same and random windows: 60 cases', () => {
		const rng = new Rng(4242);
		const log = new CaseLog();
		for (let n = 0; n < 60; n++) {
			const c = rng.pick([1, 3, 16]);
			const [h, w] = [rng.int(16, 40), rng.int(16, 40)];
			const kind = rng.int(0, 2);
			const size: [number, number] = kind === 0 ? [2, 2] : kind === 1 ? [3, 3] : [rng.int(1, 6), rng.int(1, 6)];
			const stride: [number, number] = kind < 2 ? [2, 2] : [rng.int(1, 5), rng.int(1, 5)];
			const padding = kind === 0 ? 'valid' : kind === 1 ? 'same' : rng.pick(['valid', 'same'] as const);
			const type = rng.pick(['max', 'avg', 'min'] as const);
			const x = rng.tensor([h, w, c]);
			const expected = unbatch(
				runTf(() => {
					if (type === 'avg') return tf.avgPool(batch(x), size, stride, padding);
					if (type === 'max') return tf.maxPool(batch(x), size, stride, padding);
					return tf.neg(tf.maxPool(tf.neg(batch(x)), size, stride, padding));
				}),
			);
			log.check(`x=[${h},${w},${c}] ${type} size=[${size.join(',')}] s=[${stride.join(',')}] p=${padding}`, diff(pool2d(x, { type, size, stride, padding }), expected));
		}
		expect(log.failures).toEqual([]);
		expect(log.count).toBe(60);
	});
});
