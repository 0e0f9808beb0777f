import { t } from '../../i18n';

/**
 * Whether the reader points with a finger: Obsidian mobile marks the body with `is-mobile`, and a
 * browser with only a coarse pointer matches `(pointer: coarse)`. Read at render, so a hint can
 * speak of tapping instead of the mouse. `doc` is the block's document (a popout window's own).
 */
export function isCoarsePointer(doc: Document): boolean {
	if (doc.body?.classList.contains('is-mobile')) return true;
	const view = doc.defaultView;
	return !!view && typeof view.matchMedia === 'function' && view.matchMedia('(pointer: coarse)').matches;
}

/** The hint under a widget's outputs: tap on a touch screen, hover / focus and arrow keys otherwise. */
export function explainHint(el: HTMLElement): string {
	return t(isCoarsePointer(el.ownerDocument) ? 'widget.explain.hintTouch' : 'widget.explain.hint');
}
