/**
 * The saved side of a `cnn-train` block: the question before a saved model is replaced, the
 * cnn-classify block that uses a saved model, and reading what the block's `save:` folder holds
 * (the summary and curves of metadata.json, the model files to continue training from).
 */
import { Modal, Notice, TFile, type App, type Component } from 'obsidian';
import { t } from '../../i18n';
import type { ModelFiles } from '../../model/artifacts';
import { vaultModelArtifacts } from '../../model/vault-model';
import { failure, success, type Result } from '../../result';
import type { EpochFigures, SaveModelDeps } from '../../train/save-model';
import { listen } from '../shared/guard';

/** What the widget reads and writes in the vault: saving (save-model.ts) and reading a saved model's files. */
export interface TrainVault extends SaveModelDeps {
	read(file: TFile): Promise<string>;
	readBinary(file: TFile): Promise<ArrayBuffer>;
}

/** "Replace the model in <folder>?" with Replace and Cancel; closing it cancels. */
export class ReplaceModelModal extends Modal {
	private answered = false;

	constructor(
		app: App,
		private readonly folder: string,
		private readonly files: readonly string[],
		private readonly answer: (replace: boolean) => void,
	) {
		super(app);
	}

	onOpen(): void {
		this.setTitle(t('train.widget.replace.title'));
		this.contentEl.createEl('p', { text: t('train.widget.replace.text', { folder: this.folder, files: this.files.map((f) => f.split('/').pop() ?? f).join(', ') }) });
		const buttons = this.contentEl.createDiv({ cls: 'modal-button-container' });
		const replace = buttons.createEl('button', { cls: 'mod-warning', text: t('train.widget.replace'), attr: { type: 'button', 'data-action': 'replace' } });
		const cancel = buttons.createEl('button', { text: t('train.widget.cancel'), attr: { type: 'button', 'data-action': 'cancel' } });
		replace.addEventListener('click', () => this.choose(true));
		cancel.addEventListener('click', () => this.choose(false));
		// Replacing loses the saved model: the keyboard starts on Cancel.
		cancel.focus();
	}

	onClose(): void {
		this.contentEl.empty();
		if (this.answered) return;
		this.answered = true;
		this.answer(false);
	}

	private choose(replace: boolean): void {
		if (this.answered) return;
		this.answered = true;
		this.answer(replace);
		this.close();
	}
}

/** Asks whether to replace the model in `folder` (its `files`); resolves true for Replace, false for Cancel or a closed dialog. */
export function confirmReplace(app: App, folder: string, files: readonly string[]): Promise<boolean> {
	return new Promise((resolve) => new ReplaceModelModal(app, folder, files, resolve).open());
}

/** The cnn-classify block that classifies drawings with the model saved in `folder` (cnn-classify reads a vault model.json by wiki-link). */
export function classifyBlockText(folder: string): string {
	return ['```cnn-classify', `model: "[[${folder}/model.json]]"`, 'input: draw', '```'].join('\n');
}

/** "Saved in <folder>" and the cnn-classify block that uses the model, with a Copy button (a Notice says how it went). */
export function renderSavedBlock(parent: HTMLElement, owner: Component, folder: string, clipboard: { writeText(text: string): Promise<void> }): void {
	parent.createDiv({ cls: 'cnn-train-saved-line', text: t('train.widget.saved', { folder }) });
	parent.createDiv({ cls: 'cnn-caption', text: t('train.widget.classifyBlock') });
	const text = classifyBlockText(folder);
	parent.createEl('pre', { cls: 'cnn-train-block', text });
	const copy = parent.createEl('button', { text: t('train.widget.copy'), attr: { type: 'button', 'data-action': 'copy' } });
	listen(owner, copy, 'click', async () => {
		try {
			await clipboard.writeText(text);
			new Notice(t('train.widget.copied'));
		} catch {
			new Notice(t('train.widget.copyFailed'));
		}
	});
}

/** What metadata.json says of a saved model, as the widget shows it. */
export interface SavedSummary {
	folder: string;
	accuracy: number | null;
	epochs: number | null;
	/** When it was saved (ISO text), or null. */
	time: string | null;
	history: EpochFigures[];
	/** The class names metadata.json gives, or null. */
	labels: string[] | null;
}

/** Largest metadata.json read (characters): a saved model's is a few kilobytes. */
const MAX_METADATA_CHARS = 1_000_000;

/** A finite number, or null. */
function finite(x: unknown): number | null {
	return typeof x === 'number' && Number.isFinite(x) ? x : null;
}

/** The file at exactly `path`, or null. */
function fileAt(vault: TrainVault, path: string): TFile | null {
	const found = vault.getAbstractFileByPath(path);
	return found instanceof TFile ? found : null;
}

/**
 * The summary of the model saved in `folder` (null when the folder holds no model.json with a
 * metadata.json), or why its metadata.json cannot be read.
 */
export async function readSavedSummary(vault: TrainVault, folder: string): Promise<Result<SavedSummary> | null> {
	const meta = fileAt(vault, `${folder}/metadata.json`);
	if (!meta || !fileAt(vault, `${folder}/model.json`)) return null;
	const bad = (reason: string): Result<SavedSummary> => failure({ code: 'train.widget.savedUnreadable', vars: { folder, reason } });
	try {
		const text = await vault.read(meta);
		if (text.length > MAX_METADATA_CHARS) return bad(`${text.length} > ${MAX_METADATA_CHARS}`);
		const json: unknown = JSON.parse(text);
		if (typeof json !== 'object' || json === null) return bad('not an object');
		const record = json as Record<string, unknown>;
		const training = typeof record.training === 'object' && record.training !== null ? (record.training as Record<string, unknown>) : {};
		const history: EpochFigures[] = [];
		if (Array.isArray(record.history)) {
			for (const item of record.history as unknown[]) {
				const e = (typeof item === 'object' && item !== null ? item : {}) as Record<string, unknown>;
				history.push({ trainLoss: finite(e.trainLoss) ?? NaN, trainAccuracy: finite(e.trainAccuracy) ?? NaN, validationLoss: finite(e.validationLoss) ?? NaN, validationAccuracy: finite(e.validationAccuracy) ?? NaN });
			}
		}
		const epochs = finite(training.epochsTrained) ?? (history.length > 0 ? history.length : finite(training.epochs));
		const labels = Array.isArray(record.labels) && record.labels.every((l): l is string => typeof l === 'string') ? record.labels : null;
		return success({ folder, accuracy: finite(record.validationAccuracy), epochs, time: typeof record.timeStamp === 'string' ? record.timeStamp : null, history, labels });
	} catch (e) {
		return bad(e instanceof Error ? e.message : String(e));
	}
}

/** The files of the model saved in `folder`, to continue training from (read as cnn-classify reads a vault model). */
export function readSavedModel(vault: TrainVault, folder: string): Promise<Result<ModelFiles>> {
	const files = { resolve: (path: string) => fileAt(vault, path), readText: (file: TFile) => vault.read(file), readBinary: (file: TFile) => vault.readBinary(file) };
	return vaultModelArtifacts(files, `${folder}/model.json`, '').then((read) => (read.ok ? success(read.value.files) : read));
}
