/**
 * The strip of `input: "[[folder]]"`: one button per picture of the folder with what the model
 * receives (small), its prediction and probability, marked right or wrong when the picture's
 * subfolder names a class; a progress line while the pictures are classified, then the accuracy
 * over the pictures whose class is known. Clicking a picture shows it in the rest of the widget.
 */
import type { Component } from 'obsidian';
import { t } from '../../i18n';
import { resample, type InputShape } from '../../model/prepare-input';
import type { FolderListing } from '../../vault/folder-pictures';
import { listen } from '../shared/guard';
import { formatPercent, formatShare } from './classify-format';
import { HeatCanvas } from './classify-paint';

/** Largest side of a thumbnail, in pixels (what the model receives, shrunk). */
const THUMB_SIDE = 48;

/** The class index a subfolder's name gives among `labels`: the same name, else the same ignoring case and accents' encoding; null when none. */
export function classOfGroup(group: string | null, labels: readonly string[]): number | null {
	if (group === null) return null;
	const exact = labels.indexOf(group);
	if (exact >= 0) return exact;
	const fold = (s: string): string => s.normalize('NFC').toLocaleLowerCase().trim();
	const wanted = fold(group);
	const loose = labels.findIndex((l) => fold(l) === wanted);
	return loose >= 0 ? loose : null;
}

/** One picture's button and what it shows. */
interface Item {
	button: HTMLButtonElement;
	thumb: HTMLElement;
	caption: HTMLElement;
	percent: HTMLElement;
	truth: number | null;
	predicted: number | null;
}

/** The folder's strip, its progress and accuracy lines. */
export class FolderStrip {
	readonly el: HTMLElement;
	private readonly items: Item[] = [];
	private readonly progress: HTMLElement;
	private readonly accuracy: HTMLElement;
	private readonly skippedLine: HTMLElement;
	private readonly skipped: string[] = [];

	constructor(parent: HTMLElement, owner: Component, readonly listing: FolderListing, private readonly labels: readonly string[], onPick: (index: number) => void) {
		this.el = parent.createDiv({ cls: 'cnn-classify-folder', attr: { 'data-state': 'running', 'data-count': listing.pictures.length } });
		this.el.createDiv({ cls: 'cnn-figure-label', text: t('classify.folder.title', { folder: listing.path, count: listing.total }) });
		if (listing.total > listing.pictures.length) {
			this.el.createDiv({ cls: 'cnn-caption cnn-classify-folder-capped', text: t('classify.folder.capped', { shown: listing.pictures.length, count: listing.total }) });
		}
		this.progress = this.el.createDiv({ cls: 'cnn-caption cnn-classify-folder-progress', attr: { role: 'status' } });
		const strip = this.el.createDiv({ cls: 'cnn-classify-folder-strip' });
		listing.pictures.forEach((picture, i) => {
			const truth = classOfGroup(picture.group, labels);
			const button = strip.createEl('button', {
				cls: 'cnn-classify-folder-item',
				attr: { type: 'button', 'aria-pressed': 'false', 'aria-label': picture.file.path, title: picture.file.path, 'data-action': 'pick', 'data-index': i, 'data-file': picture.file.path },
			});
			if (truth !== null) button.setAttr('data-truth', labels[truth] ?? '');
			const thumb = button.createDiv({ cls: 'cnn-classify-folder-thumb' });
			const caption = button.createDiv({ cls: 'cnn-classify-folder-caption', text: '…' });
			const percent = button.createDiv({ cls: 'cnn-classify-folder-percent' });
			listen(owner, button, 'click', () => onPick(i));
			this.items.push({ button, thumb, caption, percent, truth, predicted: null });
		});
		this.accuracy = this.el.createDiv({ cls: 'cnn-caption cnn-classify-accuracy' });
		this.skippedLine = this.el.createDiv({ cls: 'cnn-caption cnn-classify-folder-skipped is-hidden' });
		this.setProgress(0);
	}

	/** "Classifying 16 of 40 pictures…". */
	setProgress(done: number): void {
		this.progress.setText(t('classify.folder.progress', { done, count: this.items.length }));
	}

	/**
	 * Shows picture `index`: what the model received (`view`, 0..1, of `shape`), its probabilities,
	 * and, when the prediction should not be trusted (doubt.ts), a mark and the reason in its label.
	 */
	setResult(index: number, view: Float32Array, shape: InputShape, probabilities: Float32Array, doubt: { kind: string; why: string } | null = null): void {
		const item = this.items[index];
		if (!item) return;
		const [h, w, c] = shape;
		const scale = Math.min(1, THUMB_SIDE / Math.max(h, w));
		const th = Math.max(1, Math.round(h * scale));
		const tw = Math.max(1, Math.round(w * scale));
		const small = scale < 1 ? resample({ width: w, height: h, channels: c, data: view }, { x: 0, y: 0, w, h }, tw, th) : view;
		item.thumb.empty();
		new HeatCanvas(item.thumb, th, tw, 'cnn-classify-folder-canvas').paintPicture(small, c);
		let best = 0;
		for (let k = 1; k < probabilities.length; k++) if ((probabilities[k] ?? 0) > (probabilities[best] ?? 0)) best = k;
		item.predicted = best;
		const label = this.labels[best] ?? String(best);
		const percent = formatPercent(probabilities[best] ?? 0);
		item.caption.setText(label);
		item.percent.setText(percent);
		item.button.setAttrs({ 'data-prediction': label, 'data-confidence': String(probabilities[best] ?? 0) });
		item.button.toggleClass('is-doubtful', doubt !== null);
		if (doubt) {
			item.button.setAttr('data-doubt', doubt.kind);
			item.button.setAttr('title', `${this.pathOf(index)}\n${doubt.why}`);
		} else item.button.removeAttribute('data-doubt');
		if (item.truth !== null) {
			const right = item.truth === best;
			item.button.toggleClass('is-right', right);
			item.button.toggleClass('is-wrong', !right);
			item.button.setAttr('data-correct', String(right));
			item.button.setAttr('aria-label', t(right ? 'classify.folder.itemRight' : 'classify.folder.itemWrong', { file: this.pathOf(index), label, percent, truth: this.labels[item.truth] ?? '' }));
		} else {
			item.button.setAttr('aria-label', t('classify.folder.item', { file: this.pathOf(index), label, percent }));
		}
		if (doubt) item.button.setAttr('aria-label', `${item.button.getAttribute('aria-label') ?? ''}. ${doubt.why}`);
	}

	/** Marks picture `index` as unreadable (it is listed under the strip, not classified). */
	setFailed(index: number): void {
		const item = this.items[index];
		if (!item) return;
		item.button.addClass('is-failed');
		item.button.disabled = true;
		item.caption.setText(t('classify.folder.unreadable'));
		this.skipped.push(this.pathOf(index));
		this.skippedLine.removeClass('is-hidden');
		this.skippedLine.setText(t('classify.folder.skipped', { count: this.skipped.length, files: this.skipped.join(', ') }));
	}

	/** Marks picture `index` as blank: read, but with nothing to classify (no ink for the digits model). */
	setBlank(index: number): void {
		const item = this.items[index];
		if (!item) return;
		item.button.addClass('is-blank');
		item.caption.setText(t('classify.folder.blank'));
	}

	/** Everything is classified: the accuracy line (or why there is none). */
	finish(): void {
		this.progress.addClass('is-hidden');
		this.el.setAttr('data-state', 'done');
		if (this.items.length === 0) {
			this.accuracy.setText(t('classify.folder.empty', { folder: this.listing.path }));
			this.el.removeAttribute('data-accuracy');
			return;
		}
		const known = this.items.filter((i) => i.truth !== null && i.predicted !== null);
		if (known.length === 0) {
			this.accuracy.setText(t('classify.folder.noTruth'));
			this.el.removeAttribute('data-accuracy');
			return;
		}
		const right = known.filter((i) => i.truth === i.predicted).length;
		const share = right / known.length;
		this.el.setAttr('data-accuracy', String(share));
		this.accuracy.setText(t('classify.folder.accuracy', { right, count: known.length, percent: formatShare(share) }));
	}

	/** Marks picture `index` as the one shown below. */
	select(index: number): void {
		this.items.forEach((item, i) => {
			item.button.toggleClass('is-selected', i === index);
			item.button.setAttr('aria-pressed', i === index ? 'true' : 'false');
		});
	}

	private pathOf(index: number): string {
		return this.listing.pictures[index]?.file.path ?? '';
	}
}
