// The files of a tfjs Layers model as `model.save` makes them: model.json (its weights manifest
// naming the weight files) and the weights as one `weights.bin` or split into `shards` files
// (group1-shardNofM.bin, 4-byte aligned). Shared by the scripts that train or build models
// (train-digits, make-shapes-model) and the big-model bench. Development tooling only.

/**
 * model.json (a plain object) and the weight files ([name, bytes] pairs) of `model`, saved through
 * a tfjs save handler. `shards` > 1 splits the weights as tensorflowjs_converter does.
 */
export async function layersModelFiles(tf, model, shards = 1) {
	let artifacts;
	await model.save(
		tf.io.withSaveHandler(async (a) => {
			artifacts = a;
			return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
		}),
	);
	const parts = Array.isArray(artifacts.weightData) ? artifacts.weightData : [artifacts.weightData];
	const all = Buffer.concat(parts.map((b) => Buffer.from(b)));
	const names = shards <= 1 ? ['weights.bin'] : Array.from({ length: shards }, (_, i) => `group1-shard${i + 1}of${shards}.bin`);
	const step = Math.ceil(all.length / names.length / 4) * 4;
	const json = {
		modelTopology: artifacts.modelTopology,
		format: 'layers-model',
		generatedBy: `TensorFlow.js tfjs-layers v${tf.version_layers}`,
		convertedBy: null,
		weightsManifest: [{ paths: names, weights: artifacts.weightSpecs }],
	};
	return { json, weights: names.map((name, i) => [name, all.subarray(i * step, (i + 1) * step)]), weightBytes: all.length, weightCount: artifacts.weightSpecs.length };
}
