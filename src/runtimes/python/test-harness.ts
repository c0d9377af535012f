/**
 * Test support for the Python runtime's suites: drives a real sandbox (Pyodide in a Node
 * worker thread, the same code as the browser's worker) through the sandbox protocol.
 * Not imported by the app.
 */
import { fixtureFiles as sharedFixtureFiles, testEnvironmentInit } from '../../../tests/support/fixture-files';
import { nodeEngineAssets, nodeSandboxWorkerFactory } from '../../../tests/support/node-sandbox';
import type {
  EnvironmentInit,
  InitDoneMessage,
  InvocationRequest,
  ReadyMessage,
  ResultMessage,
  SandboxToHost,
  SandboxWorkerHandle,
} from '../../workers/sandbox-protocol';

/** A fixture package under tests/fixtures/handlers/python/<name>. */
export function fixtureFiles(name: string): Record<string, Uint8Array> {
  return sharedFixtureFiles('python', name);
}

export interface LogEvent {
  timestamp: number;
  message: string;
}

let requestCounter = 0;
/** A request id shaped like Lambda's (a UUID). */
export function newRequestId(): string {
  requestCounter += 1;
  return `5c012b0a-18f7-4805-b2f6-${String(requestCounter).padStart(12, '0')}`;
}

export class PythonSandbox {
  readonly #worker: SandboxWorkerHandle;
  #logs: LogEvent[] = [];
  #waiters: { kind: SandboxToHost['kind']; resolve: (message: SandboxToHost) => void }[] = [];
  #fatal: string | undefined;
  #init: EnvironmentInit | undefined;
  engineLoadMs = 0;
  /** The sandbox's `ready` answer (how it booted, a snapshot it made). */
  ready: ReadyMessage | undefined;

  private constructor(worker: SandboxWorkerHandle) {
    this.#worker = worker;
    worker.onMessage((message) => {
      if (message.kind === 'log') {
        this.#logs.push({ timestamp: message.timestamp, message: message.message });
        return;
      }
      if (message.kind === 'fatal') this.#fatal = message.message;
      const index = this.#waiters.findIndex((w) => w.kind === message.kind || message.kind === 'fatal');
      if (index >= 0) this.#waiters.splice(index, 1)[0]?.resolve(message);
    });
    worker.onError((message) => {
      this.#fatal = message;
      for (const waiter of this.#waiters.splice(0)) waiter.resolve({ kind: 'fatal', message });
    });
  }

  /** Start a worker and load Pyodide in it (from `snapshot`, an envelope, when given). */
  static async boot(options: { snapshot?: Uint8Array } = {}): Promise<PythonSandbox> {
    const sandbox = new PythonSandbox(nodeSandboxWorkerFactory('pyodide'));
    sandbox.#worker.post({
      kind: 'boot',
      runtime: 'python3.14',
      assets: nodeEngineAssets,
      ...(options.snapshot ? { snapshot: options.snapshot } : {}),
    });
    const ready = await sandbox.#next('ready');
    if (ready.kind !== 'ready') throw new Error(`sandbox failed to boot: ${sandbox.#fatal}`);
    sandbox.engineLoadMs = ready.engineLoadMs;
    sandbox.ready = ready;
    return sandbox;
  }

  /** Run the Init phase with `files` and defaults shaped like a real function's. */
  async init(
    files: Record<string, Uint8Array>,
    overrides: Partial<EnvironmentInit> = {},
  ): Promise<{ done: InitDoneMessage; logs: LogEvent[] }> {
    const init = testEnvironmentInit(
      { runtime: 'python3.14', handler: 'lambda_function.lambda_handler', files, environment: {} },
      overrides,
    );
    this.#init = init;
    this.#logs = [];
    this.#worker.post({ kind: 'init', init });
    const done = await this.#next('init-done');
    if (done.kind !== 'init-done') throw new Error(`init failed: ${this.#fatal}`);
    return { done, logs: this.#takeLogs() };
  }

  /** Invoke with `event` (serialised unless already a string). */
  async invoke(
    event: unknown,
    overrides: Partial<InvocationRequest> = {},
  ): Promise<{ result: ResultMessage; logs: LogEvent[]; lines: string[] }> {
    const timeoutSeconds = this.#init?.timeoutSeconds ?? 3;
    const invocation: InvocationRequest = {
      requestId: newRequestId(),
      payload: typeof event === 'string' ? event : JSON.stringify(event),
      deadlineEpochMs: Date.now() + timeoutSeconds * 1000,
      invokedFunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:myLambdaFunction',
      ...overrides,
    };
    this.#logs = [];
    this.#worker.post({ kind: 'invoke', invocation });
    const result = await this.#next('result');
    if (result.kind !== 'result') throw new Error(`invoke failed: ${this.#fatal}`);
    const logs = this.#takeLogs();
    return { result, logs, lines: logs.map((l) => l.message) };
  }

  terminate(): void {
    this.#worker.terminate();
  }

  #takeLogs(): LogEvent[] {
    const logs = this.#logs;
    this.#logs = [];
    return logs;
  }

  #next(kind: SandboxToHost['kind']): Promise<SandboxToHost> {
    if (this.#fatal !== undefined) return Promise.resolve({ kind: 'fatal', message: this.#fatal });
    return new Promise((resolve) => this.#waiters.push({ kind, resolve }));
  }
}
