/** parseTrainBlock: every key's good and bad values, the defaults, the digits' fixed input, and trainPlan. */
import { setLanguage } from '../../harness/obsidian';
import { parseTrainBlock, trainPlan } from '../../src/blocks/parse-train';
import { DEFAULT_LAYERS, MAX_SEED, TRAIN_KEYS, type TrainSpec } from '../../src/blocks/train-keys';
import type { Problem } from '../../src/blocks/types';
import { t } from '../../src/i18n';
import { MAX_BATCH_MACS } from '../../src/train/architecture';
import { readFileSync } from 'fs';
import { join } from 'path';

/** The parse errors of a source that must fail. */
function errorsOf(source: string): Problem[] {
	const result = parseTrainBlock(source);
	if (result.ok) throw new Error(`expected errors for ${source}`);
	return result.errors;
}

/** The spec of a source that must parse. */
function specOf(source: string): TrainSpec {
	const result = parseTrainBlock(source);
	if (!result.ok) throw new Error(JSON.stringify(result.errors));
	return result.value;
}

/** The English and Spanish text of an error; no `{placeholder}` left in either. */
function shown(error: Problem): string[] {
	const texts: string[] = [];
	for (const language of ['en', 'es']) {
		setLanguage(language);
		const text = t(error.code, error.vars);
		expect(text).not.toMatch(/\{\w+\}/);
		if (error.allowed !== undefined) expect(error.allowed).not.toMatch(/\{\w+\}/);
		texts.push(text);
	}
	setLanguage('en');
	return texts;
}

const DIGITS_DEFAULTS: TrainSpec = {
	data: { kind: 'digits' },
	layers: [...DEFAULT_LAYERS],
	epochs: 3,
	batch: 32,
	learningRate: 0.005,
	validation: 0.2,
	augment: false,
	seed: 1,
	inputSize: 28,
	channels: 'gray',
};

describe('parseTrainBlock: the defaults', () => {
	it('an empty block trains the digits with the defaults', () => {
		expect(parseTrainBlock('')).toEqual({ ok: true, value: DIGITS_DEFAULTS });
		expect(parseTrainBlock('# only a comment\n\n')).toEqual({ ok: true, value: DIGITS_DEFAULTS });
	});

	it('the issue\'s block', () => {
		const source = [
			'data: digits                 # or "[[Datasets/frutas]]"',
			'layers: [conv 8 3, relu, pool 2, conv 16 3, relu, pool 2, dense]',
			'epochs: 3',
			'batch: 32',
			'learning-rate: 0.005',
			'validation: 0.2              # share of each class held out, fixed seed',
			'augment: true',
			'save: "[[Modelos/mis-digitos]]"',
		].join('\n');
		expect(specOf(source)).toEqual({ ...DIGITS_DEFAULTS, augment: true, save: { path: 'Modelos/mis-digitos', embed: false } });
	});

	it('a folder: 32x32 rgb by default; input-size and channels may change', () => {
		const spec = specOf('data: "[[Datasets/frutas]]"');
		expect(spec).toMatchObject({ data: { kind: 'folder', link: { path: 'Datasets/frutas', embed: false } }, inputSize: 32, channels: 'rgb', augment: false });
		expect(specOf('data: [[Datasets/frutas]]\ninput-size: 64\nchannels: GRAY')).toMatchObject({ inputSize: 64, channels: 'gray' });
		expect(specOf('data: ![[Datasets/frutas]]\ninput-size: 16').data).toEqual({ kind: 'folder', link: { path: 'Datasets/frutas', embed: true } });
	});

	it('the digits take input-size 28 and channels gray written out', () => {
		expect(specOf('data: digits\ninput-size: 28\nchannels: gray')).toEqual(DIGITS_DEFAULTS);
	});
});

describe('parseTrainBlock: every key, good values', () => {
	it.each([
		['epochs: 1', { epochs: 1 }],
		['epochs: 50', { epochs: 50 }],
		['epochs: "7"', { epochs: 7 }],
		['batch: 1', { batch: 1 }],
		['batch: 256', { batch: 256 }],
		['learning-rate: 1', { learningRate: 1 }],
		['learning-rate: 1e-4', { learningRate: 0.0001 }],
		['learning-rate: .01', { learningRate: 0.01 }],
		['validation: 0.05', { validation: 0.05 }],
		['validation: 0.89', { validation: 0.89 }],
		['augment: false', { augment: false }],
		['augment: "true"', { augment: true }],
		['seed: 0', { seed: 0 }],
		[`seed: ${MAX_SEED}`, { seed: MAX_SEED }],
		['save: "[[Modelos/a b|mi modelo]]"', { save: { path: 'Modelos/a b', alias: 'mi modelo', embed: false } }],
		['data: DIGITS', { data: { kind: 'digits' } }],
		['layers: "conv 8 3, relu, dense"', { layers: ['conv 8 3', 'relu', 'dense'] }],
		['layers:\n  - Conv 8  3 SAME\n  - relu\n  - pool avg 2\n  - dropout 0.25\n  - dense 64\n  - dense', { layers: ['conv 8 3 same', 'relu', 'pool avg 2', 'dropout 0.25', 'dense 64', 'dense'] }],
		['layers: [conv 4 3 stride 2, leaky-relu, flatten, dense 10]', { layers: ['conv 4 3 stride 2', 'leaky-relu', 'flatten', 'dense 10'] }],
	])('%s', (source, expected) => {
		expect(specOf(source)).toMatchObject(expected);
	});
});

describe('parseTrainBlock: every key, bad values', () => {
	it.each([
		['epochs: 0', 'epochs', 'block.value.tooSmall'],
		['epochs: 51', 'epochs', 'block.value.tooLarge'],
		['epochs: 2.5', 'epochs', 'block.value.notWhole'],
		['epochs: many', 'epochs', 'block.value.notNumber'],
		['epochs: .nan', 'epochs', 'block.value.notFinite'],
		['epochs: 1e39', 'epochs', 'block.value.tooLarge'],
		['epochs:', 'epochs', 'block.value.missing'],
		['batch: 0', 'batch', 'block.value.tooSmall'],
		['batch: 257', 'batch', 'block.value.tooLarge'],
		['batch: [32]', 'batch', 'block.value.notNumber'],
		['learning-rate: 0', 'learning-rate', 'train.value.notAbove'],
		['learning-rate: -0.1', 'learning-rate', 'train.value.notAbove'],
		['learning-rate: 1.5', 'learning-rate', 'block.value.tooLarge'],
		['learning-rate: .inf', 'learning-rate', 'block.value.notFinite'],
		['learning-rate: -.inf', 'learning-rate', 'block.value.notFinite'],
		['learning-rate: 1e39', 'learning-rate', 'block.value.tooLarge'],
		['learning-rate: fast', 'learning-rate', 'block.value.notNumber'],
		['validation: 0', 'validation', 'train.value.notAbove'],
		['validation: 0.9', 'validation', 'train.value.notBelow'],
		['validation: 20%', 'validation', 'block.value.notNumber'],
		['augment: yes please', 'augment', 'block.boolean.invalid'],
		['augment:', 'augment', 'block.value.missing'],
		['save: Modelos/x', 'save', 'block.link.invalid'],
		['save:', 'save', 'block.value.missing'],
		['save: 3', 'save', 'block.link.invalid'],
		['seed: -1', 'seed', 'block.value.tooSmall'],
		[`seed: ${MAX_SEED + 1}`, 'seed', 'block.value.tooLarge'],
		['seed: 1e39', 'seed', 'block.value.tooLarge'],
		['seed: 1e400', 'seed', 'block.value.notFinite'],
		['seed: 0.5', 'seed', 'block.value.notWhole'],
		['data: "[[Datasets/x]]"\ninput-size: 15', 'input-size', 'block.value.tooSmall'],
		['data: "[[Datasets/x]]"\ninput-size: 65', 'input-size', 'block.value.tooLarge'],
		['data: "[[Datasets/x]]"\nchannels: colour', 'channels', 'block.enum.invalid'],
		['data: "[[Datasets/x]]"\nchannels:', 'channels', 'block.value.missing'],
		['input-size: 32', 'input-size', 'train.error.digitsSize'],
		['data: digits\nchannels: rgb', 'channels', 'train.error.digitsChannels'],
		['data: fruits', 'data', 'block.enum.invalid'],
		['data:', 'data', 'block.value.missing'],
		['data: [1, 2]', 'data', 'block.enum.invalid'],
		['layers: []', 'layers', 'train.layers.empty'],
		['layers:', 'layers', 'block.value.missing'],
		['layers: 5', 'layers', 'train.layers.notList'],
		['layers: {conv: 8}', 'layers', 'train.layers.notList'],
		['layers: [relu, 5]', 'layers', 'train.layers.notText'],
		['layers: [conv 8 3, sofmax]', 'layers', 'train.layers.unknown'],
		['layers: [conv 80 3]', 'layers', 'train.layers.filters'],
		['layers: [conv 8 9]', 'layers', 'train.layers.size'],
		['layers: [conv 8 3 stride 9]', 'layers', 'train.layers.stride'],
		['layers: [pool 7]', 'layers', 'train.layers.poolSize'],
		['layers: [dense 1000]', 'layers', 'train.layers.units'],
		['layers: [dropout 1.5]', 'layers', 'train.layers.rate'],
		['layers: [conv 8]', 'layers', 'train.layers.syntax'],
		['layers: [relu relu]', 'layers', 'train.layers.syntax'],
		['layers: [dense, softmax]', 'layers', 'train.layers.softmax'],
	])('%s: %s %s', (source, key, code) => {
		const errors = errorsOf(source);
		expect(errors).toHaveLength(1);
		const [error] = errors;
		expect(error).toMatchObject({ code, key });
		expect(error?.line).toBeGreaterThan(0);
		expect(error?.allowed).toBeDefined();
		expect(error?.keyDoc).toEqual({ key, description: TRAIN_KEYS[key as keyof typeof TRAIN_KEYS].description });
		for (const text of shown(error!)) expect(text.length).toBeGreaterThan(10);
	});

	it('the messages a student reads', () => {
		const [size] = errorsOf('data: digits\ninput-size: 32');
		expect(shown(size!)).toEqual([
			'The built-in digits are 28x28 pictures: with data: digits, input-size must be 28 (or left out), not 32.',
			'Los dígitos incluidos son imágenes de 28x28: con data: digits, input-size debe ser 28 (o no escribirse), no 32.',
		]);
		const [rate] = errorsOf('learning-rate: 0');
		expect(shown(rate!)[0]).toBe('“learning-rate” must be greater than 0; got 0.');
		expect(rate?.allowed).toBe('a number greater than 0 and at most 1, such as 0.005');
		const [seed] = errorsOf('seed: 1e39');
		expect(seed?.allowed).toBe('a whole number from 0 to 2,147,483,647');
	});

	it('a misspelled word suggests the right one', () => {
		expect(errorsOf('data: digit')[0]).toMatchObject({ suggestion: 'digits' });
		expect(errorsOf('data: "[[x]]"\nchannels: grey')[0]).toMatchObject({ suggestion: 'gray' });
		expect(errorsOf('layers: [conv 8 3, polo 2]')[0]).toMatchObject({ code: 'train.layers.unknown', suggestion: 'pool' });
	});

	it('unknown keys: "did you mean", with the suggested key\'s description', () => {
		expect(errorsOf('epoch: 3')[0]).toMatchObject({ code: 'block.key.unknown', key: 'epoch', suggestion: 'epochs', line: 1, keyDoc: { key: 'epochs' } });
		expect(errorsOf('learning_rate: 0.1')[0]).toMatchObject({ suggestion: 'learning-rate' });
		expect(errorsOf('canales: rgb')[0]).toMatchObject({ suggestion: 'channels' });
		expect(errorsOf('inputsize: 28')[0]).toMatchObject({ suggestion: 'input-size' });
		expect(errorsOf('constructor: 1')[0]?.suggestion).toBeUndefined();
	});

	it.each([
		['épocas: 3', 'epochs'],
		['Tasa de aprendizaje: 0.01', 'learning-rate'],
		['lote: 16', 'batch'],
		['capas: [relu]', 'layers'],
		['datos: digits', 'data'],
		['semilla: 2', 'seed'],
		['tamaño: 28', 'input-size'],
		['guardar: "[[m]]"', 'save'],
		['validación: 0.1', 'validation'],
		['aumento: true', 'augment'],
	])('a Spanish key: %s suggests %s, with its description', (source, suggestion) => {
		expect(errorsOf(source)[0]).toMatchObject({ code: 'block.key.unknown', suggestion, keyDoc: { key: suggestion } });
	});

	it('all problems of a block are reported together, each on its line', () => {
		const errors = errorsOf('epochs: 0\nbatch: 1000\nlayers: [conv 8 3, bogus]\nseed: -2');
		expect(errors.map((e) => [e.key, e.line])).toEqual([
			['layers', 3],
			['epochs', 1],
			['batch', 2],
			['seed', 4],
		]);
	});

	it('a layer problem is on the line of its item in a block list, and says how that layer is written', () => {
		const [error] = errorsOf('epochs: 2\nlayers:\n  - conv 8 3\n  - relu\n  - pool avg 9\n  - dense\n');
		expect(error).toMatchObject({ code: 'train.layers.poolSize', line: 5, vars: { index: 3, item: 'pool avg 9' } });
		expect(error?.allowed).toBe('pool [max|avg] SIZE, such as pool 2 (max pooling, the default) or pool 2 avg');
		expect(errorsOf('layers:\n- relu\n- conv 8 3 same valid\n')[0]).toMatchObject({ code: 'train.layers.syntax', line: 3, allowed: expect.stringContaining('conv FILTERS SIZE') as unknown });
		expect(errorsOf('layers: [relu 2]')[0]?.allowed).toBe('relu alone, with nothing after it');
	});

	it('invalid YAML is a syntax error, a duplicate key names the key', () => {
		expect(errorsOf('layers: [conv 8 3\n')[0]?.code).toBe('block.yaml.syntax');
		expect(errorsOf('epochs: 1\nepochs: 2')[0]).toMatchObject({ code: 'block.key.duplicate', key: 'epochs' });
	});

	it('errors are translated: Spanish', () => {
		setLanguage('es');
		const [error] = errorsOf('layers: [conv 8 3 2 stride 2]');
		expect(t(error!.code, error!.vars)).toBe('La capa 1 («conv 8 3 2 stride 2») no está escrita como una capa conv.');
		expect(error?.allowed).toContain('conv FILTROS TAMAÑO');
	});
});

describe('parseTrainBlock: the shapes, known before the classes', () => {
	it('a pool larger than its input is found by the parse, on its item\'s line', () => {
		const [error, ...rest] = errorsOf('data: "[[d]]"\ninput-size: 16\nlayers:\n  - pool 4\n  - pool 4\n  - pool 2\n');
		expect(rest).toEqual([]);
		expect(error).toMatchObject({ code: 'train.layers.poolTooLarge', key: 'layers', line: 6, vars: { index: 3, item: 'pool 2', size: '2x2', input: '1x1x3' } });
		expect(shown(error!)[0]).toBe('Layer 3 (“pool 2”) needs at least 2x2, but its input is 1x1x3: the maps would shrink to nothing. Use a smaller pool, or fewer pool layers before it.');
	});

	it('the digits: shapes on 28x28x1 and the parameter budget for 10 classes', () => {
		expect(errorsOf('layers: [conv 8 5, pool 4, conv 16 7]')[0]).toMatchObject({ code: 'train.layers.convTooLarge', line: 1, vars: { input: '6x6x8' } });
		expect(errorsOf('layers: [conv 64 3 same, dense 64]')[0]).toMatchObject({ code: 'train.layers.tooManyParams', vars: { layer: 'dense 64' } });
		expect(errorsOf('layers: [dense 16, conv 8 3]')[0]).toMatchObject({ code: 'train.layers.afterFlat', vars: { index: 2, input: '16' } });
		expect(errorsOf('layers: [dense, relu]')[0]).toMatchObject({ code: 'train.layers.denseUnits' });
	});

	it('a folder\'s shapes are checked on its own input size and channels', () => {
		expect(specOf('data: "[[d]]"\ninput-size: 64\nlayers: [pool 4, pool 4, pool 4]').layers).toEqual(['pool 4', 'pool 4', 'pool 4']);
		expect(errorsOf('data: "[[d]]"\ninput-size: 32\nlayers: [pool 4, pool 4, pool 4]')[0]).toMatchObject({ vars: { input: '2x2x3' } });
		expect(errorsOf('data: "[[d]]"\ninput-size: 32\nchannels: gray\nlayers: [pool 4, pool 4, pool 4]')[0]).toMatchObject({ vars: { input: '2x2x1' } });
	});

	it('the default layers fit every input size', () => {
		for (let size = 16; size <= 64; size++) expect(parseTrainBlock(`data: "[[d]]"\ninput-size: ${size}`).ok).toBe(true);
	});
});

describe('trainPlan', () => {
	it('the default spec on the digits: 10 classes, 5,258 parameters', () => {
		const plan = trainPlan(specOf(''), 10);
		expect(plan.ok && plan.value.params).toBe(5258);
		expect(plan.ok && plan.value.input).toEqual([28, 28, 1]);
	});

	it('a folder spec is planned on [size, size, 3] for its class count', () => {
		const plan = trainPlan(specOf('data: "[[d]]"\ninput-size: 16'), 3);
		expect(plan.ok && plan.value.input).toEqual([16, 16, 3]);
		expect(plan.ok && plan.value.layers[plan.value.layers.length - 1]).toMatchObject({ kind: 'dense', units: 3, softmax: true, added: false });
	});

	it('a folder\'s parameter budget waits for its classes; its problems carry the layers key, what is allowed and its description', () => {
		const spec = specOf('data: "[[d]]"\ninput-size: 16\nlayers: [conv 8 3 same, dense 96]');
		expect(trainPlan(spec, 2).ok).toBe(true);
		const plan = trainPlan(spec, 1000);
		expect(plan.ok).toBe(false);
		if (!plan.ok) {
			expect(plan.errors[0]).toMatchObject({ code: 'train.layers.tooManyParams', key: 'layers', vars: { key: 'layers', layer: 'dense 96', layerParams: 2048 * 96 + 96 }, keyDoc: { key: 'layers' } });
			expect(plan.errors[0]?.allowed).toContain('pool [max|avg]');
			shown(plan.errors[0]!);
		}
	});

	it('a class count out of range is its own problem', () => {
		const plan = trainPlan(specOf(''), 1);
		expect(!plan.ok && plan.errors[0]?.code).toBe('train.layers.classes');
	});

	it('the default spec: 0.19 million multiply-adds a picture, 32 a batch, far inside the batch budget', () => {
		const plan = trainPlan(specOf(''), 10);
		expect(plan.ok && plan.value.macs).toBe(192_064);
		expect(plan.ok && plan.value.macs * 32).toBeLessThan(MAX_BATCH_MACS / 10);
		expect(trainPlan(specOf('batch: 256'), 10).ok).toBe(true);
	});

	const HEAVY_LAYERS = ['conv 32 3 same', 'relu', 'conv 64 3 same', 'relu', 'conv 64 3 same', 'relu', 'pool 4', 'pool 2', 'dense'];
	const HEAVY = `data: "[[d]]"\ninput-size: 64\nchannels: rgb\nlayers: [${HEAVY_LAYERS.join(', ')}]`;

	it('x=[64,64,3] conv 32/64/64 3 same with batch 256 (under the parameter budget) is refused by trainPlan with the numbers: one picture alone is over', () => {
		const spec: TrainSpec = { ...specOf('data: "[[d]]"\ninput-size: 64'), layers: HEAVY_LAYERS, batch: 256 };
		const plan = trainPlan(spec, 10);
		if (plan.ok) throw new Error('expected the batch budget to refuse the plan');
		expect(plan.errors).toHaveLength(1);
		const error = plan.errors[0]!;
		expect(error).toMatchObject({ code: 'train.layers.tooMuchWorkPicture', key: 'layers', vars: { macs: 230.1, batch: 256, total: 58898.6, max: 200 }, keyDoc: { key: 'layers' } });
		const [english, spanish] = shown(error);
		expect(english).toContain('230.1 million multiply-adds');
		expect(english).toContain('58,898.6 million for a batch of 256');
		expect(english).toContain('at most 200 million a batch');
		expect(english).toMatch(/smaller input-size, fewer filters/);
		expect(spanish).toContain('58.898,6 millones en un lote de 256');
	});

	it('the same layers on 32x32: the batch key, with the batches that fit as what is allowed', () => {
		const spec: TrainSpec = { ...specOf('data: "[[d]]"\ninput-size: 32'), layers: HEAVY_LAYERS, batch: 256 };
		const plan = trainPlan(spec, 10);
		expect(plan.ok).toBe(false);
		if (plan.ok) return;
		expect(plan.errors[0]).toMatchObject({ code: 'train.layers.tooMuchWork', key: 'batch', vars: { key: 'batch', batch: 256, max: 200, fits: 3 }, keyDoc: { key: 'batch' } });
		expect(plan.errors[0]?.allowed).toBe('a whole number from 1 to 3');
		expect(shown(plan.errors[0]!)[0]).toContain('Use a smaller batch (at most 3 here), a smaller input-size, or fewer filters.');
		expect(trainPlan({ ...spec, batch: 3 }, 10).ok).toBe(true);
	});

	it('the block itself is refused when a batch is over even for two classes, before any picture is read: on the batch line, or the layers line', () => {
		const source = `${HEAVY.replace('input-size: 64', 'input-size: 32')}\nbatch: 256`;
		const [error, ...rest] = errorsOf(source);
		expect(rest).toEqual([]);
		expect(error).toMatchObject({ code: 'train.layers.tooMuchWork', key: 'batch', line: 5, vars: { batch: 256, fits: 3 }, allowed: 'a whole number from 1 to 3', keyDoc: { key: 'batch' } });
		expect(specOf(source.replace('batch: 256', 'batch: 3')).batch).toBe(3);
		expect(errorsOf(`${HEAVY}\nbatch: 1`)[0]).toMatchObject({ code: 'train.layers.tooMuchWorkPicture', key: 'layers', line: 4, vars: { batch: 1, macs: 230.1 } });
		// The digits: 10 classes.
		expect(errorsOf('layers: [conv 64 3 same, conv 64 3 same, pool 4, pool 2, dense]\nbatch: 64')[0]).toMatchObject({ code: 'train.layers.tooMuchWork', line: 2, vars: { fits: 6 } });
	});

	it('the README states the batch budget', () => {
		const readme = readFileSync(join(__dirname, '..', '..', 'README.md'), 'utf8');
		expect(readme).toContain(`${(MAX_BATCH_MACS / 1_000_000).toLocaleString('en')} million multiply-adds`);
	});
});
