import { formatNumber, formatPair, formatShape } from '../../../src/widgets/shared/format';

describe('formatNumber', () => {
	it.each([
		[4, '4'],
		[-3, '-3'],
		[0, '0'],
		[-0, '0'],
		[0.5, '0.5'],
		[1 / 3, '0.33'],
		[-2 / 3, '-0.67'],
		[0.001, '0'],
		[123.456, '123'],
		[1234.5, '1.23e+3'],
		[0.1 + 0.2, '0.3'],
	])('%p -> %p', (value, text) => {
		expect(formatNumber(value)).toBe(text);
	});
});

describe('formatShape and formatPair', () => {
	it('joins a shape with x', () => expect(formatShape([3, 3, 1])).toBe('3x3x1'));
	it('writes an equal pair as one number', () => expect(formatPair([2, 2])).toBe('2'));
	it('writes an unequal pair as rows x cols', () => expect(formatPair([1, 2])).toBe('1x2'));
});
