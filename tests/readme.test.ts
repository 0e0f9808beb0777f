import { readFileSync } from 'fs';
import { join } from 'path';
import { kernelPresets } from '../src/cnn';
import { CLASSIFY_KEYS } from '../src/blocks/classify-keys';
import { parseClassifyBlock } from '../src/blocks/parse-classify';
import { parseConvBlock } from '../src/blocks/parse-conv';
import { parseTrainBlock, trainPlan } from '../src/blocks/parse-train';
import { MAX_IMAGE_SIDE } from '../src/vault/image';
import { LOAD_LIMIT_MS, MAX_CLASSES, MAX_INPUT_SIDE as MAX_MODEL_SIDE, MAX_WEIGHT_BYTES, MIN_CLASSES, MIN_INPUT_SIDE, PREDICT_LIMIT_MS } from '../src/model/limits';
import { MAX_LABEL_LENGTH } from '../src/model/prepare-input';
import { MAX_FOLDER_PICTURES } from '../src/vault/folder-pictures';
import { MAX_WRITTEN_TERMS, SHOWN_TERMS } from '../src/widgets/shared/arithmetic';
import { MAX_HIGHLIGHT_RECTS } from '../src/widgets/shared/feature-map';
import { MODIFY_QUIET_MS } from '../src/widgets/shared/block-input';
import { NEAR_SCREEN_MARGIN } from '../src/widgets/shared/visibility';
import { loadPlugin } from './helpers/plugin';
import {
	CONV_KEYS,
	MAX_DILATION,
	MAX_FILTERS,
	MAX_IMAGE_OUTPUT_SIDE,
	MAX_INPUT_SIDE,
	MAX_KERNEL_SIDE,
	MAX_OUTPUT_SIDE,
	MAX_PADDING,
	MAX_POOL_SIDE,
	MAX_STRIDE,
	POOL_KEYS,
} from '../src/blocks/keys';

const readme = readFileSync(join(__dirname, '..', 'README.md'), 'utf8');

/** The README text between a `### `heading`` line and the next heading of that level. */
function section(heading: string): string {
	const start = readme.indexOf(`### \`${heading}\``);
	if (start < 0) throw new Error(`README has no section for ${heading}`);
	const end = readme.indexOf('\n### ', start + 1);
	return readme.slice(start, end < 0 ? undefined : end);
}

describe('README block reference', () => {
	it.each([
		['cnn-conv', Object.keys(CONV_KEYS)],
		['cnn-pool', Object.keys(POOL_KEYS)],
		['cnn-classify', Object.keys(CLASSIFY_KEYS)],
	])('documents every key of %s in its table', (block, keys) => {
		const text = section(block);
		for (const key of keys) expect(text).toContain(`| \`${key}\` |`);
	});

	it('lists every kernel preset', () => {
		for (const name of Object.keys(kernelPresets)) expect(section('cnn-conv')).toMatch(new RegExp(`\\b${name}\\b`));
	});

	it('states every limit the parser enforces', () => {
		const limits = readme.slice(readme.indexOf('| limit | value |'));
		for (const value of [MAX_INPUT_SIDE, MAX_KERNEL_SIDE, MAX_FILTERS, MAX_STRIDE, MAX_DILATION, MAX_PADDING, MAX_POOL_SIDE, MAX_OUTPUT_SIDE, MAX_IMAGE_OUTPUT_SIDE, MAX_IMAGE_SIDE]) {
			expect(limits).toMatch(new RegExp(`\\| ${value} \\|`));
		}
	});
});

describe('README budgets', () => {
	it('states the budgets of explanations, highlights and models the code applies', () => {
		const budgets = readme.slice(readme.indexOf('| budget | value |'), readme.indexOf('## Network use'));
		expect(budgets).toContain(`| products or values written in one explanation | ${MAX_WRITTEN_TERMS}; past that the first ${SHOWN_TERMS} and`);
		expect(budgets).toContain(`at most ${MAX_HIGHLIGHT_RECTS} (past that`);
		expect(budgets).toContain(`a first prediction on a blank digit | ${LOAD_LIMIT_MS / 1000} s |`);
		expect(budgets).toContain(`| one prediction (in the model worker) | ${PREDICT_LIMIT_MS / 1000} s |`);
		expect(budgets).toContain(`| a vault model's weights | ${MAX_WEIGHT_BYTES / 1024 / 1024} MB (`);
		expect(budgets).toContain(`one picture of ${MIN_INPUT_SIDE} to ${MAX_MODEL_SIDE} pixels a side, 1 or 3 channels; ${MIN_CLASSES} to ${MAX_CLASSES.toLocaleString('en')} classes |`);
		expect(budgets).toContain(`| ${MAX_LABEL_LENGTH} characters each |`);
		expect(budgets).toContain(`| ${MAX_FOLDER_PICTURES} (the first by path;`);
	});
});

describe('README: when blocks start and re-read their pictures', () => {
	it('states the near-screen margin and the quiet period the code uses', () => {
		expect(NEAR_SCREEN_MARGIN).toBe('600px 0px');
		expect(readme).toContain('comes within 600 px above or below the part of the\nnote on screen');
		expect(readme).toContain(`An edit is shown once the picture has not changed\nfor ${MODIFY_QUIET_MS} ms`);
	});
});

describe('README examples', () => {
	const examples = [...readme.matchAll(/```(cnn-[a-z]+)\n([\s\S]*?)```/g)].map((m) => [m[1] ?? '', m[2] ?? ''] as const);

	it('has examples for every block', () => {
		expect(new Set(examples.map(([kind]) => kind))).toEqual(new Set(['cnn-conv', 'cnn-pool', 'cnn-classify', 'cnn-train']));
	});

	it.each(examples)('renders the %s example without an error', async (kind, source) => {
		if (/^image:/m.test(source)) {
			// Vault pictures need a file and the browser's decoder: the e2e tests render those; here the block must parse.
			expect(parseConvBlock(source).ok).toBe(true);
			return;
		}
		if (kind === 'cnn-classify' && /^(model|input): "\[\[/m.test(source)) {
			// A vault model and picture: e2e/vault-model.test.mjs renders the example vault's; here the block must parse.
			expect(parseClassifyBlock(source).ok).toBe(true);
			return;
		}
		if (kind === 'cnn-train' && /^data: "\[\[/m.test(source)) {
			// A vault folder of pictures: the widget tests read harness folders; here the block parses and its network fits three classes.
			const spec = parseTrainBlock(source);
			expect(spec.ok && trainPlan(spec.value, 3).ok).toBe(true);
			return;
		}
		const { render } = loadPlugin();
		const { el } = await render(kind, source);
		// The held-out digits of `input: sample` are read (a lazy import) before the widget shows.
		for (let i = 0; i < 100 && !el.querySelector(`.cnn-notes.${kind}, .cnn-notes-error`); i++) await new Promise((resolve) => setTimeout(resolve, 10));
		expect(el.querySelector('.cnn-notes-error')?.textContent ?? '').toBe('');
		expect(el.querySelector(`.cnn-notes.${kind}`)).not.toBeNull();
	});
});
