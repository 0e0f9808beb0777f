/** Limits of classifier models, shared by the page (messages, deadlines) and the model engine. */

/** Fewest and most classes a classifier may have (labels are the digits 0 .. classes - 1). */
export const MIN_CLASSES = 2;
export const MAX_CLASSES = 10;
/** Longest one prediction may take (ms): slower models are refused (a drawn digit would answer seconds late). */
export const PREDICT_LIMIT_MS = 2000;
/** Longest a block may take to load its model (ms): reading the files, building the model and its first prediction. */
export const LOAD_LIMIT_MS = 10_000;

