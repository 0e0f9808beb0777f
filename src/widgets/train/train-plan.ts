/**
 * What a `cnn-train` block shows before training: its data (the built-in digits, or a folder's
 * classes, counts and skipped pictures), its network as a table (every layer's output shape and
 * parameters, added layers marked, the total) and its settings.
 */
import type { TrainSpec } from '../../blocks/train-keys';
import { formatLocaleNumber, currentLanguage, t } from '../../i18n';
import { formatShare } from '../classify/classify-format';
import { shapeText, type Architecture, type PlannedLayer } from '../../train/architecture';
import type { Dataset } from '../../train/dataset';
import { DIGIT_CLASSES, DIGITS_INPUT } from '../../train/digits-set';

/** The built-in digits trained on (digits-set.ts: every fifth digit of a class is held out). */
export const DIGITS_TRAIN = 8004;
/** The built-in digits held out to check the network. */
export const DIGITS_HELD = 1996;

/** A number as the language writes it (8,004 / 8.004). */
function num(n: number): string {
	return formatLocaleNumber(n, currentLanguage());
}

/** A layer's name in the table: its item as written, or what the plan added (flatten, dense N + softmax). */
export function layerName(layer: PlannedLayer, items: readonly string[]): string {
	const written = layer.item === null ? undefined : items[layer.item];
	const base = written ?? (layer.kind === 'dense' ? `dense ${layer.units}` : layer.kind);
	return layer.kind === 'dense' && layer.softmax && !base.includes('softmax') ? `${base} + softmax` : base;
}

/** The data lines: the digits' counts, or a folder's classes with their counts, how pictures are prepared, and the pictures left out. */
export function renderData(parent: HTMLElement, data: Dataset | null): void {
	parent.empty();
	if (!data) {
		parent.createDiv({ text: t('train.widget.data.digits', { classes: DIGIT_CLASSES.length, train: DIGITS_TRAIN, held: DIGITS_HELD, shape: shapeText(DIGITS_INPUT) }) });
		return;
	}
	const shape = shapeText(data.inputShape);
	parent.createDiv({ text: t('train.data.summary', { count: data.count, classes: data.classes.length, shape }) });
	const counts = new Array<number>(data.classes.length).fill(0);
	for (const label of data.labels) counts[label] = (counts[label] ?? 0) + 1;
	parent.createDiv({ cls: 'cnn-train-classes', text: t('train.widget.data.classes', { list: data.classes.map((c, k) => `${c} (${num(counts[k] ?? 0)})`).join(', ') }) });
	const colour = t(data.inputShape[2] === 3 ? 'classify.prep.rgb' : 'classify.prep.gray');
	parent.createDiv({ cls: 'cnn-caption', text: `${colour} ${t('classify.prep.scale', { scale: '0..1' })} ${t('train.widget.data.fit')}` });
	if (data.skipped.length === 0) return;
	const skipped = parent.createDiv({ cls: 'cnn-train-skipped' });
	skipped.createDiv({ text: t('train.data.skipped', { count: data.skipped.length }) });
	const list = skipped.createEl('ul');
	for (const s of data.skipped) list.createEl('li', { text: t(s.reason.code, s.reason.vars) });
}

/** The network table: input, then one row per layer (name, output shape, parameters; added layers marked), then the total. */
export function renderArchitecture(parent: HTMLElement, arch: Architecture, items: readonly string[]): HTMLTableElement {
	parent.createDiv({ cls: 'cnn-figure-label', text: t('train.widget.arch.title') });
	const table = parent.createDiv({ cls: 'cnn-train-scroll' }).createEl('table', { cls: 'cnn-train-arch' });
	const head = table.createEl('thead').createEl('tr');
	for (const key of ['train.widget.arch.layer', 'train.widget.arch.shape', 'train.widget.arch.params'] as const) head.createEl('th', { attr: { scope: 'col' }, text: t(key) });
	const body = table.createEl('tbody');
	const input = body.createEl('tr', { cls: 'cnn-train-arch-input', attr: { 'data-kind': 'input', 'data-shape': shapeText(arch.input) } });
	input.createEl('td', { text: t('train.widget.arch.input') });
	input.createEl('td', { text: shapeText(arch.input) });
	input.createEl('td', { text: '0' });
	let added = false;
	for (const layer of arch.layers) {
		const row = body.createEl('tr', { attr: { 'data-kind': layer.kind, 'data-shape': shapeText(layer.shape), 'data-params': layer.params } });
		const name = row.createEl('td');
		name.createEl('code', { text: layerName(layer, items) });
		if (layer.added) {
			added = true;
			row.addClass('is-added');
			row.setAttr('data-added', 'true');
			name.createSpan({ cls: 'cnn-train-added', text: ` ${t('train.widget.arch.added')}` });
		}
		row.createEl('td', { text: shapeText(layer.shape) });
		row.createEl('td', { text: num(layer.params) });
	}
	const foot = table.createEl('tfoot').createEl('tr', { attr: { 'data-params': arch.params } });
	foot.createEl('th', { attr: { scope: 'row', colspan: 2 }, text: t('train.widget.arch.total') });
	foot.createEl('td', { text: num(arch.params) });
	if (added) parent.createDiv({ cls: 'cnn-caption', text: t('train.widget.arch.note') });
	return table;
}

/** A learning rate as written in the user's language, every decimal kept (0.005, 0,005). */
export function formatRate(rate: number): string {
	return new Intl.NumberFormat(currentLanguage(), { maximumFractionDigits: 12, useGrouping: false }).format(rate);
}

/** The settings line (and the augmentation line when it is on). */
export function renderSettings(parent: HTMLElement, spec: TrainSpec): void {
	const held = formatShare(spec.validation);
	parent.createDiv({ cls: 'cnn-train-settings', text: t('train.widget.settings', { epochs: spec.epochs, batch: spec.batch, rate: formatRate(spec.learningRate), held, seed: spec.seed }) });
	if (spec.augment) parent.createDiv({ cls: 'cnn-caption', text: t('train.widget.settings.augment') });
}
