/**
 * One name per concept in each language. Messages name these concepts through `{term:id}`
 * (singular), `{terms:id}` (plural), `{Term:id}` / `{Terms:id}` (first letter capitalised) or
 * `{term:id|count}` (singular or plural by `vars.count`, with Intl.PluralRules), resolved by t().
 * `avoid` lists the other names a concept must not be given in that language's messages
 * (tests/i18n/glossary.test.ts scans the catalogs for them).
 */

/** Singular and plural of one term in one language. */
export interface TermForms {
	one: string;
	other: string;
}

/** A term in every language, and the names to avoid for it. */
export interface GlossaryEntry {
	en: TermForms;
	es: TermForms;
	avoid?: { en?: readonly string[]; es?: readonly string[] };
}

/** The languages the glossary (and the catalogs) speak. */
export type GlossaryLanguage = 'en' | 'es';

const forms = (one: string, other: string): TermForms => ({ one, other });

/** The glossary: term id -> its name in each language. */
export const glossary = {
	maxPooling: {
		en: forms('max pooling', 'max poolings'),
		es: forms('pooling máximo', 'poolings máximos'),
		avoid: { en: ['max pool ', 'pool max', 'maximum pooling'], es: ['max pooling', 'pool max', 'max pool', 'agrupación máxima'] },
	},
	avgPooling: {
		en: forms('average pooling', 'average poolings'),
		es: forms('pooling promedio', 'poolings promedio'),
		avoid: { en: ['avg pool', 'pool avg', 'mean pooling'], es: ['average pooling', 'pool avg', 'avg pool', 'pooling medio', 'pooling de media'] },
	},
	minPooling: {
		en: forms('min pooling', 'min poolings'),
		es: forms('pooling mínimo', 'poolings mínimos'),
		avoid: { en: ['min pool ', 'pool min', 'minimum pooling'], es: ['min pooling', 'pool min', 'min pool'] },
	},
	globalPooling: {
		en: forms('global pooling', 'global poolings'),
		es: forms('pooling global', 'poolings globales'),
	},
	pooling: {
		en: forms('pooling', 'poolings'),
		es: forms('pooling', 'poolings'),
		avoid: { es: ['agrupación', 'submuestreo'] },
	},
	kernel: {
		en: forms('kernel', 'kernels'),
		es: forms('kernel', 'kernels'),
		avoid: { es: ['núcleo', 'nucleo'] },
	},
	filter: {
		en: forms('filter', 'filters'),
		es: forms('filtro', 'filtros'),
	},
	featureMap: {
		en: forms('feature map', 'feature maps'),
		es: forms('mapa de características', 'mapas de características'),
		avoid: { es: ['mapa de rasgos', 'mapa de activación', 'mapas de rasgos'] },
	},
	stride: {
		en: forms('stride', 'strides'),
		es: forms('paso', 'pasos'),
		avoid: { es: ['zancada', 'salto'] },
	},
	padding: {
		en: forms('padding', 'paddings'),
		es: forms('relleno', 'rellenos'),
		avoid: { es: ['acolchado'] },
	},
	paddingValid: {
		en: forms('valid', 'valid'),
		es: forms('ninguno (valid)', 'ninguno (valid)'),
	},
	paddingSame: {
		en: forms('same', 'same'),
		es: forms('mismo tamaño (same)', 'mismo tamaño (same)'),
	},
	paddingFull: {
		en: forms('full', 'full'),
		es: forms('completo (full)', 'completo (full)'),
	},
	dilation: {
		en: forms('dilation', 'dilations'),
		es: forms('dilatación', 'dilataciones'),
	},
	channel: {
		en: forms('channel', 'channels'),
		es: forms('canal', 'canales'),
	},
	input: {
		en: forms('input', 'inputs'),
		es: forms('entrada', 'entradas'),
	},
	output: {
		en: forms('output', 'outputs'),
		es: forms('salida', 'salidas'),
	},
	window: {
		en: forms('window', 'windows'),
		es: forms('ventana', 'ventanas'),
	},
	cell: {
		en: forms('cell', 'cells'),
		es: forms('celda', 'celdas'),
		avoid: { es: ['casilla'] },
	},
	value: {
		en: forms('value', 'values'),
		es: forms('valor', 'valores'),
	},
	step: {
		en: forms('step', 'steps'),
		es: forms('paso', 'pasos'),
	},
	row: {
		en: forms('row', 'rows'),
		es: forms('fila', 'filas'),
	},
	column: {
		en: forms('column', 'columns'),
		es: forms('columna', 'columnas'),
	},
	weight: {
		en: forms('weight', 'weights'),
		es: forms('peso', 'pesos'),
	},
	bias: {
		en: forms('bias', 'biases'),
		es: forms('sesgo', 'sesgos'),
	},
	term: {
		en: forms('term', 'terms'),
		es: forms('término', 'términos'),
	},
	problem: {
		en: forms('problem', 'problems'),
		es: forms('problema', 'problemas'),
	},
	transposedConvolution: {
		en: forms('transposed convolution', 'transposed convolutions'),
		es: forms('convolución transpuesta', 'convoluciones transpuestas'),
		avoid: { es: ['deconvolución'] },
	},
	vault: {
		en: forms('vault', 'vaults'),
		es: forms('bóveda', 'bóvedas'),
		avoid: { es: ['vault '] },
	},
	wikiLink: {
		en: forms('wiki-link', 'wiki-links'),
		es: forms('wikienlace', 'wikienlaces'),
		avoid: { es: ['wiki-link'] },
	},
} satisfies Record<string, GlossaryEntry>;

/** A term of the glossary. */
export type TermId = keyof typeof glossary;

const entries: ReadonlyMap<string, GlossaryEntry> = new Map(Object.entries(glossary));

/** The glossary entry for `id`, or undefined for an unknown id (a Map: `constructor` finds nothing). */
export function glossaryEntry(id: string): GlossaryEntry | undefined {
	return entries.get(id);
}

/** The name of a term in `language`: the plural form when `plural`. */
export function termName(id: TermId, language: GlossaryLanguage, plural = false): string {
	const f = glossary[id][language];
	return plural ? f.other : f.one;
}
