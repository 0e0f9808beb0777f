/**
 * Argument checks shared by every op: each runs once at an op's entry and throws an Error whose
 * message names the op, the argument, the value received and what is allowed.
 */
import type { Tensor } from './tensor';

/** Throws `Error("<op>: <message>")`. */
export function fail(op: string, message: string): never {
	throw new Error(`${op}: ${message}`);
}

/** True for arrays (narrowing an unknown value to a read-only array of unknowns). */
export function isArray(v: unknown): v is readonly unknown[] {
	return Array.isArray(v);
}

/** A short, readable rendering of any received value for error messages (arrays cut after 8 items). */
export function show(v: unknown): string {
	if (typeof v === 'string') return `'${v}'`;
	if (typeof v === 'number' || typeof v === 'boolean' || v === undefined || v === null) return String(v);
	if (isArray(v) || ArrayBuffer.isView(v)) {
		const items = Array.from(v as ArrayLike<unknown>);
		const head = items.slice(0, 8).map(show).join(', ');
		return `[${head}${items.length > 8 ? ', ...' : ''}]`;
	}
	return typeof v === 'object' ? 'an object' : typeof v;
}

/** A positive integer (e.g. a stride, a kernel size, in cells). */
export function positiveInt(op: string, name: string, v: unknown): number {
	if (typeof v !== 'number' || !Number.isInteger(v) || v < 1) fail(op, `${name} must be a positive integer, got ${show(v)}`);
	return v;
}

/** A number or [rows, cols] pair of integers >= min, returned as [rows, cols]; `undefined` gives [dflt, dflt]. */
export function intPair(op: string, name: string, v: unknown, min: 0 | 1, dflt: number): [number, number] {
	if (v === undefined) return [dflt, dflt];
	const ok = (n: unknown): n is number => typeof n === 'number' && Number.isInteger(n) && n >= min;
	const what = min === 1 ? 'a positive integer' : 'a non-negative integer';
	if (ok(v)) return [v, v];
	if (isArray(v) && v.length === 2 && ok(v[0]) && ok(v[1])) return [v[0], v[1]];
	if (!isArray(v)) fail(op, `${name} must be ${what}, got ${show(v)}`);
	fail(op, `${name} must be ${what} or a [rows, cols] pair of them, got ${show(v)}`);
}

/** One of a fixed list of names (an activation, a pool type, ...). */
export function oneOf<T extends string>(op: string, name: string, v: unknown, allowed: readonly T[]): T {
	const found = allowed.find((a) => a === v);
	if (found === undefined) fail(op, `${name} must be one of ${allowed.map(show).join(', ')}, got ${show(v)}`);
	return found;
}

/** An integer index in [0, size), e.g. the output row an explanation is asked for. */
export function index(op: string, name: string, v: unknown, size: number): number {
	if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v >= size) {
		fail(op, `${name} must be an integer from 0 to ${size - 1}, got ${show(v)}`);
	}
	return v;
}

/** A boolean flag; `undefined` gives false. */
export function flag(op: string, name: string, v: unknown): boolean {
	if (v === undefined) return false;
	if (typeof v !== 'boolean') fail(op, `${name} must be true or false, got ${show(v)}`);
	return v;
}

/**
 * Checks a tensor's structure and values: `shape` of one of the allowed ranks with positive integer
 * sizes, `data` a Float32Array of matching length holding only finite numbers; returns the shape.
 */
export function checkTensor(op: string, name: string, t: unknown, ranks: readonly number[], layout: string): number[] {
	const dims = checkTensorShape(op, name, t, ranks, layout);
	checkFinite(op, name, (t as Tensor).data, dims);
	return dims;
}

/**
 * checkTensor's structure half: `shape` of an allowed rank with positive integer sizes and `data` a
 * Float32Array of matching length (values not looked at); returns the shape.
 */
export function checkTensorShape(op: string, name: string, t: unknown, ranks: readonly number[], layout: string): number[] {
	if (typeof t !== 'object' || t === null) fail(op, `${name} must be a tensor {shape, data}, got ${show(t)}`);
	const { shape, data } = t as Partial<Tensor>;
	if (!isArray(shape) || !ranks.includes(shape.length)) {
		fail(op, `${name} must have shape ${layout}, got ${isArray(shape) ? `rank ${shape.length} shape ${show(shape)}` : show(shape)}`);
	}
	if (!shape.every((d) => typeof d === 'number' && Number.isInteger(d) && d >= 1)) {
		fail(op, `${name} shape must be positive integers, got ${show(shape)}`);
	}
	const dims: number[] = shape;
	if (!(data instanceof Float32Array)) fail(op, `${name} data must be a Float32Array, got ${show(data)}`);
	let size = 1;
	for (const d of dims) size *= d;
	if (data.length !== size) fail(op, `${name} data has ${data.length} values but shape ${show(dims)} needs ${size}`);
	return dims.slice();
}

/** checkTensor's values half: throws naming the first NaN or ±Infinity of `data` and its index in `dims`. */
export function checkFinite(op: string, name: string, data: Float32Array, dims: readonly number[]): void {
	const size = data.length;
	// v - v is 0 for every finite v and NaN for NaN and ±Infinity: one cheap pass, then look for the culprit.
	let probe = 0;
	for (let i = 0; i < size; i++) probe += data[i]! - data[i]!;
	if (probe !== 0) {
		for (let i = 0; i < size; i++) {
			const v = data[i]!;
			if (!Number.isFinite(v)) fail(op, `${name} must contain only finite numbers, got ${show(v)} at ${show(unravel(i, dims))}`);
		}
	}
}

/** The multi-index of flat position `i` in a row-major tensor of this shape. */
function unravel(i: number, shape: readonly number[]): number[] {
	const out: number[] = [];
	let rest = i;
	for (let a = shape.length - 1; a >= 0; a--) {
		const d = shape[a]!;
		out.unshift(rest % d);
		rest = Math.floor(rest / d);
	}
	return out;
}

/** Checks filters and returns them as [kh, kw, a, b], reading [kh, kw] as [kh, kw, 1, 1] and [kh, kw, a] as [kh, kw, a, 1]. */
export function checkFilters(op: string, t: unknown, layout: string): [number, number, number, number] {
	const [kh = 1, kw = 1, a = 1, b = 1] = checkTensor(op, 'filters', t, [2, 3, 4], layout);
	return [kh, kw, a, b];
}

/** Bias values, one finite number per output channel; `undefined` gives zeros. */
export function checkBias(op: string, v: unknown, channels: number): Float64Array {
	const out = new Float64Array(channels);
	if (v === undefined) return out;
	if (!isArray(v)) fail(op, `bias must be an array with one number per output channel, got ${show(v)}`);
	if (v.length !== channels) fail(op, `bias has ${v.length} values but there are ${channels} output channels (filters)`);
	for (let i = 0; i < channels; i++) {
		const b = v[i];
		if (typeof b !== 'number' || !Number.isFinite(b)) fail(op, `bias must contain only finite numbers, got ${show(b)} at ${i}`);
		out[i] = b;
	}
	return out;
}

/** A 2-D padding as one axis padding per direction: modes apply to both, a number or [rows, cols] gives cells on each side. */
export function checkPadding<M extends 'valid' | 'same' | 'full'>(
	op: string,
	v: unknown,
	modes: readonly M[],
	explicit: 'none' | 'number' | 'pair',
): { rows: M | number; cols: M | number } {
	const mode = v === undefined ? modes[0] : modes.find((m) => m === v);
	if (mode !== undefined) return { rows: mode, cols: mode };
	const cells = (n: unknown): n is number => typeof n === 'number' && Number.isInteger(n) && n >= 0;
	if (explicit !== 'none' && cells(v)) return { rows: v, cols: v };
	if (explicit === 'pair' && isArray(v) && v.length === 2 && cells(v[0]) && cells(v[1])) return { rows: v[0], cols: v[1] };
	const allowed: string[] = modes.map(show);
	if (explicit !== 'none') allowed.push('a non-negative integer');
	if (explicit === 'pair') allowed.push('[rows, cols] of them');
	fail(op, `padding must be ${allowed.join(', ')}, got ${show(v)}`);
}

/** An options object (or nothing, unless required); `name` is the argument named in the error. */
export function checkOptions(op: string, v: unknown, required: boolean, name = 'options'): Record<string, unknown> {
	if (v === undefined && !required) return {};
	if (typeof v !== 'object' || v === null || isArray(v)) fail(op, `${name} must be an object, got ${show(v)}`);
	return v as Record<string, unknown>;
}
