import { MAX_INPUT_SIDE } from '../../src/blocks/keys';
import { parsePoolBlock, poolFit } from '../../src/blocks/parse-pool';
import type { Problem, PoolSpec } from '../../src/blocks/types';
import { tensor } from '../../src/cnn';

const SOURCE = `input: |
  1 3 2 4
  5 6 1 2
  7 2 9 0
  1 4 3 8
`;

/** The spec of a source that must parse. */
function spec(source: string): PoolSpec {
	const result = parsePoolBlock(source);
	if (!result.ok) throw new Error(`expected a spec, got ${JSON.stringify(result.errors)}`);
	return result.value;
}

/** The only error of a source that must fail with exactly one problem. */
function only(source: string): Problem {
	const result = parsePoolBlock(source);
	if (result.ok) throw new Error('expected errors, got a spec');
	expect(result.errors).toHaveLength(1);
	return result.errors[0] as Problem;
}

describe('parsePoolBlock', () => {
	it('parses the DESIGN.md example: max, size 2, stride 2', () => {
		expect(spec(`${SOURCE}type: max\nsize: 2\nstride: 2\n`)).toEqual({
			input: {
				kind: 'matrix',
				tensor: tensor([
					[1, 3, 2, 4],
					[5, 6, 1, 2],
					[7, 2, 9, 0],
					[1, 4, 3, 8],
				]),
			},
			type: 'max',
			size: [2, 2],
			stride: [2, 2],
			padding: 'valid',
			globalType: undefined,
		});
	});

	it('defaults: type max, size 2, stride = size, padding valid', () => {
		expect(spec(SOURCE)).toMatchObject({ type: 'max', size: [2, 2], stride: [2, 2], padding: 'valid' });
		expect(spec(`${SOURCE}size: [1, 3]\n`)).toMatchObject({ size: [1, 3], stride: [1, 3] });
		expect(spec(`${SOURCE}size: 3\nstride: 1\n`)).toMatchObject({ size: [3, 3], stride: [1, 1] });
	});

	it.each([
		['type: avg', { type: 'avg' }],
		['type: MIN', { type: 'min' }],
		['padding: same\nsize: 3', { padding: 'same', size: [3, 3], stride: [3, 3] }],
		['size: 5\npadding: same', { size: [5, 5] }],
		['stride: [1, 2]', { stride: [1, 2] }],
	])('%s', (option, expected) => {
		expect(spec(`${SOURCE}${option}\n`)).toMatchObject(expected);
	});

	it('suggests a type for a misspelled one, listing the allowed ones', () => {
		const e = only(`${SOURCE}type: maxx\n`);
		expect(e).toMatchObject({ code: 'block.enum.invalid', key: 'type', line: 6, suggestion: 'max', allowed: 'max, avg, min', vars: { received: '"maxx"' } });
		expect(only(`${SOURCE}type: average\n`)).toMatchObject({ code: 'block.enum.invalid', suggestion: 'avg' });
		expect(only(`${SOURCE}type: 3\n`)).toMatchObject({ code: 'block.enum.invalid', vars: { received: '3' } });
	});

	it('refuses conv-only padding modes and numbers', () => {
		expect(only(`${SOURCE}padding: full\n`)).toMatchObject({ code: 'block.enum.invalid', key: 'padding', line: 6, allowed: 'valid, same', vars: { received: '"full"' } });
		expect(only(`${SOURCE}padding: 1\n`)).toMatchObject({ code: 'block.enum.invalid', vars: { received: '1' } });
	});

	it.each([
		['size: 0', 'block.value.tooSmall', { received: '0', min: 1 }],
		['size: 2.5', 'block.value.notWhole', { received: '2.5' }],
		['size: big', 'block.value.notNumber', { received: '"big"' }],
		[`size: ${MAX_INPUT_SIDE + 1}`, 'block.value.tooLarge', { received: String(MAX_INPUT_SIDE + 1), max: MAX_INPUT_SIDE }],
		['stride: [2, 0]', 'block.value.tooSmall', { received: '0' }],
		['stride: [2]', 'block.pair.length', { count: 1 }],
	])('%s -> %s', (option, code, vars) => {
		expect(only(`${SOURCE}${option}\n`)).toMatchObject({ code, key: option.split(':')[0], line: 6, vars });
	});

	it("rejects a window larger than the input with 'valid' padding, naming both sizes", () => {
		expect(only(`${SOURCE}size: 5\n`)).toMatchObject({ code: 'block.pool.windowTooLarge', key: 'size', line: 6, vars: { received: '5x5', input: '4x4' } });
		expect(only(`${SOURCE}size: [1, 5]\n`)).toMatchObject({ code: 'block.pool.windowTooLarge', vars: { received: '1x5' } });
		expect(only('input: [[1]]\n')).toMatchObject({ code: 'block.pool.windowTooLarge', key: 'size', vars: { received: '2x2', input: '1x1' } });
	});

	it('suggests keys, requires input, reports input problems on their line', () => {
		expect(only(`${SOURCE}tipe: avg\n`)).toMatchObject({ code: 'block.key.unknown', key: 'tipe', line: 6, suggestion: 'type' });
		expect(only('type: max\n')).toMatchObject({ code: 'block.input.missing', key: 'input' });
		expect(only('input: |\n  1 2\n  3 four\n')).toMatchObject({ code: 'block.matrix.notNumber', key: 'input', line: 3, vars: { row: 2, col: 2, received: 'four' } });
	});

	it('reads a sample or an image as the input, and global pooling alone', () => {
		expect(spec('sample: checkerboard\nsize: 4\n').input.kind).toBe('sample');
		expect(spec('image: "[[a.png]]"\nchannels: rgb\n').input).toMatchObject({ kind: 'image', link: { path: 'a.png' }, channels: 'rgb' });
		expect(spec(`${SOURCE}global: avg\n`)).toMatchObject({ globalType: 'avg' });
		expect(only(`${SOURCE}global: max\nsize: 3\ntype: avg\n`)).toMatchObject({ code: 'block.pool.globalWith', key: 'global', line: 6, vars: { keys: 'type, size' } });
		expect(only(`${SOURCE}global: min\n`)).toMatchObject({ code: 'block.enum.invalid', key: 'global' });
	});

	it('refuses a stride of 0 and an unknown type, and an empty matrix', () => {
		expect(only(`${SOURCE}stride: 0\n`)).toMatchObject({ code: 'block.value.tooSmall', key: 'stride', line: 6 });
		expect(only(`${SOURCE}type: median\n`)).toMatchObject({ code: 'block.enum.invalid', key: 'type', line: 6, vars: { received: '"median"' } });
		expect(only('input: []\n')).toMatchObject({ code: 'block.matrix.empty', key: 'input' });
	});

	it('does not ask for input when a key looks like a misspelled input', () => {
		expect(only('imput: [[1, 2], [3, 4]]\n')).toMatchObject({ code: 'block.key.unknown', suggestion: 'input' });
	});

	it('never throws', () => {
		expect(parsePoolBlock(42 as unknown as string)).toMatchObject({ ok: false, errors: [{ code: 'block.unexpected' }] });
		expect(parsePoolBlock('input: [1, 2\n')).toMatchObject({ ok: false, errors: [{ code: 'block.yaml.syntax' }] });
	});
});

describe('poolFit (the check a pool widget runs once a picture is loaded)', () => {
	/** The fit check of a block on a vault picture, whose size the parser cannot know. */
	const fitOf = (options: string) => poolFit(spec(`image: "[[photo.png]]"\n${options}`));

	it("size 3, padding valid: refuses a 2x2x1 picture, naming both sizes, and accepts 3x3x1 and 5x4x3", () => {
		const fit = fitOf('size: 3\n');
		expect(fit([2, 2, 1])).toMatchObject({ code: 'block.pool.windowTooLarge', key: 'size', vars: { received: '3x3', input: '2x2' } });
		expect(fit([3, 3, 1])).toBeNull();
		expect(fit([5, 4, 3])).toBeNull();
	});

	it('size [1, 3]: refuses a picture too narrow (4x2) and accepts one wide enough (1x3), each axis on its own', () => {
		const fit = fitOf('size: [1, 3]\n');
		expect(fit([4, 2, 1])).toMatchObject({ code: 'block.pool.windowTooLarge', vars: { received: '1x3', input: '4x2' } });
		expect(fit([1, 3, 1])).toBeNull();
	});

	it('the default window 2x2 refuses a 1x1 picture and a 1x5 one', () => {
		const fit = fitOf('type: avg\n');
		expect(fit([1, 1, 1])).toMatchObject({ code: 'block.pool.windowTooLarge', vars: { received: '2x2', input: '1x1' } });
		expect(fit([1, 5, 1])).toMatchObject({ code: 'block.pool.windowTooLarge', vars: { received: '2x2', input: '1x5' } });
	});

	it("a large stride does not matter with 'valid' padding: size 2 stride 5 fits a 2x2 picture (one output cell)", () => {
		expect(fitOf('size: 2\nstride: 5\n')([2, 2, 1])).toBeNull();
	});

	it("padding 'same' fits any picture: size 5 on 2x2, and on 1x1", () => {
		const fit = fitOf('size: 5\npadding: same\n');
		expect(fit([2, 2, 1])).toBeNull();
		expect(fit([1, 1, 3])).toBeNull();
	});

	it('global pooling fits any picture, even 1x1 with the default window of 2', () => {
		expect(fitOf('global: max\n')([1, 1, 1])).toBeNull();
		expect(fitOf('global: avg\n')([1, 1, 3])).toBeNull();
	});

	it('on a matrix it agrees with the parser: a 4x4 input fits size 4, and size [4, 1] stride [1, 4]', () => {
		expect(poolFit(spec(`${SOURCE}size: 4\n`))([4, 4, 1])).toBeNull();
		expect(poolFit(spec(`${SOURCE}size: [4, 1]\nstride: [1, 4]\n`))([4, 4, 1])).toBeNull();
		expect(poolFit(spec(`${SOURCE}size: 4\n`))([3, 4, 1])).toMatchObject({ code: 'block.pool.windowTooLarge', vars: { received: '4x4', input: '3x4' } });
	});
});
