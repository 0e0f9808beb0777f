/** The input of a block: exactly one of `input` (matrix), `sample` (built-in picture) or `image` (vault link). */
import { makeSample, tensor } from '../cnn';
import type { BlockFields, BlockValues } from './fields';
import type { INPUT_KEYS } from './keys';
import type { InputSpec } from './types';
import { blockError } from './values';

type InputKeys = typeof INPUT_KEYS;

/**
 * Reads the input keys into an InputSpec, pushing an error when none or several of input, image
 * and sample are given, or when `channels: rgb` or a `region` is asked of something that is not an image.
 */
export function readInput<T extends InputKeys>(fields: BlockFields<T>): InputSpec | undefined {
	const values = fields.values as BlockValues<InputKeys>;
	const given = (['input', 'image', 'sample'] as const).filter((k) => fields.has(k));
	if (given.length === 0) {
		if (!fields.misspelled('input') && !fields.misspelled('image') && !fields.misspelled('sample')) {
			fields.errors.push(blockError('block.input.missing', {}, { key: 'input', line: undefined }));
		}
		return undefined;
	}
	if (given.length > 1) {
		const second = given[1] ?? 'image';
		fields.errors.push(blockError('block.input.several', { keys: given.join(', ') }, { key: second, line: fields.lineOf(second) }));
		return undefined;
	}
	if (fields.has('region') && !fields.has('image')) {
		const why = given[0] === 'sample' ? 'block.region.sampleGiven' : 'block.region.matrixGiven';
		fields.errors.push(blockError(why, {}, { key: 'region', line: fields.lineOf('region') }));
		return undefined;
	}
	if (values.channels === 'rgb' && !fields.has('image')) {
		fields.errors.push(blockError('block.channels.imageOnly', {}, { key: 'channels', line: fields.lineOf('channels') }));
		return undefined;
	}
	if (values.input !== undefined) return { kind: 'matrix', tensor: tensor(values.input) };
	if (values.sample !== undefined) return { kind: 'sample', name: values.sample, tensor: makeSample(values.sample) };
	if (values.image !== undefined) {
		return values.region === undefined
			? { kind: 'image', link: values.image, channels: values.channels }
			: { kind: 'image', link: values.image, channels: values.channels, region: values.region };
	}
	return undefined;
}
