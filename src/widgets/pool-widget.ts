import { MarkdownRenderChild } from 'obsidian';
import { pool2d } from '../cnn';
import type { PoolSpec } from '../blocks/types';
import { t } from '../i18n';
import { formatPair, formatShape } from './format';
import { renderMatrixGrid } from './matrix-grid';

const TYPE_KEYS = { max: 'widget.pool.max', avg: 'widget.pool.avg', min: 'widget.pool.min' } as const;

/** The `cnn-pool` widget: the input and its pooled output, as number grids. */
export class PoolWidget extends MarkdownRenderChild {
	constructor(containerEl: HTMLElement, private readonly spec: PoolSpec) {
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
		const output = pool2d(spec.input, { type: spec.type, size: spec.size, stride: spec.stride, padding: spec.padding });
		this.containerEl.empty();
		const root = this.containerEl.createDiv({ cls: 'cnn-notes cnn-pool' });
		root.createDiv({
			cls: 'cnn-summary',
			text: t('widget.pool.summary', {
				type: t(TYPE_KEYS[spec.type]),
				size: formatPair(spec.size),
				stride: formatPair(spec.stride),
				padding: spec.padding,
			}),
		});
		const stage = root.createDiv({ cls: 'cnn-stage' });
		renderMatrixGrid(stage, spec.input, { role: 'input', label: `${t('widget.input')} ${formatShape(spec.input.shape)}` });
		stage.createDiv({ cls: 'cnn-operator', text: '→', attr: { 'aria-hidden': 'true' } });
		renderMatrixGrid(stage, output, { role: 'output', label: t('widget.output') });
		root.createDiv({ cls: 'cnn-shape', text: t('widget.shape', { shape: formatShape(output.shape) }) });
	}
}
