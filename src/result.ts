import type { MessageKey, MessageVars } from './i18n';

/**
 * One problem to show the user: a message key with its variables (translated when shown), and,
 * for problems in a block's source, where it is and what would be accepted.
 */
export interface Problem {
	/** What went wrong, as a message key with its variables. */
	code: MessageKey;
	vars: MessageVars;
	/** The block key concerned (e.g. `stride`), when there is one. */
	key?: string;
	/** 1-based line inside the block source, when known. */
	line?: number;
	/** Human-readable list of what is allowed, e.g. `valid, same, full, a number`. */
	allowed?: string;
	/** A known key close to a misspelled one. */
	suggestion?: string;
	/** The key a student should read about (the problem's key, or the suggested one) and its description from the block's key table. */
	keyDoc?: { key: string; description: MessageKey };
	/** For something that went wrong unexpectedly: the technical message, shown folded away (never as the explanation). */
	detail?: string;
	/** For something that went wrong unexpectedly: the block's source, shown folded away with the detail. */
	source?: string;
}

/** The one result type of everything that can fail: a value, or the problems (never a thrown exception). */
export type Result<T> = { ok: true; value: T } | { ok: false; errors: Problem[] };

/** A successful result. */
export function success<T>(value: T): Result<T> {
	return { ok: true, value };
}

/** A failed result with one or more problems. */
export function failure(...errors: Problem[]): { ok: false; errors: Problem[] } {
	return { ok: false, errors };
}
