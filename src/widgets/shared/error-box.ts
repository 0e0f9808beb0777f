import type { Problem } from '../../blocks/types';
import { clip, t } from '../../i18n';

/** Stands for the key name in a message until it becomes a `<code>` element. */
const KEY_MARK = '\u0000';

/** Appends `text`, its KEY_MARK (if any) replaced by `key` in a `<code>` element, described when `description` is given. */
function appendKeyText(parent: HTMLElement, text: string, key: string, description?: { text: string; aloud: boolean }): void {
	const [before = '', after] = text.split(KEY_MARK);
	parent.appendText(before);
	if (after === undefined) return;
	const code = parent.createEl('code', { cls: 'cnn-notes-error-key', text: key });
	if (description) code.setAttr('title', description.text);
	if (description?.aloud) code.setAttr('aria-description', description.text);
	parent.appendText(after);
}

/**
 * Replaces the block's content with a translated list of its problems. A key with a description
 * (keyDoc) is explained on a line under its first problem; its name carries the description on
 * hover, and for screen readers where that line is not repeated.
 */
export function renderErrorBox(el: HTMLElement, errors: readonly Problem[]): HTMLElement {
	el.empty();
	const box = el.createDiv({ cls: 'cnn-notes-error', attr: { role: 'alert' } });
	box.createDiv({
		cls: 'cnn-notes-error-title',
		text: errors.length === 1 ? t('error.title') : t('error.titleMany', { count: errors.length }),
	});
	const list = box.createEl('ul');
	const explained = new Set<string>();
	for (const error of errors) {
		const item = list.createEl('li');
		const doc = error.keyDoc && { key: error.keyDoc.key, text: t(error.keyDoc.description), first: !explained.has(error.keyDoc.key) };
		if (doc) explained.add(doc.key);
		const where: string[] = [];
		if (error.line !== undefined) where.push(t('error.line', { line: error.line }));
		if (error.key !== undefined) where.push(t('error.key', { key: KEY_MARK }));
		const keyDescription = doc && doc.key === error.key ? { text: doc.text, aloud: !doc.first } : undefined;
		if (where.length > 0) appendKeyText(item.createSpan({ cls: 'cnn-notes-error-where' }), `${where.join(' · ')}: `, error.key ?? '', keyDescription);
		item.createSpan({ text: t(error.code, error.vars) });
		if (error.allowed !== undefined) item.createSpan({ cls: 'cnn-notes-error-hint', text: ` ${t('error.allowed', { allowed: error.allowed })}` });
		if (error.suggestion !== undefined) {
			item.createSpan({ cls: 'cnn-notes-error-hint', text: ` ${t('error.didYouMean', { suggestion: error.suggestion })}` });
		}
		if (error.detail !== undefined) renderDetail(item, error.detail, error.source);
		if (doc?.first) appendKeyText(item.createDiv({ cls: 'cnn-notes-error-doc' }), t('error.keyDoc', { key: KEY_MARK, description: doc.text }), doc.key);
	}
	return box;
}

/** Characters of a technical detail shown (enough for an error message, bounded for a pasted megabyte). */
const MAX_DETAIL = 300;

/** Lines of the block's source shown with an unexpected problem. */
const EXCERPT_LINES = 8;

/**
 * The technical message of an unexpected problem and the start of the block's source, folded away
 * (a closed `<details>`): for reporting it, never as the explanation.
 */
function renderDetail(parent: HTMLElement, detail: string, source: string | undefined): void {
	const details = parent.createEl('details', { cls: 'cnn-notes-error-detail' });
	details.createEl('summary', { text: t('error.detail') });
	details.createEl('code', { text: detail.length > MAX_DETAIL ? `${detail.slice(0, MAX_DETAIL - 1)}…` : detail });
	if (source === undefined || source.trim() === '') return;
	const lines = source.split('\n', EXCERPT_LINES + 1);
	const excerpt = lines.slice(0, EXCERPT_LINES).map((line) => clip(line));
	if (lines.length > EXCERPT_LINES) excerpt.push('…');
	details.createEl('pre', { text: excerpt.join('\n') });
}
