import { conv2d, explainConv, explainPool, pool2d, tensor, type ConvExplanation, type Tensor } from '../../src/cnn';
import { poolCases, randomConvCase } from './cases';
import { CaseLog, Rng } from './helpers';

const CLASSIC_INPUT = tensor([
	[1, 1, 1, 0, 0],
	[0, 1, 1, 1, 0],
	[0, 0, 1, 1, 1],
	[0, 0, 1, 1, 0],
	[0, 1, 1, 0, 0],
]);
const CLASSIC_KERNEL: Tensor = { shape: [3, 3, 1, 1], data: Float32Array.from([1, 0, 1, 0, 1, 0, 1, 0, 1]) };

describe('explainConv, fixed cases', () => {
	it('x=[5,5,1] f=[3,3,1,1] s=1 p=valid at (0,0): nine taps whose products sum to 4', () => {
		const e = explainConv(CLASSIC_INPUT, CLASSIC_KERNEL, {}, { row: 0, col: 0, filter: 0 });
		expect(e.taps).toHaveLength(9);
		expect(e.taps.map((t) => t.product)).toEqual([1, 0, 1, 0, 1, 0, 0, 0, 1]);
		expect(e.taps[5]).toEqual({ row: 1, col: 2, channel: 0, value: 1, weight: 0, product: 0, padding: false });
		expect(e).toMatchObject({ bias: 0, sum: 4, output: 4 });
	});

	it('x=[5,5,1] f=[3,3,1,1] p=same at (0,0) with bias 0.5: taps on padding have value 0 and negative coordinates', () => {
		const e = explainConv(CLASSIC_INPUT, CLASSIC_KERNEL, { padding: 'same', bias: [0.5] }, { row: 0, col: 0, filter: 0 });
		expect(e.taps.filter((t) => t.padding).map((t) => [t.row, t.col, t.value])).toEqual([
			[-1, -1, 0],
			[-1, 0, 0],
			[-1, 1, 0],
			[0, -1, 0],
			[1, -1, 0],
		]);
		expect(e).toMatchObject({ bias: 0.5, sum: 2, output: 2.5 });
	});

	it('flip: each tap reports the weight actually applied, from the kernel rotated 180 degrees', () => {
		const k: Tensor = { shape: [2, 2, 1, 1], data: Float32Array.from([1, 2, 3, 4]) };
		const e = explainConv(CLASSIC_INPUT, k, { flip: true }, { row: 0, col: 0, filter: 0 });
		expect(e.taps.map((t) => t.weight)).toEqual([4, 3, 2, 1]);
	});
});

/** Checks one explanation against the conv2d output and the inputs; returns the first problem or null. */
function checkConv(e: ConvExplanation, expected: number, x: Tensor, f: Tensor, k: number, flip: boolean): string | null {
	const [h = 1, w = 1, inC = 1] = x.shape;
	const [kh = 1, kw = 1, , outC = 1] = f.shape;
	if (e.taps.length !== kh * kw * inC) return `${e.taps.length} taps, expected ${kh * kw * inC}`;
	if (e.output !== expected) return `output ${e.output} but conv2d gives ${expected}`;
	let sum = 0;
	for (const [i, t] of e.taps.entries()) {
		const ky = Math.floor(i / (kw * inC));
		const kx = Math.floor(i / inC) % kw;
		const outside = t.row < 0 || t.row >= h || t.col < 0 || t.col >= w;
		if (t.padding !== outside) return `tap ${i} at (${t.row},${t.col}) has padding=${t.padding}`;
		const value = outside ? 0 : x.data[(t.row * w + t.col) * inC + t.channel];
		if (t.value !== value) return `tap ${i} value ${t.value}, input holds ${value}`;
		const fy = flip ? kh - 1 - ky : ky;
		const fx = flip ? kw - 1 - kx : kx;
		const weight = f.data[((fy * kw + fx) * inC + t.channel) * outC + k];
		if (t.weight !== weight) return `tap ${i} weight ${t.weight}, filter holds ${weight}`;
		if (t.product !== t.value * t.weight) return `tap ${i} product ${t.product}`;
		sum += t.product;
	}
	if (Math.abs(sum - e.sum) > 1e-9) return `sum ${e.sum} but the products add up to ${sum}`;
	if (Math.abs(e.sum + e.bias - e.output) > 1e-4) return `sum ${e.sum} + bias ${e.bias} != output ${e.output}`;
	return null;
}

describe('explainConv agrees with conv2d at every output cell (seeded random cases)', () => {
	it('all strides/dilations/paddings incl. full and stride>1 with dilation>1, bias, flip: 200 cases, every cell and filter', () => {
		const rng = new Rng(777);
		const log = new CaseLog();
		for (let i = 0; i < 200; i++) {
			const c = randomConvCase(rng, ['valid', 'same', 'full', 'number', 'pair'], 3, 3, i % 4 === 3);
			const out = conv2d(c.x, c.f, c.opts);
			const [oh = 1, ow = 1, outC = 1] = out.shape;
			for (let oy = 0; oy < oh; oy++)
				for (let ox = 0; ox < ow; ox++)
					for (let k = 0; k < outC; k++) {
						const e = explainConv(c.x, c.f, c.opts, { row: oy, col: ox, filter: k });
						const expected = out.data[(oy * ow + ox) * outC + k] ?? NaN;
						const problem = checkConv(e, expected, c.x, c.f, k, c.opts.flip === true);
						if (problem !== null) log.check(`${c.name} at (${oy},${ox},${k})`, problem);
					}
			log.check(c.name, null);
		}
		expect(log.failures).toEqual([]);
	});
});

describe('explainPool, fixed cases', () => {
	const grid = tensor([[1, 3, 2, 4], [5, 6, 1, 2], [7, 2, 9, 0], [1, 4, 3, 8]]);

	it('x=[4,4,1] max size=2 at (1,1): window of four, winner at (2,2) with 9', () => {
		const e = explainPool(grid, { type: 'max', size: 2 }, { row: 1, col: 1, channel: 0 });
		expect(e.window.map((c) => c.value)).toEqual([9, 0, 3, 8]);
		expect(e.output).toBe(9);
		expect(e.winner).toEqual({ row: 2, col: 2 });
	});

	it('x=[3,3,1] avg size=2 p=same at (1,1): three padded cells, the mean of the one real cell', () => {
		const e = explainPool(tensor([[1, 2, 3], [4, 5, 6], [7, 8, 9]]), { type: 'avg', size: 2, padding: 'same' }, { row: 1, col: 1, channel: 0 });
		expect(e.window.filter((c) => c.padding)).toHaveLength(3);
		expect(e.output).toBe(9);
		expect(e.winner).toBeUndefined();
	});
});

describe('explainPool agrees with pool2d at every output cell (seeded random cases)', () => {
	it('max/avg/min, size=1..4, s=1..4, valid/same: 300 cases, every cell and channel', () => {
		const log = new CaseLog();
		for (const { x, opts, name } of poolCases(2468, 300)) {
			const out = pool2d(x, opts);
			const [oh = 1, ow = 1, c = 1] = out.shape;
			const [h = 1, w = 1] = x.shape;
			for (let oy = 0; oy < oh; oy++)
				for (let ox = 0; ox < ow; ox++)
					for (let ch = 0; ch < c; ch++) {
						const e = explainPool(x, opts, { row: oy, col: ox, channel: ch });
						const expected = out.data[(oy * ow + ox) * c + ch];
						const where = `${name} at (${oy},${ox},${ch})`;
						const real = e.window.filter((cell) => !cell.padding);
						let problem: string | null = null;
						if (e.output !== expected) problem = `output ${e.output} but pool2d gives ${expected}`;
						else if (e.window.length !== opts.size[0] * opts.size[1]) problem = `window of ${e.window.length}`;
						else if (e.window.some((cell) => cell.padding !== (cell.row < 0 || cell.row >= h || cell.col < 0 || cell.col >= w))) problem = 'padding flag wrong';
						else if (e.window.some((cell) => cell.padding && cell.value !== 0)) problem = 'padded cell with a value';
						else if (opts.type === 'avg') {
							const mean = real.reduce((s, cell) => s + cell.value, 0) / real.length;
							if (Math.abs(mean - e.output) > 1e-6 || e.winner !== undefined) problem = `mean ${mean}, winner ${JSON.stringify(e.winner)}`;
						} else {
							const win = real.find((cell) => cell.row === e.winner?.row && cell.col === e.winner.col);
							if (win === undefined || win.value !== e.output) problem = `winner ${JSON.stringify(e.winner)} does not hold the output`;
						}
						if (problem !== null) log.check(where, problem);
					}
			log.check(name, null);
		}
		expect(log.failures).toEqual([]);
	});
});
