import { pool2d, tensor, toArray } from '../../../src/cnn';
import { loadPlugin, readGrid } from '../../helpers/plugin';
import { POOL_INPUT, POOL_SOURCE } from '../../helpers/seed';

describe('cnn-pool widget', () => {
	it('renders the design example: max pooling 2x2 stride 2 gives [[6,4],[7,9]]', async () => {
		const { render } = loadPlugin();
		const { el } = await render('cnn-pool', `${POOL_SOURCE}type: max\nsize: 2\nstride: 2\n`);
		expect(el.querySelector('.cnn-notes.cnn-pool')).not.toBeNull();
		expect(readGrid(el, 'input')).toEqual(POOL_INPUT);
		expect(readGrid(el, 'output')).toEqual([
			[6, 4],
			[7, 9],
		]);
		expect(el.querySelector('.cnn-shape')?.textContent).toBe('Shape 2x2x1');
		expect(el.querySelector('.cnn-summary')?.textContent).toBe('Max pooling, window 2, stride 2, padding valid');
	});

	it.each([
		['type: avg', { type: 'avg' as const, size: 2 }],
		['type: min', { type: 'min' as const, size: 2 }],
		['size: 3\nstride: 1', { type: 'max' as const, size: 3, stride: 1 }],
		['size: 3\npadding: same', { type: 'max' as const, size: 3, padding: 'same' as const }],
		['type: avg\nsize: 3\nstride: 2\npadding: same', { type: 'avg' as const, size: 3, stride: 2, padding: 'same' as const }],
		['size: [1, 2]', { type: 'max' as const, size: [1, 2] as [number, number] }],
	])('%s renders what pool2d computes', async (option, opts) => {
		const { render } = loadPlugin();
		const { el } = await render('cnn-pool', `${POOL_SOURCE}${option}\n`);
		expect(readGrid(el, 'output')).toEqual(toArray(pool2d(tensor(POOL_INPUT), opts)));
	});

	it('shows an error box for a window larger than the input', async () => {
		const { render } = loadPlugin();
		const { el } = await render('cnn-pool', `${POOL_SOURCE}size: 5\n`);
		expect(el.querySelector('.cnn-pool')).toBeNull();
		expect(el.querySelector('.cnn-notes-error')).not.toBeNull();
	});
});
