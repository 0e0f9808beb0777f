/**
 * The TensorFlow.js Layers model format (model.json + weight files) -> ModelFiles (what
 * tf.loadLayersModel(tf.io.fromMemory(...)) takes), checked. No tfjs here: the page reads vault
 * models with it and hands the files to the model worker, which builds them.
 */

/** A model's topology and weights as tf.io.fromMemory takes them, with the weights in one buffer (it can be transferred to the model worker). */
export interface ModelFiles {
	modelTopology: object;
	weightSpecs: { name: string; shape: number[]; dtype: 'float32' | 'int32' }[];
	weightData: ArrayBuffer;
	format?: string;
	generatedBy?: string;
}

/** Why a model.json was refused, in English for the error box's `{reason}` (the file is technical). */
export class ModelFormatError extends Error {}

/** One group of the weights manifest: the files (relative paths) and the weights they hold, in order. */
interface ManifestGroup {
	paths: string[];
	weights: ModelFiles['weightSpecs'];
}

/** true for a plain object (not null, not an array). */
function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The weight entry's name, shape and dtype, checked. */
function weightEntry(value: unknown, at: string): ModelFiles['weightSpecs'][number] {
	if (!isRecord(value) || typeof value.name !== 'string' || !Array.isArray(value.shape) || typeof value.dtype !== 'string') {
		throw new ModelFormatError(`${at} is not a weight entry with a name, a shape and a dtype`);
	}
	const shape: unknown[] = value.shape;
	if (!shape.every((d) => typeof d === 'number' && Number.isInteger(d) && d >= 0)) throw new ModelFormatError(`${at} has an invalid shape`);
	if (value.dtype !== 'float32' && value.dtype !== 'int32') throw new ModelFormatError(`${at} has dtype ${value.dtype}; float32 or int32 expected`);
	if (value.quantization !== undefined) throw new ModelFormatError(`${at} is quantized; save the model without quantization`);
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

/** Bytes per element of a weight dtype. */
const BYTES = { float32: 4, int32: 4 } as const;

/**
 * Checks a parsed model.json (tfjs Layers format) and reads every weight file it lists through
 * `readWeights(path)` (paths as written in the manifest, relative to model.json), concatenated in
 * manifest order. Throws ModelFormatError when the JSON is not a Layers model or the bytes do not
 * add up to the weights listed; readWeights' own errors pass through.
 */
export async function artifactsFromModelJson(json: unknown, readWeights: (path: string) => Promise<ArrayBuffer>): Promise<ModelFiles> {
	if (!isRecord(json)) throw new ModelFormatError('it is not a JSON object');
	if (!isRecord(json.modelTopology)) throw new ModelFormatError('it has no modelTopology (is it a TensorFlow.js Layers model?)');
	if (json.format !== undefined && json.format !== 'layers-model') throw new ModelFormatError(`its format is ${JSON.stringify(json.format)}, not layers-model`);
	const groups = manifestOf(json);
	const buffers: ArrayBuffer[] = [];
	for (const group of groups) for (const path of group.paths) buffers.push(await readWeights(path));
	const weightSpecs = groups.flatMap((g) => g.weights);
	const expected = weightSpecs.reduce((n, w) => n + w.shape.reduce((a, b) => a * b, 1) * BYTES[w.dtype], 0);
	const total = buffers.reduce((n, b) => n + b.byteLength, 0);
	if (total !== expected) throw new ModelFormatError(`the weight files hold ${total} bytes but the manifest lists ${expected}`);
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

