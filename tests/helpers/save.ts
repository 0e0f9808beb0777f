/** Test helper: saving a picture a block follows, and waiting out the block's quiet period on a fake clock. */
import type { TFile, Vault } from '../../harness/obsidian';
import { MODIFY_QUIET_MS } from '../../src/widgets/shared/block-input';

/**
 * Writes `data` into `file` (one vault `modify`) and moves a fake clock past MODIFY_QUIET_MS, so the
 * blocks following the file start their re-read; the real clock is back on return. Await the
 * test's own flush afterwards for the read to finish.
 */
export async function saveAndWaitQuiet(vault: Vault, file: TFile, data: ArrayBuffer): Promise<void> {
	jest.useFakeTimers();
	try {
		await vault.modifyBinary(file, data);
		await jest.advanceTimersByTimeAsync(MODIFY_QUIET_MS);
	} finally {
		jest.useRealTimers();
	}
}
