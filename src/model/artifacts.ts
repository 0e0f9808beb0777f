/**
 * The TensorFlow.js Layers model format (model.json + weight files) -> ModelFiles (what
 * tf.loadLayersModel(tf.io.fromMemory(...)) takes), checked. No tfjs here: the page reads vault
 * models with it and hands the files to the model worker, which builds them.
 */
import { MAX_WEIGHT_BYTES } from './limits';

/** A model's topology and weights as tf.io.fromMemory takes them, with the weights in one buffer (it can be transferred to the model worker). */
export interface ModelFiles {
	modelTopology: object;
	weightSpecs: { name: string; shape: number[]; dtype: 'float32' | 'int32' }[];
	weightData: ArrayBuffer;
	format?: string;
	generatedBy?: string;
}

/**
 * What is wrong with a model.json, for the message the page shows: any problem of the format
 * ('invalid', with the English reason), a converter graph model, weights stored as another type
 * than float32/int32 (float16, quantized), weights over MAX_WEIGHT_BYTES (bytes), or weight files
 * whose total size (bytes) is not the manifest's.
 */
export type ModelFormatProblem =
	| { kind: 'invalid' }
	| { kind: 'graph' }
	| { kind: 'weightType'; weight: string; dtype: string }
	| { kind: 'tooLarge'; bytes: number }
	| { kind: 'weightsSize'; found: number; expected: number };

/** Why a model.json was refused: `message` in English for the error box's folded detail, `problem` for the translated message. */
export class ModelFormatError extends Error {
	constructor(
		message: string,
		readonly problem: ModelFormatProblem = { kind: 'invalid' },
	) {
		super(message);
	}
}

/** One group of the weights manifest: the files (relative paths) and the weights they hold, in order. */
interface ManifestGroup {
	paths: string[];
	weights: ModelFiles['weightSpecs'];
}

/** true for a plain object (not null, not an array). */
function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The weight entry's name, shape and dtype, checked: float32 or int32, not quantized. */
function weightEntry(value: unknown, at: string): ModelFiles['weightSpecs'][number] {
	if (!isRecord(value) || typeof value.name !== 'string' || !Array.isArray(value.shape) || typeof value.dtype !== 'string') {
		throw new ModelFormatError(`${at} is not a weight entry with a name, a shape and a dtype`);
	}
	const shape: unknown[] = value.shape;
	if (!shape.every((d) => typeof d === 'number' && Number.isInteger(d) && d >= 0)) throw new ModelFormatError(`${at} has an invalid shape`);
	const quantization = value.quantization;
	if (quantization !== undefined) {
		const stored = isRecord(quantization) && typeof quantization.dtype === 'string' ? quantization.dtype : '?';
		throw new ModelFormatError(`${at} (${value.name}) is quantized to ${stored}; save the model without quantization`, { kind: 'weightType', weight: value.name, dtype: `${stored} (quantized)` });
	}
	if (value.dtype !== 'float32' && value.dtype !== 'int32') {
		throw new ModelFormatError(`${at} (${value.name}) has dtype ${value.dtype}; float32 or int32 expected`, { kind: 'weightType', weight: value.name, dtype: value.dtype });
	}
	return { name: value.name, shape: shape as number[], dtype: value.dtype };
}

/** The manifest groups of a parsed model.json. */
function manifestOf(json: Record<string, unknown>): ManifestGroup[] {
	const manifest = json.weightsManifest;
	if (!Array.isArray(manifest)) throw new ModelFormatError('it has no weightsManifest list');
	return manifest.map((group: unknown, g) => {
		if (!isRecord(group) || !Array.isArray(group.paths) || !Array.isArray(group.weights)) {
			throw new ModelFormatError(`weightsManifest[${g}] needs "paths" and "weights" lists`);
		}
		const paths: unknown[] = group.paths;
		if (!paths.every((p) => typeof p === 'string' && p !== '')) throw new ModelFormatError(`weightsManifest[${g}].paths must be file names`);
		const weights: unknown[] = group.weights;
		return { paths: paths as string[], weights: weights.map((w, i) => weightEntry(w, `weightsManifest[${g}].weights[${i}]`)) };
	});
}

/**
 * true for a TensorFlow.js graph model (tensorflowjs_converter's default output): `format:
 * "graph-model"`, or a modelTopology holding a TensorFlow GraphDef (a `node` list) instead of Keras layers.
 */
export function isGraphModel(json: unknown): boolean {
	if (!isRecord(json)) return false;
	if (json.format === 'graph-model') return true;
	return isRecord(json.modelTopology) && Array.isArray(json.modelTopology.node);
}

/** Bytes per element of a weight dtype. */
const BYTES = { float32: 4, int32: 4 } as const;

/** Bytes the manifest's weights take: elements x 4 for each. */
function manifestBytes(weights: ModelFiles['weightSpecs']): number {
	return weights.reduce((n, w) => n + w.shape.reduce((a, b) => a * b, 1) * BYTES[w.dtype], 0);
}

/**
 * Checks a parsed model.json (tfjs Layers format) and reads every weight file it lists through
 * `readWeights(path)` (paths as written in the manifest, relative to model.json), concatenated in
 * manifest order. Throws ModelFormatError when the JSON is not a Layers model (a graph model has its
 * own problem), a weight is not float32/int32, the manifest's weights exceed MAX_WEIGHT_BYTES (before
 * any file is read), or the bytes read do not add up to the weights listed; readWeights' own errors
 * pass through.
 */
export async function artifactsFromModelJson(json: unknown, readWeights: (path: string) => Promise<ArrayBuffer>): Promise<ModelFiles> {
	if (!isRecord(json)) throw new ModelFormatError('it is not a JSON object');
	if (isGraphModel(json)) throw new ModelFormatError('it is a TensorFlow.js graph model, not a Layers model', { kind: 'graph' });
	if (!isRecord(json.modelTopology)) throw new ModelFormatError('it has no modelTopology (is it a TensorFlow.js Layers model?)');
	if (json.format !== undefined && json.format !== 'layers-model') throw new ModelFormatError(`its format is ${JSON.stringify(json.format)}, not layers-model`);
	const groups = manifestOf(json);
	const weightSpecs = groups.flatMap((g) => g.weights);
	const expected = manifestBytes(weightSpecs);
	if (expected > MAX_WEIGHT_BYTES) {
		throw new ModelFormatError(`its weights take ${expected} bytes, more than the ${MAX_WEIGHT_BYTES} allowed`, { kind: 'tooLarge', bytes: expected });
	}
	const buffers: ArrayBuffer[] = [];
	for (const group of groups) for (const path of group.paths) buffers.push(await readWeights(path));
	const total = buffers.reduce((n, b) => n + b.byteLength, 0);
	if (total !== expected) throw new ModelFormatError(`the weight files hold ${total} bytes but the manifest lists ${expected}`, { kind: 'weightsSize', found: total, expected });
	const weightData = new Uint8Array(total);
	let offset = 0;
	for (const b of buffers) {
		weightData.set(new Uint8Array(b), offset);
		offset += b.byteLength;
	}
	return {
		modelTopology: json.modelTopology,
		weightSpecs,
		weightData: weightData.buffer,
		format: 'layers-model',
		generatedBy: typeof json.generatedBy === 'string' ? json.generatedBy : undefined,
	};
}
