/**
 * Building a tfjs Layers model from its artifacts, and freeing it, without leaving tensors behind
 * where tfjs itself would (weights that do not fit the model, a nested head's weights).
 */
import type { io, NamedTensorMap } from '@tensorflow/tfjs-core';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import type { Tf } from './tf';

/**
 * Frees a model's weights. tfjs's dispose leaves the weights of a nested Sequential model called
 * on a tensor (a Teachable Machine head: its reference count stays above 0); those are freed one by
 * one afterwards, skipping the ones already freed (their dispose throws: LayerVariable tells no
 * other way).
 */
export function freeModel(model: LayersModel): void {
	const weights = model.weights;
	model.dispose();
	for (const weight of weights) {
		try {
			weight.dispose();
		} catch {
			// Already freed by the model's dispose.
		}
	}
}

/**
 * Builds the model, then sets its weights: tfjs's own loadLayersModel leaves the model it built in
 * memory when the weights do not fit it (a kernel of the wrong shape, a missing name); here the
 * model and the decoded weights are freed before the error goes on.
 */
export async function build(tf: Tf, artifacts: io.ModelArtifacts): Promise<LayersModel> {
	const model = await tf.loadLayersModel(tf.io.fromMemory({ modelTopology: artifacts.modelTopology }));
	const { weightData, weightSpecs } = artifacts;
	if (weightData === undefined || weightSpecs === undefined) return model;
	let weights: NamedTensorMap = {};
	try {
		weights = tf.io.decodeWeights(weightData, weightSpecs);
		model.loadWeights(weights, true);
	} catch (e) {
		freeModel(model);
		throw e;
	} finally {
		tf.dispose(Object.values(weights));
	}
	return model;
}
