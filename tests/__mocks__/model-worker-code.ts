/**
 * Under jest there is no worker bundle (esbuild.options.mjs builds it for main.js): the model host
 * starts its engine in the page from the engine module (tests/setup.ts), never from this text.
 */
const code = '';
export default code;
