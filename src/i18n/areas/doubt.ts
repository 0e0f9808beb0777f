/** Messages of the line that says when a prediction should not be trusted (src/model/doubt.ts), English and Spanish: same keys. */
export const en = {
	'doubt.unsure': 'The model is unsure: its best guess, {label}, has only {percent} %.',
	'doubt.tie': 'The model is unsure: {first} and {second} are almost tied.',
	'doubt.unlikeDigits': 'This model only knows the digits 0-9; this picture does not look like a handwritten digit ({why}), so the answer means little.',
	'doubt.unlike.blank': 'it is almost empty',
	'doubt.unlike.photo': 'it looks like a photograph',
	'doubt.unlike.thin': 'its lines are much thinner than pen strokes, as in a plot or in text',
	'doubt.unlike.thick': 'it is a filled shape, not pen strokes',
	'doubt.unlike.wide': 'it is much wider than tall',
	'doubt.unlike.coverage': 'ink covers too much of it',
	'doubt.unlike.strokes': 'it is made of many separate pieces',
	'doubt.unlike.contrast': 'its ink is faint or blurred',
} as const;

/** Spanish, built when first asked for (an English vault never parses it: see src/i18n/index.ts). */
export function es(): Record<keyof typeof en, string> {
	return {
		'doubt.unsure': 'El modelo no está seguro: su mejor opción, {label}, solo tiene un {percent} %.',
		'doubt.tie': 'El modelo no está seguro: {first} y {second} están casi empatados.',
		'doubt.unlikeDigits': 'Este modelo solo conoce los dígitos del 0 al 9; esta imagen no parece un dígito escrito a mano ({why}), así que la respuesta significa poco.',
		'doubt.unlike.blank': 'está casi vacía',
		'doubt.unlike.photo': 'parece una fotografía',
		'doubt.unlike.thin': 'sus líneas son mucho más finas que un trazo de bolígrafo, como en una gráfica o en un texto',
		'doubt.unlike.thick': 'es una figura rellena, no trazos de bolígrafo',
		'doubt.unlike.wide': 'es mucho más ancha que alta',
		'doubt.unlike.coverage': 'la tinta ocupa casi todo el espacio',
		'doubt.unlike.strokes': 'está formada por muchos trozos separados',
		'doubt.unlike.contrast': 'su tinta es tenue o borrosa',
	};
}
