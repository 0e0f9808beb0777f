/**
 * Under jest there is no lazily loaded bundle (esbuild.options.mjs builds it for main.js): the
 * `cnn-train` block's module is imported directly.
 */
const load = (): Promise<typeof import('../../src/blocks/train-block')> => import('../../src/blocks/train-block');
export default load;
