/**
 * Kernels in `cnn-conv` blocks: a matrix or a preset name (`kernel: sobel-x`), a list of them
 * (`filters:`), and stacking them into the [kh, kw, 1, n] filter tensor.
 */
import { kernelPresets, presetKernel, type Tensor } from '../cnn';
import { clip, t } from '../i18n';
import type { KernelKey, KernelListKey } from './keys';
import { parseMatrix } from './matrix';
import type { ValuePlace } from './source';
import { closest } from './suggest';
import type { Problem, Result } from './types';
import { blockError, show } from './values';

/** A kernel as rows of weights, with the preset name it came from (null when written inline). */
export interface NamedMatrix {
	rows: number[][];
	name: string | null;
}

/** A checked value or its problems. */

/** A word that names a preset rather than a row of numbers: starts with a letter, no spaces. */
const PRESET_NAME = /^[A-Za-z][\w-]*$/;

/** The names of the kernel presets, in table order. */
export function presetNames(): string[] {
	return Object.keys(kernelPresets);
}

/** What a kernel key allows, in the user's language. */
function kernelAllowed(maxSide: number): string {
	return t('block.allowed.kernel', { max: maxSide, presets: presetNames().join(', ') });
}

/** One kernel: a preset name (case-insensitive) or a matrix of at most `spec.maxSide` on each side. */
export function parseKernel(value: unknown, key: string, place: ValuePlace | undefined, spec: Pick<KernelKey, 'maxSide'>): Result<NamedMatrix> {
	if (typeof value === 'string' && PRESET_NAME.test(value.trim())) {
		const word = value.trim().toLowerCase();
		const rows = presetKernel(word);
		if (rows !== undefined) return { ok: true, value: { rows: rows.map((r) => r.slice()), name: word } };
		const suggestion = closest(word, presetNames());
		const extra = { allowed: kernelAllowed(spec.maxSide), ...(suggestion === undefined ? {} : { suggestion }) };
		return { ok: false, errors: [blockError('block.kernel.unknownPreset', { received: clip(value.trim()) }, { key, line: place?.line }, extra)] };
	}
	const matrix = parseMatrix(value, { key, place, maxSide: spec.maxSide });
	if (!matrix.ok) {
		for (const e of matrix.errors) if (e.code === 'block.matrix.notMatrix' || e.code === 'block.matrix.tooLarge') e.allowed = kernelAllowed(spec.maxSide);
		return matrix;
	}
	return { ok: true, value: { rows: matrix.value, name: null } };
}

/** A list of kernels (`filters:`): matrices and/or preset names, at most `spec.maxCount` of them. */
export function parseKernelList(value: unknown, key: string, place: ValuePlace | undefined, spec: Pick<KernelListKey, 'maxSide' | 'maxCount'>): Result<NamedMatrix[]> {
	const at = { key, line: place?.line };
	const allowed = t('block.allowed.filters', { count: spec.maxCount, max: spec.maxSide });
	if (value === null || value === undefined) return { ok: false, errors: [blockError('block.value.missing', {}, at, { allowed })] };
	if (!Array.isArray(value)) return { ok: false, errors: [blockError('block.filters.notList', { received: show(value) }, at, { allowed })] };
	const items: unknown[] = value;
	if (items.length === 0) return { ok: false, errors: [blockError('block.list.empty', {}, at, { allowed })] };
	if (items.length > spec.maxCount) {
		return { ok: false, errors: [blockError('block.filters.tooMany', { count: items.length, max: spec.maxCount }, at, { allowed })] };
	}
	const errors: Problem[] = [];
	const kernels: NamedMatrix[] = [];
	items.forEach((item, i) => {
		const kernel = parseKernel(item, key, place?.item(i), spec);
		if (kernel.ok) kernels.push(kernel.value);
		else errors.push(...kernel.errors);
	});
	return errors.length > 0 ? { ok: false, errors } : { ok: true, value: kernels };
}

/**
 * Stacks kernels of one size into a filter tensor [kh, kw, 1, n] (filter f at [r, c, 0, f]);
 * kernels of different sizes are an error naming the first one that differs.
 */
export function stackFilters(kernels: readonly NamedMatrix[], key: string, place: ValuePlace | undefined): Result<Tensor> {
	const first = kernels[0]?.rows ?? [];
	const kh = first.length;
	const kw = first[0]?.length ?? 0;
	const n = kernels.length;
	const errors: Problem[] = [];
	kernels.forEach((k, f) => {
		const h = k.rows.length;
		const w = k.rows[0]?.length ?? 0;
		if (h !== kh || w !== kw) {
			const received = `${h}x${w}`;
			const at = { key, line: place?.item(f).line ?? place?.line };
			errors.push(blockError('block.filters.sizeMismatch', { filter: f + 1, received, expected: `${kh}x${kw}` }, at));
		}
	});
	if (errors.length > 0) return { ok: false, errors };
	const data = new Float32Array(kh * kw * n);
	kernels.forEach((k, f) => k.rows.forEach((row, r) => row.forEach((v, c) => (data[(r * kw + c) * n + f] = v))));
	return { ok: true, value: { shape: [kh, kw, 1, n], data } };
}
