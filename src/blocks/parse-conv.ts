/** `cnn-conv` blocks: source text -> ConvSpec (input [h, w, 1], filters [kh, kw, 1, n]) or errors. */
import { axisGeometry, tensor, type AxisPadding } from '../cnn';
import { readFields, unexpected } from './fields';
import { CONV_KEYS, MAX_OUTPUT_SIDE } from './keys';
import { stackFilters, type NamedMatrix } from './kernel';
import type { ConvSpec, PaddingSpec, ParseResult } from './types';
import { blockError } from './values';

/** The padding of each axis, from a block's padding. */
function axisPadding(padding: PaddingSpec): { rows: AxisPadding; cols: AxisPadding } {
	return typeof padding === 'string' ? { rows: padding, cols: padding } : { rows: padding[0], cols: padding[1] };
}

/**
 * Parses a `cnn-conv` block. Keys: input (matrix, required), kernel (matrix or preset) or filters
 * (list of them), bias, stride, padding, dilation, flip; see CONV_KEYS. Never throws.
 */
export function parseConvBlock(source: string): ParseResult<ConvSpec> {
	try {
		return parseConv(source);
	} catch (e) {
		return unexpected(e);
	}
}

/** parseConvBlock without the safety net. */
function parseConv(source: string): ParseResult<ConvSpec> {
	const read = readFields(source, CONV_KEYS);
	if (!read.ok) return read;
	const { values, errors, has, misspelled, lineOf, placeOf } = read.fields;

	const kernelKey = has('kernel') ? 'kernel' : 'filters';
	if (has('kernel') && has('filters')) {
		errors.push(blockError('block.kernel.both', {}, { key: 'filters', line: lineOf('filters') }));
	} else if (!has('kernel') && !has('filters') && !misspelled('kernel') && !misspelled('filters')) {
		errors.push(blockError('block.kernel.missing', {}, { key: 'kernel', line: undefined }));
	}
	const kernels: NamedMatrix[] | undefined = kernelKey === 'kernel' ? (values.kernel && [values.kernel]) : values.filters;
	if (errors.length > 0 || values.input === undefined || kernels === undefined) return { ok: false, errors };

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

	const input = tensor(values.input);
	const [h = 0, w = 0] = input.shape;
	const [kh = 0, kw = 0] = filters.shape;
	const { stride, dilation, padding } = values;
	const pad = axisPadding(padding);
	const rows = axisGeometry(h, kh, stride[0], dilation[0], pad.rows);
	const cols = axisGeometry(w, kw, stride[1], dilation[1], pad.cols);
	const at = { key: kernelKey, line: lineOf(kernelKey) };
	if (rows.out < 1 || cols.out < 1) {
		errors.push(
			blockError(
				'block.conv.kernelTooLarge',
				{
					received: `${kh}x${kw}`,
					span: `${rows.effKernel}x${cols.effKernel}`,
					input: `${h}x${w}`,
					padded: `${h + rows.before + rows.after}x${w + cols.before + cols.after}`,
				},
				at,
			),
		);
	} else if (rows.out > MAX_OUTPUT_SIDE || cols.out > MAX_OUTPUT_SIDE) {
		errors.push(blockError('block.conv.outputTooLarge', { received: `${rows.out}x${cols.out}`, max: MAX_OUTPUT_SIDE }, { key: 'padding', line: lineOf('padding') }));
	}
	if (errors.length > 0) return { ok: false, errors };

	return {
		ok: true,
		spec: {
			input,
			filters,
			kernelNames: kernels.map((k) => k.name),
			bias,
			stride,
			padding,
			dilation,
			flip: values.flip,
		},
	};
}
