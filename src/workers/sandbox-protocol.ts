/**
 * The typed contract between the environment pool (in the control-plane worker)
 * and a sandbox worker (one per execution environment).
 *
 * Life of a sandbox: the host sends `boot`; the sandbox loads its engine and
 * answers `ready` (a spare environment waits here). On a cold start the host
 * sends `init` (code, handler, variables) and the sandbox runs the module-level
 * code and answers `init-done`. Each invocation is `invoke` → `result`.
 * Log lines travel beside the RPC as `log` messages, as they are written, so a
 * sandbox that is terminated mid-invocation (timeout, runaway) loses none.
 *
 * The host enforces every limit hard (it terminates the worker); the sandbox
 * enforces them cooperatively where its engine can (interrupts, capped memory).
 */
import type { EngineKind, RuntimeId } from '../domain/runtime-ids';

/** Where a sandbox finds its engine's files (URLs in a browser, paths or file URLs in Node). */
export interface EngineAssets {
  /** Directory (ending in `/`) holding pyodide.asm.mjs, pyodide.asm.wasm, python_stdlib.zip, pyodide-lock.json. */
  pyodideIndexUrl?: string;
  /** URL or path of QuickJS's release-sync `emscripten-module.wasm`. */
  quickjsWasmUrl?: string;
}

export interface BootMessage {
  kind: 'boot';
  runtime: RuntimeId;
  assets: EngineAssets;
  /**
   * A memory snapshot of an initialised engine, kept by the host (Pyodide only: see
   * src/runtimes/python/snapshot-envelope.ts). Missing, stale or corrupt, the engine loads the
   * plain way and answers with a new one in `ready`.
   */
  snapshot?: Uint8Array;
}

/** Everything an execution environment needs to run its Init phase. */
export interface EnvironmentInit {
  runtime: RuntimeId;
  /** Lambda's Handler setting, e.g. `index.handler` or `lambda_function.lambda_handler`. */
  handler: string;
  /** The deployment package unzipped: paths relative to /var/task, forward slashes. */
  files: Record<string, Uint8Array>;
  /** process.env / os.environ: the function's variables plus the ones Lambda sets. */
  environment: Record<string, string>;
  functionName: string;
  functionVersion: string;
  memorySizeMb: number;
  timeoutSeconds: number;
  logGroupName: string;
  logStreamName: string;
  /** Epoch ms at which the Init phase must have finished (Lambda allows 10 s). */
  initDeadlineEpochMs: number;
  /**
   * The function's layers, unzipped and merged in the function's layer order (a later
   * layer's file replaces an earlier one's): paths relative to /opt, forward slashes.
   */
  optFiles?: Record<string, Uint8Array>;
  /** Size of /tmp in MB (Lambda's EphemeralStorage, 512 by default). */
  ephemeralStorageMb?: number;
  /** The function's "Allow network access" setting: off unless the user turned it on. */
  allowNetwork?: boolean;
}

export interface InitMessage {
  kind: 'init';
  init: EnvironmentInit;
}

export interface InvocationRequest {
  requestId: string;
  /** The event as JSON text, exactly as the caller sent it. */
  payload: string;
  /** Epoch ms at which the function's Timeout expires; getRemainingTimeInMillis counts down to it. */
  deadlineEpochMs: number;
  /** Qualified when invoked by version or alias. */
  invokedFunctionArn: string;
  /** Decoded ClientContext JSON, when the caller sent one. */
  clientContext?: string;
}

export interface InvokeMessage {
  kind: 'invoke';
  invocation: InvocationRequest;
}

export type HostToSandbox = BootMessage | InitMessage | InvokeMessage;

export interface ReadyMessage {
  kind: 'ready';
  /** How long loading the engine took inside the sandbox. */
  engineLoadMs: number;
  /** How the engine started: restored from the host's snapshot, or loaded the plain way. */
  bootedFrom?: SandboxBoot['from'];
  /** A snapshot made during this boot, for the host to keep (transferred). */
  snapshot?: Uint8Array;
  /** Why the snapshot in `boot` was not used. */
  snapshotRefused?: string;
  /**
   * Global names the engine's seal could not remove (non-configurable): empty when the seal
   * holds (Pyodide; see src/runtimes/python/sandbox-globals.ts).
   */
  sealKept?: string[];
}

/** How an engine booted, as it reports it in `ready`. */
export interface SandboxBoot {
  from: 'snapshot' | 'plain';
  snapshot?: Uint8Array;
  snapshotRefused?: string;
}

/**
 * The Init phase's outcome. A failed init (syntax error, missing module, missing handler)
 * carries the runtime's error body, which the host returns from the first invocation.
 */
export type InitOutcome =
  | { ok: true; initDurationMs: number }
  | { ok: false; initDurationMs: number; errorType: string; errorBody: string };

export type InitDoneMessage = { kind: 'init-done' } & InitOutcome;

/** One CloudWatch log event, already in the runtime's format (no trailing newline). */
export interface LogMessage {
  kind: 'log';
  timestamp: number;
  message: string;
}

export interface ResultMessage {
  kind: 'result';
  requestId: string;
  /** `error` when the handler threw or the runtime failed: `payload` is then the runtime's error body. */
  status: 'success' | 'error';
  /** JSON text: the handler's return value serialised as the runtime does, or the error body. */
  payload: string;
  errorType?: string;
  /** Invocation time measured inside the sandbox, in ms. */
  durationMs: number;
  /** Peak memory the environment used, in bytes, as measured by the engine. */
  maxMemoryUsedBytes: number;
  /** The environment cannot be reused (out of memory, runtime exited): the host discards it. */
  discard: boolean;
}

/** The sandbox failed in a way it could not report as a result (engine failed to load, bug). */
export interface FatalMessage {
  kind: 'fatal';
  message: string;
}

export type SandboxToHost = ReadyMessage | InitDoneMessage | LogMessage | ResultMessage | FatalMessage;

/** Receives the log lines a runtime writes, as they are written. */
export type LogSink = (message: string, timestamp?: number) => void;

/**
 * What each engine implements; `serveSandbox` (sandbox-host.ts) wires it to messages.
 * The engine lives for one execution environment and is discarded with it.
 */
export interface SandboxEngine {
  /** How the engine booted (engines without snapshots leave it out). */
  readonly boot?: SandboxBoot;
  /** What the engine's seal of its worker could not remove, if it seals one. */
  readonly seal?: { kept: string[] };
  init(init: EnvironmentInit, log: LogSink): Promise<InitOutcome>;
  invoke(invocation: InvocationRequest, log: LogSink): Promise<Omit<ResultMessage, 'kind'>>;
  dispose(): void;
}

export type SandboxEngineFactory = (
  assets: EngineAssets,
  runtime: RuntimeId,
  options?: { snapshot?: Uint8Array },
) => Promise<SandboxEngine>;

/** The two ends of a worker's message channel, so the same sandbox code runs in a browser Worker and in Node's worker_threads. */
export interface SandboxEndpoint {
  post(message: SandboxToHost, transfer?: Transferable[]): void;
  listen(handler: (message: HostToSandbox) => void): void;
}

/** The host's handle on one sandbox worker: a browser Worker, or a worker_threads Worker in Node tests. */
export interface SandboxWorkerHandle {
  post(message: HostToSandbox, transfer?: Transferable[]): void;
  onMessage(handler: (message: SandboxToHost) => void): void;
  /** An uncaught error or a crash of the worker itself (not of the handler). */
  onError(handler: (message: string) => void): void;
  /** Hard stop: the only limit a runaway handler cannot dodge. */
  terminate(): void;
}

export type SandboxWorkerFactory = (engine: EngineKind) => SandboxWorkerHandle;

/**
 * The host's keeper of an engine's memory snapshot (src/runtimes/python/snapshot-store.ts):
 * `load` before a boot (undefined: this boot makes one), `offer` the `ready` answer after it,
 * `abandon` if the sandbox died first.
 */
export interface EngineSnapshotSource {
  load(): Promise<Uint8Array | undefined>;
  offer(ready: ReadyMessage): void;
  abandon(): void;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;
const isNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);
const isString = (value: unknown): value is string => typeof value === 'string';
const optional = (value: unknown, check: (v: unknown) => boolean): boolean => value === undefined || check(value);

/**
 * Is `message` a well-formed SandboxToHost? The host reads nothing else: a sandbox is
 * untrusted code's home, so whatever reaches the host from it is validated field by field
 * before it is believed (a sealed sandbox cannot post at all; this is the second wall).
 */
export function isSandboxToHost(message: unknown): message is SandboxToHost {
  if (!isRecord(message)) return false;
  const m = message;
  switch (m.kind) {
    case 'log':
      return isNumber(m.timestamp) && isString(m.message);
    case 'ready':
      return (
        isNumber(m.engineLoadMs) &&
        optional(m.bootedFrom, (v) => v === 'snapshot' || v === 'plain') &&
        optional(m.snapshot, (v) => v instanceof Uint8Array) &&
        optional(m.snapshotRefused, isString) &&
        optional(m.sealKept, (v) => Array.isArray(v) && v.every(isString))
      );
    case 'init-done':
      return (
        isNumber(m.initDurationMs) &&
        (m.ok === true || (m.ok === false && isString(m.errorType) && isString(m.errorBody)))
      );
    case 'result':
      return (
        isString(m.requestId) &&
        (m.status === 'success' || m.status === 'error') &&
        isString(m.payload) &&
        optional(m.errorType, isString) &&
        isNumber(m.durationMs) &&
        isNumber(m.maxMemoryUsedBytes) &&
        typeof m.discard === 'boolean'
      );
    case 'fatal':
      return isString(m.message);
    default:
      return false;
  }
}
