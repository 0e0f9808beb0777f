/**
 * A TensorFlow.js Layers model stored in the vault (`model: "[[models/digits/model.json]]"`):
 * model.json plus the weight files it lists, read next to it. Obsidian is reached only through
 * ModelFileDeps; failures come back as message-key values, never as exceptions.
 */
import type { TFile } from 'obsidian';
import { clip } from '../i18n';
import { failure, success, type Result } from '../result';
import { artifactsFromModelJson, ModelFormatError, type ModelFiles, type ModelFormatProblem } from './artifacts';
import { MAX_MODEL_JSON_CHARS, MAX_WEIGHT_BYTES } from './limits';

/** What reading a vault model needs from Obsidian. */
export interface ModelFileDeps {
	/** The file a link path points to from the note at sourcePath (metadataCache.getFirstLinkpathDest), or null. */
	resolve(linkpath: string, sourcePath: string): TFile | null;
	/** The file's text (vault.cachedRead), for model.json. */
	readText(file: TFile): Promise<string>;
	/** The file's bytes (vault.readBinary), for the weight files. */
	readBinary(file: TFile): Promise<ArrayBuffer>;
}

/** Why a vault model could not be read, as a message key of src/i18n with its variables. */
export type ModelFileError =
	| { code: 'classify.error.modelMissing'; vars: { link: string } }
	| { code: 'classify.error.modelInvalid'; vars: { file: string; reason: string } }
	| { code: 'classify.error.weightsMissing'; vars: { file: string; model: string } }
	| { code: 'classify.error.graphModel'; vars: { file: string } }
	| { code: 'classify.error.weightType'; vars: { file: string; weight: string; dtype: string } }
	| { code: 'classify.error.tooLarge'; vars: { file: string; size: number; limit: number } }
	| { code: 'classify.error.modelJsonTooLarge'; vars: { file: string; size: string; limit: number } }
	| { code: 'classify.error.weightsSize'; vars: { file: string; found: number; expected: number } };

/** Bytes in the megabyte of the size messages. */
const MB = 1024 * 1024;

/** The message of a model.json refused by the format check (`file` is its path). */
function formatError(file: string, problem: ModelFormatProblem, reason: string): ModelFileError {
	switch (problem.kind) {
		case 'graph':
			return { code: 'classify.error.graphModel', vars: { file } };
		case 'weightType':
			return { code: 'classify.error.weightType', vars: { file, weight: clip(problem.weight), dtype: clip(problem.dtype) } };
		case 'tooLarge':
			return { code: 'classify.error.tooLarge', vars: { file, size: Math.round((problem.bytes / MB) * 10) / 10, limit: MAX_WEIGHT_BYTES / MB } };
		case 'weightsSize':
			return { code: 'classify.error.weightsSize', vars: { file, found: problem.found, expected: problem.expected } };
		case 'invalid':
			return { code: 'classify.error.modelInvalid', vars: { file, reason } };
	}
}

/** A model read from the vault: its files (topology and weights) and its model.json file. */
export interface VaultModel {
	files: ModelFiles;
	file: TFile;
}

/** Thrown inside the weight reader when a listed weight file does not exist. */
class MissingWeights extends Error {
	constructor(readonly path: string) {
		super(path);
	}
}

/** The message of anything thrown. */
function reasonOf(e: unknown): string {
	return e instanceof Error ? e.message : String(e);
}

/**
 * Reads the model.json that `linkpath` resolves to from sourcePath, and every weight file its
 * manifest lists (paths relative to model.json's folder), into artifacts for tf.io.fromMemory.
 */
export async function vaultModelArtifacts(
	deps: ModelFileDeps,
	linkpath: string,
	sourcePath: string,
): Promise<Result<VaultModel>> {
	const file = deps.resolve(linkpath, sourcePath);
	if (!file) return failure({ code: 'classify.error.modelMissing', vars: { link: clip(linkpath) } } satisfies ModelFileError);
	// What is wrong with the file (JSON's or the manifest check's words) is a technical detail, shown folded away.
	const invalid = (reason: string): Result<VaultModel> =>
		failure({ ...({ code: 'classify.error.modelInvalid', vars: { file: file.path, reason } } satisfies ModelFileError), detail: reason });
	let json: unknown;
	try {
		const text = await deps.readText(file);
		// A topology is text of a few hundred KB (MobileNet: about 100 KB): a larger file is not parsed on the page.
		if (text.length > MAX_MODEL_JSON_CHARS) return failure({ code: 'classify.error.modelJsonTooLarge', vars: { file: file.path, size: (text.length / 1e6).toFixed(1), limit: MAX_MODEL_JSON_CHARS / 1e6 } });
		json = JSON.parse(text);
	} catch (e) {
		return invalid(reasonOf(e));
	}
	const folder = file.path.includes('/') ? file.path.slice(0, file.path.lastIndexOf('/') + 1) : '';
	try {
		const files = await artifactsFromModelJson(json, async (path) => {
			// The file at exactly that path: a link lookup would also find a same-named file elsewhere in the vault.
			const expected = `${folder}${path.replace(/^(\.\/)+/, '')}`;
			const weights = deps.resolve(expected, file.path);
			if (!weights || weights.path !== expected) throw new MissingWeights(expected);
			return deps.readBinary(weights);
		});
		return success({ files, file });
	} catch (e) {
		if (e instanceof MissingWeights) return failure({ code: 'classify.error.weightsMissing', vars: { file: e.path, model: file.path } } satisfies ModelFileError);
		if (e instanceof ModelFormatError) return failure({ ...formatError(file.path, e.problem, e.message), detail: e.message });
		return invalid(reasonOf(e));
	}
}
