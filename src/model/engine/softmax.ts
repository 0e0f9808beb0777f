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
export function softmaxPlace(graph: ModelGraph, model: LayersModel): SoftmaxPlace {
	const top = model.outputs[0];
	if (!top) throw new Error('the model has no output');
	const output = refOf(graph, 0, top);
	const { tensor, scope } = finalTensor(graph, model);
	const index = graph.indexOf.get(tensor.sourceLayer);
	const last = index === undefined ? undefined : graph.layers[index];
	if (last?.kind === 'softmax') {
		const logits = tensor.sourceLayer.inboundNodes[tensor.nodeIndex]?.inputTensors[0];
		if (scope === null || !logits || logits.shape.length !== 2) return { kind: 'folded', output };
		const place = { logits: refOf(graph, scope, logits), probabilities: refOf(graph, scope, tensor) };
		return { kind: 'layer', ...place, entries: [...entriesOf(graph, logits), ...entriesOf(graph, tensor)] };
	}
	return last?.activation === 'softmax' ? { kind: 'folded', output } : { kind: 'none', output };
}
