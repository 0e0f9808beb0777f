/** The editor commands that insert a working `cnn-conv`, `cnn-pool`, `cnn-classify` or `cnn-train` block at the cursor. */
import type { Command } from 'obsidian';
import { currentLanguage, t, type MessageKey } from '../i18n';
import { exampleBlock, type ExampleKind } from './examples';
import { insertBlock } from './insert-text';

const COMMANDS: readonly { kind: ExampleKind; name: MessageKey }[] = [
	{ kind: 'conv', name: 'commands.insertConv.name' },
	{ kind: 'pool', name: 'commands.insertPool.name' },
	{ kind: 'classify', name: 'commands.insertClassify.name' },
	{ kind: 'train', name: 'commands.insertTrain.name' },
];

/**
 * The four insert commands (ids `insert-conv-block`, `insert-pool-block`, `insert-classify-block`,
 * `insert-train-block`;
 * names in Obsidian's language, no default hotkeys): each writes its kind's example, comments in
 * the user's language, at the cursor (see insertBlock).
 */
export function insertBlockCommands(): Command[] {
	return COMMANDS.map(({ kind, name }) => ({
		id: `insert-${kind}-block`,
		name: t(name),
		editorCallback: (editor) => insertBlock(editor, exampleBlock(kind, currentLanguage())),
	}));
}
