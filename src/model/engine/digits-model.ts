/**
 * The built-in `model: digits`: a small CNN trained by `npm run train:digits` on MNIST digits
 * (assets/digits/PROVENANCE.md). Its topology and weights are embedded into the model worker, not
 * into the page's code: only the worker builds it.
 */
import modelJson from '../../../assets/digits/model.json';
import weights from '../../../assets/digits/weights.bin';
import { artifactsFromModelJson, ModelFormatError, type ModelFiles } from '../artifacts';

/** The weight files of the embedded model, by the path model.json lists them under. */
const WEIGHT_FILES: ReadonlyMap<string, Uint8Array> = new Map([['weights.bin', weights]]);

/** The embedded model as tfjs artifacts (a fresh copy of the weights each call). */
export function digitsArtifacts(): Promise<ModelFiles> {
	return artifactsFromModelJson(modelJson, async (path) => {
		const bytes = WEIGHT_FILES.get(path);
		if (!bytes) throw new ModelFormatError(`the embedded model has no weight file ${path}`);
		return bytes.slice().buffer;
	});
}
