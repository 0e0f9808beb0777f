// Issue 12, words: pooling's own sentence about colour channels, the hint by pointer type, Spanish
// preset names and padding modes, the glossary names in the widgets, numbers written for the language.
import { App, Component, setLanguage } from '../../../harness/obsidian';
import { parsePoolBlock, poolFit } from '../../../src/blocks/parse-pool';
import { widgetDeps } from '../../../src/blocks/widget-deps';
import { PoolWidget } from '../../../src/widgets/pool/pool-widget';
import { explainHint, isCoarsePointer } from '../../../src/widgets/shared/pointer';
import { formatForSentence, formatNumber } from '../../../src/widgets/shared/format';
import { asApp, decodeTestPng, encodePng, rgbaOf } from '../../vault/png';
import { loadPlugin } from '../../helpers/plugin';
import { POOL_SOURCE } from '../../helpers/seed';
import { t } from '../../../src/i18n';
import { moreTerms } from '../../../src/widgets/shared/arithmetic';

const flush = async (): Promise<void> => {
	for (let i = 0; i < 5; i++) await new Promise((r) => setTimeout(r, 0));
};

/** Mounts a PoolWidget as the pool processor does, on the fake vault and a test decoder. */
function mountPool(app: App, source: string): HTMLElement {
	const el = document.body.createDiv();
	const section = new Component();
	section.load();
	const deps = { ...widgetDeps(asApp(app), 'notes/lesson.md', { decode: decodeTestPng }), reducedMotion: false };
	const parsed = parsePoolBlock(source);
	if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
	section.addChild(new PoolWidget(el, parsed.value, deps, poolFit(parsed.value)) as unknown as Component);
	return el;
}

/** Makes `(pointer: coarse)` match, or not, in this jsdom window. */
function coarse(matches: boolean): void {
	window.matchMedia = (query: string): MediaQueryList => ({ matches: matches && query.includes('coarse'), media: query }) as MediaQueryList;
}

afterEach(() => {
	setLanguage('en');
	document.body.removeClass('is-mobile');
	coarse(false);
});

describe('cnn-pool with channels: rgb', () => {
	it.each([
		['en', 'keeps the red, green and blue channels apart'],
		['es', 'mantiene separados los canales rojo, verde y azul'],
	])('says in %s that pooling keeps the channels apart, never that a kernel sums them', async (language, sentence) => {
		setLanguage(language);
		const app = new App();
		app.vault.seed('photo.png', encodePng(8, 8, rgbaOf(8, 8, (x) => [x * 30, 0, 255, 255])));
		const el = mountPool(app, 'image: "[[photo.png]]"\nchannels: rgb\nsize: 2\n');
		await flush();
		expect(el.querySelector('.cnn-fmap[data-role="output"]')).not.toBeNull();
		const notes = Array.from(el.querySelectorAll('.cnn-note'), (n) => n.textContent ?? '').join('\n');
		expect(notes).toContain(sentence);
		expect(notes).not.toMatch(/kernel/i);
		expect(notes).not.toMatch(/three results are added|se suman los tres/);
	});
});

describe('the hint under the outputs speaks of the pointer the reader has', () => {
	it('mouse and keyboard on a desktop; tapping with is-mobile or a coarse pointer', () => {
		const el = document.body.createDiv();
		expect(isCoarsePointer(document)).toBe(false);
		expect(explainHint(el)).toBe('Hover over an output cell, or focus it and use the arrow keys, to see its arithmetic.');
		document.body.addClass('is-mobile');
		expect(explainHint(el)).toBe('Tap an output cell to see its arithmetic.');
		document.body.removeClass('is-mobile');
		coarse(true);
		setLanguage('es');
		expect(explainHint(el)).toBe('Toca una celda de salida para ver su cálculo.');
	});

	it('a conv and a pool block rendered on a touch screen say tap, not hover', async () => {
		document.body.addClass('is-mobile');
		setLanguage('es');
		const { render } = loadPlugin();
		const conv = await render('cnn-conv', 'input: [[1, 2, 3], [4, 5, 6], [7, 8, 9]]\nkernel: [[1, 0], [0, 1]]\n');
		const pool = await render('cnn-pool', POOL_SOURCE);
		for (const { el } of [conv, pool]) {
			expect(el.querySelector('.cnn-explain')?.textContent).toContain('Toca una celda de salida');
			expect(el.textContent).not.toMatch(/ratón|puntero|flechas/);
		}
	});
});

describe('Spanish names in the widgets', () => {
	it('the pool summary names max pooling by its glossary name and translates the padding mode', async () => {
		setLanguage('es');
		const { render } = loadPlugin();
		const { el } = await render('cnn-pool', POOL_SOURCE);
		expect(el.querySelector('.cnn-summary')?.textContent).toBe('Pooling máximo, ventana 2, paso 2, relleno: ninguno (valid)');
	});

	it('the chain names its pooling stage by the glossary too', async () => {
		setLanguage('es');
		const { render } = loadPlugin();
		const { el } = await render('cnn-conv', 'sample: digit\nkernel: sobel-x\nactivation: relu\npool: max 2\n');
		expect(el.querySelector('.cnn-chain')?.textContent).toBe('Cadena: 28x28x1 → conv 3x3 x1 → 26x26x1 → ReLU → 26x26x1 → pooling máximo 2 → 13x13x1');
		expect(el.querySelector('.cnn-summary')?.textContent).toBe('Paso (stride) 1, relleno: ninguno (valid), dilatación 1');
	});

	it('the preset menu shows Spanish names with the English id as the hint; the value stays the id', async () => {
		setLanguage('es');
		const { render } = loadPlugin();
		const { el } = await render('cnn-conv', 'input: [[1, 2, 3], [4, 5, 6], [7, 8, 9]]\nkernel: sobel-x\n');
		const option = el.querySelector<HTMLOptionElement>('select.cnn-preset option[value="sobel-x"]');
		expect(option?.textContent).toBe('Sobel horizontal (sobel-x)');
		expect(el.querySelector<HTMLSelectElement>('select.cnn-preset')?.value).toBe('sobel-x');
	});
});

describe('numbers: sentences in the language, grids as the source writes them', () => {
	it('formatForSentence writes a decimal comma in Spanish, formatNumber keeps the dot', () => {
		setLanguage('es');
		expect(formatForSentence(3.75)).toBe('3,75');
		expect(formatNumber(3.75)).toBe('3.75');
		setLanguage('en');
		expect(formatForSentence(3.75)).toBe('3.75');
	});

	it('the padding note of a window says "1 cell ... is" and "2 cells ... are", in both languages', () => {
		expect(t('widget.pool.paddingNote', { count: 1 })).toBe('1 cell of this window is padding: it never counts.');
		expect(t('widget.pool.paddingNote', { count: 2 })).toBe('2 cells of this window are padding: they never count.');
		setLanguage('es');
		expect(t('widget.pool.paddingNote', { count: 1 })).toBe('1 celda de esta ventana es relleno: nunca cuenta.');
		expect(t('widget.pool.paddingNote', { count: 5 })).toBe('5 celdas de esta ventana son relleno: nunca cuentan.');
	});

	it('"… and N more terms" writes N as the arithmetic around it does (digits only), with the right plural', () => {
		setLanguage('es');
		expect(moreTerms(65524, 'terms')).toBe('… y 65524 términos más');
		expect(moreTerms(1, 'values')).toBe('… y 1 valor más');
	});
});
