/** Text received from the user for a message, cut to 60 characters (with …) so a pasted megabyte stays one short line. No imports: the model worker uses it too. */
export function clip(text: string): string {
	return text.length > 60 ? `${text.slice(0, 59)}…` : text;
}
