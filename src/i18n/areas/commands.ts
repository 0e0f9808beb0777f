/** Messages of the commands feature, English and Spanish: same keys. */
export const en = {
	'commands.insertConv.name': 'Insert a convolution block',
	'commands.insertPool.name': 'Insert a pooling block',
	'commands.insertClassify.name': 'Insert a classification block',
	'commands.insertTrain.name': 'Insert a training block',
	'commands.example.conv': 'A 5x5 input and a 3x3 kernel: point at an output cell to see its sum.',
	'commands.example.convTry': 'Try stride: 2, padding: same or kernel: sobel-x.',
	'commands.example.pool': '{Term:maxPooling}, 2x2 window, stride 2: each output cell keeps the largest value of its window.',
	'commands.example.poolTry': 'Try type: avg or size: 3.',
	'commands.example.classify': 'Draw a digit from 0 to 9: the built-in model says which one it sees.',
	'commands.example.classifyTry': 'Try input: sample to pick one of the sample digits.',
	'commands.example.train': 'Press start: a small CNN learns the built-in digits, one epoch of 8,004 pictures.',
	'commands.example.trainTry': 'Try epochs: 3, or save: "[[models/my-digits]]" to keep the model.',
} as const;

/** Spanish, built when first asked for (an English vault never parses it: see src/i18n/index.ts). */
export function es(): Record<keyof typeof en, string> {
	return {
		'commands.insertConv.name': 'Insertar un bloque de convolución',
		'commands.insertPool.name': 'Insertar un bloque de pooling',
		'commands.insertClassify.name': 'Insertar un bloque de clasificación',
		'commands.insertTrain.name': 'Insertar un bloque de entrenamiento',
		'commands.example.conv': 'Una entrada de 5x5 y un kernel de 3x3: señala una celda de salida para ver su suma.',
		'commands.example.convTry': 'Prueba stride: 2, padding: same o kernel: sobel-x.',
		'commands.example.pool': '{Term:maxPooling}, ventana de 2x2, paso 2: cada celda de salida se queda con el mayor valor de su ventana.',
		'commands.example.poolTry': 'Prueba type: avg o size: 3.',
		'commands.example.classify': 'Dibuja un dígito del 0 al 9: el modelo incluido dice cuál ve.',
		'commands.example.classifyTry': 'Prueba input: sample para elegir uno de los dígitos de muestra.',
		'commands.example.train': 'Pulsa empezar: una CNN pequeña aprende los dígitos incluidos, una época de 8.004 imágenes.',
		'commands.example.trainTry': 'Prueba epochs: 3, o save: "[[modelos/mis-digitos]]" para guardar el modelo.',
	};
}
