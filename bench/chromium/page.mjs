// In-page helpers of the Chromium bench: `window.cnnBench`, installed in every page a case gets.

/**
 * Installs `window.cnnBench` in `page`:
 * - `frame(action, frames = 1)`: waits for the start of a frame (a requestAnimationFrame callback), runs
 *   `action()` there, and resolves with the ms from just before the action until the main thread has
 *   finished rendering the `frames`-th frame from then on (style, layout, paint and commit included,
 *   found by a message posted from that frame's requestAnimationFrame callback: it runs after the
 *   frame's rendering). Starting at a frame boundary leaves out the wait for the next vsync, so the
 *   figure is the work an input event costs before its result is on screen; within 16.7 ms means
 *   no frame is dropped at 60 Hz. Pass frames = 2 when the code under test defers work to a frame.
 * - `afterFrame()`: resolves after the next frame rendered (settles pending work between runs).
 */
export async function installPageHelpers(page) {
	await page.evaluate(() => {
		const rendered = () =>
			new Promise((resolve) => {
				const channel = new MessageChannel();
				channel.port1.onmessage = () => resolve(undefined);
				channel.port2.postMessage(0);
			});
		const nextFrame = () => new Promise((resolve) => requestAnimationFrame(() => resolve(undefined)));
		window.cnnBench = {
			frame: (action, frames = 1) =>
				new Promise((resolve, reject) => {
					requestAnimationFrame(async () => {
						try {
							const t0 = performance.now();
							action();
							for (let f = 1; f < frames; f++) await nextFrame();
							await rendered();
							resolve(performance.now() - t0);
						} catch (e) {
							reject(e);
						}
					});
				}),
			afterFrame: async () => {
				await nextFrame();
				await rendered();
			},
		};
	});
}
