/** planArchitecture: the added layers, and every problem of a plan with the shapes in its message. */
import { format } from '../../src/i18n';
import '../../src/i18n/train-messages';
import { catalogFor } from '../../src/i18n';
import type { Problem } from '../../src/result';
import { batchWorkProblem, MAX_BATCH_MACS, MAX_PARAMS, planArchitecture, shapeText, type Architecture } from '../../src/train/architecture';

/** The catalogs with every registered area (the cnn-train messages included). */
const en = catalogFor('en');
const es = catalogFor('es');

/** The single problem of a plan that must fail. */
function problemOf(items: string[], input: [number, number, number] = [28, 28, 1], classes = 10): Problem {
	const plan = planArchitecture(items, input, classes);
	if (plan.ok) throw new Error(`expected a problem for ${items.join(', ')}`);
	expect(plan.errors).toHaveLength(1);
	return plan.errors[0]!;
}

/** A problem's English and Spanish texts, no `{placeholder}` left in either. */
function texts(problem: Problem): [string, string] {
	const english = format(en[problem.code], problem.vars, 'en');
	const spanish = format(es[problem.code], problem.vars, 'es');
	for (const text of [english, spanish]) expect(text).not.toMatch(/\{\w+\}/);
	return [english, spanish];
}

describe('planArchitecture: what the plan adds', () => {
	it('the default list on the digits: 5,258 parameters, flatten and the softmax dense are the plan\'s', () => {
		const plan = planArchitecture(['conv 8 3', 'relu', 'pool 2', 'conv 16 3', 'relu', 'pool 2', 'dense'], [28, 28, 1], 10);
		if (!plan.ok) throw new Error(JSON.stringify(plan.errors));
		expect(plan.value.params).toBe(5258);
		expect(plan.value.layers.map((l) => [l.kind, shapeText(l.shape), l.params, l.added, l.item])).toEqual([
			['conv', '26x26x8', 80, false, 0],
			['relu', '26x26x8', 0, false, 1],
			['pool', '13x13x8', 0, false, 2],
			['conv', '11x11x16', 1168, false, 3],
			['relu', '11x11x16', 0, false, 4],
			['pool', '5x5x16', 0, false, 5],
			['flatten', '400', 0, true, null],
			['dense', '10', 4010, false, 6],
		]);
		expect(plan.value.layers[7]).toMatchObject({ units: 10, softmax: true });
	});

	it('a list ending in maps gets a flatten and a dense layer with one unit per class and softmax, both marked added', () => {
		const plan = planArchitecture(['conv 4 3', 'relu'], [16, 16, 3], 4);
		expect(plan.ok && plan.value.layers.slice(-2)).toEqual([
			{ kind: 'flatten', shape: [784], params: 0, added: true, item: null },
			{ kind: 'dense', units: 4, softmax: true, shape: [4], params: 784 * 4 + 4, added: true, item: null },
		]);
	});

	it('dense 64 last is a hidden layer: the output dense is added after it; dense 10 last with 10 classes is the output', () => {
		const hidden = planArchitecture(['dense 64'], [16, 16, 1], 10);
		expect(hidden.ok && hidden.value.layers.map((l) => [l.kind, l.added, l.kind === 'dense' && l.softmax])).toEqual([
			['flatten', true, false],
			['dense', false, false],
			['dense', true, true],
		]);
		const output = planArchitecture(['dense 10'], [16, 16, 1], 10);
		expect(output.ok && output.value.layers.length).toBe(2);
	});

	it('an activation or dropout after the last dense: the output dense is added after them', () => {
		const plan = planArchitecture(['dense 10', 'relu'], [16, 16, 1], 10);
		expect(plan.ok && plan.value.layers.map((l) => l.kind)).toEqual(['flatten', 'dense', 'relu', 'dense']);
	});

	it('an explicit flatten is kept and no other is added; dropout keeps any shape', () => {
		const plan = planArchitecture(['dropout 0.2', 'flatten', 'dropout 0.5', 'dense'], [16, 16, 1], 3);
		expect(plan.ok && plan.value.layers.map((l) => [l.kind, shapeText(l.shape), l.added])).toEqual([
			['dropout', '16x16x1', false],
			['flatten', '256', false],
			['dropout', '256', false],
			['dense', '3', false],
		]);
	});

	it('items are read as written: upper case and extra spaces', () => {
		expect(planArchitecture([' CONV 8  3 ', 'Pool  2', 'DENSE'], [28, 28, 1], 10).ok).toBe(true);
	});
});

describe('planArchitecture: every problem, with the shapes', () => {
	it('a pool larger than its input', () => {
		const problem = problemOf(['conv 8 5', 'pool 4', 'conv 16 4', 'pool 4'], [28, 28, 1]);
		expect(problem).toMatchObject({ code: 'train.layers.poolTooLarge', vars: { index: 4, item: 'pool 4', size: '4x4', input: '3x3x16' } });
		expect(texts(problem)[0]).toBe('Layer 4 (“pool 4”) needs at least 4x4, but its input is 3x3x16: the maps would shrink to nothing. Use a smaller pool, or fewer pool layers before it.');
	});

	it('a conv larger than its input: the maps shrink to nothing', () => {
		const problem = problemOf(['pool 4', 'pool 4', 'conv 8 3'], [28, 28, 3]);
		expect(problem).toMatchObject({ code: 'train.layers.convTooLarge', vars: { index: 3, size: '3x3', input: '1x1x3' } });
		texts(problem);
	});

	it('conv same never shrinks to nothing: same on 1x1 works', () => {
		expect(planArchitecture(['pool 4', 'pool 4', 'conv 8 3 same'], [28, 28, 3], 2).ok).toBe(true);
	});

	it.each([['conv 8 3'], ['pool 2']])('%s after a dense layer: it needs maps', (item) => {
		const problem = problemOf(['dense 32', item]);
		expect(problem).toMatchObject({ code: 'train.layers.afterFlat', vars: { index: 2, item, input: '32' } });
		expect(texts(problem)[0]).toContain('its input is 32 values in a row');
	});

	it('conv after an explicit flatten', () => {
		expect(problemOf(['flatten', 'conv 8 3'])).toMatchObject({ code: 'train.layers.afterFlat', vars: { input: '784' } });
	});

	it('dense without units before the end', () => {
		const problem = problemOf(['dense', 'relu']);
		expect(problem).toMatchObject({ code: 'train.layers.denseUnits', vars: { index: 1, item: 'dense' } });
		texts(problem);
	});

	it(`more than ${MAX_PARAMS} parameters: the total, the budget and the largest layer`, () => {
		const problem = problemOf(['conv 64 3 same', 'dense 512'], [64, 64, 3], 10);
		expect(problem).toMatchObject({ code: 'train.layers.tooManyParams', vars: { max: MAX_PARAMS, layer: 'dense 512' } });
		expect(problem.vars.params).toBe(1792 + (64 * 64 * 64 * 512 + 512) + 5130);
		const [english, spanish] = texts(problem);
		expect(english).toContain('at most 200,000');
		expect(spanish).toContain('200.000');
	});

	it('the added output layer can be the largest', () => {
		const problem = problemOf(['conv 64 1'], [64, 64, 3], 10);
		expect(problem.vars.layer).toBe('dense 10');
	});

	it('exactly at the budget is allowed', () => {
		// flatten 16x16x1 = 256 inputs; dense u: 257u; then the output: (u + 1) * 2.
		const plan = planArchitecture(['dense 512', 'dense 2'], [16, 16, 1], 2);
		expect(plan.ok && plan.value.params).toBe(257 * 512 + 513 * 2);
	});

	it('an empty list, a bad item, and too few or too many classes', () => {
		expect(problemOf([]).code).toBe('train.layers.empty');
		expect(problemOf(['conv 8 3', 'bogus']).vars).toMatchObject({ index: 2, word: 'bogus' });
		for (const classes of [1, 0, -1, 1001, 2.5, NaN, Infinity]) {
			const problem = problemOf(['dense'], [28, 28, 1], classes);
			expect(problem.code).toBe('train.layers.classes');
			texts(problem);
		}
	});

	it('all item problems are reported together, before any shape', () => {
		const plan = planArchitecture(['conv 0 3', 'pool 9', 'relu'], [28, 28, 1], 10);
		expect(!plan.ok && plan.errors.map((e) => e.code)).toEqual(['train.layers.filters', 'train.layers.poolSize']);
	});

	it('hostile items never throw: numbers, objects, prototype names, regex metacharacters', () => {
		const hostile = ['constructor', '__proto__', 'toString', '(a+)+$', '[^', '.*', '\\1', '$&', 'conv 1e39 3', 'conv 8 .nan', 'dense -.inf', 'pool 1e400', 'dropout 0x10', '😀', '\u202econv 8 3'];
		for (const item of hostile) expect(planArchitecture([item], [28, 28, 1], 10).ok).toBe(false);
		expect(planArchitecture(Array.from({ length: 10_000 }, () => 'relu'), [28, 28, 1], 10)).toMatchObject({ ok: false, errors: [{ code: 'train.layers.tooMany' }] });
		expect(planArchitecture([5, null, {}] as unknown as string[], [28, 28, 1], 10).ok).toBe(false);
	});
});

/** The plan of a list that must fit. */
function planOf(items: string[], input: [number, number, number], classes: number): Architecture {
	const plan = planArchitecture(items, input, classes);
	if (!plan.ok) throw new Error(JSON.stringify(plan.errors));
	return plan.value;
}

describe('planArchitecture: forward multiply-adds a picture, and the batch budget', () => {
	it('the default list on the digits: conv 26*26*8*3*3*1 + conv 11*11*16*3*3*8 + dense 400*10 = 192,064', () => {
		const plan = planOf(['conv 8 3', 'relu', 'pool 2', 'conv 16 3', 'relu', 'pool 2', 'dense'], [28, 28, 1], 10);
		expect(plan.macs).toBe(26 * 26 * 8 * 9 * 1 + 11 * 11 * 16 * 9 * 8 + 400 * 10);
		expect(plan.macs).toBe(192_064);
		expect(batchWorkProblem(plan, 32)).toBeNull();
		expect(plan.macs * 32 * 10).toBeLessThan(MAX_BATCH_MACS); // far inside: ten times the default batch would fit too
	});

	it('stride and same change the conv\'s output cells; pool, activations, dropout and flatten cost nothing; the added dense counts', () => {
		expect(planOf(['conv 4 3 stride 2 same'], [16, 16, 3], 2).macs).toBe(8 * 8 * 4 * 9 * 3 + 256 * 2);
		expect(planOf(['pool 2', 'relu', 'dropout 0.5', 'flatten', 'dense 8', 'tanh'], [16, 16, 1], 3).macs).toBe(64 * 8 + 8 * 3);
	});

	it('x=[64,64,3] conv 32/64/64 3 same, pool 4, pool 2, batch 256: 230 million a picture, even batch 1 is over', () => {
		const plan = planOf(['conv 32 3 same', 'relu', 'conv 64 3 same', 'relu', 'conv 64 3 same', 'relu', 'pool 4', 'pool 2', 'dense'], [64, 64, 3], 10);
		expect(plan.params).toBeLessThan(MAX_PARAMS); // the parameter budget alone lets it through
		expect(plan.macs).toBe(64 * 64 * 32 * 27 + 64 * 64 * 64 * 288 + 64 * 64 * 64 * 576 + 4096 * 10);
		const problem = batchWorkProblem(plan, 256);
		expect(problem).toEqual({ code: 'train.layers.tooMuchWorkPicture', vars: { macs: 230.1, batch: 256, total: 58898.6, max: 200 } });
		const [english, spanish] = texts(problem!);
		expect(english).toBe('One picture takes 230.1 million multiply-adds in this network (58,898.6 million for a batch of 256); a note trains at most 200 million a batch, so that the model engine keeps answering: even a batch of 1 is too much. Use a smaller input-size, fewer filters, or a pool layer earlier.');
		expect(spanish).toContain('230,1 millones');
		expect(spanish).not.toMatch(/vault/i);
	});

	it('the same layers on 32x32x3: a batch of 256 is over, the message names the batch that fits', () => {
		const plan = planOf(['conv 32 3 same', 'relu', 'conv 64 3 same', 'relu', 'conv 64 3 same', 'relu', 'pool 4', 'pool 2', 'dense'], [32, 32, 3], 10);
		const fits = Math.floor(MAX_BATCH_MACS / plan.macs);
		expect(fits).toBe(3);
		expect(batchWorkProblem(plan, fits)).toBeNull();
		const problem = batchWorkProblem(plan, 256);
		expect(problem).toMatchObject({ code: 'train.layers.tooMuchWork', vars: { batch: 256, max: 200, fits: 3 } });
		const [english, spanish] = texts(problem!);
		expect(english).toContain('Use a smaller batch (at most 3 here), a smaller input-size, or fewer filters.');
		expect(spanish).toContain('Usa un lote menor (aquí como mucho 3), un input-size menor o menos filtros.');
	});

	it('exactly at the budget is allowed, one multiply-add more is not', () => {
		const plan: Architecture = { input: [16, 16, 1], layers: [], params: 0, macs: MAX_BATCH_MACS / 4 };
		expect(batchWorkProblem(plan, 4)).toBeNull();
		expect(batchWorkProblem({ ...plan, macs: plan.macs + 1 }, 4)?.code).toBe('train.layers.tooMuchWork');
	});
});
