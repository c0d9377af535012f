/**
 * Sandbox workers in the browser: one dedicated worker per execution environment,
 * started from the control-plane worker. Each `new Worker(new URL(...))` is written
 * out literally so Vite bundles the worker entry.
 */
// Vite serves QuickJS's wasm as a hashed asset of the build (the same file the variant references).
import quickjsWasmUrl from '@jitl/quickjs-wasmfile-release-sync/wasm?url';
import type { EngineKind } from '../domain/runtime-ids';
import type { EngineAssets, SandboxToHost, SandboxWorkerFactory, SandboxWorkerHandle } from '../workers/sandbox-protocol';

function startWorker(engine: EngineKind): Worker {
  return engine === 'quickjs'
    ? new Worker(new URL('../workers/nodejs-sandbox.worker.ts', import.meta.url), {
        type: 'module',
        name: 'lambdalite-nodejs-sandbox',
      })
    : new Worker(new URL('../workers/python-sandbox.worker.ts', import.meta.url), {
        type: 'module',
        name: 'lambdalite-python-sandbox',
      });
}

export const browserSandboxWorkerFactory: SandboxWorkerFactory = (engine: EngineKind): SandboxWorkerHandle => {
  const worker = startWorker(engine);
  return {
    post: (message, transfer = []) => worker.postMessage(message, transfer),
    onMessage: (handler) => {
      worker.onmessage = (event: MessageEvent<SandboxToHost>) => handler(event.data);
    },
    onError: (handler) => {
      worker.onerror = (event: ErrorEvent) => {
        event.preventDefault();
        handler(event.message || 'worker error');
      };
      worker.onmessageerror = () => handler('a message from the sandbox could not be read');
    },
    terminate: () => worker.terminate(),
  };
};

/** Where the app serves the engines' files: Pyodide's are copied from node_modules by vite.config.ts. */
export function browserEngineAssets(appBaseUrl: string): EngineAssets {
  return {
    pyodideIndexUrl: new URL('pyodide/', appBaseUrl).href,
    quickjsWasmUrl: new URL(quickjsWasmUrl, self.location.href).href,
  };
}
