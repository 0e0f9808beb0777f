/**
 * The training set of `cnn-train` from a vault folder with one subfolder per class (the class name
 * is the subfolder's name): every picture read, fitted to the model's input as cnn-classify fits
 * it (fitPicture, values 0..1) and stored as bytes. Bad input is a translated Problem, never a
 * thrown exception; unreadable or huge pictures are skipped and listed; the vault is only read.
 * Pictures are fitted one after another (a few read and decoding ahead), yielding to the page every
 * few milliseconds, with progress and abort.
 */
import '../i18n/train-messages';
import { TFolder, type App, type TFile } from 'obsidian';
import { clip } from '../i18n';
import { MAX_CLASSES, MAX_INPUT_SIDE, MIN_CLASSES, MIN_INPUT_SIDE } from '../model/limits';
import { fitPicture, MAX_LABEL_LENGTH, type FitMode, type InputShape } from '../model/prepare-input';
import { failure, success, type Problem, type Result } from '../result';
import { listFolderPictures, resolveFolder, type FolderDeps } from '../vault/folder-pictures';
import { decodeImage, formatFromExtension, IMAGE_EXTENSIONS, IMAGE_MIME, loadImageFile, MAX_IMAGE_SIDE, sniffFormat, type ImageDecoder, type RgbaImage } from '../vault/image';
import { pictureSize } from './picture-size';

/** Most pictures one training set holds: a larger folder is refused before any picture is read. */
export const MAX_DATASET_PICTURES = 10_000;
/** Most bytes the fitted pictures of one set take (one byte a value): 10,000 pictures of 32x32x3 are 30 MB. */
export const MAX_DATASET_BYTES = 64 * 1024 * 1024;
/** Largest picture file read (bytes); a larger one is skipped without being read when its size is known, else before decoding. */
export const MAX_PICTURE_FILE_BYTES = 20 * 1024 * 1024;
/** Largest picture side (pixels) its header may announce; a larger one is skipped before decoding. */
export const MAX_PICTURE_FILE_SIDE = 4096;
/** Fewest readable pictures a class needs: one to train on and one to check the model on. */
export const MIN_CLASS_PICTURES = 2;
/** Most skipped pictures named when classes are refused for too few readable pictures (the rest are counted). */
export const MAX_LISTED_SKIPPED = 10;
/** Pictures read and decoding beyond the one being fitted (the browser decodes off the main thread). */
export const READ_AHEAD = 3;
/** Longest the reader works before it lets the page run (ms). */
const SLICE_MS = 12;

/** A picture left out of the set and why (a message key with its variables). */
export interface SkippedPicture {
	file: string;
	reason: Problem;
}

/**
 * A training set: `count` pictures of `inputShape` [h, w, c], class `labels[i]` (an index into
 * `classes`) and file `files[i]` for picture i ('' for the built-in digits).
 */
export interface Dataset {
	classes: string[];
	inputShape: [number, number, number];
	count: number;
	/** count * h * w * c bytes, row-major [n, h, w, c]; byte / 255 is the picture's 0..1 value (0 = black). */
	pixels: Uint8Array;
	labels: Int32Array;
	files: string[];
	/** Pictures not in the set: unreadable, too large, or outside every class folder. */
	skipped: SkippedPicture[];
}

/** What reading a folder set needs from Obsidian: folders, file bytes, a decoder and, when known, a file's size. */
export interface DatasetDeps extends FolderDeps {
	readBinary(file: TFile): Promise<ArrayBuffer>;
	decode: ImageDecoder;
	/** The file's size in bytes without reading it (Obsidian: file.stat.size), or null when unknown. */
	sizeOf?(file: TFile): number | null;
	/** Lets the page run (default: a zero timeout). */
	yieldToPage?(): Promise<void>;
}

/** Options of readFolderDataset. */
export interface ReadOptions {
	/** The model's input [height, width, channels], channels 1 (gray) or 3 (rgb). */
	inputShape: [number, number, number];
	/** How pictures of other proportions are fitted (see fitPicture); crop by default, as cnn-classify. */
	fit?: FitMode;
	/** Largest side a picture is decoded at before fitting (pixels); default MAX_IMAGE_SIDE or the input's side. */
	maxSide?: number;
	signal?: AbortSignal;
	/** Called after each picture: pictures done, pictures in all. */
	progress?: (done: number, total: number) => void;
}

/** The code of the failure of a read stopped through its signal. */
export const DATASET_CANCELLED = 'train.data.error.cancelled';

/** The DatasetDeps of a running Obsidian app, with the browser decoder unless another is given. */
export function datasetDeps(app: App, decode: ImageDecoder = decodeImage): DatasetDeps {
	return {
		getAbstractFileByPath: (path) => app.vault.getAbstractFileByPath(path),
		readBinary: (file) => app.vault.readBinary(file),
		decode,
		sizeOf: (file) => file.stat?.size ?? null,
	};
}

/** A one-problem failure. */
function fail(code: Problem['code'], vars: Problem['vars']): Result<Dataset> {
	return failure({ code, vars });
}

/** Megabytes with one decimal. */
function megabytes(bytes: number): number {
	return Math.round((bytes / (1024 * 1024)) * 10) / 10;
}

/** The default yield: a macrotask, so the page can paint and answer input. */
function zeroTimeout(): Promise<void> {
	return new Promise((resolve) => window.setTimeout(resolve, 0));
}

/**
 * The problems of the classes left with fewer than MIN_CLASS_PICTURES readable pictures (`counts`
 * per class): each class's problem, then the pictures of it that were skipped, each with its reason
 * (at most MAX_LISTED_SKIPPED in all, the rest counted), so the student sees which to fix.
 */
function fewPicturesProblems(folder: string, classes: readonly string[], counts: readonly number[], skippedOf: readonly SkippedPicture[][]): Problem[] {
	const problems: Problem[] = [];
	let listed = 0;
	let unlisted = 0;
	for (const [k, cls] of classes.entries()) {
		const count = counts[k] ?? 0;
		if (count >= MIN_CLASS_PICTURES) continue;
		problems.push({ code: 'train.data.error.classPictures', vars: { class: cls, count, min: MIN_CLASS_PICTURES, folder: `${folder}/${cls}` } });
		const skipped = skippedOf[k] ?? [];
		if (skipped.length === 0) continue;
		problems.push({ code: 'train.data.error.classSkipped', vars: { class: cls, count: skipped.length } });
		for (const s of skipped) {
			if (listed < MAX_LISTED_SKIPPED) {
				problems.push(s.reason);
				listed++;
			} else unlisted++;
		}
	}
	if (unlisted > 0) problems.push({ code: 'train.data.error.moreSkipped', vars: { count: unlisted } });
	return problems;
}

/** Checks a class folder's name: null when usable, else the problem. */
function classNameProblem(name: string, folder: string): Problem | null {
	if (name.trim() === '') return { code: 'train.data.error.classNameEmpty', vars: { folder } };
	if (name.length > MAX_LABEL_LENGTH) return { code: 'train.data.error.classNameLong', vars: { name: clip(name), length: name.length, max: MAX_LABEL_LENGTH } };
	return null;
}

/** Throws when `shape` is not [h, w, c] with sides MIN_INPUT_SIDE..MAX_INPUT_SIDE and c 1 or 3. */
function checkShape(shape: readonly number[]): void {
	const [h = 0, w = 0, c = 0] = shape;
	const side = (n: number): boolean => Number.isInteger(n) && n >= MIN_INPUT_SIDE && n <= MAX_INPUT_SIDE;
	if (shape.length !== 3 || !side(h) || !side(w) || (c !== 1 && c !== 3)) {
		throw new Error(`readFolderDataset: inputShape must be [height, width, 1 or 3] with sides ${MIN_INPUT_SIDE}..${MAX_INPUT_SIDE}, got [${shape.join(', ')}]`);
	}
}

/** A picture's bytes with its decoding under way, or why it is skipped before decoding. */
type Fetched = { bytes: ArrayBuffer; decoded: Promise<{ image: RgbaImage } | { error: unknown }> | null } | { reason: Problem };

/**
 * Reads a picture's bytes, refuses a huge one (file size, then the size its header announces) and
 * starts decoding it: up to READ_AHEAD pictures are fetched while earlier ones are fitted.
 */
async function fetchPicture(deps: DatasetDeps, file: TFile): Promise<Fetched> {
	const big = (bytes: number): Fetched => ({ reason: { code: 'train.data.skip.bytes', vars: { file: file.path, size: megabytes(bytes), max: megabytes(MAX_PICTURE_FILE_BYTES) } } });
	const known = deps.sizeOf?.(file) ?? null;
	if (known !== null && known > MAX_PICTURE_FILE_BYTES) return big(known);
	let bytes: ArrayBuffer;
	try {
		bytes = await deps.readBinary(file);
	} catch (e) {
		return { reason: { code: 'image.error.read', vars: { file: file.path }, detail: e instanceof Error ? e.message : String(e) } };
	}
	if (bytes.byteLength > MAX_PICTURE_FILE_BYTES) return big(bytes.byteLength);
	const size = pictureSize(bytes);
	if (size && Math.max(size.width, size.height) > MAX_PICTURE_FILE_SIDE) {
		return { reason: { code: 'train.data.skip.side', vars: { file: file.path, width: size.width, height: size.height, max: MAX_PICTURE_FILE_SIDE } } };
	}
	// Bytes of no known format are not decoded: loadImageFile reports them.
	const format = formatFromExtension(file.extension) !== null ? sniffFormat(bytes) : null;
	// Settled either way (a decoder that throws at once included): a read stopped midway leaves no rejection behind.
	const decoded = format === null ? null : Promise.resolve().then(() => deps.decode(bytes, IMAGE_MIME[format])).then((image) => ({ image }), (error: unknown) => ({ error }));
	return { bytes, decoded };
}

/** A fetched picture as loadImageFile reads it (its checks and messages), fitted to `shape`: the 0..1 values [h, w, c], or why it was skipped. */
async function fitFetched(deps: DatasetDeps, file: TFile, fetched: Fetched, shape: InputShape, fit: FitMode, maxSide: number): Promise<{ view: Float32Array } | { reason: Problem }> {
	if ('reason' in fetched) return fetched;
	const { bytes, decoded } = fetched;
	const decode: ImageDecoder = async (data, mime) => {
		const done = decoded ? await decoded : null;
		if (done === null) return deps.decode(data, mime);
		if ('error' in done) throw done.error;
		return done.image;
	};
	const loaded = await loadImageFile({ resolve: () => null, readBinary: () => Promise.resolve(bytes), decode }, file, { channels: shape[2] === 3 ? 'rgb' : 'gray', maxSide });
	if (!loaded.ok) return { reason: loaded.errors[0] ?? { code: 'image.error.corrupt', vars: { file: file.path } } };
	const [h = 1, w = 1, c = 1] = loaded.value.tensor.shape;
	const picture = { width: w, height: h, channels: c, data: loaded.value.tensor.data };
	return { view: fitPicture(picture, shape, fit, '0..1').view };
}

/**
 * Reads the training set in the folder `folderLink` names (a vault path, or one relative to the
 * note at sourcePath): one class per subfolder, in name order; pictures inside a class folder (at
 * any depth) belong to it, pictures directly in the folder are skipped. Everything that can be
 * checked without reading a picture is checked first (the folder, its classes and their names, the
 * 10,000-picture cap, the memory budget); then pictures are fitted to opts.inputShape one after
 * another, READ_AHEAD more being read and decoded meanwhile. A class left with fewer than MIN_CLASS_PICTURES readable pictures is an error
 * (not a train-only class: its accuracy could never be checked, and the split stays per class),
 * followed by the pictures of it that were skipped and why (see fewPicturesProblems).
 * Throws only for an inputShape outside MIN_INPUT_SIDE..MAX_INPUT_SIDE x 1 or 3 channels (the
 * block's parser refuses those first).
 */
export async function readFolderDataset(deps: DatasetDeps, folderLink: string, sourcePath: string, opts: ReadOptions): Promise<Result<Dataset>> {
	checkShape(opts.inputShape);
	const folder = resolveFolder(deps, folderLink, sourcePath);
	if (!folder) return fail('train.data.error.noFolder', { link: clip(folderLink) });
	const name = folder.path;
	const listing = listFolderPictures(folder, MAX_DATASET_PICTURES);
	const classFolders = folder.children.filter((c): c is TFolder => c instanceof TFolder).map((c) => c.name);
	classFolders.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
	if (listing.total === 0) return fail('train.data.error.empty', { folder: name, allowed: IMAGE_EXTENSIONS.join(', ') });
	if (listing.total > MAX_DATASET_PICTURES) return fail('train.data.error.tooMany', { folder: name, count: listing.total, max: MAX_DATASET_PICTURES });
	if (classFolders.length === 0) return fail('train.data.error.noClasses', { folder: name });
	const named = classFolders.map((c) => classNameProblem(c, name)).filter((p): p is Problem => p !== null);
	if (named.length > 0) return failure(...named);
	if (classFolders.length < MIN_CLASSES) return fail('train.data.error.oneClass', { folder: name, class: classFolders[0] ?? '', min: MIN_CLASSES });
	if (classFolders.length > MAX_CLASSES) return fail('train.data.error.tooManyClasses', { folder: name, count: classFolders.length, max: MAX_CLASSES });
	const [h, w, c] = opts.inputShape;
	const size = h * w * c;
	const total = listing.total;
	if (total * size > MAX_DATASET_BYTES) {
		return fail('train.data.error.tooLarge', { count: total, shape: `${h}x${w}x${c}`, size: megabytes(total * size), limit: megabytes(MAX_DATASET_BYTES), fits: Math.floor(MAX_DATASET_BYTES / size) });
	}
	const classIndex = new Map(classFolders.map((c, i) => [c, i]));
	const fit = opts.fit ?? 'crop';
	const maxSide = opts.maxSide ?? Math.max(MAX_IMAGE_SIDE, h, w);
	const pause = (): Promise<void> => (deps.yieldToPage ? deps.yieldToPage() : zeroTimeout());
	const pixels = new Uint8Array(total * size);
	const labels = new Int32Array(total);
	const files: string[] = [];
	const skipped: SkippedPicture[] = [];
	const perClass = new Array<number>(classFolders.length).fill(0);
	const skippedOf = classFolders.map((): SkippedPicture[] => []);
	const labelOf = (i: number): number | undefined => {
		const group = listing.pictures[i]?.group ?? null;
		return group === null ? undefined : classIndex.get(group);
	};
	const ahead = new Map<number, Promise<Fetched>>();
	let sliceStart = Date.now();
	for (let i = 0; i < total; i++) {
		if (opts.signal?.aborted) return fail(DATASET_CANCELLED, {});
		const item = listing.pictures[i];
		if (!item) continue;
		for (let k = i; k <= i + READ_AHEAD && k < total; k++) {
			const next = listing.pictures[k];
			if (next && !ahead.has(k) && labelOf(k) !== undefined) ahead.set(k, fetchPicture(deps, next.file));
		}
		const label = labelOf(i);
		const fetched = ahead.get(i);
		ahead.delete(i);
		if (label === undefined || !fetched) skipped.push({ file: item.file.path, reason: { code: 'train.data.skip.loose', vars: { file: item.file.path, folder: name } } });
		else {
			const read = await fitFetched(deps, item.file, await fetched, opts.inputShape, fit, maxSide);
			if ('reason' in read) {
				const picture = { file: item.file.path, reason: read.reason };
				skipped.push(picture);
				skippedOf[label]?.push(picture);
			} else {
				const at = files.length;
				const view = read.view;
				const base = at * size;
				for (let j = 0; j < size; j++) pixels[base + j] = Math.round((view[j] ?? 0) * 255);
				labels[at] = label;
				files.push(item.file.path);
				perClass[label] = (perClass[label] ?? 0) + 1;
			}
		}
		opts.progress?.(i + 1, total);
		if (Date.now() - sliceStart >= SLICE_MS) {
			await pause();
			sliceStart = Date.now();
		}
	}
	if (opts.signal?.aborted) return fail(DATASET_CANCELLED, {});
	const few = fewPicturesProblems(name, classFolders, perClass, skippedOf);
	if (few.length > 0) return failure(...few);
	const count = files.length;
	return success({ classes: classFolders, inputShape: [h, w, c], count, pixels: count === total ? pixels : pixels.slice(0, count * size), labels: count === total ? labels : labels.slice(0, count), files, skipped });
}
