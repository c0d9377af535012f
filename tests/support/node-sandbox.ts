import { Worker } from 'node:worker_threads';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { dirname, join } from 'node:path';
import type { EngineKind } from '../../src/domain/runtime-ids';
import type {
  EngineAssets,
  SandboxToHost,
  SandboxWorkerFactory,
  SandboxWorkerHandle,
} from '../../src/workers/sandbox-protocol';

const require = createRequire(import.meta.url);

/** The engines' files as installed in node_modules, for sandboxes running in Node. */
export const nodeEngineAssets: EngineAssets = {
  pyodideIndexUrl: dirname(require.resolve('pyodide/package.json')) + '/',
  quickjsWasmUrl: join(
    dirname(require.resolve('@jitl/quickjs-wasmfile-release-sync/package.json')),
    'dist',
    'emscripten-module.wasm',
  ),
};

const entry = fileURLToPath(new URL('./node-sandbox-entry.ts', import.meta.url));
const boot = new URL('./node-sandbox-boot.mjs', import.meta.url);

/** A sandbox worker in a real Node thread, running the same code as the browser's. */
export const nodeSandboxWorkerFactory: SandboxWorkerFactory = (engine: EngineKind): SandboxWorkerHandle => {
  const worker = new Worker(boot, { workerData: { engine, entry: pathToFileURL(entry).href } });
  const errorHandlers: ((message: string) => void)[] = [];
  worker.on('error', (error) => errorHandlers.forEach((h) => h(String(error))));
  return {
    post: (message, transfer = []) => worker.postMessage(message, transfer as never),
    onMessage: (handler) => worker.on('message', (message: SandboxToHost) => handler(message)),
    onError: (handler) => errorHandlers.push(handler),
    terminate: () => void worker.terminate(),
  };
};
