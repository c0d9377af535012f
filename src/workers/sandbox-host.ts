import type {
  HostToSandbox,
  SandboxEndpoint,
  SandboxEngine,
  SandboxEngineFactory,
} from './sandbox-protocol';

/**
 * Runs one execution environment inside a worker: loads the engine on `boot`, then
 * answers `init` and `invoke` one at a time (an environment serves one invocation at
 * a time, as in Lambda). Log lines are posted as they are written.
 */
export function serveSandbox(factory: SandboxEngineFactory, endpoint: SandboxEndpoint): void {
  let engine: SandboxEngine | undefined;
  let queue: Promise<void> = Promise.resolve();
  const log = (message: string, timestamp: number = Date.now()): void =>
    endpoint.post({ kind: 'log', timestamp, message });
  const fatal = (error: unknown): void =>
    endpoint.post({ kind: 'fatal', message: error instanceof Error ? `${error.name}: ${error.message}` : String(error) });

  const handle = async (message: HostToSandbox): Promise<void> => {
    switch (message.kind) {
      case 'boot': {
        const started = performance.now();
        engine = await factory(message.assets, message.runtime, message.snapshot ? { snapshot: message.snapshot } : {});
        const boot = engine.boot;
        const snapshot = boot?.snapshot;
        endpoint.post(
          {
            kind: 'ready',
            engineLoadMs: performance.now() - started,
            ...(boot ? { bootedFrom: boot.from } : {}),
            ...(snapshot ? { snapshot } : {}),
            ...(boot?.snapshotRefused ? { snapshotRefused: boot.snapshotRefused } : {}),
            ...(engine.seal ? { sealKept: engine.seal.kept } : {}),
          },
          snapshot ? [snapshot.buffer as ArrayBuffer] : [],
        );
        if (boot) delete boot.snapshot;
        return;
      }
      case 'init': {
        if (!engine) throw new Error('init before boot');
        endpoint.post({ kind: 'init-done', ...(await engine.init(message.init, log)) });
        return;
      }
      case 'invoke': {
        if (!engine) throw new Error('invoke before boot');
        endpoint.post({ kind: 'result', ...(await engine.invoke(message.invocation, log)) });
        return;
      }
    }
  };

  endpoint.listen((message) => {
    queue = queue.then(() => handle(message)).catch(fatal);
  });
}

/** The part of a dedicated worker's global scope the endpoint uses. */
interface DedicatedScope {
  postMessage(message: unknown, transfer: Transferable[]): void;
  onmessage: ((event: MessageEvent<HostToSandbox>) => void) | null;
}

/** The endpoint of a browser dedicated worker (`self`). */
export function workerSelfEndpoint(scope: DedicatedScope): SandboxEndpoint {
  return {
    post: (message, transfer = []) => scope.postMessage(message, transfer),
    listen: (handler) => {
      scope.onmessage = (event: MessageEvent<HostToSandbox>) => handler(event.data);
    },
  };
}
