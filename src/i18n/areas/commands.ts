/** Messages of the commands feature, English and Spanish: same keys. */
export const en = {} as const;

/** Spanish. */
export const es: Record<keyof typeof en, string> = {};
