/**
 * Test helpers for the training widget: a fake model host that trains (records every call, answers
 * as told, sends progress when the test says), mounting a `cnn-train` block on the harness app, and
 * small builders of epoch reports and model files.
 */
import type { MarkdownPostProcessorContext, MarkdownRenderChild } from 'obsidian';
import { App, Component } from '../../../harness/obsidian';
import { processTrainBlock, type TrainOverrides } from '../../../src/blocks/train-block';
import type { ModelFiles } from '../../../src/model/artifacts';
import type { EpochReport, StepReport } from '../../../src/model/engine/trainer';
import type { TrainInspection, TrainOptions, TrainProgress, TrainSource, TrainStarted, TrainState } from '../../../src/model/host/protocol';
import type { Result } from '../../../src/result';
import type { TrainHost, TrainLease } from '../../../src/widgets/train/train-host';
import { TrainWidget } from '../../../src/widgets/train/train-widget';
import { asObsidianApp } from '../../helpers/plugin';

/** A model host that trains nothing: it records calls and sends the progress a test gives it. */
export class FakeTrainHost implements TrainHost {
	starts: { source: TrainSource; options: TrainOptions }[] = [];
	controls: [number, string][] = [];
	inspects: number[][] = [];
	disposed: number[] = [];
	exports = 0;
	released = 0;
	/** What trainStart answers (a training handle by default). */
	startAnswer: Result<TrainStarted> = { ok: true, value: { training: 7, input: [28, 28, 1], classes: 10, trainCount: 8004, validationCount: 1996, batches: 4 } };
	private listener: ((p: TrainProgress) => void) | null = null;

	async trainStart(source: TrainSource, options: TrainOptions, onProgress: (p: TrainProgress) => void): Promise<Result<TrainStarted>> {
		this.starts.push({ source, options });
		this.listener = onProgress;
		return this.startAnswer;
	}

	async trainControl(training: number, action: 'pause' | 'resume' | 'stop'): Promise<Result<null>> {
		this.controls.push([training, action]);
		return { ok: true, value: null };
	}

	async trainExport(): Promise<Result<ModelFiles>> {
		this.exports += 1;
		return { ok: true, value: modelFiles() };
	}

	async trainInspect(_training: number, indices: readonly number[]): Promise<Result<TrainInspection>> {
		this.inspects.push([...indices]);
		const n = indices.length;
		const probabilities = new Float32Array(n * this.classes);
		for (let i = 0; i < n; i++) probabilities[i * this.classes + ((i + 1) % this.classes)] = 1;
		return { ok: true, value: { pixels: new Float32Array(n * this.pictureSize).fill(0.5), probabilities } };
	}

	trainDispose(training: number): void {
		this.disposed.push(training);
	}

	/** Classes and values per picture of the inspected pictures. */
	classes = 10;
	pictureSize = 28 * 28;

	/** Sends a progress message as the engine would. */
	emit(state: TrainState, step?: Partial<StepReport>, epochs?: EpochReport[], errors?: TrainProgress['errors']): void {
		const p: TrainProgress = { id: 0, kind: 'trainProgress', training: 7, state };
		if (step) p.step = { epoch: 1, batch: 1, batches: 4, loss: 2, accuracy: 0.1, state: 'training', ...step };
		if (epochs) p.epochs = epochs;
		if (errors) p.errors = errors;
		this.listener?.(p);
	}

	lease(): () => TrainLease {
		return () => ({ host: this, release: () => (this.released += 1) });
	}
}

/** An epoch's report for `classes` classes (every picture right but the misses). */
export function epochReport(epoch: number, accuracy: number, classes = 10, misses: EpochReport['misses'] = [{ index: 4, truth: 1, predicted: 7 }]): EpochReport {
	const confusion = new Int32Array(classes * classes);
	for (let k = 0; k < classes; k++) confusion[k * classes + k] = 5;
	for (const m of misses) confusion[m.truth * classes + m.predicted] = (confusion[m.truth * classes + m.predicted] ?? 0) + 1;
	return { epoch, trainLoss: 1 / epoch, trainAccuracy: accuracy - 0.05, validationLoss: 1.2 / epoch, validationAccuracy: accuracy, confusion, misses };
}

/** Tiny Layers model files: one float32 weight of 2 values. */
export function modelFiles(): ModelFiles {
	return { modelTopology: { class_name: 'Sequential', config: { layers: [] } }, weightSpecs: [{ name: 'w', shape: [2], dtype: 'float32' }], weightData: new Float32Array([1, 2]).buffer, format: 'layers-model' };
}

/** A mounted training block. */
export interface MountedTrain {
	el: HTMLElement;
	app: App;
	section: Component;
	widget: TrainWidget;
	root(): HTMLElement;
}

/** Runs the cnn-train processor on `source` and waits until the data is read and the network planned (or an error shown). */
export async function mountTrain(source: string, opts: { app?: App; host?: FakeTrainHost | null; overrides?: TrainOverrides; wait?: boolean } = {}): Promise<MountedTrain> {
	const app = opts.app ?? new App();
	const el = document.body.createDiv();
	const section = new Component();
	section.load();
	let widget: TrainWidget | null = null;
	const ctx = {
		docId: 'test',
		sourcePath: 'note.md',
		frontmatter: null,
		addChild: (child: MarkdownRenderChild) => {
			if (child instanceof TrainWidget) widget = child;
			section.addChild(child as unknown as Component);
		},
		getSectionInfo: () => null,
	} as unknown as MarkdownPostProcessorContext;
	const host = opts.host === undefined ? new FakeTrainHost() : opts.host;
	processTrainBlock(asObsidianApp(app), source, el, ctx, { ...(host ? { trainHost: host.lease() } : {}), ...opts.overrides });
	const found = widget as TrainWidget | null;
	if (!found) throw new Error(`no widget: ${el.textContent ?? ''}`);
	await found.ready;
	if (opts.wait !== false) await found.prepared;
	return { el, app, section, widget: found, root: () => el.querySelector<HTMLElement>('.cnn-train') ?? el };
}

/** Waits for promises, timers and the next animation frame. */
export function settle(ms = 40): Promise<void> {
	return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Clicks the button with `data-action` and waits for what it starts. */
export async function press(el: HTMLElement, action: string): Promise<void> {
	const button = el.querySelector<HTMLButtonElement>(`button[data-action="${action}"]`);
	if (!button) throw new Error(`no ${action} button`);
	if (button.disabled) throw new Error(`the ${action} button is disabled`);
	button.click();
	await settle();
}
