/**
 * One epoch's validation figures, tallied a chunk of pictures at a time so that the trainer can
 * spread the validation over several step() calls (the model worker answers other requests
 * between them): the loss, the accuracy, the confusion matrix and the first misclassified pictures.
 */
import type { EpochReport } from './trainer';

/** Most misclassified validation pictures an epoch reports. */
export const MAX_MISSES = 24;

/** The running tally of an epoch's validation (`total` pictures, `classes` classes). */
export class ValidationTally {
	/** classes x classes counts, row = true class, column = predicted. */
	private readonly confusion: Int32Array;
	private readonly misses: EpochReport['misses'] = [];
	private lossSum = 0;
	private right = 0;
	/** Pictures tallied so far: the next chunk starts here. */
	done = 0;

	constructor(
		private readonly classes: number,
		readonly total: number,
	) {
		this.confusion = new Int32Array(classes * classes);
	}

	/** true once every picture has been tallied. */
	get finished(): boolean {
		return this.done >= this.total;
	}

	/** Adds a chunk: the pictures' indices into the data, their true and predicted classes, and the chunk's summed loss. */
	add(indices: Int32Array, labels: Int32Array, predicted: Int32Array, lossSum: number): void {
		const k = this.classes;
		this.lossSum += lossSum;
		predicted.forEach((p, j) => {
			const truth = labels[j] ?? 0;
			this.confusion[truth * k + p] = (this.confusion[truth * k + p] ?? 0) + 1;
			if (p === truth) this.right += 1;
			else if (this.misses.length < MAX_MISSES) this.misses.push({ index: indices[j] ?? 0, truth, predicted: p });
		});
		this.done += indices.length;
	}

	/** The epoch's report: its number, the training figures (`loss` summed over pictures, `correct`, `count`) and this validation's. */
	report(epoch: number, train: { loss: number; correct: number; count: number }): EpochReport {
		const count = Math.max(1, this.total);
		return {
			epoch,
			trainLoss: train.loss / Math.max(1, train.count),
			trainAccuracy: train.correct / Math.max(1, train.count),
			validationLoss: this.lossSum / count,
			validationAccuracy: this.right / count,
			confusion: this.confusion,
			misses: this.misses,
		};
	}
}
