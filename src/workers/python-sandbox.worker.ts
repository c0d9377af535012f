/**
 * Browser entry of a Python sandbox: one dedicated worker per execution environment,
 * running the python3.x runtime on Pyodide (src/runtimes/python/engine.ts).
 *
 * The channel to the host is captured here, at module evaluation, before any handler code can
 * run; once Pyodide has loaded, the engine seals the worker (sandbox-globals.ts), which removes
 * `postMessage`, `addEventListener`, `dispatchEvent` and the rest from the global scope. Only
 * events the browser itself delivered (`isTrusted`) are read as host messages, so a handler
 * that reached `dispatchEvent` anyway could not forge an `invoke`.
 */
import { createPyodideEngine } from '../runtimes/python/engine';
import { serveSandbox } from './sandbox-host';
import type { HostToSandbox } from './sandbox-protocol';

/** The part of a dedicated worker's global scope used here (the DOM lib types `self` as Window). */
interface DedicatedScope {
  postMessage(message: unknown, transfer: Transferable[]): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<HostToSandbox>) => void): void;
}

const scope = self as unknown as DedicatedScope;
const post = scope.postMessage.bind(scope);
const listen = scope.addEventListener.bind(scope);

serveSandbox(createPyodideEngine, {
  post: (message, transfer = []) => post(message, transfer),
  listen: (handler) =>
    listen('message', (event: MessageEvent<HostToSandbox>) => {
      if (event.isTrusted) handler(event.data);
    }),
});
