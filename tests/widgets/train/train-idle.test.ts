/** The training widget before training: data, network table, settings, Start; plan and data problems. */
import { setLanguage } from '../../../harness/obsidian';
import { toTrainLayers } from '../../../src/widgets/train/train-host';
import { planArchitecture } from '../../../src/train/architecture';
import { rgba, vaultWith } from '../../train/dataset-helpers';
import { FakeTrainHost, mountTrain, press } from './train-helpers';

/** The network table's rows: [name, shape, params] as shown, and whether each is marked added. */
function tableRows(el: HTMLElement): { name: string; shape: string; params: string; added: boolean }[] {
	return Array.from(el.querySelectorAll<HTMLTableRowElement>('.cnn-train-arch tbody tr'), (tr) => {
		const [name, shape, params] = Array.from(tr.cells, (c) => c.textContent ?? '');
		return { name: name ?? '', shape: shape ?? '', params: params ?? '', added: tr.dataset.added === 'true' };
	});
}

/** A folder Datasets/shapes with `perClass` pictures in each of `classes`. */
function shapesVault(classes: string[], perClass: number, extra: Record<string, number | string> = {}) {
	const files: Record<string, number | string> = { ...extra };
	const pictures: Record<number, ReturnType<typeof rgba>> = {};
	let n = 1;
	for (const c of classes) {
		for (let i = 0; i < perClass; i++) {
			files[`Datasets/shapes/${c}/${i}.png`] = n;
			pictures[n] = rgba(20, 20, n);
			n += 1;
		}
	}
	return vaultWith(files, pictures);
}

describe('cnn-train before training', () => {
	it('data: digits shows the counts, the network with shapes and parameters (added layers marked), the settings and Start', async () => {
		const { el, root } = await mountTrain('data: digits\nepochs: 3\nbatch: 32\nlearning-rate: 0.005\nvalidation: 0.2\naugment: true');
		expect(root().dataset.state).toBe('idle');
		expect(root().dataset.epoch).toBe('0');
		expect(el.querySelector('.cnn-train-data')?.textContent).toContain('8004');
		expect(el.querySelector('.cnn-train-data')?.textContent).toContain('1996');
		expect(el.querySelector('.cnn-train-data')?.textContent).toContain('28x28x1');
		expect(tableRows(el)).toEqual([
			{ name: 'Input', shape: '28x28x1', params: '0', added: false },
			{ name: 'conv 8 3', shape: '26x26x8', params: '80', added: false },
			{ name: 'relu', shape: '26x26x8', params: '0', added: false },
			{ name: 'pool 2', shape: '13x13x8', params: '0', added: false },
			{ name: 'conv 16 3', shape: '11x11x16', params: '1168', added: false },
			{ name: 'relu', shape: '11x11x16', params: '0', added: false },
			{ name: 'pool 2', shape: '5x5x16', params: '0', added: false },
			{ name: 'flatten added', shape: '400', params: '0', added: true },
			{ name: 'dense + softmax', shape: '10', params: '4010', added: false },
		]);
		expect(el.querySelector('.cnn-train-arch tfoot')?.textContent).toContain('5258');
		expect(el.querySelector('.cnn-train-settings')?.textContent).toBe('3 epochs, batches of 32, learning rate 0.005, 20 % of each class held out, seed 1.');
		const start = el.querySelector<HTMLButtonElement>('button[data-action="train"]');
		expect(start?.textContent).toBe('Start training');
		expect(start?.disabled).toBe(false);
		expect(el.querySelector('button[data-action="save"]')?.classList.contains('is-hidden')).toBe(true);
		// Without save: a hint says how to add it.
		expect(el.querySelector('.cnn-train-save')?.textContent).toContain('save: "[[Models/my-model]]"');
	});

	it('a vault folder is read (classes, counts, preparation line) and planned on its input size', async () => {
		const { app, decode } = shapesVault(['circle', 'square'], 3, { 'Datasets/shapes/loose.png': 1 });
		const { el, root } = await mountTrain('data: "[[Datasets/shapes]]"\ninput-size: 16\nlayers: [conv 4 3, relu, pool 2, dense]', { app, overrides: { decode } });
		expect(root().dataset.state).toBe('idle');
		expect(root().hasAttribute('data-phase')).toBe(false);
		const data = el.querySelector('.cnn-train-data')?.textContent ?? '';
		expect(data).toContain('6 pictures in 2 classes, each fitted to 16x16x3.');
		expect(data).toContain('circle (3), square (3)');
		expect(data).toContain('Colour: red, green and blue channels.');
		expect(data).toContain('Datasets/shapes/loose.png');
		expect(tableRows(el).map((r) => [r.name, r.shape, r.params])).toEqual([
			['Input', '16x16x3', '0'],
			['conv 4 3', '14x14x4', '112'],
			['relu', '14x14x4', '0'],
			['pool 2', '7x7x4', '0'],
			['flatten added', '196', '0'],
			['dense + softmax', '2', '394'],
		]);
	});

	it('while a folder is read the root says data-phase="reading" with a progress line; unloading stops the reading', async () => {
		const { app } = shapesVault(['a', 'b'], 20);
		let release: () => void = () => {};
		const gate = new Promise<void>((resolve) => (release = resolve));
		const decode = jest.fn(async () => {
			await gate;
			return rgba(8, 8, 1);
		});
		const { el, root, section, widget } = await mountTrain('data: "[[Datasets/shapes]]"\ninput-size: 16', { app, overrides: { decode }, wait: false });
		await new Promise((resolve) => setTimeout(resolve, 20));
		expect(root().dataset.phase).toBe('reading');
		expect(root().dataset.state).toBe('idle');
		expect(el.querySelector('.cnn-train-status')?.textContent).toMatch(/^Reading pictures: \d+ of 40…$/);
		section.unload();
		release();
		await widget.prepared;
		await new Promise((resolve) => setTimeout(resolve, 20));
		expect(el.childElementCount).toBe(0);
		expect(decode.mock.calls.length).toBeLessThan(40);
	});

	it('a plan problem found once the classes are counted is the block\'s error box', async () => {
		const { app, decode } = shapesVault(['a', 'b'], 2);
		const { el } = await mountTrain('data: "[[Datasets/shapes]]"\ninput-size: 32\nlayers: [dense 100]', { app, overrides: { decode } });
		expect(el.dataset.state).toBe('error');
		expect(el.querySelector('.cnn-notes-error')?.textContent).toContain('parameters');
		expect(el.querySelector('.cnn-train')).toBeNull();
	});

	it.each([
		['an empty folder', { 'Datasets/shapes/readme.md': 'text' }, 'holds no picture'],
		['one class', { 'Datasets/shapes/a/1.png': 1, 'Datasets/shapes/a/2.png': 2 }, 'one class only'],
		['a class with one picture', { 'Datasets/shapes/a/1.png': 1, 'Datasets/shapes/a/2.png': 2, 'Datasets/shapes/b/3.png': 3 }, 'has 1 readable picture'],
	])('bad data (%s): the dataset problem is shown, translated', async (_name, files, text) => {
		const { app, decode } = vaultWith(files, { 1: rgba(8, 8, 1), 2: rgba(8, 8, 2), 3: rgba(8, 8, 3) });
		const { el } = await mountTrain('data: "[[Datasets/shapes]]"', { app, overrides: { decode } });
		expect(el.dataset.state).toBe('error');
		expect(el.querySelector('.cnn-notes-error')?.textContent).toContain(text);
	});

	it('in Spanish: the data line, the table and the buttons', async () => {
		setLanguage('es');
		const { el } = await mountTrain('data: digits\nepochs: 1');
		expect(el.querySelector('.cnn-train-data')?.textContent).toContain('Dígitos incluidos');
		expect(el.querySelector('.cnn-train-arch thead')?.textContent).toBe('CapaForma de la salidaParámetros');
		expect(el.querySelector('.cnn-train-settings')?.textContent).toContain('1 época, lotes de 32');
		expect(el.querySelector('button[data-action="train"]')?.textContent).toBe('Empezar a entrenar');
		expect(el.querySelector('.cnn-train-save')?.textContent).toContain('añade al bloque una línea');
	});

	it('bad data in Spanish', async () => {
		setLanguage('es');
		const { app, decode } = vaultWith({ 'Datasets/shapes/a/1.png': 1, 'Datasets/shapes/a/2.png': 2 }, { 1: rgba(8, 8, 1), 2: rgba(8, 8, 2) });
		const { el } = await mountTrain('data: "[[Datasets/shapes]]"', { app, overrides: { decode } });
		expect(el.querySelector('.cnn-notes-error')?.textContent).toContain('tiene una sola clase');
	});

	it('Start sends the digits by name and the layers and settings of the block', async () => {
		const host = new FakeTrainHost();
		const { el, root } = await mountTrain('data: digits\nlayers: [conv 8 3 same, leaky-relu, pool avg 2, dropout 0.25, dense 32, tanh, dense]\nepochs: 2\nbatch: 16\nlearning-rate: 0.01\naugment: true\nseed: 5', { host });
		await press(el, 'train');
		expect(host.starts).toHaveLength(1);
		const { source, options } = host.starts[0]!;
		expect(source).toEqual({ kind: 'digits' });
		expect(options).toEqual({
			layers: [
				{ kind: 'conv', filters: 8, size: 3, stride: 1, padding: 'same' },
				{ kind: 'activation', fn: 'leaky-relu', alpha: 0.2 },
				{ kind: 'pool', type: 'avg', size: 2 },
				{ kind: 'dropout', rate: 0.25 },
				{ kind: 'flatten' },
				{ kind: 'dense', units: 32 },
				{ kind: 'activation', fn: 'tanh' },
				{ kind: 'dense', units: 10 },
			],
			epochs: 2,
			batch: 16,
			learningRate: 0.01,
			seed: 5,
			augment: true,
		});
		expect(root().dataset.state).toBe('training');
	});

	it('Start on a folder sends a copy of its pictures with the held-out split of the seed', async () => {
		const { app, decode } = shapesVault(['circle', 'square'], 5);
		const host = new FakeTrainHost();
		const { el } = await mountTrain('data: "[[Datasets/shapes]]"\ninput-size: 16\nvalidation: 0.2\nlayers: [conv 4 3, relu, pool 2, dense]', { app, host, overrides: { decode } });
		await press(el, 'train');
		const source = host.starts[0]?.source;
		if (source?.kind !== 'pictures') throw new Error('expected pictures');
		expect(source.input).toEqual([16, 16, 3]);
		expect(source.classes).toBe(2);
		expect(source.pixels.length).toBe(10 * 16 * 16 * 3);
		expect(Array.from(source.labels)).toEqual([0, 0, 0, 0, 0, 1, 1, 1, 1, 1]);
		expect(source.validation.length).toBe(2);
		expect(source.train.length + source.validation.length).toBe(10);
		expect(host.starts[0]?.options.layers.at(-1)).toEqual({ kind: 'dense', units: 2 });
	});
});

describe('toTrainLayers', () => {
	it('maps every planned layer kind; the final dense has one unit per class', () => {
		const plan = planArchitecture(['conv 4 3 stride 2', 'sigmoid', 'pool max 2', 'relu', 'flatten', 'dense 8', 'leaky-relu'], [28, 28, 1], 3);
		if (!plan.ok) throw new Error('plan');
		expect(toTrainLayers(plan.value.layers)).toEqual([
			{ kind: 'conv', filters: 4, size: 3, stride: 2, padding: 'valid' },
			{ kind: 'activation', fn: 'sigmoid' },
			{ kind: 'pool', type: 'max', size: 2 },
			{ kind: 'activation', fn: 'relu' },
			{ kind: 'flatten' },
			{ kind: 'dense', units: 8 },
			{ kind: 'activation', fn: 'leaky-relu', alpha: 0.2 },
			{ kind: 'dense', units: 3 },
		]);
	});
});
