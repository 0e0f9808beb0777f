import fc from 'fast-check';
import { SAMPLE_COUNT } from '../../src/blocks/classify-keys';
import { patchSample, sampleOf } from '../../src/blocks/patch-sample';

describe('patchSample: the held-out digit written into a cnn-classify block', () => {
	it('adds `sample: N` right after the input line when the block has none', () => {
		expect(patchSample('model: digits\ninput: sample\nshow: [input, probabilities]\n', 6)).toBe('model: digits\ninput: sample\nsample: 6\nshow: [input, probabilities]\n');
		expect(patchSample('input: sample', 2)).toBe('input: sample\nsample: 2');
		expect(patchSample('input: sample  # the strip\n', 3)).toBe('input: sample  # the strip\nsample: 3\n');
	});

	it('keeps the indentation of the input line', () => {
		expect(patchSample('  input: sample\n  show: all\n', 4)).toBe('  input: sample\n  sample: 4\n  show: all\n');
	});

	it('replaces the number where it is written, keeping its comment and the other lines', () => {
		expect(patchSample('# pick one\ninput: sample\nsample: 3   # a three\nshow: all\n', 12)).toBe('# pick one\ninput: sample\nsample: 12   # a three\nshow: all\n');
		expect(patchSample('sample: "3"\ninput: sample\n', 30)).toBe('sample: 30\ninput: sample\n');
	});

	it('the source itself when it already starts on that digit (written or by default)', () => {
		const source = 'input: sample\nsample: 5\n';
		expect(patchSample(source, 5)).toBe(source);
		expect(patchSample('input: sample\n', 1)).toBe('input: sample\n');
	});

	it('no patch (null) for a block that does not parse, has another input, or cannot hold the number', () => {
		expect(patchSample('input: sample\nsample: 99\n', 2)).toBeNull();
		expect(patchSample('input: draw\n', 2)).toBeNull();
		expect(patchSample('input: [sample\n', 2)).toBeNull();
		expect(patchSample('input: sample\n', 31)).toBeNull();
		expect(patchSample('input: sample\n', 0)).toBeNull();
		expect(patchSample('{input: sample}\n', 2)).toBeNull();
	});

	it('sampleOf reads the digit of a sample block, null otherwise', () => {
		expect(sampleOf('input: sample\nsample: 9\n')).toBe(9);
		expect(sampleOf('input: sample\n')).toBe(1);
		expect(sampleOf('input: draw\n')).toBeNull();
		expect(sampleOf('input: sample\nsample: x\n')).toBeNull();
	});
});

describe('patchSample never leaves a block that does not parse to the digit asked for', () => {
	it('over block texts of every shape (key order, comments, indentation, quotes, no final newline)', () => {
		const lines = fc.constantFrom('model: digits', 'show: [input, probabilities]', 'show: all', '# a comment', '', 'show:\n  - layers\n  - softmax');
		const input = fc.constantFrom('input: sample', 'input: "sample"', "input: 'SAMPLE'", 'input: sample  # the strip', 'input: draw', 'input:');
		const sample = fc.option(fc.oneof(fc.integer({ min: -2, max: SAMPLE_COUNT + 2 }).map(String), fc.constantFrom('"4"', '7  # seven', 'x', '[1]')), { nil: undefined });
		const block = fc.record({ before: fc.array(lines, { maxLength: 3 }), input, sample, after: fc.array(lines, { maxLength: 3 }), indent: fc.constantFrom('', '  '), end: fc.constantFrom('\n', '') });
		fc.assert(
			fc.property(block, fc.integer({ min: 0, max: SAMPLE_COUNT + 1 }), (b, n) => {
				const body = [...b.before, b.input, ...(b.sample === undefined ? [] : [`sample: ${b.sample}`]), ...b.after];
				const source = body.map((l) => l.split('\n').map((x) => (x === '' ? x : b.indent + x)).join('\n')).join('\n') + b.end;
				const out = patchSample(source, n);
				if (out === null) return;
				expect(sampleOf(out)).toBe(n);
				// Only the sample line changes or is added: every other line is kept, in order.
				const kept = out.split('\n').filter((l) => !/^\s*sample:/.test(l));
				expect(kept).toEqual(source.split('\n').filter((l) => !/^\s*sample:/.test(l)));
			}),
			{ numRuns: 400 },
		);
	});

	it('a valid sample block always takes every digit from 1 to SAMPLE_COUNT', () => {
		for (const source of ['input: sample\n', 'model: digits\ninput: sample  # strip\nsample: 3  # three\nshow: all\n', '  show: all\n  input: sample', 'sample: 2\ninput: sample\n']) {
			for (let n = 1; n <= SAMPLE_COUNT; n++) expect(sampleOf(patchSample(source, n) ?? '')).toBe(n);
		}
	});
});
