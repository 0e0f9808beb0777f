/**
 * cnn-classify with models that are not the digits: small tfjs models saved into the harness vault
 * (a 32x32x3 colour net with Teachable Machine's metadata.json, a 28x28x1 logits model), classified
 * through the widget, compared with model.predict on the same prepared tensor; class names from the
 * block, metadata.json or labels.txt; a folder of pictures with its accuracy; and the refusals.
 */
import * as tf from '@tensorflow/tfjs';
import { App, setLanguage } from '../../../harness/obsidian';
import { fitPicture } from '../../../src/model/prepare-input';
import { rgbaToTensor, type RgbaImage } from '../../../src/vault/pixels';
import { hostTensors, installFakeCanvas, layOut, drawStrokes, mountClassify, rootPrediction, settle } from './classify-helpers';
import { colourNet, pngBytes, rgba, saveToVault } from './vault-models';

beforeEach(() => installFakeCanvas());
afterEach(() => {
	jest.restoreAllMocks();
	setLanguage('en');
});

/** What model.predict gives on the picture prepared as the widget must prepare it. */
function expected(model: tf.LayersModel, image: RgbaImage, fit: 'crop' | 'pad', scale: '0..1' | '-1..1' | '0..255'): Float32Array {
	const tensor = rgbaToTensor(image, { channels: 'rgb' }).tensor;
	const [h = 1, w = 1] = tensor.shape;
	const fitted = fitPicture({ width: w, height: h, channels: 3, data: tensor.data }, [32, 32, 3], fit, scale);
	return tf.tidy(() => (model.predict(tf.tensor4d(fitted.pixels, [1, 32, 32, 3])) as tf.Tensor).dataSync() as Float32Array);
}

const TEACHABLE = JSON.stringify({ tfjsVersion: '1.3.1', tmVersion: '2.4.7', packageName: '@teachablemachine/image', modelName: 'tm', labels: ['Manzana', 'Plátano', 'Fondo'], imageSize: 32 });

describe('cnn-classify with a colour model of the vault', () => {
	it("a 32x32x3 model with Teachable Machine's metadata.json: its labels, -1..1 values, centre crop; the prediction is model.predict's", async () => {
		const app = new App();
		const model = colourNet();
		await saveToVault(app, 'fruit', model, { 'metadata.json': TEACHABLE });
		const picture = rgba(50, 40, 3);
		app.vault.seed('pics/apple.png', pngBytes(3));
		const { el, section } = await mountClassify('model: "[[models/fruit/model.json]]"\ninput: "[[pics/apple.png]]"', { app, overrides: { decode: async () => picture } });
		const want = expected(model, picture, 'crop', '-1..1');
		const best = want.indexOf(Math.max(...want));
		const root = el.querySelector<HTMLElement>('.cnn-classify');
		expect(root?.getAttribute('data-state')).toBe('ready');
		const shown = rootPrediction(el);
		expect(shown.label).toBe(['Manzana', 'Plátano', 'Fondo'][best]);
		expect(shown.confidence).toBeCloseTo(want[best] ?? 0, 5);
		// The bars name the classes; the input view names the preparation.
		expect(Array.from(el.querySelectorAll('.cnn-classify-bar-row .cnn-classify-bar-label'), (e) => e.textContent)).toEqual(['Manzana', 'Plátano', 'Fondo']);
		const prep = el.querySelector('.cnn-classify-prep')?.textContent ?? '';
		expect(prep).toContain('50x40');
		expect(prep).toContain('centre cropped');
		expect(prep).toContain('-1..1');
		expect(el.querySelector('.cnn-summary')?.textContent).toContain('32x32x3');
		// Every layer is drawn: conv maps, the pooling maps, flatten strip, dense bars with class names.
		expect(Array.from(el.querySelectorAll('.cnn-classify-layer'), (e) => e.getAttribute('data-kind'))).toEqual(['conv', 'pool', 'flatten', 'dense']);
		expect(el.querySelectorAll('.cnn-classify-layer[data-kind="conv"] .cnn-classify-map')).toHaveLength(4);
		section.unload();
		model.dispose();
	});

	it('the block\'s fit and scale win over metadata.json; labels from labels.txt', async () => {
		const app = new App();
		const model = colourNet();
		await saveToVault(app, 'shapes', model, { 'labels.txt': 'circle\nsquare\ntriangle\n' });
		const picture = rgba(60, 30, 5);
		app.vault.seed('p.png', pngBytes(5));
		const { el, section } = await mountClassify('model: "[[models/shapes/model.json]]"\ninput: "[[p.png]]"\nfit: pad\nscale: 0..255', { app, overrides: { decode: async () => picture } });
		const want = expected(model, picture, 'pad', '0..255');
		const best = want.indexOf(Math.max(...want));
		expect(rootPrediction(el).label).toBe(['circle', 'square', 'triangle'][best]);
		expect(rootPrediction(el).confidence).toBeCloseTo(want[best] ?? 0, 4);
		expect(el.querySelector('.cnn-classify-prep')?.textContent).toContain('padded');
		section.unload();
		model.dispose();
	});

	it('labels: in the block name the classes; a wrong count names both numbers, in English and Spanish', async () => {
		const app = new App();
		const model = colourNet();
		await saveToVault(app, 'm', model, { 'metadata.json': TEACHABLE });
		app.vault.seed('p.png', pngBytes(1));
		const decode = async (): Promise<RgbaImage> => rgba(32, 32, 1);
		const named = await mountClassify('model: "[[models/m/model.json]]"\ninput: "[[p.png]]"\nlabels: [uno, dos, tres]', { app, overrides: { decode } });
		expect(['uno', 'dos', 'tres']).toContain(rootPrediction(named.el).label);
		named.section.unload();
		const wrong = await mountClassify('model: "[[models/m/model.json]]"\ninput: "[[p.png]]"\nlabels: [uno, dos]', { app, overrides: { decode } });
		expect(wrong.el.getAttribute('data-state')).toBe('error');
		expect(wrong.el.textContent).toContain('The model “models/m/model.json” has 3 classes, but labels: gives 2 names');
		wrong.section.unload();
		setLanguage('es');
		const es = await mountClassify('model: "[[models/m/model.json]]"\ninput: "[[p.png]]"\nlabels: [uno, dos]', { app, overrides: { decode } });
		expect(es.el.textContent).toContain('El modelo «models/m/model.json» tiene 3 clases, pero labels: da 2 nombres');
		es.section.unload();
		model.dispose();
	});

	it('input: sample with a model that does not take 28x28x1 digits is refused with the shapes', async () => {
		const app = new App();
		const model = colourNet();
		await saveToVault(app, 'm', model);
		const { el, section } = await mountClassify('model: "[[models/m/model.json]]"\ninput: sample', { app });
		expect(el.getAttribute('data-state')).toBe('error');
		expect(el.textContent).toContain('takes 32x32x3 pictures');
		section.unload();
		model.dispose();
	});

	it('input: draw on a colour model: the drawing, dark on white, resized to 32x32x3', async () => {
		const app = new App();
		const model = colourNet();
		await saveToVault(app, 'm', model, { 'metadata.json': TEACHABLE });
		const { el, section } = await mountClassify('model: "[[models/m/model.json]]"\ninput: draw', { app });
		expect(el.querySelector('.cnn-classify-empty')?.textContent).toContain('Draw in the pad');
		const pad = el.querySelector<HTMLCanvasElement>('.cnn-classify-pad-canvas');
		if (!pad) throw new Error('no pad');
		layOut(pad);
		drawStrokes(pad, [[0.2, 0.2, 0.8, 0.8]]);
		await settle();
		expect(rootPrediction(el).label).not.toBeNull();
		expect(el.querySelector('.cnn-classify-prep')?.textContent).toContain('Your drawing, resized to 32x32x3');
		section.unload();
		model.dispose();
	});
});

describe('cnn-classify with a 28x28x1 logits model', () => {
	it('applies softmax itself and says so; a drawn digit gets MNIST preparation', async () => {
		const app = new App();
		const model = tf.sequential({ layers: [tf.layers.flatten({ inputShape: [28, 28, 1] }), tf.layers.dense({ units: 4, kernelInitializer: tf.initializers.glorotUniform({ seed: 3 }) })] });
		await saveToVault(app, 'logits', model);
		const { el, section } = await mountClassify('model: "[[models/logits/model.json]]"\ninput: draw', { app });
		expect(el.querySelector('.cnn-classify-softmax-intro')?.getAttribute('data-softmax')).toBe('none');
		const pad = el.querySelector<HTMLCanvasElement>('.cnn-classify-pad-canvas');
		if (!pad) throw new Error('no pad');
		layOut(pad);
		drawStrokes(pad, [[0.5, 0.2, 0.5, 0.8]]);
		await settle();
		expect(el.querySelector('.cnn-classify-prep')?.textContent).toContain('20x20');
		const shown = rootPrediction(el);
		expect(['0', '1', '2', '3']).toContain(shown.label);
		expect(shown.confidence).toBeGreaterThan(0.25 - 1e-6);
		section.unload();
		model.dispose();
	});
});

describe('cnn-classify with a folder as input', () => {
	it('classifies every picture into a strip, marks right and wrong by subfolder, and gives the accuracy model.predict gives', async () => {
		const start = await hostTensors();
		const app = new App();
		const model = colourNet();
		await saveToVault(app, 'fruit', model, { 'metadata.json': TEACHABLE });
		const pictures = new Map<number, RgbaImage>();
		const layout: [string, number][] = [];
		let n = 1;
		for (const label of ['Manzana', 'Plátano', 'Fondo']) {
			for (let i = 0; i < 3; i++, n++) {
				pictures.set(n, rgba(40 + i * 7, 36, n));
				layout.push([`data/fruit/${label}/p${n}.png`, n]);
			}
		}
		layout.push(['data/fruit/loose.png', 99]);
		pictures.set(99, rgba(30, 30, 99));
		layout.push(['data/fruit/Manzana/broken.png', 100]);
		for (const [path, k] of layout) app.vault.seed(path, pngBytes(k));
		app.vault.seed('data/fruit/readme.md', '# not a picture');
		const decode = async (bytes: ArrayBuffer): Promise<RgbaImage> => {
			const picture = pictures.get(new Uint8Array(bytes)[11] ?? 0);
			if (!picture) throw new Error('cannot decode');
			return picture;
		};
		const { el, section } = await mountClassify('model: "[[models/fruit/model.json]]"\ninput: "[[data/fruit]]"', { app, overrides: { decode } });
		const strip = el.querySelector<HTMLElement>('.cnn-classify-folder');
		for (let i = 0; i < 200 && strip?.getAttribute('data-state') !== 'done'; i++) await settle(20);
		expect(strip?.getAttribute('data-state')).toBe('done');
		const items = Array.from(el.querySelectorAll<HTMLElement>('.cnn-classify-folder-item'));
		expect(items).toHaveLength(11);
		let right = 0;
		let known = 0;
		for (const item of items) {
			const path = item.getAttribute('data-file') ?? '';
			const k = layout.find(([p]) => p === path)?.[1] ?? -1;
			const picture = pictures.get(k);
			if (!picture) {
				expect(item.classList.contains('is-failed')).toBe(true);
				continue;
			}
			const want = expected(model, picture, 'crop', '-1..1');
			const best = want.indexOf(Math.max(...want));
			const label = ['Manzana', 'Plátano', 'Fondo'][best];
			expect(item.getAttribute('data-prediction')).toBe(label);
			expect(Number(item.getAttribute('data-confidence'))).toBeCloseTo(want[best] ?? 0, 4);
			const truth = item.getAttribute('data-truth');
			if (truth !== null) {
				known += 1;
				if (truth === label) right += 1;
				expect(item.getAttribute('data-correct')).toBe(String(truth === label));
			}
		}
		expect(known).toBe(9);
		expect(Number(strip?.getAttribute('data-accuracy'))).toBeCloseTo(right / known, 6);
		expect(el.querySelector('.cnn-classify-accuracy')?.textContent).toContain(`Accuracy: ${right} of 9 pictures right`);
		expect(el.querySelector('.cnn-classify-folder-skipped')?.textContent).toContain('data/fruit/Manzana/broken.png');
		// The first picture is shown below the strip with every part of the widget.
		expect(rootPrediction(el).label).not.toBeNull();
		section.unload();
		model.dispose();
		expect(await hostTensors()).toBe(start);
	});

	it('a folder without pictures is a translated error; a folder whose subfolders are not classes has no accuracy', async () => {
		const app = new App();
		const model = colourNet();
		await saveToVault(app, 'm', model, { 'metadata.json': TEACHABLE });
		app.vault.seed('empty/notes.md', 'nothing');
		const empty = await mountClassify('model: "[[models/m/model.json]]"\ninput: "[[empty]]"', { app });
		expect(empty.el.textContent).toContain('The folder “empty” holds no picture');
		empty.section.unload();
		app.vault.seed('set/a/one.png', pngBytes(1));
		const { el, section } = await mountClassify('model: "[[models/m/model.json]]"\ninput: "[[set]]"', { app, overrides: { decode: async () => rgba(32, 32, 1) } });
		for (let i = 0; i < 100 && el.querySelector('.cnn-classify-folder')?.getAttribute('data-state') !== 'done'; i++) await settle(20);
		expect(el.querySelector('.cnn-classify-accuracy')?.textContent).toContain('No subfolder is named after a class');
		section.unload();
		model.dispose();
	});
});

describe('cnn-classify: an unsure model says so', () => {
	it('a model that cannot choose (equal scores) shows the tie line with the class names; the digits-only rule is not applied to it', async () => {
		const app = new App();
		const model = tf.sequential({ layers: [tf.layers.flatten({ inputShape: [32, 32, 3] }), tf.layers.dense({ units: 3, activation: 'softmax', kernelInitializer: 'zeros' })] });
		await saveToVault(app, 'flat', model, { 'metadata.json': TEACHABLE });
		app.vault.seed('p.png', pngBytes(1));
		const { el, section } = await mountClassify('model: "[[models/flat/model.json]]"\ninput: "[[p.png]]"', { app, overrides: { decode: async () => rgba(40, 40, 2) } });
		expect(el.querySelector('.cnn-classify')?.getAttribute('data-doubt')).toBe('tie');
		expect(el.querySelector('.cnn-classify-doubt')?.textContent).toMatch(/The model is unsure: (Manzana|Plátano|Fondo) and (Manzana|Plátano|Fondo) are almost tied\./);
		section.unload();
		model.dispose();
	});
});

describe('cnn-classify: a folder input follows the folder', () => {
	it('a picture added to the folder is classified too, once the changes settle', async () => {
		const app = new App();
		const model = colourNet();
		await saveToVault(app, 'm', model, { 'metadata.json': TEACHABLE });
		app.vault.seed('set/Manzana/a.png', pngBytes(1));
		const decode = async (): Promise<RgbaImage> => rgba(32, 32, 1);
		const { el, section } = await mountClassify('model: "[[models/m/model.json]]"\ninput: "[[set]]"', { app, overrides: { decode } });
		const done = async (count: number): Promise<void> => {
			for (let i = 0; i < 150; i++) {
				const strip = el.querySelector('.cnn-classify-folder[data-state="done"]');
				if (strip && el.querySelectorAll('.cnn-classify-folder-item').length === count) return;
				await settle(20);
			}
			throw new Error(`the folder never showed ${count} pictures`);
		};
		await done(1);
		await app.vault.createBinary('set/Fondo/b.png', pngBytes(2));
		await app.vault.createBinary('elsewhere/c.png', pngBytes(3));
		await done(2);
		expect(Array.from(el.querySelectorAll('.cnn-classify-folder-item'), (e) => e.getAttribute('data-file'))).toEqual(['set/Fondo/b.png', 'set/Manzana/a.png']);
		section.unload();
		model.dispose();
	});
});

describe('cnn-classify: doubtful pictures in a folder', () => {
	it('a picture whose prediction should not be trusted is marked in the strip, with the reason in its label', async () => {
		const app = new App();
		const model = tf.sequential({ layers: [tf.layers.flatten({ inputShape: [32, 32, 3] }), tf.layers.dense({ units: 3, activation: 'softmax', kernelInitializer: 'zeros' })] });
		await saveToVault(app, 'flat', model, { 'metadata.json': TEACHABLE });
		app.vault.seed('set/Fondo/a.png', pngBytes(1));
		const { el, section } = await mountClassify('model: "[[models/flat/model.json]]"\ninput: "[[set]]"', { app, overrides: { decode: async () => rgba(32, 32, 1) } });
		for (let i = 0; i < 100 && el.querySelector('.cnn-classify-folder')?.getAttribute('data-state') !== 'done'; i++) await settle(20);
		const item = el.querySelector('.cnn-classify-folder-item');
		expect(item?.getAttribute('data-doubt')).toBe('tie');
		expect(item?.classList.contains('is-doubtful')).toBe(true);
		expect(item?.getAttribute('aria-label')).toContain('are almost tied');
		section.unload();
		model.dispose();
	});
});

describe('cnn-classify: models that rescale their own input', () => {
	it('a model starting with Rescaling(1/255) gets 0..255 values unless the block says otherwise', async () => {
		const app = new App();
		const model = tf.sequential({
			layers: [
				tf.layers.rescaling({ inputShape: [32, 32, 3], scale: 1 / 255 }),
				tf.layers.conv2d({ filters: 4, kernelSize: 3, activation: 'relu', kernelInitializer: tf.initializers.glorotUniform({ seed: 1 }) }),
				tf.layers.flatten(),
				tf.layers.dense({ units: 3, activation: 'softmax', kernelInitializer: tf.initializers.glorotUniform({ seed: 2 }) }),
			],
		});
		await saveToVault(app, 'keras', model, { 'labels.txt': 'a\nb\nc' });
		const picture = rgba(40, 40, 4);
		app.vault.seed('p.png', pngBytes(4));
		const { el, section } = await mountClassify('model: "[[models/keras/model.json]]"\ninput: "[[p.png]]"', { app, overrides: { decode: async () => picture } });
		const want = expected(model, picture, 'crop', '0..255');
		const best = want.indexOf(Math.max(...want));
		expect(el.querySelector('.cnn-classify-prep')?.textContent).toContain('Values 0..255.');
		expect(rootPrediction(el).confidence).toBeCloseTo(want[best] ?? 0, 5);
		section.unload();
		const written = await mountClassify('model: "[[models/keras/model.json]]"\ninput: "[[p.png]]"\nscale: 0..1', { app, overrides: { decode: async () => picture } });
		expect(written.el.querySelector('.cnn-classify-prep')?.textContent).toContain('Values 0..1.');
		written.section.unload();
		model.dispose();
	});
});
