/**
 * Attaches to block errors the description of the key they are about, from the block's key table,
 * so the error box can say what that key is (src/widgets/error-box.ts).
 */
import type { MessageKey } from '../i18n';
import type { Problem, Result } from './types';

/** A key table, as far as descriptions go: key name -> its description message. */
export type DescribedKeys = Readonly<Record<string, { readonly description: MessageKey }>>;

/**
 * The error with `keyDoc` set to its key's description, or, for an unknown key, to the description
 * of the key it suggests; unchanged when the table knows neither (or keyDoc is already set).
 */
export function describeError(error: Problem, table: DescribedKeys): Problem {
	if (error.keyDoc !== undefined) return error;
	const key = error.code === 'block.key.unknown' ? error.suggestion : error.key;
	if (key === undefined || !Object.prototype.hasOwnProperty.call(table, key)) return error;
	const spec = table[key];
	return spec === undefined ? error : { ...error, keyDoc: { key, description: spec.description } };
}

/** A parse result whose errors carry their keys' descriptions (see describeError). */
export function describeResult<T>(result: Result<T>, table: DescribedKeys): Result<T> {
	return result.ok ? result : { ok: false, errors: result.errors.map((e) => describeError(e, table)) };
}
