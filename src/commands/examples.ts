/**
 * The small working examples the insert commands write: one fenced block per kind, with English
 * keys (the parser's) and comments in the user's language.
 */
import { catalogFor, format, type GlossaryLanguage, type MessageKey } from '../i18n';

/** The block kinds an insert command writes. */
export type ExampleKind = 'conv' | 'pool' | 'classify' | 'train';

/** The comment lines (message keys) and the YAML body of each kind's example. */
const EXAMPLES: Record<ExampleKind, { comments: MessageKey[]; body: string }> = {
	conv: {
		comments: ['commands.example.conv', 'commands.example.convTry'],
		body: ['input: |', '  1 1 1 0 0', '  0 1 1 1 0', '  0 0 1 1 1', '  0 0 1 1 0', '  0 1 1 0 0', 'kernel: |', '  1 0 1', '  0 1 0', '  1 0 1'].join('\n'),
	},
	pool: {
		comments: ['commands.example.pool', 'commands.example.poolTry'],
		body: ['input: |', '  1 3 2 4', '  5 6 1 2', '  7 2 9 0', '  1 4 3 8', 'type: max', 'size: 2', 'stride: 2'].join('\n'),
	},
	classify: {
		comments: ['commands.example.classify', 'commands.example.classifyTry'],
		body: ['model: digits', 'input: draw'].join('\n'),
	},
	train: {
		comments: ['commands.example.train', 'commands.example.trainTry'],
		body: ['data: digits', 'layers: [conv 8 3, relu, pool 2, conv 16 3, relu, pool 2, dense]', 'epochs: 1'].join('\n'),
	},
};

/** The YAML source of a kind's example (what goes between the fences), its comments in `language`. */
export function exampleSource(kind: ExampleKind, language: GlossaryLanguage): string {
	const { comments, body } = EXAMPLES[kind];
	const catalog = catalogFor(language);
	return [...comments.map((key) => `# ${format(catalog[key], {}, language)}`), body].join('\n');
}

/** The whole fenced block of a kind's example: ```cnn-<kind> ... ``` (no line break after the closing fence). */
export function exampleBlock(kind: ExampleKind, language: GlossaryLanguage): string {
	return `\`\`\`cnn-${kind}\n${exampleSource(kind, language)}\n\`\`\``;
}
