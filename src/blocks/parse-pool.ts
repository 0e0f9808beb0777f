/** `cnn-pool` blocks: source text -> PoolSpec (input [h, w, 1], window, stride, padding) or errors. */
import { axisGeometry } from '../cnn';
import { describeError, describeResult } from './describe';
import { readFields, unexpected } from './fields';
import { POOL_KEYS } from './keys';
import { readInput } from './input';
import type { Problem, Result, PoolSpec, PoolStage } from './types';
import { blockError } from './values';

/**
 * Parses a `cnn-pool` block. Keys: input, image or sample; type (max | avg | min), size, stride
 * (defaults to size), padding (valid | same), or global (max | avg); see POOL_KEYS. Never throws.
 */
export function parsePoolBlock(source: string): Result<PoolSpec> {
	try {
		return describeResult(parsePool(source), POOL_KEYS);
	} catch (e) {
		return unexpected(e);
	}
}

/** parsePoolBlock without the safety net. */
function parsePool(source: string): Result<PoolSpec> {
	const read = readFields(source, POOL_KEYS);
	if (!read.ok) return read;
	const { values, errors, has, lineOf } = read.value;
	const input = readInput(read.value);
	const { type, size, padding } = values;
	const globalType = values.global;
	if (globalType !== undefined) {
		const clash = (['type', 'size', 'stride', 'padding'] as const).filter((k) => has(k));
		if (clash.length > 0) errors.push(blockError('block.pool.globalWith', { keys: clash.join(', ') }, { key: 'global', line: lineOf('global') }));
	}
	if (errors.length > 0 || input === undefined) return { ok: false, errors };
	const stride = values.stride ?? [size[0], size[1]];
	if (input.kind !== 'image' && globalType === undefined) {
		const error = checkPoolSize(input.tensor.shape, { type, size, stride, padding });
		if (error) return { ok: false, errors: [{ ...error, line: lineOf('size') }] };
	}
	return { ok: true, value: { input, type, size, stride, padding, globalType } };
}

/** The error of a pooling window that does not fit an input [h, w, ...] (valid padding), or null. */
export function checkPoolSize(inputShape: readonly number[], stage: PoolStage): Problem | null {
	const [h = 0, w = 0] = inputShape;
	const { size, stride, padding } = stage;
	const rows = axisGeometry(h, size[0], stride[0], 1, padding);
	const cols = axisGeometry(w, size[1], stride[1], 1, padding);
	if (rows.out >= 1 && cols.out >= 1) return null;
	return blockError('block.pool.windowTooLarge', { received: `${size[0]}x${size[1]}`, input: `${h}x${w}` }, { key: 'size', line: undefined });
}

/** Whether a block's pooling window fits an input of some shape: the error, or null. */
export type PoolFit = (inputShape: readonly number[]) => Problem | null;

/** The fit check of a `cnn-pool` block, for its widget (pictures are measured only once loaded); global pooling always fits. */
export function poolFit(spec: PoolSpec): PoolFit {
	return (inputShape) => {
		const error = spec.globalType ? null : checkPoolSize(inputShape, spec);
		return error && describeError(error, POOL_KEYS);
	};
}
