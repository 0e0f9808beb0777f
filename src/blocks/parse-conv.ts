/** `cnn-conv` blocks: source text -> ConvSpec (input [h, w, 1], filters [kh, kw, 1, n]) or errors. */
import { convGeometry, convTransposeOutputSize, transposeAxisPadding } from '../cnn';
import { describeError, describeResult } from './describe';
import { readFields, unexpected } from './fields';
import { readInput } from './input';
import { checkPoolSize } from './parse-pool';
import { CONV_KEYS, MAX_IMAGE_OUTPUT_SIDE, MAX_OUTPUT_SIDE } from './keys';
import { stackFilters, type NamedMatrix } from './kernel';
import type { Problem, ConvSpec, PaddingSpec, Result } from './types';
import { blockError } from './values';


/**
 * Parses a `cnn-conv` block. Keys: input, image or sample; kernel (matrix or preset) or filters
 * (list of them), bias, stride, padding, dilation, flip; see CONV_KEYS. Never throws.
 */
export function parseConvBlock(source: string): Result<ConvSpec> {
	try {
		return describeResult(parseConv(source), CONV_KEYS);
	} catch (e) {
		return unexpected(e);
	}
}

/** parseConvBlock without the safety net. */
function parseConv(source: string): Result<ConvSpec> {
	const read = readFields(source, CONV_KEYS);
	if (!read.ok) return read;
	const { values, errors, has, misspelled, lineOf, placeOf } = read.value;
	const input = readInput(read.value);

	const kernelKey = has('kernel') ? 'kernel' : 'filters';
	if (has('kernel') && has('filters')) {
		errors.push(blockError('block.kernel.both', {}, { key: 'filters', line: lineOf('filters') }));
	} else if (!has('kernel') && !has('filters') && !misspelled('kernel') && !misspelled('filters')) {
		errors.push(blockError('block.kernel.missing', {}, { key: 'kernel', line: undefined }));
	}
	const kernels: NamedMatrix[] | undefined = kernelKey === 'kernel' ? (values.kernel && [values.kernel]) : values.filters;
	if (values.transpose) {
		if (values.dilation[0] > 1 || values.dilation[1] > 1) {
			errors.push(blockError('block.transpose.dilation', {}, { key: 'dilation', line: lineOf('dilation') }));
		}
		const p = values.padding;
		if (p === 'full' || (Array.isArray(p) && p[0] !== p[1])) {
			errors.push(blockError('block.transpose.padding', { received: Array.isArray(p) ? `[${p.join(', ')}]` : p }, { key: 'padding', line: lineOf('padding') }));
		}
	}
	if (errors.length > 0 || input === undefined || kernels === undefined) return { ok: false, errors };

	const stacked = stackFilters(kernels, kernelKey, placeOf(kernelKey));
	if (!stacked.ok) return stacked;
	const filters = stacked.value;
	const count = kernels.length;

	let bias: number[] | undefined;
	if (typeof values.bias === 'number') bias = new Array<number>(count).fill(values.bias);
	else if (values.bias !== undefined) {
		bias = values.bias;
		if (bias.length !== count) {
			errors.push(blockError('block.bias.count', { received: bias.length, expected: count }, { key: 'bias', line: lineOf('bias') }));
		}
	}

	const { stride, dilation, padding } = values;
	const size = input.kind === 'image' ? null : input.tensor.shape;
	const sizeError = size ? checkConvSize(size, filters.shape, stride, dilation, padding, MAX_OUTPUT_SIDE, values.transpose) : null;
	if (sizeError) {
		const key = sizeError.key === 'kernel' ? kernelKey : (sizeError.key as 'padding' | 'stride');
		errors.push({ ...sizeError, key, line: lineOf(key) });
	}
	if (values.pool !== undefined && values.transpose) {
		errors.push(blockError('block.pool.withTranspose', {}, { key: 'pool', line: lineOf('pool') }));
	}
	if (size && values.pool && !sizeError && errors.length === 0) {
		const out = convOutputShape(size, filters.shape, stride, dilation, padding);
		const poolError = checkPoolSize(out, values.pool);
		if (poolError) errors.push({ ...poolError, key: 'pool', line: lineOf('pool') });
	}
	if (errors.length > 0) return { ok: false, errors };

	return {
		ok: true,
		value: {
			input,
			filters,
			kernelNames: kernels.map((k) => k.name),
			bias,
			stride,
			padding,
			dilation,
			flip: values.flip,
			activation: values.activation,
			transpose: values.transpose,
			pool: values.pool,
		},
	};
}

/**
 * The error of a convolution that has no output cell (kernel larger than the padded input) or
 * an output larger than maxOutputSide (cells), for an input [h, w, ...] and filters [kh, kw, ...]; null when it fits.
 * Shared by the parser and the widget (kernel edits, images whose size is known only once loaded).
 */
export function checkConvSize(
	inputShape: readonly number[],
	filterShape: readonly number[],
	stride: [number, number],
	dilation: [number, number],
	padding: PaddingSpec,
	maxOutputSide = MAX_OUTPUT_SIDE,
	transpose = false,
): Problem | null {
	const [h = 0, w = 0] = inputShape;
	const [kh = 0, kw = 0] = filterShape;
	if (transpose) {
		const p = transposeAxisPadding(padding, 0);
		const outH = convTransposeOutputSize(h, kh, { stride: stride[0], padding: p });
		const outW = convTransposeOutputSize(w, kw, { stride: stride[1], padding: transposeAxisPadding(padding, 1) });
		if (outH < 1 || outW < 1) return blockError('block.transpose.cropped', { received: String(p) }, { key: 'padding', line: undefined });
		if (outH > maxOutputSide || outW > maxOutputSide) {
			return blockError('block.conv.outputTooLarge', { received: `${outH}x${outW}`, max: maxOutputSide }, { key: 'stride', line: undefined });
		}
		return null;
	}
	const { rows, cols } = convGeometry(inputShape, filterShape, stride, dilation, padding);
	const at = { key: 'kernel', line: undefined };
	if (rows.out < 1 || cols.out < 1) {
		return blockError(
			'block.conv.kernelTooLarge',
			{
				received: `${kh}x${kw}`,
				span: `${rows.effKernel}x${cols.effKernel}`,
				input: `${h}x${w}`,
				padded: `${h + rows.before + rows.after}x${w + cols.before + cols.after}`,
			},
			at,
		);
	}
	if (rows.out > maxOutputSide || cols.out > maxOutputSide) {
		return blockError('block.conv.outputTooLarge', { received: `${rows.out}x${cols.out}`, max: maxOutputSide }, { key: 'padding', line: undefined });
	}
	return null;
}

/** The [outH, outW] of a (non-transposed) convolution of an [h, w, ...] input with [kh, kw, ...] filters. */
export function convOutputShape(
	inputShape: readonly number[],
	filterShape: readonly number[],
	stride: [number, number],
	dilation: [number, number],
	padding: PaddingSpec,
): [number, number] {
	const { rows, cols } = convGeometry(inputShape, filterShape, stride, dilation, padding);
	return [rows.out, cols.out];
}

/** Whether a kernel of some size fits an input of some shape for a block's settings: the error, or null. */
export type ConvFit = (inputShape: readonly number[], kernelShape: readonly number[]) => Problem | null;

/**
 * The fit check of a `cnn-conv` block, for its widget: images (known only once loaded) may give
 * larger outputs than matrices; a pooling stage must fit the convolution's output.
 */
export function convFit(spec: ConvSpec): ConvFit {
	const image = spec.input.kind === 'image';
	const maxSide = image ? MAX_IMAGE_OUTPUT_SIDE : MAX_OUTPUT_SIDE;
	return (inputShape, kernelShape) => {
		const found = checkConvSize(inputShape, kernelShape, spec.stride, spec.dilation, spec.padding, maxSide, spec.transpose);
		// From a picture, a smaller "Largest picture side" is also a way out: the message says so.
		const error = found && image && found.code === 'block.conv.outputTooLarge' ? { ...found, code: 'block.conv.outputTooLargeImage' as const } : found;
		if (error || !spec.pool || spec.transpose) return error && describeError(error, CONV_KEYS);
		const poolError = checkPoolSize(convOutputShape(inputShape, kernelShape, spec.stride, spec.dilation, spec.padding), spec.pool);
		return poolError && describeError({ ...poolError, key: 'pool' }, CONV_KEYS);
	};
}
