/**
 * What a vault model's neighbours say about it: `metadata.json` (Teachable Machine's format:
 * `labels`, `imageSize`; and ours: `scale`, `fit`) or else `labels.txt` (one class name per line),
 * read from model.json's folder. Pure reading and checking; Obsidian is reached through MetaDeps.
 */
import type { TFile } from 'obsidian';
import { FIT_MODES, MAX_LABEL_LENGTH, VALUE_SCALES, type FitMode, type ValueScale } from './prepare-input';
import { clip } from '../i18n';
import { failure, success, type Result } from '../result';

/** What reading the neighbours needs: link resolution from model.json and file text. */
export interface MetaDeps {
	resolve(linkpath: string, sourcePath: string): TFile | null;
	readText(file: TFile): Promise<string>;
}

/** What the neighbours said; every field is absent when nothing said it. */
export interface ModelMeta {
	/** Class names, one per model output. */
	labels?: string[];
	/** The file the labels came from (metadata.json or labels.txt), for messages. */
	labelsFile?: string;
	/** The square side the model was trained at (Teachable Machine's imageSize). */
	imageSize?: number;
	/** The value range the model expects: metadata.json's `scale`, or -1..1 for a Teachable Machine export. */
	scale?: ValueScale;
	/** metadata.json's `fit`. */
	fit?: FitMode;
}

/** true for a plain object. */
function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The folder part of a vault path, with its trailing slash ('' at the root). */
export function folderOf(path: string): string {
	const slash = path.lastIndexOf('/');
	return slash < 0 ? '' : path.slice(0, slash + 1);
}

/** The file `name` in model.json's folder, or null (exact path: a same-named file elsewhere is not it). */
function sibling(deps: MetaDeps, model: TFile, name: string): TFile | null {
	const path = `${folderOf(model.path)}${name}`;
	const file = deps.resolve(path, model.path);
	return file && file.path === path ? file : null;
}

/** Class names from a list of strings or numbers; a reason (English, technical) when it is not one. */
function labelList(raw: unknown): string[] | string {
	if (!Array.isArray(raw)) return 'labels is not a list';
	const items: unknown[] = raw;
	const labels: string[] = [];
	for (const [i, item] of items.entries()) {
		const text = typeof item === 'string' ? item.trim() : typeof item === 'number' && Number.isFinite(item) ? String(item) : '';
		if (text === '' || text.length > MAX_LABEL_LENGTH) return `labels[${i}] is not a class name of 1 to ${MAX_LABEL_LENGTH} characters`;
		labels.push(text);
	}
	return labels;
}

/** The metadata of a parsed metadata.json, or the reason it cannot be used. */
export function metaFromJson(json: unknown): ModelMeta | string {
	if (!isRecord(json)) return 'it is not a JSON object';
	const meta: ModelMeta = {};
	if (json.labels !== undefined) {
		const labels = labelList(json.labels);
		if (typeof labels === 'string') return labels;
		meta.labels = labels;
	}
	if (json.imageSize !== undefined) {
		if (typeof json.imageSize !== 'number' || !Number.isInteger(json.imageSize) || json.imageSize < 1) return 'imageSize is not a whole number of pixels';
		meta.imageSize = json.imageSize;
	}
	const scale = VALUE_SCALES.find((s) => s === json.scale);
	if (json.scale !== undefined && scale === undefined) return `scale must be one of ${VALUE_SCALES.join(', ')}`;
	const teachable = typeof json.packageName === 'string' && json.packageName.startsWith('@teachablemachine/');
	// Teachable Machine's image models are MobileNet based and take values in -1..1.
	if (scale !== undefined) meta.scale = scale;
	else if (teachable) meta.scale = '-1..1';
	const fit = FIT_MODES.find((f) => f === json.fit);
	if (json.fit !== undefined && fit === undefined) return `fit must be one of ${FIT_MODES.join(', ')}`;
	if (fit !== undefined) meta.fit = fit;
	return meta;
}

/** Class names of a labels.txt: one per line, blank lines and surrounding spaces dropped. */
export function labelsFromText(text: string): string[] | string {
	const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== '');
	const long = lines.findIndex((l) => l.length > MAX_LABEL_LENGTH);
	if (long >= 0) return `line ${long + 1} is longer than ${MAX_LABEL_LENGTH} characters`;
	return lines;
}

/**
 * Reads metadata.json beside model.json (labels, imageSize, scale, fit) and, when it names no
 * labels, labels.txt. A neighbour that exists but cannot be read is an error (it would otherwise
 * silently give wrong class names or values); no neighbour at all is an empty ModelMeta.
 */
export async function readModelMeta(deps: MetaDeps, model: TFile): Promise<Result<ModelMeta>> {
	const invalid = (file: TFile, reason: string): Result<ModelMeta> =>
		failure({ code: 'classify.error.metadataInvalid', vars: { file: file.path, reason: clip(reason) }, detail: reason });
	let meta: ModelMeta = {};
	const metadata = sibling(deps, model, 'metadata.json');
	if (metadata) {
		let json: unknown;
		try {
			json = JSON.parse(await deps.readText(metadata));
		} catch (e) {
			return invalid(metadata, e instanceof Error ? e.message : String(e));
		}
		const read = metaFromJson(json);
		if (typeof read === 'string') return invalid(metadata, read);
		meta = read;
		if (meta.labels) meta.labelsFile = metadata.path;
	}
	if (!meta.labels) {
		const text = sibling(deps, model, 'labels.txt');
		if (text) {
			const labels = labelsFromText(await deps.readText(text));
			if (typeof labels === 'string') return invalid(text, labels);
			if (labels.length > 0) {
				meta.labels = labels;
				meta.labelsFile = text.path;
			}
		}
	}
	return success(meta);
}
