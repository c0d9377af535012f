/**
 * The host's side of one sandbox worker: sends protocol messages and awaits their
 * answers, collects log lines as they arrive, and turns a crashed or killed worker
 * into a rejected wait instead of a hang.
 */
import type { EngineKind, RuntimeId } from '../domain/runtime-ids';
import type { TimedLine } from '../control-plane/ports';
import type {
  EngineAssets,
  EnvironmentInit,
  InitDoneMessage,
  InvocationRequest,
  ReadyMessage,
  ResultMessage,
  SandboxToHost,
  SandboxWorkerFactory,
  SandboxWorkerHandle,
} from '../workers/sandbox-protocol';
import { isSandboxToHost } from '../workers/sandbox-protocol';

/** Why a wait on the sandbox ended without its answer. */
export class SandboxLost extends Error {
  constructor(readonly reason: 'deadline' | 'crashed', detail: string) {
    super(detail);
    this.name = 'SandboxLost';
  }
}

type Expected = 'ready' | 'init-done' | 'result';
type Answer = ReadyMessage | InitDoneMessage | ResultMessage;

interface Waiter {
  expected: Expected;
  /** For `result`: the invocation's request id, the only one a result may carry. */
  requestId?: string;
  resolve: (message: Answer) => void;
  reject: (error: SandboxLost) => void;
  timer?: ReturnType<typeof setTimeout>;
}

export class Sandbox {
  readonly booted: Promise<ReadyMessage>;
  /** Lines written since the last `takeLines()`. */
  private lines: TimedLine[] = [];
  /** Hears each line as it arrives, besides keeping it for `takeLines()`. */
  onLine: ((line: TimedLine) => void) | undefined;
  private waiter: Waiter | undefined;
  private alive = true;
  private readonly handle: SandboxWorkerHandle;

  constructor(
    readonly engine: EngineKind,
    factory: SandboxWorkerFactory,
    runtime: RuntimeId,
    assets: EngineAssets,
    /** A stored engine snapshot to boot from (Pyodide); the boot waits for it. */
    snapshot?: Promise<Uint8Array | undefined>,
  ) {
    this.handle = factory(engine);
    this.handle.onMessage((message) => this.receive(message));
    this.handle.onError((detail) => this.kill(`Sandbox worker failed: ${detail}`));
    this.booted = this.expect('ready') as Promise<ReadyMessage>;
    if (snapshot) {
      void snapshot.then(
        (bytes) => this.alive && this.handle.post({ kind: 'boot', runtime, assets, ...(bytes ? { snapshot: bytes } : {}) }),
        () => this.alive && this.handle.post({ kind: 'boot', runtime, assets }),
      );
    } else {
      this.handle.post({ kind: 'boot', runtime, assets });
    }
    // A spare that nobody awaits must not raise an unhandled rejection if it dies.
    this.booted.catch(() => undefined);
  }

  get isAlive(): boolean {
    return this.alive;
  }

  async init(init: EnvironmentInit, hardDeadlineMs: number): Promise<InitDoneMessage> {
    const answer = this.expect('init-done', hardDeadlineMs);
    this.handle.post({ kind: 'init', init });
    return (await answer) as InitDoneMessage;
  }

  async invoke(invocation: InvocationRequest, hardDeadlineMs: number): Promise<ResultMessage> {
    const answer = this.expect('result', hardDeadlineMs, invocation.requestId);
    this.handle.post({ kind: 'invoke', invocation });
    return (await answer) as ResultMessage;
  }

  takeLines(): TimedLine[] {
    const taken = this.lines;
    this.lines = [];
    return taken;
  }

  terminate(): void {
    this.kill('Sandbox terminated');
  }

  private kill(detail: string): void {
    if (this.alive) this.handle.terminate();
    this.lose('crashed', detail);
  }

  private expect(expected: Expected, timeoutMs?: number, requestId?: string): Promise<Answer> {
    if (!this.alive) return Promise.reject(new SandboxLost('crashed', 'Sandbox is not running'));
    return new Promise<Answer>((resolve, reject) => {
      const waiter: Waiter = { expected, resolve, reject, ...(requestId === undefined ? {} : { requestId }) };
      if (timeoutMs !== undefined) {
        waiter.timer = setTimeout(() => {
          // The hard limit: the worker is killed, whatever the handler is doing.
          this.waiter = undefined;
          this.alive = false;
          this.handle.terminate();
          reject(new SandboxLost('deadline', 'Deadline passed'));
        }, Math.max(0, timeoutMs));
      }
      this.waiter = waiter;
    });
  }

  private receive(received: unknown): void {
    // Nothing from a sandbox is believed unchecked: a message outside the protocol, or a
    // result for another request, ends the environment (src/workers/sandbox-protocol.ts).
    if (!isSandboxToHost(received)) {
      this.kill('Sandbox sent a message outside the protocol');
      return;
    }
    const message: SandboxToHost = received;
    if (message.kind === 'log') {
      const line = { timestamp: message.timestamp, message: message.message };
      this.lines.push(line);
      this.onLine?.(line);
      return;
    }
    if (message.kind === 'fatal') {
      this.kill(`Sandbox failed: ${message.message}`);
      return;
    }
    const waiter = this.waiter;
    if (!waiter || waiter.expected !== message.kind) {
      this.kill(`Sandbox sent an unexpected ${message.kind} message`);
      return;
    }
    if (message.kind === 'result' && message.requestId !== waiter.requestId) {
      this.kill('Sandbox sent a result for another request');
      return;
    }
    this.waiter = undefined;
    clearTimeout(waiter.timer);
    waiter.resolve(message);
  }

  private lose(reason: 'deadline' | 'crashed', detail: string): void {
    this.alive = false;
    const waiter = this.waiter;
    this.waiter = undefined;
    if (waiter) {
      clearTimeout(waiter.timer);
      waiter.reject(new SandboxLost(reason, detail));
    }
  }
}
