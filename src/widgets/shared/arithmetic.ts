/**
 * The budget of written arithmetic: an explanation writes every term of a short sum (a 3x3 kernel,
 * a 4x4 window), and past MAX_WRITTEN_TERMS only the first SHOWN_TERMS, then "… and N more terms",
 * the result still exact. A global pooling of a 256x256 picture writes 12 numbers, not 65,536.
 */
import { t } from '../../i18n';

/** Most terms written in full; longer arithmetic is abbreviated. */
export const MAX_WRITTEN_TERMS = 16;
/** Terms written before "… and N more" when the arithmetic is abbreviated. */
export const SHOWN_TERMS = 12;

/** How many of `count` terms to write: all of them up to MAX_WRITTEN_TERMS, else SHOWN_TERMS. */
export function termsWritten(count: number): number {
	return count <= MAX_WRITTEN_TERMS ? count : SHOWN_TERMS;
}

/** "… and N more terms" (of a sum) or "… and N more values" (of a max or min), in the user's language; N written as the arithmetic around it writes numbers (digits only). */
export function moreTerms(count: number, kind: 'terms' | 'values'): string {
	return t(kind === 'terms' ? 'widget.explain.moreTerms' : 'widget.explain.moreValues', { count: String(count) });
}
