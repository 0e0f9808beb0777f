/**
 * Hand-made pen strokes of the digits 0-9 (assets/digits/strokes.json, shared with the browser
 * tests): points [x0, y0, x1, y1, ...] in pad units, (0, 0) top-left, like a person draws them.
 */
import strokes from '../../../assets/digits/strokes.json';

/** Strokes of each digit 0-9. */
export const DIGIT_STROKES: Record<string, number[][]> = strokes.strokes;
