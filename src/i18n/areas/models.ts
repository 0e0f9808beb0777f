/** Messages of models read from the vault and built by the model engine (src/model), English and Spanish: same keys. */
export const en = {
	'classify.error.graphModel':
		'“{file}” is a TensorFlow.js graph model; CNN Notes reads Layers models only. Save one from Keras with `tensorflowjs_converter --input_format keras --output_format tfjs_layers_model model.h5 out/`, or in TensorFlow.js with `model.save(...)`.',
	'classify.error.weightsSize': 'The weight files of “{file}” hold {found} bytes, but its model.json lists {expected}: a file is truncated or belongs to another model. Copy the model’s files again.',
	'classify.error.weightType': '“{file}” stores the weight {weight} as {dtype}; CNN Notes reads float32 weights only. Save the model without quantization or float16.',
	'classify.error.tooLarge': 'The model “{file}” has {size} MB of weights, more than the {limit} MB a note can load.',
	'classify.error.inputCount': 'The model “{model}” takes {count} inputs; a classifier here takes one picture.',
	'classify.error.classCount': 'The model “{model}” outputs {count} scores; a classifier here has from {min} to {max} classes.',
	'classify.error.layerType': 'The model “{model}” uses layers that TensorFlow.js cannot build: {layers}. Replace them with standard Keras layers, or export the model without them.',
	'classify.error.pixelCount': 'The picture given to the model “{model}” has {received} values, but the model takes {expected}.',
} as const;

/** Spanish, built when first asked for (an English vault never parses it: see src/i18n/index.ts). */
export function es(): Record<keyof typeof en, string> {
	return {
		'classify.error.graphModel':
			'«{file}» es un modelo de grafo de TensorFlow.js; CNN Notes solo lee modelos Layers. Guarda uno desde Keras con `tensorflowjs_converter --input_format keras --output_format tfjs_layers_model model.h5 out/`, o en TensorFlow.js con `model.save(...)`.',
		'classify.error.weightsSize': 'Los archivos de pesos de «{file}» tienen {found} bytes, pero su model.json indica {expected}: un archivo está cortado o es de otro modelo. Vuelve a copiar los archivos del modelo.',
		'classify.error.weightType': '«{file}» guarda el peso {weight} como {dtype}; CNN Notes solo lee pesos float32. Guarda el modelo sin cuantización ni float16.',
		'classify.error.tooLarge': 'El modelo «{file}» tiene {size} MB de pesos, más de los {limit} MB que puede cargar una nota.',
		'classify.error.inputCount': 'El modelo «{model}» recibe {count} entradas; aquí un clasificador recibe una sola imagen.',
		'classify.error.classCount': 'El modelo «{model}» devuelve {count} puntuaciones; aquí un clasificador tiene de {min} a {max} clases.',
		'classify.error.layerType': 'El modelo «{model}» usa capas que TensorFlow.js no sabe construir: {layers}. Sustitúyelas por capas estándar de Keras, o exporta el modelo sin ellas.',
		'classify.error.pixelCount': 'La imagen que recibe el modelo «{model}» tiene {received} valores, pero el modelo recibe {expected}.',
	};
}
