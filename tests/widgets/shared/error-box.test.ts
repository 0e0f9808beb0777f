import { setLanguage } from '../../../harness/obsidian';
import { renderErrorBox } from '../../../src/widgets/shared/error-box';
import { loadPlugin } from '../../helpers/plugin';
import { POOL_SOURCE, SEED } from '../../helpers/seed';

/** What a person reads in each item of a block's error box, line by line as displayed. */
async function readErrors(language: string, source: string): Promise<{ items: string[]; box: HTMLElement }> {
	const { render } = loadPlugin();
	const { el } = await render(language, source);
	const box = el.querySelector<HTMLElement>('.cnn-notes-error');
	if (!box) throw new Error('no error box');
	const items = Array.from(box.querySelectorAll('li'), (li) =>
		Array.from(li.childNodes, (n) => (n instanceof HTMLElement && n.hasClass('cnn-notes-error-doc') ? `\n${n.textContent ?? ''}` : n.textContent ?? '')).join(''),
	);
	return { items, box };
}

/** The `<code>` key names of the box with their hover text and screen-reader description. */
function keyNames(box: HTMLElement): { key: string; title: string | null; aria: string | null }[] {
	return Array.from(box.querySelectorAll('.cnn-notes-error-where code'), (c) => ({
		key: c.textContent ?? '',
		title: c.getAttribute('title'),
		aria: c.getAttribute('aria-description'),
	}));
}

const STRIDE = 'How many cells the kernel moves at each step: a number, or [rows, cols].';

describe('error box: what each key is', () => {
	it('a value out of range: the problem, what is allowed, then what the key is', async () => {
		const { items, box } = await readErrors('cnn-conv', `${SEED}stride: 0\n`);
		expect(items).toEqual([
			'Line 11 · Key “stride”: “stride” must be at least 1; got 0. Allowed: a whole number from 1 to 64, or a pair [rows, cols] of them.' +
				`\nstride: ${STRIDE}`,
		]);
		expect(keyNames(box)).toEqual([{ key: 'stride', title: STRIDE, aria: null }]);
		expect(box.querySelector('.cnn-notes-error-doc code')?.textContent).toBe('stride');
	});

	it('a misspelled key: the suggestion, then what the suggested key is (the README\'s "common mistakes" block)', async () => {
		const { items, box } = await readErrors('cnn-conv', 'input: |\n  1 2 3\n  4 5 6\n  7 8 9\nkernel: sharpen\nstrid: 2\n');
		expect(items).toHaveLength(1);
		expect(items[0]).toMatch(/^Line 6 · Key “strid”: Unknown key “strid”\. Allowed: input, image, sample, .* Did you mean “stride”\?\n/);
		expect(items[0]?.split('\n')[1]).toBe(`stride: ${STRIDE}`);
		expect(keyNames(box)).toEqual([{ key: 'strid', title: null, aria: null }]);
	});

	it('the same key means something else in another block kind: stride of a pooling window', async () => {
		const { items } = await readErrors('cnn-pool', `${POOL_SOURCE}stride: 0\n`);
		expect(items[0]?.split('\n')[1]).toBe('stride: How many cells the window moves at each step: a number, or [rows, cols]; the window size by default.');
	});

	it('several problems with one key: the key is explained once, and its other mentions describe it to screen readers', async () => {
		const { items, box } = await readErrors('cnn-conv', 'input: |\n  1 2 3\n  4 x\nkernel: [[1]]\n');
		expect(items).toHaveLength(2);
		expect(items.filter((i) => i.includes('\ninput: The input image, as rows of numbers.'))).toHaveLength(1);
		expect(items[0]).toContain('\ninput: The input image, as rows of numbers.');
		expect(keyNames(box)).toEqual([
			{ key: 'input', title: 'The input image, as rows of numbers.', aria: null },
			{ key: 'input', title: 'The input image, as rows of numbers.', aria: 'The input image, as rows of numbers.' },
		]);
	});

	it('a problem with two keys explains each: the kernel, and the pooling stage', async () => {
		const { items } = await readErrors('cnn-conv', `${SEED}kernel: sobel-z\npool: max 2 3\n`.replace('kernel: |\n  1 0 1\n  0 1 0\n  1 0 1\n', ''));
		expect(items.map((i) => i.split('\n')[1])).toEqual([
			'kernel: The kernel that slides over the input: rows of weights, or a preset name such as sobel-x.',
			'pool: A pooling stage after the convolution and its activation: max 2, avg 3, or a mapping with type, size, stride and padding.',
		]);
	});

	it('the classify block describes its own keys', async () => {
		const { items } = await readErrors('cnn-classify', 'model: digts\n');
		expect(items[0]).toContain('Unknown model "digts".');
		expect(items[0]?.split('\n')[1]).toBe(
			'model: The network that classifies: digits (the built-in MNIST model), or a wiki-link to a TensorFlow.js Layers model.json in the vault whose input is one picture (gray or colour, any size) and whose output is one score per class, such as a Teachable Machine export.',
		);
	});

	it('in Spanish, the description is Spanish', async () => {
		setLanguage('es');
		const { items, box } = await readErrors('cnn-conv', `${SEED}stride: 0\n`);
		expect(items[0]).toContain('Clave «stride»');
		expect(items[0]?.split('\n')[1]).toBe('stride: Cuántas celdas avanza el kernel en cada paso: un número, o [filas, columnas].');
		expect(keyNames(box)[0]?.title).toBe('Cuántas celdas avanza el kernel en cada paso: un número, o [filas, columnas].');
	});

	it('problems without a key, or with a key no table describes, have no description', async () => {
		const { items, box } = await readErrors('cnn-conv', 'input: [1, 2\n');
		expect(items).toHaveLength(1);
		expect(items[0]).not.toContain('\n');
		expect(box.querySelector('.cnn-notes-error-where code, .cnn-notes-error-doc code')).toBeNull();
		const el = document.body.createDiv();
		renderErrorBox(el, [{ code: 'image.error.deleted', vars: { file: 'a.png' }, key: 'image', line: 2 }]);
		expect(el.querySelector('li')?.textContent).toBe('Line 2 · Key “image”: The image “a.png” was deleted from the vault.');
		expect(el.querySelector('code')?.getAttribute('title')).toBeNull();
		expect(el.querySelector('.cnn-notes-error-doc')).toBeNull();
	});
});
