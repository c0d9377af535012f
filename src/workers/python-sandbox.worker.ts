/**
 * Browser entry of a Python sandbox: one dedicated worker per execution environment,
 * running the python3.x runtime on Pyodide (src/runtimes/python/engine.ts).
 *
 * The channel to the host is captured here, before any handler code can run, and the
 * worker's own `postMessage` is removed once Pyodide has loaded, so code reaching JavaScript
 * through `import js` cannot post forged protocol messages (it could still add a listener
 * for the messages its own environment receives, which carry nothing it does not already see).
 */
import { createPyodideEngine } from '../runtimes/python/engine';
import { removeProperty } from '../runtimes/python/sandbox-globals';
import { serveSandbox, workerSelfEndpoint } from './sandbox-host';
import type { HostToSandbox, SandboxEngineFactory } from './sandbox-protocol';

/** The part of a dedicated worker's global scope used here (the DOM lib types `self` as Window). */
interface DedicatedScope {
  postMessage(message: unknown, transfer: Transferable[]): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<HostToSandbox>) => void): void;
}

const scope = self as unknown as DedicatedScope;
const post = scope.postMessage.bind(scope);
const listen = scope.addEventListener.bind(scope);
let onmessage: ((event: MessageEvent<HostToSandbox>) => void) | null = null;

/** `workerSelfEndpoint` over the captured references instead of the live global scope. */
const capturedScope = {
  postMessage: post,
  get onmessage() {
    return onmessage;
  },
  set onmessage(handler: ((event: MessageEvent<HostToSandbox>) => void) | null) {
    if (onmessage === null) listen('message', (event: MessageEvent<HostToSandbox>) => onmessage?.(event));
    onmessage = handler;
  },
};

const factory: SandboxEngineFactory = async (assets, runtime) => {
  const engine = await createPyodideEngine(assets, runtime);
  removeProperty(scope, 'postMessage');
  return engine;
};

serveSandbox(factory, workerSelfEndpoint(capturedScope));
