import { CONV_KEYS, MAX_FILTERS, MAX_INPUT_SIDE, MAX_KERNEL_SIDE, POOL_KEYS, type KeyTable } from '../../src/blocks/keys';
import { parseConvBlock } from '../../src/blocks/parse-conv';
import { parsePoolBlock } from '../../src/blocks/parse-pool';
import '../../src/i18n/train-messages';
import { catalogFor } from '../../src/i18n';

/** The catalogs with every registered area (the cnn-train messages included). */
const en = catalogFor('en');
const es = catalogFor('es');

describe('property tables', () => {
	it('documents the limits the README quotes', () => {
		expect([MAX_INPUT_SIDE, MAX_KERNEL_SIDE, MAX_FILTERS]).toEqual([64, 15, 16]);
	});

	it.each([
		['cnn-conv', CONV_KEYS, ['input', 'image', 'sample', 'channels', 'region', 'kernel', 'filters', 'bias', 'stride', 'padding', 'dilation', 'flip', 'activation', 'transpose', 'pool']],
		['cnn-pool', POOL_KEYS, ['input', 'image', 'sample', 'channels', 'region', 'type', 'size', 'stride', 'padding', 'global']],
	])('%s: the keys, each with a description in English and Spanish', (_block, table: KeyTable, keys) => {
		expect(Object.keys(table)).toEqual(keys);
		for (const spec of Object.values(table)) {
			expect(en[spec.description]).toMatch(/\S/);
			expect(es[spec.description]).toMatch(/\S/);
		}
	});

	it('cnn-conv: the spec of a minimal block carries the table defaults', () => {
		const result = parseConvBlock('input: [[1, 2], [3, 4]]\nkernel: [[1]]\n');
		expect(result.ok && result.value).toMatchObject({
			stride: [...CONV_KEYS.stride.default],
			padding: CONV_KEYS.padding.default,
			dilation: [...CONV_KEYS.dilation.default],
			flip: CONV_KEYS.flip.default,
			activation: CONV_KEYS.activation.default,
			transpose: CONV_KEYS.transpose.default,
			bias: undefined,
		});
	});

	it('cnn-pool: the spec of a minimal block carries the table defaults, stride = size', () => {
		const result = parsePoolBlock('input: [[1, 2], [3, 4]]\n');
		expect(result.ok && result.value).toMatchObject({
			type: POOL_KEYS.type.default,
			size: [...POOL_KEYS.size.default],
			stride: [...POOL_KEYS.size.default],
			padding: POOL_KEYS.padding.default,
		});
	});

	it('defaults are copied, never shared with the table', () => {
		const a = parseConvBlock('input: [[1]]\nkernel: [[1]]\n');
		if (a.ok) a.value.stride[0] = 99;
		expect(CONV_KEYS.stride.default).toEqual([1, 1]);
		const b = parseConvBlock('input: [[1]]\nkernel: [[1]]\n');
		expect(b.ok && b.value.stride).toEqual([1, 1]);
	});
});
