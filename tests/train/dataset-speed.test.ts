/**
 * How long reading a folder of 2,000 small pictures takes in jest (fake decoder: the work measured
 * is listing, reading bytes, area averaging, fitting and storing), and how long the reader keeps
 * the page between its pauses. MEASURE=1 prints the figures.
 */
import { readFolderDataset } from '../../src/train/dataset';
import { rgba, vaultWith } from './dataset-helpers';

const COUNT = 2000;

describe('readFolderDataset speed', () => {
	it.each([
		[[28, 28, 1], 'crop'],
		[[32, 32, 3], 'pad'],
	] as const)(`${COUNT} pictures of 40x30 into %j (%s): under 10 s, pausing for the page at least every 50 ms of work`, async (shape, fit) => {
		const files: Record<string, number> = {};
		for (let i = 0; i < COUNT; i++) files[`set/class${i % 10}/p${i}.png`] = i % 7;
		const pictures = Object.fromEntries(Array.from({ length: 7 }, (_, k) => [k, rgba(40, 30, k + 1)]));
		const { deps } = vaultWith(files, pictures);
		const pauses: number[] = [];
		const resumes: number[] = [];
		deps.yieldToPage = () => {
			pauses.push(performance.now());
			return new Promise((r) =>
				setTimeout(() => {
					resumes.push(performance.now());
					r();
				}, 0),
			);
		};
		// With node --expose-gc the heap figures are after a collection (jest's sandbox keeps gc where node exposes it).
		const gc = (globalThis as { gc?: () => void }).gc;
		gc?.();
		const used = (): number => process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers;
		const before = used();
		const start = performance.now();
		const result = await readFolderDataset(deps, 'set', '', { inputShape: [...shape], fit });
		const ms = performance.now() - start;
		gc?.();
		const heap = used() - before;
		expect(result.ok && result.value.count).toBe(COUNT);
		expect(ms).toBeLessThan(10_000);
		// Work between a resume and the next pause (the first slice also lists the folder).
		const slices = pauses.slice(1).map((p, i) => p - (resumes[i] ?? p));
		const sorted = [...slices].sort((a, b) => a - b);
		const median = sorted[Math.floor(sorted.length / 2)] ?? 0;
		expect(median).toBeLessThan(50);
		if (process.env.MEASURE === '1') {
			const bytes = result.ok ? result.value.pixels.byteLength : 0;
			const first = (pauses[0] ?? start) - start;
			process.stdout.write(
				`${COUNT} pictures -> ${shape.join('x')} ${fit}: ${ms.toFixed(0)} ms, ${pauses.length} pauses, first slice ${first.toFixed(0)} ms, slices median ${median.toFixed(0)} max ${(sorted[sorted.length - 1] ?? 0).toFixed(0)} ms, heap + array buffers ${(heap / 1e6).toFixed(1)} MB, set ${(bytes / 1e6).toFixed(2)} MB\n`,
			);
		}
	});
});
