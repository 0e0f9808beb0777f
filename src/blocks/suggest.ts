/** "Did you mean ...?": the closest known word to a misspelled key, preset or value. */

/**
 * Words a student may write for a key (Spanish course vocabulary, and the obvious English
 * variants), mapped to the keys they may mean, best first: the first one the block knows is the
 * suggestion (`imagen` is `image` in conv and pool, `input` in classify, whose input takes a link).
 * Only used for suggestions: the blocks accept the English keys alone.
 */
const KEY_ALIASES: ReadonlyMap<string, readonly string[]> = new Map<string, readonly string[]>([
	['entrada', ['input']],
	['matriz', ['input']],
	['imagen', ['image', 'input']],
	['img', ['image', 'input']],
	['picture', ['image', 'input']],
	['foto', ['image', 'input']],
	['photo', ['image', 'input']],
	['fotografia', ['image', 'input']],
	['fotografía', ['image', 'input']],
	['dibujo', ['input']],
	['muestra', ['sample', 'input']],
	['ejemplo', ['sample', 'input']],
	['canales', ['channels']],
	['canal', ['channels']],
	['filtro', ['kernel']],
	['nucleo', ['kernel']],
	['núcleo', ['kernel']],
	['pesos', ['kernel']],
	['weights', ['kernel']],
	['filtros', ['filters']],
	['kernels', ['filters']],
	['sesgo', ['bias']],
	['sesgos', ['bias']],
	['paso', ['stride']],
	['pasos', ['stride']],
	['desplazamiento', ['stride']],
	['strides', ['stride']],
	['relleno', ['padding']],
	['pad', ['padding']],
	['dilatacion', ['dilation']],
	['dilatación', ['dilation']],
	['dilation_rate', ['dilation']],
	['voltear', ['flip']],
	['girar', ['flip']],
	['rotar', ['flip']],
	['activacion', ['activation']],
	['activación', ['activation']],
	['funcion', ['activation']],
	['función', ['activation']],
	['transpuesta', ['transpose']],
	['transpuesto', ['transpose']],
	['transposed', ['transpose']],
	['pooling', ['pool', 'type']],
	['agrupacion', ['pool', 'type']],
	['agrupación', ['pool', 'type']],
	['submuestreo', ['pool', 'type']],
	['tipo', ['type']],
	['mode', ['type']],
	['modo', ['type']],
	['tamaño', ['size']],
	['tamano', ['size']],
	['ventana', ['size']],
	['window', ['size']],
	['pool_size', ['size']],
	['kernel_size', ['size']],
	['modelo', ['model']],
	['red', ['model']],
	['network', ['model']],
	['mostrar', ['show']],
	['ver', ['show']],
]);

/** Words a student may write for a value (pooling type, padding mode), mapped to the value they mean. */
const VALUE_ALIASES: ReadonlyMap<string, string> = aliases({
	average: 'avg',
	mean: 'avg',
	media: 'avg',
	promedio: 'avg',
	maximum: 'max',
	maximo: 'max',
	máximo: 'max',
	minimum: 'min',
	minimo: 'min',
	mínimo: 'min',
	none: 'valid',
	ninguno: 'valid',
	igual: 'same',
	mismo: 'same',
	'mismo-tamaño': 'same',
	completo: 'full',
});

/** A word table as a Map: a looked-up word such as `constructor` finds nothing inherited. */
function aliases(table: Record<string, string>): ReadonlyMap<string, string> {
	return new Map(Object.entries(table));
}

/** Words longer than this get no suggestion: no key, preset or value is that long, and comparing stays cheap. */
const MAX_SUGGEST_LENGTH = 40;

/** Optimal-string-alignment distance: insertions, deletions, substitutions and swaps of neighbours cost 1. */
export function editDistance(a: string, b: string): number {
	const rows = a.length + 1;
	const cols = b.length + 1;
	const d = new Array<number>(rows * cols).fill(0);
	for (let i = 0; i < rows; i++) d[i * cols] = i;
	for (let j = 0; j < cols; j++) d[j] = j;
	for (let i = 1; i < rows; i++) {
		for (let j = 1; j < cols; j++) {
			const cost = a[i - 1] === b[j - 1] ? 0 : 1;
			let best = Math.min((d[(i - 1) * cols + j] ?? 0) + 1, (d[i * cols + j - 1] ?? 0) + 1, (d[(i - 1) * cols + j - 1] ?? 0) + cost);
			if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
				best = Math.min(best, (d[(i - 2) * cols + j - 2] ?? 0) + 1);
			}
			d[i * cols + j] = best;
		}
	}
	return d[rows * cols - 1] ?? 0;
}

/** Normalises a word for comparison: lower case, `_` and spaces as `-`. */
function normalise(word: string): string {
	return word.trim().toLowerCase().replace(/[\s_]+/g, '-');
}

/**
 * The candidate closest to `word`, or undefined when none is close: at most 1 edit for words
 * of up to 4 letters, 2 for longer ones; a candidate that starts with the word (or the other
 * way round, from 3 letters on) also counts, e.g. `gaussian` -> `gaussian-blur`; so do the
 * usual synonyms of a value (`average` -> `avg`, `promedio` -> `avg`).
 */
export function closest(word: string, candidates: readonly string[]): string | undefined {
	if (word.length > MAX_SUGGEST_LENGTH) return undefined;
	const w = normalise(word);
	if (w === '') return undefined;
	const alias = VALUE_ALIASES.get(w);
	if (alias !== undefined && candidates.includes(alias)) return alias;
	let best: string | undefined;
	let bestDistance = Infinity;
	for (const candidate of candidates) {
		const c = normalise(candidate);
		let distance = editDistance(w, c);
		if (distance > 0 && Math.min(w.length, c.length) >= 3 && (c.startsWith(w) || w.startsWith(c))) distance = Math.min(distance, 1.5);
		if (distance < bestDistance) {
			best = candidate;
			bestDistance = distance;
		}
	}
	const limit = w.length <= 4 ? 1.5 : 2;
	return bestDistance <= limit ? best : undefined;
}

/** The known key a misspelled or translated `key` probably means, or undefined. */
export function suggestKey(key: string, known: readonly string[]): string | undefined {
	if (key.length > MAX_SUGGEST_LENGTH) return undefined;
	const meant = KEY_ALIASES.get(normalise(key).replace(/-/g, '_'))?.find((k) => known.includes(k));
	if (meant !== undefined) return meant;
	return closest(key, known);
}
