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
