/**
 * The inputs the doubt rule is measured on, each as the classify widget would hand it over:
 * held-out MNIST digits as `input: sample` gives them and as vault pictures, the hand-made pad
 * strokes, and the synthetic families of non-digits (tests/model/doubt-pictures.ts).
 */
import { COURSE_PICTURES } from '../../src/commands/course/pictures';
import { doubtOf, type DigitEvidence } from '../../src/model/doubt';
import { preprocessDigit } from '../../src/model/preprocess';
import { rasterize } from '../../src/model/strokes';
import { rgbaToTensor } from '../../src/vault/pixels';
import { DIGIT_STROKES } from '../widgets/classify/classify-strokes';
import { loadDigits, PIXELS } from './digits-data';
import { blank, BLANK_KINDS, digitPicture, mulberry32, photo, PHOTO_KINDS, plot, PLOT_KINDS, solidShape, SOLID_KINDS, textLines, throughWidget } from './doubt-pictures';

/** One input: its family and kind, and what the rule receives. */
export interface DoubtCase {
	family: string;
	kind: string;
	evidence: DigitEvidence;
}

/** The 1996 held-out digits as `input: sample` gives them: the 28x28 as is, no source. */
export function heldOutSamples(): DoubtCase[] {
	const { pixels, labels } = loadDigits('heldOut');
	return labels.map((label, k) => ({ family: 'sample', kind: String(label), evidence: { input: pixels.slice(k * PIXELS, (k + 1) * PIXELS) } }));
}

/** The 1996 held-out digits drawn dark on paper (or light on a board) as vault pictures, through imageToInk and preprocessDigit. */
export function heldOutPictures(seed = 7): DoubtCase[] {
	const rng = mulberry32(seed);
	return heldOutSamples().map((c) => ({ family: 'picture', kind: c.kind, evidence: throughWidget(digitPicture(c.evidence.input, rng)) }));
}

/** The pad strokes of each digit (assets/digits/strokes.json) as the pad hands them: with the pad's ink as source (1 - ink), and without. */
export function drawnDigits(): DoubtCase[] {
	return Object.entries(DIGIT_STROKES).flatMap(([digit, strokes]) => {
		const ink = rasterize(strokes);
		const input = preprocessDigit(ink).pixels;
		const source = { width: ink.width, height: ink.height, gray: ink.data.map((v) => 1 - v) };
		return [
			{ family: 'drawn', kind: digit, evidence: { input, source } },
			{ family: 'drawn', kind: digit, evidence: { input } },
		];
	});
}

/** The pad strokes written with a fine pen (1.5-3 % of the side) into 128 and 256 px pictures, gray ink on white, through the widget's path. */
export function finePenDigits(): DoubtCase[] {
	const cases: DoubtCase[] = [];
	for (const pen of [0.015, 0.02, 0.03]) {
		for (const side of [128, 256]) {
			for (const [digit, strokes] of Object.entries(DIGIT_STROKES)) {
				const ink = rasterize(strokes, side, pen);
				cases.push({ family: 'fine-pen', kind: digit, evidence: throughWidget({ width: side, height: side, gray: ink.data.map((v) => 1 - 0.85 * v) }) });
			}
		}
	}
	return cases;
}

/** `perKind` pictures of every kind of every non-digit family, seeded, through the widget's path. */
export function nonDigits(perKind = 40, seed = 11): DoubtCase[] {
	const rng = mulberry32(seed);
	const cases: DoubtCase[] = [];
	for (let i = 0; i < perKind; i++) {
		for (const kind of PHOTO_KINDS) cases.push({ family: 'photo', kind, evidence: throughWidget(photo(kind, rng)) });
		for (const kind of PLOT_KINDS) cases.push({ family: 'plot', kind, evidence: throughWidget(plot(kind, rng)) });
		for (const kind of BLANK_KINDS) cases.push({ family: 'blank', kind, evidence: throughWidget(blank(kind, rng)) });
		for (const kind of SOLID_KINDS) cases.push({ family: 'solid', kind, evidence: throughWidget(solidShape(kind, rng)) });
		cases.push({ family: 'text', kind: 'text', evidence: throughWidget(textLines(rng)) });
	}
	return cases;
}

/** The course's pictures (src/commands/course/pictures.ts; an animation's first frame) loaded gray as the widget loads a vault picture, kind = file name. */
export function coursePictures(): DoubtCase[] {
	return Object.entries(COURSE_PICTURES).map(([name, draw]) => {
		const steps = draw();
		let step = steps.next();
		while (!step.done) step = steps.next();
		const drawing = step.value;
		const raster = drawing.kind === 'still' ? drawing.raster : drawing.frames[0];
		if (!raster) throw new Error(`${name} has no frame`);
		const { tensor } = rgbaToTensor({ width: raster.width, height: raster.height, data: raster.data });
		const [height = 0, width = 0] = tensor.shape;
		return { family: 'course', kind: name, evidence: throughWidget({ width, height, gray: Float32Array.from(tensor.data) }) };
	});
}

/** Fraction of `cases` in `family` (kind too when given) whose prediction doubtOf doubts; `digitsRule` false: the generic rule only. */
export function flaggedRate(cases: readonly DoubtCase[], probabilities: readonly Float32Array[], family: string, kind?: string, digitsRule = true): number {
	let n = 0;
	let flagged = 0;
	cases.forEach((c, k) => {
		if (c.family !== family || (kind !== undefined && c.kind !== kind)) return;
		n++;
		if (doubtOf(probabilities[k] ?? new Float32Array(10), digitsRule ? c.evidence : undefined) !== null) flagged++;
	});
	return n > 0 ? flagged / n : NaN;
}
