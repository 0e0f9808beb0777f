/**
 * What a model must be to classify pictures here, checked at the engine's entry: Layers artifacts
 * (not a graph model) whose layer types tfjs knows, checked before anything is built; one picture
 * input [h, w, 1 or 3] and one vector of 2..1000 class scores, checked once built. Each problem is a
 * message key of src/i18n with its variables.
 */
import type { io } from '@tensorflow/tfjs-core';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import { clip } from '../../i18n/clip';
import { MAX_CLASSES, MAX_INPUT_SIDE, MIN_CLASSES, MIN_INPUT_SIDE } from '../limits';
import type { Tf } from './tf';

/** Why a model cannot be used, as message keys of src/i18n with their variables. */
export type ClassifierError =
	| { code: 'classify.error.graphModel'; vars: { file: string } }
	| { code: 'classify.error.layerType'; vars: { model: string; layers: string } }
	| { code: 'classify.error.weightsSize'; vars: { file: string; found: number; expected: number } }
	| { code: 'classify.error.inputCount'; vars: { model: string; count: number } }
	| { code: 'classify.error.inputShape'; vars: { model: string; received: string; min: number; max: number } }
	| { code: 'classify.error.outputShape'; vars: { model: string; received: string } }
	| { code: 'classify.error.classCount'; vars: { model: string; count: number; min: number; max: number } }
	| { code: 'classify.error.outputActivation'; vars: { model: string; activation: string } }
	| { code: 'classify.error.load'; vars: { model: string; reason: string } }
	| { code: 'classify.error.nonFinite'; vars: { model: string; value: string } }
	| { code: 'classify.error.slow'; vars: { model: string; time: string; seconds: number } }
	| { code: 'classify.error.pixelCount'; vars: { model: string; received: number; expected: number } }
	| { code: 'error.unexpected'; vars: { message: string } };

/** What a usable model's shapes are: its input picture [height, width, channels] and its number of classes. */
export interface ModelShape {
	input: [number, number, number];
	classes: number;
}

/** true for a plain object (not null, not an array). */
function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The layer class names of a Keras topology that `known` does not accept, each once, in order:
 * every layer of the model and of its nested models (`config.layers`) and wrappers (`config.layer`).
 */
export function unknownLayers(topology: unknown, known: (className: string) => boolean): string[] {
	const found = new Set<string>();
	const visit = (node: unknown): void => {
		if (Array.isArray(node)) {
			for (const item of node) visit(item);
			return;
		}
		if (!isRecord(node)) return;
		if (typeof node.class_name === 'string' && !known(node.class_name)) found.add(node.class_name);
		const config = node.config;
		if (Array.isArray(config)) visit(config); // the Sequential config of old Keras: a list of layers
		else if (isRecord(config)) {
			visit(config.layers);
			if (isRecord(config.layer)) visit(config.layer);
		}
	};
	visit(isRecord(topology) && isRecord(topology.model_config) ? topology.model_config : topology);
	return [...found];
}

/** Bytes of the weights `specs` list (4 a value: the page lets only float32 and int32 through), and bytes of `data`. */
function weightBytes(artifacts: io.ModelArtifacts): { found: number; expected: number } {
	const expected = (artifacts.weightSpecs ?? []).reduce((n, w) => n + w.shape.reduce((a, b) => a * b, 1) * 4, 0);
	const data = artifacts.weightData ?? [];
	const found = Array.isArray(data) ? data.reduce((n, b) => n + b.byteLength, 0) : data.byteLength;
	return { found, expected };
}

/**
 * The artifacts' problem found before building them: a graph model, weights whose bytes are not
 * the ones listed (decoding them would fail halfway), or layer types tfjs does not know (its
 * serialization registry).
 */
export function checkArtifacts(tf: Tf, artifacts: io.ModelArtifacts, name: string): ClassifierError | null {
	const topology = artifacts.modelTopology;
	if (artifacts.format === 'graph-model' || (isRecord(topology) && Array.isArray(topology.node))) return { code: 'classify.error.graphModel', vars: { file: name } };
	const bytes = weightBytes(artifacts);
	if (bytes.found !== bytes.expected) return { code: 'classify.error.weightsSize', vars: { file: name, ...bytes } };
	const registry = tf.serialization.SerializationMap.getMap().classNameMap;
	const unknown = unknownLayers(topology, (className) => Object.prototype.hasOwnProperty.call(registry, className));
	return unknown.length > 0 ? { code: 'classify.error.layerType', vars: { model: name, layers: clip(unknown.join(', ')) } } : null;
}

/** Formats a symbolic shape such as [null, 28, 28, 1] as `28x28x1` (the batch dimension dropped, ? for an open one). */
function formatSymbolic(shape: readonly (number | null)[]): string {
	return shape.slice(1).map((d) => (d === null ? '?' : String(d))).join('x');
}

/** A side of the input picture within MIN_INPUT_SIDE..MAX_INPUT_SIDE. */
function sideOk(side: number | null | undefined): side is number {
	return typeof side === 'number' && side >= MIN_INPUT_SIDE && side <= MAX_INPUT_SIDE;
}

/** The model's input picture and classes, or why it does not classify one picture into 2..1000 classes. */
export function checkShapes(model: LayersModel, name: string): ModelShape | ClassifierError {
	if (model.inputs.length !== 1) return { code: 'classify.error.inputCount', vars: { model: name, count: model.inputs.length } };
	const input = model.inputs[0]?.shape ?? [];
	const [, h, w, c] = input;
	if (input.length !== 4 || !sideOk(h) || !sideOk(w) || (c !== 1 && c !== 3)) {
		const received = clip(formatSymbolic(input));
		return { code: 'classify.error.inputShape', vars: { model: name, received, min: MIN_INPUT_SIDE, max: MAX_INPUT_SIDE } };
	}
	const output = model.outputs.length === 1 ? model.outputs[0]?.shape : undefined;
	const classes = output?.length === 2 ? output[1] : null;
	if (classes === null || classes === undefined) {
		const received = clip(model.outputs.map((o) => formatSymbolic(o.shape)).join(', '));
		return { code: 'classify.error.outputShape', vars: { model: name, received } };
	}
	if (classes < MIN_CLASSES || classes > MAX_CLASSES) return { code: 'classify.error.classCount', vars: { model: name, count: classes, min: MIN_CLASSES, max: MAX_CLASSES } };
	return { input: [h, w, c], classes };
}
