/** `cnn-pool` blocks: source text -> PoolSpec (input [h, w, 1], window, stride, padding) or errors. */
import { axisGeometry, tensor } from '../cnn';
import { readFields, unexpected } from './fields';
import { POOL_KEYS } from './keys';
import type { ParseResult, PoolSpec } from './types';
import { blockError } from './values';

/**
 * Parses a `cnn-pool` block. Keys: input (matrix, required), type (max | avg | min), size,
 * stride (defaults to size), padding (valid | same); see POOL_KEYS. Never throws.
 */
export function parsePoolBlock(source: string): ParseResult<PoolSpec> {
	try {
		return parsePool(source);
	} catch (e) {
		return unexpected(e);
	}
}

/** parsePoolBlock without the safety net. */
function parsePool(source: string): ParseResult<PoolSpec> {
	const read = readFields(source, POOL_KEYS);
	if (!read.ok) return read;
	const { values, errors, lineOf } = read.fields;
	if (errors.length > 0 || values.input === undefined) return { ok: false, errors };

	const input = tensor(values.input);
	const [h = 0, w = 0] = input.shape;
	const { size, padding, type } = values;
	const stride = values.stride ?? [size[0], size[1]];
	const rows = axisGeometry(h, size[0], stride[0], 1, padding);
	const cols = axisGeometry(w, size[1], stride[1], 1, padding);
	if (rows.out < 1 || cols.out < 1) {
		const vars = { received: `${size[0]}x${size[1]}`, input: `${h}x${w}` };
		return { ok: false, errors: [blockError('block.pool.windowTooLarge', vars, { key: 'size', line: lineOf('size') })] };
	}
	return { ok: true, spec: { input, type, size, stride, padding } };
}
