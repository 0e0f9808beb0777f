/**
 * The property table of `cnn-train` blocks and the TrainSpec they are read into (parse-train.ts).
 * Kinds shared with the other blocks (a word or a link, a whole number, true/false, a link) keep
 * their shapes; the block's own are a real number in a range, the `layers` list, and keys whose
 * default depends on `data` (the built-in digits are 28x28 gray; folders default to 32x32 rgb).
 */
import type { MessageKey } from '../i18n';
import { MAX_LAYER_ITEMS } from '../train/architecture';
import type { WholeNumberKey, WordOrLinkKey } from './classify-keys';
import type { BooleanKey } from './keys';
import type { WikiLink } from './types';

/** A number in a range; each end is excluded unless said (`learning-rate`: > 0 and <= 1). */
export interface RealNumberKey {
	kind: 'realNumber';
	min: number;
	max: number;
	minIncluded: boolean;
	maxIncluded: boolean;
	default: number;
	/** What the number is, shown in "allowed" hints ({min}, {max}). */
	allowed: MessageKey;
	description: MessageKey;
}

/** The `layers` list: texts such as `conv 8 3` (src/train/layer-items.ts), at most `maxItems`. */
export interface LayerListKey {
	kind: 'layerList';
	maxItems: number;
	default: readonly string[];
	description: MessageKey;
}

/** A wiki-link to a vault folder (`save`); `allowed` says what it must point to. */
export interface FolderLinkKey {
	kind: 'folderLink';
	allowed: MessageKey;
	description: MessageKey;
}

/** A whole number from `min` to `max` whose default depends on the data: `digits` for the digits (any other value is an error), `folder` for a vault folder. */
export interface WholeByDataKey {
	kind: 'wholeByData';
	min: number;
	max: number;
	defaults: { digits: number; folder: number };
	allowed: MessageKey;
	description: MessageKey;
}

/** One of `values` whose default depends on the data (the digits allow only their default). */
export interface WordByDataKey<W extends string = string> {
	kind: 'wordByData';
	values: readonly W[];
	defaults: { digits: W; folder: W };
	description: MessageKey;
}

/** The built-in datasets. */
export const BUILT_IN_DATA = ['digits'] as const;

/** The layers a block trains when it writes none: two conv -> relu -> pool stages and the output layer (5,258 parameters on the digits). */
export const DEFAULT_LAYERS = ['conv 8 3', 'relu', 'pool 2', 'conv 16 3', 'relu', 'pool 2', 'dense'] as const;

/** Most epochs a block may ask for. */
export const MAX_EPOCHS = 50;
/** Largest batch. */
export const MAX_BATCH = 256;
/** Largest seed: 2^31 - 1. */
export const MAX_SEED = 2 ** 31 - 1;
/** Smallest and largest picture side a network is trained on, in pixels. */
export const MIN_INPUT_SIZE = 16;
export const MAX_INPUT_SIZE = 64;
/** The digits' side in pixels (MNIST: 28x28 gray). */
export const DIGITS_SIZE = 28;
/** The digits' classes, 0 to 9. */
export const DIGITS_CLASSES = 10;

/** The picture channels a network takes. */
export const TRAIN_CHANNELS = ['gray', 'rgb'] as const;
/** The channels of a network's input pictures. */
export type TrainChannels = (typeof TRAIN_CHANNELS)[number];

/** The keys of a `cnn-train` block; every key is optional. */
export const TRAIN_KEYS = {
	data: { kind: 'wordOrLink', words: BUILT_IN_DATA, default: 'digits', link: 'block.allowed.train.dataLink', description: 'block.doc.train.data' },
	layers: { kind: 'layerList', maxItems: MAX_LAYER_ITEMS, default: DEFAULT_LAYERS, description: 'block.doc.train.layers' },
	epochs: { kind: 'wholeNumber', min: 1, max: MAX_EPOCHS, default: 3, allowed: 'block.allowed.train.wholeNumber', description: 'block.doc.train.epochs' },
	batch: { kind: 'wholeNumber', min: 1, max: MAX_BATCH, default: 32, allowed: 'block.allowed.train.wholeNumber', description: 'block.doc.train.batch' },
	'learning-rate': { kind: 'realNumber', min: 0, max: 1, minIncluded: false, maxIncluded: true, default: 0.005, allowed: 'block.allowed.train.learningRate', description: 'block.doc.train.learningRate' },
	validation: { kind: 'realNumber', min: 0, max: 0.9, minIncluded: false, maxIncluded: false, default: 0.2, allowed: 'block.allowed.train.validation', description: 'block.doc.train.validation' },
	augment: { kind: 'boolean', default: false, description: 'block.doc.train.augment' },
	save: { kind: 'folderLink', allowed: 'block.allowed.train.saveLink', description: 'block.doc.train.save' },
	seed: { kind: 'wholeNumber', min: 0, max: MAX_SEED, default: 1, allowed: 'block.allowed.train.wholeNumber', description: 'block.doc.train.seed' },
	'input-size': { kind: 'wholeByData', min: MIN_INPUT_SIZE, max: MAX_INPUT_SIZE, defaults: { digits: DIGITS_SIZE, folder: 32 }, allowed: 'block.allowed.train.wholeNumber', description: 'block.doc.train.inputSize' },
	channels: { kind: 'wordByData', values: TRAIN_CHANNELS, defaults: { digits: 'gray', folder: 'rgb' }, description: 'block.doc.train.channels' },
} as const satisfies Readonly<Record<string, WordOrLinkKey | LayerListKey | WholeNumberKey | RealNumberKey | BooleanKey | FolderLinkKey | WholeByDataKey | WordByDataKey>>;

/**
 * Words a student may write for a training key (Spanish course vocabulary, common English
 * variants), for "did you mean" only: the block reads the English keys alone. A Map, so a key
 * such as `constructor` finds nothing inherited.
 */
export const TRAIN_KEY_ALIASES: ReadonlyMap<string, keyof typeof TRAIN_KEYS> = new Map<string, keyof typeof TRAIN_KEYS>([
	['datos', 'data'],
	['dataset', 'data'],
	['capas', 'layers'],
	['arquitectura', 'layers'],
	['epocas', 'epochs'],
	['épocas', 'epochs'],
	['lote', 'batch'],
	['batch-size', 'batch'],
	['tasa', 'learning-rate'],
	['tasa-de-aprendizaje', 'learning-rate'],
	['lr', 'learning-rate'],
	['validacion', 'validation'],
	['validación', 'validation'],
	['aumento', 'augment'],
	['augmentation', 'augment'],
	['guardar', 'save'],
	['semilla', 'seed'],
	['tamaño', 'input-size'],
	['tamano', 'input-size'],
	['size', 'input-size'],
	['canales', 'channels'],
	['color', 'channels'],
]);

/** What a block trains on: the built-in digits or a vault folder with one subfolder per class. */
export type TrainData = { kind: 'digits' } | { kind: 'folder'; link: WikiLink };

/** A parsed `cnn-train` block: a checked training plan (the layers' shapes wait for the class count, see trainPlan). */
export interface TrainSpec {
	data: TrainData;
	/** The layer items as written, normalised (lower case, one space between words), one per layer. */
	layers: string[];
	/** 1..MAX_EPOCHS. */
	epochs: number;
	/** Pictures per update, 1..MAX_BATCH. */
	batch: number;
	/** Adam's learning rate, > 0 and <= 1. */
	learningRate: number;
	/** Share of each class held out, > 0 and < 0.9. */
	validation: number;
	augment: boolean;
	/** The folder the trained model is saved into. */
	save?: WikiLink;
	/** 0..MAX_SEED. */
	seed: number;
	/** Side of the square input pictures, in pixels: 28 for the digits, MIN_INPUT_SIZE..MAX_INPUT_SIZE for a folder. */
	inputSize: number;
	channels: TrainChannels;
}
