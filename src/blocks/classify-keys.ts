/**
 * The property table of `cnn-classify` blocks. Its kinds are the block's own: a word or a wiki-link
 * (`model`, `input`), a list of words (`show`) and a whole number in a range (`sample`);
 * parse-classify.ts reads them.
 */
import type { MessageKey } from '../i18n';
import { FIT_MODES, MAX_LABEL_LENGTH, VALUE_SCALES, type FitMode, type ValueScale } from '../model/prepare-input';
import type { WikiLink } from './types';

export { FIT_MODES, MAX_LABEL_LENGTH, VALUE_SCALES, type FitMode, type ValueScale };

/** One of `words` (case-insensitive) or a wiki-link to a vault file. */
export interface WordOrLinkKey<W extends string = string> {
	kind: 'wordOrLink';
	words: readonly W[];
	default: W;
	/** What the link must point to, shown in "allowed" hints. */
	link: MessageKey;
	description: MessageKey;
}

/** One word among `values` or a list of them (no repeats); `all` means every value. */
export interface WordListKey<W extends string = string> {
	kind: 'wordList';
	values: readonly W[];
	default: readonly W[];
	description: MessageKey;
}

/** A whole number from `min` to `max` (`sample`: a held-out digit's number in the strip). */
export interface WholeNumberKey {
	kind: 'wholeNumber';
	min: number;
	max: number;
	default: number;
	/** What the number counts, shown in "allowed" hints. */
	allowed: MessageKey;
	description: MessageKey;
}

/** One of `values` (case-insensitive); `default` applies when neither the block nor the model's metadata.json says. */
export interface WordKey<W extends string = string> {
	kind: 'word';
	values: readonly W[];
	default: W;
	description: MessageKey;
}

/** A list of short texts (`labels`: one class name per output of the model), from `min` to `max` of them, each at most `maxLength` characters. */
export interface TextListKey {
	kind: 'textList';
	min: number;
	max: number;
	maxLength: number;
	description: MessageKey;
}

/**
 * How many held-out digits the strip of `input: sample` holds (assets/digits/samples.json, loaded
 * only by the widget; tests/widgets/classify/classify-sample-key.test.ts checks the two agree).
 */
export const SAMPLE_COUNT = 30;

/** Built-in model names. */
export const BUILT_IN_MODELS = ['digits'] as const;
/** Input words: a drawing pad or the strip of held-out sample digits. */
export const CLASSIFY_INPUTS = ['draw', 'sample'] as const;

/** The parts of the widget a note can show. */
export const CLASSIFY_PARTS = ['input', 'layers', 'probabilities', 'softmax'] as const;

/** A part of the classify widget. */
export type ClassifyPart = (typeof CLASSIFY_PARTS)[number];

/** The keys of a `cnn-classify` block; every key is optional. */
export const CLASSIFY_KEYS = {
	model: { kind: 'wordOrLink', words: BUILT_IN_MODELS, default: 'digits', link: 'block.allowed.classify.modelLink', description: 'block.doc.classify.model' },
	input: { kind: 'wordOrLink', words: CLASSIFY_INPUTS, default: 'draw', link: 'block.allowed.classify.imageLink', description: 'block.doc.classify.input' },
	show: { kind: 'wordList', values: CLASSIFY_PARTS, default: CLASSIFY_PARTS, description: 'block.doc.classify.show' },
	sample: { kind: 'wholeNumber', min: 1, max: SAMPLE_COUNT, default: 1, allowed: 'block.allowed.classify.sample', description: 'block.doc.classify.sample' },
	labels: { kind: 'textList', min: 2, max: 1000, maxLength: MAX_LABEL_LENGTH, description: 'block.doc.classify.labels' },
	fit: { kind: 'word', values: FIT_MODES, default: 'crop', description: 'block.doc.classify.fit' },
	scale: { kind: 'word', values: VALUE_SCALES, default: '0..1', description: 'block.doc.classify.scale' },
} as const satisfies Readonly<Record<string, WordOrLinkKey | WordListKey | WholeNumberKey | WordKey | TextListKey>>;


/** Which model a block classifies with: a built-in one or a TensorFlow.js model.json of the vault. */
export type ModelChoice = { kind: 'builtin'; name: (typeof BUILT_IN_MODELS)[number] } | { kind: 'vault'; link: WikiLink };

/**
 * Where a block's picture comes from: the drawing pad, the sample strip (with the 1-based number of
 * the digit it starts on), or a vault link: a picture, or a folder whose pictures are all classified
 * (which of the two is known only once the vault is asked).
 */
export type InputChoice = { kind: 'draw' } | { kind: 'sample'; sample: number } | { kind: 'image'; link: WikiLink };

/** A parsed `cnn-classify` block. */
export interface ClassifySpec {
	model: ModelChoice;
	input: InputChoice;
	/** The parts to show, in CLASSIFY_PARTS order. */
	show: ClassifyPart[];
	/** Class names written in the block (else metadata.json, labels.txt or 0..n-1). */
	labels?: string[];
	/** Fit mode and value scale written in the block (else metadata.json's, else the defaults). */
	fit?: FitMode;
	scale?: ValueScale;
}
