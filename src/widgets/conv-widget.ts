import { MarkdownRenderChild } from 'obsidian';
import { conv2d, type Tensor } from '../cnn';
import type { ConvSpec, PaddingSpec } from '../blocks/types';
import { t } from '../i18n';
import { formatNumber, formatPair, formatShape } from './format';
import { renderMatrixGrid } from './matrix-grid';

/** Formats a padding spec the way blocks write it: `valid`, `same`, `full` or `rows x cols`. */
export function formatPadding(padding: PaddingSpec): string {
	return typeof padding === 'string' ? padding : formatPair(padding);
}

/** One filter [kh, kw, 1, n] -> its kh x kw slice number `index` as a [kh, kw, 1] tensor. */
export function filterSlice(filters: Tensor, index: number): Tensor {
	const [kh = 0, kw = 0, inC = 1, n = 1] = filters.shape;
	const data = new Float32Array(kh * kw * inC);
	for (let i = 0; i < kh * kw * inC; i++) data[i] = filters.data[i * n + index] ?? 0;
	return { shape: [kh, kw, inC], data };
}

/** The `cnn-conv` widget: input, kernel(s) and the output map(s) they produce, as number grids. */
export class ConvWidget extends MarkdownRenderChild {
	constructor(containerEl: HTMLElement, private readonly spec: ConvSpec) {
		super(containerEl);
	}

	onload(): void {
		this.render();
	}

	onunload(): void {
		this.containerEl.empty();
	}

	private render(): void {
		const { spec } = this;
		const output = conv2d(spec.input, spec.filters, {
			stride: spec.stride,
			padding: spec.padding,
			dilation: spec.dilation,
			bias: spec.bias,
			flip: spec.flip,
		});
		const count = spec.filters.shape[3] ?? 1;
		this.containerEl.empty();
		const root = this.containerEl.createDiv({ cls: 'cnn-notes cnn-conv' });
		root.createDiv({
			cls: 'cnn-summary',
			text: t('widget.conv.summary', {
				stride: formatPair(spec.stride),
				padding: formatPadding(spec.padding),
				dilation: formatPair(spec.dilation),
			}),
		});
		root.createDiv({ cls: 'cnn-note', text: t(spec.flip ? 'widget.conv.flip' : 'widget.conv.noFlip') });

		const stage = root.createDiv({ cls: 'cnn-stage' });
		renderMatrixGrid(stage, spec.input, { role: 'input', label: `${t('widget.input')} ${formatShape(spec.input.shape)}` });
		stage.createDiv({ cls: 'cnn-operator', text: '⊛', attr: { 'aria-hidden': 'true' } });
		const kernels = stage.createDiv({ cls: 'cnn-column' });
		for (let f = 0; f < count; f++) {
			const name = spec.kernelNames[f];
			const title = count === 1 ? t('widget.kernel') : t('widget.filter', { index: f + 1 });
			const figure = renderMatrixGrid(kernels, filterSlice(spec.filters, f), {
				role: 'kernel',
				label: name ? `${title} (${name})` : title,
			});
			const bias = spec.bias?.[f];
			if (bias !== undefined) figure.createDiv({ cls: 'cnn-caption', text: t('widget.bias', { value: formatNumber(bias) }) });
		}
		stage.createDiv({ cls: 'cnn-operator', text: '=', attr: { 'aria-hidden': 'true' } });
		const outputs = stage.createDiv({ cls: 'cnn-column' });
		for (let f = 0; f < count; f++) {
			renderMatrixGrid(outputs, output, {
				role: 'output',
				channel: f,
				label: count === 1 ? t('widget.output') : t('widget.outputMap', { index: f + 1 }),
			});
		}
		root.createDiv({ cls: 'cnn-shape', text: t('widget.shape', { shape: formatShape(output.shape) }) });
	}
}
