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
