// Hovering the output of a global average pooling of a 256x256 rgb picture, in Chromium: the pointer
// enters the one output cell until the frame with its explanation and highlights is rendered.

/** The block: the vault's 256x256 checkerboard as rgb, pooled to one average per channel. */
export const GLOBAL_BLOCK = '```cnn-pool\nimage: "[[checkerboard.png]]"\nchannels: rgb\nglobal: avg\n```\n';

/** A pointer move into the middle of the output map, timed to the end of its frame; also the block's height before and after. */
async function hoverOutput() {
	const block = document.querySelector('.block-language-cnn-pool');
	const frame = block.querySelector('.cnn-fmap[data-role="output"] .cnn-fmap-frame');
	await window.cnnBench.afterFrame();
	await window.cnnBench.afterFrame();
	const before = block.getBoundingClientRect().height;
	const r = frame.getBoundingClientRect();
	const at = { bubbles: true, clientX: r.left + r.width / 2, clientY: r.top + r.height / 2 };
	const ms = await window.cnnBench.frame(() => {
		frame.dispatchEvent(new PointerEvent('pointerover', at));
		frame.dispatchEvent(new PointerEvent('pointermove', at));
	});
	return { ms, before, after: block.getBoundingClientRect().height };
}

/** @type {import('./runner.mjs').ChromiumSuite} */
export default {
	title: 'Chromium: hover -> the frame with the explanation rendered (ms, pointer event to end of that frame)',
	cases: [
		{
			id: 'global-pool-hover',
			name: 'cnn-pool global: avg, 256x256x3 picture: first hover of the output (block rendered afresh each run)',
			budgetMs: 1000 / 60,
			ours: async ({ page, render }) => {
				await render(GLOBAL_BLOCK);
				return (await page.evaluate(hoverOutput)).ms;
			},
			check: async ({ page, render }) => {
				await render(GLOBAL_BLOCK);
				const { before, after } = await page.evaluate(hoverOutput);
				const explained = await page.evaluate(() => document.querySelectorAll('.cnn-pool .cnn-explain-sum').length);
				if (explained !== 3) throw new Error(`the hover explained ${explained} channels, expected 3`);
				return [`the block is ${before.toFixed(1)} px tall before the hover and ${after.toFixed(1)} px after`];
			},
		},
	],
	notes: [
		'Each run renders the block again (not timed) and waits two frames, then dispatches the pointer events at a frame boundary and ends when the main thread has rendered that frame (style, layout, paint, commit).',
	],
};
