/** Messages of the write-back feature, English and Spanish: same keys. */
export const en = {
	'writeBack.pending': 'Edits not saved yet (they are written into the note when you leave the widget).',
	'writeBack.saved': 'Edits saved into the note.',
	'writeBack.conflict': 'Edits not saved: the block changed in the note since it was shown. Your edits stay here; reset goes back to the saved values.',
	'writeBack.ambiguous': 'Edits not saved: another block with the same text is in the note, and which one this is cannot be told. Change the text of one of them to save.',
	'writeBack.failed': 'Edits not saved: “{note}” could not be written (is the file read-only?). Your edits stay here until the note closes.',
	'writeBack.invalid': 'Edits not saved: the block’s text cannot hold them without breaking.',
	'writeBack.nowhere': 'Edits are not saved here: this view cannot change the note. Open the note to save them.',
	'writeBack.nowhereGone': 'Widget edits not saved: the block in “{note}” could no longer be found when the widget closed.',
	'writeBack.deleted': 'Edits not saved: the note “{note}” was deleted.',
	'writeBack.off': 'Edits are not saved: saving widget edits into the note is off in the settings.',
	'writeBack.offShort': 'Edits here are not saved into the note (off in the settings).',
	'writeBack.reset': 'Reset',
	'writeBack.resetLabel': 'Reset to the values saved in the note',
} as const;

/** Spanish, built when first asked for (an English vault never parses it: see src/i18n/index.ts). */
export function es(): Record<keyof typeof en, string> {
	return {
		'writeBack.pending': 'Cambios aún no guardados (se escriben en la nota cuando sales del widget).',
		'writeBack.saved': 'Cambios guardados en la nota.',
		'writeBack.conflict': 'Cambios no guardados: el bloque cambió en la nota desde que se mostró. Tus cambios siguen aquí; restablecer vuelve a los valores guardados.',
		'writeBack.ambiguous': 'Cambios no guardados: en la nota hay otro bloque con el mismo texto y no se sabe cuál es este. Cambia el texto de uno de ellos para guardar.',
		'writeBack.failed': 'Cambios no guardados: no se pudo escribir «{note}» (¿es un archivo de solo lectura?). Tus cambios siguen aquí hasta que se cierre la nota.',
		'writeBack.invalid': 'Cambios no guardados: el texto del bloque no puede recogerlos sin romperse.',
		'writeBack.nowhere': 'Los cambios no se guardan aquí: esta vista no puede cambiar la nota. Abre la nota para guardarlos.',
		'writeBack.nowhereGone': 'Cambios del widget no guardados: al cerrarse el widget ya no se encontraba el bloque en «{note}».',
		'writeBack.deleted': 'Cambios no guardados: la nota «{note}» se eliminó.',
		'writeBack.off': 'Los cambios no se guardan: guardar en la nota lo que cambias en los widgets está desactivado en los ajustes.',
		'writeBack.offShort': 'Los cambios aquí no se guardan en la nota (desactivado en los ajustes).',
		'writeBack.reset': 'Restablecer',
		'writeBack.resetLabel': 'Volver a los valores guardados en la nota',
	};
}
