/**
 * A bounded first reading of a block: the block's parser (parseConvBlock, parsePoolBlock,
 * parseClassifyBlock, bundled by esbuild with the harness as `obsidian`) runs in a worker thread
 * with a memory limit and is stopped after a time limit. A source whose parsing alone runs past the
 * limit or out of memory (an alias bomb walked to 10^9 leaves, edit distances over 1 MB words) is a
 * hang, found without freezing or killing the jest process that runs the fuzz cases; every other
 * source is then mounted in the page as usual.
 */
import { join } from 'path';
import type { Worker as NodeWorker } from 'worker_threads';
import type { BlockKind } from './property';

/** What the parser did in the worker. */
export type PreflightResult = { kind: 'parsed'; ms: number } | { kind: 'timeout'; ms: number } | { kind: 'died'; ms: number; reason: string };

const ROOT = join(__dirname, '..', '..');

const ENTRY = `
import { parentPort } from 'worker_threads';
import { parseConvBlock } from './src/blocks/parse-conv';
import { parsePoolBlock } from './src/blocks/parse-pool';
import { parseClassifyBlock } from './src/blocks/parse-classify';
import { parseTrainBlock } from './src/blocks/parse-train';
const parsers = { 'cnn-conv': parseConvBlock, 'cnn-pool': parsePoolBlock, 'cnn-classify': parseClassifyBlock, 'cnn-train': parseTrainBlock };
parentPort.on('message', ({ id, kind, source }) => {
	const started = performance.now();
	try { parsers[kind](source); } catch (e) { /* the processor's own net handles a throw: not a hang */ }
	parentPort.postMessage({ id, ms: performance.now() - started });
});
`;

/**
 * The worker's code: the three parsers and the harness, bundled for Node by esbuild's command line
 * (its JS API refuses to run inside jest's sandbox, whose Buffer and Uint8Array come from different realms).
 */
function bundle(): string {
	const { execFileSync } = require('child_process') as typeof import('child_process');
	const args = ['--bundle', '--platform=node', '--format=cjs', '--target=node20', '--loader=ts', '--loader:.bin=binary', '--log-level=error', '--sourcefile=preflight-entry.ts', `--alias:obsidian=./harness/obsidian.ts`];
	return execFileSync(join(ROOT, 'node_modules', '.bin', 'esbuild'), args, { cwd: ROOT, input: ENTRY, encoding: 'utf8', maxBuffer: 64 << 20 });
}

/** A worker that parses block sources under a time and memory limit; null from create() when it cannot start. */
export class Preflight {
	private worker: NodeWorker | null = null;
	private nextId = 0;

	private constructor(
		private readonly code: string,
		private readonly memoryMb: number,
	) {}

	/** Builds the worker's bundle; null (and a warning) when the parsers cannot be bundled. */
	static create(memoryMb = 1024): Preflight | null {
		try {
			return new Preflight(bundle(), memoryMb);
		} catch (e) {
			console.warn(`fuzz preflight disabled: ${String(e)}`);
			return null;
		}
	}

	/** Parses source as a block of this kind; stops the worker after limitMs. */
	check(kind: BlockKind, source: string, limitMs: number): Promise<PreflightResult> {
		const worker = this.start();
		const id = this.nextId++;
		const started = performance.now();
		return new Promise((resolve) => {
			const finish = (result: PreflightResult, stop: boolean): void => {
				clearTimeout(timer);
				worker.off('message', onMessage);
				worker.off('error', onError);
				if (stop) this.stop();
				resolve(result);
			};
			const onMessage = (msg: { id: number; ms: number }): void => {
				if (msg.id === id) finish({ kind: 'parsed', ms: msg.ms }, false);
			};
			const onError = (e: Error): void => finish({ kind: 'died', ms: performance.now() - started, reason: e.message }, true);
			const timer = setTimeout(() => finish({ kind: 'timeout', ms: performance.now() - started }, true), limitMs);
			worker.on('message', onMessage);
			worker.on('error', onError);
			worker.postMessage({ id, kind, source });
		});
	}

	/** Ends the worker (it is started again on the next check). */
	stop(): void {
		void this.worker?.terminate();
		this.worker = null;
	}

	private start(): NodeWorker {
		if (!this.worker) {
			const { Worker } = require('worker_threads') as typeof import('worker_threads');
			this.worker = new Worker(this.code, { eval: true, resourceLimits: { maxOldGenerationSizeMb: this.memoryMb } });
			this.worker.unref();
		}
		return this.worker;
	}
}
