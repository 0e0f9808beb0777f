/** Messages of the menu feature, English and Spanish: same keys. */
export const en = {} as const;

/** Spanish. */
export const es: Record<keyof typeof en, string> = {};
