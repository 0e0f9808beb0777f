import type { Problem } from '../../blocks/types';
import { t } from '../../i18n';

/** Replaces the block's content with a translated list of its problems. */
export function renderErrorBox(el: HTMLElement, errors: readonly Problem[]): HTMLElement {
	el.empty();
	const box = el.createDiv({ cls: 'cnn-notes-error', attr: { role: 'alert' } });
	box.createDiv({
		cls: 'cnn-notes-error-title',
		text: errors.length === 1 ? t('error.title') : t('error.titleMany', { count: errors.length }),
	});
	const list = box.createEl('ul');
	for (const error of errors) {
		const item = list.createEl('li');
		const where: string[] = [];
		if (error.line !== undefined) where.push(t('error.line', { line: error.line }));
		if (error.key !== undefined) where.push(t('error.key', { key: error.key }));
		if (where.length > 0) item.createSpan({ cls: 'cnn-notes-error-where', text: `${where.join(' · ')}: ` });
		item.createSpan({ text: t(error.code, error.vars) });
		if (error.allowed !== undefined) item.createSpan({ cls: 'cnn-notes-error-hint', text: ` ${t('error.allowed', { allowed: error.allowed })}` });
		if (error.suggestion !== undefined) {
			item.createSpan({ cls: 'cnn-notes-error-hint', text: ` ${t('error.didYouMean', { suggestion: error.suggestion })}` });
		}
	}
	return box;
}
