/** The `pool:` key of a `cnn-conv` block: `max 2`, `avg 3`, `min`, or a mapping {type, size, stride, padding}. */
import { t } from '../i18n';
import { POOL_KEYS } from './keys';
import type { Problem, PoolStage } from './types';
import { blockError, checkEnum, checkPairKey, show, type ValueAt } from './values';

const SUBKEYS = ['type', 'size', 'stride', 'padding'] as const;

/** Reads a pooling stage (stride defaults to the window size), or undefined after pushing errors. */
export function readPoolStage(raw: unknown, at: ValueAt, errors: Problem[]): PoolStage | undefined {
	const allowed = t('block.allowed.poolStage');
	const before = errors.length;
	let parts: Record<string, unknown>;
	if (typeof raw === 'string') {
		const words = raw.trim().split(/\s+/);
		if (words.length > 2) {
			errors.push(blockError('block.poolStage.invalid', { received: show(raw) }, at, { allowed }));
			return undefined;
		}
		parts = { type: words[0], ...(words[1] === undefined ? {} : { size: words[1] }) };
	} else if (typeof raw === 'object' && raw !== null && !Array.isArray(raw)) {
		parts = raw as Record<string, unknown>;
		const unknown = Object.keys(parts).filter((k) => !(SUBKEYS as readonly string[]).includes(k));
		if (unknown.length > 0) {
			errors.push(blockError('block.poolStage.invalid', { received: show(raw) }, at, { allowed }));
			return undefined;
		}
	} else {
		errors.push(blockError('block.poolStage.invalid', { received: show(raw) }, at, { allowed }));
		return undefined;
	}
	const type = parts.type === undefined ? 'max' : checkEnum(parts.type, POOL_KEYS.type, at, errors);
	const size = parts.size === undefined ? ([2, 2] as [number, number]) : checkPairKey(parts.size, POOL_KEYS.size, at, errors);
	const stride = parts.stride === undefined ? size : checkPairKey(parts.stride, POOL_KEYS.stride, at, errors);
	const padding = parts.padding === undefined ? 'valid' : checkEnum(parts.padding, POOL_KEYS.padding, at, errors);
	if (errors.length > before || !type || !size || !stride || !padding) return undefined;
	return { type, size, stride: [stride[0], stride[1]], padding };
}
