/**
 * fast-check arbitraries of block sources for issue 10: mutations of the documented examples, random
 * matrices (ragged, huge, empty rows, non-numbers), YAML edge cases (alias bombs, deep nesting, tags,
 * multi-documents, duplicate keys, tabs, flow style), prototype names, long strings (3,000-character
 * keys up to 1 MB words), non-finite and float32-overflowing numbers, Unicode, links to good and
 * hostile vault files and vault models. Large values are built from a few drawn numbers, so
 * generating a case stays cheap whatever its size.
 */
import fc from 'fast-check';
import { dump } from 'js-yaml';
import { exampleBlocks, mutate, type Mutation } from './examples';
import { LINKS } from './fixtures';
import type { Interaction } from './interact';
import type { BlockKind, FuzzCase } from './property';
import type { Language } from './texts';
import { BASES, CLASSIFY_KEYS, CONV_KEYS, TRAIN_KEYS, EDGE_NUMBERS, KERNEL_TEXTS, KEYS, POOL_KEYS, PRESETS, PROTO_NAMES, REGEX_TEXTS, SAMPLES, UNICODE_TEXTS, prng, scalar, setKey } from './vocabulary';

export { EDGE_NUMBERS, KERNEL_TEXTS, PROTO_NAMES, setKey } from './vocabulary';

/** A block source before a language and an interaction are chosen. */
export interface BlockSource {
	kind: BlockKind;
	source: string;
	family: string;
}

const word = fc.oneof(
	{ weight: 3, arbitrary: fc.constantFrom(...PRESETS, ...SAMPLES, 'max', 'avg', 'min', 'same', 'valid', 'full', 'relu', 'gray', 'rgb', 'draw', 'sample', 'digits', 'all') },
	{ weight: 3, arbitrary: fc.constantFrom(...PROTO_NAMES) },
	{ weight: 2, arbitrary: fc.constantFrom(...UNICODE_TEXTS, ...REGEX_TEXTS) },
	{ weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 12 }) },
);

// ---------------------------------------------------------------------------------------------
// Families

const kind = fc.constantFrom<BlockKind>('cnn-conv', 'cnn-pool', 'cnn-classify', 'cnn-train');
const matrixKind = fc.constantFrom<BlockKind>('cnn-conv', 'cnn-pool');

/** Mutations of the documented examples. */
const examples: fc.Arbitrary<BlockSource> = fc
	.tuple(
		fc.nat(),
		fc.array(
			fc.record({
				op: fc.constantFrom<Mutation['op']>('number', 'number', 'word', 'word', 'deleteLine', 'duplicateLine', 'swapLines', 'insertLine', 'indent', 'truncate', 'insertChar', 'renameKey', 'appendDocument', 'crlf'),
				k: fc.nat(),
				n: fc.nat(),
				text: fc.oneof(
					fc.constantFrom(...EDGE_NUMBERS),
					word,
					fc.constantFrom('\t', '  ', ' ', '- ', '#', ':', ': ', '[', ']', '{', '}', '&a ', '*a', '!!str ', '|', '>', '"', "'", '%', '@', '`', '\u00a0', '\n'),
					fc.constantFrom('stride: 0', 'padding: 17', 'dilation: 9', 'bias: [1, 2, 3]', 'pool: max 99', 'transpose: true', 'flip: yes', 'global: avg', 'channels: rgb', 'image: "[[missing.png]]"', 'sample: noise', 'kernel: constructor', 'size: [0, 2]', 'show: nothing'),
				),
			}),
			{ minLength: 1, maxLength: 3 },
		),
	)
	.map(([pick, mutations]) => {
		const all = exampleBlocks();
		const base = all[pick % all.length] ?? { kind: 'cnn-conv' as const, source: '' };
		return { kind: base.kind, source: mutations.reduce(mutate, base.source), family: 'examples' };
	});

/** A matrix as YAML text: `|` rows, a flow list of lists, a block list of rows, or a folded scalar. */
function matrixText(rows: number, cols: number, seed: number, opts: { ragged: boolean; junk: boolean; emptyRows: boolean; style: number }): string {
	const rnd = prng(seed);
	const cell = (): string => {
		if (opts.junk && rnd() < 0.08) return EDGE_NUMBERS[Math.floor(rnd() * EDGE_NUMBERS.length)] ?? 'x';
		return String(Math.floor(rnd() * 19) - 9);
	};
	const body: string[][] = [];
	for (let r = 0; r < rows; r++) {
		const n = opts.ragged && rnd() < 0.3 ? Math.floor(rnd() * (cols + 2)) : cols;
		const row: string[] = [];
		for (let c = 0; c < n; c++) row.push(cell());
		body.push(row);
		if (opts.emptyRows && rnd() < 0.15) body.push([]);
	}
	switch (opts.style % 4) {
		case 0:
			return `|\n${body.map((r) => `  ${r.join(rnd() < 0.5 ? ' ' : ', ')}`).join('\n')}`;
		case 1:
			return `[${body.map((r) => `[${r.join(', ')}]`).join(', ')}]`;
		case 2:
			return body.length === 0 ? '[]' : `\n${body.map((r) => `  - [${r.join(', ')}]`).join('\n')}`;
		default:
			return `>\n${body.map((r) => `  ${r.join(' ')}`).join('\n')}`;
	}
}

const side = fc.oneof({ weight: 12, arbitrary: fc.integer({ min: 0, max: 8 }) }, { weight: 3, arbitrary: fc.constantFrom(12, 13, 15, 16, 63, 64, 65) }, { weight: 1, arbitrary: fc.constantFrom(200, 5000) });

/** Random matrices for input, kernel, filters and bias. */
const matrices: fc.Arbitrary<BlockSource> = fc
	.record({ kind: matrixKind, rows: side, cols: side, seed: fc.nat(), ragged: fc.boolean(), junk: fc.boolean(), emptyRows: fc.boolean(), style: fc.nat(3), where: fc.nat(5), kRows: fc.integer({ min: 0, max: 17 }), kCols: fc.integer({ min: 0, max: 17 }) })
	.map((m) => {
		// 5000-long sides come as 5000x1 or 1x5000, and 200 as 200x200: huge, but not 25 million cells.
		const rows = m.rows === 5000 ? 5000 : m.cols === 5000 ? 1 : m.rows;
		const cols = m.rows === 5000 ? 1 : m.cols === 200 && m.rows !== 200 ? 200 : m.cols;
		const matrix = matrixText(rows, cols, m.seed, m);
		if (m.kind === 'cnn-pool') return { kind: m.kind, source: `input: ${matrix}\ntype: ${['max', 'avg', 'min'][m.where % 3] ?? 'max'}\nsize: ${1 + (m.seed % 3)}`, family: 'matrix' };
		const small = matrixText(m.kRows % 4, m.kCols % 4, m.seed + 1, { ...m, ragged: false, emptyRows: false });
		const kernel = matrixText(m.kRows, m.kCols, m.seed + 2, m);
		const sources = [
			`input: ${matrix}\nkernel: |\n  1 0\n  0 1`,
			`input: |\n  1 2 3\n  4 5 6\n  7 8 9\nkernel: ${kernel}`,
			`input: ${matrix}\nkernel: ${small}\npadding: same`,
			`sample: digit\nfilters:\n  - ${kernel.replace(/\n/g, '\n    ')}\n  - sobel-x`,
			`input: ${matrix}\nfilters: [${small}, ${small}]\nbias: ${matrix}`,
			`image: "[[ok-8x8.png]]"\nkernel: ${kernel}`,
		];
		return { kind: m.kind, source: sources[m.where % sources.length] ?? sources[0] ?? '', family: 'matrix' };
	});

/** The billion laughs: `levels` anchored lists of `width` aliases of the level below, the top under `key`. */
export function laughs(levels: number, width: number, key: string | null): string {
	const lines = [`l0: &l0 [${Array<string>(width).fill('lol').join(', ')}]`];
	for (let i = 1; i < levels; i++) lines.push(`l${i}: &l${i} [${Array<string>(width).fill(`*l${i - 1}`).join(', ')}]`);
	if (key !== null) lines.push(`${key}: *l${levels - 1}`);
	return lines.join('\n');
}

/** YAML edge cases around a valid base block. */
const yamlCases: fc.Arbitrary<BlockSource> = fc
	.record({ kind, base: fc.nat(), what: fc.nat(14), key: fc.nat(), n: fc.nat(), levels: fc.oneof(fc.constant(9), fc.integer({ min: 2, max: 8 })), width: fc.integer({ min: 2, max: 10 }), depth: fc.constantFrom(10, 100, 1000, 5000) })
	.map((y) => {
		const base = BASES[y.kind][y.base % BASES[y.kind].length] ?? '';
		const keys = [...KEYS[y.kind], 'unknown'];
		const key = keys[y.key % keys.length] ?? 'input';
		const tags = ['!!str 5', '!!int "3"', '!!float .nan', '!!binary aGVsbG8=', '!!set {a, b}', '!!omap [a: 1]', '!!pairs [a: 1]', '!!timestamp 2001-12-14', '!!js/function "function(){}"', '!custom x', '!<tag:yaml.org,2002:str> x', '!!map {}', '!!seq []', '!!null ""', '!!bool yes', '!!python/object:os.system x'];
		switch (y.what) {
			case 0:
			case 1:
				return { kind: y.kind, source: `${laughs(y.levels, y.width, key)}\n${base}`, family: 'yaml-bomb' };
			case 2:
				return { kind: y.kind, source: `${base}\n${laughs(y.levels, y.width, null)}`, family: 'yaml-bomb' };
			case 3:
				return { kind: y.kind, source: setKey(base, key, `${'['.repeat(y.depth)}1${']'.repeat(y.depth)}`), family: 'yaml-deep' };
			case 4:
				return { kind: y.kind, source: `${base}\n${Array.from({ length: Math.min(y.depth, 300) }, (_, i) => `${' '.repeat(i)}${key}:`).join('\n')} 1`, family: 'yaml-deep' };
			case 5:
				return { kind: y.kind, source: setKey(base, key, `${'{a: '.repeat(y.depth)}1${'}'.repeat(y.depth)}`), family: 'yaml-deep' };
			case 6:
				return { kind: y.kind, source: setKey(base, key, tags[y.n % tags.length] ?? '!!str'), family: 'yaml-tag' };
			case 7:
				return { kind: y.kind, source: y.n % 2 ? `${base}\n---\n${base}` : `%YAML 1.2\n---\n${base}\n...\n---\nkernel: sobel-y`, family: 'yaml-multidoc' };
			case 8: {
				const line = base.split('\n').find((l) => /^\w+:/.test(l)) ?? 'input: [[1]]';
				const dup = y.n % 3 === 0 ? line : y.n % 3 === 1 ? line.replace(/^(\w+)/, (k) => k.toUpperCase()) : line.replace(/^(\w+)/, '"$1"');
				return { kind: y.kind, source: `${base}\n${dup}`, family: 'yaml-duplicate' };
			}
			case 9:
				return { kind: y.kind, source: base.replace(/^ {2}/gm, y.n % 2 ? '\t' : ' \t').replace(/: /g, y.n % 3 ? ':\t' : ': '), family: 'yaml-tabs' };
			case 10: {
				const flow = `{${base.split('\n').filter((l) => /^\w+: \S/.test(l)).join(', ')}}`;
				return { kind: y.kind, source: y.n % 2 ? flow : `? ${key}\n: [[1]]\n${base}`, family: 'yaml-flow' };
			}
			case 11:
				return { kind: y.kind, source: `&a ${base}\nextra: *a\n<<: {${key}: 1}`, family: 'yaml-anchor' };
			case 12:
				return { kind: y.kind, source: setKey(base, key, ['', '~', '[]', '{}', '[[]]', '[[], []]', "''", '|-', '|+\n\n', '>', '|2\n   1 2', '[[1, [2]], [3, 4]]', '[[{a: 1}]]', '- 1\n- 2'][y.n % 14] ?? ''), family: 'yaml-empty' };
			case 13:
				return { kind: y.kind, source: `\ufeff${base.replace(/\n/g, y.n % 2 ? '\r\n' : '\r')}`, family: 'yaml-eol' };
			default:
				return { kind: y.kind, source: `${base}\n${key}: [${'*x, '.repeat(y.width)}]`, family: 'yaml-badalias' };
		}
	});

/** Prototype property names as keys, preset / sample / model names and other values. */
const protoCases: fc.Arbitrary<BlockSource> = fc
	.record({ kind, base: fc.nat(), name: fc.constantFrom(...PROTO_NAMES), key: fc.nat(), style: fc.nat(2), where: fc.nat(3) })
	.map((p) => {
		const base = BASES[p.kind][p.base % BASES[p.kind].length] ?? '';
		const keys = KEYS[p.kind];
		const key = keys[p.key % keys.length] ?? 'input';
		const name = scalar(p.name, p.style);
		const sources = [
			`${base}\n${name}: 1`,
			setKey(base, key, name),
			p.kind === 'cnn-conv' ? setKey(base, 'kernel', name) : p.kind === 'cnn-pool' ? setKey(base, 'type', name) : setKey(base, 'model', name),
			p.kind === 'cnn-conv' ? setKey(base, 'pool', `{${p.name}: 1, type: max}`) : p.kind === 'cnn-pool' ? `sample: ${name}\nsize: 2` : setKey(base, 'show', `[${name}, layers]`),
		];
		const extra = [`filters: [${name}, sobel-x]`, `sample: ${name}\nkernel: ${name}`, `image: "[[${p.name}]]"\nkernel: sobel-x`, `input: "[[${p.name}.png]]"`, `model: "[[${p.name}/model.json]]"`];
		const source = p.where === 3 ? (p.kind === 'cnn-classify' ? extra[3 + (p.key % 2)] : extra[p.key % 3]) : sources[p.where];
		return { kind: p.kind, source: source ?? base, family: 'proto' };
	});

/** Long texts: 3,000-character and regex-metacharacter key names, and words up to 1 MB in every word slot. */
const longCases: fc.Arbitrary<BlockSource> = fc
	.record({ kind, base: fc.nat(), size: fc.oneof({ weight: 6, arbitrary: fc.constant(3000) }, { weight: 2, arbitrary: fc.constant(65536) }, { weight: 1, arbitrary: fc.constant(262144) }, { weight: 1, arbitrary: fc.constant(1 << 20) }), ch: fc.constantFrom('k', 'a', '9', 'ñ', '(', '*', '😀', ' x'), slot: fc.nat(8), meta: fc.constantFrom(...REGEX_TEXTS) })
	.map((l) => {
		const base = BASES[l.kind][l.base % BASES[l.kind].length] ?? '';
		const long = l.ch.repeat(Math.ceil(l.size / l.ch.length)).slice(0, l.size);
		const slots: Record<BlockKind, string[]> = {
			'cnn-conv': ['kernel', 'sample', 'padding', 'activation', 'channels', 'pool', 'image'],
			'cnn-pool': ['type', 'sample', 'padding', 'global', 'channels', 'image', 'size'],
			'cnn-classify': ['model', 'input', 'show', 'model', 'input', 'show', 'model'],
			'cnn-train': ['layers', 'data', 'channels', 'save', 'data', 'save', 'layers'],
		};
		if (l.slot === 7) return { kind: l.kind, source: `${base}\n${long}${l.meta}: 1`, family: l.size > 3000 ? 'megabyte' : 'long-key' };
		if (l.slot === 8) return { kind: l.kind, source: `${base}\n${l.meta}${l.meta}: 1\n${l.meta}kernel: 2`, family: 'regex-key' };
		const key = slots[l.kind][l.slot % 7] ?? 'kernel';
		const value = key === 'image' || (l.kind === 'cnn-classify' && l.slot > 2) ? `"[[${long}.png]]"` : l.kind === 'cnn-train' && l.slot > 2 ? `"[[${long}]]"` : JSON.stringify(long);
		return { kind: l.kind, source: setKey(base, key, value), family: l.size > 3000 ? 'megabyte' : 'long-value' };
	});

/** Non-finite and float32-overflowing numbers in every numeric slot, and overflowing products. */
const numberCases: fc.Arbitrary<BlockSource> = fc
	.record({ kind: matrixKind, num: fc.constantFrom(...EDGE_NUMBERS), other: fc.constantFrom(...EDGE_NUMBERS), slot: fc.nat(11), style: fc.nat(2), activation: fc.constantFrom('none', 'relu', 'leaky-relu', 'sigmoid', 'tanh') })
	.map((n) => {
		const v = scalar(n.num, n.style);
		if (n.kind === 'cnn-pool') {
			const sources = [`input: [[${v}, 1], [2, 3]]\ntype: avg`, `input: |\n  ${n.num} ${n.other}\n  ${n.num} ${n.num}\nglobal: avg`, `input: [[1, 2], [3, 4]]\nsize: ${v}`, `input: [[1, 2], [3, 4]]\nstride: ${v}`, `input: [[${v}, ${n.other}], [3e38, 3e38]]\ntype: ${['max', 'avg', 'min'][n.slot % 3] ?? 'avg'}\nsize: 2`, `image: "[[ok-8x8.png]]"\nsize: [${v}, 2]`];
			return { kind: n.kind, source: sources[n.slot % sources.length] ?? '', family: 'numbers' };
		}
		const sources = [
			`input: [[1, 2], [3, 4]]\nkernel: [[${v}]]`,
			`image: "[[ok-8x8.png]]"\nkernel: [[${v}]]`,
			`input: [[${v}, 1], [2, 3]]\nkernel: [[1]]\nactivation: ${n.activation}`,
			`input: [[1e20, 1e20], [1e20, 1e20]]\nkernel: [[1e20]]`,
			`input: [[9007199254740992]]\nkernel: [[1e308]]`,
			`input: [[${v}, ${n.other}], [3e38, 3e38]]\nkernel: [[1, 1], [1, 1]]\nactivation: ${n.activation}`,
			`input: [[1, 2], [3, 4]]\nkernel: [[1]]\nbias: ${v}`,
			`input: [[1, 2], [3, 4]]\nkernel: [[1]]\nstride: ${v}`,
			`input: [[1, 2], [3, 4]]\nkernel: [[1]]\npadding: ${v}`,
			`input: [[1, 2], [3, 4]]\nkernel: [[1]]\ndilation: [${v}, 1]`,
			`sample: digit\nfilters: [[[${v}]], [[${n.other}]]]\nbias: [${n.other}, 1]\npool: {type: avg, size: ${v}}`,
			`input: |\n  ${n.num} ${n.other} 1\n  1 1 1\n  1 1 1\nkernel: sobel-x\ntranspose: true\nstride: ${v}`,
		];
		return { kind: n.kind, source: sources[n.slot % sources.length] ?? '', family: 'numbers' };
	});

/** Unicode in keys, values, rows and comments. */
const unicodeCases: fc.Arbitrary<BlockSource> = fc
	.record({ kind, base: fc.nat(), text: fc.oneof(fc.constantFrom(...UNICODE_TEXTS), fc.string({ unit: 'grapheme', minLength: 1, maxLength: 8 })), where: fc.nat(5), key: fc.nat() })
	.map((u) => {
		const base = BASES[u.kind][u.base % BASES[u.kind].length] ?? '';
		const keys = KEYS[u.kind];
		const key = keys[u.key % keys.length] ?? 'input';
		const sources = [
			`${base}\n${u.text}: 1`,
			setKey(base, key, JSON.stringify(u.text)),
			`# ${u.text}\n${base.replace(/\n/, ` # ${u.text}\n`)}`,
			u.kind === 'cnn-classify' ? `input: "[[${u.text}.png]]"` : `input: |\n  1${u.text}2 3\n  4 5 6\nkernel: [[1]]`,
			base.replace(/ /g, u.text === '\u00a0' || u.text === '\u3000' ? u.text : ' '),
			`${key}${u.text}: 1\n${base}`,
		];
		return { kind: u.kind, source: sources[u.where] ?? base, family: 'unicode' };
	});

/** A wiki-link written in one of the ways a student writes it. */
function linkText(path: string, style: number): string {
	const forms = [`"[[${path}]]"`, `[[${path}]]`, `![[${path}]]`, `"[[${path}|alias]]"`, `"[[${path}#heading]]"`, `"  [[${path}]]  "`, `"![[${path}]]"`, `"[[./${path}]]"`, `"[[../${path}]]"`, `"[[/${path}]]"`, `"[[${path.toUpperCase()}]]"`, `"${path}"`, `"[[${path}]] [[${path}]]"`, `[[${path}, x]]`];
	return forms[style % forms.length] ?? `"[[${path}]]"`;
}

/** Links to good and hostile vault files, as images of every kind and as classify inputs. */
const linkCases: fc.Arbitrary<BlockSource> = fc
	.record({ kind, good: fc.boolean(), pick: fc.nat(), style: fc.oneof({ weight: 3, arbitrary: fc.constant(0) }, { weight: 2, arbitrary: fc.nat(13) }), rgb: fc.boolean(), op: fc.nat(5) })
	.map((l) => {
		const list: readonly string[] = l.good ? LINKS.good : LINKS.bad;
		const link = linkText(list[l.pick % list.length] ?? 'missing.png', l.style);
		const channels = l.rgb ? '\nchannels: rgb' : '';
		if (l.kind === 'cnn-classify') return { kind: l.kind, source: `input: ${link}${l.op % 2 ? '\nshow: [input, probabilities]' : ''}`, family: 'links' };
		if (l.kind === 'cnn-pool') {
			const ops = ['type: max\nsize: 2', 'global: avg', 'global: max', 'type: avg\nsize: 3\npadding: same', 'type: min\nsize: [1, 64]', 'size: 64\nstride: 64'];
			return { kind: l.kind, source: `image: ${link}${channels}\n${ops[l.op] ?? ''}`, family: 'links' };
		}
		const ops = ['kernel: sobel-x', 'kernel: [[1, -1]]\nactivation: relu\npool: max 2', 'filters: [sobel-x, sobel-y, laplacian]\npadding: same', 'kernel: gaussian-blur-5x5\nstride: 3\ndilation: 2', 'kernel: box-blur\ntranspose: true\nstride: 2', 'kernel: [[1]]\npadding: 16'];
		return { kind: l.kind, source: `image: ${link}${channels}\n${ops[l.op] ?? ''}`, family: 'links' };
	});

/** cnn-classify: model names and vault models, inputs, parts to show. */
const classifyCases: fc.Arbitrary<BlockSource> = fc
	.record({ model: fc.nat(), input: fc.nat(), show: fc.nat(), style: fc.nat(13), words: fc.array(word, { maxLength: 4 }) })
	.map((c) => {
		const models = ['digits', 'DIGITS', ' digits ', 'digit', 'mnist', '', '~', '[digits]', '{name: digits}', '5', ...LINKS.models.map((p) => linkText(p, c.style))];
		const inputs = ['draw', 'sample', 'Sample', 'dibujo', '[draw, sample]', ...LINKS.good.slice(0, 10).map((p) => linkText(p, c.style)), ...LINKS.bad.slice(0, 8).map((p) => linkText(p, c.style))];
		const shows = ['all', '[input, layers, probabilities, softmax]', '[layers]', 'softmax', '[]', '[[layers]]', '[all, all]', `[${c.words.map((w) => JSON.stringify(w)).join(', ')}]`, '{a: 1}', 'input, layers'];
		const folders = ['pics', 'imágenes', 'models', 'nowhere', '', '/', '.', '..', 'pics/'].map((p) => linkText(p, c.style));
		const labels = ['[a, b]', '[a, b, c, d, e, f, g, h, i, j]', '[0, 1, 2, 3, 4, 5, 6, 7, 8, 9]', 'a', '[a]', '[a, a]', '[]', '[constructor, __proto__]', `[${c.words.map((w) => JSON.stringify(w)).join(', ')}]`, '[1e39, .nan]'];
		const fits = ['crop', 'pad', 'Crop', 'stretch', '[crop]', '1', 'constructor'];
		const scales = ['0..1', '-1..1', '0..255', '"-1..1"', '255', '-1 .. 1', '[0, 1]', 'toString'];
		const lines = [
			`model: ${models[c.model % models.length] ?? 'digits'}`,
			`input: ${c.input % 5 === 4 ? folders[(c.input >> 3) % folders.length] ?? 'pics' : inputs[c.input % inputs.length] ?? 'draw'}`,
			`show: ${shows[c.show % shows.length] ?? 'all'}`,
			`labels: ${labels[c.style % labels.length] ?? '[a, b]'}`,
			`fit: ${fits[c.model % fits.length] ?? 'crop'}`,
			`scale: ${scales[c.show % scales.length] ?? '0..1'}`,
		];
		const chosen = lines.filter((_, i) => ((c.show >> 4) & (1 << i)) === 0 || i === 0);
		return { kind: 'cnn-classify' as const, source: chosen.join('\n'), family: 'classify' };
	});

/** cnn-train: data (digits, folders good and hostile), layer lists, numbers at the edges, save links, sizes. */
const trainCases: fc.Arbitrary<BlockSource> = fc
	.record({ data: fc.nat(), layers: fc.nat(), numbers: fc.array(fc.constantFrom(...EDGE_NUMBERS), { minLength: 4, maxLength: 4 }), save: fc.nat(), style: fc.nat(13), keep: fc.nat(), words: fc.array(word, { maxLength: 3 }) })
	.map((c) => {
		const folders = ['classes', 'classes/dark', 'pics', 'imágenes', 'models', 'nowhere', '', '/', '..', 'classes/../classes', 'constructor'].map((p) => linkText(p, c.style));
		const datas = ['digits', 'DIGITS', 'mnist', '', '[digits]', '{a: 1}', ...folders];
		const layerLists = [
			'[conv 8 3, relu, pool 2, conv 16 3, relu, pool 2, dense]',
			'[conv 4 3, relu, pool 2, dense]',
			'[conv 64 15, relu, conv 64 15, dense 1000, dense]',
			'[pool 99, dense]',
			'[conv 8 3 stride 2 same, leaky-relu, pool avg 2, dropout 0.5, dense 16, sigmoid, dense]',
			'[]',
			'[dense 0]',
			'[conv, relu]',
			'[dropout 1]',
			'conv 8 3, relu',
			`[${c.words.map((w) => JSON.stringify(w)).join(', ')}]`,
			'[constructor, __proto__]',
			`[${Array.from({ length: 40 }, () => 'relu').join(', ')}]`,
		];
		const saves = ['models/trained', 'pics/photo.png', '', '/', '..', 'models/ok', 'digit.png', 'a/../b', 'models/trained/'].map((p) => linkText(p, c.style));
		const [a = '1', b = '1', d = '1', e = '1'] = c.numbers;
		const lines = [
			`data: ${datas[c.data % datas.length] ?? 'digits'}`,
			`layers: ${layerLists[c.layers % layerLists.length] ?? '[dense]'}`,
			`epochs: ${a}`,
			`batch: ${b}`,
			`learning-rate: ${d}`,
			`validation: ${e}`,
			`save: ${saves[c.save % saves.length] ?? '"[[models/trained]]"'}`,
			`input-size: ${['16', '28', '64', '65', '0', 'big', a][c.style % 7] ?? '16'}`,
			`channels: ${['gray', 'rgb', 'cmyk', 'constructor'][c.save % 4] ?? 'gray'}`,
			`augment: ${['true', 'false', 'yes', '1', '[]'][c.layers % 5] ?? 'false'}`,
			`seed: ${[b, '-1', '2147483648', '0'][c.data % 4] ?? '1'}`,
		];
		const chosen = lines.filter((_, i) => i < 2 || ((c.keep >> i) & 1) === 1);
		return { kind: 'cnn-train' as const, source: chosen.join('\n'), family: 'train' };
	});

/** Random YAML documents over the blocks' keys, written by js-yaml in block or flow style. */
const randomYaml: fc.Arbitrary<BlockSource> = fc
	.record({ kind, entries: fc.array(fc.tuple(fc.oneof(fc.constantFrom(...CONV_KEYS, ...POOL_KEYS, ...CLASSIFY_KEYS, ...TRAIN_KEYS), fc.string({ maxLength: 6 })), fc.jsonValue({ maxDepth: 3 })), { maxLength: 6 }), flow: fc.integer({ min: -1, max: 2 }) })
	.map((r) => {
		const data: Record<string, unknown> = {};
		for (const [k, v] of r.entries) data[k] = v;
		let source: string;
		try {
			source = dump(data, { flowLevel: r.flow, lineWidth: -1 });
		} catch {
			source = JSON.stringify(data);
		}
		return { kind: r.kind, source, family: 'random-yaml' };
	});

// ---------------------------------------------------------------------------------------------
// Cases

/** Every family, weighted (per 1,000 cases: megabyte words are slow to refuse today, so rare). */
export const blockSource: fc.Arbitrary<BlockSource> = fc.oneof(
	{ weight: 220, arbitrary: examples },
	{ weight: 120, arbitrary: matrices },
	{ weight: 110, arbitrary: yamlCases },
	{ weight: 80, arbitrary: protoCases },
	{ weight: 40, arbitrary: longCases },
	{ weight: 120, arbitrary: numberCases },
	{ weight: 60, arbitrary: unicodeCases },
	{ weight: 110, arbitrary: linkCases },
	{ weight: 90, arbitrary: classifyCases },
	{ weight: 70, arbitrary: trainCases },
	{ weight: 50, arbitrary: randomYaml },
);

const hover = fc.record({ kind: fc.constant('hover' as const), pick: fc.nat(), keys: fc.integer({ min: 1, max: 8 }) });
const typed = fc.record({ kind: fc.constant('kernel' as const), pick: fc.nat(), text: fc.constantFrom(...KERNEL_TEXTS) });
const presetPick = fc.record({ kind: fc.constant('preset' as const), pick: fc.nat() });
const playing = fc.record({ kind: fc.constant('play' as const), steps: fc.integer({ min: 0, max: 12 }) });
const vaultChange = fc.record({ kind: fc.constant('vault' as const), action: fc.constantFrom('modify' as const, 'delete' as const, 'rename' as const, 'create' as const), pick: fc.nat() });
const drawing = fc.record({ kind: fc.constant('draw' as const), points: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 2, maxLength: 16 }) });
const clicking = fc.record({ kind: fc.constant('click' as const), pick: fc.nat() });

/** What a person may do with a block of this kind (or nothing). */
export function interactionFor(k: BlockKind): fc.Arbitrary<Interaction | null> {
	const acts: fc.Arbitrary<Interaction> =
		k === 'cnn-conv'
			? fc.oneof({ weight: 4, arbitrary: hover }, { weight: 3, arbitrary: typed }, { weight: 1, arbitrary: presetPick }, { weight: 1, arbitrary: playing }, { weight: 1, arbitrary: vaultChange }, { weight: 1, arbitrary: clicking })
			: k === 'cnn-pool'
				? fc.oneof({ weight: 4, arbitrary: hover }, { weight: 2, arbitrary: playing }, { weight: 1, arbitrary: vaultChange }, { weight: 1, arbitrary: clicking })
				: k === 'cnn-classify'
					? fc.oneof({ weight: 3, arbitrary: drawing }, { weight: 3, arbitrary: clicking }, { weight: 1, arbitrary: vaultChange })
					: vaultChange; // cnn-train: its buttons start a training of minutes (tests/widgets/train cover them)
	return fc.oneof({ weight: 3, arbitrary: fc.constant(null) }, { weight: 2, arbitrary: acts });
}

/** One fuzz case: a block source, a language, and maybe an interaction. */
export const fuzzCase: fc.Arbitrary<FuzzCase> = blockSource.chain((b) =>
	fc.record({ language: fc.constantFrom<Language>('en', 'es'), interaction: interactionFor(b.kind) }).map((extra) => ({ ...b, ...extra })),
);

/** The seed of case `index` of a run seeded with `seed` (each case replays on its own). */
export function caseSeed(seed: number, index: number): number {
	let h = (seed ^ Math.imul(index + 1, 0x9e3779b1)) >>> 0;
	h = Math.imul(h ^ (h >>> 16), 0x85ebca6b) >>> 0;
	h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35) >>> 0;
	return (h ^ (h >>> 16)) | 0;
}

/** Case `index` of the run seeded with `seed`. */
export function caseAt(seed: number, index: number): FuzzCase {
	const [c] = fc.sample(fuzzCase, { seed: caseSeed(seed, index), numRuns: 1 });
	if (!c) throw new Error(`no case at ${seed}:${index}`);
	return c;
}
