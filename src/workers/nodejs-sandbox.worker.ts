/**
 * Browser worker entry of a Node.js execution environment (QuickJS). The host creates it
 * with `new Worker(new URL('./nodejs-sandbox.worker.ts', import.meta.url), { type: 'module' })`
 * and boots it with `assets.quickjsWasmUrl` = `<base>quickjs/emscripten-module.wasm`.
 */
import { createQuickjsEngine } from '../runtimes/nodejs/engine';
import { serveSandbox, workerSelfEndpoint } from './sandbox-host';

// The project's lib is DOM (no WebWorker lib), where `self` is typed as Window; in this
// module it is a DedicatedWorkerGlobalScope, which has the postMessage/onmessage pair used.
const scope = self as unknown as Parameters<typeof workerSelfEndpoint>[0];
serveSandbox(createQuickjsEngine, workerSelfEndpoint(scope));
