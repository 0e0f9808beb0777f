/**
 * The README's "Every key" section (between `<!-- keys:start -->` and `<!-- keys:end -->`) is what
 * scripts/keys-section.ts generates from the key tables: when a key, a default, a range or a
 * description changes, this fails until `npm run readme:keys` rewrites it.
 */
import { spawnSync } from 'child_process';
import { readFileSync } from 'fs';
import { join } from 'path';
import { parseClassifyBlock } from '../src/blocks/parse-classify';
import { parseConvBlock } from '../src/blocks/parse-conv';
import { parsePoolBlock } from '../src/blocks/parse-pool';
import { parseTrainBlock } from '../src/blocks/parse-train';
import type { Result } from '../src/blocks/types';
import { en } from '../src/i18n/en';
import { KEY_TABLES, KEYS_END, KEYS_START, keyRows, keysSection, withKeysSection } from '../scripts/keys-section';

const ROOT = join(__dirname, '..');
const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');

describe('README "Every key" tables', () => {
	it('are up to date with the key tables (if not: npm run readme:keys)', () => {
		const start = readme.indexOf(KEYS_START);
		const end = readme.indexOf(KEYS_END);
		expect(start).toBeGreaterThan(0);
		expect(end).toBeGreaterThan(start);
		expect(readme.slice(start, end + KEYS_END.length)).toBe(keysSection());
	});

	it('come after the hand-written block reference, one table per block kind', () => {
		const section = readme.slice(readme.indexOf(KEYS_START));
		expect(readme.indexOf('## Every key')).toBeGreaterThan(readme.indexOf('### `cnn-classify`'));
		for (const { block, table } of KEY_TABLES) {
			expect(section).toContain(`### Keys of \`${block}\``);
			for (const key of Object.keys(table)) expect(section).toContain(`| \`${key}\` |`);
		}
	});

	it('show every block.doc description, and only those', () => {
		const docs = Object.keys(en).filter((k) => k.startsWith('block.doc.'));
		const shown = new Set(KEY_TABLES.flatMap(({ table }) => Object.values(table).map((spec) => spec.description)));
		expect([...shown].sort()).toEqual(docs.sort());
		for (const doc of docs) expect(keysSection()).toContain(en[doc as keyof typeof en].replace(/\|/g, '\\|'));
	});

	it('say what is allowed in the words of the error box: a mapping written as any key gets that "Allowed:" hint', () => {
		const parsers: Record<string, { parse: (source: string) => Result<unknown>; rest: string }> = {
			'cnn-conv': { parse: parseConvBlock, rest: 'input: [[1, 2], [3, 4]]\nkernel: [[1]]\n' },
			'cnn-pool': { parse: parsePoolBlock, rest: 'input: [[1, 2], [3, 4]]\n' },
			'cnn-classify': { parse: parseClassifyBlock, rest: '' },
			'cnn-train': { parse: parseTrainBlock, rest: '' },
		};
		for (const { block, table } of KEY_TABLES) {
			const { parse, rest } = parsers[block] ?? { parse: parseConvBlock, rest: '' };
			for (const row of keyRows(table)) {
				const others = rest.split('\n').filter((line) => line !== '' && !line.startsWith(`${row.key}:`));
				const result = parse(`${[...others, `${row.key}: {a: 1}`].join('\n')}\n`);
				const allowed = result.ok ? undefined : result.errors.find((e) => e.key === row.key && e.allowed !== undefined)?.allowed;
				expect({ block, key: row.key, allowed }).toEqual({ block, key: row.key, allowed: row.allowed });
			}
		}
	});

	it('are written between the markers only, and need them', () => {
		expect(withKeysSection(`intro\n${KEYS_START}\nold\n${KEYS_END}\noutro\n`)).toBe(`intro\n${keysSection()}\noutro\n`);
		expect(() => withKeysSection('no markers')).toThrow(/keys:start/);
	});

	it('npm run readme:keys -- --check agrees that the README is up to date', () => {
		const run = spawnSync(process.execPath, ['scripts/readme-keys.mjs', '--check'], { cwd: ROOT, encoding: 'utf8' });
		expect(run.stderr).toBe('');
		expect(run.status).toBe(0);
	});
});
