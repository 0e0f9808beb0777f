/**
 * The model worker's entry: bundled on its own (esbuild.options.mjs, `modelWorker`) and embedded
 * into main.js as a string, started from a Blob URL by src/model/host/start.ts. Where no worker can
 * start, the same code runs in the page with `cnnNotesPagePort` standing in for the worker's
 * global scope. Only this bundle contains tfjs.
 */
import type { EngineScope } from '../host/protocol';
import { startEngine } from './engine';

declare const cnnNotesPagePort: EngineScope | undefined;

startEngine(typeof cnnNotesPagePort !== 'undefined' ? cnnNotesPagePort : (self as unknown as EngineScope));
