/**
 * The example vault's colour model (examples/vault/models/shapes, made by `npm run make:shapes`) and
 * its pictures, read as tfjs reads them (no project code involved): the metadata the notes and the
 * classify block rely on, a small 32x32x3 network, and every test picture classified right.
 */
import * as tf from '@tensorflow/tfjs';
import { readdirSync, readFileSync } from 'fs';
import { join } from 'path';
import { bufferOf, decodeTestPng } from '../vault/png';

const VAULT = join(__dirname, '..', '..', 'examples', 'vault');
const MODEL = join(VAULT, 'models', 'shapes');
const LABELS = ['circle', 'square', 'triangle'];
const SPANISH = ['círculo', 'cuadrado', 'triángulo'];

interface Metadata {
	packageName: string;
	modelName: string;
	labels: string[];
	imageSize: number;
	scale: string;
	fit: string;
	trainedBy: string;
	heldOutAccuracy: number;
}

const metadata = JSON.parse(readFileSync(join(MODEL, 'metadata.json'), 'utf8')) as Metadata;

/** The committed artifact read as tfjs reads a model.json and its weight files. */
function fileHandler(): tf.io.IOHandler {
	return {
		load: async () => {
			const json = JSON.parse(readFileSync(join(MODEL, 'model.json'), 'utf8')) as {
				modelTopology: object;
				weightsManifest: { paths: string[]; weights: tf.io.WeightsManifestEntry[] }[];
			};
			const bytes = Buffer.concat(json.weightsManifest.flatMap((g) => g.paths.map((p) => readFileSync(join(MODEL, p)))));
			return {
				modelTopology: json.modelTopology,
				weightSpecs: json.weightsManifest.flatMap((g) => g.weights),
				weightData: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength),
			};
		},
	};
}

/** The pictures of a dataset folder: [class folder, file, bytes], sorted. */
function pictures(folder: string): [string, string, Buffer][] {
	const root = join(VAULT, 'datasets', folder);
	return readdirSync(root)
		.sort()
		.flatMap((cls) => readdirSync(join(root, cls)).sort().map((file): [string, string, Buffer] => [cls, file, readFileSync(join(root, cls, file))]));
}

/** A picture as the model's input: centre square, averaged down to imageSize, 0..255 -> -1..1, RGB. */
async function input(bytes: Buffer): Promise<Float32Array> {
	const image = await decodeTestPng(bufferOf(bytes), 'image/png');
	const size = metadata.imageSize;
	const side = Math.min(image.width, image.height);
	const [ox, oy] = [Math.floor((image.width - side) / 2), Math.floor((image.height - side) / 2)];
	const f = side / size;
	const out = new Float32Array(size * size * 3);
	for (let r = 0; r < size; r++) {
		for (let q = 0; q < size; q++) {
			for (let c = 0; c < 3; c++) {
				let sum = 0;
				let n = 0;
				for (let y = Math.floor(r * f); y < Math.floor((r + 1) * f); y++) {
					for (let x = Math.floor(q * f); x < Math.floor((q + 1) * f); x++, n++) sum += image.data[((oy + y) * image.width + ox + x) * 4 + c] as number;
				}
				out[(r * size + q) * 3 + c] = sum / n / 127.5 - 1;
			}
		}
	}
	return out;
}

describe('the example vault’s shapes model (examples/vault/models/shapes)', () => {
	let model: tf.LayersModel;
	beforeAll(async () => {
		tf.env().set('IS_NODE', false);
		await tf.setBackend('cpu');
		model = await tf.loadLayersModel(fileHandler());
	});
	afterAll(() => model.dispose());

	it('metadata.json: Teachable Machine’s keys (labels, imageSize) and ours (scale -1..1, fit crop), held-out accuracy at least 90%', () => {
		expect(metadata).toMatchObject({ packageName: 'cnn-notes', modelName: 'shapes', labels: LABELS, imageSize: 32, scale: '-1..1', fit: 'crop', trainedBy: 'scripts/make-shapes-model.mjs' });
		expect(metadata.heldOutAccuracy).toBeGreaterThanOrEqual(0.9);
	});

	it('is a small CNN: input [32, 32, 3], one output per label, weights under 100 KB', () => {
		expect(model.inputs[0]?.shape).toEqual([null, 32, 32, 3]);
		expect(model.outputs[0]?.shape).toEqual([null, LABELS.length]);
		expect(model.layers.filter((l) => l.getClassName() === 'Conv2D').length).toBe(2);
		expect(readFileSync(join(MODEL, 'weights.bin')).length).toBeLessThan(100 * 1024);
	});

	it('the dataset folders: one subfolder per label, in English (shapes) and Spanish (formas), the same pictures', () => {
		const en = pictures('shapes');
		const es = pictures('formas');
		expect([...new Set(en.map(([cls]) => cls))]).toEqual(LABELS);
		expect([...new Set(es.map(([cls]) => cls))].sort()).toEqual([...SPANISH].sort());
		expect(en).toHaveLength(12);
		const spanishOf = (cls: string): string => SPANISH[LABELS.indexOf(cls)] as string;
		for (const [cls, file, bytes] of en) {
			const twin = es.find(([c, f]) => c === spanishOf(cls) && f === file.replace(cls, spanishOf(cls)));
			expect(twin?.[2].equals(bytes)).toBe(true);
		}
	});

	it.each([...pictures('shapes').map(([cls, file]) => [`datasets/shapes/${cls}/${file}`, cls]), ['pictures/shape-triangle.png', 'triangle'], ['pictures/shape-circle.png', 'circle']])(
		'%s (centre-cropped, averaged down to 32x32, -1..1) is a %s',
		async (path, cls) => {
			const x = await input(readFileSync(join(VAULT, path)));
			const probabilities = tf.tidy(() => Array.from((model.predict(tf.tensor4d(x, [1, 32, 32, 3])) as tf.Tensor).dataSync()));
			const best = probabilities.indexOf(Math.max(...probabilities));
			expect(LABELS[best]).toBe(cls);
			expect(probabilities[best]).toBeGreaterThan(0.5);
		},
	);
});
