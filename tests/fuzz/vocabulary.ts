/**
 * The words, numbers and base blocks the fuzz generators combine: prototype property names, edge
 * numbers, texts typed into kernel cells, regular-expression metacharacters, hostile Unicode, the
 * blocks' keys and one valid block of each kind to put a hostile value into.
 */
import type { BlockKind } from './property';

/** Names that are properties of every plain object. */
export const PROTO_NAMES = ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf', 'isPrototypeOf', 'propertyIsEnumerable', 'toLocaleString', '__defineGetter__', '__lookupSetter__', 'prototype', 'length', 'then', 'call', 'bind', 'Object'];
/** Numbers at the edges: float32 overflow, float64 limits, YAML's non-finite spellings, numerals JavaScript reads differently. */
export const EDGE_NUMBERS = ['0', '-0', '1', '-1', '0.5', '.5', '1e39', '-1e39', '1e+39', '1e308', '-1e308', '1.7976931348623157e308', '3.4028235e38', '3.5e38', '2e38', '1e38', '9007199254740992', '9007199254740993', '-9007199254740992', '1e20', '-1e20', '1e6', '1e-45', '1e-320', '5e-324', '.inf', '-.inf', '.nan', '.NaN', '.Inf', 'Infinity', '-Infinity', 'NaN', '0x10', '0o17', '0b101', '1_000', '+1', '−1', '1,5', '١', '１', '1e', 'e5', '--1', '1.2.3', '~', 'null', 'true', '123456789012345678901234567890', '1e400', '-1e400'];
/** Texts typed into a kernel weight. */
export const KERNEL_TEXTS = ['1e39', '-1e39', '1e308', '3.5e38', '3.4028235e38', '1e20', '9007199254740993', 'NaN', 'Infinity', '-Infinity', '1e-46', '0', '-0', 'abc', '', '   ', '1,5', '−2', '0x10', '1e', '.', '-', '+', '9'.repeat(400), '٣', '１', '😀', 'constructor', '1e400'];
/** Regular-expression metacharacters and patterns, for key names. */
export const REGEX_TEXTS = ['(', ')', '[', '*', '+', '?', '.*', '^$', '\\', '(a+)+$', '[^', '{1,}', '|', '(?<x>', '\\1', '$&', '$1', '/', '((((((((((a*)*)*)*)*)*)*)*)*)*)$'];
/** Unicode that breaks naive text handling: RTL, zero-width, emoji sequences, combining marks, other digits. */
export const UNICODE_TEXTS = ['ñandú', 'núcleo', 'тест', '核', 'كرنل', 'שלום', '\u202ekernel', 'ker\u200bnel', '\u200d', '\ufeffinput', '😀', '👩‍👩‍👧‍👦', '🏳️‍🌈', 'ﬁlter', 'İnput', 'KERNEL', 'i\u0307nput', '\u2028', 'e\u0301', '\u0000', '１２', '٣٤', 'Ⅻ', '\u00a0', '\u3000', '\ud800'];
/** Kernel presets, with the misspellings and other cases a student writes. */
export const PRESETS = ['identity', 'box-blur', 'gaussian-blur', 'gaussian-blur-5x5', 'sharpen', 'sobel-x', 'sobel-y', 'laplacian', 'emboss', 'outline', 'Sobel-X', 'sobel_x', 'sobel x', 'gaussian'];
/** Built-in samples, with near misses. */
export const SAMPLES = ['edges', 'circle', 'checkerboard', 'digit', 'gradient', 'stripes', 'cross', 'noise', 'Digit', 'digits'];
/** The keys of each block kind. */
export const CONV_KEYS = ['input', 'image', 'sample', 'channels', 'region', 'kernel', 'filters', 'bias', 'stride', 'padding', 'dilation', 'flip', 'activation', 'transpose', 'pool'];
export const POOL_KEYS = ['input', 'image', 'sample', 'channels', 'region', 'type', 'size', 'stride', 'padding', 'global'];
export const CLASSIFY_KEYS = ['model', 'input', 'show', 'sample', 'labels', 'fit', 'scale'];
export const TRAIN_KEYS = ['data', 'layers', 'epochs', 'batch', 'learning-rate', 'validation', 'augment', 'save', 'seed', 'input-size', 'channels'];

/** The keys of a block kind. */
export const KEYS: Record<BlockKind, string[]> = { 'cnn-conv': CONV_KEYS, 'cnn-pool': POOL_KEYS, 'cnn-classify': CLASSIFY_KEYS, 'cnn-train': TRAIN_KEYS };

/** Valid blocks to put one hostile value into. */
export const BASES: Record<BlockKind, string[]> = {
	'cnn-conv': ['input: |\n  1 1 1 0 0\n  0 1 1 1 0\n  0 0 1 1 1\n  0 0 1 1 0\n  0 1 1 0 0\nkernel: |\n  1 0 1\n  0 1 0\n  1 0 1', 'sample: digit\nkernel: sobel-x\nactivation: relu\npool: max 2', 'image: "[[ok-8x8.png]]"\nkernel: [[1, -1]]', 'input: [[1, 2], [3, 4]]\nkernel: box-blur\nstride: 2\ntranspose: true'],
	'cnn-pool': ['input: |\n  1 3 2 4\n  5 6 1 2\n  7 2 9 0\n  1 4 3 8\ntype: max\nsize: 2\nstride: 2', 'sample: checkerboard\nglobal: avg', 'image: "[[big-256.png]]"\ntype: avg\nsize: 3\npadding: same'],
	'cnn-classify': ['model: digits\ninput: draw', 'input: sample\nshow: [input, probabilities, softmax]', 'model: "[[models/ok/model.json]]"\ninput: "[[digit.png]]"'],
	'cnn-train': ['data: digits\nepochs: 1', 'data: "[[classes]]"\ninput-size: 16\nlayers: [conv 4 3, relu, pool 2, dense]\nsave: "[[models/trained]]"', 'layers: [conv 8 3 stride 2 same, leaky-relu, pool avg 2, dropout 0.25, dense 16, tanh, dense]\nbatch: 8\nlearning-rate: 0.01'],
};

/** A word or number as a YAML scalar: plain, single-quoted or double-quoted. */
export function scalar(text: string, style: number): string {
	if (style % 3 === 1) return `'${text.replace(/'/g, "''")}'`;
	if (style % 3 === 2) return JSON.stringify(text);
	return text;
}

/** Sets `key: value` in a block source: replaces the key's line (and its indented continuation) or appends it. */
export function setKey(source: string, key: string, value: string): string {
	const lines = source.split('\n');
	const i = lines.findIndex((l) => l.startsWith(`${key}:`));
	if (i < 0) return `${source}\n${key}: ${value}`;
	let end = i + 1;
	while (end < lines.length && /^\s+\S/.test(lines[end] ?? '')) end++;
	lines.splice(i, end - i, `${key}: ${value}`);
	return lines.join('\n');
}

/** A cheap deterministic generator of numbers from a drawn seed (for large matrices). */
export function prng(seed: number): () => number {
	let s = seed >>> 0 || 1;
	return () => {
		s ^= s << 13;
		s ^= s >>> 17;
		s ^= s << 5;
		return (s >>> 0) / 4294967296;
	};
}
