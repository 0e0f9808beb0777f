/** Limits of classifier models, shared by the page (messages, deadlines) and the model engine. */

/** Fewest classes a classifier may have: one score alone classifies nothing. */
export const MIN_CLASSES = 2;
/** Most classes a classifier may have: ImageNet's 1000 (every class gets a bar and a label). */
export const MAX_CLASSES = 1000;
/** Smallest height or width of a model's input picture (pixels): smaller pictures show nothing to classify. */
export const MIN_INPUT_SIDE = 8;
/** Largest height or width of a model's input picture (pixels): 512 x 512 x 3 is already 786k values per prediction. */
export const MAX_INPUT_SIDE = 512;
/**
 * Largest total size of a model's weights (bytes), read from model.json's manifest before any weight
 * file is read: 40 MB holds every MobileNet (2-17 MB) and Teachable Machine model, and stays well
 * inside what a phone can hold twice (the page's copy of the weights and the engine's).
 */
export const MAX_WEIGHT_BYTES = 40 * 1024 * 1024;
/** Most characters of a model.json (the topology, parsed on the page; MobileNet's is about 100 KB): larger ones are refused unread. */
export const MAX_MODEL_JSON_CHARS = 5_000_000;
/** Most input values (pictures x height x width x channels) one classifyMany step gives tfjs at once (~8 MB of floats). */
export const MAX_BATCH_VALUES = 2_000_000;
/** Longest one prediction may take (ms): slower models are refused (a drawn digit would answer seconds late). */
export const PREDICT_LIMIT_MS = 2000;
/** Longest a block may take to load its model (ms): reading the files, building the model and its first prediction. */
export const LOAD_LIMIT_MS = 10_000;

/** Bounds of a training request (the model engine checks every trainStart against them; the cnn-train block's own ranges lie inside). */
export const TRAIN_LIMITS = {
	/** Epochs: whole, 1 to 50 (the block's MAX_EPOCHS). */
	epochs: { min: 1, max: 50 },
	/** Pictures per batch: whole, 1 to 256 (the block's MAX_BATCH). */
	batch: { min: 1, max: 256 },
	/**
	 * Adam's learning rate: greater than 0 and finite in float32 (the block asks for at most 1; the
	 * engine takes any finite rate, so that a rate far too large ends in the 'nan' state, not in a refusal).
	 */
	learningRate: { min: 0, max: 3.4e38 },
	/** Pictures one training holds (the built-in digits are 10,000). */
	pictures: 10_000,
	/** Bytes the pictures of one training take (one byte a value): 64 MB, as a vault folder's set. */
	bytes: 64 * 1024 * 1024,
	/** Layers of one network (the block's 32 items, with the flatten layers and the last dense layer it adds). */
	layers: 64,
	/** Pictures one trainInspect request may ask for. */
	inspect: 256,
} as const;
