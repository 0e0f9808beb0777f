import { setLanguage } from '../../harness/obsidian';
import { parseConvBlock } from '../../src/blocks/parse-conv';
import { parsePoolBlock } from '../../src/blocks/parse-pool';
import type { Problem } from '../../src/blocks/types';
import { t } from '../../src/i18n';

const IMAGE = 'image: "[[slide.png]]"\n';

/** The errors of a cnn-conv block (sobel-x kernel) with `region` written as `region`. */
function convErrors(region: string, input = IMAGE): Problem[] {
	const r = parseConvBlock(`${input}kernel: sobel-x\nregion: ${region}\n`);
	if (r.ok) throw new Error(`expected errors for region ${region}`);
	return r.errors;
}

/** Each error as the error box writes it. */
function texts(errors: Problem[]): string[] {
	return errors.map((e) => t(e.code, e.vars));
}

describe('region: key of cnn-conv and cnn-pool', () => {
	it('region: [120, 300, 64, 48] on a picture gives the image input that region (row, col, height, width)', () => {
		const r = parseConvBlock(`${IMAGE}kernel: sobel-x\nregion: [120, 300, 64, 48]\n`);
		expect(r.ok && r.value.input).toEqual({ kind: 'image', link: { path: 'slide.png', embed: false }, channels: 'gray', region: { row: 120, col: 300, height: 64, width: 48 } });
		const p = parsePoolBlock(`${IMAGE}region: [0, 0, 256, 256]\n`);
		expect(p.ok && p.value.input.kind === 'image' && p.value.input.region).toEqual({ row: 0, col: 0, height: 256, width: 256 });
	});

	it('without region the picture is whole (no region field)', () => {
		const r = parseConvBlock(`${IMAGE}kernel: sobel-x\n`);
		expect(r.ok && r.value.input.kind === 'image' && 'region' in r.value.input).toBe(false);
	});

	const cases: [string, string, RegExp, RegExp][] = [
		['not four numbers', '[1, 2, 3]', /four whole numbers \[row, col, height, width\], not \[1,2,3\]/, /cuatro números enteros \[fila, columna, alto, ancho\], no \[1,2,3\]/],
		['one number', '5', /four whole numbers.*not 5/, /cuatro números enteros.*no 5/],
		['a fraction', '[1.5, 0, 8, 8]', /the row must be a whole number of pixels, not 1.5/, /la fila debe ser un número entero de píxeles, no 1.5/],
		['a word', '[0, x, 8, 8]', /the column must be a whole number of pixels, not "x"/, /la columna debe ser un número entero de píxeles, no "x"/],
		['negative', '[-3, 0, 8, 8]', /the row cannot be negative \(-3\)/, /la fila no puede ser un número negativo \(-3\)/],
		['zero size', '[0, 0, 0, 8]', /the height is 0 pixels; a region needs at least 1 pixel/, /el alto es de 0 píxeles; una región necesita al menos 1 píxel/],
		['larger than the limit', '[0, 0, 8, 600]', /the width is 600 pixels, more than a widget works on \(512 pixels per side\)/, /el ancho es de 600 píxeles, más de lo que admite un widget \(512 píxeles por lado\)/],
	];
	it.each(cases)('%s (%s): the error names the part and the value, in English and Spanish', (_name, region, english, spanish) => {
		const errors = convErrors(region);
		expect(errors.every((e) => e.key === 'region' && e.line === 3)).toBe(true);
		expect(texts(errors).join('\n')).toMatch(english);
		setLanguage('es');
		expect(texts(convErrors(region)).join('\n')).toMatch(spanish);
	});

	it('every error says what region allows', () => {
		const [error] = convErrors('[0, 0, 0, 8]');
		expect(error?.allowed).toBe('four whole numbers [row, col, height, width]: row and col from 0, height and width from 1 to 512');
		expect(error?.keyDoc?.description).toBe('block.doc.region');
	});

	it('a region with a matrix input is an error that says why (a matrix is used whole), in both languages', () => {
		const matrix = 'input: [[1, 2], [3, 4]]\n';
		const [error, ...more] = convErrors('[0, 0, 1, 1]', matrix);
		expect(more).toEqual([]);
		expect(error?.key).toBe('region');
		expect(t(error?.code ?? 'block.unexpected', error?.vars)).toMatch(/this block's input is a matrix, which is always used whole/);
		setLanguage('es');
		expect(texts(convErrors('[0, 0, 1, 1]', matrix))[0]).toMatch(/la entrada de este bloque es una matriz, que siempre se usa entera/);
		const pool = parsePoolBlock('sample: digit\nregion: [0, 0, 2, 2]\n');
		expect(!pool.ok && texts(pool.errors)[0]).toMatch(/imagen de ejemplo integrada/);
	});

	it('an empty region says it has no value; a huge number says it is out of range', () => {
		expect(texts(convErrors('')).join()).toMatch(/“region” has no value/);
		expect(texts(convErrors('[0, 0, 8, 1e40]')).join()).toMatch(/too large/);
	});
});
