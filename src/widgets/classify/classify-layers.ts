/**
 * Every layer of the classifier: the feature maps of conv / ReLU / pooling layers as small
 * canvases (click or Enter enlarges one in place, right under its layer's maps, with the filter
 * that made it), the flatten layer as a
 * strip of bars and the dense layers as labelled bars. Colours come from the shared scales.
 */
import type { Component } from 'obsidian';
import { t, type MessageKey } from '../../i18n';
import type { Prediction } from '../../model/engine/classifier';
import type { LayerInfo } from '../../model/engine/layers';
import { chooseScale, type ScaleChoice } from '../shared/colormap';
import { MapDetail } from './classify-detail';
import { ColorLegend } from '../shared/legend';
import { BarStrip, extent, HeatCanvas } from './classify-paint';
import { formatPair, formatShape } from '../shared/format';
import { listen } from '../shared/guard';
import { formatPercent, formatScore, labelWidth } from './classify-format';
import { isCoarsePointer } from '../shared/pointer';

/** Height in canvas pixels of the flatten layer's bar chart. */
const STRIP_HEIGHT = 40;

/** The headline of a layer: what it does, in the user's language. */
export function describe(layer: LayerInfo): string {
	const shape = formatShape(layer.shape);
	const kernel = layer.kernel?.shape ?? [];
	switch (layer.kind) {
		case 'conv':
			return t(layer.activation === 'relu' ? 'classify.layer.convRelu' : 'classify.layer.conv', {
				filters: kernel[3] ?? 0,
				size: `${kernel[0] ?? 0}x${kernel[1] ?? 0}`,
				shape,
			});
		case 'relu':
			return t('classify.layer.relu', { shape });
		case 'pool':
			return t(layer.pool?.type === 'avg' ? 'classify.layer.avgPool' : 'classify.layer.maxPool', {
				size: formatPair(layer.pool?.size ?? [2, 2]),
				stride: formatPair(layer.pool?.strides ?? [2, 2]),
				shape,
			});
		case 'flatten':
			return t('classify.layer.flatten', { shape });
		case 'dense':
			return t(layer.activation === 'softmax' ? 'classify.layer.denseSoftmax' : 'classify.layer.dense', { inputs: kernel[0] ?? 0, units: kernel[1] ?? 0 });
		case 'softmax':
			return t('classify.layer.softmax', { shape });
		case 'input':
			return t('classify.layer.input', { shape });
		case 'depthwise':
			return t('classify.layer.depthwise', { size: `${kernel[0] ?? 0}x${kernel[1] ?? 0}`, shape });
		case 'activation':
			return t('classify.layer.activation', { kind: layer.activation ?? layer.className, shape });
		case 'global-pool':
			return t('classify.layer.globalPool', { kind: layer.className, shape });
		case 'norm':
			return t('classify.layer.norm', { kind: layer.className, shape });
		case 'dropout':
			return t('classify.layer.dropout', { kind: layer.className, shape });
		case 'merge':
			return t('classify.layer.merge', { kind: layer.className, shape });
		case 'pad':
			return t('classify.layer.pad', { kind: layer.className, shape });
		case 'reshape':
			return t('classify.layer.reshape', { kind: layer.className, shape });
		case 'model':
			return t('classify.layer.model', { count: layer.children ?? 0, shape });
		case 'other':
			return t('classify.layer.other', { kind: layer.className, shape });
	}
}

/** Most layers a model may have for its nested models to start unfolded (larger ones start folded: their maps are computed only when opened). */
const OPEN_LAYERS = 40;

/** The scale of a whole layer: one range for all its maps, so they can be compared. */
function layerScale(values: Float32Array): ScaleChoice {
	const { min, max } = extent(values);
	return chooseScale(min, max);
}

/** One layer's view: maps, a bar strip, or bars. */
interface LayerRow {
	update(values: Float32Array): void;
}

/** The layers view with its map detail; its sections are built on the first prediction (no wall of blank maps before). */
export class LayersView {
	readonly el: HTMLElement;
	private readonly list: HTMLElement;
	private readonly rows = new Map<number, LayerRow>();
	private readonly detail: MapDetail;
	private last: Prediction | null = null;
	/** Folded nested models: index of the 'model' entry -> its details element. */
	private readonly folds = new Map<number, HTMLDetailsElement>();
	private built = false;

	/**
	 * `labels` name the units of a last layer with one unit per class; `onOpen` is called when a
	 * folded nested model is opened (its layers then need a prediction of their own).
	 */
	constructor(
		parent: HTMLElement,
		private readonly owner: Component,
		private readonly layers: readonly LayerInfo[],
		private readonly labels: readonly string[] = [],
		private readonly onOpen: () => void = () => {},
	) {
		this.el = parent.createDiv({ cls: 'cnn-classify-layers is-empty is-hidden' });
		this.el.createDiv({ cls: 'cnn-figure-label', text: t('classify.layers.title') });
		this.el.createDiv({ cls: 'cnn-caption', text: t(isCoarsePointer(parent.doc) ? 'classify.layers.hintTouch' : 'classify.layers.hint') });
		this.list = this.el.createDiv({ cls: 'cnn-classify-layer-list' });
		this.detail = new MapDetail(this.el, owner, layers);
	}

	/** The layers whose values the view shows now: every layer outside a folded nested model (before the first build, as they will start). */
	wanted(): number[] {
		const wanted: number[] = [];
		for (let i = 0; i < this.layers.length; i++) {
			wanted.push(i);
			const layer = this.layers[i];
			if (layer?.kind !== 'model') continue;
			const fold = this.folds.get(i);
			if (fold ? !fold.open : this.foldAll) i += layer.children ?? 0;
		}
		return wanted;
	}

	/** Nested models start folded in a model of more than OPEN_LAYERS layers. */
	private get foldAll(): boolean {
		return this.layers.length > OPEN_LAYERS;
	}

	/** The entries that give the class scores (the output, and the logits before a final softmax layer): their bars carry the class names. */
	private scoreEntries(): Set<number> {
		const last = this.layers.length - 1;
		const entries = new Set([last]);
		if (this.layers[last]?.kind === 'softmax' && last > 0) entries.add(last - 1);
		return entries;
	}

	/** Shows every layer's output of a prediction; null (nothing drawn) hides the layers and closes the enlarged map. */
	update(prediction: Prediction | null): void {
		this.last = prediction;
		this.el.toggleClass('is-empty', prediction === null);
		this.el.toggleClass('is-hidden', prediction === null);
		if (prediction === null) {
			this.detail.close();
			return;
		}
		if (!this.built) this.build();
		for (const [i, row] of this.rows) {
			const values = prediction.activations[i];
			// A layer not computed for this prediction (inside a folded model) keeps what it showed.
			if (values && values.length > 0) row.update(values);
		}
		this.detail.update(prediction);
	}

	/** Builds every layer's section, nested models as foldable groups. */
	private build(): void {
		this.built = true;
		this.buildRange(this.list, 0, this.layers.length, !this.foldAll);
	}

	/**
	 * Builds the sections of entries start .. end - 1 into `parent`. A nested model is a foldable
	 * group; the sections inside a group that starts folded are built when it is first opened (a
	 * MobileNet holds thousands of maps nobody may look at).
	 */
	private buildRange(parent: HTMLElement, start: number, end: number, open: boolean): void {
		for (let index = start; index < end; index++) {
			const layer = this.layers[index];
			if (!layer) continue;
			if (layer.kind !== 'model') {
				this.rows.set(index, this.row(parent, layer, index));
				continue;
			}
			const fold = parent.createEl('details', { cls: 'cnn-classify-nested', attr: { 'data-layer': layer.name } });
			fold.open = open;
			const summary = fold.createEl('summary', { cls: 'cnn-classify-nested-head' });
			summary.createSpan({ cls: 'cnn-classify-layer-name', text: layer.name });
			summary.createSpan({ cls: 'cnn-classify-layer-what', text: describe(layer) });
			if (layer.params > 0) summary.createSpan({ cls: 'cnn-classify-layer-params', text: t('classify.layer.params', { count: layer.params }) });
			this.folds.set(index, fold);
			const body = fold.createDiv({ cls: 'cnn-classify-nested-body' });
			const first = index + 1;
			const last = Math.min(end, first + (layer.children ?? 0));
			let filled = open;
			if (open) this.buildRange(body, first, last, open);
			listen(this.owner, fold, 'toggle', () => {
				if (!fold.open) return;
				if (!filled) {
					filled = true;
					this.buildRange(body, first, last, false);
				}
				this.onOpen();
			});
			index = last - 1;
		}
	}

	/** The section of one layer: a headline (name, what it does, shape, parameters) and its values. */
	private row(list: HTMLElement, layer: LayerInfo, index: number): LayerRow {
		const section = list.createDiv({ cls: 'cnn-classify-layer', attr: { 'data-kind': layer.kind, 'data-layer': layer.name, 'data-depth': layer.depth ?? 0 } });
		const head = section.createDiv({ cls: 'cnn-classify-layer-head' });
		head.createSpan({ cls: 'cnn-classify-layer-name', text: layer.name });
		head.createSpan({ cls: 'cnn-classify-layer-what', text: describe(layer) });
		head.createSpan({ cls: 'cnn-classify-layer-shape', text: formatShape(layer.shape) });
		if (layer.params > 0) head.createSpan({ cls: 'cnn-classify-layer-params', text: t('classify.layer.params', { count: layer.params }) });
		if (layer.shape.length === 3) return this.maps(section, layer, index);
		if (layer.shape.length !== 1) {
			section.addClass('is-not-drawn');
			section.createDiv({ cls: 'cnn-caption', text: t('classify.layer.notDrawn', { shape: formatShape(layer.shape) }) });
			return { update: () => {} };
		}
		if (layer.kind === 'flatten' || layer.size > 32) return this.strip(section, layer);
		// The layers that give the scores and the probabilities: their bars carry the class names.
		return this.bars(section, layer, this.scoreEntries().has(index) && layer.size === this.labels.length ? this.labels : []);
	}

	/** Feature maps: one clickable canvas per channel. */
	private maps(section: HTMLElement, layer: LayerInfo, index: number): LayerRow {
		const [h = 1, w = 1, all = 1] = layer.shape;
		const c = layer.channels ?? all;
		const grid = section.createDiv({ cls: 'cnn-classify-maps' });
		if (c < all) section.createDiv({ cls: 'cnn-caption cnn-classify-more', text: t('classify.maps.first', { shown: c, count: all, more: all - c }) });
		const legend = new ColorLegend(section, layerScale(new Float32Array(0)));
		const canvases: HeatCanvas[] = [];
		for (let k = 0; k < c; k++) {
			const button = grid.createEl('button', {
				cls: 'cnn-classify-map',
				attr: { type: 'button', 'aria-label': t('classify.map.label', { layer: layer.name, index: k + 1, shape: `${h}x${w}` }), 'data-channel': k, 'data-action': 'enlarge' },
			});
			canvases.push(new HeatCanvas(button, h, w, 'cnn-classify-map-canvas'));
			listen(this.owner, button, 'click', () => this.detail.open(index, k, this.last, grid));
		}
		return {
			update: (values) => {
				const scale = layerScale(values);
				canvases.forEach((canvas, k) => canvas.paint(values, c, k, scale));
				legend.update(scale);
			},
		};
	}

	/** A long vector (flatten): one thin bar per value. */
	private strip(section: HTMLElement, layer: LayerInfo): LayerRow {
		const canvas = new BarStrip(section, layer.size, STRIP_HEIGHT, 'cnn-classify-strip');
		canvas.el.setAttrs({ role: 'img', 'aria-label': t('classify.strip.label', { layer: layer.name, count: layer.size }) });
		const legend = new ColorLegend(section, layerScale(new Float32Array(0)));
		return {
			update: (values) => {
				const scale = layerScale(values);
				canvas.paint(values, scale);
				legend.update(scale);
			},
		};
	}

	/** A short vector (dense, softmax): one labelled bar per unit, signed around a zero line. */
	private bars(section: HTMLElement, layer: LayerInfo, names: readonly string[]): LayerRow {
		const list = section.createDiv({ cls: 'cnn-classify-unit-bars', attr: { role: 'list' } });
		list.setCssProps({ '--cnn-label-width': labelWidth(names.length > 0 ? names : [String(layer.size - 1)]) });
		const items = Array.from({ length: layer.size }, (_, k) => {
			const row = list.createDiv({ cls: 'cnn-classify-unit', attr: { role: 'listitem', 'data-unit': k } });
			row.createSpan({ cls: 'cnn-classify-bar-label', text: names[k] ?? String(k) });
			const bar = row.createDiv({ cls: 'cnn-classify-unit-track' }).createDiv({ cls: 'cnn-classify-unit-fill' });
			const value = row.createSpan({ cls: 'cnn-classify-bar-value' });
			return { bar, value };
		});
		const range = section.createDiv({ cls: 'cnn-caption cnn-classify-layer-range' });
		const probabilities = layer.kind === 'softmax' || layer.activation === 'softmax';
		const key: MessageKey = probabilities ? 'classify.unit.probability' : 'classify.unit.logit';
		// Probabilities read as percentages ("> 99.9 %", "< 0.1 %"), never as a bare 1 and 0.
		const format = probabilities ? formatPercent : formatScore;
		list.setAttr('aria-label', t(key, { layer: layer.name }));
		return {
			update: (values) => {
				const { min, max } = extent(values);
				const m = Math.max(Math.abs(min), Math.abs(max)) || 1;
				items.forEach(({ bar, value }, k) => {
					const v = values[k] ?? 0;
					bar.setCssProps({ '--cnn-bar': (Math.abs(v) / m).toFixed(4) });
					bar.toggleClass('is-negative', v < 0);
					value.setText(format(v));
				});
				range.setText(t('classify.layer.range', { min: format(min), max: format(max) }));
			},
		};
	}
}
