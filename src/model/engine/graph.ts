/**
 * A Layers model as a flat list of layers (execution order, nested models followed by their own
 * layers) and the probes that read any layer's output: one probe model per (nested) model over its
 * own graph, fed with the values its parent's probe gives the nested model's inputs. A layer with
 * no single place in its model's graph (shared, or unused) is listed without a value.
 */
import type { Tensor } from '@tensorflow/tfjs-core';
import type { LayersModel, SymbolicTensor, layers as tfLayers } from '@tensorflow/tfjs-layers';
import { describeLayer, sourceOf, type LayerInfo } from './layers';
import type { Tf } from './tf';

type Layer = tfLayers.Layer;
type GraphNode = Layer['inboundNodes'][number];

/** Where a value is read after the probes ran: value `slot` of scope `scope` (its inputs first, then its probe's outputs). */
export interface ValueRef {
	scope: number;
	slot: number;
}

/** One model of the nesting, with the symbolic tensors its probe gives. */
interface Scope {
	model: LayersModel;
	/** The scope of the model that holds this one (null for the top model). */
	parent: number | null;
	/** The parent's values fed to this model's inputs, in order. */
	feed: ValueRef[];
	/** The model's inputs, then the probe's outputs. */
	tensors: SymbolicTensor[];
	/** Slot of each tensor in `tensors`. */
	slots: Map<SymbolicTensor, number>;
	/** Whether a tensor can be computed from the model's inputs (memo). */
	reach: Map<SymbolicTensor, boolean>;
	probe: LayersModel | null;
}

/** The flat layer list of a model and how to read each layer's output. */
export interface ModelGraph {
	/** Every layer (nested ones after their model), described. */
	layers: LayerInfo[];
	/** Where each layer's output is read; null for a layer that has no single output in its graph. */
	refs: (ValueRef | null)[];
	scopes: Scope[];
	/** Scope index of each nested model that has one. */
	scopeOf: Map<Layer, number>;
	/** Entry index of each layer. */
	indexOf: Map<Layer, number>;
}

/** true for a nested model (a Sequential or functional model used as a layer). */
export function isModel(layer: Layer): layer is LayersModel {
	return 'layers' in layer && Array.isArray(layer.layers) && 'inputs' in layer && Array.isArray(layer.inputs) && 'outputs' in layer && Array.isArray(layer.outputs);
}

/** Whether `t` can be computed from the scope's inputs. */
function reachable(scope: Scope, t: SymbolicTensor): boolean {
	const slot = scope.slots.get(t);
	if (slot !== undefined && slot < scope.model.inputs.length) return true;
	const known = scope.reach.get(t);
	if (known !== undefined) return known;
	scope.reach.set(t, false); // tfjs graphs have no cycles; this guards against one all the same
	const node: GraphNode | undefined = t.sourceLayer.inboundNodes[t.nodeIndex];
	const ok = node !== undefined && node.inboundLayers.length > 0 && node.inputTensors.every((i) => reachable(scope, i));
	scope.reach.set(t, ok);
	return ok;
}

/** The one node of `layer` computed from the scope's inputs, or null (none: unused; several: a shared layer). */
function nodeIn(scope: Scope, layer: Layer): GraphNode | null {
	const nodes = layer.inboundNodes.filter((n) => n.inputTensors.length > 0 && n.inputTensors.every((t) => reachable(scope, t)));
	return nodes.length === 1 ? (nodes[0] ?? null) : null;
}

/** The slot of `t` in scope `index`, added to the probe's outputs when new. */
export function refOf(graph: ModelGraph, index: number, t: SymbolicTensor): ValueRef {
	const scope = graph.scopes[index];
	if (!scope) throw new Error(`no scope ${index}`);
	let slot = scope.slots.get(t);
	if (slot === undefined) {
		slot = scope.tensors.length;
		scope.tensors.push(t);
		scope.slots.set(t, slot);
	}
	return { scope: index, slot };
}

/** Adds a scope for `model`; returns its index. */
function addScope(graph: ModelGraph, model: LayersModel, parent: number | null, feed: ValueRef[]): number {
	const tensors = [...model.inputs];
	graph.scopes.push({ model, parent, feed, tensors, slots: new Map(tensors.map((t, i) => [t, i])), reach: new Map(), probe: null });
	graph.scopeOf.set(model, graph.scopes.length - 1);
	return graph.scopes.length - 1;
}

/** Lists the layers of `model` (scope index `scope`, or null when its values cannot be read) at `depth`, recursively. */
function listLayers(graph: ModelGraph, model: LayersModel, scope: number | null, depth: number): void {
	const own = scope === null ? undefined : graph.scopes[scope];
	for (const layer of model.layers) {
		const node = own ? nodeIn(own, layer) : null;
		const output = node?.outputTensors[0] ?? null;
		const info = describeLayer(layer, output, depth);
		const index = graph.layers.length;
		graph.layers.push(info);
		graph.refs.push(scope !== null && output ? refOf(graph, scope, output) : null);
		graph.indexOf.set(layer, index);
		const input = node?.inboundLayers.length ? node.inputTensors[0] : undefined;
		const source = sourceOf(info, input ? (graph.indexOf.get(input.sourceLayer) ?? null) : null, graph.layers);
		if (source !== undefined) info.source = source;
		if (!isModel(layer)) continue;
		listLayers(graph, layer, scope !== null && node ? innerScope(graph, scope, layer, node) : null, depth + 1);
		info.children = graph.layers.length - index - 1;
	}
}

/**
 * The scope a nested model's layers are read in: its parent's when the model runs there as its own
 * graph (the first layer of a Sequential model: its inner tensors are the parent's), else a scope of
 * its own fed with the values `node` gives the model's inputs.
 */
function innerScope(graph: ModelGraph, scope: number, model: LayersModel, node: GraphNode): number {
	if (node.inputTensors.every((t, i) => t === model.inputs[i])) {
		graph.scopeOf.set(model, scope);
		return scope;
	}
	return addScope(graph, model, scope, node.inputTensors.map((t) => refOf(graph, scope, t)));
}

/** The flat layer list of `model` and its scopes (probes not built yet: see buildProbes). */
export function modelGraph(model: LayersModel): ModelGraph {
	const graph: ModelGraph = { layers: [], refs: [], scopes: [], scopeOf: new Map(), indexOf: new Map() };
	listLayers(graph, model, addScope(graph, model, null, []), 0);
	return graph;
}

/** Builds each scope's probe over the tensors asked of it so far (refOf). The probes own no weights. */
export function buildProbes(tf: Tf, graph: ModelGraph): void {
	for (const scope of graph.scopes) {
		const outputs = scope.tensors.slice(scope.model.inputs.length);
		scope.probe = outputs.length > 0 ? tf.model({ inputs: scope.model.inputs, outputs }) : null;
	}
}

/**
 * Runs the probes needed to read `wanted` on input `x` (call inside tf.tidy): the scopes of the
 * wanted values and their parents, parents first. Returns each scope's values (inputs, then probe
 * outputs); scopes not run are empty.
 */
export function runProbes(graph: ModelGraph, x: Tensor, wanted: readonly ValueRef[]): Tensor[][] {
	const needed = new Set<number>();
	for (const ref of wanted) {
		for (let s: number | null = ref.scope; s !== null && !needed.has(s); s = graph.scopes[s]?.parent ?? null) needed.add(s);
	}
	const values: Tensor[][] = graph.scopes.map(() => []);
	for (const [index, scope] of graph.scopes.entries()) {
		if (!needed.has(index)) continue;
		const fed = index === 0 ? [x] : scope.feed.map((ref) => valueOf(values, ref));
		const raw = scope.probe ? scope.probe.predict(fed.length === 1 ? (fed[0] ?? x) : fed) : [];
		values[index] = [...fed, ...(Array.isArray(raw) ? raw : [raw])];
	}
	return values;
}

/** The value at `ref` among values returned by runProbes. */
export function valueOf(values: readonly Tensor[][], ref: ValueRef): Tensor {
	const value = values[ref.scope]?.[ref.slot];
	if (!value) throw new Error(`no value at scope ${ref.scope}, slot ${ref.slot}`);
	return value;
}
