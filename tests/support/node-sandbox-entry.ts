/**
 * Entry of a sandbox running in Node's worker_threads (loaded through tsx), so Node
 * tests run the real sandbox code in a real thread that can be terminated.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { serveSandbox } from '../../src/workers/sandbox-host';
import type { HostToSandbox, SandboxEngineFactory } from '../../src/workers/sandbox-protocol';

const port = parentPort;
if (!port) throw new Error('node-sandbox-entry must run in a worker thread');
const { engine } = workerData as { engine: 'quickjs' | 'pyodide' };
const factory: SandboxEngineFactory =
  engine === 'quickjs'
    ? (await import('../../src/runtimes/nodejs/engine')).createQuickjsEngine
    : (await import('../../src/runtimes/python/engine')).createPyodideEngine;

serveSandbox(factory, {
  post: (message, transfer = []) => port.postMessage(message, transfer as never),
  listen: (handler) => port.on('message', (message: HostToSandbox) => handler(message)),
});
