import { convFit, parseConvBlock } from '../../src/blocks/parse-conv';
import { MAX_PICTURE_SIDE } from '../../src/vault/pixels';
import { MAX_FILTERS, MAX_INPUT_SIDE, MAX_KERNEL_SIDE, MAX_OUTPUT_SIDE } from '../../src/blocks/keys';
import type { Problem, ConvSpec } from '../../src/blocks/types';
import { kernelPresets, tensor } from '../../src/cnn';
import { SEED, SEED_INPUT } from '../helpers/seed';

/** The spec of a source that must parse. */
function spec(source: string): ConvSpec {
	const result = parseConvBlock(source);
	if (!result.ok) throw new Error(`expected a spec, got ${JSON.stringify(result.errors)}`);
	return result.value;
}

/** The errors of a source that must not parse. */
function errors(source: string): Problem[] {
	const result = parseConvBlock(source);
	if (result.ok) throw new Error('expected errors, got a spec');
	return result.errors;
}

/** The only error of a source that must fail with exactly one problem. */
function only(source: string): Problem {
	const list = errors(source);
	expect(list).toHaveLength(1);
	return list[0] as Problem;
}

/** Filter f of a [kh, kw, 1, n] tensor as rows. */
function filterRows(s: ConvSpec, f: number): number[][] {
	const [kh = 0, kw = 0, , n = 1] = s.filters.shape;
	return Array.from({ length: kh }, (_, r) => Array.from({ length: kw }, (_, c) => s.filters.data[(r * kw + c) * n + f] ?? NaN));
}

/** A 3x3 input block with `rest` appended. */
const small = (rest: string): string => `input: |\n  1 2 3\n  4 5 6\n  7 8 9\n${rest}`;

describe('parseConvBlock: the seed example and defaults', () => {
	it('parses the DESIGN.md seed: input [5,5,1], one 3x3 filter [3,3,1,1], every default', () => {
		const s = spec(SEED);
		expect(s.input).toEqual({ kind: 'matrix', tensor: tensor(SEED_INPUT) });
		expect(s.input.kind === 'matrix' && s.input.tensor.shape).toEqual([5, 5, 1]);
		expect(s.filters.shape).toEqual([3, 3, 1, 1]);
		expect(Array.from(s.filters.data)).toEqual([1, 0, 1, 0, 1, 0, 1, 0, 1]);
		expect(s.kernelNames).toEqual([null]);
		expect(s.bias).toBeUndefined();
		expect(s.stride).toEqual([1, 1]);
		expect(s.padding).toBe('valid');
		expect(s.dilation).toEqual([1, 1]);
		expect(s.flip).toBe(false);
	});

	it('gives the same spec for block scalars, lists of lists and comma rows', () => {
		const lists = spec('input: [[1, 1, 1, 0, 0], [0, 1, 1, 1, 0], [0, 0, 1, 1, 1], [0, 0, 1, 1, 0], [0, 1, 1, 0, 0]]\nkernel:\n  - [1, 0, 1]\n  - [0, 1, 0]\n  - [1, 0, 1]\n');
		const commas = spec('input: |\n  1,1,1,0,0\n  0, 1, 1, 1, 0\n  0 0 1 1 1\n  0,0,1,1,0\n  0 1 1 0 0\nkernel: |\n  1, 0, 1\n  0, 1, 0\n  1, 0, 1\n');
		expect(lists).toEqual(spec(SEED));
		expect(commas).toEqual(spec(SEED));
	});

	it('reads a preset kernel by name (any case) and records its name', () => {
		const s = spec(small('kernel: Sobel-X\n'));
		expect(s.kernelNames).toEqual(['sobel-x']);
		expect(filterRows(s, 0)).toEqual(kernelPresets['sobel-x']);
	});

	it('stacks filters [kh, kw, 1, n] in order, with preset names or null', () => {
		const s = spec(small('filters:\n  - sobel-x\n  - |\n    1 2 3\n    4 5 6\n    7 8 9\n  - [[0, 0, 0], [0, 1, 0], [0, 0, 0]]\n'));
		expect(s.filters.shape).toEqual([3, 3, 1, 3]);
		expect(s.kernelNames).toEqual(['sobel-x', null, null]);
		expect(filterRows(s, 0)).toEqual(kernelPresets['sobel-x']);
		expect(filterRows(s, 1)).toEqual([
			[1, 2, 3],
			[4, 5, 6],
			[7, 8, 9],
		]);
		expect(filterRows(s, 2)).toEqual(kernelPresets.identity);
	});

	it.each([
		['stride: 2', { stride: [2, 2] }],
		['stride: [2, 1]', { stride: [2, 1] }],
		['padding: same', { padding: 'same' }],
		['padding: FULL', { padding: 'full' }],
		['padding: 1', { padding: [1, 1] }],
		['padding: [1, 0]', { padding: [1, 0] }],
		['padding: 0', { padding: [0, 0] }],
		['dilation: 2\npadding: 2', { dilation: [2, 2], padding: [2, 2] }],
		['flip: true', { flip: true }],
		['flip: "false"', { flip: false }],
		['bias: -1', { bias: [-1] }],
		['bias: [0.5]', { bias: [0.5] }],
	])('%s', (option, expected) => {
		expect(spec(`${SEED}${option}\n`)).toMatchObject(expected);
	});

	it('gives a single bias to every filter, or one per filter from a list', () => {
		const two = 'filters: [sobel-x, sobel-y]\n';
		expect(spec(small(`${two}bias: 0.5\n`)).bias).toEqual([0.5, 0.5]);
		expect(spec(small(`${two}bias: [1, -2]\n`)).bias).toEqual([1, -2]);
	});

	it('accepts a kernel that only fits thanks to padding, and the documented maxima', () => {
		expect(spec(small('kernel: |\n  1 1 1 1 1\n  1 1 1 1 1\n  1 1 1 1 1\n  1 1 1 1 1\n  1 1 1 1 1\npadding: 1\n')).filters.shape).toEqual([5, 5, 1, 1]);
		const big = Array.from({ length: MAX_INPUT_SIDE }, () => Array(MAX_INPUT_SIDE).fill(1).join(' ')).join('\n  ');
		const kernel = Array.from({ length: MAX_KERNEL_SIDE }, () => Array(MAX_KERNEL_SIDE).fill(1).join(' ')).join('\n  ');
		expect(spec(`input: |\n  ${big}\nkernel: |\n  ${kernel}\n`).filters.shape).toEqual([MAX_KERNEL_SIDE, MAX_KERNEL_SIDE, 1, 1]);
		const filters = Array.from({ length: MAX_FILTERS }, () => '  - identity').join('\n');
		expect(spec(small(`filters:\n${filters}\n`)).filters.shape).toEqual([3, 3, 1, MAX_FILTERS]);
	});
});

describe('parseConvBlock: errors name the code, key, line and value received', () => {
	it('suggests stride for strid, on its line', () => {
		expect(only(`${SEED}strid: 2\n`)).toMatchObject({ code: 'block.key.unknown', key: 'strid', line: 11, suggestion: 'stride', vars: { key: 'strid' } });
	});

	it('suggests kernel for kernal, without also saying that the kernel is missing', () => {
		const e = only('input: |\n  1 2\n  3 4\nkernal: [[1]]\n');
		expect(e).toMatchObject({ code: 'block.key.unknown', key: 'kernal', line: 4, suggestion: 'kernel' });
		expect(e.allowed).toContain('kernel');
	});

	it('reports an unknown key with no close match without a suggestion', () => {
		const e = only(`${SEED}colour: red\n`);
		expect(e).toMatchObject({ code: 'block.key.unknown', key: 'colour', line: 11 });
		expect(e.suggestion).toBeUndefined();
	});

	it('requires one input: a matrix, an image or a sample', () => {
		const e = only('kernel: sobel-x\n');
		expect(e).toMatchObject({ code: 'block.input.missing', key: 'input' });
		expect(e.line).toBeUndefined();
	});

	it('refuses two inputs, on the line of the second', () => {
		expect(only(small('sample: circle\nkernel: sobel-x\n'))).toMatchObject({ code: 'block.input.several', key: 'sample', line: 5, vars: { keys: 'input, sample' } });
	});

	it('reads a sample as its tensor and an image link (quoted, unquoted, embed) as a link to load', () => {
		const sample = spec('sample: checkerboard\nkernel: sobel-x\n');
		expect(sample.input.kind).toBe('sample');
		expect(sample.input.kind === 'sample' && sample.input.tensor.shape[2]).toBe(1);
		for (const form of ['"[[Pasted image 2023.png]]"', '[[Pasted image 2023.png]]', '![[Pasted image 2023.png]]', '"[[Pasted image 2023.png|alias]]"']) {
			const s = spec(`image: ${form}\nkernel: sobel-x\nchannels: rgb\n`);
			expect(s.input).toMatchObject({ kind: 'image', link: { path: 'Pasted image 2023.png' }, channels: 'rgb' });
		}
	});

	it('refuses channels: rgb without an image, and a value that is no link', () => {
		expect(only(small('kernel: sobel-x\nchannels: rgb\n'))).toMatchObject({ code: 'block.channels.imageOnly', key: 'channels', line: 6 });
		expect(only('image: 42\nkernel: sobel-x\n')).toMatchObject({ code: 'block.link.invalid', key: 'image', line: 1, vars: { received: '42' } });
	});

	it('reads activation and transpose, and refuses dilation or full padding with transpose', () => {
		const s = spec(small('kernel: sobel-x\nactivation: relu\ntranspose: true\npadding: same\n'));
		expect(s).toMatchObject({ activation: 'relu', transpose: true, padding: 'same' });
		expect(spec(SEED)).toMatchObject({ activation: 'none', transpose: false });
		const result = parseConvBlock(small('kernel: sobel-x\ntranspose: true\ndilation: 2\npadding: full\n'));
		expect(result.ok).toBe(false);
		if (!result.ok) expect(result.errors.map((e) => e.code).sort()).toEqual(['block.transpose.dilation', 'block.transpose.padding']);
		expect(only(small('kernel: sobel-x\nactivation: softmax\n'))).toMatchObject({ code: 'block.enum.invalid', key: 'activation' });
	});

	it('checks the kernel against the size of a sample, not only of a matrix', () => {
		expect(only(`sample: digit\nkernel: ${JSON.stringify(Array(15).fill(Array(15).fill(1)))}\ndilation: 2\n`)).toMatchObject({ code: 'block.conv.kernelTooLarge' });
	});

	it('requires kernel or filters', () => {
		expect(only('input: [[1, 2], [3, 4]]\n')).toMatchObject({ code: 'block.kernel.missing', key: 'kernel' });
	});

	it('refuses kernel and filters together, on the filters line', () => {
		expect(only(small('kernel: sobel-x\nfilters: [sobel-y]\n'))).toMatchObject({ code: 'block.kernel.both', key: 'filters', line: 6 });
	});

	it('names an unknown preset and suggests a close one', () => {
		const e = only(small('kernel: sobel-z\n'));
		expect(e).toMatchObject({ code: 'block.kernel.unknownPreset', key: 'kernel', line: 5, suggestion: 'sobel-x', vars: { received: 'sobel-z' } });
		expect(e.allowed).toContain('gaussian-blur');
	});

	it('names an unknown preset in filters on the line of its item', () => {
		expect(only(small('filters:\n  - sobel-x\n  - gausian-blur\n'))).toMatchObject({
			code: 'block.kernel.unknownPreset',
			key: 'filters',
			line: 7,
			suggestion: 'gaussian-blur',
			vars: { received: 'gausian-blur' },
		});
	});

	it('reports a ragged input row on its line', () => {
		expect(only('input: |\n  1 2 3\n  4 5\n  6 7 8\nkernel: [[1]]\n')).toMatchObject({
			code: 'block.matrix.ragged',
			key: 'input',
			line: 3,
			vars: { row: 2, got: 2, expected: 3, received: '4 5' },
		});
	});

	it('reports a non-number in the kernel on its line', () => {
		expect(only(small('kernel: |\n  1 0\n  0 one\n'))).toMatchObject({ code: 'block.matrix.notNumber', key: 'kernel', line: 7, vars: { row: 2, col: 2, received: 'one' } });
	});

	it('reports a non-number inside a | filter on its line', () => {
		expect(only(small('filters:\n  - |\n    1 0\n    0 x\n'))).toMatchObject({ code: 'block.matrix.notNumber', key: 'filters', line: 8, vars: { received: 'x' } });
	});

	it(`rejects an input wider than ${MAX_INPUT_SIDE}`, () => {
		const row = Array(MAX_INPUT_SIDE + 1).fill(0).join(' ');
		expect(only(`input: |\n  ${row}\nkernel: [[1]]\n`)).toMatchObject({ code: 'block.matrix.tooLarge', key: 'input', line: 1, vars: { received: `1x${MAX_INPUT_SIDE + 1}`, max: MAX_INPUT_SIDE } });
	});

	it(`rejects a kernel larger than ${MAX_KERNEL_SIDE}x${MAX_KERNEL_SIDE}`, () => {
		const side = MAX_KERNEL_SIDE + 1;
		const kernel = Array.from({ length: side }, () => Array(side).fill(1).join(' ')).join('\n  ');
		const e = only(small(`kernel: |\n  ${kernel}\n`));
		expect(e).toMatchObject({ code: 'block.matrix.tooLarge', key: 'kernel', line: 5, vars: { received: `${side}x${side}`, max: MAX_KERNEL_SIDE } });
		expect(e.allowed).toContain('sobel-x');
	});

	it(`rejects more than ${MAX_FILTERS} filters`, () => {
		const filters = Array.from({ length: MAX_FILTERS + 1 }, () => '  - identity').join('\n');
		expect(only(small(`filters:\n${filters}\n`))).toMatchObject({ code: 'block.filters.tooMany', key: 'filters', line: 5, vars: { count: MAX_FILTERS + 1, max: MAX_FILTERS } });
	});

	it('rejects filters of different sizes, naming both sizes, on the line of the odd one', () => {
		expect(only(small('filters:\n  - sobel-x\n  - [[1, 0], [0, 1]]\n'))).toMatchObject({
			code: 'block.filters.sizeMismatch',
			key: 'filters',
			line: 7,
			vars: { filter: 2, received: '2x2', expected: '3x3' },
		});
	});

	it('rejects filters that are not a list, or an empty list', () => {
		expect(only(small('filters: sobel-x\n'))).toMatchObject({ code: 'block.filters.notList', key: 'filters', line: 5, vars: { received: '"sobel-x"' } });
		expect(only(small('filters: []\n'))).toMatchObject({ code: 'block.list.empty', key: 'filters', line: 5 });
	});

	it('rejects a bias count different from the filter count', () => {
		expect(only(small('filters: [sobel-x, sobel-y]\nbias: [1, 2, 3]\n'))).toMatchObject({ code: 'block.bias.count', key: 'bias', line: 6, vars: { received: 3, expected: 2 } });
		expect(only(small('kernel: sobel-x\nbias: [1, 2]\n'))).toMatchObject({ code: 'block.bias.count', vars: { received: 2, expected: 1 } });
	});

	it('rejects a bias that is not a number', () => {
		expect(only(small('kernel: sobel-x\nbias: abc\n'))).toMatchObject({ code: 'block.value.notNumber', key: 'bias', line: 6, vars: { received: '"abc"' } });
		expect(only(small('kernel: sobel-x\nbias: [1, abc]\n'))).toMatchObject({ code: 'block.list.notNumber', key: 'bias', line: 6, vars: { index: 2, received: '"abc"' } });
		expect(only(small('kernel: sobel-x\nbias: .inf\n'))).toMatchObject({ code: 'block.value.notFinite', key: 'bias', vars: { received: 'Infinity' } });
	});

	it.each([
		['stride: 0', 'block.value.tooSmall', { received: '0', min: 1 }],
		['stride: -2', 'block.value.tooSmall', { received: '-2', min: 1 }],
		['stride: 1.5', 'block.value.notWhole', { received: '1.5' }],
		['stride: abc', 'block.value.notNumber', { received: '"abc"' }],
		['stride: true', 'block.pair.invalid', { received: 'true' }],
		['stride: [1, 2, 3]', 'block.pair.length', { received: '[1,2,3]', count: 3 }],
		['stride: [1, x]', 'block.value.notNumber', { received: '"x"' }],
		['stride: 65', 'block.value.tooLarge', { received: '65', max: 64 }],
		['stride:', 'block.value.missing', {}],
		['dilation: 0', 'block.value.tooSmall', { received: '0', min: 1 }],
		['dilation: [1, 0.5]', 'block.value.notWhole', { received: '0.5' }],
		['padding: -1', 'block.value.tooSmall', { received: '-1', min: 0 }],
		['padding: 17', 'block.value.tooLarge', { received: '17', max: 16 }],
		['padding: [1, -1]', 'block.value.tooSmall', { received: '-1' }],
		['padding: true', 'block.padding.invalid', { received: 'true' }],
		['padding: {a: 1}', 'block.padding.invalid', { received: '{"a":1}' }],
		['flip: yes', 'block.boolean.invalid', { received: '"yes"' }],
		['flip: 1', 'block.boolean.invalid', { received: '1' }],
	])('%s -> %s', (option, code, vars) => {
		const key = option.split(':')[0] ?? '';
		const e = only(`${SEED}${option}\n`);
		expect(e).toMatchObject({ code, key, line: 11, vars });
		expect(e.allowed).toEqual(expect.any(String));
	});

	it('suggests a padding mode for a misspelled one', () => {
		expect(only(`${SEED}padding: sme\n`)).toMatchObject({ code: 'block.enum.invalid', key: 'padding', line: 11, suggestion: 'same', vars: { received: '"sme"' } });
	});

	it('rejects a kernel larger than the padded input, naming the sizes', () => {
		expect(only(small('kernel: |\n  1 1 1 1\n  1 1 1 1\n  1 1 1 1\n  1 1 1 1\n'))).toMatchObject({
			code: 'block.conv.kernelTooLarge',
			key: 'kernel',
			line: 5,
			vars: { received: '4x4', span: '4x4', input: '3x3', padded: '3x3' },
		});
	});

	it('counts dilation and explicit padding in that check', () => {
		expect(only(small('kernel: sobel-x\ndilation: 2\n'))).toMatchObject({ code: 'block.conv.kernelTooLarge', vars: { received: '3x3', span: '5x5', padded: '3x3' } });
		expect(spec(small('kernel: sobel-x\ndilation: 2\npadding: 1\n')).dilation).toEqual([2, 2]);
		expect(only(small('kernel: sobel-x\ndilation: [1, 3]\npadding: [0, 1]\n'))).toMatchObject({ code: 'block.conv.kernelTooLarge', vars: { span: '3x7', padded: '3x5' } });
	});

	it('names filters as the key when the filters do not fit', () => {
		expect(only('input: [[1, 2], [3, 4]]\nfilters: [sobel-x]\n')).toMatchObject({ code: 'block.conv.kernelTooLarge', key: 'filters', line: 2 });
	});

	it(`rejects an output larger than ${MAX_OUTPUT_SIDE} on a side`, () => {
		const row = Array(MAX_INPUT_SIDE).fill(1).join(' ');
		const input = Array(MAX_INPUT_SIDE).fill(row).join('\n  ');
		const kernel = Array(MAX_KERNEL_SIDE).fill(Array(MAX_KERNEL_SIDE).fill(1).join(' ')).join('\n  ');
		expect(only(`input: |\n  ${input}\nkernel: |\n  ${kernel}\npadding: full\ndilation: 16\n`)).toMatchObject({
			code: 'block.conv.outputTooLarge',
			key: 'padding',
			vars: { received: '288x288', max: MAX_OUTPUT_SIDE },
		});
	});

	describe('from a picture at the largest picture side (512 px)', () => {
		const fit = (extra: string, kernel = 3) => {
			const parsed = parseConvBlock(`image: "[[p.png]]"\nkernel: |\n  ${Array(kernel).fill(Array(kernel).fill(1).join(' ')).join('\n  ')}\n${extra}`);
			if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
			return convFit(parsed.value)([MAX_PICTURE_SIDE, MAX_PICTURE_SIDE, 3], [kernel, kernel, 3]);
		};
		it.each([
			['padding: 16', 3],
			['padding: 16', 1],
			['padding: full', 15],
			['padding: full\ndilation: 2', 15],
			['transpose: true', 15],
		])('what works at 256 px works at 512: %s with a %ix kernel', (extra, kernel) => {
			expect(fit(extra, kernel)).toBeNull();
		});
		it('an output still too large names the “Largest picture side” setting', () => {
			const error = fit('padding: full\ndilation: 16', 15);
			expect(error).toMatchObject({ code: 'block.conv.outputTooLargeImage', vars: { received: '736x736', max: 544 } });
			expect(fit('transpose: true\nstride: 2', 3)).toMatchObject({ code: 'block.conv.outputTooLargeImage', vars: { received: '1025x1025' } });
		});
	});

	it('reports every independent problem at once', () => {
		const list = errors('input: |\n  1 2\n  3\nkernel: sobel-q\nstride: 0\nflip: maybe\n');
		expect(list.map((e) => [e.code, e.line])).toEqual([
			['block.matrix.ragged', 3],
			['block.kernel.unknownPreset', 4],
			['block.value.tooSmall', 5],
			['block.boolean.invalid', 6],
		]);
	});

	it('turns YAML syntax errors, empty blocks and plain text into errors', () => {
		expect(only('input: [[1, 2]\nkernel: sobel-x\n')).toMatchObject({ code: 'block.yaml.syntax', line: 2 });
		expect(only('')).toMatchObject({ code: 'block.empty' });
		expect(only('a 5x5 image convolved with a 3x3 kernel')).toMatchObject({ code: 'block.notMapping', line: 1 });
	});

	it('never throws, even when handed something that is not a string', () => {
		const result = parseConvBlock(undefined as unknown as string);
		expect(result.ok).toBe(false);
		if (!result.ok) expect(result.errors[0]).toMatchObject({ code: 'block.unexpected', vars: { message: expect.any(String) as unknown } });
	});
});
