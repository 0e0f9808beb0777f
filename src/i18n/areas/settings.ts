/** Messages of the settings tab (src/settings.ts), English and Spanish: same keys. */
export const en = {
	'settings.writeBack.name': 'Save widget edits into the note',
	'settings.writeBack.desc': 'What you change in a widget (kernel weights, a preset, a sample) is written back into its block. Off: edits stay on screen until the note closes.',
	'settings.maxPictureSide.name': 'Largest picture side',
	'settings.maxPictureSide.desc': 'Vault pictures are reduced to at most this many pixels a side (64-512) before the maths. Larger is sharper and slower.',
	'settings.animationSpeed.name': 'Animation speed',
	'settings.animationSpeed.desc': 'The step players start at this speed.',
	'settings.codeTab.name': 'Code shown first',
	'settings.codeTab.desc': 'Which library the “The same in code” panel shows first.',
	'settings.showFormulas.name': 'Show formulas',
	'settings.showFormulas.desc': 'The output-size formulas under each widget.',
	'settings.showCode.name': 'Show code',
	'settings.showCode.desc': 'The “The same in code” panel with PyTorch and Keras snippets.',
	'settings.saveFailed': 'The setting applies now, but it could not be saved and will be lost when Obsidian restarts. Details: {reason}',
	'image.note.regionDownscaled': 'The region is {height}x{width} pixels (height x width); it is shown reduced to {newHeight}x{newWidth} (at most {max} pixels per side, the “Largest picture side” setting).',
} as const;

/** Spanish, built when first asked for (an English vault never parses it: see src/i18n/index.ts). */
export function es(): Record<keyof typeof en, string> {
	return {
		'settings.writeBack.name': 'Guardar en la nota lo que cambias en los widgets',
		'settings.writeBack.desc': 'Lo que cambias en un widget (pesos del kernel, un preset, una muestra) se escribe en su bloque. Desactivado: los cambios se ven hasta que se cierra la nota.',
		'settings.maxPictureSide.name': 'Lado máximo de las imágenes',
		'settings.maxPictureSide.desc': 'Las imágenes de la bóveda se reducen a este número de píxeles por lado como mucho (64-512) antes de calcular. Más es más nítido y más lento.',
		'settings.animationSpeed.name': 'Velocidad de la animación',
		'settings.animationSpeed.desc': 'Los reproductores de pasos empiezan a esta velocidad.',
		'settings.codeTab.name': 'Código que se muestra primero',
		'settings.codeTab.desc': 'Qué biblioteca muestra primero el panel «Lo mismo en código».',
		'settings.showFormulas.name': 'Mostrar fórmulas',
		'settings.showFormulas.desc': 'Las fórmulas del tamaño de salida bajo cada widget.',
		'settings.showCode.name': 'Mostrar código',
		'settings.showCode.desc': 'El panel «Lo mismo en código» con fragmentos de PyTorch y Keras.',
		'settings.saveFailed': 'El ajuste se aplica ya, pero no se ha podido guardar y se perderá al reiniciar Obsidian. Detalles: {reason}',
		'image.note.regionDownscaled': 'La región mide {height}x{width} píxeles (alto x ancho); se muestra reducida a {newHeight}x{newWidth} (como máximo {max} píxeles por lado, el ajuste «Lado máximo de las imágenes»).',
	};
}
