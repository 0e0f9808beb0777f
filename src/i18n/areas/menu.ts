/** Messages of the widget menu (src/widgets/shared/widget-menu.ts, src/vault/save-image.ts), English and Spanish: same keys. */
export const en = {
	'menu.button': 'Widget menu',
	'menu.copyBlock': 'Copy block',
	'menu.copyImage': 'Copy as image',
	'menu.saveImage': 'Save as image to {term:vault}',
	'menu.copied': 'Copied',
	'menu.copyFailed': 'Could not copy to the clipboard.',
	'menu.imageCopied': 'Image copied',
	'menu.imageRefused': 'The clipboard does not accept images here.',
	'menu.imageFailed': 'Could not make an image of this widget.',
	'menu.saved': 'Saved as {path}',
	'menu.saveFailed': 'Could not save the image into the {term:vault}: {path} is read-only or cannot be written.',
	'menu.writeFailed': 'Could not save the image into the {term:vault} as {path}.',
	'menu.openFailed': 'Could not open {path}.',
	'menu.noNote': 'This widget is not in a note of the {term:vault}: there is nowhere to save it.',
} as const;

/** Spanish, built when first asked for (an English vault never parses it: see src/i18n/index.ts). */
export function es(): Record<keyof typeof en, string> {
	return {
		'menu.button': 'Menú del widget',
		'menu.copyBlock': 'Copiar bloque',
		'menu.copyImage': 'Copiar como imagen',
		'menu.saveImage': 'Guardar como imagen en la {term:vault}',
		'menu.copied': 'Copiado',
		'menu.copyFailed': 'No se pudo copiar al portapapeles.',
		'menu.imageCopied': 'Imagen copiada',
		'menu.imageRefused': 'El portapapeles no acepta imágenes aquí.',
		'menu.imageFailed': 'No se pudo hacer una imagen de este widget.',
		'menu.saved': 'Guardada como {path}',
		'menu.saveFailed': 'No se pudo guardar la imagen en la {term:vault}: {path} es de solo lectura o no se puede escribir.',
		'menu.writeFailed': 'No se pudo guardar la imagen en la {term:vault} como {path}.',
		'menu.openFailed': 'No se pudo abrir {path}.',
		'menu.noNote': 'Este widget no está en una nota de la {term:vault}: no hay dónde guardarlo.',
	};
}
