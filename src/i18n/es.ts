import type { MessageKey } from './en';

/** Spanish messages, same keys as English. */
export const es: Record<MessageKey, string> = {
	'widget.input': 'Entrada',
	'widget.kernel': 'Kernel',
	'widget.filter': 'Filtro {index}',
	'widget.output': 'Salida',
	'widget.outputMap': 'Mapa de salida {index}',
	'widget.shape': 'Forma {shape}',
	'widget.bias': 'Sesgo {value}',
	'widget.conv.summary': 'Paso (stride) {stride}, relleno (padding) {padding}, dilatación {dilation}',
	'widget.conv.flip': 'Convolución verdadera: el kernel se gira 180° antes de deslizarse.',
	'widget.conv.noFlip': 'Correlación cruzada (lo que las bibliotecas de CNN llaman convolución): el kernel se desliza tal como está escrito.',
	'widget.pool.summary': 'Pooling {type}, ventana {size}, paso {stride}, relleno {padding}',
	'widget.pool.max': 'máximo',
	'widget.pool.avg': 'promedio',
	'widget.pool.min': 'mínimo',
	'widget.grid.label': '{name}, {rows} por {cols}',
	'widget.cell.label': 'Fila {row}, columna {col}: {value}',

	'error.title': 'Este bloque tiene un problema',
	'error.titleMany': 'Este bloque tiene {count} problemas',
	'error.line': 'Línea {line}',
	'error.key': 'Clave «{key}»',
	'error.didYouMean': '¿Quisiste decir «{suggestion}»?',
	'error.allowed': 'Permitido: {allowed}.',
	'error.unexpected': 'Algo falló al dibujar este bloque: {message}',
};
