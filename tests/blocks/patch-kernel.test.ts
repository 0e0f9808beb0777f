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

	it('resizes a matrix in its own form (a preset of another size, then edited)', () => {
		const src = `${INPUT}kernel:\n  - [1, 0]\n  - [0, 1]\n`;
		const out = patchKernels(src, [m([[1, 1, 1], [1, 2, 1], [1, 1, 1]])]);
		expect(out).toBe(`${INPUT}kernel:\n  - [1, 1, 1]\n  - [1, 2, 1]\n  - [1, 1, 1]\n`);
	});
});
