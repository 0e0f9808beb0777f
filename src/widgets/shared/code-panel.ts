import { t } from '../../i18n';
import type { GeneratedCode } from '../conv/conv-code';

/** A collapsed "The same in code" panel with the PyTorch and Keras snippets and notes; returns its body for fillCodePanel. */
export function renderCodePanel(parent: HTMLElement, code: GeneratedCode): HTMLElement {
	const details = parent.createEl('details', { cls: 'cnn-code' });
	details.createEl('summary', { text: t('widget.code.title') });
	const body = details.createDiv({ cls: 'cnn-code-body' });
	fillCodePanel(body, code);
	return body;
}

/** Writes the snippets and notes into `body` (emptied first), for a panel that updates in place. */
export function fillCodePanel(body: HTMLElement, code: GeneratedCode): void {
	body.empty();
	for (const [title, text] of [
		[t('widget.code.pytorch'), code.pytorch],
		[t('widget.code.keras'), code.keras],
	] as const) {
		body.createDiv({ cls: 'cnn-code-title', text: title });
		body.createEl('pre').createEl('code', { text, cls: 'language-python' });
	}
	for (const note of code.notes) body.createDiv({ cls: 'cnn-note', text: t(note) });
}
