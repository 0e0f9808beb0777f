/**
 * Saving a trained model into the vault as `cnn-classify` reads it and Teachable Machine writes it:
 * a folder with model.json (the TensorFlow.js Layers format, its weights manifest naming
 * weights.bin), weights.bin, and metadata.json (class names, input size, channels, value scale,
 * the training settings, the final accuracy and every epoch's figures). Never overwrites without being asked: when the
 * folder already holds a model the caller is told, and asks the user. Obsidian is reached through
 * SaveModelDeps; failures come back as message-key values, never as exceptions.
 */
import '../i18n/train-messages';
import { normalizePath, TFile, TFolder, type TAbstractFile } from 'obsidian';
import { clip } from '../i18n';
import type { ModelFiles } from '../model/artifacts';
import type { FitMode, ValueScale } from '../model/prepare-input';
import { failure, success, type Result } from '../result';

/** The files of a saved model, in the order they are written (model.json last: it names the others). */
export const MODEL_FILES = ['weights.bin', 'metadata.json', 'model.json'] as const;

/** What saving needs from the vault (Obsidian's Vault has all of it). */
export interface SaveModelDeps {
	getAbstractFileByPath(path: string): TAbstractFile | null;
	createFolder(path: string): Promise<unknown>;
	create(path: string, data: string): Promise<TFile>;
	createBinary(path: string, data: ArrayBuffer): Promise<TFile>;
	modify(file: TFile, data: string): Promise<void>;
	modifyBinary(file: TFile, data: ArrayBuffer): Promise<void>;
	/** A file's bytes: the old weights.bin is read before it is replaced, to put it back if a later write fails. */
	readBinary(file: TFile): Promise<ArrayBuffer>;
	/** A text file's content: the old model.json and metadata.json, read for the same reason. */
	read(file: TFile): Promise<string>;
}

/** What metadata.json says of a trained model. */
export interface SavedModelMeta {
	/** Class names, in the order of the model's outputs. */
	labels: string[];
	/** The model's input [height, width, channels]. */
	input: readonly [number, number, number];
	/** The value range the model was trained on (cnn-classify reads it back as its default scale). */
	scale: ValueScale;
	fit?: FitMode;
	/** The model's name (the folder's name by default). */
	name?: string;
	/** The training settings, as the block wrote them (epochs, batch, learning rate, ...). */
	training?: Record<string, string | number | boolean>;
	/** Accuracy on the held-out (validation) pictures at the end, 0..1. */
	accuracy?: number;
	/** The figures of every epoch trained, oldest first (losses, accuracies 0..1), so that reopening redraws the curves. */
	history?: EpochFigures[];
}

/** One epoch's figures as metadata.json keeps them: mean training loss and accuracy, validation loss and accuracy (0..1). */
export interface EpochFigures {
	trainLoss: number;
	trainAccuracy: number;
	validationLoss: number;
	validationAccuracy: number;
}

/** A figure rounded to 4 decimals; NaN and infinities (JSON has none) become null. */
function figure(x: number): number | null {
	return Number.isFinite(x) ? Number(x.toFixed(4)) : null;
}

/** What saving did: wrote the files, or found a model already there and wrote nothing. */
export type SaveOutcome = { kind: 'saved'; folder: string; files: string[] } | { kind: 'exists'; folder: string; files: string[] };

/** The model.json text: the topology and a manifest with all weights in weights.bin. */
export function modelJson(files: ModelFiles): string {
	return JSON.stringify({
		modelTopology: files.modelTopology,
		format: 'layers-model',
		generatedBy: files.generatedBy ?? 'CNN Notes',
		convertedBy: null,
		weightsManifest: [{ paths: ['weights.bin'], weights: files.weightSpecs }],
	});
}

/** The metadata.json text, in Teachable Machine's shape (labels, imageSize) with CNN Notes' own fields. */
export function metadataJson(meta: SavedModelMeta): string {
	const [h, w, c] = meta.input;
	const json: Record<string, unknown> = {
		packageName: 'cnn-notes',
		modelName: meta.name ?? 'model',
		labels: meta.labels,
		...(h === w ? { imageSize: h } : {}),
		inputShape: [h, w, c],
		channels: c === 3 ? 'rgb' : 'gray',
		scale: meta.scale,
		...(meta.fit ? { fit: meta.fit } : {}),
		...(meta.training ? { training: meta.training } : {}),
		...(meta.accuracy !== undefined && Number.isFinite(meta.accuracy) ? { validationAccuracy: Number(meta.accuracy.toFixed(4)) } : {}),
		...(meta.history ? { history: meta.history.map((e) => ({ trainLoss: figure(e.trainLoss), trainAccuracy: figure(e.trainAccuracy), validationLoss: figure(e.validationLoss), validationAccuracy: figure(e.validationAccuracy) })) } : {}),
		timeStamp: new Date().toISOString(),
	};
	return JSON.stringify(json, null, 2);
}

/** The folder path of a `save:` link: normalised, without a trailing slash; null when it leaves the vault or is empty. */
export function saveFolder(linkpath: string): string | null {
	const clean = normalizePath(linkpath.split('#')[0]?.trim() ?? '').replace(/\/+$/, '');
	if (clean === '' || clean === '/' || clean.split('/').some((part) => part === '..' || part === '.')) return null;
	return clean;
}

/** The message of anything thrown. */
function reasonOf(e: unknown): string {
	return e instanceof Error ? e.message : String(e);
}

/** A model file as it was before saving: its text (model.json, metadata.json) or bytes (weights.bin), as it is written. */
interface OldFile {
	file: TFile;
	content: string | ArrayBuffer;
}

/** Puts every replaced file back to its old content, best effort (a restore that fails too is left as it is). */
async function restore(deps: SaveModelDeps, replaced: readonly OldFile[]): Promise<void> {
	for (const { file, content } of replaced) {
		try {
			if (typeof content === 'string') await deps.modify(file, content);
			else await deps.modifyBinary(file, content);
		} catch {
			// The first failure is the one reported; the vault refused this file too.
		}
	}
}

/**
 * Saves `files` with `meta` into the vault folder `linkpath` (created when missing). When the folder
 * already holds any of the model's files and `overwrite` is false, nothing is written and the
 * outcome lists them (the widget asks, then calls again with overwrite). Replacing is all or
 * nothing as far as the vault allows: the old files are read first (text or bytes, as each is
 * written), and when a write fails every file replaced so far gets its old content back (best
 * effort), so the old model still loads.
 * Errors: the path leaves the vault, names a file, an old file cannot be read, or a write fails (a
 * read-only vault): each names the path.
 */
export async function saveModel(deps: SaveModelDeps, linkpath: string, files: ModelFiles, meta: SavedModelMeta, overwrite = false): Promise<Result<SaveOutcome>> {
	const folder = saveFolder(linkpath);
	if (folder === null) return failure({ code: 'train.error.savePath', vars: { path: clip(linkpath) } });
	const existing = deps.getAbstractFileByPath(folder);
	if (existing instanceof TFile) return failure({ code: 'train.error.saveIsFile', vars: { path: folder } });
	const present = MODEL_FILES.filter((name) => deps.getAbstractFileByPath(`${folder}/${name}`) !== null);
	if (present.length > 0 && !overwrite) return success({ kind: 'exists', folder, files: present.map((name) => `${folder}/${name}`) });
	const texts: Record<(typeof MODEL_FILES)[number], string | ArrayBuffer> = {
		'weights.bin': files.weightData,
		'metadata.json': metadataJson({ ...meta, name: meta.name ?? folder.split('/').pop() }),
		'model.json': modelJson(files),
	};
	// The old model's files, read before anything is written: a failed write puts them back.
	const old = new Map<string, OldFile>();
	for (const name of MODEL_FILES) {
		const path = `${folder}/${name}`;
		const there = deps.getAbstractFileByPath(path);
		if (there instanceof TFolder) return failure({ code: 'train.error.saveIsFolder', vars: { path } });
		if (!(there instanceof TFile)) continue;
		try {
			old.set(name, { file: there, content: typeof texts[name] === 'string' ? await deps.read(there) : await deps.readBinary(there) });
		} catch (e) {
			const reason = reasonOf(e);
			return failure({ code: 'train.error.saveReadOld', vars: { path, reason: clip(reason) }, detail: reason });
		}
	}
	let path = folder;
	const replaced: OldFile[] = [];
	try {
		if (!(existing instanceof TFolder)) await deps.createFolder(folder);
		for (const name of MODEL_FILES) {
			path = `${folder}/${name}`;
			const data = texts[name];
			const there = old.get(name);
			if (there) replaced.push(there); // before the write: a write that fails halfway is put back too
			if (typeof data === 'string') {
				if (there) await deps.modify(there.file, data);
				else await deps.create(path, data);
			} else if (there) await deps.modifyBinary(there.file, data);
			else await deps.createBinary(path, data);
		}
	} catch (e) {
		await restore(deps, replaced);
		const reason = reasonOf(e);
		return failure({ code: 'train.error.saveFailed', vars: { path, reason: clip(reason) }, detail: reason });
	}
	return success({ kind: 'saved', folder, files: MODEL_FILES.map((name) => `${folder}/${name}`) });
}
