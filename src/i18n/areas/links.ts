/** Messages of the links feature, English and Spanish: same keys. */
export const en = {
	'links.confirm.title': 'Update links in CNN blocks',
	'links.confirm.body': 'Update {links|# link|# links} in CNN blocks in {notes|# note|# notes}?',
	'links.confirm.update': 'Update',
	'links.confirm.skip': 'Skip',
	'links.more': 'and {count} more',
	'links.updated': 'Updated {links|# link|# links} in {blocks|# CNN block|# CNN blocks} of {notes|# note|# notes}.',
	'links.skipped': '{count|# link|# links} to a moved file left as written: part of a longer text in its block, or a name a wiki-link cannot hold ([ ] # ^ |). Edit {count|it|them} by hand.',
	'links.failed': 'Could not update the links in CNN blocks of {count|# note|# notes} (read-only or gone): {notes}. Their blocks still name the old path.',
	'links.broken.command': 'Find CNN blocks with broken links',
	'links.broken.title': 'CNN blocks with broken links',
	'links.broken.summary': '{count|# link in CNN blocks leads|# links in CNN blocks lead} to no file of the {term:vault}. Select one to open its note at that line.',
	'links.broken.none': 'No CNN block has a broken link.',
	'links.broken.line': 'line {line}',
	'links.broken.failed': 'Could not look for broken links in CNN blocks. Your notes have not changed.',
} as const;

/** Spanish, built when first asked for (an English vault never parses it: see src/i18n/index.ts). */
export function es(): Record<keyof typeof en, string> {
	return {
		'links.confirm.title': 'Actualizar enlaces en bloques CNN',
		'links.confirm.body': '¿Actualizar {links|# enlace|# enlaces} en bloques CNN de {notes|# nota|# notas}?',
		'links.confirm.update': 'Actualizar',
		'links.confirm.skip': 'Omitir',
		'links.more': 'y {count} más',
		'links.updated': 'Se {links|actualizó # enlace|actualizaron # enlaces} en {blocks|# bloque CNN|# bloques CNN} de {notes|# nota|# notas}.',
		'links.skipped': '{count|# enlace|# enlaces} a un archivo movido {count|quedó|quedaron} como {count|estaba|estaban}: parte de un texto más largo de su bloque, o un nombre que un enlace wiki no puede contener ([ ] # ^ |). {count|Edítalo|Edítalos} a mano.',
		'links.failed': 'No se pudieron actualizar los enlaces de los bloques CNN de {count|# nota|# notas} (de solo lectura o ya no están): {notes}. Sus bloques siguen nombrando la ruta antigua.',
		'links.broken.command': 'Buscar bloques CNN con enlaces rotos',
		'links.broken.title': 'Bloques CNN con enlaces rotos',
		'links.broken.summary': '{count|# enlace|# enlaces} de bloques CNN no {count|lleva|llevan} a ningún archivo de la {term:vault}. Elige uno para abrir su nota en esa línea.',
		'links.broken.none': 'Ningún bloque CNN tiene enlaces rotos.',
		'links.broken.line': 'línea {line}',
		'links.broken.failed': 'No se pudo buscar enlaces rotos en los bloques CNN. Tus notas no han cambiado.',
	};
}
