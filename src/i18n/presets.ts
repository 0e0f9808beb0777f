import type { GlossaryLanguage } from './glossary';

/**
 * Spanish names of the kernel presets. The block syntax keeps the English ids (`kernel: sobel-x`);
 * the Spanish UI shows "Sobel horizontal (sobel-x)", the id as the hint of what to write.
 */
const SPANISH_PRESET_NAMES: ReadonlyMap<string, string> = new Map([
	['identity', 'Identidad'],
	['box-blur', 'Desenfoque de caja'],
	['gaussian-blur', 'Desenfoque gaussiano'],
	['gaussian-blur-5x5', 'Desenfoque gaussiano 5x5'],
	['sharpen', 'Enfoque'],
	['sobel-x', 'Sobel horizontal'],
	['sobel-y', 'Sobel vertical'],
	['prewitt-x', 'Prewitt horizontal'],
	['prewitt-y', 'Prewitt vertical'],
	['scharr-x', 'Scharr horizontal'],
	['scharr-y', 'Scharr vertical'],
	['laplacian', 'Laplaciano'],
	['ridge', 'Crestas'],
	['edge-detect', 'Detector de bordes'],
	['outline', 'Contorno'],
	['emboss', 'Relieve'],
	['horizontal-lines', 'Líneas horizontales'],
	['vertical-lines', 'Líneas verticales'],
]);

/** The preset names translated into `language`, by preset id (English needs none: the id is its name). */
export function presetNames(language: GlossaryLanguage): ReadonlyMap<string, string> {
	return language === 'es' ? SPANISH_PRESET_NAMES : new Map();
}

/** How the UI names preset `id` in `language`: "Sobel horizontal (sobel-x)" in Spanish, the id itself in English or when untranslated. */
export function presetLabel(id: string, language: GlossaryLanguage): string {
	const name = presetNames(language).get(id);
	return name === undefined ? id : `${name} (${id})`;
}
