/**
 * tfjs is imported only when the first classify block mounts: loading the plugin and rendering
 * other blocks never evaluates it. tfjs-core creates its engine (globalThis._tfengine) when it is
 * evaluated, so the engine's absence shows that no tfjs module ran.
 */
import { loadPlugin } from '../helpers/plugin';
import { installFakeCanvas, settle } from '../widgets/classify/classify-helpers';

/** The tfjs engine, if tfjs-core has been evaluated in this test file's module registry. */
function tfEngine(): unknown {
	return (globalThis as { _tfengine?: unknown })._tfengine;
}

const log = jest.spyOn(console, 'log');
const warn = jest.spyOn(console, 'warn');

describe('lazy tfjs', () => {
	it('loading the plugin and rendering conv / pool blocks creates no tfjs engine; the first classify block does', async () => {
		installFakeCanvas();
		const { render } = loadPlugin();
		expect(tfEngine()).toBeUndefined();
		await render('cnn-conv', 'input: [[1, 2], [3, 4]]\nkernel: [[1]]\n');
		await render('cnn-pool', 'input: [[1, 2], [3, 4]]\n');
		await render('cnn-classify', 'model: nope\n');
		expect(tfEngine()).toBeUndefined();

		const { el, section } = await render('cnn-classify', 'input: sample\nshow: probabilities\n');
		for (let i = 0; i < 200 && el.getAttribute('data-state') === 'loading'; i++) await settle(10);
		expect(el.getAttribute('data-state')).toBe('ready');
		expect(tfEngine()).toBeDefined();
		section.unload();
	});

	it('tfjs runs as in a browser: the IS_NODE flag is off, and its backend printed no "running in Node.js" banner', async () => {
		const { loadTf } = await import('../../src/model/engine/tf');
		const tf = await loadTf();
		expect(tf.env().getBool('IS_NODE')).toBe(false);
		expect([...log.mock.calls, ...warn.mock.calls].flat().join(' ')).not.toMatch(/Node\.js/);
	});
});
