/**
 * The one range of the numbers a student writes (inputs, kernel weights, bias): |v| <= VALUE_LIMIT.
 * Within it every sum the widgets compute stays finite in float32: a 15x15x3 kernel (675 taps) of
 * weights 1e6 on inputs 1e6 sums to at most 6.75e14, far below float32's 3.4e38.
 */
export const VALUE_LIMIT = 1e6;

/** True when v is a finite number within [-VALUE_LIMIT, VALUE_LIMIT]. */
export function withinValueLimit(v: number): boolean {
	return Number.isFinite(v) && Math.abs(v) <= VALUE_LIMIT;
}
