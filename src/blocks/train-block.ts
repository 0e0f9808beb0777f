import type { App, MarkdownPostProcessorContext } from 'obsidian';
import { acquireModelHost, type HostLease } from '../model/host/start';
import { datasetDeps } from '../train/dataset';
import { confirmReplace } from '../widgets/train/train-save';
import { TrainWidget, type TrainDeps } from '../widgets/train/train-widget';
import type { TrainLease } from '../widgets/train/train-host';
import { mountBlock } from './mount';
import { parseTrainBlock } from './parse-train';
import { widgetDeps, type DepsOverrides } from './widget-deps';

/** What tests may replace besides the shared overrides: the training host, the clipboard. */
export interface TrainOverrides extends DepsOverrides {
	trainHost?: () => TrainLease;
	clipboard?: TrainDeps['clipboard'];
}

/** The page's model host (shared by every block): the training runs in its worker. */
export const trainingHost = (): HostLease => acquireModelHost();

/**
 * The `cnn-train` code-block processor (registered in main.ts with the app): parse, then mount a
 * TrainWidget with what it needs from the app (the model host, the vault for reading pictures and
 * saving models, the question before a saved model is replaced). The widget does not follow
 * settings changes: re-building it would end a training.
 */
export function processTrainBlock(app: App, source: string, el: HTMLElement, ctx: MarkdownPostProcessorContext, overrides: TrainOverrides = {}): void {
	const train: TrainDeps = {
		host: overrides.trainHost ?? trainingHost,
		vault: app.vault,
		dataset: datasetDeps(app, overrides.decode),
		confirmReplace: (folder, files) => confirmReplace(app, folder, files),
		...(overrides.clipboard ? { clipboard: overrides.clipboard } : {}),
	};
	mountBlock(source, el, ctx, parseTrainBlock, (container, spec) => new TrainWidget(container, spec, widgetDeps(app, ctx.sourcePath, overrides), train));
}
