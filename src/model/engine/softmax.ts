/**
 * Where a classifier's probabilities come from: a final softmax layer (its input gives the logits),
 * softmax folded into the last layer's activation (the logits shown are log-probabilities), or
 * nowhere (the output is logits: the engine applies softmax). Nested models are looked into: a
 * Teachable Machine model ends in a nested head whose Dense layer has the softmax.
 */
import type { LayersModel, SymbolicTensor } from '@tensorflow/tfjs-layers';
import { isModel, refOf, type ModelGraph, type ValueRef } from './graph';

/** How the logits and probabilities are read. */
export type SoftmaxPlace =
	/** A softmax layer ends the model: logits are its input, probabilities its output; `entries` are the layers (indices) giving those two values, always read. */
	| { kind: 'layer'; logits: ValueRef; probabilities: ValueRef; entries: number[] }
	/** The last layer's activation is softmax: `output` is the probabilities. */
	| { kind: 'folded'; output: ValueRef }
	/** The output is logits. */
	| { kind: 'none'; output: ValueRef };

/** What softmaxPlace finds: a place, or an output that goes through another function (sigmoid, relu, ...): neither one probability per class nor logits. */
export type SoftmaxFinding = SoftmaxPlace | { kind: 'other'; activation: string };

/** Layers that only move or drop values (at inference): the class scores before them are the same numbers. */
const SHAPE_ONLY = new Set(['Reshape', 'Flatten', 'Dropout', 'SpatialDropout1D', 'SpatialDropout2D', 'GaussianNoise', 'GaussianDropout', 'AlphaDropout', 'Permute']);

/** `tensor` followed back through shape-only layers (and linear activations) to the layer that computes the scores. */
function throughShapeOnly(tensor: SymbolicTensor): SymbolicTensor {
	let t = tensor;
	for (let i = 0; i < 16; i++) {
		const layer = t.sourceLayer;
		const config = layer.getConfig();
		const linear = layer.getClassName() === 'Activation' && config.activation === 'linear';
		if (!SHAPE_ONLY.has(layer.getClassName()) && !linear) break;
		const input = layer.inboundNodes[t.nodeIndex]?.inputTensors[0];
		if (!input) break;
		t = input;
	}
	return t;
}

/** The model's output followed into nested models down to the layer that makes it, with the scope it is read in (null once a nested model has no scope). */
function finalTensor(graph: ModelGraph, model: LayersModel): { tensor: SymbolicTensor; scope: number | null } {
	let tensor = model.outputs[0];
	if (!tensor) throw new Error('the model has no output');
	let scope: number | null = 0;
	for (let layer = tensor.sourceLayer; isModel(layer); layer = tensor.sourceLayer) {
		const inner: SymbolicTensor | undefined = layer.outputs[0];
		if (!inner) break;
		scope = scope === null ? null : (graph.scopeOf.get(layer) ?? null);
		tensor = inner;
	}
	return { tensor, scope };
}

/** The entries whose value is the symbolic tensor `t`. */
function entriesOf(graph: ModelGraph, t: SymbolicTensor): number[] {
	const found: number[] = [];
	for (const [i, ref] of graph.refs.entries()) if (ref && graph.scopes[ref.scope]?.tensors[ref.slot] === t) found.push(i);
	return found;
}

/** Where `model`'s logits and probabilities are read (adds what it needs to the graph's probes: call before buildProbes). */
export function softmaxPlace(graph: ModelGraph, model: LayersModel): SoftmaxFinding {
	const top = model.outputs[0];
	if (!top) throw new Error('the model has no output');
	const output = refOf(graph, 0, top);
	const { tensor: final, scope } = finalTensor(graph, model);
	// Keras' MobileNet ends softmax -> Reshape: the scores are decided before the reshape.
	const tensor = throughShapeOnly(final);
	const index = graph.indexOf.get(tensor.sourceLayer);
	const last = index === undefined ? undefined : graph.layers[index];
	if (last?.kind === 'softmax') {
		const logits = tensor.sourceLayer.inboundNodes[tensor.nodeIndex]?.inputTensors[0];
		if (scope === null || !logits || logits.shape.length !== 2) return { kind: 'folded', output };
		const place = { logits: refOf(graph, scope, logits), probabilities: refOf(graph, scope, tensor) };
		return { kind: 'layer', ...place, entries: [...entriesOf(graph, logits), ...entriesOf(graph, tensor)] };
	}
	if (last?.activation === 'softmax') return { kind: 'folded', output };
	// A folded activation other than softmax (sigmoid, relu, ...), or an activation layer ending the model.
	const other = last?.kind === 'activation' || last?.kind === 'relu' ? (last.activation ?? last.kind) : last?.activation;
	return other !== undefined ? { kind: 'other', activation: other } : { kind: 'none', output };
}
