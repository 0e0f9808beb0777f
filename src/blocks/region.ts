/** The `region:` key: [row, col, height, width] of a vault picture, in the picture's own pixels. */
import { VALUE_LIMIT } from '../cnn';
import { t, type MessageKey } from '../i18n';
import type { PixelRegion } from '../vault/pixels';
import type { RegionKey } from './keys';
import type { Problem } from './types';
import { blockError, show, toNumber, valueProblemCode, type ValueAt } from './values';

/** The four numbers of a region, in the order they are written, with the word naming each in messages. */
const PARTS = [
	['row', 'region.part.row'],
	['col', 'region.part.col'],
	['height', 'region.part.height'],
	['width', 'region.part.width'],
] as const satisfies readonly (readonly [keyof PixelRegion, MessageKey])[];

/** What a region key allows, in the user's language. */
export function regionAllowed(spec: Pick<RegionKey, 'maxSide'>): string {
	return t('block.allowed.region', { max: spec.maxSide });
}

/**
 * Reads `[row, col, height, width]`: four whole numbers, row and col from 0, height and width from 1
 * to spec.maxSide (the widget's size limit). Whether the region lies inside the picture is known only
 * once the picture is read (src/vault/image.ts). Undefined after pushing errors naming each bad number.
 */
export function readRegion(raw: unknown, spec: RegionKey, at: ValueAt, errors: Problem[]): PixelRegion | undefined {
	const allowed = regionAllowed(spec);
	if (raw === null || raw === undefined) {
		errors.push(blockError('block.value.missing', {}, at, { allowed }));
		return undefined;
	}
	if (!Array.isArray(raw) || raw.length !== 4) {
		errors.push(blockError('block.region.notFour', { received: show(raw) }, at, { allowed }));
		return undefined;
	}
	const region: PixelRegion = { row: 0, col: 0, height: 0, width: 0 };
	const before = errors.length;
	PARTS.forEach(([name, word], i) => {
		const item: unknown = raw[i];
		const received = show(item);
		const part = t(word);
		const read = toNumber(item);
		const size = name === 'height' || name === 'width';
		if ('problem' in read) errors.push(blockError(read.problem === 'notNumber' ? 'block.region.notWhole' : valueProblemCode(read.problem), { part, received, limit: VALUE_LIMIT }, at, { allowed }));
		else if (!Number.isInteger(read.value)) errors.push(blockError('block.region.notWhole', { part, received }, at, { allowed }));
		else if (read.value < 0) errors.push(blockError('block.region.negative', { part, received }, at, { allowed }));
		else if (size && read.value === 0) errors.push(blockError('block.region.empty', { part }, at, { allowed }));
		else if (size && read.value > spec.maxSide) errors.push(blockError('block.region.tooLarge', { part, received, max: spec.maxSide }, at, { allowed }));
		else region[name] = read.value;
	});
	return errors.length === before ? region : undefined;
}
