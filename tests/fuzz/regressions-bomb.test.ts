/**
 * Issue 10's "billion laughs": nine levels of YAML aliases, each a list of nine aliases of the level
 * below (9^9, about 387 million leaves once expanded). The block must be refused quickly with a
 * translated message, whatever key the top alias is put under.
 *
 * Each block is first parsed in a worker thread with a memory limit and a 10 s limit (the fuzz
 * preflight): today parsing it runs out of memory, which in the test process itself would abort the
 * whole jest run. Only a block the worker parsed is then rendered in the page and its message checked.
 */
import { laughs } from './generators';
import { Preflight } from './preflight';
import { LANGUAGES, expectTranslatedError, show, uncaught, useFixtures } from './regression-helpers';

useFixtures();

let preflight: Preflight | null = null;
beforeAll(() => {
	preflight = Preflight.create(512);
});
afterAll(() => preflight?.stop());

it('a nine-level billion-laughs block is refused with a translated message (cnn-conv input, cnn-pool input, cnn-classify show)', async () => {
	const blocks = [
		['cnn-conv', `${laughs(9, 9, 'input')}\nkernel: [[1]]`],
		['cnn-pool', laughs(9, 9, 'input')],
		['cnn-classify', laughs(9, 9, 'show')],
	] as const;
	expect(preflight).not.toBeNull();
	for (const [kind, source] of blocks) {
		const parsed = await preflight?.check(kind, source, 10_000);
		if (parsed?.kind === 'died') throw new Error(`${kind}: parsing the block alone ran out of memory (or crashed) in a worker after ${parsed.ms.toFixed(0)} ms: ${parsed.reason}`);
		if (parsed?.kind === 'timeout') throw new Error(`${kind}: parsing the block alone took over 10 s in a worker`);
		for (const language of LANGUAGES) {
			const b = await show(kind, source, language, `nine-level alias bomb, ${kind}`);
			expectTranslatedError(b.el, language);
			expect(uncaught(await b.end())).toEqual([]);
		}
	}
});
