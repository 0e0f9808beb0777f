/** Messages of saving a trained model into the vault (src/train/save-model.ts), English and Spanish: same keys. */
export const en = {
	'train.error.savePath': 'save must name a folder inside the {term:vault}, such as "[[Models/my-digits]]"; {path} is not one.',
	'train.error.saveIsFile': '“{path}” is a file, not a folder: save needs a folder for model.json, weights.bin and metadata.json.',
	'train.error.saveIsFolder': '“{path}” is a folder: the model’s file cannot be written there.',
	'train.error.saveFailed': 'The model could not be saved: writing “{path}” failed ({reason}). Is the {term:vault} read-only?',
	'train.error.saveReadOld': 'The model was not saved: “{path}”, a file of the model it replaces, could not be read ({reason}). The old files are read first so that a failed save can put them back; nothing was written.',
} as const;

/** Spanish. */
export const es: Record<keyof typeof en, string> = {
	'train.error.savePath': 'save debe nombrar una carpeta dentro de la {term:vault}, como "[[Modelos/mis-digitos]]"; {path} no lo es.',
	'train.error.saveIsFile': '«{path}» es un archivo, no una carpeta: save necesita una carpeta para model.json, weights.bin y metadata.json.',
	'train.error.saveIsFolder': '«{path}» es una carpeta: no se puede escribir ahí el archivo del modelo.',
	'train.error.saveFailed': 'No se pudo guardar el modelo: falló la escritura de «{path}» ({reason}). ¿Es la {term:vault} de solo lectura?',
	'train.error.saveReadOld': 'No se guardó el modelo: no se pudo leer «{path}», un archivo del modelo que reemplaza ({reason}). Los archivos antiguos se leen antes para que un guardado fallido pueda restaurarlos; no se escribió nada.',
};
