import { formatWeight, kernelsOf, patchKernels, type KernelValue } from '../../src/blocks/patch-kernel';
import { itemSpans, keySpan } from '../../src/blocks/value-span';

const INPUT = 'input: |\n  1 2 3 4\n  5 6 7 8\n  9 1 2 3\n  4 5 6 7\n';
const m = (rows: number[][]): KernelValue => ({ rows, name: null });
const preset = (name: string): KernelValue => {
	const k = kernelsOf(`${INPUT}kernel: ${name}\n`)?.[0];
	if (!k) throw new Error(name);
	return k;
};
/** The lines of `after` that differ from `before` (same line count). */
function changedLines(before: string, after: string): string[] {
	const a = before.split('\n');
	return after.split('\n').filter((line, i) => line !== a[i]);
}

describe('formatWeight', () => {
	it('writes the shortest decimal of the same float32', () => {
		expect(formatWeight(Math.fround(0.1))).toBe('0.1');
		expect(formatWeight(0.0625)).toBe('0.0625');
		expect(formatWeight(-2)).toBe('-2');
		expect(formatWeight(-0)).toBe('0');
		expect(formatWeight(Math.fround(1 / 3))).toBe('0.33333334');
	});
});

describe('value spans', () => {
	it('finds a key written as a block scalar, a flow list and a block list', () => {
		const src = 'kernel: |  # mine\n  1 0\n  0 1\nstride: 1\n';
		const span = keySpan(src, 'kernel');
		expect(span).toMatchObject({ form: 'blockScalar', comment: '# mine' });
		expect(src.slice(span?.start, span?.end)).toBe('|  # mine\n  1 0\n  0 1');
		const flow = keySpan('filters: [sobel-x, [[1, 0], [0, 1]]]  # two\n', 'filters');
		expect(flow?.form).toBe('flow');
		const items = flow ? itemSpans('filters: [sobel-x, [[1, 0], [0, 1]]]  # two\n', flow) : null;
		expect(items?.map((s) => s.form)).toEqual(['plain', 'flow']);
		const list = 'filters:\n  - sobel-x\n  # a comment\n  - |\n    1 0\n    0 1\nbias: 0\n';
		const ls = keySpan(list, 'filters');
		expect(ls?.form).toBe('blockList');
		expect(ls ? itemSpans(list, ls)?.map((s) => list.slice(s.start, s.end)) : null).toEqual(['sobel-x', '|\n    1 0\n    0 1']);
	});
});

describe('patchKernels', () => {
	it('changes one number of a block scalar row and nothing else', () => {
		const src = `${INPUT}kernel: |\n  1, 0, 1\n  0  1  0\n  1, 0, 1\nstride: 1  # keep\n`;
		const out = patchKernels(src, [m([[1, 0, 1], [0, 5, 0], [1, 0, 1]])]);
		expect(out).toBe(src.replace('0  1  0', '0  5  0'));
	});

	it('keeps a list of flow rows, a flow matrix and comments', () => {
		const rows = `${INPUT}kernel:\n  - [1, 0]   # top\n  # middle\n  - [0, 1]\n`;
		const out = patchKernels(rows, [m([[1, 0], [0.5, 1]])]);
		expect(out && changedLines(rows, out)).toEqual(['  - [0.5, 1]']);
		const flow = `${INPUT}kernel: [[1, 0], [0, 1]]  # diagonal\n`;
		expect(patchKernels(flow, [m([[1, -2], [0, 1]])])).toBe(flow.replace('[[1, 0]', '[[1, -2]'));
	});

	it('keeps the user\'s text of unchanged weights (no float32 digits appear)', () => {
		const src = `${INPUT}kernel: |\n  0.1 0.2\n  0.3 0.4\n`;
		const k = kernelsOf(src)?.[0];
		if (!k) throw new Error('parse');
		const rows = k.rows.map((r) => r.slice());
		(rows[1] ?? [])[1] = 7;
		expect(patchKernels(src, [m(rows)])).toBe(src.replace('0.4', '7'));
	});

	it('writes a preset as its name and a hand-edited preset as a block of rows', () => {
		const src = `${INPUT}kernel: |\n  1 0 1\n  0 1 0\n  1 0 1\npadding: 1\n`;
		expect(patchKernels(src, [preset('sobel-x')])).toBe(`${INPUT}kernel: sobel-x\npadding: 1\n`);
		const named = `${INPUT}kernel: sobel-x  # edges\npadding: 1\n`;
		const out = patchKernels(named, [m([[-1, 0, 1], [-2, 0, 9], [-1, 0, 1]])]);
		expect(out).toBe(`${INPUT}kernel: |  # edges\n  -1 0 1\n  -2 0 9\n  -1 0 1\npadding: 1\n`);
	});

	it('changes only the filter that changed, in a flow list and in a block list', () => {
		const flow = `${INPUT}filters: [sobel-x, sobel-y]\nbias: [0, 1]\n`;
		const sy = preset('sobel-y');
		const edited = m(sy.rows.map((r, i) => (i === 0 ? [9, ...r.slice(1)] : r)));
		expect(patchKernels(flow, [preset('sobel-x'), edited])).toBe(`${INPUT}filters: [sobel-x, [[9, -2, -1], [0, 0, 0], [1, 2, 1]]]\nbias: [0, 1]\n`);
		const list = `${INPUT}filters:\n  - |\n    1 0\n    0 1\n  - |\n    0 1\n    1 0\n`;
		const out = patchKernels(list, [m([[1, 0], [0, 1]]), m([[0, 1], [3, 0]])]);
		expect(out && changedLines(list, out)).toEqual(['    3 0']);
		expect(patchKernels(list, [m([[1, 0], [0, 1]]), preset('identity')])).toBeNull(); // 3x3 next to 2x2: no such block
	});

	it('returns the source when nothing changed, null when it cannot be patched', () => {
		const src = `${INPUT}kernel: sobel-x\n`;
		expect(patchKernels(src, [preset('sobel-x')])).toBe(src);
		expect(patchKernels(src, [preset('sobel-x'), preset('sobel-y')])).toBeNull();
		expect(patchKernels('kernel: [oops\n', [preset('sobel-x')])).toBeNull();
	});

	it('keeps the comment at the end of a value over several lines when the kernel changes form', () => {
		const src = `${INPUT}kernel: [[1, 0],  # first\n         [0, 1]]  # second\nstride: 1\n`;
		expect(patchKernels(src, [preset('sobel-x')])).toBe(`${INPUT}kernel: sobel-x  # first  # second\nstride: 1\n`);
		const list = `${INPUT}kernel:\n  - [1, 0]\n  - [0, 1]  # last row\nstride: 1\n`;
		expect(patchKernels(list, [preset('sobel-x')])).toBe(`${INPUT}kernel: sobel-x  # last row\nstride: 1\n`);
	});

	it('changes a weight written with the Unicode minus', () => {
		const src = `${INPUT}kernel: |\n  \u22121 1\n  1 0\n`;
		expect(patchKernels(src, [m([[-1, 1], [1, 5]])])).toBe(src.replace('1 0\n', '1 5\n'));
	});

	it('resizes a matrix in its own form (a preset of another size, then edited)', () => {
		const src = `${INPUT}kernel:\n  - [1, 0]\n  - [0, 1]\n`;
		const out = patchKernels(src, [m([[1, 1, 1], [1, 2, 1], [1, 1, 1]])]);
		expect(out).toBe(`${INPUT}kernel:\n  - [1, 1, 1]\n  - [1, 2, 1]\n  - [1, 1, 1]\n`);
	});
});

describe('patchKernels over many edits (property)', () => {
	/** A small deterministic generator (mulberry32). */
	function rng(seed: number): () => number {
		let a = seed;
		return () => {
			a = (a + 0x6d2b79f5) | 0;
			let t = Math.imul(a ^ (a >>> 15), 1 | a);
			t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
			return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
		};
	}
	const FORMS = [
		`${INPUT}kernel: |\n  1 0 -1\n  2, 0, -2\n  1 0 -1\nstride: 1\n`,
		`${INPUT}# my kernel\nkernel:\n  - [1, 0, -1]   # top\n  - [2, 0, -2]\n  - [1, 0, -1]\npadding: 1\n`,
		`${INPUT}kernel: [[1, 0, -1], [2, 0, -2], [1, 0, -1]]  # flow\n`,
		`${INPUT}kernel: sobel-x\n`,
		`${INPUT}filters: [sobel-x, [[0.5, 0, 0], [0, 0.25, 0], [0, 0, 0.125]]]\nbias: [0, 1]\n`,
		`${INPUT}filters:\n  - sobel-y   # edges\n  - |\n    0.1 0.2 0.3\n    0.4 0.5 0.6\n    0.7 0.8 0.9\nactivation: relu\n`,
	];
	const PRESETS = ['identity', 'sharpen', 'box-blur', 'sobel-y', 'laplacian'];

	it('every patch parses to exactly the wanted kernels and leaves the lines outside the kernels as written', () => {
		const random = rng(13);
		let checked = 0;
		for (const form of FORMS) {
			let source = form;
			for (let step = 0; step < 25; step++) {
				const kernels = kernelsOf(source);
				if (!kernels) throw new Error(`does not parse:\n${source}`);
				const wanted = kernels.map((k) => ({ rows: k.rows.map((r) => r.slice()), name: k.name }));
				const i = Math.floor(random() * wanted.length);
				const target = wanted[i];
				if (!target) continue;
				if (random() < 0.25) wanted[i] = preset(PRESETS[Math.floor(random() * PRESETS.length)] ?? 'identity');
				else {
					const r = Math.floor(random() * 3);
					const c = Math.floor(random() * 3);
					(target.rows[r] ?? [])[c] = Math.round((random() * 20 - 10) * 8) / 8;
					target.name = null;
				}
				const out = patchKernels(source, wanted);
				expect(out).not.toBeNull();
				if (!out) continue;
				expect(kernelsOf(out)).toEqual(kernelsOf(out)?.map((k, j) => ({ rows: k.rows, name: wanted[j]?.name ?? null })));
				kernelsOf(out)?.forEach((k, j) => k.rows.forEach((row, rr) => row.forEach((v, cc) => expect(Math.fround(v)).toBe(Math.fround(wanted[j]?.rows[rr]?.[cc] ?? NaN)))));
				// The input and the keys after the kernels are untouched.
				expect(out.startsWith(INPUT)).toBe(true);
				const tail = (text: string) => text.split('\n').filter((l) => /^(stride|padding|bias|activation):/.test(l));
				expect(tail(out)).toEqual(tail(form));
				source = out;
				checked++;
			}
		}
		expect(checked).toBe(FORMS.length * 25);
	});
});
