/**
 * The enlarged view of one feature map: the map itself, live, and the filter that made it (the
 * conv layer's weights for that channel, one kh x kw slice per input map, and its bias). It opens
 * in place, right under the maps of the layer clicked, never at the end of a long widget.
 */
import type { Component } from 'obsidian';
import type { Tensor } from '../../cnn';
import { t } from '../../i18n';
import type { Prediction } from '../../model/engine/classifier';
import type { LayerInfo } from '../../model/engine/layers';
import { chooseScale } from '../shared/colormap';
import { extent, HeatCanvas } from './classify-paint';
import { formatPair } from '../shared/format';
import { formatScore } from './classify-format';
import { renderMatrixGrid } from '../shared/matrix-grid';
import { listen } from '../shared/guard';

/** Slice [kh, kw, 1] of filter `filter` for input channel `channel` of a [kh, kw, in, out] kernel. */
export function kernelSlice(kernel: { shape: number[]; data: Float32Array }, filter: number, channel: number): Tensor {
	const [kh = 1, kw = 1, cin = 1, cout = 1] = kernel.shape;
	const data = new Float32Array(kh * kw);
	for (let i = 0; i < kh * kw; i++) data[i] = kernel.data[(i * cin + channel) * cout + filter] ?? 0;
	return { shape: [kh, kw, 1], data };
}

/** Most slices of a filter drawn (one per input map); a filter over more maps says how many more. */
const MAX_SLICES = 16;

/** The detail panel; hidden until a map is opened. */
export class MapDetail {
	readonly el: HTMLElement;
	private open_: { layer: number; channel: number; canvas: HeatCanvas } | null = null;

	constructor(parent: HTMLElement, private readonly owner: Component, private readonly layers: readonly LayerInfo[]) {
		this.el = parent.createDiv({ cls: 'cnn-classify-detail is-hidden', attr: { role: 'region', 'aria-live': 'polite' } });
	}

	/**
	 * Shows map `channel` of layer `layer` enlarged, with its filter, right after `anchor` (the grid of
	 * maps clicked, so the enlargement opens next to it) and scrolled into view if it is not; the same
	 * map again closes it.
	 */
	open(layer: number, channel: number, prediction: Prediction | null, anchor?: HTMLElement): void {
		if (this.open_?.layer === layer && this.open_.channel === channel) {
			this.close();
			return;
		}
		const info = this.layers[layer];
		if (!info) return;
		const [h = 1, w = 1] = info.shape;
		this.el.empty();
		if (anchor && anchor.nextElementSibling !== this.el) anchor.insertAdjacentElement('afterend', this.el);
		this.el.removeClass('is-hidden');
		const head = this.el.createDiv({ cls: 'cnn-classify-detail-head' });
		head.createSpan({ cls: 'cnn-figure-label', text: t('classify.detail.title', { layer: info.name, index: channel + 1, shape: `${h}x${w}` }) });
		const close = head.createEl('button', { text: t('classify.detail.close'), attr: { type: 'button', 'data-action': 'close' } });
		listen(this.owner, close, 'click', () => this.close());
		const body = this.el.createDiv({ cls: 'cnn-stage' });
		const canvas = new HeatCanvas(body, h, w, 'cnn-classify-detail-canvas');
		canvas.el.setAttrs({ role: 'img', 'aria-label': t('classify.map.label', { layer: info.name, index: channel + 1, shape: `${h}x${w}` }) });
		this.explain(body.createDiv({ cls: 'cnn-column cnn-classify-detail-filter' }), info, channel);
		this.open_ = { layer, channel, canvas };
		this.update(prediction);
		// jsdom has no scrollIntoView; in a browser "nearest" scrolls only when part of the panel is off screen.
		if (typeof this.el.scrollIntoView === 'function') this.el.scrollIntoView({ block: 'nearest', inline: 'nearest' });
	}

	/** Hides the panel. */
	close(): void {
		this.open_ = null;
		this.el.empty();
		this.el.addClass('is-hidden');
	}

	/** Repaints the open map from a new prediction. */
	update(prediction: Prediction | null): void {
		const open = this.open_;
		const info = open ? this.layers[open.layer] : undefined;
		if (!open || !info) return;
		const values = prediction?.activations[open.layer] ?? new Float32Array(info.size);
		const { min, max } = extent(values);
		open.canvas.paint(values, info.channels ?? info.shape[2] ?? 1, open.channel, chooseScale(min, max));
	}

	/** What made the map: the text for its kind and the conv filter behind it. */
	private explain(box: HTMLElement, info: LayerInfo, channel: number): void {
		const source = info.kind === 'conv' ? info : info.source === undefined ? undefined : this.layers[info.source];
		if (info.kind === 'relu') box.createDiv({ cls: 'cnn-caption', text: t('classify.detail.relu', { layer: source?.name ?? '?', index: channel + 1 }) });
		if (info.kind === 'pool' && info.pool) {
			const key = info.pool.type === 'max' ? 'classify.detail.maxPool' : 'classify.detail.avgPool';
			box.createDiv({ cls: 'cnn-caption', text: t(key, { size: formatPair(info.pool.size), stride: formatPair(info.pool.strides), index: channel + 1 }) });
		}
		const kernel = source?.kernel;
		if (!source || !kernel) return;
		const [kh = 1, kw = 1, cin = 1] = kernel.shape;
		const bias = source.bias?.[channel] ?? 0;
		box.createDiv({
			cls: 'cnn-caption',
			text: t('classify.detail.filter', { layer: source.name, index: channel + 1, shape: `${kh}x${kw}x${cin}`, bias: formatScore(bias) }),
		});
		if (cin === 1) {
			renderMatrixGrid(box, kernelSlice(kernel, channel, 0), { role: 'kernel', label: t('classify.detail.weights') });
			return;
		}
		const slices = box.createDiv({ cls: 'cnn-classify-kernel-slices' });
		const { min, max } = extent(kernel.data);
		const scale = chooseScale(min, max);
		for (let c = 0; c < Math.min(cin, MAX_SLICES); c++) {
			const figure = slices.createDiv({ cls: 'cnn-classify-kernel-slice' });
			const canvas = new HeatCanvas(figure, kh, kw, 'cnn-classify-kernel-canvas');
			canvas.el.setAttrs({ role: 'img', 'aria-label': t('classify.detail.slice', { index: c + 1 }) });
			canvas.paint(kernelSlice(kernel, channel, c).data, 1, 0, scale);
			figure.createDiv({ cls: 'cnn-caption', text: String(c + 1) });
		}
		if (cin > MAX_SLICES) slices.createDiv({ cls: 'cnn-caption cnn-classify-more', text: t('classify.maps.more', { count: cin - MAX_SLICES }) });
	}
}
