/**
 * The training widget on the real model host (the engine in the page, as under jest): a small
 * folder trains, is saved, cnn-classify loads the saved model, a new block continues from it, and
 * one with other layers is refused.
 */
import { Component } from '../../../harness/obsidian';
import { trainingHost } from '../../../src/blocks/train-block';
import { rgba, vaultWith } from '../../train/dataset-helpers';
import { mountClassify } from '../classify/classify-helpers';
import { mountTrain, type MountedTrain } from './train-helpers';

/** Waits until the root's data-state is one of `states` (or the time runs out). */
async function until(mounted: MountedTrain, states: string[], ms = 30000): Promise<string> {
	const start = Date.now();
	while (!states.includes(mounted.root().dataset.state ?? '') && Date.now() - start < ms) await new Promise((r) => setTimeout(r, 25));
	return mounted.root().dataset.state ?? '';
}

describe('cnn-train on the real model host', () => {
	const source = (layers: string, epochs: number) => `data: "[[Data]]"\ninput-size: 16\nlayers: [${layers}]\nepochs: ${epochs}\nbatch: 4\nsave: "[[Models/tone]]"`;
	/** Dark and light pictures, 6 of each. */
	function toneVault() {
		const files: Record<string, number> = {};
		const pictures: Record<number, ReturnType<typeof rgba>> = {};
		let n = 1;
		for (const [name, level] of [['dark', 20], ['light', 230]] as const) {
			for (let i = 0; i < 6; i++) {
				const picture = rgba(16, 16, n);
				for (let k = 0; k < picture.data.length; k++) if (k % 4 !== 3) picture.data[k] = level + ((k * 7 + n) % 20);
				files[`Data/${name}/${i}.png`] = n;
				pictures[n++] = picture;
			}
		}
		return vaultWith(files, pictures);
	}

	it('trains, saves, the saved model classifies in cnn-classify, a new block continues from it; other layers are refused', async () => {
		const { app, decode } = toneVault();
		const owners: Component[] = [];
		const first = await mountTrain(source('conv 4 3, relu, pool 2, dense', 3), { app, host: null, overrides: { trainHost: trainingHost, decode } });
		owners.push(first.section);
		first.el.querySelector<HTMLButtonElement>('button[data-action="train"]')?.click();
		expect(await until(first, ['done', 'error'])).toBe('done');
		expect(first.root().dataset.epoch).toBe('3');
		expect(Number(first.root().dataset.valAccuracy)).toBeGreaterThanOrEqual(0);
		first.el.querySelector<HTMLButtonElement>('button[data-action="save"]')?.click();
		for (let i = 0; i < 200 && !first.el.querySelector('pre.cnn-train-block'); i++) await new Promise((r) => setTimeout(r, 25));
		const block = first.el.querySelector('pre.cnn-train-block')?.textContent ?? '';
		const meta = JSON.parse(await app.vault.read(app.vault.getFileByPath('Models/tone/metadata.json')!)) as { labels: string[]; history: unknown[] };
		expect(meta.labels).toEqual(['dark', 'light']);
		expect(meta.history).toHaveLength(3);

		const classify = await mountClassify(block.split('\n').slice(1, -1).join('\n').replace('input: draw', 'input: "[[Data/light/0.png]]"'), { app, overrides: { decode } });
		owners.push(classify.section);
		expect(classify.el.querySelector('.cnn-classify')?.getAttribute('data-state')).toBe('ready');
		expect(['dark', 'light']).toContain(classify.el.querySelector('.cnn-classify')?.getAttribute('data-prediction'));

		const again = await mountTrain(source('conv 4 3, relu, pool 2, dense', 1), { app, host: null, overrides: { trainHost: trainingHost, decode } });
		owners.push(again.section);
		expect(again.root().dataset.saved).toBe('true');
		again.el.querySelector<HTMLButtonElement>('button[data-action="continue"]')?.click();
		expect(await until(again, ['done', 'error'])).toBe('done');

		const other = await mountTrain(source('conv 8 3, relu, pool 2, dense', 1), { app, host: null, overrides: { trainHost: trainingHost, decode } });
		owners.push(other.section);
		other.el.querySelector<HTMLButtonElement>('button[data-action="continue"]')?.click();
		expect(await until(other, ['done', 'error'])).toBe('error');
		expect(other.el.querySelector('.cnn-train-problems')?.textContent).toContain('3x3x3x8');
		for (const owner of owners) owner.unload();
	}, 120000);
});
