/**
 * Issue 10's "billion laughs": nine levels of YAML aliases, each a list of nine aliases of the level
 * below (10^9 leaves once expanded). The block must be refused quickly with a translated message,
 * whatever key the top alias is put under. In a file of its own: walking it runs the test process
 * out of memory today, which would take the other regression tests down with it.
 */
import { laughs } from './generators';
import { LANGUAGES, expectTranslatedError, show, uncaught, useFixtures } from './regression-helpers';

useFixtures();

it('a nine-level billion-laughs block is refused with a translated message (cnn-conv input, cnn-pool input, cnn-classify show)', async () => {
	const blocks = [
		['cnn-conv', `${laughs(9, 9, 'input')}\nkernel: [[1]]`],
		['cnn-pool', laughs(9, 9, 'input')],
		['cnn-classify', laughs(9, 9, 'show')],
	] as const;
	for (const language of LANGUAGES) {
		for (const [kind, source] of blocks) {
			const b = await show(kind, source, language, `nine-level alias bomb, ${kind}`);
			expectTranslatedError(b.el, language);
			expect(uncaught(await b.end())).toEqual([]);
		}
	}
});
