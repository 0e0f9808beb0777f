import { setLanguage } from '../../harness/obsidian';
import { convFit, parseConvBlock } from '../../src/blocks/parse-conv';
import { parsePoolBlock } from '../../src/blocks/parse-pool';
import type { Problem } from '../../src/blocks/types';
import { formatLocaleNumber, t } from '../../src/i18n';
import { en } from '../../src/i18n/en';

const INPUT = 'input: |\n  1 2 3\n  4 5 6\n  7 8 9\n';

/** Sources that together produce every kind of block error. */
const CONV_SOURCES = [
	'',
	'plain text',
	'input: [1, 2\n',
	'input: 1\ninput: 2\n',
	`${INPUT}kernal: sobel-x\n`,
	'kernel: sobel-x\n',
	INPUT,
	`${INPUT}kernel: sobel-x\nfilters: [sobel-y]\n`,
	`${INPUT}kernel: sobel-z\n`,
	'input: |\n  1 2 3\n  4 5\n  6 x 7\n  8 .nan 9\nkernel: [[1]]\n',
	'input: [[1, null], []]\nkernel: [[1]]\n',
	'input: {a: 1}\nkernel: [[1]]\n',
	'input: []\nkernel: [[1]]\n',
	'input:\nkernel: [[1]]\n',
	`input: [${Array(65).fill(1).join(', ')}]\nkernel: [[1]]\n`,
	`${INPUT}filters: sobel-x\n`,
	`${INPUT}filters: []\n`,
	`${INPUT}filters: [${Array(17).fill('identity').join(', ')}]\n`,
	`${INPUT}filters: [sobel-x, [[1]]]\n`,
	`${INPUT}filters: [sobel-x, sobel-y]\nbias: [1, 2, 3]\n`,
	`${INPUT}kernel: sobel-x\nbias: [1, x]\n`,
	`${INPUT}kernel: sobel-x\nbias: x\nstride: 0\ndilation: 99\npadding: 1.5\nflip: maybe\n`,
	`${INPUT}kernel: sobel-x\nstride: [1, 2, 3]\npadding: sme\n`,
	`${INPUT}kernel: sobel-x\nstride: true\npadding: true\nbias: .inf\n`,
	`${INPUT}kernel: [[1, 1, 1, 1]]\n`,
	`${INPUT}kernel: sobel-x\nchannels: rgb\n`,
	`${INPUT}sample: circle\nkernel: sobel-x\n`,
	'image: 42\nkernel: sobel-x\n',
	`${INPUT}kernel: sobel-x\ntranspose: true\ndilation: 2\npadding: full\n`,
	`${INPUT}kernel: [[1]]\ntranspose: true\npadding: 2\n`,
	`${INPUT}kernel: [[1]]\ntranspose: true\nstride: 64\n`,
	`${INPUT}kernel: [[1]]\npool: max 2 3\n`,
	`${INPUT}kernel: [[1]]\npool: max 2\ntranspose: true\n`,
	`input: [${Array(64).fill(`[${Array(64).fill(1).join(',')}]`).join(',')}]\nkernel: [${Array(15).fill(`[${Array(15).fill(1).join(',')}]`).join(',')}]\npadding: full\ndilation: 16\n`,
	'input: |\n  1 1e39\nkernel: [[1]]\nbias: [1, -2e6]\n',
	'input: [[1]]\nkernel: [[1]]\nbias: 1e7\n',
	`input: [[1]]\nkernel: [[1]]\n#${'x'.repeat(100_001)}\n`,
	`input: [[1]]\nkernel: [[1]]\nl0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n${Array.from({ length: 8 }, (_, i) => `l${i + 1}: &l${i + 1} [${Array(9).fill(`*l${i}`).join(', ')}]`).join('\n')}\n`,
	`input: [[1]]\nkernel: [[1]]\ndeep: ${'['.repeat(20)}1${']'.repeat(20)}\n`,
	`input: [[1]]\nkernel: [[1]]\nt0: &t0 "${'x'.repeat(60_000)}"\nt: [*t0, *t0, *t0, *t0]\n`,
];
const POOL_SOURCES = [
	'image: "[[a.png]]"\nregion: [1, 2, 3]\n',
	'image: "[[a.png]]"\nregion: [0.5, -1, 0, 999]\n',
	`${INPUT}region: [0, 0, 1, 1]\n`,
	'sample: digit\nregion: [0, 0, 1, 1]\n',
	`${INPUT}size: 5\n`, `${INPUT}type: maxx\n`, 'type: max\n', `${INPUT}global: max\nsize: 2\n`];

/** Every error the sources above produce. */
function allErrors(): Problem[] {
	const errors: Problem[] = [];
	for (const source of CONV_SOURCES) {
		const result = parseConvBlock(source);
		if (!result.ok) errors.push(...result.errors);
	}
	const broken = parseConvBlock(undefined as unknown as string);
	if (!broken.ok) errors.push(...broken.errors);
	// Known only once the picture is loaded: an output too large from a 512 px picture (the widget's fit check).
	const picture = parseConvBlock('image: "[[a.png]]"\nkernel: sobel-x\ntranspose: true\nstride: 2\n');
	const tooLarge = picture.ok ? convFit(picture.value)([512, 512, 1], [3, 3, 1]) : null;
	if (tooLarge) errors.push(tooLarge);
	for (const source of POOL_SOURCES) {
		const result = parsePoolBlock(source);
		if (!result.ok) errors.push(...result.errors);
	}
	return errors;
}

describe('block error messages', () => {
	it('the sources above cover every error message of the blocks', () => {
		const codes = new Set(allErrors().map((e) => e.code));
		const messages = Object.keys(en).filter((k) => /^block\.(?!allowed\.|doc\.)/.test(k));
		expect([...codes].sort()).toEqual(messages.sort());
	});

	it.each(['en', 'es'])('every error reads completely in %s: no placeholder left, the received value shown', (language) => {
		setLanguage(language);
		for (const error of allErrors()) {
			const text = t(error.code, error.vars);
			expect({ code: error.code, text }).toEqual({ code: error.code, text: expect.not.stringMatching(/\{\w+\}/) as unknown });
			// A number received is written for the language (100,030 / 100.030), text as it came.
			const received = error.vars.received;
			if (received !== undefined) expect(text).toContain(typeof received === 'number' ? formatLocaleNumber(received, language) : String(received));
			if (error.allowed !== undefined) expect(error.allowed).not.toMatch(/\{\w+\}/);
		}
	});

	it('speaks to students in Spanish', () => {
		setLanguage('es');
		const result = parseConvBlock('input: |\n  1 2 3 4 5\n  1 2 3 4 5\n  1 2 3 4\nkernel: [[1]]\n');
		expect(result.ok).toBe(false);
		if (!result.ok) {
			const [error] = result.errors;
			expect(error && t(error.code, error.vars)).toBe('La fila 3 de «input» tiene 4 valores (1 2 3 4); se esperaban 5, como en la fila 1.');
		}
		const stride = parseConvBlock(`${INPUT}kernel: [[1]]\nstride: 0\n`);
		if (!stride.ok) expect(stride.errors[0]?.allowed).toBe('un número entero de 1 a 64, o un par [filas, columnas] de ellos');
	});

	it('reads in English by default', () => {
		const result = parseConvBlock(`${INPUT}kernel: sobel-z\n`);
		if (!result.ok) {
			const [error] = result.errors;
			expect(error && t(error.code, error.vars)).toBe('“sobel-z” is not a kernel preset.');
		}
		expect(result.ok).toBe(false);
	});
});
