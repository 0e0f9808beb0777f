/** The training widget while training: progress, epochs, controls, NaN and errors, misclassified pictures, unloading. */
import { FakeTrainHost, epochReport, mountTrain, press, settle } from './train-helpers';

describe('cnn-train while training', () => {
	it('progress after each batch updates the bar and status; each epoch end sets data-epoch and data-val-accuracy and draws the confusion matrix', async () => {
		const host = new FakeTrainHost();
		const { el, root } = await mountTrain('data: digits\nepochs: 2', { host });
		await press(el, 'train');
		host.emit('training', { epoch: 1, batch: 1, batches: 4, loss: 2.1, accuracy: 0.2 });
		host.emit('training', { epoch: 1, batch: 2, batches: 4, loss: 1.5, accuracy: 0.4 });
		await settle();
		expect(root().dataset.state).toBe('training');
		expect(root().dataset.epoch).toBe('0');
		expect(root().hasAttribute('data-val-accuracy')).toBe(false);
		const status = el.querySelector('.cnn-train-status')?.textContent ?? '';
		expect(status).toContain('Epoch 1 of 2, batch 2 of 4');
		expect(status).toContain('left');
		expect(status).toContain('loss 1.5,');
		expect(el.querySelector('.cnn-train-bar')?.getAttribute('aria-valuenow')).toBe('25');
		host.emit('training', { epoch: 1, batch: 4, batches: 4, loss: 1, accuracy: 0.8 }, [epochReport(1, 0.9)]);
		await settle();
		expect(root().dataset.epoch).toBe('1');
		expect(Number(root().dataset.valAccuracy)).toBeCloseTo(0.9);
		expect(el.querySelector('.cnn-train-epoch')?.textContent).toContain('Epoch 1: validation accuracy 90');
		const cells = el.querySelectorAll<HTMLElement>('.cnn-train-confusion td');
		expect(cells).toHaveLength(100);
		expect(el.querySelector('.cnn-train-confusion td[data-row="1"][data-col="7"]')?.getAttribute('data-value')).toBe('1');
		expect(el.querySelector('.cnn-train-confusion td[data-row="3"][data-col="3"]')?.getAttribute('data-value')).toBe('5');
		expect(el.querySelector('.cnn-train-confusion')?.textContent).toContain('Predicted class');
		// The misclassified held-out pictures were asked for and are shown.
		expect(host.inspects).toEqual([[4]]);
		const miss = el.querySelector<HTMLButtonElement>('button[data-action="miss"]');
		expect(miss?.dataset.truth).toBe('1');
		expect(miss?.dataset.prediction).toBe('7');
		host.emit('done', { epoch: 2, batch: 4, batches: 4, loss: 0.5, accuracy: 0.95, state: 'done' }, [epochReport(1, 0.9), epochReport(2, 0.95)]);
		await settle();
		expect(root().dataset.state).toBe('done');
		expect(root().dataset.epoch).toBe('2');
		expect(Number(root().dataset.valAccuracy)).toBeCloseTo(0.95);
		expect(el.querySelector('.cnn-train-status')?.textContent).toBe('Done: 2 epochs trained.');
		expect(el.querySelector<HTMLButtonElement>('button[data-action="train"]')?.textContent).toBe('Train again');
	});

	it('choosing a misclassified picture (a button: click or keyboard) shows its probabilities', async () => {
		const host = new FakeTrainHost();
		const { el } = await mountTrain('data: digits', { host });
		await press(el, 'train');
		host.emit('training', { epoch: 1, batch: 4, batches: 4 }, [epochReport(1, 0.8, 10, [{ index: 4, truth: 1, predicted: 7 }, { index: 9, truth: 2, predicted: 3 }])]);
		await settle();
		const misses = el.querySelectorAll<HTMLButtonElement>('button[data-action="miss"]');
		expect(misses).toHaveLength(2);
		expect(misses[1]?.tagName).toBe('BUTTON');
		misses[1]?.click();
		// The fake host gives picture i all its probability on class (i + 1) % 10.
		expect(el.querySelector('.cnn-train-misses .cnn-classify-prediction')?.getAttribute('data-label')).toBe('2');
		expect(misses[1]?.getAttribute('aria-pressed')).toBe('true');
	});

	it('pause, resume and stop ask the host and the state follows', async () => {
		const host = new FakeTrainHost();
		const { el, root } = await mountTrain('data: digits', { host });
		await press(el, 'train');
		host.emit('training', { epoch: 1, batch: 1 });
		await press(el, 'pause');
		expect(host.controls).toEqual([[7, 'pause']]);
		expect(root().dataset.state).toBe('paused');
		expect(el.querySelector('button[data-action="pause"]')?.classList.contains('is-hidden')).toBe(true);
		await press(el, 'resume');
		expect(root().dataset.state).toBe('training');
		await press(el, 'stop');
		expect(host.controls).toEqual([[7, 'pause'], [7, 'resume'], [7, 'stop']]);
		expect(root().dataset.state).toBe('stopped');
		// The engine's own state messages are followed as well.
		await press(el, 'train');
		host.emit('paused');
		await settle();
		expect(root().dataset.state).toBe('paused');
	});

	it('a NaN loss is the error state with a message suggesting a smaller learning rate', async () => {
		const host = new FakeTrainHost();
		const { el, root } = await mountTrain('data: digits\nlearning-rate: 0.5', { host });
		await press(el, 'train');
		host.emit('nan', { epoch: 1, batch: 3, loss: NaN, state: 'nan' });
		await settle();
		expect(root().dataset.state).toBe('error');
		const text = el.querySelector('.cnn-train-problems .cnn-notes-error')?.textContent ?? '';
		expect(text).toContain('NaN');
		expect(text).toContain('smaller learning-rate, such as 0.05');
		// The widget stays: training again is offered.
		expect(el.querySelector<HTMLButtonElement>('button[data-action="train"]')?.disabled).toBe(false);
	});

	it('an engine error shows its problems in the error box', async () => {
		const host = new FakeTrainHost();
		const { el, root } = await mountTrain('data: digits', { host });
		await press(el, 'train');
		host.emit('error', undefined, undefined, [{ code: 'train.data.error.cancelled', vars: {} }]);
		await settle();
		expect(root().dataset.state).toBe('error');
		expect(el.querySelector('.cnn-train-problems')?.textContent).toContain('Reading the pictures was stopped.');
	});

	it('trainStart refused: its problems are shown', async () => {
		const host = new FakeTrainHost();
		host.startAnswer = { ok: false, errors: [{ code: 'train.layers.empty', vars: {} }] };
		const { el, root } = await mountTrain('data: digits', { host });
		await press(el, 'train');
		expect(root().dataset.state).toBe('error');
		expect(el.querySelector('.cnn-train-problems')?.textContent).toContain('lists no layer');
	});

	it('a progress handler that throws shows the block\'s "something went wrong" box, never an uncaught error', async () => {
		const host = new FakeTrainHost();
		const { el } = await mountTrain('data: digits', { host });
		await press(el, 'train');
		host.emit('training', { epoch: 1, batch: 1, batches: 0 });
		// batches 0 is nonsense from an engine: whatever happens, the note keeps a block.
		await settle();
		expect(el.querySelector('.cnn-train, .cnn-notes-error')).not.toBeNull();
	});

	it('unloading disposes the training, releases the host and ignores later progress', async () => {
		const host = new FakeTrainHost();
		const { el, section } = await mountTrain('data: digits', { host });
		await press(el, 'train');
		host.emit('training', { epoch: 1, batch: 1 });
		section.unload();
		expect(host.disposed).toEqual([7]);
		expect(host.released).toBe(1);
		host.emit('training', { epoch: 1, batch: 2 });
		await settle();
		expect(el.childElementCount).toBe(0);
	});

	it('training again disposes the previous training first', async () => {
		const host = new FakeTrainHost();
		const { el } = await mountTrain('data: digits', { host });
		await press(el, 'train');
		await press(el, 'stop');
		await press(el, 'train');
		expect(host.disposed).toEqual([7]);
		expect(host.starts).toHaveLength(2);
	});
});
